//! `/:lang/staff/questionnaires/edit?q=…`: one questionnaire. Its live
//! version read-only (a new version starts as a copy), or its draft with
//! every question editable, the translation status, the youth advisory
//! group's sign-off, publishing, and the versions so far.
use leptos::prelude::*;

use super::layout::StaffLayout;
use super::questionnaire_question::{question_form, translation_table};
use super::{done_notice, query, staff_form};
use crate::api::staff::questionnaire_load::load_editor;
use crate::components::error_message::failed_page;
use crate::i18n::{use_i18n, FluentValue};
use crate::model::questionnaire_admin::{EditorData, AREAS, KINDS};
use crate::model::AppError;

#[component]
pub fn QuestionnaireEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let form = staff_form();
    let id = query("q").or_else(|| form.value("q")).and_then(|q| q.parse::<i64>().ok());
    view! {
        <StaffLayout>
            <p class="crumbs"><a href=format!("/{}/staff/questionnaires", i18n.locale.tag())>{i18n.t("qn-title")}</a></p>
            {done_notice()}
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    match id {
                        Some(id) => match load_editor(id).await {
                            Ok(d) => view! { <Editor data=d/> }.into_any(),
                            Err(e) => failed_page(e),
                        },
                        None => failed_page(AppError::NotFound),
                    }
                })}
            </Suspense>
        </StaffLayout>
    }
}

fn hidden_q(id: i64) -> impl IntoView {
    view! { <input type="hidden" name="q" value=id.to_string()/> }
}

