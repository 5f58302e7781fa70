//! What is done about a concern: a moderator marks a submission they read
//! as one (it leaves the queue for the urgent view and the alert goes out),
//! the team moves it new → acknowledged → referred → closed, and answers
//! the young person. Who is asking → may they → do it → audit it.
use super::moderation::released;
use super::moderation_actions::REPLY_MAX;
use super::safeguarding::concern_for;
use super::{audit, AuditEntry, StaffOutcome, StaffPost};
use crate::api::support::storage;
use crate::model::audit::AuditAction;
use crate::model::moderation::reference;
use crate::model::safeguarding::NOTE_MAX;
use crate::model::staff_pages::StaffForm;
use crate::model::AppError;
use siang_storage::NewConcern;

fn case(p: &StaffPost<'_>, shown: &str, done: &str) -> StaffOutcome {
    StaffOutcome::to(format!("{}?id={shown}&done={done}", p.path("safeguarding/case")))
}

/// The case page again, with the error and what was typed.
fn again(e: AppError, shown: &str, field: &str, text: Option<String>) -> StaffOutcome {
    let mut values = vec![("id".to_owned(), shown.to_owned())];
    values.extend(text.map(|t| (field.to_owned(), t)));
    StaffOutcome::page(StaffForm::error(e, values))
}

/// From the submission page: this is a safeguarding concern.
pub async fn raise(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = p.caller()?.clone();
    let (s, programme) = released(p.state, &caller, &p.field("id")).await?;
    let reason = p.field("reason");
    if reason.chars().count() > NOTE_MAX {
        let values = vec![("id".to_owned(), reference(s.id)), ("reason".to_owned(), reason)];
        return Ok(StaffOutcome::page(StaffForm::error(AppError::TextTooLong { max: NOTE_MAX }, values)));
    }
    let concern = NewConcern {
        submission_id: s.id,
        programme_id: programme.id,
        reason: Some(reason.as_str()).filter(|r| !r.is_empty()),
        today: p.state.today(),
        now: p.state.now(),
    };
    let (id, new) = p.state.db.raise_concern(&concern).await.map_err(storage)?;
    let shown = reference(id);
    if new {
        audit(
            p.state,
            AuditEntry::new(Some(caller.staff_id), AuditAction::ConcernRaised)
                .programme(Some(programme.id))
                .target(&shown),
        )
        .await?;
        p.state.wake_alerts();
    }
    Ok(case(&p, &shown, "raised"))
}

/// Acknowledge, refer or close; referring and closing say to whom or why.
pub async fn step(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = p.caller()?.clone();
    let (c, programme) = concern_for(p.state, &caller, &p.field("id")).await?;
    let shown = reference(c.id);
    let (to, note) = (p.field("to"), p.field("note"));
    if !["acknowledged", "referred", "closed"].contains(&to.as_str()) {
        return Ok(again(AppError::InvalidInput, &shown, "note", Some(note)));
    }
    if note.chars().count() > NOTE_MAX {
        return Ok(again(AppError::TextTooLong { max: NOTE_MAX }, &shown, "note", Some(note)));
    }
    if note.is_empty() && to != "acknowledged" {
        return Ok(again(AppError::NoteRequired, &shown, "note", None));
    }
    let note = Some(note.as_str()).filter(|n| !n.is_empty());
    if !p.state.db.step_concern(c.id, &to, caller.staff_id, note, p.state.now()).await.map_err(storage)? {
        return Ok(again(AppError::MoveNotAllowed, &shown, "note", note.map(str::to_owned)));
    }
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::ConcernStep)
            .programme(Some(programme.id))
            .target(&shown)
            .detail(format!("state-{to}")),
    )
    .await?;
    Ok(case(&p, &shown, &to))
}

/// A reply to the young person, read with their receipt code.
pub async fn reply(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = p.caller()?.clone();
    let (c, programme) = concern_for(p.state, &caller, &p.field("id")).await?;
    let shown = reference(c.id);
    let Some(submission) = c.submission_id else {
        return Ok(again(AppError::NotFound, &shown, "body", None));
    };
    let body = p.field("body");
    if body.is_empty() {
        return Ok(again(AppError::ReplyEmpty, &shown, "body", None));
    }
    if body.chars().count() > REPLY_MAX {
        return Ok(again(AppError::TextTooLong { max: REPLY_MAX }, &shown, "body", Some(body)));
    }
    p.state.db.add_reply(submission, Some(caller.staff_id), &body).await.map_err(storage)?;
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::ReplySent)
            .programme(Some(programme.id))
            .target(&reference(submission)),
    )
    .await?;
    Ok(case(&p, &shown, "replied"))
}

/// Corrects a reply the young person has not read yet, from the case page
/// (the submission page has its own: a concern never reaches it).
pub async fn correct_reply(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = p.caller()?.clone();
    let (c, programme) = concern_for(p.state, &caller, &p.field("id")).await?;
    let shown = reference(c.id);
    let (Some(submission), Ok(reply)) = (c.submission_id, p.field("reply").parse::<i64>()) else {
        return Ok(again(AppError::InvalidInput, &shown, "body", None));
    };
    let body = p.field("body");
    if body.is_empty() {
        return Ok(again(AppError::ReplyEmpty, &shown, "body", None));
    }
    if body.chars().count() > REPLY_MAX {
        return Ok(again(AppError::TextTooLong { max: REPLY_MAX }, &shown, "body", None));
    }
    // Another submission's reply is not "already read": it is not this one's.
    if !p.state.db.replies_of(submission).await.map_err(storage)?.iter().any(|r| r.id == reply) {
        return Ok(again(AppError::InvalidInput, &shown, "body", None));
    }
    if !p.state.db.correct_reply(submission, reply, &body, p.state.now()).await.map_err(storage)? {
        return Ok(again(AppError::ReplyAlreadyRead, &shown, "body", None));
    }
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::ReplyCorrected)
            .programme(Some(programme.id))
            .target(&reference(submission)),
    )
    .await?;
    Ok(case(&p, &shown, "reply-corrected"))
}
