//! What the urgent view loads: the concerns of every programme the caller
//! may see the safeguarding view of, and one concern opened. Concerns come
//! here at once, with no daily batch; opening one is audited before
//! anything in it is read out, and marks the young person's answers read.
use siang_storage::{ConcernDetail, Programme};

use super::moderation::{answer_lines, target};
use super::{audit, require_somewhere, AuditEntry};
use crate::api::programme::helplines_of;
use crate::api::support::{state, storage};
use crate::i18n::Locale;
use crate::model::audit::AuditAction;
use crate::model::moderation::{parse_reference, reference, ReplyLine};
use crate::model::safeguarding::*;
use crate::model::staff::{Caller, Permission};
use crate::model::AppError;
use crate::state::AppState;

pub async fn load_urgent(closed: bool) -> Result<UrgentData, AppError> {
    let caller = require_somewhere(Permission::Safeguarding)?;
    let state = state()?;
    let programmes: Vec<Programme> = state
        .db
        .programmes()
        .await
        .map_err(storage)?
        .into_iter()
        .filter(|p| caller.can(Permission::Safeguarding, target(p)))
        .collect();
    let ids: Vec<i64> = programmes.iter().map(|p| p.id).collect();
    let now = state.now();
    let items = state
        .db
        .concerns(&ids, closed)
        .await
        .map_err(storage)?
        .into_iter()
        .filter_map(|c| {
            let p = programmes.iter().find(|p| p.id == c.programme_id)?;
            Some(ConcernItem {
                reference: reference(c.id),
                code: p.code.clone(),
                programme: p.name.clone(),
                source: c.source,
                target: Target::of(c.raised_hour, &c.state, now),
                state: c.state,
                raised: staff_time(c.raised_hour),
                acknowledged: c.acknowledged_at.map(staff_time),
            })
        })
        .collect();
    Ok(UrgentData { items, closed })
}

/// A concern of a programme whose urgent view the caller may see.
pub async fn concern_for(
    state: &AppState,
    caller: &Caller,
    reference_text: &str,
) -> Result<(ConcernDetail, Programme), AppError> {
    let id = parse_reference(reference_text).ok_or(AppError::NotFound)?;
    let c = state.db.concern(id).await.map_err(storage)?.ok_or(AppError::NotFound)?;
    let p = state.db.programme(c.programme_id).await.map_err(storage)?.ok_or(AppError::NotFound)?;
    if !caller.can(Permission::Safeguarding, target(&p)) {
        return Err(AppError::Forbidden);
    }
    Ok((c, p))
}

pub async fn load_case(reference_text: &str, locale: Locale) -> Result<CaseData, AppError> {
    let caller = require_somewhere(Permission::Safeguarding)?;
    let state = state()?;
    let (c, p) = concern_for(&state, &caller, reference_text).await?;
    let shown = reference(c.id);
    audit(
        &state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::ConcernViewed)
            .programme(Some(p.id))
            .target(&shown),
    )
    .await?;
    let submission = match c.submission_id {
        Some(sid) => match state.db.submission(sid).await.map_err(storage)? {
            Some(s) => {
                state.db.mark_read(s.id).await.map_err(storage)?;
                let (version, answers) = answer_lines(&state, &s, locale).await?;
                let replies = state.db.replies_of(s.id).await.map_err(storage)?;
                Some(CaseSubmission {
                    day: s.submitted_on.to_string(),
                    locale: s.locale,
                    version,
                    status: if s.status == "received" { "read".to_owned() } else { s.status },
                    answers,
                    replies: replies
                        .into_iter()
                        .map(|r| ReplyLine {
                            id: r.id,
                            day: r.created_on.to_string(),
                            body: r.body,
                            seen: r.seen,
                        })
                        .collect(),
                })
            }
            None => None,
        },
        None => None,
    };
    let steps = state
        .db
        .concern_steps(c.id)
        .await
        .map_err(storage)?
        .into_iter()
        .map(|s| StepLine { state: s.state, who: s.staff_name, when: staff_time(s.at), note: s.note })
        .collect();
    let setup = state.db.safeguarding_setup(p.id).await.map_err(storage)?;
    Ok(CaseData {
        reference: shown,
        code: p.code.clone(),
        programme: p.name.clone(),
        source: c.source,
        answer: c.answer,
        body: c.body,
        target: Target::of(c.raised_hour, &c.state, state.now()),
        state: c.state,
        raised: staff_time(c.raised_hour),
        steps,
        referral_steps: setup.referral_steps,
        helplines: helplines_of(&state, &p.country, locale).await,
        submission,
    })
}
