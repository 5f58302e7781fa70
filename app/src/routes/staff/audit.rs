//! The audit log for administrators: filters, newest first, and whether the hash chain holds.
use leptos::prelude::*;

use super::layout::StaffLayout;
use super::{query, when};
use crate::api::staff::audit_log::{load_audit, AuditQuery};
use crate::components::error_message::ErrorMessage;
use crate::i18n::{use_i18n, FluentValue};

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let q = AuditQuery {
        actor: query("actor"),
        action: query("action"),
        programme: query("programme").and_then(|p| p.parse::<i64>().ok()),
        from: query("from"),
        to: query("to"),
        page: query("page").and_then(|p| p.parse::<i64>().ok()).unwrap_or(0),
    };
    view! {
        <StaffLayout>
            <h1>{i18n.t("staff-audit-title")}</h1>
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    let (actor, action, from, to) = (q.actor.clone(), q.action.clone(), q.from.clone(), q.to.clone());
                    match load_audit(&q).await {
                        Ok(d) => {
                            let chain = match d.broken_at {
                                None => view! { <p class="notice">{i18n.t("staff-audit-chain-ok")}</p> }.into_any(),
                                Some(id) => view! {
                                    <p class="error" role="alert">{i18n.t_args("staff-audit-chain-broken", &[("entry", FluentValue::from(id))])}</p>
                                }
                                .into_any(),
                            };
                            let options = d
                                .actions
                                .iter()
                                .map(|a| {
                                    let selected = action.as_deref() == Some(a.as_str());
                                    view! { <option value=a.clone() selected=selected>{i18n.t(&format!("audit-{a}"))}</option> }
                                })
                                .collect_view();
                            let rows = d
                                .entries
                                .iter()
                                .map(|e| view! {
                                    <tr>
                                        <td>{when(e.at)}</td>
                                        <td>{e.actor.clone().unwrap_or_else(|| i18n.t("audit-actor-none"))}</td>
                                        <td>{i18n.t(&format!("audit-{}", e.action))}</td>
                                        <td>{e.programme.clone().unwrap_or_default()}</td>
                                        <td>{e.target.clone().unwrap_or_default()}</td>
                                        <td>{e.detail.as_deref().map(|d| detail_text(&e.action, d)).unwrap_or_default()}</td>
                                    </tr>
                                })
                                .collect_view();
                            let programme_options = d
                                .programmes
                                .iter()
                                .map(|(id, name)| {
                                    let selected = q.programme == Some(*id);
                                    view! { <option value=id.to_string() selected=selected>{name.clone()}</option> }
                                })
                                .collect_view();
                            let more = d.has_more.then(|| {
                                let next = format!("/{lang}/staff/audit?{}", older_query(&q));
                                view! { <p><a href=next rel="next">{i18n.t("staff-older")}</a></p> }
                            });
                            view! {
                                {chain}
                                <form method="get" action=format!("/{lang}/staff/audit") class="filters">
                                    <label for="f-actor">{i18n.t("staff-audit-actor")}</label>
                                    <input id="f-actor" name="actor" type="email" value=actor.clone()/>
                                    <label for="f-action">{i18n.t("staff-audit-action")}</label>
                                    <select id="f-action" name="action"><option value="">{i18n.t("staff-audit-any")}</option>{options}</select>
                                    <label for="f-from">{i18n.t("staff-audit-from")}</label>
                                    <input id="f-from" name="from" type="date" value=from.clone()/>
                                    <label for="f-to">{i18n.t("staff-audit-to")}</label>
                                    <input id="f-to" name="to" type="date" value=to.clone()/>
                                    <label for="f-programme">{i18n.t("staff-col-programme")}</label>
                                    <select id="f-programme" name="programme"><option value="">{i18n.t("staff-audit-any")}</option>{programme_options}</select>
                                    <p><button type="submit">{i18n.t("staff-audit-filter")}</button></p>
                                </form>
                                <table class="data audit">
                                    <thead>
                                        <tr>
                                            <th scope="col">{i18n.t("staff-col-time")}</th>
                                            <th scope="col">{i18n.t("staff-audit-actor")}</th>
                                            <th scope="col">{i18n.t("staff-audit-action")}</th>
                                            <th scope="col">{i18n.t("staff-col-programme")}</th>
                                            <th scope="col">{i18n.t("staff-col-target")}</th>
                                            <th scope="col">{i18n.t("staff-col-detail")}</th>
                                        </tr>
                                    </thead>
                                    <tbody>{rows}</tbody>
                                </table>
                                {more}
                            }
                            .into_any()
                        }
                        Err(e) => view! { <ErrorMessage error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </StaffLayout>
    }
}

/// The next page's query: every filter kept, each value URL-encoded.
fn older_query(q: &AuditQuery) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (name, value) in [("actor", &q.actor), ("action", &q.action), ("from", &q.from), ("to", &q.to)] {
        if let Some(v) = value {
            out.append_pair(name, v);
        }
    }
    if let Some(p) = q.programme {
        out.append_pair("programme", &p.to_string());
    }
    out.append_pair("page", &(q.page + 1).to_string());
    out.finish()
}

/// Details are stored as keys (a role, how someone signed in, on/off, a count)
/// and shown translated.
fn detail_text(action: &str, detail: &str) -> String {
    let i18n = use_i18n();
    if let Some(role) = crate::model::staff::Role::parse(detail) {
        return i18n.t(&format!("role-{}", role.key()));
    }
    if action == "sign_out_everywhere" {
        if let Ok(n) = detail.parse::<i64>() {
            return i18n.t_args("audit-detail-sessions", &[("n", FluentValue::from(n))]);
        }
    }
    // An action's words saved: their language and the status it was given.
    if let (true, Some((lang, state))) = (action.starts_with("action_"), detail.split_once(':')) {
        if siang_storage::ACTION_STATES.contains(&state) {
            return format!(
                "{} · {}",
                super::moderation::language_name(lang),
                i18n.t(&format!("heard-state-{state}"))
            );
        }
    }
    if action == "submission_coded" {
        if let Ok(n) = detail.parse::<i64>() {
            return i18n.t_args("audit-detail-codes", &[("n", FluentValue::from(n))]);
        }
    }
    let key = format!("audit-detail-{detail}");
    if crate::i18n::CATALOG.has(i18n.locale, &key) {
        i18n.t(&key)
    } else {
        detail.to_owned()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_older_link_keeps_every_filter_encoded() {
        let q = super::AuditQuery {
            actor: Some("a+b@x.org".into()),
            action: Some("sign_in".into()),
            programme: Some(7),
            from: Some("2026-01-01".into()),
            to: None,
            page: 2,
        };
        assert_eq!(
            super::older_query(&q),
            "actor=a%2Bb%40x.org&action=sign_in&from=2026-01-01&programme=7&page=3"
        );
    }
}
