//! `/:lang/staff/retention`: how long each organisation keeps young
//! people's words, their responses and closed safeguarding records; what
//! the next daily run deletes, what follows in the next 30 days, and when
//! each kind is next due. Administrators change the rules here.
use leptos::prelude::*;

use super::layout::StaffLayout;
use super::{done_notice, staff_form};
use crate::api::staff::retention::load_retention;
use crate::components::error_message::failed_page;
use crate::i18n::{use_i18n, FluentValue};
use crate::model::retention::{Counts, RetentionData, RetentionRow};

#[component]
pub fn RetentionPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <StaffLayout>
            <h1>{i18n.t("retention-title")}</h1>
            <p class="lead">{i18n.t("retention-intro")}</p>
            {done_notice()}
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    match load_retention().await {
                        Ok(d) => view! { <Rules data=d/> }.into_any(),
                        Err(e) => failed_page(e),
                    }
                })}
            </Suspense>
        </StaffLayout>
    }
}

fn counted(c: Counts) -> String {
    let i18n = use_i18n();
    i18n.t_args(
        "retention-counts",
        &[
            ("texts", FluentValue::from(c.texts)),
            ("responses", FluentValue::from(c.responses)),
            ("concerns", FluentValue::from(c.concerns)),
        ],
    )
}

fn next_dates(r: &RetentionRow) -> impl IntoView {
    let i18n = use_i18n();
    let line = |key: &str, day: &Option<String>| {
        day.clone().map(|d| view! { <li>{i18n.t_args(key, &[("day", FluentValue::from(d))])}</li> })
    };
    let open = (r.open_past > 0).then(|| {
        view! { <li class="note">{i18n.t_args("retention-open-kept", &[("n", FluentValue::from(r.open_past))])}</li> }
    });
    let nothing = (r.next_text.is_none() && r.next_response.is_none() && r.next_concern.is_none())
        .then(|| view! { <li>{i18n.t("retention-next-none")}</li> });
    view! {
        <ul class="plain">
            {line("retention-next-text", &r.next_text)}
            {line("retention-next-response", &r.next_response)}
            {line("retention-next-concern", &r.next_concern)}
            {nothing}
            {open}
        </ul>
    }
}

fn rule_form(r: &RetentionRow) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let form = staff_form();
    let org = r.organisation_id.map(|id| id.to_string()).unwrap_or_default();
    // After a refused post, this row's form shows what was typed.
    let typed = form.error.is_some() && form.value("org").unwrap_or_default() == org;
    let v = |k: &str, stored: i64| if typed { form.value(k).unwrap_or_default() } else { stored.to_string() };
    let id = |f: &str| format!("r{}-{f}", if org.is_empty() { "default" } else { org.as_str() });
    let field = |name: &str, label: &str, value: String, (min, max): (i64, i64)| {
        view! {
            <div class="field">
                <label for=id(name)>{i18n.t(label)}</label>
                <input id=id(name) name=name.to_owned() type="number" inputmode="numeric" min=min max=max required value=value/>
            </div>
        }
    };
    view! {
        <form method="post" action=format!("/{lang}/staff/retention/save") class="inline-row retention-form">
            <input type="hidden" name="org" value=org.clone()/>
            {field("free_text", "retention-free-text", v("free_text", r.free_text_months), (1, 120))}
            {field("responses", "retention-responses", v("responses", r.submission_months), (1, 240))}
            {field("safeguarding", "retention-safeguarding", v("safeguarding", r.safeguarding_months), (12, 300))}
            <button type="submit" class="small">{i18n.t("retention-save")}</button>
        </form>
    }
}

#[component]
fn Rules(data: RetentionData) -> impl IntoView {
    let i18n = use_i18n();
    let form = staff_form();
    let error = form.error.clone().map(failed_page);
    let last = match &data.last_run {
        Some(d) => i18n.t_args("retention-last-run", &[("day", FluentValue::from(d.clone()))]),
        None => i18n.t("retention-never-run"),
    };
    let default = data.rows.iter().find(|r| r.organisation_id.is_none()).cloned().map(|r| {
        view! {
            <section class="setup-form" id="default">
                <h2>{i18n.t("retention-default")}</h2>
                <p class="hint">{i18n.t("retention-default-hint")}</p>
                {rule_form(&r)}
            </section>
        }
    });
    let rows = data
        .rows
        .iter()
        .filter(|r| r.organisation_id.is_some())
        .map(|r| {
            let rule = if r.own { "retention-own-rule" } else { "retention-default-rule" };
            view! {
                <tr>
                    <th scope="row">{r.name.clone()}<br/><span class="hint">{i18n.t(rule)}</span></th>
                    <td>{counted(r.due)}</td>
                    <td>{counted(r.soon)}</td>
                    <td>{next_dates(r)}</td>
                    <td>{rule_form(r)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {error}
        <p>{last}" "<span class="hint">{i18n.t("retention-schedule")}</span></p>
        {default}
        <section id="organisations">
            <h2>{i18n.t("retention-organisations")}</h2>
            <div class="table-wrap">
                <table class="data retention">
                    <thead>
                        <tr>
                            <th scope="col">{i18n.t("retention-col-organisation")}</th>
                            <th scope="col">{i18n.t("retention-col-due")}</th>
                            <th scope="col">{i18n.t("retention-col-soon")}</th>
                            <th scope="col">{i18n.t("retention-col-next")}</th>
                            <th scope="col">{i18n.t("retention-col-rule")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
        <p class="hint">{i18n.t("retention-kept")}</p>
    }
}
