//! The set-up half of the programmes page: organisations (added by
//! installation administrators, renamed by their own) and a new programme
//! in one of them. The form comes back with what was typed after a refusal.
use leptos::prelude::*;

use super::programme_fields::{Details, DetailsFields};
use super::staff_form;
use crate::components::error_message::failed_page;
use crate::i18n::use_i18n;
use crate::model::programme_admin::SetupChoices;

#[component]
pub fn SetupSection(choices: SetupChoices) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let form = staff_form();
    let error = form.error.clone().map(failed_page);
    let rows = choices
        .organisations
        .iter()
        .map(|o| {
            let id = format!("org-name-{}", o.id);
            view! {
                <tr>
                    <td>
                        <form method="post" action=format!("/{lang}/staff/organisations/rename") class="inline-row">
                            <input type="hidden" name="org" value=o.id.to_string()/>
                            <label for=id.clone() class="visually-hidden">{i18n.t("setup-organisation-name")}</label>
                            <input type="text" id=id name="name" required maxlength="120" value=o.name.clone()/>
                            <button type="submit" class="small secondary">{i18n.t("setup-organisation-rename")}</button>
                        </form>
                    </td>
                    <td><code>{o.slug.clone()}</code></td>
                </tr>
            }
        })
        .collect_view();
    let add_org = choices.can_add_organisation.then(|| {
        view! {
            <form method="post" action=format!("/{lang}/staff/organisations/create") class="inline-row">
                <label for="new-org">{i18n.t("setup-organisation-add")}</label>
                <input type="text" id="new-org" name="name" required maxlength="120"/>
                <button type="submit" class="small">{i18n.t("setup-organisation-add-button")}</button>
            </form>
        }
    });
    let orgs = choices
        .organisations
        .iter()
        .map(|o| {
            let chosen = form.value("org").is_some_and(|v| v == o.id.to_string());
            view! { <option value=o.id.to_string() selected=chosen>{o.name.clone()}</option> }
        })
        .collect_view();
    let values = Details { languages: vec!["en".into()], ..Default::default() }.typed_over(&form);
    let new_programme = (!choices.organisations.is_empty()).then(|| {
        view! {
            <section class="setup-form" id="new-programme">
                <h2>{i18n.t("setup-new-programme")}</h2>
                <p class="hint">{i18n.t("setup-new-programme-hint")}</p>
                <form method="post" action=format!("/{lang}/staff/programmes/create") class="stack">
                    <label for="org">{i18n.t("setup-organisation")}</label>
                    <select id="org" name="org">{orgs}</select>
                    <DetailsFields values=values questionnaires=choices.questionnaires.clone() dates=false/>
                    <p><button type="submit">{i18n.t("setup-create")}</button></p>
                </form>
            </section>
        }
    });
    view! {
        {error}
        <section class="setup-form" id="organisations">
            <h2>{i18n.t("setup-organisations")}</h2>
            <p class="hint">{i18n.t("setup-organisations-hint")}</p>
            <div class="table-wrap" tabindex="0">
                <table class="data">
                    <thead><tr><th scope="col">{i18n.t("setup-organisation-name")}</th><th scope="col">{i18n.t("setup-organisation-slug")}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {add_org}
        </section>
        {new_programme}
    }
}
