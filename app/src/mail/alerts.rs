//! The safeguarding alert outbox: a concern stored with `alert = pending`
//! is e-mailed to its programme's safeguarding contacts by one task per
//! server process. A new concern wakes the task at once; otherwise it looks
//! every minute. Each alert is claimed for five minutes, so with several
//! processes exactly one sends it, and one that failed (the relay was
//! down) is tried again after its claim runs out — no alert is lost to a
//! crash or a restart. Logs hold counts and kinds only.
use std::sync::Arc;
use std::time::Duration;

use siang_storage::Programme;

use super::{messages, Mailer};
use crate::i18n::Locale;
use crate::model::moderation::reference;
use crate::model::staff::{role_permissions, Grant, Permission, Role, Target};
use crate::state::AppState;

/// How long a claimed alert is this process's to send.
const LEASE_SECS: i64 = 300;
/// How often the outbox is looked at without being woken.
const PERIOD: Duration = Duration::from_secs(60);

/// Runs until the process ends.
pub async fn run(state: AppState, mailer: Arc<Mailer>) {
    loop {
        match send_pending(&state, &mailer).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(alerts = n, "safeguarding alerts sent"),
            Err(e) => tracing::error!(error = %e, "safeguarding alerts: storage error"),
        }
        tokio::select! {
            _ = state.alerts_wake.notified() => {}
            _ = tokio::time::sleep(PERIOD) => {}
        }
    }
}

/// Sends what is pending now; returns how many alerts went out.
pub async fn send_pending(state: &AppState, mailer: &Mailer) -> siang_storage::Result<usize> {
    let mut sent = 0;
    for (id, programme_id) in state.db.claim_alerts(state.now(), LEASE_SECS, 20).await? {
        let Some(programme) = state.db.programme(programme_id).await? else {
            // Gone with its programme: nothing to send, and no reason to try again.
            state.db.alert_done(id, false).await?;
            continue;
        };
        let to = recipients(state, &programme).await?;
        if to.is_empty() {
            // Still in the urgent view; nobody to e-mail about it.
            tracing::warn!(programme = programme_id, "safeguarding alert: no contacts and no moderators");
            state.db.alert_done(id, false).await?;
            continue;
        }
        let languages: Vec<Locale> =
            programme.language_list().into_iter().filter_map(Locale::from_tag).collect();
        let lang = languages.first().copied().unwrap_or(Locale::En).tag();
        let link = format!("{}/{lang}/staff/safeguarding", state.config.link_origin(None));
        let mail = messages::alert(&programme.name, &reference(id), &link, &languages);
        let mut failed = 0;
        for address in &to {
            if mailer.send(address, &mail.subject, mail.body.clone()).await.is_err() {
                failed += 1;
            }
        }
        if failed == 0 {
            state.db.alert_done(id, true).await?;
            sent += 1;
        } else {
            // Claimed still: tried again once the claim runs out.
            tracing::warn!(
                programme = programme_id,
                failed,
                of = to.len(),
                "safeguarding alert not delivered to all"
            );
        }
    }
    Ok(sent)
}

/// The programme's safeguarding contacts; when it has none, everyone
/// active who may open its urgent view (so a concern never goes unsent
/// because a list was left empty).
async fn recipients(state: &AppState, programme: &Programme) -> siang_storage::Result<Vec<String>> {
    let setup = state.db.safeguarding_setup(programme.id).await?;
    if !setup.contacts.is_empty() {
        return Ok(setup.contacts);
    }
    let mut to = Vec::new();
    for s in state.db.list_staff().await? {
        if s.disabled {
            continue;
        }
        let target = Target::Programme { programme: programme.id, organisation: programme.organisation_id };
        let covers = state.db.grants_of(s.id).await?.into_iter().any(|g| {
            Role::parse(&g.role).is_some_and(|role| {
                let grant = Grant {
                    id: g.id,
                    role,
                    organisation_id: g.organisation_id,
                    programme_id: g.programme_id,
                };
                role_permissions(role).contains(&Permission::Safeguarding) && grant.covers(target)
            })
        });
        if covers {
            to.push(s.email);
        }
    }
    Ok(to)
}
