//! Applying retention: a task in every server process and `siang retention
//! run` for cron. Each organisation's rule is applied batch by batch (see
//! `siang_storage::Retention`); what was deleted is logged and audited as
//! counts only. The task wakes hourly and runs once a day across all
//! processes (the first to claim the day); the command runs whenever asked,
//! and both may overlap safely: every delete is idempotent.
use std::time::Duration;

use chrono::NaiveDate;
use siang_storage::{Db, NewAuditEntry, RetentionCounts};

use crate::model::audit::AuditAction;
use crate::state::AppState;

const PERIOD: Duration = Duration::from_secs(3600);

/// Applies every organisation's rule on `today`; `now` stamps the audit entries.
pub async fn apply_all(db: &Db, today: NaiveDate, now: i64) -> siang_storage::Result<RetentionCounts> {
    let mut total = RetentionCounts::default();
    for org in db.organisation_ids().await? {
        let done = db.apply_retention(org, today).await?;
        if done != RetentionCounts::default() {
            db.append_audit(&NewAuditEntry {
                at: now,
                actor_id: None,
                action: AuditAction::RetentionApplied.key().to_owned(),
                programme_id: None,
                organisation_id: Some(org),
                target: None,
                detail: Some(describe(&done)),
            })
            .await?;
        }
        total += done;
    }
    tracing::info!(
        texts = total.texts,
        responses = total.responses,
        concerns = total.concerns,
        "retention applied"
    );
    Ok(total)
}

/// "words 3, responses 1, closed concerns 0" (the audit detail; counts only).
pub fn describe(c: &RetentionCounts) -> String {
    format!("words {}, responses {}, closed concerns {}", c.texts, c.responses, c.concerns)
}

/// One wake of the task: runs if no process has run today yet.
pub async fn tick(state: &AppState) -> siang_storage::Result<Option<RetentionCounts>> {
    let today = state.today();
    if !state.db.claim_retention_day(today).await? {
        return Ok(None);
    }
    apply_all(&state.db, today, state.now()).await.map(Some)
}

/// Runs until the process ends.
pub async fn run(state: AppState) {
    loop {
        if let Err(e) = tick(&state).await {
            tracing::error!(error = %e, "retention: storage error (tried again tomorrow, or run `siang retention run`)");
        }
        tokio::time::sleep(PERIOD).await;
    }
}
