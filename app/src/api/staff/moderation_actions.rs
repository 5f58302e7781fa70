//! What a moderator does to one submission: move it between the queue's
//! states, and reply to the young person. Who is asking → may they (the
//! programme's moderator, a released submission) → do it → audit it.
use super::moderation::released;
use super::{audit, AuditEntry, StaffOutcome, StaffPost};
use crate::api::support::storage;
use crate::model::audit::AuditAction;
use crate::model::moderation::{reference, DETAIL_KINDS};
use crate::model::staff::Caller;
use crate::model::staff_pages::StaffForm;
use crate::model::AppError;
use siang_storage::Redacted;

/// Longest reply, in characters.
pub const REPLY_MAX: usize = 2000;

/// Who is asking, and the released submission the form names, if they
/// moderate its programme.
struct Target {
    caller: Caller,
    s: siang_storage::SubmissionRow,
    programme: siang_storage::Programme,
    shown: String,
}

async fn target(p: &StaffPost<'_>) -> Result<Target, AppError> {
    let caller = p.caller()?.clone();
    let (s, programme) = released(p.state, &caller, &p.field("id")).await?;
    let shown = reference(s.id);
    Ok(Target { caller, s, programme, shown })
}

/// For other modules' actions on one submission: who, which, its programme, its reference.
pub async fn target_of(
    p: &StaffPost<'_>,
) -> Result<(Caller, siang_storage::SubmissionRow, siang_storage::Programme, String), AppError> {
    let Target { caller, s, programme, shown } = target(p).await?;
    Ok((caller, s, programme, shown))
}

pub fn back_to(p: &StaffPost<'_>, shown: &str, done: &str) -> StaffOutcome {
    back(p, shown, done)
}

pub fn again_on(e: AppError, shown: &str) -> StaffOutcome {
    again(e, shown, None)
}

fn back(p: &StaffPost<'_>, shown: &str, done: &str) -> StaffOutcome {
    StaffOutcome::to(format!("{}?id={shown}&done={done}", p.path("moderation/submission")))
}

/// The submission page again, with the error and what was typed.
fn again(e: AppError, shown: &str, body: Option<String>) -> StaffOutcome {
    let mut values = vec![("id".to_owned(), shown.to_owned())];
    values.extend(body.map(|b| ("body".to_owned(), b)));
    StaffOutcome::page(StaffForm::error(e, values))
}

pub async fn move_submission(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let Target { caller, s, programme, shown } = target(&p).await?;
    let to = p.field("to");
    if !["in_review", "approved", "archived"].contains(&to.as_str()) {
        return Ok(again(AppError::InvalidInput, &shown, None));
    }
    if to == "approved" && p.state.db.unresolved_details(s.id).await.map_err(storage)? > 0 {
        return Ok(again(AppError::DetailsUnresolved, &shown, None));
    }
    if !p.state.db.set_moderation(s.id, &to).await.map_err(storage)? {
        return Ok(again(AppError::MoveNotAllowed, &shown, None));
    }
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::SubmissionMoved)
            .programme(Some(programme.id))
            .target(&shown)
            .detail(format!("state-{to}")),
    )
    .await?;
    Ok(back(&p, &shown, "moved"))
}

pub async fn reply(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let Target { caller, s, programme, shown } = target(&p).await?;
    let body = p.field("body");
    if body.is_empty() {
        return Ok(again(AppError::ReplyEmpty, &shown, None));
    }
    if body.chars().count() > REPLY_MAX {
        return Ok(again(AppError::TextTooLong { max: REPLY_MAX }, &shown, Some(body)));
    }
    p.state.db.add_reply(s.id, Some(caller.staff_id), &body).await.map_err(storage)?;
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::ReplySent)
            .programme(Some(programme.id))
            .target(&shown),
    )
    .await?;
    Ok(back(&p, &shown, "replied"))
}

/// Accepts (the span becomes a placeholder such as `[phone]`) or rejects a
/// suspected personal detail. The audit entry names the kind, never the words.
pub async fn resolve_detail(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let Target { caller, s, programme, shown } = target(&p).await?;
    let (Ok(detail), accept) = (p.field("detail").parse::<i64>(), p.field("accept")) else {
        return Ok(again(AppError::InvalidInput, &shown, None));
    };
    let accept = match accept.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Ok(again(AppError::InvalidInput, &shown, None)),
    };
    match p.state.db.resolve_detail(s.id, detail, accept, caller.staff_id).await.map_err(storage)? {
        Redacted::Done => {}
        Redacted::NotFound => return Ok(again(AppError::MoveNotAllowed, &shown, None)),
    }
    let action = if accept { AuditAction::DetailAccepted } else { AuditAction::DetailRejected };
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), action).programme(Some(programme.id)).target(&shown),
    )
    .await?;
    Ok(back(&p, &shown, if accept { "detail-accepted" } else { "detail-rejected" }))
}

