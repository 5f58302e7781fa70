//! The moderator's desk: the programmes they review with counts per state,
//! and one programme's queue with its filters. Plain links and a GET form,
//! so it works the same with JavaScript off.
use leptos::prelude::*;

use super::layout::StaffLayout;
use super::query;
use crate::api::staff::moderation::{load_moderation_home, load_queue};
use crate::components::error_message::{failed_page, ErrorMessage};
use crate::i18n::{use_i18n, I18n, Locale};
use crate::model::moderation::*;

/// A language named in itself ("ខ្មែរ"), as a moderator meets it in the data.
pub fn language_name(tag: &str) -> String {
    let i18n = use_i18n();
    Locale::from_tag(tag)
        .map_or_else(|| tag.to_owned(), |l| I18n { locale: l, markers: i18n.markers }.t("language-self-name"))
}

#[component]
pub fn ModerationPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    view! {
        <StaffLayout>
            <h1>{i18n.t("mod-title")}</h1>
            <p class="lead">{i18n.t("mod-intro")}</p>
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    match load_moderation_home().await {
                        Ok(list) if list.is_empty() => view! { <p>{i18n.t("mod-none")}</p> }.into_any(),
                        Ok(list) => {
                            let heads = STATES.iter().map(|s| view! { <th scope="col" class="num">{i18n.t(&format!("mod-state-{s}"))}</th> }).collect_view();
                            let rows = list
                                .into_iter()
                                .map(|p| {
                                    let cells = p
                                        .counts
                                        .iter()
                                        .map(|(s, n)| {
                                            let href = format!("/{lang}/staff/moderation/queue?{}", QueueQuery { programme: p.code.clone(), state: Some(s.clone()), ..Default::default() }.to_query(0));
                                            view! { <td class="num"><a href=href>{*n}</a></td> }
                                        })
                                        .collect_view();
                                    let all = format!("/{lang}/staff/moderation/queue?{}", QueueQuery { programme: p.code.clone(), ..Default::default() }.to_query(0));
                                    view! { <tr><th scope="row"><a href=all>{p.name.clone()}</a>" "<small>{p.code.clone()}</small></th>{cells}</tr> }
                                })
                                .collect_view();
                            view! {
                                <div class="table-wrap">
                                    <table class="data">
                                        <thead><tr><th scope="col">{i18n.t("staff-col-programme")}</th>{heads}</tr></thead>
                                        <tbody>{rows}</tbody>
                                    </table>
                                </div>
                                <p class="hint">{i18n.t("mod-batch-note")}</p>
                            }
                            .into_any()
                        }
                        Err(e) => failed_page(e),
                    }
                })}
            </Suspense>
        </StaffLayout>
    }
}

fn queue_query() -> QueueQuery {
    QueueQuery {
        programme: query("p").unwrap_or_default(),
        state: query("state").filter(|s| STATES.contains(&s.as_str())),
        version: query("version").and_then(|v| v.parse().ok()),
        lang: query("lang").filter(|l| Locale::from_tag(l).is_some()),
        rating: rating_range(query("rating").as_deref()),
        text: yes_no(query("text").as_deref()),
        suspected: yes_no(query("suspected").as_deref()),
        code: query("code").and_then(|c| c.parse().ok()),
        page: query("page").and_then(|p| p.parse().ok()).unwrap_or(0),
    }
}

