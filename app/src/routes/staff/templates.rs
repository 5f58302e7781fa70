//! Reply templates for administrators: what exists in which language, what
//! is still missing, and one plain form to add, change or delete a text.
use leptos::prelude::*;

use super::layout::StaffLayout;
use super::moderation::language_name;
use super::{done_notice, query, staff_form};
use crate::api::staff::moderation_actions::REPLY_MAX;
use crate::api::staff::templates::load_templates;
use crate::components::error_message::{failed_page, ErrorMessage};
use crate::components::escape_html;
use crate::i18n::{use_i18n, Locale};
use crate::model::templates::{TemplatesData, TITLE_MAX};

#[component]
pub fn TemplatesPage() -> impl IntoView {
    let i18n = use_i18n();
    let edit = query("edit").and_then(|e| e.parse::<i64>().ok());
    view! {
        <StaffLayout>
            <h1>{i18n.t("tpl-title")}</h1>
            <p class="hint">{i18n.t("tpl-intro")}</p>
            {done_notice()}
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    match load_templates(edit).await {
                        Ok(d) => view! { <Templates data=d/> }.into_any(),
                        Err(e) => failed_page(e),
                    }
                })}
            </Suspense>
        </StaffLayout>
    }
}

#[component]
fn Templates(data: TemplatesData) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let form = staff_form();
    let error = form.error.clone().map(|e| {
        crate::routes::set_status(e.status());
        view! { <ErrorMessage error=e/> }
    });
    let everyone = i18n.t("tpl-everyone");
    let org_name = move |o: &Option<String>| o.clone().unwrap_or_else(|| everyone.clone());
    let rows = data
        .lines
        .iter()
        .map(|l| {
            let actions = l.editable.then(|| {
                view! {
                    <a href=format!("/{lang}/staff/templates?edit={}", l.id)>{i18n.t("tpl-edit")}</a>" "
                    <form method="post" action=format!("/{lang}/staff/templates/delete") class="inline">
                        <input type="hidden" name="template" value=l.id.to_string()/>
                        <button type="submit" class="small secondary">{i18n.t("tpl-delete")}</button>
                    </form>
                }
            });
            view! {
                <tr>
                    <th scope="row">{l.title.clone()}</th>
                    <td>{org_name(&l.organisation)}</td>
                    <td lang=l.locale.clone()>{language_name(&l.locale)}</td>
                    <td class="words" lang=l.locale.clone()>{l.body.clone()}</td>
                    <td>{actions}</td>
                </tr>
            }
        })
        .collect_view();
    let gaps = data
        .missing
        .iter()
        .filter(|(_, _, g)| !g.is_empty())
        .map(|(title, org, g)| {
            let names = g.iter().map(|t| language_name(t)).collect::<Vec<_>>().join(", ");
            view! { <li><strong>{title.clone()}</strong>" ("{org_name(org)}"): "{names}</li> }
        })
        .collect_view();
    let editing = data.editing.clone();
    let value = |k: &str, from: Option<String>| form.value(k).or(from).unwrap_or_default();
    let title = value("title", editing.as_ref().map(|e| e.title.clone()));
    let body = value("body", editing.as_ref().map(|e| e.body.clone()));
    let chosen_locale = value("locale", editing.as_ref().map(|e| e.locale.clone()));
    let chosen_scope = form.value("scope");
    let locales = Locale::ALL
        .iter()
        .map(|l| {
            let tag = l.tag();
            view! { <option value=tag selected=chosen_locale == tag>{language_name(tag)}</option> }
        })
        .collect_view();
    let scopes = data
        .scopes
        .iter()
        .map(|(id, name)| {
            let v = id.map(|i| i.to_string()).unwrap_or_else(|| "all".into());
            let label = if id.is_none() { i18n.t("tpl-everyone") } else { name.clone() };
            let selected = chosen_scope.as_deref() == Some(v.as_str())
                || editing
                    .as_ref()
                    .is_some_and(|e| e.organisation.as_deref() == Some(name.as_str()) && id.is_some());
            view! { <option value=v selected=selected>{label}</option> }
        })
        .collect_view();
    view! {
        {error}
        <div class="table-wrap">
            <table class="data templates">
                <thead><tr>
                    <th scope="col">{i18n.t("tpl-col-title")}</th>
                    <th scope="col">{i18n.t("tpl-col-for")}</th>
                    <th scope="col">{i18n.t("tpl-col-language")}</th>
                    <th scope="col">{i18n.t("tpl-col-text")}</th>
                    <th scope="col"></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {data.lines.is_empty().then(|| view! { <p class="empty">{i18n.t("tpl-none")}</p> })}
        <h2>{i18n.t("tpl-missing")}</h2>
        <ul class="missing">{gaps}</ul>
        <h2>{if editing.is_some() { i18n.t("tpl-form-edit") } else { i18n.t("tpl-form-add") }}</h2>
        <form method="post" action=format!("/{lang}/staff/templates/save") class="template-form">
            <label for="tpl-scope">{i18n.t("tpl-col-for")}</label>
            <select id="tpl-scope" name="scope">{scopes}</select>
            <label for="tpl-title">{i18n.t("tpl-col-title")}</label>
            <input id="tpl-title" name="title" type="text" required maxlength=TITLE_MAX.to_string() value=title/>
            <label for="tpl-locale">{i18n.t("tpl-col-language")}</label>
            <select id="tpl-locale" name="locale">{locales}</select>
            <label for="tpl-body">{i18n.t("tpl-col-text")}</label>
            <p class="hint">{i18n.t("tpl-body-hint")}</p>
            // Leptos does not escape <textarea> children on the server: escape here.
            <textarea id="tpl-body" name="body" rows="5" required maxlength=REPLY_MAX.to_string()
                inner_html=escape_html(&body)></textarea>
            <p><button type="submit">{i18n.t("tpl-save")}</button></p>
        </form>
    }
}
