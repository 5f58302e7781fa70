//! The audit log page's data, and which organisation an entry concerns.
//!
//! Installation administrators see every entry; an organisation's
//! administrator the entries about that organisation (its programmes, and
//! its people — whose organisation is recorded with each entry). Every
//! filter, the scope included, is applied by the database before paging,
//! so each page is a full page. The hash chain is checked from the last
//! verified entry onwards (a page view costs what is new; `siang audit
//! verify` checks the whole chain).
use siang_storage::AuditFilter;

use super::require_somewhere;
use crate::api::support::{state, storage};
use crate::model::audit::AuditAction;
use crate::model::staff::{Permission, Target};
use crate::model::staff_pages::{AuditData, AuditView};
use crate::model::AppError;
use crate::state::AppState;

/// Entries per page.
pub const PAGE: i64 = 50;

/// The audit page's filters, as typed in its form (all optional).
#[derive(Clone, Debug, Default)]
pub struct AuditQuery {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub programme: Option<i64>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub page: i64,
}

/// The one organisation a staff member belongs to, if there is exactly one
/// (grants in several organisations, or installation-wide, belong to none).
/// Always runs the same look-ups, whoever it is asked about.
pub async fn organisation_of(state: &AppState, staff_id: i64) -> Result<Option<i64>, AppError> {
    let grants = state.db.grants_of(staff_id).await.map_err(storage)?;
    let programmes = state.db.programmes().await.map_err(storage)?;
    let mut orgs = grants.iter().map(|g| match (g.organisation_id, g.programme_id) {
        (_, Some(pid)) => programmes.iter().find(|p| p.id == pid).map(|p| p.organisation_id),
        (org, None) => org,
    });
    let Some(Some(first)) = orgs.next() else { return Ok(None) };
    Ok(orgs.all(|o| o == Some(first)).then_some(first))
}

fn day(d: Option<&str>, end: bool) -> Option<i64> {
    let d = chrono::NaiveDate::parse_from_str(d?, "%Y-%m-%d").ok()?;
    let t = if end { d.and_hms_opt(23, 59, 59) } else { d.and_hms_opt(0, 0, 0) }?;
    Some(t.and_utc().timestamp())
}

pub async fn load_audit(q: &AuditQuery) -> Result<AuditData, AppError> {
    let caller = require_somewhere(Permission::ReadAudit)?;
    let state = state()?;
    let db = &state.db;
    let staff = db.list_staff().await.map_err(storage)?;
    let programmes = db.programmes().await.map_err(storage)?;
    let organisations = db.organisations().await.map_err(storage)?;
    let readable: Vec<&siang_storage::Programme> = programmes
        .iter()
        .filter(|p| {
            caller.can(
                Permission::ReadAudit,
                Target::Programme { programme: p.id, organisation: p.organisation_id },
            )
        })
        .collect();
    let scope = if caller.can(Permission::ReadAudit, Target::Installation) {
        None
    } else {
        let orgs = organisations
            .iter()
            .filter(|o| caller.can(Permission::ReadAudit, Target::Organisation(o.id)))
            .map(|o| o.id)
            .collect();
        Some((orgs, readable.iter().map(|p| p.id).collect()))
    };
    // Someone nobody knows matches nothing (not everything).
    let actor_id = q
        .actor
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(|a| staff.iter().find(|s| s.email == a.to_lowercase()).map_or(0, |s| s.id));
    let page = q.page.clamp(0, 10_000);
    let filter = AuditFilter {
        actor_id,
        action: q.action.as_deref().and_then(AuditAction::parse).map(|a| a.key().to_owned()),
        programme_id: q.programme,
        since: day(q.from.as_deref(), false),
        until: day(q.to.as_deref(), true),
        scope,
        limit: PAGE + 1,
        offset: page * PAGE,
        ..Default::default()
    };
    let rows = db.audit_entries(&filter).await.map_err(storage)?;
    let has_more = rows.len() as i64 > PAGE;
    let entries = rows
        .into_iter()
        .take(PAGE as usize)
        .map(|r| AuditView {
            id: r.id,
            at: r.at,
            actor: r.actor_id.and_then(|a| staff.iter().find(|s| s.id == a).map(|s| s.email.clone())),
            action: r.action,
            programme: r
                .programme_id
                .and_then(|p| programmes.iter().find(|x| x.id == p).map(|x| x.code.clone())),
            target: r.target,
            detail: r.detail,
        })
        .collect();
    let broken_at = db.verify_audit_chain_incremental().await.map_err(storage)?;
    let actions = AuditAction::ALL.iter().map(|a| a.key().to_owned()).collect();
    let visible_programmes = readable.iter().map(|p| (p.id, format!("{} ({})", p.name, p.code))).collect();
    Ok(AuditData { entries, broken_at, actions, has_more, programmes: visible_programmes })
}
