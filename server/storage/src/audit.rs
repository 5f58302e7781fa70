//! The audit log: append-only (database triggers refuse updates and
//! deletes) and hash-chained — each entry's hash covers the previous entry's
//! hash and its own fields — so a change made behind the triggers' back is
//! detectable by [`Audit::verify_audit_chain`].
use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub at: i64,
    pub actor_id: Option<i64>,
    pub action: String,
    pub programme_id: Option<i64>,
    pub target: Option<String>,
    pub detail: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Debug, Clone, Default)]
pub struct NewAuditEntry {
    pub at: i64,
    pub actor_id: Option<i64>,
    pub action: String,
    pub programme_id: Option<i64>,
    pub target: Option<String>,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor_id: Option<i64>,
    pub action: Option<String>,
    pub programme_id: Option<i64>,
    pub since: Option<i64>,
    pub until: Option<i64>,
    pub limit: i64,
    pub offset: i64,
}

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hash of one entry given the previous entry's hash.
pub fn chain_hash(prev: &str, e: &NewAuditEntry) -> String {
    let mut h = Sha256::new();
    for part in [
        prev.to_owned(),
        e.at.to_string(),
        e.actor_id.map(|a| a.to_string()).unwrap_or_default(),
        e.action.clone(),
        e.programme_id.map(|p| p.to_string()).unwrap_or_default(),
        e.target.clone().unwrap_or_default(),
        e.detail.clone().unwrap_or_default(),
    ] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[async_trait]
pub trait Audit: Send + Sync + 'static {
    /// Appends one entry, chained to the last (serialised across processes).
    async fn append_audit(&self, e: &NewAuditEntry) -> Result<AuditRow>;
    /// Entries matching the filter, newest first.
    async fn audit_entries(&self, f: &AuditFilter) -> Result<Vec<AuditRow>>;
    /// `None` when the whole chain checks out, else the first entry that does not.
    async fn verify_audit_chain(&self) -> Result<Option<i64>>;
}

/// The trait for one backend; appending takes the backend's own lock (`append_locked`).
macro_rules! impl_audit {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::Audit for $store {
        async fn append_audit(&self, e: &$crate::NewAuditEntry) -> $crate::Result<$crate::AuditRow> {
            self.append_locked(e).await
        }

        async fn audit_entries(&self, f: &$crate::audit::AuditFilter) -> $crate::Result<Vec<$crate::audit::AuditRow>> {
            Ok(sqlx::query_as(
                "SELECT id, at, actor_id, action, programme_id, target, detail, prev_hash, hash FROM audit_log \
                 WHERE ($1 IS NULL OR actor_id = $1) AND ($2 IS NULL OR action = $2) \
                 AND ($3 IS NULL OR programme_id = $3) AND ($4 IS NULL OR at >= $4) AND ($5 IS NULL OR at <= $5) \
                 ORDER BY id DESC LIMIT $6 OFFSET $7",
            )
            .bind(f.actor_id)
            .bind(&f.action)
            .bind(f.programme_id)
            .bind(f.since)
            .bind(f.until)
            .bind(if f.limit > 0 { f.limit } else { 100 })
            .bind(f.offset)
            .fetch_all(&self.pool)
            .await?)
        }

        async fn verify_audit_chain(&self) -> $crate::Result<Option<i64>> {
            let rows: Vec<$crate::audit::AuditRow> = sqlx::query_as(
                "SELECT id, at, actor_id, action, programme_id, target, detail, prev_hash, hash FROM audit_log ORDER BY id",
            )
            .fetch_all(&self.pool)
            .await?;
            let mut prev = $crate::audit::GENESIS.to_owned();
            for r in rows {
                let e = $crate::audit::NewAuditEntry {
                    at: r.at,
                    actor_id: r.actor_id,
                    action: r.action.clone(),
                    programme_id: r.programme_id,
                    target: r.target.clone(),
                    detail: r.detail.clone(),
                };
                if r.prev_hash != prev || r.hash != $crate::audit::chain_hash(&prev, &e) {
                    return Ok(Some(r.id));
                }
                prev = r.hash;
            }
            Ok(None)
        }
        }
    };
}
pub(crate) use impl_audit;

/// Inserts `e` after reading the last hash, inside an open transaction that
/// already holds the backend's write lock.
macro_rules! append_in_tx {
    ($tx:expr, $e:expr) => {{
        let prev: Option<String> = sqlx::query_scalar("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")
            .fetch_optional(&mut *$tx)
            .await?;
        let prev = prev.unwrap_or_else(|| $crate::audit::GENESIS.to_owned());
        let hash = $crate::audit::chain_hash(&prev, $e);
        let row: $crate::audit::AuditRow = sqlx::query_as(
            "INSERT INTO audit_log (at, actor_id, action, programme_id, target, detail, prev_hash, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             RETURNING id, at, actor_id, action, programme_id, target, detail, prev_hash, hash",
        )
        .bind($e.at)
        .bind($e.actor_id)
        .bind(&$e.action)
        .bind($e.programme_id)
        .bind(&$e.target)
        .bind(&$e.detail)
        .bind(&prev)
        .bind(&hash)
        .fetch_one(&mut *$tx)
        .await?;
        row
    }};
}
pub(crate) use append_in_tx;
