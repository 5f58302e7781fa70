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
    /// The organisation the entry concerns (`None`: none, or written before it was recorded).
    pub organisation_id: Option<i64>,
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
    /// The organisation the entry concerns, so an organisation's admins can
    /// be shown its entries ([`AuditFilter::organisations`]).
    pub organisation_id: Option<i64>,
    pub target: Option<String>,
    pub detail: Option<String>,
}

impl From<&AuditRow> for NewAuditEntry {
    fn from(r: &AuditRow) -> Self {
        NewAuditEntry {
            at: r.at,
            actor_id: r.actor_id,
            action: r.action.clone(),
            programme_id: r.programme_id,
            organisation_id: r.organisation_id,
            target: r.target.clone(),
            detail: r.detail.clone(),
        }
    }
}

/// Every filter is applied in SQL, before `limit` and `offset`, so a page
/// holds `limit` matching entries whenever that many exist.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor_id: Option<i64>,
    pub action: Option<String>,
    pub programme_id: Option<i64>,
    pub since: Option<i64>,
    pub until: Option<i64>,
    /// Only entries concerning one of these organisations (an empty list
    /// matches nothing); `None`: no restriction.
    pub organisations: Option<Vec<i64>>,
    /// What a caller with a narrower view may read: entries concerning one
    /// of these organisations (first list) or one of these programmes
    /// (second list); both lists empty match nothing. `None`: no
    /// restriction. Combined with every other filter (AND).
    pub scope: Option<(Vec<i64>, Vec<i64>)>,
    /// Page size; 0 means 100.
    pub limit: i64,
    pub offset: i64,
}

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

pub(crate) const AUDIT_COLUMNS: &str =
    "id, at, actor_id, action, programme_id, organisation_id, target, detail, prev_hash, hash";

