//! One safeguarding concern: what was said, the 24-hour target, the
//! programme's referral steps and helplines, the steps taken (who, when,
//! note), the buttons for the next step, the young person's answers and a
//! reply box. Opening it is audited (in the loader).
use leptos::prelude::*;

use super::layout::StaffLayout;
use super::moderation::language_name;
use super::replies::SentReplies;
use super::safeguarding::target_text;
use super::submission::{answer_text, marked};
use super::{done_notice, query, staff_form};
use crate::api::staff::moderation_actions::REPLY_MAX;
use crate::api::staff::safeguarding::load_case;
use crate::components::error_message::ErrorMessage;
use crate::components::escape_html;
use crate::i18n::{use_i18n, FluentValue};
use crate::model::moderation::Shown;
use crate::model::safeguarding::{CaseData, CaseSubmission, NOTE_MAX};

#[component]
pub fn ConcernPage() -> impl IntoView {
    let i18n = use_i18n();
    let form = staff_form();
    let reference = query("id").or_else(|| form.value("id"));
    let refused = form.error.clone().filter(|_| reference.is_none());
    view! {
        <StaffLayout>
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    let loaded = match (refused.clone(), reference.clone()) {
                        (Some(e), _) => Err(e),
                        (None, r) => load_case(&r.unwrap_or_default(), i18n.locale).await,
                    };
                    match loaded {
                        Ok(d) => view! { <Case data=d/> }.into_any(),
                        Err(e) => {
                            crate::routes::set_status(e.status());
                            view! { <h1>{i18n.t("sg-case-title")}</h1><ErrorMessage error=e/> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </StaffLayout>
    }
}

/// The next steps this concern may take, each a plain form.
fn next_steps(data: &CaseData) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let typed = staff_form().value("note").unwrap_or_default();
    let steps: Vec<&str> = ["acknowledged", "referred", "closed"]
        .into_iter()
        .filter(|to| siang_storage::steps_from(to).contains(&data.state.as_str()))
        .collect();
    if steps.is_empty() {
        return None;
    }
    let buttons = steps
        .into_iter()
        .map(|to| {
            let class = if to == "closed" { "secondary" } else { "" };
            view! { <button type="submit" name="to" value=to class=class>{i18n.t(&format!("sg-do-{to}"))}</button>" " }
        })
        .collect_view();
    Some(view! {
        <form method="post" action=format!("/{lang}/staff/safeguarding/step") class="step-form">
            <input type="hidden" name="id" value=data.reference.clone()/>
            <label for="step-note">{i18n.t("sg-note-label")}</label>
            <p class="hint">{i18n.t("sg-note-hint")}</p>
            <textarea id="step-note" name="note" rows="3" maxlength=NOTE_MAX.to_string()
                inner_html=escape_html(&typed)></textarea>
            <p>{buttons}</p>
        </form>
    })
}

#[component]
fn Answers(reference: String, s: CaseSubmission) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let young = s.locale.clone();
    let rows = s
        .answers
        .iter()
        .map(|a| {
            let is_text = matches!(a.shown, Shown::Text(_));
            let value = if is_text {
                view! { <span class="words">{marked(&a.pieces)}</span> }.into_any()
            } else {
                answer_text(&a.shown)
            };
            view! {
                <tr class:text-answer=is_text>
                    <td class="num">{a.screen}</td>
                    <th scope="row">{a.prompt.clone()}</th>
                    <td lang=is_text.then(|| young.clone())>{value}</td>
                </tr>
            }
        })
        .collect_view();
    let typed = staff_form().value("body").unwrap_or_default();
    let write_in = i18n.t_args("mod-reply-in", &[("language", FluentValue::from(language_name(&s.locale)))]);
    view! {
        <h2>{i18n.t("sg-answers")}</h2>
        <dl class="facts-row">
            <div><dt>{i18n.t("mod-col-day")}</dt><dd>{s.day.clone()}</dd></div>
            <div><dt>{i18n.t("mod-col-language")}</dt><dd lang=s.locale.clone()>{language_name(&s.locale)}</dd></div>
            <div><dt>{i18n.t("mod-col-version")}</dt><dd>{s.version}</dd></div>
            <div><dt>{i18n.t("mod-col-status")}</dt><dd>{i18n.t(&format!("mod-status-{}", s.status))}</dd></div>
        </dl>
        <div class="table-wrap">
            <table class="data answers">
                <thead><tr>
                    <th scope="col" class="num">{i18n.t("mod-col-screen")}</th>
                    <th scope="col">{i18n.t("mod-col-question")}</th>
                    <th scope="col">{i18n.t("mod-col-answer")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <SentReplies replies=s.replies.clone() reference=reference.clone() young_lang=s.locale.clone()
            correct="safeguarding/reply-correct"/>
        <form method="post" action=format!("/{lang}/staff/safeguarding/reply") class="reply-form">
            <input type="hidden" name="id" value=reference/>
            <label for="reply-body">{i18n.t("mod-reply-label")}</label>
            <p class="hint">{write_in}" "{i18n.t("sg-reply-hint")}</p>
            // Leptos does not escape <textarea> children on the server: escape here.
            <textarea id="reply-body" name="body" rows="4" maxlength=REPLY_MAX.to_string() lang=s.locale.clone()
                inner_html=escape_html(&typed)></textarea>
            <p><button type="submit">{i18n.t("mod-reply-send")}</button></p>
        </form>
    }
}

#[component]
fn Case(data: CaseData) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let error = staff_form().error.map(|e| {
        crate::routes::set_status(e.status());
        view! { <ErrorMessage error=e/> }
    });
    let late = data.target.overdue_hours.is_some();
    let said = match (data.source.as_str(), data.answer.as_deref()) {
        ("question", Some("yes")) => i18n.t("sg-said-yes"),
        ("question", _) => i18n.t("sg-said-words"),
        _ => i18n.t("sg-said-moderator"),
    };
    let young_lang = data.submission.as_ref().map(|s| s.locale.clone());
    let words = data.body.clone().map(|b| {
        let lang_attr = if data.source == "question" { young_lang.clone() } else { None };
        view! { <blockquote class="words" lang=lang_attr>{b}</blockquote> }
    });
    let steps_taken = data
        .steps
        .iter()
        .map(|s| {
            view! {
                <li>
                    <strong>{i18n.t(&format!("sg-state-{}", s.state))}</strong>" · "{s.who.clone()}" · "{s.when.clone()}
                    {s.note.clone().map(|n| view! { <br/><span class="note">{n}</span> })}
                </li>
            }
        })
        .collect_view();
    let referral = data.referral_steps.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view();
    let helplines = data
        .helplines
        .iter()
        .map(|h| {
            view! {
                <li lang=h.lang.clone()>
                    <strong>{h.name.clone()}</strong>" "
                    <a href=format!("tel:{}", h.phone.replace(' ', ""))>{h.phone.clone()}</a>
                    {h.hours.clone().map(|x| view! { " · "{x} })}
                </li>
            }
        })
        .collect_view();
    let no_steps = data.referral_steps.is_empty();
    view! {
        <p class="crumbs"><a href=format!("/{lang}/staff/safeguarding")>{i18n.t("sg-title")}</a>" › "{data.programme.clone()}</p>
        <h1>{i18n.t("sg-case-title")}" "<code>{data.reference.clone()}</code></h1>
        {done_notice()}
        {error}
        <dl class="facts-row">
            <div><dt>{i18n.t("sg-col-state")}</dt><dd class="state">{i18n.t(&format!("sg-state-{}", data.state))}</dd></div>
            <div><dt>{i18n.t("sg-col-raised")}</dt><dd>{data.raised.clone()}</dd></div>
            <div><dt>{i18n.t("sg-col-due")}</dt><dd class:late=late>{data.target.due.clone()}
                {target_text(&data.target).map(|t| view! { <br/><strong>{t}</strong> })}</dd></div>
            <div><dt>{i18n.t("sg-col-source")}</dt><dd>{i18n.t(&format!("sg-source-{}", data.source))}</dd></div>
        </dl>
        <section class="concern-said">
            <h2>{i18n.t("sg-said")}</h2>
            <p>{said}</p>
            {words}
        </section>
        <div class="case-columns">
            <section>
                <h2>{i18n.t("sg-referral")}</h2>
                {if no_steps { view! { <p class="notice warn">{i18n.t("sg-referral-missing")}</p> }.into_any() } else { view! { <ol class="referral">{referral}</ol> }.into_any() }}
                <h3>{i18n.t("sg-helplines")}</h3>
                <ul class="helplines">{helplines}</ul>
            </section>
            <section>
                <h2>{i18n.t("sg-steps")}</h2>
                {data.steps.is_empty().then(|| view! { <p class="empty">{i18n.t("sg-steps-none")}</p> })}
                <ol class="steps">{steps_taken}</ol>
                {next_steps(&data)}
            </section>
        </div>
        {data.submission.clone().map(|s| view! { <Answers reference=data.reference.clone() s=s/> })}
    }
}
