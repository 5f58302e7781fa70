//! The urgent view: every open safeguarding concern of the programmes the
//! moderator may see, the oldest unacknowledged first, with the 24-hour
//! target and the late ones marked in words (not by colour alone).
use leptos::prelude::*;

use super::layout::StaffLayout;
use super::query;
use crate::api::staff::safeguarding::load_urgent;
use crate::components::error_message::failed_page;
use crate::i18n::{use_i18n, FluentValue};
use crate::model::safeguarding::{ConcernItem, Target};

/// "Overdue by 7 h" or "18 h left", or nothing once acknowledged.
pub fn target_text(t: &Target) -> Option<String> {
    let i18n = use_i18n();
    match (t.overdue_hours, t.hours_left) {
        (Some(h), _) => Some(i18n.t_args("sg-overdue", &[("hours", FluentValue::from(h))])),
        (None, Some(h)) => Some(i18n.t_args("sg-hours-left", &[("hours", FluentValue::from(h))])),
        _ => None,
    }
}

#[component]
pub fn UrgentPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let closed = query("show").as_deref() == Some("closed");
    let tab = move |key: &'static str, href: String, current: bool| {
        view! { <a href=href aria-current=current.then_some("page")>{i18n.t(key)}</a> }
    };
    view! {
        <StaffLayout>
            <h1>{i18n.t("sg-title")}</h1>
            <p class="hint">{i18n.t("sg-intro")}</p>
            <nav class="tabs" aria-label=i18n.t("sg-title")>
                {tab("sg-tab-open", format!("/{lang}/staff/safeguarding"), !closed)}
                {tab("sg-tab-closed", format!("/{lang}/staff/safeguarding?show=closed"), closed)}
            </nav>
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    match load_urgent(closed).await {
                        Ok(d) if d.items.is_empty() => view! { <p class="empty">{i18n.t("sg-none")}</p> }.into_any(),
                        Ok(d) => view! { <Concerns items=d.items/> }.into_any(),
                        Err(e) => failed_page(e),
                    }
                })}
            </Suspense>
        </StaffLayout>
    }
}

#[component]
fn Concerns(items: Vec<ConcernItem>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let rows = items
        .into_iter()
        .map(|c| {
            let late = c.target.overdue_hours.is_some();
            let target = target_text(&c.target);
            view! {
                <tr class:overdue=late>
                    <th scope="row"><a href=format!("/{lang}/staff/safeguarding/case?id={}", c.reference)><code>{c.reference.clone()}</code></a></th>
                    <td>{c.programme.clone()}</td>
                    <td>{i18n.t(&format!("sg-source-{}", c.source))}</td>
                    <td class="state">{i18n.t(&format!("sg-state-{}", c.state))}</td>
                    <td>{c.raised.clone()}</td>
                    <td>
                        {c.acknowledged.clone().unwrap_or_else(|| c.target.due.clone())}
                        {target.map(|t| view! { <br/><strong class:late=late>{t}</strong> })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="data concerns">
                <thead><tr>
                    <th scope="col">{i18n.t("sg-col-reference")}</th>
                    <th scope="col">{i18n.t("sg-col-programme")}</th>
                    <th scope="col">{i18n.t("sg-col-source")}</th>
                    <th scope="col">{i18n.t("sg-col-state")}</th>
                    <th scope="col">{i18n.t("sg-col-raised")}</th>
                    <th scope="col">{i18n.t("sg-col-acknowledge")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
