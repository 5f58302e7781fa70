//! SQLite backend: one file, WAL, `synchronous=FULL`, and a single writer
//! task that commits waiting submissions together (group commit), so that
//! every acknowledged submission is fsynced without one fsync per request.
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, Sqlite, SqliteConnection, SqlitePool, Transaction};
use tokio::sync::{mpsc, oneshot};

use crate::core::{impl_core, Backend};
use crate::submissions::MAX_GROUP;
use crate::{NewSubmission, Result, StorageError, SubmitOutcome};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

type Job = (NewSubmission, oneshot::Sender<Result<SubmitOutcome>>);

pub struct SqliteStore {
    pub(crate) pool: SqlitePool,
    /// `None` once closed: the writer task then ends after the last job.
    writer: std::sync::Mutex<Option<mpsc::Sender<Job>>>,
}

crate::submissions::impl_insert_group!(sqlx::Sqlite);
crate::rollups::impl_rollup_writes!(sqlx::Sqlite);
crate::actions::impl_put_text!(sqlx::Sqlite);

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
            .pragma("secure_delete", "ON")
            // Youth rows have random ids, so each write lands on its own page:
            // rarer WAL checkpoints write each page back once for many commits.
            .pragma("wal_autocheckpoint", "8000");
        if let Some(parent) = Path::new(options.get_filename()).parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent)?;
            }
        }
        let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options.clone()).await?;
        // The writer alone gets a large page cache: it keeps the pages that
        // random ids scatter writes over. (A reader's cache is dropped each
        // time the writer commits, so a large one would only cost.)
        let conn = SqliteConnection::connect_with(&options.clone().pragma("cache_size", "-32768")).await?;
        let (tx, rx) = mpsc::channel(4 * MAX_GROUP);
        tokio::spawn(writer(conn, rx));
        Ok(Self { pool, writer: std::sync::Mutex::new(Some(tx)) })
    }
}

