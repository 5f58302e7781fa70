//! `/:lang/staff/questionnaires`: every questionnaire an administrator may
//! use or change, its live version and whether a draft is waiting, and a
//! new questionnaire started from the default question bank.
use leptos::prelude::*;

use super::layout::StaffLayout;
use super::{done_notice, staff_form};
use crate::api::staff::questionnaire_load::load_questionnaires;
use crate::components::error_message::failed_page;
use crate::i18n::{use_i18n, FluentValue};
use crate::model::questionnaire_admin::QuestionnairesData;

#[component]
pub fn QuestionnairesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <StaffLayout>
            <h1>{i18n.t("qn-title")}</h1>
            <p class="lead">{i18n.t("qn-intro")}</p>
            {done_notice()}
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    match load_questionnaires().await {
                        Ok(d) => view! { <List data=d/> }.into_any(),
                        Err(e) => failed_page(e),
                    }
                })}
            </Suspense>
        </StaffLayout>
    }
}

#[component]
fn List(data: QuestionnairesData) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let form = staff_form();
    let rows = data
        .items
        .into_iter()
        .map(|q| {
            let owner = q.organisation.clone().unwrap_or_else(|| i18n.t("qn-installation"));
            let live = match q.live_version {
                Some(v) => i18n.t_args("qn-live-version", &[("version", FluentValue::from(v))]),
                None => i18n.t("qn-not-live"),
            };
            view! {
                <tr>
                    <th scope="row"><a href=format!("/{lang}/staff/questionnaires/edit?q={}", q.id)>{q.name}</a></th>
                    <td>{owner}</td>
                    <td>{live}</td>
                    <td>{q.has_draft.then(|| i18n.t("qn-draft-waiting"))}</td>
                    <td>{q.programmes}</td>
                </tr>
            }
        })
        .collect_view();
    let owners = data
        .owners
        .clone()
        .into_iter()
        .map(|(id, name)| {
            let value = id.map(|i| i.to_string()).unwrap_or_default();
            let label = if id.is_none() { i18n.t("qn-installation") } else { name };
            view! { <option value=value>{label}</option> }
        })
        .collect_view();
    let report = import_report();
    let owners_again = owners.clone();
    view! {
        {form.error.clone().map(failed_page)}
        {report}
        <div class="table-wrap">
            <table class="data questionnaires">
                <thead>
                    <tr>
                        <th scope="col">{i18n.t("qn-col-name")}</th>
                        <th scope="col">{i18n.t("qn-col-owner")}</th>
                        <th scope="col">{i18n.t("qn-col-live")}</th>
                        <th scope="col">{i18n.t("qn-col-draft")}</th>
                        <th scope="col">{i18n.t("qn-col-programmes")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <section class="setup-form" id="new">
            <h2>{i18n.t("qn-new")}</h2>
            <p class="hint">{i18n.t("qn-new-hint")}</p>
            <form method="post" action=format!("/{lang}/staff/questionnaires/create") class="inline-row">
                <label for="qn-owner">{i18n.t("qn-col-owner")}</label>
                <select id="qn-owner" name="owner">{owners}</select>
                <label for="qn-name">{i18n.t("qn-col-name")}</label>
                <input id="qn-name" name="name" type="text" required maxlength="120" value=form.value("name").unwrap_or_default()/>
                <button type="submit">{i18n.t("qn-create")}</button>
            </form>
        </section>
        <section class="setup-form" id="import">
            <h2>{i18n.t("qn-import")}</h2>
            <p class="hint">{i18n.t("qn-import-hint")}</p>
            <form method="post" action=format!("/{lang}/staff/questionnaires/import") enctype="multipart/form-data" class="inline-row">
                <label for="qn-import-owner">{i18n.t("qn-col-owner")}</label>
                <select id="qn-import-owner" name="owner">{owners_again}</select>
                <label for="qn-import-file">{i18n.t("qn-import-file")}</label>
                <input id="qn-import-file" name="file" type="file" required
                    accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>
                <button type="submit">{i18n.t("qn-import-button")}</button>
            </form>
        </section>
    }
}

/// After an import: how many questions came in, a link to the draft, and
/// each row that was skipped with its reason.
fn import_report() -> Option<impl IntoView> {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let form = staff_form();
    let imported: usize = form.value("imported")?.parse().ok()?;
    let draft = form.value("imported_q").map(|q| {
        view! { <a href=format!("/{lang}/staff/questionnaires/edit?q={q}")>{i18n.t("qn-import-open")}</a> }
    });
    let rows = form
        .values
        .iter()
        .filter(|(k, _)| k == "problem")
        .map(|(_, v)| {
            let parts: Vec<&str> = v.splitn(4, '|').collect();
            let [sheet, row, key, detail] = parts[..] else { return ().into_any() };
            let reason = i18n.t_args(key, &[("detail", FluentValue::from(detail.to_owned()))]);
            let line = i18n.t_args(
                "xlsform-row",
                &[
                    ("sheet", FluentValue::from(sheet.to_owned())),
                    ("row", FluentValue::from(row.to_owned())),
                    ("reason", FluentValue::from(reason)),
                ],
            );
            view! { <li>{line}</li> }.into_any()
        })
        .collect_view();
    Some(view! {
        <section class="notice" role="status" id="import-report">
            <p>{i18n.t_args("qn-import-done", &[("n", FluentValue::from(imported))])}" "{draft}</p>
            <p>{i18n.t("qn-import-skipped")}</p>
            <ul>{rows}</ul>
        </section>
    })
}
