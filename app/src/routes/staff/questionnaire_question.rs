//! One question of a draft in the editor: its area, kind, limit, words in
//! every language (each marked when a person checked it), its choices, and
//! whether it still means what the earlier version's question meant.
use leptos::prelude::*;

use super::moderation::language_name;
use super::staff_form;
use crate::i18n::use_i18n;
use crate::model::questionnaire_admin::{QuestionEdit, AREAS, KINDS, OPTIONS_MAX};

/// The value to show: what was typed, after a refused post of this question.
fn shown(q: &QuestionEdit, name: &str, stored: String) -> String {
    let form = staff_form();
    if form.error.is_some() && form.value("k").as_deref() == Some(q.key.as_str()) {
        form.value(name).unwrap_or_default()
    } else {
        stored
    }
}

pub fn question_form(q: &QuestionEdit, questionnaire: i64, n: usize) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let id = |f: &str| format!("{}-{f}", q.key);
    let area = shown(q, "area", q.area.clone());
    let kind = shown(q, "kind", q.kind.clone());
    let areas = AREAS
        .iter()
        .map(|a| view! { <option value=*a selected=area == *a>{i18n.t(&format!("area-{a}"))}</option> })
        .collect_view();
    let kinds = KINDS
        .iter()
        .map(|k| view! { <option value=*k selected=kind == *k>{i18n.t(&format!("qn-kind-{k}"))}</option> })
        .collect_view();
    let texts = q
        .texts
        .iter()
        .map(|(tag, prompt, reviewed)| {
            let value = shown(q, &format!("p_{tag}"), prompt.clone());
            let checked = shown(q, &format!("r_{tag}"), if *reviewed { "1".into() } else { String::new() }) == "1";
            view! {
                <div class="field">
                    <label for=id(&format!("p_{tag}"))>{language_name(tag)}</label>
                    <input id=id(&format!("p_{tag}")) name=format!("p_{tag}") type="text" lang=tag.clone() maxlength="300"
                        required=tag == "en" value=value/>
                    <label class="check small"><input type="checkbox" name=format!("r_{tag}") value="1" checked=checked/>" "{i18n.t("qn-reviewed")}</label>
                </div>
            }
        })
        .collect_view();
    let choices = matches!(kind.as_str(), "single" | "multi");
    let rows = (0..(q.options.len() + 2).min(OPTIONS_MAX + 2))
        .map(|i| {
            let o = q.options.get(i);
            let key = shown(q, &format!("o{i}_key"), o.map(|o| o.key.clone()).unwrap_or_default());
            let cells = crate::i18n::Locale::ALL
                .iter()
                .map(|l| {
                    let stored = o
                        .and_then(|o| o.labels.iter().find(|(t, _)| t == l.tag()).map(|(_, v)| v.clone()))
                        .unwrap_or_default();
                    let name = format!("o{i}_{}", l.tag());
                    view! { <td><input type="text" name=name.clone() lang=l.tag() maxlength="80" value=shown(q, &name, stored)
                        aria-label=format!("{} {}", language_name(l.tag()), i + 1)/></td> }
                })
                .collect_view();
            view! {
                <tr>
                    <td><input type="text" name=format!("o{i}_key") value=key maxlength="40" pattern=r"[a-z][a-z0-9_\-]*"
                        aria-label=i18n.t("qn-option-key")/></td>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let heads = crate::i18n::Locale::ALL
        .iter()
        .map(|l| view! { <th scope="col" lang=l.tag()>{language_name(l.tag())}</th> })
        .collect_view();
    let summary_kind = i18n.t(&format!("qn-kind-{}", q.kind));
    let lineage = if q.continues { i18n.t("qn-continues") } else { i18n.t("qn-new-question") };
    view! {
        <details class="question-edit" id=format!("q-{}", q.key)>
            <summary>
                <span class="qn-number">{n}</span>" "
                <strong>{q.prompt("en").to_owned()}</strong>" · "{i18n.t(&format!("area-{}", q.area))}" · "{summary_kind}
                {q.restricted.then(|| view! { " · "<span class="restricted">{i18n.t("qn-restricted")}</span> })}
                " · "<span class="hint">{lineage}</span>
            </summary>
            <form method="post" action=format!("/{lang}/staff/questionnaires/question/save") class="stack">
                <input type="hidden" name="q" value=questionnaire.to_string()/>
                <input type="hidden" name="k" value=q.key.clone()/>
                <div class="row">
                    <div class="field"><label for=id("area")>{i18n.t("qn-area")}</label><select id=id("area") name="area">{areas}</select></div>
                    <div class="field"><label for=id("kind")>{i18n.t("qn-kind")}</label><select id=id("kind") name="kind">{kinds}</select></div>
                    <div class="field" class:hidden=kind != "text"><label for=id("max")>{i18n.t("qn-max")}</label>
                        <input id=id("max") name="max" type="number" inputmode="numeric" value=shown(q, "max", q.max_chars.to_string())/></div>
                    <label class="check"><input type="checkbox" name="restricted" value="1" checked=q.restricted/>" "{i18n.t("qn-restricted-label")}</label>
                </div>
                <fieldset><legend>{i18n.t("qn-words")}</legend>{texts}</fieldset>
                {q.continues.then(|| view! {
                    <label class="check"><input type="checkbox" name="same" value="1"/>" "{i18n.t("qn-same-meaning")}</label>
                })}
                <fieldset class:hidden=!choices>
                    <legend>{i18n.t("qn-choices")}</legend>
                    <p class="hint">{i18n.t("qn-choices-hint")}</p>
                    <div class="table-wrap">
                        <table class="data options">
                            <thead><tr><th scope="col">{i18n.t("qn-option-key")}</th>{heads}</tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                </fieldset>
                <p><button type="submit">{i18n.t("qn-save-question")}</button></p>
            </form>
            <div class="inline-row">
                <form method="post" action=format!("/{lang}/staff/questionnaires/question/move") class="inline">
                    <input type="hidden" name="q" value=questionnaire.to_string()/>
                    <input type="hidden" name="k" value=q.key.clone()/>
                    <button type="submit" name="dir" value="up" class="small secondary">{i18n.t("qn-move-up")}</button>
                    <button type="submit" name="dir" value="down" class="small secondary">{i18n.t("qn-move-down")}</button>
                </form>
                <form method="post" action=format!("/{lang}/staff/questionnaires/question/remove") class="inline">
                    <input type="hidden" name="q" value=questionnaire.to_string()/>
                    <input type="hidden" name="k" value=q.key.clone()/>
                    <button type="submit" class="small link">{i18n.t("qn-remove")}</button>
                </form>
            </div>
        </details>
    }
}

/// Which words each language still lacks, or has unchecked.
pub fn translation_table(questions: &[QuestionEdit]) -> impl IntoView {
    let i18n = use_i18n();
    let heads = crate::i18n::Locale::ALL
        .iter()
        .map(|l| view! { <th scope="col" lang=l.tag()>{language_name(l.tag())}</th> })
        .collect_view();
    let rows = questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let cells = q
                .texts
                .iter()
                .map(|(tag, prompt, reviewed)| {
                    let label_missing = q.options.iter().any(|o| {
                        o.labels.iter().find(|(t, _)| t == tag).is_none_or(|(_, v)| v.is_empty())
                    });
                    let (class, key) = match (prompt.is_empty(), *reviewed) {
                        (true, _) => ("missing", "qn-tr-missing"),
                        (false, _) if label_missing => ("missing", "qn-tr-choices-missing"),
                        (false, false) => ("draft", "qn-tr-draft"),
                        (false, true) => ("done", "qn-tr-checked"),
                    };
                    view! { <td class=class>{i18n.t(key)}</td> }
                })
                .collect_view();
            view! { <tr><th scope="row"><a href=format!("#q-{}", q.key)>{i + 1}". "{q.prompt("en").to_owned()}</a></th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="data translations">
                <thead><tr><th scope="col">{i18n.t("qn-col-question")}</th>{heads}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
