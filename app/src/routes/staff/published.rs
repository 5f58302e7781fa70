//! Designers read what moderators published for a programme: the period
//! summaries and the quotes large enough to show, never who wrote them.
use leptos::prelude::*;

use super::layout::StaffLayout;
use super::query;
use crate::api::staff::published::load_published;
use crate::components::error_message::failed_page;
use crate::i18n::use_i18n;
use crate::model::published::PublishedData;

#[component]
pub fn PublishedPage() -> impl IntoView {
    let i18n = use_i18n();
    let code = query("p");
    view! {
        <StaffLayout>
            <h1>{i18n.t("pub-title")}</h1>
            <p class="hint">{i18n.t("pub-intro")}</p>
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    match load_published(code.as_deref(), i18n.locale).await {
                        Ok(d) => view! { <Published data=d/> }.into_any(),
                        Err(e) => failed_page(e),
                    }
                })}
            </Suspense>
        </StaffLayout>
    }
}

#[component]
fn Published(data: PublishedData) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let tabs = data
        .programmes
        .iter()
        .map(|(code, name)| {
            let current = data.name.as_deref() == Some(name.as_str());
            view! { <li><a href=format!("/{lang}/staff/published?p={code}") aria-current=current.then_some("page")>{name.clone()}</a></li> }
        })
        .collect_view();
    let summaries = data
        .summaries
        .iter()
        .map(|s| {
            view! {
                <article class="summary">
                    <h3>{s.period.clone()}" "<small>{i18n.t("sum-published-on")}" "{s.published_on.clone()}</small></h3>
                    <div class="words">{s.text.clone()}</div>
                </article>
            }
        })
        .collect_view();
    let quotes = data
        .quotes
        .iter()
        .map(|(theme, month, text)| view! { <li><q class="words">{text.clone()}</q>" "<small>{theme.clone()}" · "{month.clone()}</small></li> })
        .collect_view();
    let chosen = data.name.is_some();
    view! {
        <nav aria-label=i18n.t("pub-programmes")><ul class="tabs">{tabs}</ul></nav>
        {chosen.then(|| view! {
            <h2>{data.name.clone()}</h2>
            <h2>{i18n.t("sum-title")}</h2>
            {data.summaries.is_empty().then(|| view! { <p class="empty">{i18n.t("pub-no-summaries")}</p> })}
            {summaries}
            <h2>{i18n.t("quote-title")}</h2>
            {data.quotes.is_empty().then(|| view! { <p class="empty">{i18n.t("pub-no-quotes")}</p> })}
            <ul class="quotes-list">{quotes}</ul>
        })}
    }
}