/// The hash of one entry given the previous entry's hash. The organisation
/// is a further part only when there is one, so entries written before it
/// was recorded keep their hashes.
pub fn chain_hash(prev: &str, e: &NewAuditEntry) -> String {
    let mut h = Sha256::new();
    let mut parts = vec![
        prev.to_owned(),
        e.at.to_string(),
        e.actor_id.map(|a| a.to_string()).unwrap_or_default(),
        e.action.clone(),
        e.programme_id.map(|p| p.to_string()).unwrap_or_default(),
        e.target.clone().unwrap_or_default(),
        e.detail.clone().unwrap_or_default(),
    ];
    if let Some(org) = e.organisation_id {
        parts.push(org.to_string());
    }
    for part in parts {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// True when the row's hash is the hash of its own fields chained to `prev`.
pub(crate) fn row_checks_out(prev: &str, r: &AuditRow) -> bool {
    r.prev_hash == prev && r.hash == chain_hash(prev, &NewAuditEntry::from(r))
}

/// Rows read at a time while verifying.
pub(crate) const VERIFY_BATCH: i64 = 1000;

#[async_trait]
pub trait Audit: Send + Sync + 'static {
    /// Appends one entry, chained to the last (serialised across processes).
    async fn append_audit(&self, e: &NewAuditEntry) -> Result<AuditRow>;
    /// Entries matching the filter, newest first.
    async fn audit_entries(&self, f: &AuditFilter) -> Result<Vec<AuditRow>>;
    /// Verifies the whole chain (for the command line): `None` when it
    /// checks out, else the first entry that does not.
    async fn verify_audit_chain(&self) -> Result<Option<i64>>;
    /// Verifies only what was appended since the last successful check (for
    /// page views): the checkpoint entry must still be intact, then every
    /// later entry must chain from it. When everything checks out the
    /// checkpoint moves to the newest entry and `None` is returned; else the
    /// first entry that does not check out (the checkpoint entry itself when
    /// it was changed or removed).
    async fn verify_audit_chain_incremental(&self) -> Result<Option<i64>>;
}

/// The trait for one backend; appending takes the backend's own lock (`begin_audit`).
macro_rules! impl_audit {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::Audit for $store {
        async fn append_audit(&self, e: &$crate::NewAuditEntry) -> $crate::Result<$crate::AuditRow> {
            let mut tx = self.begin_audit().await?;
            let row = $crate::audit::append_in_tx!(tx, e);
            tx.commit().await?;
            Ok(row)
        }

        async fn audit_entries(&self, f: &$crate::audit::AuditFilter) -> $crate::Result<Vec<$crate::audit::AuditRow>> {
            let mut qb = sqlx::QueryBuilder::new(format!(
                "SELECT {} FROM audit_log WHERE 1 = 1",
                $crate::audit::AUDIT_COLUMNS
            ));
            if let Some(actor) = f.actor_id {
                qb.push(" AND actor_id = ").push_bind(actor);
            }
            if let Some(action) = &f.action {
                qb.push(" AND action = ").push_bind(action.as_str());
            }
            if let Some(programme) = f.programme_id {
                qb.push(" AND programme_id = ").push_bind(programme);
            }
            if let Some(since) = f.since {
                qb.push(" AND at >= ").push_bind(since);
            }
            if let Some(until) = f.until {
                qb.push(" AND at <= ").push_bind(until);
            }
            if let Some(orgs) = &f.organisations {
                if orgs.is_empty() {
                    return Ok(Vec::new());
                }
                qb.push(" AND organisation_id IN (");
                let mut list = qb.separated(", ");
                for org in orgs {
                    list.push_bind(*org);
                }
                qb.push(")");
            }
            if let Some((orgs, programmes)) = &f.scope {
                if orgs.is_empty() && programmes.is_empty() {
                    return Ok(Vec::new());
                }
                qb.push(" AND (");
                let mut either = qb.separated(" OR ");
                for (column, ids) in [("organisation_id", orgs), ("programme_id", programmes)] {
                    if ids.is_empty() {
                        continue;
                    }
                    either.push(column).push_unseparated(" IN (");
                    for (i, id) in ids.iter().enumerate() {
                        if i > 0 {
                            either.push_unseparated(", ");
                        }
                        either.push_bind_unseparated(*id);
                    }
                    either.push_unseparated(")");
                }
                qb.push(")");
            }
            qb.push(" ORDER BY id DESC LIMIT ")
                .push_bind(if f.limit > 0 { f.limit } else { 100 })
                .push(" OFFSET ")
                .push_bind(f.offset.max(0));
            Ok(qb.build_query_as().fetch_all(&self.pool).await?)
        }

        async fn verify_audit_chain(&self) -> $crate::Result<Option<i64>> {
            Ok(self.walk_audit_chain(i64::MIN, $crate::audit::GENESIS.to_owned()).await?.err())
        }

        async fn verify_audit_chain_incremental(&self) -> $crate::Result<Option<i64>> {
            let checkpoint: Option<(i64, String)> =
                sqlx::query_as("SELECT last_id, last_hash FROM audit_checkpoint WHERE id = 1")
                    .fetch_optional(&self.pool)
                    .await?;
            let (mut after, mut prev) = match checkpoint {
                Some((last_id, last_hash)) => {
                    let row: Option<$crate::audit::AuditRow> = sqlx::query_as(&format!(
                        "SELECT {} FROM audit_log WHERE id = $1",
                        $crate::audit::AUDIT_COLUMNS
                    ))
                    .bind(last_id)
                    .fetch_optional(&self.pool)
                    .await?;
                    // The checkpoint entry: still there, same hash, and its
                    // fields still hash to it.
                    match row {
                        Some(r) if r.hash == last_hash && $crate::audit::row_checks_out(&r.prev_hash, &r) => {}
                        _ => return Ok(Some(last_id)),
                    }
                    (last_id, last_hash)
                }
                None => (i64::MIN, $crate::audit::GENESIS.to_owned()),
            };
            let start = after;
            (after, prev) = match self.walk_audit_chain(after, prev).await? {
                Ok(last) => last,
                Err(broken) => return Ok(Some(broken)),
            };
            if after != start {
                // Only forwards: a slower concurrent check never moves it back.
                sqlx::query(
                    "INSERT INTO audit_checkpoint (id, last_id, last_hash) VALUES (1, $1, $2) \
                     ON CONFLICT (id) DO UPDATE SET last_id = excluded.last_id, last_hash = excluded.last_hash \
                     WHERE audit_checkpoint.last_id < excluded.last_id",
                )
                .bind(after)
                .bind(&prev)
                .execute(&self.pool)
                .await?;
            }
            Ok(None)
        }
        }

        impl $store {
            /// Checks the entries after `after`, chained from `prev`, a
            /// batch at a time: the last entry's id and hash, or the id of
            /// the first entry that does not check out.
            async fn walk_audit_chain(
                &self,
                mut after: i64,
                mut prev: String,
            ) -> $crate::Result<std::result::Result<(i64, String), i64>> {
                loop {
                    let rows: Vec<$crate::audit::AuditRow> = sqlx::query_as(&format!(
                        "SELECT {} FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2",
                        $crate::audit::AUDIT_COLUMNS
                    ))
                    .bind(after)
                    .bind($crate::audit::VERIFY_BATCH)
                    .fetch_all(&self.pool)
                    .await?;
                    if rows.is_empty() {
                        return Ok(Ok((after, prev)));
                    }
                    for r in rows {
                        if !$crate::audit::row_checks_out(&prev, &r) {
                            return Ok(Err(r.id));
                        }
                        after = r.id;
                        prev = r.hash;
                    }
                }
            }
        }
    };
}
pub(crate) use impl_audit;

/// Inserts `e` after reading the last hash, inside an open transaction that
/// already holds the backend's audit lock (`begin_audit`).
macro_rules! append_in_tx {
    ($tx:expr, $e:expr) => {{
        let prev: Option<String> = sqlx::query_scalar("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")
            .fetch_optional(&mut *$tx)
            .await?;
        let prev = prev.unwrap_or_else(|| $crate::audit::GENESIS.to_owned());
        let hash = $crate::audit::chain_hash(&prev, $e);
        let row: $crate::audit::AuditRow = sqlx::query_as(&format!(
            "INSERT INTO audit_log (at, actor_id, action, programme_id, organisation_id, target, detail, prev_hash, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING {}",
            $crate::audit::AUDIT_COLUMNS
        ))
        .bind($e.at)
        .bind($e.actor_id)
        .bind(&$e.action)
        .bind($e.programme_id)
        .bind($e.organisation_id)
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
