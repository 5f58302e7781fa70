//! PostgreSQL backend: a connection pool shared by stateless server processes.
//! `synchronous_commit = on` makes every acknowledged commit durable.
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};

use crate::core::{impl_core, Backend};
use crate::{NewSubmission, Result, SubmitOutcome};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

pub struct PgStore {
    pub(crate) pool: PgPool,
}

crate::submissions::impl_insert_one!(sqlx::Postgres);

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
crate::catalogue::impl_catalogue!(PgStore);
crate::replies::impl_replies!(PgStore);
crate::staff::impl_staff!(PgStore);

crate::audit::impl_audit!(PgStore);

impl PgStore {
    pub(crate) async fn append_locked(&self, e: &crate::NewAuditEntry) -> Result<crate::AuditRow> {
        let mut tx = self.pool.begin().await?;
        // One appender at a time across every server process.
        sqlx::query("SELECT pg_advisory_xact_lock(7310002)").execute(&mut *tx).await?;
        let row = crate::audit::append_in_tx!(tx, e);
        tx.commit().await?;
        Ok(row)
    }
}

impl PgStore {
    pub(crate) fn close_writer(&self) {}

    pub(crate) async fn write_submission(&self, s: NewSubmission) -> Result<SubmitOutcome> {
        let mut tx = self.pool.begin().await?;
        match insert_one(&mut tx, &s).await {
            Ok(outcome) => {
                tx.commit().await?;
                Ok(outcome)
            }
            // Two processes raced with the same key: the loser reports the winner's row.
            Err(e) if e.is_unique_violation() => {
                tx.rollback().await?;
                let mut tx = self.pool.begin().await?;
                let outcome = insert_one(&mut tx, &s).await?;
                tx.commit().await?;
                Ok(outcome)
            }
            Err(e) => Err(e),
        }
    }

    pub(crate) async fn write_batch(&self, batch: Vec<NewSubmission>) -> Result<Vec<SubmitOutcome>> {
        let mut tx = self.pool.begin().await?;
        let mut out = Vec::with_capacity(batch.len());
        for s in &batch {
            out.push(insert_one(&mut tx, s).await?);
        }
        tx.commit().await?;
        Ok(out)
    }
}

crate::submissions::impl_submissions!(PgStore);