#[component]
pub fn QueuePage() -> impl IntoView {
    let i18n = use_i18n();
    let q = queue_query();
    view! {
        <StaffLayout>
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    match load_queue(&q, i18n.locale).await {
                        Ok(d) => view! { <Queue data=d q=q.clone()/> }.into_any(),
                        Err(e) => {
                            crate::routes::set_status(e.status());
                            view! { <h1>{i18n.t("mod-title")}</h1><ErrorMessage error=e/> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </StaffLayout>
    }
}

#[component]
fn Queue(data: QueueData, q: QueueQuery) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let base = format!("/{lang}/staff/moderation/queue");
    let tabs = std::iter::once((None, data.counts.iter().map(|(_, n)| n).sum::<i64>()))
        .chain(data.counts.iter().map(|(s, n)| (Some(s.clone()), *n)))
        .map(|(s, n)| {
            let label =
                s.as_ref().map_or_else(|| i18n.t("mod-state-all"), |s| i18n.t(&format!("mod-state-{s}")));
            let current = (s == q.state).then_some("page");
            let href = format!("{base}?{}", QueueQuery { state: s, page: 0, ..q.clone() }.to_query(0));
            view! { <li><a href=href aria-current=current>{label}" "<span class="badge">{n}</span></a></li> }
        })
        .collect_view();
    let rows = data
        .items
        .iter()
        .map(|it| {
            let href = format!("/{lang}/staff/moderation/submission?id={}", it.reference);
            let marks = view! {
                {it.has_text.then(|| view! { <span class="badge">{i18n.t("mod-has-text")}</span> })}
                {it.suspected.then(|| view! { <span class="badge warn">{i18n.t("mod-suspected")}</span> })}
                {(it.replies > 0).then(|| view! { <span class="badge">{i18n.t("mod-replied")}</span> })}
            };
            view! {
                <tr>
                    <td><a href=href><code>{it.reference.clone()}</code></a></td>
                    <td>{it.day.clone()}</td>
                    <td lang=it.locale.clone()>{language_name(&it.locale)}</td>
                    <td class="num">{it.version}</td>
                    <td>{i18n.t(&format!("mod-state-{}", it.state))}</td>
                    <td>{marks}</td>
                </tr>
            }
        })
        .collect_view();
    let empty = data.items.is_empty().then(|| view! { <p>{i18n.t("mod-queue-empty")}</p> });
    let more = data.has_more.then(|| {
        let next = format!("{base}?{}", q.to_query(q.page + 1));
        view! { <p><a href=next rel="next">{i18n.t("mod-more")}</a></p> }
    });
    view! {
        <p class="crumbs"><a href=format!("/{lang}/staff/moderation")>{i18n.t("mod-title")}</a></p>
        <h1>{data.name.clone()}" "<small>{data.code.clone()}</small></h1>
        <p>
            <a href=format!("/{lang}/staff/moderation/quotes?p={}", data.code)>{i18n.t("quote-title")}</a>" · "
            <a href=format!("/{lang}/staff/moderation/summaries?p={}", data.code)>{i18n.t("sum-title")}</a>
        </p>
        <nav aria-label=i18n.t("mod-states-label")><ul class="tabs">{tabs}</ul></nav>
        <Filters data=data.clone() q=q.clone()/>
        <div class="table-wrap">
            <table class="data queue">
                <thead>
                    <tr>
                        <th scope="col">{i18n.t("mod-col-reference")}</th>
                        <th scope="col">{i18n.t("mod-col-day")}</th>
                        <th scope="col">{i18n.t("mod-col-language")}</th>
                        <th scope="col" class="num">{i18n.t("mod-col-version")}</th>
                        <th scope="col">{i18n.t("mod-col-state")}</th>
                        <th scope="col">{i18n.t("mod-col-marks")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {empty}
        {more}
        <p class="hint">{i18n.t("mod-batch-note")}</p>
    }
}

#[component]
fn Filters(data: QueueData, q: QueueQuery) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let any = i18n.t("staff-audit-any");
    let opt = move |value: String, label: String, selected: bool| view! { <option value=value selected=selected>{label}</option> };
    let versions = data
        .versions
        .iter()
        .map(|(id, n)| opt(id.to_string(), n.to_string(), q.version == Some(*id)))
        .collect_view();
    let langs = data
        .locales
        .iter()
        .map(|l| opt(l.clone(), language_name(l), q.lang.as_deref() == Some(l)))
        .collect_view();
    let ratings =
        [((1, 2), "low"), ((3, 3), "middle"), ((4, 5), "high"), ((1, 1), "lowest"), ((5, 5), "highest")]
            .into_iter()
            .map(|((lo, hi), name)| {
                opt(format!("{lo}-{hi}"), i18n.t(&format!("mod-rating-{name}")), q.rating == Some((lo, hi)))
            })
            .collect_view();
    // Grouped by facet, the themes last (the filter asked for most).
    let retired_mark = i18n.t("code-retired-mark");
    let codes = siang_storage::FACETS
        .iter()
        .map(|facet| {
            let options = data
                .codes
                .iter()
                .filter(|c| c.facet == *facet)
                .map(|c| {
                    // Retired codes stay findable: old submissions carry them.
                    let label =
                        if c.retired { format!("{} ({})", c.label, retired_mark) } else { c.label.clone() };
                    opt(c.id.to_string(), label, q.code == Some(c.id))
                })
                .collect_view();
            view! { <optgroup label=i18n.t(&format!("code-facet-{facet}"))>{options}</optgroup> }
        })
        .collect_view();
    let yes_no_select = |name: &'static str, value: Option<bool>| {
        view! {
            <select id=format!("f-{name}") name=name>
                <option value="">{any.clone()}</option>
                <option value="yes" selected=value == Some(true)>{i18n.t("mod-yes")}</option>
                <option value="no" selected=value == Some(false)>{i18n.t("mod-no")}</option>
            </select>
        }
    };
    view! {
        <form method="get" action=format!("/{lang}/staff/moderation/queue") class="filters">
            <input type="hidden" name="p" value=q.programme.clone()/>
            {q.state.clone().map(|s| view! { <input type="hidden" name="state" value=s/> })}
            <div><label for="f-version">{i18n.t("mod-col-version")}</label>
                <select id="f-version" name="version"><option value="">{any.clone()}</option>{versions}</select></div>
            <div><label for="f-lang">{i18n.t("mod-col-language")}</label>
                <select id="f-lang" name="lang"><option value="">{any.clone()}</option>{langs}</select></div>
            <div><label for="f-rating">{i18n.t("mod-filter-rating")}</label>
                <select id="f-rating" name="rating"><option value="">{any.clone()}</option>{ratings}</select></div>
            <div><label for="f-text">{i18n.t("mod-filter-text")}</label>{yes_no_select("text", q.text)}</div>
            <div><label for="f-suspected">{i18n.t("mod-filter-suspected")}</label>{yes_no_select("suspected", q.suspected)}</div>
            <div><label for="f-code">{i18n.t("mod-filter-code")}</label>
                <select id="f-code" name="code"><option value="">{any.clone()}</option>{codes}</select></div>
            <div><button type="submit" class="small">{i18n.t("staff-audit-filter")}</button></div>
        </form>
    }
}
