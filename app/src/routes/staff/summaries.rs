//! A programme's summary of a period for its moderators: pick the period,
//! draft a starting point from the data, edit and save (each save a
//! version), publish to designers; the versions with who and when.
use leptos::prelude::*;

use super::layout::StaffLayout;
use super::{done_notice, query, staff_form};
use crate::api::staff::summaries::load_summary;
use crate::components::error_message::ErrorMessage;
use crate::components::escape_html;
use crate::i18n::use_i18n;
use crate::model::summaries::{SummaryPage, SUMMARY_MAX};

#[component]
pub fn SummariesPage() -> impl IntoView {
    let i18n = use_i18n();
    let form = staff_form();
    let code = query("p").or_else(|| form.value("p"));
    let period = query("period").or_else(|| form.value("period"));
    let refused = form.error.clone().filter(|_| code.is_none());
    view! {
        <StaffLayout>
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    let loaded = match (refused.clone(), code.clone()) {
                        (Some(e), _) => Err(e),
                        (None, c) => load_summary(&c.unwrap_or_default(), period.as_deref()).await,
                    };
                    match loaded {
                        Ok(d) => view! { <Summary data=d/> }.into_any(),
                        Err(e) => {
                            crate::routes::set_status(e.status());
                            view! { <h1>{i18n.t("sum-title")}</h1><ErrorMessage error=e/> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </StaffLayout>
    }
}

#[component]
fn Summary(data: SummaryPage) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let form = staff_form();
    let error = form.error.clone().map(|e| {
        crate::routes::set_status(e.status());
        view! { <ErrorMessage error=e/> }
    });
    let periods = data
        .periods
        .iter()
        .map(|p| view! { <option value=p.clone() selected=*p == data.period>{p.clone()}</option> })
        .collect_view();
    let status = match (data.state.as_deref(), data.published_on.clone()) {
        (Some("published"), Some(on)) => format!("{} {on}", i18n.t("sum-published-on")),
        (Some(_), Some(on)) => format!("{} {on}", i18n.t("sum-newer-draft")),
        (Some(_), None) => i18n.t("sum-draft"),
        (None, _) => i18n.t("sum-none"),
    };
    let (code, period) = (data.code.clone(), data.period.clone());
    let hidden = move || {
        view! {
            <input type="hidden" name="p" value=code.clone()/>
            <input type="hidden" name="period" value=period.clone()/>
        }
    };
    let body = form.value("body").or(data.text.clone());
    let editor = body.clone().map(|b| {
        view! {
            <form method="post" action=format!("/{lang}/staff/moderation/summary-save") class="summary-form">
                {hidden()}
                <label for="summary-body">{i18n.t("sum-text")}</label>
                <p class="hint">{i18n.t("sum-text-hint")}</p>
                // Leptos does not escape <textarea> children on the server: escape here.
                <textarea id="summary-body" name="body" rows="16" maxlength=SUMMARY_MAX.to_string()
                    inner_html=escape_html(&b)></textarea>
                <p><button type="submit">{i18n.t("sum-save")}</button></p>
            </form>
            <form method="post" action=format!("/{lang}/staff/moderation/summary-publish")>
                {hidden()}
                <p><button type="submit" class="secondary">{i18n.t("sum-publish")}</button></p>
            </form>
        }
    });
    let versions = data
        .versions
        .iter()
        .map(|(who, when, text)| {
            view! {
                <li>
                    <details>
                        <summary>{when.clone()}" · "{who.clone()}</summary>
                        <pre class="words">{text.clone()}</pre>
                    </details>
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="crumbs"><a href=format!("/{lang}/staff/moderation")>{i18n.t("mod-title")}</a></p>
        <h1>{i18n.t("sum-title")}": "{data.name.clone()}" "<small>{data.code.clone()}</small></h1>
        {done_notice()}
        {error}
        <form method="get" action=format!("/{lang}/staff/moderation/summaries") class="filters">
            <input type="hidden" name="p" value=data.code.clone()/>
            <div><label for="period">{i18n.t("sum-period")}</label>
                <select id="period" name="period">{periods}</select></div>
            <div><button type="submit" class="small">{i18n.t("sum-show")}</button></div>
        </form>
        <p class="status"><strong>{status}</strong></p>
        <form method="post" action=format!("/{lang}/staff/moderation/summary-draft")>
            {hidden()}
            <p class="hint">{i18n.t("sum-draft-hint")}</p>
            <p><button type="submit" class=if body.is_some() { "small secondary" } else { "small" }>{i18n.t("sum-make-draft")}</button></p>
        </form>
        {editor}
        {(!data.versions.is_empty()).then(|| view! { <h2>{i18n.t("sum-versions")}</h2> })}
        <ol class="versions">{versions}</ol>
    }
}
