//! PostgreSQL backend: a connection pool shared by stateless server processes.
//! `synchronous_commit = on` makes every acknowledged commit durable.
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{Postgres, Transaction};

use crate::core::{impl_core, Backend};
use crate::{NewSubmission, Result, SubmitOutcome};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// The advisory lock that serialises audit appenders across server processes.
const AUDIT_LOCK: i64 = 7_310_002;

pub struct PgStore {
    pub(crate) pool: PgPool,
}

crate::submissions::impl_insert_group!(sqlx::Postgres);
crate::rollups::impl_rollup_writes!(sqlx::Postgres);
crate::actions::impl_put_text!(sqlx::Postgres);

impl PgStore {
    pub async fn open(url: &str) -> Result<Self> {
        let options = PgConnectOptions::from_str(url)?.options([("synchronous_commit", "on")]);
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }
}

impl_core!(PgStore, Backend::Postgres, MIGRATOR);
crate::actions::impl_actions!(PgStore);
crate::released::impl_releases!(PgStore);
crate::catalogue::impl_catalogue!(PgStore);
crate::setup::impl_setup!(PgStore);
crate::questionnaires::impl_questionnaires!(PgStore);
crate::retention::impl_retention!(PgStore, sqlx::Postgres);

#[async_trait::async_trait]
impl crate::backup::Backups for PgStore {
    async fn user_tables(&self) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    async fn snapshot_into(&self, _path: &str) -> Result<()> {
        Err(crate::StorageError::Conflict("PostgreSQL is backed up with pg_dump"))
    }

    async fn table_digest(&self, table: &str) -> Result<(i64, String)> {
        if !self.user_tables().await?.iter().any(|t| t == table) {
            return Err(crate::StorageError::NotFound);
        }
        let rows: Vec<String> =
            sqlx::query_scalar(&format!("SELECT x::text FROM \"{table}\" x ORDER BY x::text COLLATE \"C\""))
                .fetch_all(&self.pool)
                .await?;
        Ok((rows.len() as i64, crate::backup::hex_digest(&rows.join("\n"))))
    }
}
crate::codebook::impl_codebook!(PgStore);
crate::rollups::impl_aggregates!(PgStore);
crate::replies::impl_replies!(PgStore);
crate::moderation::impl_moderation!(PgStore);
crate::quotes::impl_quotes!(PgStore);
crate::summaries::impl_summaries!(PgStore);
crate::redaction::impl_redaction!(PgStore, sqlx::Postgres);
crate::safeguarding::impl_safeguarding!(PgStore);
crate::staff::impl_staff!(PgStore);
crate::audit::impl_audit!(PgStore);
crate::submissions::impl_submissions!(PgStore);

impl PgStore {
    pub(crate) async fn begin_write(&self) -> Result<Transaction<'static, Postgres>> {
        Ok(self.pool.begin().await?)
    }

    /// A transaction holding the audit lock: one appender at a time across
    /// every server process, so the chain never forks.
    pub(crate) async fn begin_audit(&self) -> Result<Transaction<'static, Postgres>> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(AUDIT_LOCK).execute(&mut *tx).await?;
        Ok(tx)
    }

    pub(crate) fn close_writer(&self) {}

    /// The group insert with one member. Two processes racing with the same
    /// key: the loser's insert hits a unique constraint, and its retry finds
    /// the winner's key (Duplicate).
    pub(crate) async fn write_submission(&self, s: NewSubmission) -> Result<SubmitOutcome> {
        match self.write_one(&s).await {
            Err(e) if e.is_unique_violation() => self.write_one(&s).await,
            other => other,
        }
    }

    async fn write_one(&self, s: &NewSubmission) -> Result<SubmitOutcome> {
        let mut tx = self.pool.begin().await?;
        let outcome =
            insert_group(&mut tx, &[s]).await?.into_iter().next().ok_or(crate::StorageError::NotFound)?;
        tx.commit().await?;
        Ok(outcome)
    }
}
