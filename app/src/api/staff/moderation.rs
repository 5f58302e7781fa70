//! What the moderation pages load: the programmes a moderator may review,
//! one programme's queue, and one submission. Only moderators granted the
//! programme reach any of it (an admin without a moderator grant does not).
//!
//! The queue holds released days only: a submission appears the day after
//! it was sent, together with its whole day, in the order of its random
//! identifier. Opening a submission is audited before anything is read.
use siang_storage::{Programme, QueueFilter};

use super::{audit, require, require_somewhere, AuditEntry};
use crate::api::support::{state, storage};
use crate::i18n::Locale;
use crate::model::answers::QuestionKind;
use crate::model::audit::AuditAction;
use crate::model::moderation::*;
use crate::model::staff::{Caller, Permission, Target};
use crate::model::AppError;
use crate::state::AppState;

/// Rows per queue page.
pub const PAGE: i64 = 50;

pub fn target(p: &Programme) -> Target {
    Target::Programme { programme: p.id, organisation: p.organisation_id }
}

/// Counts in [`STATES`] order, zeros included.
fn all_states(counts: Vec<(String, i64)>) -> Vec<(String, i64)> {
    STATES
        .iter()
        .map(|s| ((*s).to_owned(), counts.iter().find(|(k, _)| k == s).map_or(0, |(_, n)| *n)))
        .collect()
}

pub async fn load_moderation_home() -> Result<Vec<ProgrammeQueue>, AppError> {
    let caller = require_somewhere(Permission::Moderate)?;
    let state = state()?;
    let today = state.today();
    let mut out = Vec::new();
    for p in state.db.programmes().await.map_err(storage)? {
        if caller.can(Permission::Moderate, target(&p)) {
            let counts = all_states(state.db.queue_counts(p.id, today).await.map_err(storage)?);
            out.push(ProgrammeQueue { code: p.code, name: p.name, counts });
        }
    }
    Ok(out)
}

/// The programme by code, if the caller moderates it.
pub async fn moderated(state: &AppState, code: &str) -> Result<(Caller, Programme), AppError> {
    let p = state.db.programme_by_code(code).await.map_err(storage)?.ok_or(AppError::NotFound)?;
    Ok((require(Permission::Moderate, target(&p))?, p))
}

pub async fn load_queue(q: &QueueQuery, locale: Locale) -> Result<QueueData, AppError> {
    require_somewhere(Permission::Moderate)?;
    let state = state()?;
    let (_, p) = moderated(&state, &q.programme).await?;
    let today = state.today();
    let page = q.page.clamp(0, 10_000);
    let filter = QueueFilter {
        programme_id: p.id,
        released_before: today,
        state: q.state.clone().filter(|s| STATES.contains(&s.as_str())),
        version_id: q.version,
        locale: q.lang.clone(),
        rating: q.rating,
        has_text: q.text,
        suspected: q.suspected,
        code: q.code,
        limit: PAGE + 1,
        offset: page * PAGE,
    };
    let rows = state.db.queue(&filter).await.map_err(storage)?;
    let counts = all_states(state.db.queue_counts(p.id, today).await.map_err(storage)?);
    let (version_ids, _) = state.db.queue_facets(p.id).await.map_err(storage)?;
    // Young people may answer in any shipped language, not only the ones a
    // programme lists: the filter offers them all.
    let locales = Locale::ALL.iter().map(|l| l.tag().to_owned()).collect();
    let mut versions = Vec::new();
    for id in version_ids {
        let number = state.version(id).await.map_err(storage)?.map_or(0, |v| v.version);
        versions.push((id, number));
    }
    let has_more = rows.len() as i64 > PAGE;
    let items = rows
        .into_iter()
        .take(PAGE as usize)
        .map(|r| QueueItem {
            reference: reference(r.id),
            day: r.submitted_on.to_string(),
            locale: r.locale,
            version: versions.iter().find(|(id, _)| *id == r.version_id).map_or(0, |(_, n)| *n),
            state: r.moderation,
            status: r.status,
            has_text: r.has_text,
            suspected: r.suspected,
            replies: r.replies,
        })
        .collect();
    let codes = super::codebook::codes_for(&state, p.organisation_id, locale).await?;
    Ok(QueueData { code: p.code, name: p.name, counts, items, versions, locales, codes, has_more })
}

