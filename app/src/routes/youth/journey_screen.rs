//! One screen of questions, and the review before sending. Every answer
//! given so far rides along in hidden fields, so "back", "next", a language
//! switch or a failed check never lose anything — with or without JavaScript.
use leptos::prelude::*;

use super::journey::FORM_ID;
use crate::components::error_message::ErrorMessage;
use crate::components::layout::YouthLayout;
use crate::components::question::Question;
use crate::i18n::{use_i18n, FluentValue};
use crate::model::answers::{form_values, Answer};
use crate::model::journey::JourneyPage;
use crate::model::questionnaire::ScreenView;

/// Values posted for a question: as typed if it failed a check, else the answer's.
fn values_of(page: &JourneyPage, id: i64) -> Vec<String> {
    page.raw.get(&id).cloned().or_else(|| page.answers.get(&id).map(form_values)).unwrap_or_default()
}

/// Hidden fields for every answer not shown as an input on this page.
fn hidden_answers(page: &JourneyPage, except_screen: Option<usize>) -> impl IntoView {
    let ids: Vec<i64> = page
        .form
        .screens
        .iter()
        .filter(|s| Some(s.number) != except_screen)
        .flat_map(|s| s.questions.iter().map(|q| q.id))
        .collect();
    ids.into_iter()
        .flat_map(|id| values_of(page, id).into_iter().map(move |v| (id, v)))
        .map(|(id, v)| view! { <input type="hidden" name=format!("q{id}") value=v/> })
        .collect_view()
}

fn general_errors(page: &JourneyPage) -> impl IntoView {
    page.general_errors().cloned().map(|e| view! { <ErrorMessage error=e/> }).collect_view()
}

/// "Stop without sending": on a kiosk a button of the journey form that
/// closes the journey and starts the tablet again for the next child;
/// elsewhere a link to the page saying nothing was kept.
fn stop(page: &JourneyPage) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    match page.kiosk_start(lang) {
        Some(start) => view! {
            <p class="stop">
                <button type="submit" class="link" form=FORM_ID formaction=format!("{start}/again") formnovalidate=true>
                    {i18n.t("journey-stop")}
                </button>
            </p>
        }
        .into_any(),
        None => view! {
            <p class="stop"><a href=format!("/{lang}/p/{}/not-now", page.programme.code)>{i18n.t("journey-stop")}</a></p>
        }
        .into_any(),
    }
}

#[component]
pub fn Screen(page: JourneyPage, number: usize) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let code = page.programme.code.clone();
    let total = page.form.last_screen();
    let Some(screen) = page.form.screens.iter().find(|s| s.number == number).cloned() else {
        return ().into_any();
    };
    let progress = i18n.t_args(
        "journey-progress",
        &[("step", FluentValue::from(number)), ("total", FluentValue::from(total))],
    );
    let questions = screen
        .questions
        .iter()
        .map(|q| {
            let values = values_of(&page, q.id);
            let error = page.error_for(q.id).cloned();
            view! { <Question q=q.clone() values=values error=error/> }
        })
        .collect_view();
    let next_label = if number == total { i18n.t("journey-to-review") } else { i18n.t("journey-next") };
    view! {
        <YouthLayout country=page.programme.country.clone() form=FORM_ID kiosk=page.kiosk_start(lang)>
            <p class="progress-text">{progress.clone()}</p>
            <progress value=number max=total aria-label=progress></progress>
            <form id=FORM_ID method="post" action=format!("/{lang}/p/{code}/answer") class="journey" autocomplete="off">
                <h1>{i18n.t(&format!("area-{}", screen.area))}</h1>
                <p class="hint">{i18n.t("journey-skip-hint")}</p>
                {general_errors(&page)}
                <input type="hidden" name="seal" value=page.seal.clone()/>
                <input type="hidden" name="s" value=number.to_string()/>
                {hidden_answers(&page, Some(number))}
                {questions}
                // "Next" comes first so that Enter in a field moves forward.
                <div class="nav">
                    <button type="submit" name="go" value="next">{next_label}</button>
                    {(number > 1).then(|| view! {
                        <button type="submit" name="go" value="back" class="secondary">{i18n.t("journey-back")}</button>
                    })}
                </div>
            </form>
            {stop(&page)}
        </YouthLayout>
    }
    .into_any()
}