/// Commits waiting submissions in groups: one fsync for the whole group.
async fn writer(mut conn: SqliteConnection, mut rx: mpsc::Receiver<Job>) {
    let mut jobs: Vec<Job> = Vec::with_capacity(MAX_GROUP);
    while rx.recv_many(&mut jobs, MAX_GROUP).await > 0 {
        let subs: Vec<&NewSubmission> = jobs.iter().map(|(s, _)| s).collect();
        match commit_group(&mut conn, &subs).await {
            Ok(group) => {
                if group.fell_back {
                    tracing::debug!(members = group.outcomes.len(), "group stored one by one");
                }
                for ((_, reply), outcome) in jobs.drain(..).zip(group.outcomes) {
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

/// What [`commit_group`] did with a group.
#[derive(Debug)]
pub(crate) struct GroupCommit {
    /// One outcome per member, in order.
    pub outcomes: Vec<Result<SubmitOutcome>>,
    /// The group statement failed and the members were stored one by one.
    pub fell_back: bool,
}

/// Stores a group in one transaction (one fsync) with the group insert. If
/// that fails, the transaction is rolled back and each member is stored by
/// the same group insert, alone, inside its own savepoint of a second
/// transaction, so one bad submission fails alone. `BEGIN IMMEDIATE` takes the
/// write lock before the keys are read, so no other writer can slip between.
pub(crate) async fn commit_group(
    conn: &mut SqliteConnection,
    subs: &[&NewSubmission],
) -> Result<GroupCommit> {
    let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
    match insert_group(&mut tx, subs).await {
        Ok(outcomes) => {
            tx.commit().await?;
            return Ok(GroupCommit { outcomes: outcomes.into_iter().map(Ok).collect(), fell_back: false });
        }
        Err(e) => {
            tracing::debug!(error = %e, "group insert failed; storing one by one");
            tx.rollback().await?;
        }
    }
    let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
    let mut outcomes = Vec::with_capacity(subs.len());
    for s in subs {
        let mut savepoint = tx.begin().await?;
        match insert_group(&mut savepoint, &[*s]).await {
            Ok(one) => {
                savepoint.commit().await?;
                outcomes.push(one.into_iter().next().ok_or(StorageError::NotFound));
            }
            Err(e) => {
                savepoint.rollback().await?;
                outcomes.push(Err(e));
            }
        }
    }
    tx.commit().await?;
    Ok(GroupCommit { outcomes, fell_back: true })
}

impl_core!(SqliteStore, Backend::Sqlite, MIGRATOR);
crate::actions::impl_actions!(SqliteStore);
crate::released::impl_releases!(SqliteStore);
crate::catalogue::impl_catalogue!(SqliteStore);
crate::setup::impl_setup!(SqliteStore);
crate::questionnaires::impl_questionnaires!(SqliteStore);
crate::retention::impl_retention!(SqliteStore, sqlx::Sqlite);

#[async_trait::async_trait]
impl crate::backup::Backups for SqliteStore {
    async fn user_tables(&self) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    async fn snapshot_into(&self, path: &str) -> Result<()> {
        // One read transaction: commits that land meanwhile are either wholly in or wholly out.
        sqlx::query("VACUUM INTO $1").bind(path).execute(&self.pool).await?;
        Ok(())
    }

    async fn table_digest(&self, table: &str) -> Result<(i64, String)> {
        if !self.user_tables().await?.iter().any(|t| t == table) {
            return Err(crate::StorageError::NotFound);
        }
        let columns: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info($1) ORDER BY cid")
            .bind(table)
            .fetch_all(&self.pool)
            .await?;
        let quoted: Vec<String> = columns.iter().map(|c| format!("quote(\"{c}\")")).collect();
        let order: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
        let rows: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT {} FROM \"{table}\" ORDER BY {}",
            quoted.join(" || ',' || "),
            order.join(", ")
        ))
        .fetch_all(&self.pool)
        .await?;
        Ok((rows.len() as i64, crate::backup::hex_digest(&rows.join("\n"))))
    }
}
crate::codebook::impl_codebook!(SqliteStore);
crate::rollups::impl_aggregates!(SqliteStore);
crate::replies::impl_replies!(SqliteStore);
crate::moderation::impl_moderation!(SqliteStore);
crate::quotes::impl_quotes!(SqliteStore);
crate::summaries::impl_summaries!(SqliteStore);
crate::redaction::impl_redaction!(SqliteStore, sqlx::Sqlite);
crate::safeguarding::impl_safeguarding!(SqliteStore);
crate::staff::impl_staff!(SqliteStore);
crate::audit::impl_audit!(SqliteStore);
crate::submissions::impl_submissions!(SqliteStore);

impl SqliteStore {
    /// A transaction that holds the write lock from its first statement, so
    /// what it reads cannot change before it writes.
    pub(crate) async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// A transaction in which the audit log may be appended to: SQLite has
    /// one writer at a time, so the write lock serialises appenders.
    pub(crate) async fn begin_audit(&self) -> Result<Transaction<'static, Sqlite>> {
        self.begin_write().await
    }

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
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::{
        AnswerValue, Catalogue, Core, NewAnswer, NewProgramme, NewSafeguarding, OptionSpec, QuestionSpec,
    };
    use crate::{KeyState, Submissions};

    fn question(key: &str, kind: &str, screen: i64) -> QuestionSpec {
        QuestionSpec {
            key: key.into(),
            area: "safety".into(),
            screen,
            position: 1,
            kind: kind.into(),
            max_chars: 500,
            restricted: false,
            same_as: None,
            texts: vec![("en".into(), format!("Prompt {key}"), true)],
            options: Vec::<OptionSpec>::new(),
        }
    }

    /// A migrated store in a temporary folder, a programme, and its version's (question ids).
    async fn store() -> (tempfile::TempDir, SqliteStore, i64, i64, [i64; 2]) {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&format!("sqlite://{}/unit.db", dir.path().display())).await.unwrap();
        store.migrate().await.unwrap();
        let org = store.upsert_organisation("org", "Org").await.unwrap();
        let (qid, vid) = store
            .publish_questionnaire_version(
                Some(org.id),
                "q",
                "Q",
                &[question("a", "scale", 1), question("b", "text", 2)],
            )
            .await
            .unwrap();
        let p = store
            .create_programme(&NewProgramme {
                organisation_id: org.id,
                code: "UNIT".into(),
                name: "P".into(),
                country: "KH".into(),
                languages: vec!["en".into()],
                opens_on: None,
                closes_on: None,
                questionnaire_id: qid,
                team_name: "Team".into(),
                response_days: 14,
            })
            .await
            .unwrap();
        let v = store.version(vid).await.unwrap().unwrap();
        (dir, store, p.id, vid, [v.questions[0].id, v.questions[1].id])
    }

    fn submission(programme: i64, version: i64, q: [i64; 2], key: &str) -> NewSubmission {
        NewSubmission {
            programme_id: programme,
            version_id: version,
            locale: "en".into(),
            submitted_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
            receipt_hash: format!("receipt-{key}"),
            key_hash: format!("key-{key}"),
            answers: vec![
                NewAnswer { question_id: q[0], value: AnswerValue::Rating(3), suggestions: vec![] },
                NewAnswer {
                    question_id: q[1],
                    value: AnswerValue::Text("call 012 345 678".into()),
                    suggestions: vec![(5, 16, "phone".into())],
                },
            ],
            safeguarding: Some(NewSafeguarding {
                answer: "yes".into(),
                body: Some("help".into()),
                raised_at: 0,
            }),
        }
    }

    async fn count(store: &SqliteStore, table: &str) -> i64 {
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(&store.pool).await.unwrap()
    }

    /// One member of five fails: with a programme that does not exist (its
    /// first row is refused), or with a question that does not exist (its
    /// submission row is already in when its answers are refused, so only
    /// the savepoint's rollback keeps it out).
    async fn one_bad_member(spoil: fn(&mut NewSubmission)) {
        let (_dir, store, programme, version, q) = store().await;
        let mut subs: Vec<NewSubmission> =
            (0..5).map(|i| submission(programme, version, q, &format!("g{i}"))).collect();
        spoil(&mut subs[2]);
        let refs: Vec<&NewSubmission> = subs.iter().collect();
        let mut conn = store.pool.acquire().await.unwrap();
        let group = commit_group(&mut conn, &refs).await.unwrap();
        drop(conn);

        assert!(group.fell_back, "the group statement failed, so each member went alone");
        assert_eq!(group.outcomes.len(), 5);
        assert!(group.outcomes[2].is_err(), "{:?}", group.outcomes[2]);
        for (i, outcome) in group.outcomes.iter().enumerate().filter(|(i, _)| *i != 2) {
            let Ok(SubmitOutcome::Stored { id }) = outcome else { panic!("member {i}: {outcome:?}") };
            let answers = store.answers_of(*id).await.unwrap();
            assert_eq!(answers.len(), 2, "member {i}");
            let spans = store.redactions_of(*id).await.unwrap();
            assert_eq!(spans.len(), 1, "member {i}");
            assert_eq!(spans[0].answer_id, answers[1].id, "member {i}: the span is on its text answer");
            assert!(store.concern_of(*id).await.unwrap().is_some(), "member {i}");
            assert_eq!(store.receipt(&format!("receipt-g{i}")).await.unwrap().unwrap().submission_id, *id);
            assert_eq!(store.key_state(&format!("key-g{i}")).await.unwrap(), Some(KeyState::Sent));
        }
        // Nothing of the failed member was kept.
        assert!(store.receipt("receipt-g2").await.unwrap().is_none());
        assert_eq!(store.key_state("key-g2").await.unwrap(), None);
        for (table, n) in [
            ("submissions", 4),
            ("answers", 8),
            ("redactions", 4),
            ("safeguarding_flags", 4),
            ("submission_keys", 4),
        ] {
            assert_eq!(count(&store, table).await, n, "{table}");
        }
    }

    #[tokio::test]
    async fn a_member_with_an_unknown_programme_fails_alone() {
        one_bad_member(|s| s.programme_id = 999_999).await;
    }

    #[tokio::test]
    async fn a_member_failing_halfway_leaves_nothing_behind() {
        one_bad_member(|s| s.answers[1].question_id = 999_999).await;
    }

    #[tokio::test]
    async fn a_good_group_is_one_statement_each_and_repeats_are_stored_once() {
        let (_dir, store, programme, version, q) = store().await;
        let subs: Vec<NewSubmission> =
            ["a", "b", "a", "c"].iter().map(|k| submission(programme, version, q, k)).collect();
        let refs: Vec<&NewSubmission> = subs.iter().collect();
        let mut conn = store.pool.acquire().await.unwrap();
        let group = commit_group(&mut conn, &refs).await.unwrap();
        drop(conn);
        assert!(!group.fell_back);
        let outcomes: Vec<SubmitOutcome> = group.outcomes.into_iter().map(Result::unwrap).collect();
        assert!(matches!(outcomes[0], SubmitOutcome::Stored { .. }));
        assert!(matches!(outcomes[1], SubmitOutcome::Stored { .. }));
        assert_eq!(outcomes[2], SubmitOutcome::Duplicate, "the same key twice in one group");
        assert!(matches!(outcomes[3], SubmitOutcome::Stored { .. }));
        assert_eq!(count(&store, "submissions").await, 3);
        assert_eq!(count(&store, "redactions").await, 3);
    }
}
