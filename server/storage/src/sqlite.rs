//! SQLite backend: one file, WAL, `synchronous=FULL`, and a single writer
//! task that commits waiting submissions together (group commit), so that
//! every acknowledged submission is fsynced without one fsync per request.
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, SqliteConnection, SqlitePool};
use tokio::sync::{mpsc, oneshot};

use crate::core::{impl_core, Backend};
use crate::{NewSubmission, Result, StorageError, SubmitOutcome};

/// Most submissions one transaction commits together.
const MAX_GROUP: usize = 512;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

type Job = (NewSubmission, oneshot::Sender<Result<SubmitOutcome>>);

pub struct SqliteStore {
    pub(crate) pool: SqlitePool,
    /// `None` once closed: the writer task then ends after the last job.
    writer: std::sync::Mutex<Option<mpsc::Sender<Job>>>,
}

crate::submissions::impl_insert_one!(sqlx::Sqlite);

impl SqliteStore {
    pub async fn open(url: &str) -> Result<Self> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: a commit is on disk (WAL fsynced) before it is acknowledged.
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true)
            // Deleted content (withdrawals, retention) is overwritten, not left in free pages.
            .pragma("secure_delete", "ON");
        if let Some(parent) = Path::new(options.get_filename()).parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent)?;
            }
        }
        let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options.clone()).await?;
        let conn = SqliteConnection::connect_with(&options).await?;
        let (tx, rx) = mpsc::channel(4 * MAX_GROUP);
        tokio::spawn(writer(conn, rx));
        Ok(Self { pool, writer: std::sync::Mutex::new(Some(tx)) })
    }
}

/// Commits waiting submissions in groups: one fsync for the whole group.
/// A failing submission is rolled back to its savepoint without failing the others.
async fn writer(mut conn: SqliteConnection, mut rx: mpsc::Receiver<Job>) {
    let mut jobs: Vec<Job> = Vec::with_capacity(MAX_GROUP);
    while rx.recv_many(&mut jobs, MAX_GROUP).await > 0 {
        let outcomes = commit_group(&mut conn, &jobs).await;
        match outcomes {
            Ok(outcomes) => {
                for ((_, reply), outcome) in jobs.drain(..).zip(outcomes) {
                    let _ = reply.send(outcome);
                }
            }
            Err(e) => {
                tracing::error!(error = %e, "group commit failed");
                for (_, reply) in jobs.drain(..) {
                    let _ = reply.send(Err(StorageError::Conflict("group commit failed")));
                }
            }
        }
    }
}

async fn commit_group(conn: &mut SqliteConnection, jobs: &[Job]) -> Result<Vec<Result<SubmitOutcome>>> {
    // Fast path: the whole group in a few statements.
    let subs: Vec<&NewSubmission> = jobs.iter().map(|(s, _)| s).collect();
    let mut tx = conn.begin().await?;
    match crate::sqlite_group::insert_group(&mut tx, &subs).await {
        Ok(outcomes) => {
            tx.commit().await?;
            return Ok(outcomes.into_iter().map(Ok).collect());
        }
        Err(e) => {
            tracing::debug!(error = %e, "group insert failed; storing one by one");
            tx.rollback().await?;
        }
    }
    // Slow path: each submission in its own savepoint, so a bad one fails alone.
    let mut tx = conn.begin().await?;
    let mut outcomes = Vec::with_capacity(jobs.len());
    for (submission, _) in jobs {
        let mut savepoint = tx.begin().await?;
        match insert_one(&mut savepoint, submission).await {
            Ok(outcome) => {
                savepoint.commit().await?;
                outcomes.push(Ok(outcome));
            }
            Err(e) => {
                savepoint.rollback().await?;
                outcomes.push(Err(e));
            }
        }
    }
    tx.commit().await?;
    Ok(outcomes)
}

impl_core!(SqliteStore, Backend::Sqlite, MIGRATOR);
crate::catalogue::impl_catalogue!(SqliteStore);
crate::replies::impl_replies!(SqliteStore);
crate::staff::impl_staff!(SqliteStore);

crate::audit::impl_audit!(SqliteStore);

impl SqliteStore {
    pub(crate) async fn append_locked(&self, e: &crate::NewAuditEntry) -> Result<crate::AuditRow> {
        // BEGIN IMMEDIATE takes the write lock before reading the last hash.
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let row = crate::audit::append_in_tx!(tx, e);
        tx.commit().await?;
        Ok(row)
    }
}

impl SqliteStore {
    pub(crate) fn close_writer(&self) {
        if let Ok(mut w) = self.writer.lock() {
            w.take();
        }
    }

    pub(crate) async fn write_submission(&self, s: NewSubmission) -> Result<SubmitOutcome> {
        let (reply, answer) = oneshot::channel();
        let writer = self.writer.lock().ok().and_then(|w| w.clone()).ok_or(StorageError::WriterGone)?;
        writer.send((s, reply)).await.map_err(|_| StorageError::WriterGone)?;
        answer.await.map_err(|_| StorageError::WriterGone)?
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

crate::submissions::impl_submissions!(SqliteStore);