#[component]
fn Editor(data: EditorData) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let form = staff_form();
    let q = data.questionnaire_id;
    let state = if data.is_draft { "qn-state-draft" } else { "qn-state-live" };
    let head = i18n.t_args("qn-version", &[("version", FluentValue::from(data.version))]);
    let questions = if data.is_draft {
        data.questions
            .iter()
            .enumerate()
            .map(|(i, x)| question_form(x, q, i + 1).into_any())
            .collect_view()
            .into_any()
    } else {
        let items = data
            .questions
            .iter()
            .map(|x| view! { <li>{x.prompt("en").to_owned()}" · "<span class="hint">{i18n.t(&format!("area-{}", x.area))}</span></li> })
            .collect_view();
        view! {
            <p>{i18n.t("qn-live-hint")}</p>
            <form method="post" action=format!("/{lang}/staff/questionnaires/start")>
                {hidden_q(q)}<button type="submit">{i18n.t("qn-start-draft")}</button>
            </form>
            <ol class="qn-live">{items}</ol>
        }
        .into_any()
    };
    let draft_tools = data.is_draft.then(|| {
        let bank = data.bank.iter().map(|(k, p)| view! { <option value=k.clone()>{p.clone()}</option> }).collect_view();
        let areas = AREAS.iter().map(|a| view! { <option value=*a>{i18n.t(&format!("area-{a}"))}</option> }).collect_view();
        let kinds = KINDS.iter().map(|k| view! { <option value=*k>{i18n.t(&format!("qn-kind-{k}"))}</option> }).collect_view();
        let signoff = match &data.signoff {
            Some(s) => i18n.t_args(
                "qn-signed-off",
                &[("group", FluentValue::from(s.group_name.clone())), ("day", FluentValue::from(s.approved_on.clone()))],
            ),
            None if data.needs_signoff => i18n.t("qn-signoff-waiting"),
            None => i18n.t("qn-signoff-not-needed"),
        };
        let toggle = if data.needs_signoff { ("waive", "qn-signoff-waive") } else { ("require", "qn-signoff-require") };
        view! {
            <section class="setup-form" id="add">
                <h2>{i18n.t("qn-add")}</h2>
                <form method="post" action=format!("/{lang}/staff/questionnaires/question/add") class="inline-row">
                    {hidden_q(q)}
                    <label for="qn-from">{i18n.t("qn-from-bank")}</label>
                    <select id="qn-from" name="from">{bank}</select>
                    <button type="submit" class="secondary">{i18n.t("qn-add-button")}</button>
                </form>
                <form method="post" action=format!("/{lang}/staff/questionnaires/question/add") class="inline-row">
                    {hidden_q(q)}
                    <label for="qn-new-prompt">{i18n.t("qn-new-prompt")}</label>
                    <input id="qn-new-prompt" name="prompt" type="text" maxlength="300" required value=form.value("prompt").unwrap_or_default()/>
                    <select name="area" aria-label=i18n.t("qn-area")>{areas}</select>
                    <select name="kind" aria-label=i18n.t("qn-kind")>{kinds}</select>
                    <button type="submit" class="secondary">{i18n.t("qn-add-button")}</button>
                </form>
            </section>
            <section class="setup-form" id="translations">
                <h2>{i18n.t("qn-translations")}</h2>
                <p class="hint">{i18n.t("qn-translations-hint")}</p>
                {translation_table(&data.questions)}
            </section>
            <section class="setup-form" id="signoff">
                <h2>{i18n.t("qn-signoff")}</h2>
                <p class="hint">{i18n.t("qn-signoff-hint")}</p>
                <p><strong>{signoff}</strong></p>
                <form method="post" action=format!("/{lang}/staff/questionnaires/signoff")>
                    {hidden_q(q)}<button type="submit" name="do" value=toggle.0 class="small secondary">{i18n.t(toggle.1)}</button>
                </form>
                <form method="post" action=format!("/{lang}/staff/questionnaires/signoff") class="stack">
                    {hidden_q(q)}<input type="hidden" name="do" value="record"/>
                    <div class="row">
                        <div class="field"><label for="qn-group">{i18n.t("qn-group")}</label>
                            <input id="qn-group" name="group" type="text" maxlength="120" required value=form.value("group").unwrap_or_default()/></div>
                        <div class="field"><label for="qn-day">{i18n.t("qn-day")}</label>
                            <input id="qn-day" name="day" type="date" required value=form.value("day").unwrap_or_default()/></div>
                    </div>
                    <div class="field"><label for="qn-comments">{i18n.t("qn-comments")}</label>
                        <textarea id="qn-comments" name="comments" rows="3" maxlength="2000">{form.value("comments").unwrap_or_default()}</textarea></div>
                    <p><button type="submit" class="secondary">{i18n.t("qn-record-signoff")}</button></p>
                </form>
            </section>
            <section class="setup-form" id="publish">
                <h2>{i18n.t("qn-publish")}</h2>
                <p class="hint">{i18n.t("qn-publish-hint")}</p>
                <form method="post" action=format!("/{lang}/staff/questionnaires/publish")>
                    {hidden_q(q)}<button type="submit">{i18n.t("qn-publish-button")}</button>
                </form>
                <form method="post" action=format!("/{lang}/staff/questionnaires/discard") class="inline-row">
                    {hidden_q(q)}
                    <label class="check"><input type="checkbox" name="confirm" value="1" required/>" "{i18n.t("qn-discard-confirm")}</label>
                    <button type="submit" class="small link">{i18n.t("qn-discard")}</button>
                </form>
            </section>
        }
    });
    let history = data
        .history
        .iter()
        .map(|v| {
            view! {
                <tr>
                    <td>{v.version}</td>
                    <td>{i18n.t(&format!("qn-status-{}", v.status))}</td>
                    <td>{v.published_on.clone()}</td>
                    <td>{v.signed_off.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h1>{data.name.clone()}</h1>
        <p class="lead">{head}" · "<strong class="state">{i18n.t(state)}</strong></p>
        <form method="post" action=format!("/{lang}/staff/questionnaires/export") class="inline">
            {hidden_q(q)}<button type="submit" class="small secondary">{i18n.t("qn-export-button")}</button>
        </form>
        {form.error.clone().map(failed_page)}
        {questions}
        {draft_tools}
        <section id="versions">
            <h2>{i18n.t("qn-versions")}</h2>
            <div class="table-wrap">
                <table class="data">
                    <thead><tr>
                        <th scope="col">{i18n.t("qn-col-version")}</th>
                        <th scope="col">{i18n.t("qn-col-status")}</th>
                        <th scope="col">{i18n.t("qn-col-published")}</th>
                        <th scope="col">{i18n.t("qn-col-signoff")}</th>
                    </tr></thead>
                    <tbody>{history}</tbody>
                </table>
            </div>
        </section>
    }
}
