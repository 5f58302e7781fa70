//! Retention rules for administrators: the installation default
//! (installation administrators) and each organisation's own rule
//! (its administrators), with what will be deleted next and when.
//! Who is asking → may they → do it → audit it.
use chrono::{Days, NaiveDate};
use siang_storage::{RetentionCounts, RetentionRule};

use super::{audit, require_somewhere, AuditEntry, StaffOutcome, StaffPost};
use crate::api::support::{state, storage};
use crate::model::audit::AuditAction;
use crate::model::retention::{Counts, RetentionData, RetentionRow};
use crate::model::staff::{Permission, Target};
use crate::model::staff_pages::StaffForm;
use crate::model::AppError;
use crate::state::AppState;

/// How far ahead the page looks for what becomes due soon.
const SOON_DAYS: u64 = 30;

fn date(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

fn counts(c: RetentionCounts) -> Counts {
    Counts { texts: c.texts, responses: c.responses, concerns: c.concerns }
}

/// The day a record of `day` becomes due under a rule of `months`.
fn due_on(day: Option<NaiveDate>, months: i64) -> Option<String> {
    date(day?.checked_add_months(chrono::Months::new(u32::try_from(months).ok()?)))
}

async fn row(
    state: &AppState,
    org: (i64, String),
    rule: RetentionRule,
    today: NaiveDate,
) -> Result<RetentionRow, AppError> {
    let cut = rule.cutoffs(today);
    let due = state.db.retention_due(org.0, &cut).await.map_err(storage)?;
    let later = rule.cutoffs(today.checked_add_days(Days::new(SOON_DAYS)).unwrap_or(today));
    let by_then = state.db.retention_due(org.0, &later).await.map_err(storage)?;
    let oldest = state.db.retention_oldest(org.0, &cut).await.map_err(storage)?;
    Ok(RetentionRow {
        organisation_id: Some(org.0),
        name: org.1,
        own: rule.organisation_id.is_some(),
        free_text_months: rule.free_text_months,
        submission_months: rule.submission_months,
        safeguarding_months: rule.safeguarding_months,
        due: counts(due),
        soon: Counts {
            texts: by_then.texts - due.texts,
            responses: by_then.responses - due.responses,
            concerns: by_then.concerns - due.concerns,
        },
        next_text: due_on(oldest.text, rule.free_text_months.min(rule.submission_months)),
        next_response: due_on(oldest.response, rule.submission_months),
        next_concern: due_on(oldest.concern, rule.safeguarding_months),
        open_past: oldest.open_past,
    })
}

pub async fn load_retention() -> Result<RetentionData, AppError> {
    let caller = require_somewhere(Permission::ManageRetention)?;
    let state = state()?;
    let today = state.today();
    let rules = state.db.retention_rules().await.map_err(storage)?;
    // Fail closed: no default rule means nothing is deleted and nothing shown as if it were.
    let default = rules.iter().find(|r| r.organisation_id.is_none()).copied().ok_or(AppError::Unavailable)?;
    let mut rows = Vec::new();
    if caller.can(Permission::ManageRetention, Target::Installation) {
        rows.push(RetentionRow {
            organisation_id: None,
            name: String::new(),
            own: true,
            free_text_months: default.free_text_months,
            submission_months: default.submission_months,
            safeguarding_months: default.safeguarding_months,
            due: Counts::default(),
            soon: Counts::default(),
            next_text: None,
            next_response: None,
            next_concern: None,
            open_past: 0,
        });
    }
    for org in state.db.organisations().await.map_err(storage)? {
        if !caller.can(Permission::ManageRetention, Target::Organisation(org.id)) {
            continue;
        }
        let rule = rules.iter().find(|r| r.organisation_id == Some(org.id)).copied().unwrap_or(default);
        rows.push(row(&state, (org.id, org.name), rule, today).await?);
    }
    let last_run = date(state.db.last_retention_day().await.map_err(storage)?);
    Ok(RetentionData { rows, last_run, today: today.format("%Y-%m-%d").to_string() })
}

fn months(p: &StaffPost<'_>, name: &str) -> Result<i64, AppError> {
    p.field(name).parse::<i64>().map_err(|_| AppError::RetentionRange)
}

/// Saves the default (`org` empty) or an organisation's own rule.
pub async fn save(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = p.caller()?.clone();
    let keep = ["org", "free_text", "responses", "safeguarding"];
    let again = |e: AppError| {
        StaffOutcome::page(StaffForm::error(e, keep.map(|k| (k.to_owned(), p.field(k))).to_vec()))
    };
    let organisation_id = match p.field("org").as_str() {
        "" => None,
        id => Some(id.parse::<i64>().map_err(|_| AppError::InvalidInput)?),
    };
    let target = match organisation_id {
        None => Target::Installation,
        Some(id) => {
            let org = p.state.db.organisations().await.map_err(storage)?.into_iter().find(|o| o.id == id);
            Target::Organisation(org.ok_or(AppError::NotFound)?.id)
        }
    };
    if !caller.can(Permission::ManageRetention, target) {
        return Err(AppError::Forbidden);
    }
    let rule = match (months(&p, "free_text"), months(&p, "responses"), months(&p, "safeguarding")) {
        (Ok(free_text_months), Ok(submission_months), Ok(safeguarding_months)) => {
            RetentionRule { organisation_id, free_text_months, submission_months, safeguarding_months }
        }
        _ => return Ok(again(AppError::RetentionRange)),
    };
    if !rule.is_valid() {
        return Ok(again(AppError::RetentionRange));
    }
    p.state.db.set_retention(&rule).await.map_err(storage)?;
    let detail = format!(
        "words {} months, responses {} months, closed concerns {} months",
        rule.free_text_months, rule.submission_months, rule.safeguarding_months
    );
    let mut entry = AuditEntry::new(Some(caller.staff_id), AuditAction::RetentionSaved).detail(detail);
    if let Some(id) = organisation_id {
        entry = entry.organisation(id);
    }
    audit(p.state, entry).await?;
    Ok(StaffOutcome::to(format!("{}?done=retention-saved", p.path("retention"))))
}