fn answer_text(page: &JourneyPage, id: i64) -> String {
    let i18n = use_i18n();
    let Some(q) = page.form.question(id) else { return String::new() };
    let label =
        |key: &str| q.options.iter().find(|(k, _)| k == key).map(|(_, l)| l.clone()).unwrap_or_default();
    match page.answers.get(&id) {
        None => i18n.t("review-skipped"),
        Some(Answer::Rating(r)) => i18n.t(&format!("scale-{r}")),
        Some(Answer::Choice(c)) => label(c),
        Some(Answer::Choices(cs)) => cs.iter().map(|c| label(c)).collect::<Vec<_>>().join(", "),
        Some(Answer::Text(t)) => t.clone(),
        Some(Answer::DontKnow) => i18n.t("answer-dont-know"),
        Some(Answer::PreferNot) => i18n.t("answer-prefer-not"),
    }
}

#[component]
pub fn Review(page: JourneyPage) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let code = page.programme.code.clone();
    let field_errors = page.errors.iter().any(|(q, _)| q.is_some());
    let sections = page.form.screens.iter().map(|s| review_section(&page, s)).collect_view();
    view! {
        <YouthLayout country=page.programme.country.clone() form=FORM_ID kiosk=page.kiosk_start(lang)>
            <form id=FORM_ID method="post" action=format!("/{lang}/p/{code}/answer") class="journey" autocomplete="off">
                <h1>{i18n.t("review-title")}</h1>
                <p class="lead">{i18n.t("review-intro")}</p>
                {general_errors(&page)}
                {field_errors.then(|| view! { <p class="notice" role="note">{i18n.t("review-fix")}</p> })}
                <input type="hidden" name="seal" value=page.seal.clone()/>
                <input type="hidden" name="s" value="review"/>
                {hidden_answers(&page, None)}
                {sections}
                {page.personal_details.then(|| view! { <p class="notice" role="note">{i18n.t("review-personal")}</p> })}
                <div class="nav">
                    <button type="submit" name="go" value="send" class="send">{i18n.t("review-send")}</button>
                    <button type="submit" name="go" value="back" class="secondary">{i18n.t("journey-back")}</button>
                </div>
            </form>
            {stop(&page)}
        </YouthLayout>
    }
}

/// One screen's answers: what was answered, one line for what was skipped,
/// any problem beside its question, and one button back to that screen.
fn review_section(page: &JourneyPage, screen: &ScreenView) -> impl IntoView {
    let i18n = use_i18n();
    let answered: Vec<_> = screen
        .questions
        .iter()
        .filter(|q| page.answers.contains_key(&q.id) || page.error_for(q.id).is_some())
        .map(|q| {
            let restricted = q.restricted.then(|| view! { <small>{i18n.t("review-safeguarding")}</small> });
            let error = page.error_for(q.id).cloned().map(|e| {
                view! { <ErrorMessage error=e id=format!("err-{}", q.id)/> }
            });
            let shown =
                if page.answers.contains_key(&q.id) { answer_text(page, q.id) } else { String::new() };
            view! {
                <dt>{q.prompt.clone()}</dt>
                <dd>{shown} {restricted} {error}</dd>
            }
        })
        .collect();
    let skipped = screen.questions.len() - answered.len();
    let skipped_line = (skipped > 0).then(|| {
        let text = if answered.is_empty() {
            i18n.t("review-none-answered")
        } else {
            i18n.t_args("review-skipped-count", &[("n", FluentValue::from(skipped))])
        };
        view! { <p class="skipped">{text}</p> }
    });
    let area = i18n.t(&format!("area-{}", screen.area));
    let change_label = i18n.t_args("review-change-area", &[("area", FluentValue::from(area.clone()))]);
    view! {
        <section class="review-area">
            <div class="review-head">
                <h2>{area}</h2>
                <button
                    type="submit"
                    name="go"
                    value=format!("screen-{}", screen.number)
                    class="secondary small"
                    aria-label=change_label
                >
                    {i18n.t("review-change")}
                </button>
            </div>
            {(!answered.is_empty()).then(|| view! { <dl>{answered}</dl> })}
            {skipped_line}
        </section>
    }
}
