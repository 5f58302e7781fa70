//! One submission as a moderator reads it: the questions in the moderator's
//! language, the young person's own words in theirs, the state with its
//! moves, and the reply box. Opening it is audited (in the loader).
use leptos::prelude::*;

use super::layout::StaffLayout;
use super::moderation::language_name;
use super::replies::SentReplies;
use super::{done_notice, query, staff_form};
use crate::api::staff::moderation::load_submission;
use crate::api::staff::moderation_actions::REPLY_MAX;
use crate::components::error_message::ErrorMessage;
use crate::components::escape_html;
use crate::i18n::{use_i18n, FluentValue};
use crate::model::moderation::*;
use crate::model::safeguarding::NOTE_MAX;

#[component]
pub fn SubmissionPage() -> impl IntoView {
    let i18n = use_i18n();
    let form = staff_form();
    // After a refused post the address has no query; the form says which one.
    // A post refused before its submission was known (not allowed, not
    // found) shows that refusal rather than an empty page.
    let reference = query("id").or_else(|| form.value("id"));
    let refused = form.error.clone().filter(|_| reference.is_none());
    let template = query("template").and_then(|t| t.parse::<i64>().ok());
    view! {
        <StaffLayout>
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    let loaded = match (refused.clone(), reference.clone()) {
                        (Some(e), _) => Err(e),
                        (None, r) => load_submission(&r.unwrap_or_default(), i18n.locale, template).await,
                    };
                    match loaded {
                        Ok(d) => view! { <Submission data=d/> }.into_any(),
                        Err(e) => {
                            crate::routes::set_status(e.status());
                            view! { <h1>{i18n.t("mod-submission-title")}</h1><ErrorMessage error=e/> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </StaffLayout>
    }
}

pub fn answer_text(shown: &Shown) -> AnyView {
    let i18n = use_i18n();
    match shown {
        Shown::Rating(n) => {
            view! { <span class=format!("rating r{n}")>{i18n.t_args("mod-rating", &[("n", FluentValue::from(*n))])}</span> }.into_any()
        }
        Shown::Choices(list) => view! { <span>{list.join(", ")}</span> }.into_any(),
        Shown::Text(t) => view! { <span class="words">{t.clone()}</span> }.into_any(),
        Shown::Skipped => view! { <span class="skipped">{i18n.t("mod-skipped")}</span> }.into_any(),
        Shown::DontKnow => view! { <span class="skipped">{i18n.t("mod-dont-know")}</span> }.into_any(),
        Shown::PreferNot => view! { <span class="skipped">{i18n.t("mod-prefer-not")}</span> }.into_any(),
    }
}

/// Free text with the suspected details highlighted.
pub fn marked(pieces: &[(String, Option<String>)]) -> impl IntoView {
    let i18n = use_i18n();
    pieces
        .iter()
        .map(|(text, kind)| match kind {
            Some(k) => {
                view! { <mark title=i18n.t(&format!("mod-kind-{k}"))>{text.clone()}</mark> }.into_any()
            }
            None => view! { {text.clone()} }.into_any(),
        })
        .collect_view()
}

/// Accept or reject each suspected detail of one answer, or redact words
/// the detector missed. Plain forms: the same with JavaScript off.
#[component]
fn Redaction(reference: String, answer: i64, details: Vec<Detail>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let kind_name = move |k: &str| i18n.t(&format!("mod-kind-{k}"));
    let rows = details
        .into_iter()
        .map(|d| {
            let replace = i18n.t_args("mod-detail-accept", &[("placeholder", FluentValue::from(siang_storage::placeholder(&d.kind).unwrap_or_else(|| "[other]".to_owned())))]);
            view! {
                <li class="detail">
                    <mark>{d.words.clone()}</mark>" · "{kind_name(&d.kind)}
                    <form method="post" action=format!("/{lang}/staff/moderation/detail") class="inline">
                        <input type="hidden" name="id" value=reference.clone()/>
                        <input type="hidden" name="detail" value=d.id.to_string()/>
                        <button type="submit" name="accept" value="yes" class="small">{replace}</button>
                        " "
                        <button type="submit" name="accept" value="no" class="small secondary">{i18n.t("mod-detail-reject")}</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    let kinds =
        DETAIL_KINDS.iter().map(|k| view! { <option value=*k>{kind_name(k)}</option> }).collect_view();
    let words_id = format!("w{answer}");
    let kind_id = format!("k{answer}");
    view! {
        <ul class="details">{rows}</ul>
        <details class="redact-more">
            <summary>{i18n.t("mod-redact-more")}</summary>
            <form method="post" action=format!("/{lang}/staff/moderation/redact") class="filters">
                <input type="hidden" name="id" value=reference.clone()/>
                <input type="hidden" name="answer" value=answer.to_string()/>
                <div><label for=words_id.clone()>{i18n.t("mod-redact-words")}</label>
                    <input id=words_id name="words" type="text" autocomplete="off" required/></div>
                <div><label for=kind_id.clone()>{i18n.t("mod-redact-kind")}</label>
                    <select id=kind_id name="kind">{kinds}</select></div>
                <div><button type="submit" class="small">{i18n.t("mod-redact-submit")}</button></div>
            </form>
        </details>
    }
}

/// The sentences of an approved answer, each with a button to quote it
/// under one of the submission's themes (none yet: say so).
#[component]
fn Quoting(
    reference: String,
    answer: i64,
    text: String,
    themes: Vec<(i64, String)>,
    quoted: Vec<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    if themes.is_empty() {
        return view! { <p class="hint quote-hint">{i18n.t("quote-no-theme")}</p> }.into_any();
    }
    let rows = crate::model::quotes::sentences(&text)
        .into_iter()
        .enumerate()
        .map(|(i, sentence)| {
            let done = quoted.contains(&sentence);
            let options = themes
                .iter()
                .map(|(id, label)| view! { <option value=id.to_string()>{label.clone()}</option> })
                .collect_view();
            let action = (!done).then(|| {
                view! {
                    <form method="post" action=format!("/{lang}/staff/moderation/quote") class="inline">
                        <input type="hidden" name="id" value=reference.clone()/>
                        <input type="hidden" name="answer" value=answer.to_string()/>
                        <input type="hidden" name="sentence" value=i.to_string()/>
                        <select name="theme" aria-label=i18n.t("quote-theme")>{options}</select>" "
                        <button type="submit" class="small">{i18n.t("quote-pick")}</button>
                    </form>
                }
            });
            view! {
                <li>
                    <q class="words">{sentence}</q>" "
                    {done.then(|| view! { <small>{i18n.t("quote-done")}</small> })}
                    {action}
                </li>
            }
        })
        .collect_view();
    view! {
        <details class="quote-sentences">
            <summary>{i18n.t("quote-summary")}</summary>
            <ul class="sentences">{rows}</ul>
        </details>
    }
    .into_any()
}

/// Codes on words of one answer: those given, each removable, and a form
/// to code more (the words as they stand in the text).
#[component]
fn SpanCoding(
    reference: String,
    answer: i64,
    codes: Vec<crate::model::codebook::Code>,
    spans: Vec<SpanLine>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let given = spans
        .into_iter()
        .map(|x| {
            view! {
                <li>
                    "“"<span class="words">{x.words}</span>"” · "{x.label}" "
                    <form method="post" action=format!("/{lang}/staff/moderation/uncode-words") class="inline">
                        <input type="hidden" name="id" value=reference.clone()/>
                        <input type="hidden" name="span" value=x.id.to_string()/>
                        <button type="submit" class="small secondary">{i18n.t("code-span-remove")}</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    let options = siang_storage::FACETS
        .iter()
        .map(|facet| {
            let inner = codes
                .iter()
                .filter(|c| c.facet == *facet && !c.retired)
                .map(|c| view! { <option value=c.id.to_string()>{c.label.clone()}</option> })
                .collect_view();
            view! { <optgroup label=i18n.t(&format!("code-facet-{facet}"))>{inner}</optgroup> }
        })
        .collect_view();
    let (words_id, code_id) = (format!("cw{answer}"), format!("cc{answer}"));
    view! {
        <ul class="span-codes">{given}</ul>
        <details class="code-words">
            <summary>{i18n.t("code-span")}</summary>
            <form method="post" action=format!("/{lang}/staff/moderation/code-words") class="filters">
                <input type="hidden" name="id" value=reference.clone()/>
                <input type="hidden" name="answer" value=answer.to_string()/>
                <div><label for=words_id.clone()>{i18n.t("code-span-words")}</label>
                    <input id=words_id name="words" type="text" autocomplete="off" required/></div>
                <div><label for=code_id.clone()>{i18n.t("code-span-code")}</label>
                    <select id=code_id name="code">{options}</select></div>
                <div><button type="submit" class="small">{i18n.t("code-span-save")}</button></div>
            </form>
        </details>
    }
}

/// The codebook as checkboxes, a fieldset per facet; saving sends the whole set.
#[component]
fn Coding(reference: String, codes: Vec<crate::model::codebook::Code>, chosen: Vec<i64>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let sets = siang_storage::FACETS
        .iter()
        .map(|facet| {
            let boxes = codes
                .iter()
                .filter(|c| c.facet == *facet && c.offered(&chosen))
                .map(|c| {
                    let retired = c.retired.then(|| view! { " "<small class="retired">{i18n.t("code-retired-mark")}</small> });
                    view! {
                        <label class="check">
                            <input type="checkbox" name="code" value=c.id.to_string() checked=chosen.contains(&c.id)/>
                            " "{c.label.clone()}{retired}
                        </label>
                    }
                })
                .collect_view();
            view! { <fieldset class="codes"><legend>{i18n.t(&format!("code-facet-{facet}"))}</legend>{boxes}</fieldset> }
        })
        .collect_view();
    view! {
        <form method="post" action=format!("/{lang}/staff/moderation/codes") class="coding">
            <h2>{i18n.t("code-title")}</h2>
            <input type="hidden" name="id" value=reference/>
            <div class="code-sets">{sets}</div>
            <p><button type="submit" class="small">{i18n.t("code-save")}</button></p>
        </form>
    }
}

#[component]
fn Submission(data: SubmissionData) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let form = staff_form();
    let queue = format!(
        "/{lang}/staff/moderation/queue?{}",
        QueueQuery { programme: data.code.clone(), ..Default::default() }.to_query(0)
    );
    let young_lang = data.locale.clone();
    let rows = data
        .answers
        .iter()
        .map(|a| {
            let is_text = matches!(a.shown, Shown::Text(_));
            let value_lang = is_text.then(|| young_lang.clone());
            let value = match a.answer_id {
                Some(answer) => view! {
                    <span class="words">{marked(&a.pieces)}</span>
                    <Redaction reference=data.reference.clone() answer=answer details=a.details.clone()/>
                    <SpanCoding reference=data.reference.clone() answer=answer codes=data.codes.clone()
                        spans=data.spans.iter().filter(|x| x.answer_id == answer).cloned().collect()/>
                    {data.quotable.then(|| match &a.shown {
                        Shown::Text(t) => Some(view! {
                            <Quoting reference=data.reference.clone() answer=answer text=t.clone()
                                themes=data.themes.clone() quoted=data.quoted.clone()/>
                        }),
                        _ => None,
                    })}
                }
                .into_any(),
                None => answer_text(&a.shown),
            };
            view! {
                <tr class:text-answer=is_text>
                    <td class="num">{a.screen}</td>
                    <th scope="row">{a.prompt.clone()}</th>
                    <td lang=value_lang>{value}</td>
                </tr>
            }
        })
        .collect_view();
    let moves = [("in_review", "mod-move-review"), ("approved", "mod-move-approve"), ("archived", "mod-move-archive")]
        .into_iter()
        .filter(|(to, _)| *to != data.state && siang_storage::moves_from(to).contains(&data.state.as_str()))
        .map(|(to, key)| {
            view! {
                <form method="post" action=format!("/{lang}/staff/moderation/move") class="inline">
                    <input type="hidden" name="id" value=data.reference.clone()/>
                    <input type="hidden" name="to" value=to/>
                    <button type="submit" class=if to == "archived" { "small secondary" } else { "small" }>{i18n.t(key)}</button>
                </form>
            }
        })
        .collect_view();
    let unresolved = (data.unresolved > 0).then(|| {
        view! { <p class="notice warn unresolved">{i18n.t_args("mod-unresolved", &[("n", FluentValue::from(data.unresolved))])}</p> }
    });
    let typed = form.value("body").or(data.start_from.clone()).unwrap_or_default();
    let pick = (!data.templates.is_empty()).then(|| {
        let options = data
            .templates
            .iter()
            .map(|(id, title)| view! { <option value=id.to_string()>{title.clone()}</option> })
            .collect_view();
        view! {
            <form method="get" action=format!("/{lang}/staff/moderation/submission") class="filters templates">
                <input type="hidden" name="id" value=data.reference.clone()/>
                <div><label for="template">{i18n.t("mod-template-label")}</label>
                    <select id="template" name="template">{options}</select></div>
                <div><button type="submit" class="small secondary">{i18n.t("mod-template-use")}</button></div>
            </form>
        }
    });
    let error = form.error.clone().map(|e| {
        crate::routes::set_status(e.status());
        view! { <ErrorMessage error=e/> }
    });
    let write_in =
        i18n.t_args("mod-reply-in", &[("language", FluentValue::from(language_name(&data.locale)))]);
    view! {
        <p class="crumbs"><a href=format!("/{lang}/staff/moderation")>{i18n.t("mod-title")}</a>" › "<a href=queue>{data.name.clone()}</a></p>
        <h1>{i18n.t("mod-submission-title")}" "<code>{data.reference.clone()}</code></h1>
        {done_notice()}
        {error}
        <dl class="facts-row">
            <div><dt>{i18n.t("mod-col-day")}</dt><dd>{data.day.clone()}</dd></div>
            <div><dt>{i18n.t("mod-col-language")}</dt><dd lang=data.locale.clone()>{language_name(&data.locale)}</dd></div>
            <div><dt>{i18n.t("mod-col-version")}</dt><dd>{data.version}</dd></div>
            <div><dt>{i18n.t("mod-col-state")}</dt><dd class="state">{i18n.t(&format!("mod-state-{}", data.state))}</dd></div>
            <div><dt>{i18n.t("mod-col-status")}</dt><dd>{i18n.t(&format!("mod-status-{}", data.status))}</dd></div>
        </dl>
        {unresolved}
        <div class="moves">{moves}</div>
        <details class="flag-concern">
            <summary>{i18n.t("sg-flag-summary")}</summary>
            <form method="post" action=format!("/{lang}/staff/moderation/flag")>
                <input type="hidden" name="id" value=data.reference.clone()/>
                <p class="hint">{i18n.t("sg-flag-hint")}</p>
                <label for="flag-reason">{i18n.t("sg-flag-reason")}</label>
                <textarea id="flag-reason" name="reason" rows="2" maxlength=NOTE_MAX.to_string()
                    inner_html=escape_html(&form.value("reason").unwrap_or_default())></textarea>
                <p><button type="submit" class="danger">{i18n.t("sg-flag-submit")}</button></p>
            </form>
        </details>
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
        <Coding reference=data.reference.clone() codes=data.codes.clone() chosen=data.chosen.clone()/>
        <SentReplies replies=data.replies.clone() reference=data.reference.clone() young_lang=data.locale.clone()
            correct="moderation/reply-correct"/>
        {pick}
        <form method="post" action=format!("/{lang}/staff/moderation/reply") class="reply-form">
            <input type="hidden" name="id" value=data.reference.clone()/>
            <label for="reply-body">{i18n.t("mod-reply-label")}</label>
            <p class="hint">{write_in}" "{i18n.t("mod-reply-hint")}</p>
            // Leptos does not escape <textarea> children on the server: escape here.
            <textarea id="reply-body" name="body" rows="5" maxlength=REPLY_MAX.to_string() lang=data.locale.clone()
                inner_html=escape_html(&typed)></textarea>
            <p><button type="submit">{i18n.t("mod-reply-send")}</button></p>
        </form>
    }
}