/// Redacts words the detector missed (a name, a village) everywhere in one answer.
pub async fn redact_words(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let Target { caller, s, programme, shown } = target(&p).await?;
    let kind = p.field("kind");
    let (Ok(answer), true) = (p.field("answer").parse::<i64>(), DETAIL_KINDS.contains(&kind.as_str())) else {
        return Ok(again(AppError::InvalidInput, &shown, None));
    };
    let words = p.field("words");
    if words.chars().count() < 2 {
        return Ok(again(AppError::WordsNotFound, &shown, None));
    }
    match p.state.db.redact_words(s.id, answer, &words, &kind, caller.staff_id).await.map_err(storage)? {
        Redacted::Done => {}
        Redacted::NotFound => return Ok(again(AppError::WordsNotFound, &shown, None)),
    }
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::WordsRedacted)
            .programme(Some(programme.id))
            .target(&shown)
            .detail(format!("kind-{kind}")),
    )
    .await?;
    Ok(back(&p, &shown, "redacted"))
}

/// Corrects a reply the young person has not read yet (a typo, a wrong
/// date); once read it stays as they saw it. Audited, not the words.
pub async fn correct_reply(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let Target { caller, s, programme, shown } = target(&p).await?;
    let Ok(reply) = p.field("reply").parse::<i64>() else {
        return Ok(again(AppError::InvalidInput, &shown, None));
    };
    let body = p.field("body");
    if body.is_empty() {
        return Ok(again(AppError::ReplyEmpty, &shown, None));
    }
    if body.chars().count() > REPLY_MAX {
        return Ok(again(AppError::TextTooLong { max: REPLY_MAX }, &shown, None));
    }
    // Another submission's reply is not "already read": it is not this one's.
    if !p.state.db.replies_of(s.id).await.map_err(storage)?.iter().any(|r| r.id == reply) {
        return Ok(again(AppError::InvalidInput, &shown, None));
    }
    if !p.state.db.correct_reply(s.id, reply, &body, p.state.now()).await.map_err(storage)? {
        return Ok(again(AppError::ReplyAlreadyRead, &shown, None));
    }
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::ReplyCorrected)
            .programme(Some(programme.id))
            .target(&shown),
    )
    .await?;
    Ok(back(&p, &shown, "reply-corrected"))
}

/// The codes of the codebook this submission carries (type, component,
/// theme): the whole set at once, from the checkboxes of the page.
pub async fn set_codes(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let Target { caller, s, programme, shown } = target(&p).await?;
    let allowed = super::codebook::codes_for(p.state, programme.organisation_id, p.locale).await?;
    // A retired code may stay where it was given, never be newly given.
    let given = p.state.db.codes_of(s.id).await.map_err(storage)?;
    let mut chosen = Vec::new();
    for raw in p.form.all("code") {
        match raw.trim().parse::<i64>() {
            Ok(id) if allowed.iter().any(|c| c.id == id && c.offered(&given)) => chosen.push(id),
            _ => return Ok(again(AppError::InvalidInput, &shown, None)),
        }
    }
    chosen.sort_unstable();
    chosen.dedup();
    p.state.db.set_codes(s.id, &chosen).await.map_err(storage)?;
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::SubmissionCoded)
            .programme(Some(programme.id))
            .target(&shown)
            .detail(chosen.len().to_string()),
    )
    .await?;
    Ok(back(&p, &shown, "coded"))
}

/// Codes words of one answer (the first place they stand).
pub async fn code_words(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let Target { caller, s, programme, shown } = target(&p).await?;
    let allowed = super::codebook::codes_for(p.state, programme.organisation_id, p.locale).await?;
    let (Ok(answer), Ok(code)) = (p.field("answer").parse::<i64>(), p.field("code").parse::<i64>()) else {
        return Ok(again(AppError::InvalidInput, &shown, None));
    };
    if !allowed.iter().any(|c| c.id == code && !c.retired) {
        return Ok(again(AppError::InvalidInput, &shown, None));
    }
    let words = p.field("words");
    if words.chars().count() < 2
        || !p.state.db.add_span_code(s.id, answer, &words, code).await.map_err(storage)?
    {
        return Ok(again(AppError::WordsNotFound, &shown, None));
    }
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::WordsCoded)
            .programme(Some(programme.id))
            .target(&shown),
    )
    .await?;
    Ok(back(&p, &shown, "coded"))
}

pub async fn uncode_words(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let Target { caller, s, programme, shown } = target(&p).await?;
    let Ok(span) = p.field("span").parse::<i64>() else {
        return Ok(again(AppError::InvalidInput, &shown, None));
    };
    if !p.state.db.remove_span_code(s.id, span).await.map_err(storage)? {
        return Ok(again(AppError::NotFound, &shown, None));
    }
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::WordsUncoded)
            .programme(Some(programme.id))
            .target(&shown),
    )
    .await?;
    Ok(back(&p, &shown, "coded"))
}
