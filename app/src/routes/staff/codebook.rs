//! The codebook for administrators: per organisation, the default codes
//! (for everyone, translated in locales/) and the organisation's own, with
//! their labels per language and the languages still missing; plain forms
//! to add a code and to add or change a label.
use leptos::prelude::*;

use super::layout::StaffLayout;
use super::moderation::language_name;
use super::{done_notice, staff_form};
use crate::api::staff::codebook::load_codebook;
use crate::components::error_message::{failed_page, ErrorMessage};
use crate::i18n::{use_i18n, Locale};
use crate::model::codebook::{Code, LABEL_MAX};

#[component]
pub fn CodebookPage() -> impl IntoView {
    let i18n = use_i18n();
    let error = staff_form().error.map(|e| {
        crate::routes::set_status(e.status());
        view! { <ErrorMessage error=e/> }
    });
    view! {
        <StaffLayout>
            <h1>{i18n.t("code-book-title")}</h1>
            <p class="hint">{i18n.t("code-book-intro")}</p>
            {done_notice()}
            {error}
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    match load_codebook(i18n.locale).await {
                        Ok(d) => d
                            .organisations
                            .into_iter()
                            .map(|(id, name, codes)| view! { <Organisation id=id name=name codes=codes/> })
                            .collect_view()
                            .into_any(),
                        Err(e) => failed_page(e),
                    }
                })}
            </Suspense>
        </StaffLayout>
    }
}

fn locale_options(selected: &str) -> impl IntoView {
    Locale::ALL
        .iter()
        .map(|l| {
            let tag = l.tag();
            view! { <option value=tag selected=selected == tag>{language_name(tag)}</option> }
        })
        .collect_view()
}

#[component]
fn Organisation(id: i64, name: String, codes: Vec<Code>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let form = staff_form();
    let facets = siang_storage::FACETS
        .iter()
        .map(|facet| {
            let rows = codes
                .iter()
                .filter(|c| c.facet == *facet)
                .map(|c| view! { <CodeRow organisation=id code=c.clone()/> })
                .collect_view();
            view! {
                <h3>{i18n.t(&format!("code-facet-{facet}"))}</h3>
                <div class="table-wrap">
                    <table class="data codebook">
                        <thead><tr>
                            <th scope="col">{i18n.t("code-label")}</th>
                            <th scope="col">{i18n.t("code-key")}</th>
                            <th scope="col">{i18n.t("code-whose")}</th>
                            <th scope="col">{i18n.t("code-translations")}</th>
                            <th scope="col">{i18n.t("code-in-use")}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
        })
        .collect_view();
    let facet_options = siang_storage::FACETS
        .iter()
        .map(|f| view! { <option value=*f selected=form.value("facet").as_deref() == Some(*f)>{i18n.t(&format!("code-facet-{f}"))}</option> })
        .collect_view();
    let prefix = format!("add-{id}");
    view! {
        <section class="codebook-org">
            <h2>{name}</h2>
            {facets}
            <h3>{i18n.t("code-add")}</h3>
            <form method="post" action=format!("/{lang}/staff/codebook/add") class="filters">
                <input type="hidden" name="organisation" value=id.to_string()/>
                <div><label for=format!("{prefix}-f")>{i18n.t("code-facet")}</label>
                    <select id=format!("{prefix}-f") name="facet">{facet_options}</select></div>
                <div><label for=format!("{prefix}-k")>{i18n.t("code-key")}</label>
                    <input id=format!("{prefix}-k") name="key" type="text" required pattern="[a-z0-9_]{2,40}" value=form.value("key")/></div>
                <div><label for=format!("{prefix}-l")>{i18n.t("tpl-col-language")}</label>
                    <select id=format!("{prefix}-l") name="locale">{locale_options(lang)}</select></div>
                <div><label for=format!("{prefix}-t")>{i18n.t("code-label")}</label>
                    <input id=format!("{prefix}-t") name="label" type="text" required maxlength=LABEL_MAX.to_string() value=form.value("label")/></div>
                <div><button type="submit" class="small">{i18n.t("code-add-save")}</button></div>
            </form>
        </section>
    }
}

/// One code: its label, whose it is, its labels per language (the
/// organisation's own, or on a default code the organisation's overrides
/// with a way back to the shipped label) and retiring it.
#[component]
fn CodeRow(organisation: i64, code: Code) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let c = code;
    let field = format!("label-{organisation}-{}", c.id);
    let missing = c.missing.iter().map(|t| language_name(t)).collect::<Vec<_>>().join(", ");
    let missing = (!c.missing.is_empty())
        .then(|| view! { <small class="missing">{i18n.t("code-missing")}" "{missing}</small> });
    let overrides = c
        .relabelled
        .iter()
        .map(|tag| {
            view! {
                <form method="post" action=format!("/{lang}/staff/codebook/unlabel") class="inline">
                    <input type="hidden" name="organisation" value=organisation.to_string()/>
                    <input type="hidden" name="code" value=c.id.to_string()/>
                    <input type="hidden" name="locale" value=tag.clone()/>
                    <small>{language_name(tag)}" "</small>
                    <button type="submit" class="small secondary">{i18n.t("code-unlabel")}</button>
                </form>
            }
        })
        .collect_view();
    let overrides = (!c.relabelled.is_empty()).then(
        || view! { <div class="overrides"><small>{i18n.t("code-relabelled")}</small>" "{overrides}</div> },
    );
    let whose = if c.own { i18n.t("code-own") } else { i18n.t("code-default") };
    let (to, button, class) =
        if c.retired { ("0", "code-restore", "small") } else { ("1", "code-retire", "small secondary") };
    let state = if c.retired { i18n.t("code-retired-mark") } else { i18n.t("code-offered") };
    view! {
        <tr class=c.retired.then_some("retired")>
            <th scope="row">{c.label.clone()}</th>
            <td><code>{c.key.clone()}</code></td>
            <td>{whose}</td>
            <td>
                {missing}
                {overrides}
                <details class="relabel">
                    <summary>{i18n.t("code-edit-label")}</summary>
                    <form method="post" action=format!("/{lang}/staff/codebook/label") class="filters">
                        <input type="hidden" name="organisation" value=organisation.to_string()/>
                        <input type="hidden" name="code" value=c.id.to_string()/>
                        <div><label for=format!("{field}-l")>{i18n.t("tpl-col-language")}</label>
                            <select id=format!("{field}-l") name="locale">{locale_options(lang)}</select></div>
                        <div><label for=field.clone()>{i18n.t(if c.own { "code-label" } else { "code-own-label" })}</label>
                            <input id=field name="label" type="text" required maxlength=LABEL_MAX.to_string()/></div>
                        <div><button type="submit" class="small secondary">{i18n.t("code-label-save")}</button></div>
                    </form>
                </details>
            </td>
            <td>
                <span class="code-state">{state}</span>
                <form method="post" action=format!("/{lang}/staff/codebook/retire")>
                    <input type="hidden" name="organisation" value=organisation.to_string()/>
                    <input type="hidden" name="code" value=c.id.to_string()/>
                    <input type="hidden" name="retired" value=to/>
                    <button type="submit" class=class>{i18n.t(button)}</button>
                </form>
            </td>
        </tr>
    }
}
