//! One question, drawn for a small phone: faces with words for the scale,
//! big tap targets, and "did not get this", "prefer not to say" and "no
//! answer" on every question.
use leptos::prelude::*;

use super::char_counter::CharCounter;
use super::error_message::ErrorMessage;
use super::escape_html;
use crate::i18n::{use_i18n, FluentValue};
use crate::model::answers::{QuestionKind, DONT_KNOW, PREFER_NOT, SKIP};
use crate::model::questionnaire::QuestionView;
use crate::model::AppError;

#[component]
pub fn Question(q: QuestionView, values: Vec<String>, error: Option<AppError>) -> impl IntoView {
    let i18n = use_i18n();
    let name = format!("q{}", q.id);
    let error_id = format!("err-{}", q.id);
    let described = error.as_ref().map(|_| error_id.clone());
    let error = error.map(|e| view! { <ErrorMessage error=e id=error_id.clone()/> });
    let has = |v: &str| values.iter().any(|x| x == v);
    let radio = |value: String, label: String, extra: &'static str| {
        let checked = has(&value);
        view! {
            <label class=format!("choice {extra}")>
                <input type="radio" name=name.clone() value=value checked=checked/>
                <span>{label}</span>
            </label>
        }
    };
    let others = {
        let none_chosen = values.is_empty() || has(SKIP);
        view! {
            <div class="other-answers">
                {radio(DONT_KNOW.into(), i18n.t("answer-dont-know"), "small")}
                {radio(PREFER_NOT.into(), i18n.t("answer-prefer-not"), "small")}
                <label class="choice small">
                    <input type="radio" name=name.clone() value=SKIP checked=none_chosen/>
                    <span>{i18n.t("answer-skip")}</span>
                </label>
            </div>
        }
    };
    match q.kind {
        QuestionKind::Scale => {
            let faces = (1..=5)
                .map(|v| {
                    let value = v.to_string();
                    let checked = has(&value);
                    view! {
                        <label class="face-option">
                            <span class=format!("face f{v}") aria-hidden="true"></span>
                            <input type="radio" name=name.clone() value=value checked=checked/>
                            <span class="word">{i18n.t(&format!("scale-{v}"))}</span>
                        </label>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="q scale" aria-describedby=described>
                    <legend>{q.prompt}</legend>
                    <div class="faces">{faces}</div>
                    {others}
                    {error}
                </fieldset>
            }
            .into_any()
        }
        QuestionKind::Single => {
            let choices = q.options.iter().map(|(k, l)| radio(k.clone(), l.clone(), "")).collect_view();
            view! {
                <fieldset class="q single" aria-describedby=described>
                    <legend>{q.prompt}</legend>
                    <div class="choices">{choices}</div>
                    {others}
                    {error}
                </fieldset>
            }
            .into_any()
        }
        QuestionKind::Multi => {
            let boxes = q
                .options
                .iter()
                .map(|(k, l)| {
                    let checked = has(k);
                    view! {
                        <label class="choice">
                            <input type="checkbox" name=name.clone() value=k.clone() checked=checked/>
                            <span>{l.clone()}</span>
                        </label>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="q multi" aria-describedby=described>
                    <legend>{q.prompt}</legend>
                    <div class="choices">{boxes}</div>
                    <div class="other-answers">
                        <label class="choice small">
                            <input type="checkbox" name=name.clone() value=PREFER_NOT checked=has(PREFER_NOT)/>
                            <span>{i18n.t("answer-prefer-not")}</span>
                        </label>
                    </div>
                    {error}
                </fieldset>
            }
            .into_any()
        }
        QuestionKind::Text => {
            let id = format!("t{}", q.id);
            let text = values.first().cloned().unwrap_or_default();
            let limit = i18n.t_args("text-limit", &[("max", FluentValue::from(q.max_chars))]);
            let template = i18n.t_args("text-left", &[("left", FluentValue::from("{left}"))]);
            let too_long =
                crate::components::error_message::error_text(&AppError::TextTooLong { max: q.max_chars });
            view! {
                <div class="q text">
                    <label for=id.clone()>{q.prompt}</label>
                    <p class="hint">{i18n.t("text-no-names")} " " {limit}</p>
                    // Leptos does not escape <textarea> children on the server: escape here.
                    <textarea
                        id=id.clone()
                        name=name
                        rows="4"
                        maxlength=q.max_chars.to_string()
                        aria-describedby=described
                        inner_html=escape_html(&text)
                    ></textarea>
                    <CharCounter target=id max=q.max_chars template=template too_long=too_long/>
                    {error}
                </div>
            }
            .into_any()
        }
    }
}
