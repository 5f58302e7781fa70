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
    /// exactly once per idempotency key.
    async fn submit(&self, s: NewSubmission) -> Result<SubmitOutcome>;
    /// Bulk insert in one transaction, for demo data and imports.
    async fn insert_submissions(&self, batch: Vec<NewSubmission>) -> Result<Vec<SubmitOutcome>>;
    async fn count_submissions(&self, programme_id: Option<i64>) -> Result<i64>;
    async fn receipt(&self, receipt_hash: &str) -> Result<Option<ReceiptView>>;
    /// Deletes the submission, its answers and everything derived from it.
    /// The idempotency key is kept (as a hash) so a replay cannot restore it.
    async fn withdraw(&self, submission_id: i64) -> Result<bool>;
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

/// Expands, for one sqlx database type, the insert of a single submission
/// inside an open transaction (shared by the group-commit writer and bulk loads).
macro_rules! impl_insert_one {
    ($db:ty) => {
        pub(crate) async fn insert_one(
            tx: &mut sqlx::Transaction<'_, $db>,
            s: &$crate::NewSubmission,
        ) -> $crate::Result<$crate::SubmitOutcome> {
            let seen: Option<Option<i64>> =
                sqlx::query_scalar("SELECT submission_id FROM submission_keys WHERE key_hash = $1")
                    .bind(&s.key_hash)
                    .fetch_optional(&mut **tx)
                    .await?;
            match seen {
                Some(Some(_)) => return Ok($crate::SubmitOutcome::Duplicate),
                Some(None) => return Ok($crate::SubmitOutcome::Withdrawn),
                None => {}
            }
            let hint = s.answers.iter().any(|a| !a.suggestions.is_empty());
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO submissions (programme_id, version_id, locale, submitted_on, receipt_hash, personal_data_hint) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(s.programme_id)
            .bind(s.version_id)
            .bind(&s.locale)
            .bind(s.submitted_on)
            .bind(&s.receipt_hash)
            .bind(hint)
            .fetch_one(&mut **tx)
            .await?;
            let stored: Vec<&$crate::NewAnswer> =
                s.answers.iter().filter(|a| a.value != $crate::AnswerValue::Skipped).collect();
            if !stored.is_empty() {
                let mut qb = sqlx::QueryBuilder::<$db>::new(
                    "INSERT INTO answers (submission_id, question_id, state, rating, choices, body) ",
                );
                qb.push_values(stored.iter(), |mut b, a| {
                    let (state, rating, choices, body) = $crate::submissions::answer_columns(a);
                    b.push_bind(id)
                        .push_bind(a.question_id)
                        .push_bind(state)
                        .push_bind(rating)
                        .push_bind(choices)
                        .push_bind(body.map(str::to_owned));
                });
                qb.push(" RETURNING id, question_id");
                let ids: Vec<(i64, i64)> = qb.build_query_as().fetch_all(&mut **tx).await?;
                for a in stored.iter().filter(|a| !a.suggestions.is_empty()) {
                    let Some((answer_id, _)) = ids.iter().find(|(_, q)| *q == a.question_id) else { continue };
                    for (start, end, kind) in &a.suggestions {
                        sqlx::query("INSERT INTO redactions (answer_id, start_at, end_at, kind) VALUES ($1, $2, $3, $4)")
                            .bind(answer_id)
                            .bind(start)
                            .bind(end)
                            .bind(kind)
                            .execute(&mut **tx)
                            .await?;
                    }
                }
            }
            if let Some(sg) = &s.safeguarding {
                sqlx::query(
                    "INSERT INTO safeguarding_flags (programme_id, submission_id, source, answer, body, created_on) \
                     VALUES ($1, $2, 'question', $3, $4, $5)",
                )
                .bind(s.programme_id)
                .bind(id)
                .bind(&sg.answer)
                .bind(&sg.body)
                .bind(s.submitted_on)
                .execute(&mut **tx)
                .await?;
            }
            sqlx::query("INSERT INTO submission_keys (key_hash, submission_id, created_on) VALUES ($1, $2, $3)")
                .bind(&s.key_hash)
                .bind(id)
                .bind(s.submitted_on)
                .execute(&mut **tx)
                .await?;
            Ok($crate::SubmitOutcome::Stored { id })
        }
    };
}
pub(crate) use impl_insert_one;

/// The trait for one backend: writes go to the backend's own durable path
/// (`write_submission`, `write_batch`), reads and withdrawal are shared.
macro_rules! impl_submissions {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::Submissions for $store {
        async fn submit(&self, s: $crate::NewSubmission) -> $crate::Result<$crate::SubmitOutcome> {
            self.write_submission(s).await
        }

        async fn insert_submissions(&self, batch: Vec<$crate::NewSubmission>) -> $crate::Result<Vec<$crate::SubmitOutcome>> {
            self.write_batch(batch).await
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
            let done = sqlx::query("DELETE FROM submissions WHERE id = $1")
                .bind(submission_id)
                .execute(&self.pool)
                .await?;
            Ok(done.rows_affected() == 1)
        }

        async fn redactions_of(&self, submission_id: i64) -> $crate::Result<Vec<$crate::submissions::RedactionRow>> {
            Ok(sqlx::query_as(
                "SELECT r.id, r.answer_id, r.start_at, r.end_at, r.kind, r.state FROM redactions r \
                 JOIN answers a ON a.id = r.answer_id WHERE a.submission_id = $1 ORDER BY r.id",
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
            Ok(sqlx::query_as(
                "SELECT id, question_id, state, rating, choices, body FROM answers WHERE submission_id = $1 ORDER BY id",
            )
            .bind(submission_id)
            .fetch_all(&self.pool)
            .await?)
        }
        }
    };
}
pub(crate) use impl_submissions;
