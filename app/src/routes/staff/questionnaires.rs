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
        .into_iter()
        .map(|(id, name)| {
            let value = id.map(|i| i.to_string()).unwrap_or_default();
            let label = if id.is_none() { i18n.t("qn-installation") } else { name };
            view! { <option value=value>{label}</option> }
        })
        .collect_view();
    view! {
        {form.error.clone().map(failed_page)}
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
    }
}