/// A released submission of a programme the caller moderates. Unknown,
/// unreleased and other programmes' submissions are all "not found" or
/// "forbidden" before anything of them is read.
pub async fn released(
    state: &AppState,
    caller: &Caller,
    reference_text: &str,
) -> Result<(siang_storage::SubmissionRow, Programme), AppError> {
    let id = parse_reference(reference_text).ok_or(AppError::NotFound)?;
    let s = state.db.submission(id).await.map_err(storage)?.ok_or(AppError::NotFound)?;
    let p = state.db.programme(s.programme_id).await.map_err(storage)?.ok_or(AppError::NotFound)?;
    if !caller.can(Permission::Moderate, target(&p)) {
        return Err(AppError::Forbidden);
    }
    if s.submitted_on >= state.today() {
        return Err(AppError::NotFound);
    }
    // A concern keeps it in the urgent view, out of the queue's reach.
    if state.db.concern_of_submission(s.id).await.map_err(storage)?.is_some() {
        return Err(AppError::InUrgentView);
    }
    Ok((s, p))
}

/// Opens a submission: audits the view, marks it read by the team (the
/// young person sees that) and takes a new one into review.
pub async fn load_submission(
    reference_text: &str,
    locale: Locale,
    template: Option<i64>,
) -> Result<SubmissionData, AppError> {
    let caller = require_somewhere(Permission::Moderate)?;
    let state = state()?;
    let (s, p) = released(&state, &caller, reference_text).await?;
    let shown = reference(s.id);
    audit(
        &state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::SubmissionViewed)
            .programme(Some(p.id))
            .target(&shown),
    )
    .await?;
    state.db.mark_read(s.id).await.map_err(storage)?;
    let mut moderation = s.moderation.clone();
    if moderation == "new" && state.db.set_moderation(s.id, "in_review").await.map_err(storage)? {
        moderation = "in_review".into();
    }
    let (version, answers) = answer_lines(&state, &s, locale).await?;
    let codes = super::codebook::codes_for(&state, p.organisation_id, locale).await?;
    let spans = span_lines(&state, s.id, &codes, &answers).await?;
    let chosen = state.db.codes_of(s.id).await.map_err(storage)?;
    let unresolved = state.db.unresolved_details(s.id).await.map_err(storage)?;
    let quotable = moderation == "approved" && unresolved == 0;
    let replies = state.db.replies_of(s.id).await.map_err(storage)?;
    // Templates of the programme's organisation (and everyone's), in the young person's language.
    let templates: Vec<_> = state
        .db
        .reply_templates(&[p.organisation_id])
        .await
        .map_err(storage)?
        .into_iter()
        .filter(|t| t.locale == s.locale)
        .collect();
    Ok(SubmissionData {
        reference: shown,
        code: p.code,
        name: p.name,
        day: s.submitted_on.to_string(),
        locale: s.locale,
        version,
        state: moderation,
        // Marked read above (a reply already sent stays "replied").
        status: if s.status == "received" { "read".to_owned() } else { s.status },
        answers,
        unresolved,
        replies: replies
            .into_iter()
            .map(|r| ReplyLine { id: r.id, day: r.created_on.to_string(), body: r.body, seen: r.seen })
            .collect(),
        templates: templates.iter().map(|t| (t.id, t.title.clone())).collect(),
        start_from: template.and_then(|id| templates.iter().find(|t| t.id == id)).map(|t| t.body.clone()),
        spans,
        quotable,
        themes: codes
            .iter()
            .filter(|c| c.facet == "theme" && chosen.contains(&c.id))
            .map(|c| (c.id, c.label.clone()))
            .collect(),
        quoted: state
            .db
            .quotes_of_submission(s.id)
            .await
            .map_err(storage)?
            .into_iter()
            .map(|q| q.body)
            .collect(),
        codes,
        chosen,
    })
}

