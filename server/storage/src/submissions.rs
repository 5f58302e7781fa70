//! Youth submissions: durable, idempotent writes, receipt look-ups and withdrawal.
use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::records::*;
use crate::Result;

/// What a young person may see about their own submission, by receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ReceiptView {
    pub submission_id: i64,
    pub programme_id: i64,
    pub status: String,
}

#[async_trait]
pub trait Submissions: Send + Sync + 'static {
    /// Stores one submission durably (fsynced before this returns) and
    /// exactly once per idempotency key. A key seen before stores nothing and
    /// answers `Duplicate`, `Withdrawn` or `Abandoned` by the key's state.
    async fn submit(&self, s: NewSubmission) -> Result<SubmitOutcome>;
    /// Bulk insert in one transaction, for demo data and imports (the same
    /// group insert as `submit`, in chunks).
    async fn insert_submissions(&self, batch: Vec<NewSubmission>) -> Result<Vec<SubmitOutcome>>;
    async fn count_submissions(&self, programme_id: Option<i64>) -> Result<i64>;
    async fn receipt(&self, receipt_hash: &str) -> Result<Option<ReceiptView>>;
    /// Deletes the submission, its answers and everything derived from it.
    /// The idempotency key is kept (as a hash, marked withdrawn, in the same
    /// transaction) so a replay cannot restore it.
    async fn withdraw(&self, submission_id: i64) -> Result<bool>;
    /// Records a journey the young person left with quick exit: the key is
    /// stored as abandoned (no submission), so a form sent later with the
    /// same key stores nothing ([`SubmitOutcome::Abandoned`]). A key already
    /// stored (sent, withdrawn or abandoned) is left as it is. `day` is the
    /// day only, never a finer time.
    async fn abandon_key(&self, key_hash: &str, day: chrono::NaiveDate) -> Result<()>;
    /// What became of an idempotency key; `None` when it was never seen.
    async fn key_state(&self, key_hash: &str) -> Result<Option<KeyState>>;
    async fn answers_of(&self, submission_id: i64) -> Result<Vec<AnswerRow>>;
    /// Spans suggested (or applied) for redaction in a submission's free text.
    async fn redactions_of(&self, submission_id: i64) -> Result<Vec<RedactionRow>>;
    /// The safeguarding concern raised with a submission, if any.
    async fn concern_of(&self, submission_id: i64) -> Result<Option<ConcernRow>>;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct RedactionRow {
    pub id: i64,
    pub answer_id: i64,
    pub start_at: i64,
    pub end_at: i64,
    pub kind: String,
    pub state: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ConcernRow {
    pub id: i64,
    pub programme_id: i64,
    pub answer: Option<String>,
    pub body: Option<String>,
    pub urgent: bool,
    pub state: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct AnswerRow {
    pub id: i64,
    pub question_id: i64,
    pub state: String,
    pub rating: Option<i64>,
    pub choices: Option<String>,
    pub body: Option<String>,
}

pub(crate) fn answer_columns(a: &NewAnswer) -> (&'static str, Option<i64>, Option<String>, Option<&str>) {
    match &a.value {
        AnswerValue::Rating(r) => ("value", Some(*r), None, None),
        AnswerValue::Choices(c) => ("value", None, Some(c.join(",")), None),
        AnswerValue::Text(t) => ("value", None, None, Some(t.as_str())),
        AnswerValue::Skipped => ("skipped", None, None, None),
        AnswerValue::DontKnow => ("dont_know", None, None, None),
        AnswerValue::PreferNot => ("prefer_not", None, None, None),
    }
}

/// Rows per multi-row statement: at most 7 parameters a row, well under
/// SQLite's 32766 and PostgreSQL's 65535 bound parameters.
pub(crate) const ROWS: usize = 2000;

/// Submissions one `insert_group` call stores at most: the SQLite writer's
/// group size, and the chunk of bulk inserts.
pub(crate) const MAX_GROUP: usize = 512;

/// A group of submissions turned into rows, with every identifier chosen in
/// advance (see [`crate::ids`]), so nothing needs to be read back.
#[derive(Default)]
pub(crate) struct GroupRows<'a> {
    pub outcomes: Vec<SubmitOutcome>,
    /// (id, submission)
    pub submissions: Vec<(i64, &'a NewSubmission)>,
    /// (id, submission id, answer); skipped questions are not stored
    pub answers: Vec<(i64, i64, &'a NewAnswer)>,
    pub redactions: Vec<SpanRow<'a>>,
    /// (id, submission id, submission)
    pub concerns: Vec<(i64, i64, &'a NewSubmission)>,
}

/// A suggested span to store: (id, answer id, submission id, (start, end, kind)).
pub(crate) type SpanRow<'a> = (i64, i64, i64, &'a (i64, i64, String));

/// Decides what happens to each member of a group, given the states of the
/// keys already stored: a key seen before answers by its state (sent →
/// Duplicate, withdrawn → Withdrawn, abandoned → Abandoned), a key repeated
/// within the group is stored once, everything else gets fresh identifiers.
pub(crate) fn plan_group<'a>(
    subs: &[&'a NewSubmission],
    stored_keys: &std::collections::HashMap<String, String>,
) -> crate::Result<GroupRows<'a>> {
    let mut rows = GroupRows::default();
    let mut in_group = std::collections::HashSet::new();
    for s in subs {
        if let Some(state) = stored_keys.get(&s.key_hash) {
            let state = KeyState::parse(state).ok_or_else(|| {
                crate::StorageError::Database(sqlx::Error::Decode(
                    format!("unknown key state {state:?}").into(),
                ))
            })?;
            rows.outcomes.push(state.outcome());
            continue;
        }
        if !in_group.insert(s.key_hash.as_str()) {
            rows.outcomes.push(SubmitOutcome::Duplicate);
            continue;
        }
        let id = crate::ids::random_id();
        rows.outcomes.push(SubmitOutcome::Stored { id });
        rows.submissions.push((id, *s));
        let block = crate::ids::random_block();
        for (i, a) in s.answers.iter().filter(|a| a.value != AnswerValue::Skipped).enumerate() {
            let answer_id = match i64::try_from(i) {
                Ok(i) if i < crate::ids::BLOCK => block + i,
                _ => crate::ids::random_id(),
            };
            rows.answers.push((answer_id, id, a));
            for span in &a.suggestions {
                rows.redactions.push((crate::ids::random_id(), answer_id, id, span));
            }
        }
        if s.safeguarding.is_some() {
            rows.concerns.push((crate::ids::random_id(), id, *s));
        }
    }
    Ok(rows)
}

/// Expands, for one sqlx database type, `insert_group`: the one way
/// submissions are written. Inside the caller's transaction it reads the
/// states of the group's keys, then stores the new submissions with a
/// handful of multi-row statements (no `RETURNING`: identifiers are chosen in
/// Rust beforehand). Used by SQLite's group-commit writer (the whole group,
/// or one member per savepoint when the group fails), by PostgreSQL's
/// `submit` (a group of one) and by both backends' bulk insert.
macro_rules! impl_insert_group {
    ($db:ty) => {
        pub(crate) async fn insert_group(
            conn: &mut <$db as sqlx::Database>::Connection,
            subs: &[&$crate::NewSubmission],
        ) -> $crate::Result<Vec<$crate::SubmitOutcome>> {
            use $crate::submissions::ROWS;
            let mut stored_keys = std::collections::HashMap::new();
            for chunk in subs.chunks(ROWS) {
                let mut qb = sqlx::QueryBuilder::<$db>::new(
                    "SELECT key_hash, state FROM submission_keys WHERE key_hash IN (",
                );
                let mut list = qb.separated(", ");
                for s in chunk {
                    list.push_bind(s.key_hash.as_str());
                }
                qb.push(")");
                let rows: Vec<(String, String)> = qb.build_query_as().fetch_all(&mut *conn).await?;
                stored_keys.extend(rows);
            }
            let rows = $crate::submissions::plan_group(subs, &stored_keys)?;
            // Counted in the same transaction; a concern never is.
            let mut counts = $crate::rollups::Deltas::default();
            for (_, s) in rows.submissions.iter().filter(|(_, s)| s.safeguarding.is_none()) {
                counts.new_submission(s);
            }
            self::rollup_writes::apply_rollups(&mut *conn, &counts).await?;

            for chunk in rows.submissions.chunks(ROWS) {
                let mut qb = sqlx::QueryBuilder::<$db>::new(
                    "INSERT INTO submissions (id, programme_id, version_id, locale, submitted_on, receipt_hash, \
                     personal_data_hint) ",
                );
                qb.push_values(chunk, |mut b, (id, s)| {
                    let hint = s.answers.iter().any(|a| !a.suggestions.is_empty());
                    b.push_bind(*id)
                        .push_bind(s.programme_id)
                        .push_bind(s.version_id)
                        .push_bind(s.locale.as_str())
                        .push_bind(s.submitted_on)
                        .push_bind(s.receipt_hash.as_str())
                        .push_bind(hint);
                });
                qb.build().execute(&mut *conn).await?;
            }
            for chunk in rows.answers.chunks(ROWS) {
                let mut qb = sqlx::QueryBuilder::<$db>::new(
                    "INSERT INTO answers (id, submission_id, question_id, state, rating, choices, body) ",
                );
                qb.push_values(chunk, |mut b, (id, sid, a)| {
                    let (state, rating, choices, body) = $crate::submissions::answer_columns(a);
                    b.push_bind(*id)
                        .push_bind(*sid)
                        .push_bind(a.question_id)
                        .push_bind(state)
                        .push_bind(rating)
                        .push_bind(choices)
                        .push_bind(body);
                });
                qb.build().execute(&mut *conn).await?;
            }
            for chunk in rows.redactions.chunks(ROWS) {
                let mut qb = sqlx::QueryBuilder::<$db>::new(
                    "INSERT INTO redactions (id, answer_id, submission_id, start_at, end_at, kind) ",
                );
                qb.push_values(chunk, |mut b, (id, aid, sid, (start, end, kind))| {
                    b.push_bind(*id)
                        .push_bind(*aid)
                        .push_bind(*sid)
                        .push_bind(*start)
                        .push_bind(*end)
                        .push_bind(kind.as_str());
                });
                qb.build().execute(&mut *conn).await?;
            }
            for chunk in rows.concerns.chunks(ROWS) {
                let mut qb = sqlx::QueryBuilder::<$db>::new(
                    "INSERT INTO safeguarding_flags (id, programme_id, submission_id, source, answer, body, created_on, raised_hour) ",
                );
                qb.push_values(chunk, |mut b, (id, sid, s)| {
                    let sg = s.safeguarding.as_ref();
                    b.push_bind(*id)
                        .push_bind(s.programme_id)
                        .push_bind(*sid)
                        .push_bind("question")
                        .push_bind(sg.map(|g| g.answer.as_str()))
                        .push_bind(sg.and_then(|g| g.body.as_deref()))
                        .push_bind(s.submitted_on)
                        .push_bind($crate::safeguarding::to_hour(sg.map_or(0, |g| g.raised_at)));
                });
                qb.build().execute(&mut *conn).await?;
            }
            // Last, so a key is only ever stored with its whole submission.
            for chunk in rows.submissions.chunks(ROWS) {
                let mut qb = sqlx::QueryBuilder::<$db>::new(
                    "INSERT INTO submission_keys (key_hash, submission_id, created_on, state) ",
                );
                qb.push_values(chunk, |mut b, (id, s)| {
                    b.push_bind(s.key_hash.as_str()).push_bind(*id).push_bind(s.submitted_on).push_bind("sent");
                });
                qb.build().execute(&mut *conn).await?;
            }
            Ok(rows.outcomes)
        }
    };
}
pub(crate) use impl_insert_group;

/// The trait for one backend. `submit` goes to the backend's own durable
/// path (`write_submission`: SQLite's group-commit writer, PostgreSQL's
/// retrying transaction); everything else, bulk inserts included, is shared
/// and uses the backend's `insert_group` and `begin_write`.
macro_rules! impl_submissions {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::Submissions for $store {
        async fn submit(&self, s: $crate::NewSubmission) -> $crate::Result<$crate::SubmitOutcome> {
            self.write_submission(s).await
        }

        async fn insert_submissions(&self, batch: Vec<$crate::NewSubmission>) -> $crate::Result<Vec<$crate::SubmitOutcome>> {
            let subs: Vec<&$crate::NewSubmission> = batch.iter().collect();
            let mut tx = self.begin_write().await?;
            let mut out = Vec::with_capacity(subs.len());
            for chunk in subs.chunks($crate::submissions::MAX_GROUP) {
                out.extend(self::insert_group(&mut tx, chunk).await?);
            }
            tx.commit().await?;
            Ok(out)
        }

        async fn count_submissions(&self, programme_id: Option<i64>) -> $crate::Result<i64> {
            Ok(sqlx::query_scalar("SELECT COUNT(*) FROM submissions WHERE ($1 IS NULL OR programme_id = $1)")
                .bind(programme_id)
                .fetch_one(&self.pool)
                .await?)
        }

        async fn receipt(&self, receipt_hash: &str) -> $crate::Result<Option<$crate::submissions::ReceiptView>> {
            Ok(sqlx::query_as(
                "SELECT id AS submission_id, programme_id, status FROM submissions WHERE receipt_hash = $1",
            )
            .bind(receipt_hash)
            .fetch_optional(&self.pool)
            .await?)
        }

        async fn withdraw(&self, submission_id: i64) -> $crate::Result<bool> {
            let mut tx = self.begin_write().await?;
            self::rollup_writes::take_back(&mut tx, submission_id).await?;
            sqlx::query("UPDATE submission_keys SET state = 'withdrawn' WHERE submission_id = $1")
                .bind(submission_id)
                .execute(&mut *tx)
                .await?;
            let done = sqlx::query("DELETE FROM submissions WHERE id = $1")
                .bind(submission_id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(done.rows_affected() == 1)
        }

        async fn abandon_key(&self, key_hash: &str, day: chrono::NaiveDate) -> $crate::Result<()> {
            sqlx::query(
                "INSERT INTO submission_keys (key_hash, submission_id, created_on, state) \
                 VALUES ($1, NULL, $2, 'abandoned') ON CONFLICT (key_hash) DO NOTHING",
            )
            .bind(key_hash)
            .bind(day)
            .execute(&self.pool)
            .await?;
            Ok(())
        }

        async fn key_state(&self, key_hash: &str) -> $crate::Result<Option<$crate::KeyState>> {
            let state: Option<String> = sqlx::query_scalar("SELECT state FROM submission_keys WHERE key_hash = $1")
                .bind(key_hash)
                .fetch_optional(&self.pool)
                .await?;
            state
                .map(|s| {
                    $crate::KeyState::parse(&s).ok_or_else(|| {
                        $crate::StorageError::Database(sqlx::Error::Decode(format!("unknown key state {s:?}").into()))
                    })
                })
                .transpose()
        }

        async fn redactions_of(&self, submission_id: i64) -> $crate::Result<Vec<$crate::submissions::RedactionRow>> {
            // Identifiers carry no order: sort by the question, then the span.
            Ok(sqlx::query_as(
                "SELECT r.id, r.answer_id, r.start_at, r.end_at, r.kind, r.state FROM redactions r \
                 JOIN answers a ON a.id = r.answer_id JOIN questions q ON q.id = a.question_id \
                 WHERE a.submission_id = $1 ORDER BY q.screen, q.position, q.id, r.start_at, r.end_at, r.id",
            )
            .bind(submission_id)
            .fetch_all(&self.pool)
            .await?)
        }

        async fn concern_of(&self, submission_id: i64) -> $crate::Result<Option<$crate::submissions::ConcernRow>> {
            Ok(sqlx::query_as(
                "SELECT id, programme_id, answer, body, urgent, state FROM safeguarding_flags WHERE submission_id = $1",
            )
            .bind(submission_id)
            .fetch_optional(&self.pool)
            .await?)
        }

        async fn answers_of(&self, submission_id: i64) -> $crate::Result<Vec<$crate::submissions::AnswerRow>> {
            // Identifiers carry no order: answers come in questionnaire order.
            Ok(sqlx::query_as(
                "SELECT a.id, a.question_id, a.state, a.rating, a.choices, a.body FROM answers a \
                 JOIN questions q ON q.id = a.question_id \
                 WHERE a.submission_id = $1 ORDER BY q.screen, q.position, q.id",
            )
            .bind(submission_id)
            .fetch_all(&self.pool)
            .await?)
        }
        }
    };
}
pub(crate) use impl_submissions;