/// A submission's answers with the question texts in the reader's language
/// and the suspected personal details marked (the caller has audited the read).
pub async fn answer_lines(
    state: &AppState,
    s: &siang_storage::SubmissionRow,
    locale: Locale,
) -> Result<(i64, Vec<AnswerLine>), AppError> {
    let version = state.version(s.version_id).await.map_err(storage)?.ok_or(AppError::NotFound)?;
    let view = state.localised(&version, locale);
    let stored = state.db.answers_of(s.id).await.map_err(storage)?;
    let spans = state.db.redactions_of(s.id).await.map_err(storage)?;
    let mut answers = Vec::new();
    for screen in &view.screens {
        for q in screen.questions.iter().filter(|q| !q.restricted) {
            let a = stored.iter().find(|a| a.question_id == q.id);
            let shown = match a.map(|a| (a.state.as_str(), a)) {
                None | Some(("skipped", _)) => Shown::Skipped,
                Some(("dont_know", _)) => Shown::DontKnow,
                Some(("prefer_not", _)) => Shown::PreferNot,
                Some((_, a)) => match q.kind {
                    QuestionKind::Scale => a.rating.map_or(Shown::Skipped, Shown::Rating),
                    QuestionKind::Text => Shown::Text(a.body.clone().unwrap_or_default()),
                    QuestionKind::Single | QuestionKind::Multi => Shown::Choices(
                        a.choices
                            .as_deref()
                            .unwrap_or_default()
                            .split(',')
                            .filter(|k| !k.is_empty())
                            .map(|k| {
                                q.options.iter().find(|(key, _)| key == k).map_or(k, |(_, l)| l).to_owned()
                            })
                            .collect(),
                    ),
                },
            };
            let (mut answer_id, mut marked, mut details) = (None, Vec::new(), Vec::new());
            if let (Shown::Text(text), Some(a)) = (&shown, a) {
                let pending: Vec<_> =
                    spans.iter().filter(|r| r.answer_id == a.id && r.state == "suggested").collect();
                let cut: Vec<(usize, usize, String)> = pending
                    .iter()
                    .filter_map(|r| {
                        Some((
                            usize::try_from(r.start_at).ok()?,
                            usize::try_from(r.end_at).ok()?,
                            r.kind.clone(),
                        ))
                    })
                    .collect();
                marked = pieces(text, &cut);
                details = pending
                    .iter()
                    .map(|r| Detail {
                        id: r.id,
                        kind: r.kind.clone(),
                        words: text
                            .get(r.start_at as usize..r.end_at as usize)
                            .unwrap_or_default()
                            .to_owned(),
                    })
                    .collect();
                answer_id = Some(a.id);
            }
            answers.push(AnswerLine {
                screen: screen.number,
                prompt: q.prompt.clone(),
                shown,
                answer_id,
                pieces: marked,
                details,
            });
        }
    }
    Ok((version.version, answers))
}

/// The codes on words of a submission's answers, with the words as they
/// stand in the stored (perhaps redacted) text.
async fn span_lines(
    state: &AppState,
    submission: i64,
    codes: &[crate::model::codebook::Code],
    answers: &[AnswerLine],
) -> Result<Vec<SpanLine>, AppError> {
    let stored = state.db.answers_of(submission).await.map_err(storage)?;
    Ok(state
        .db
        .span_codes_of(submission)
        .await
        .map_err(storage)?
        .into_iter()
        .filter(|c| answers.iter().any(|a| a.answer_id == Some(c.answer_id)))
        .filter_map(|c| {
            let body = stored.iter().find(|a| a.id == c.answer_id)?.body.as_deref()?;
            let words =
                body.get(usize::try_from(c.start_at).ok()?..usize::try_from(c.end_at).ok()?)?.to_owned();
            let label = codes.iter().find(|k| k.id == c.tag_id).map(|k| k.label.clone())?;
            Some(SpanLine { id: c.id, answer_id: c.answer_id, words, label })
        })
        .collect())
}
