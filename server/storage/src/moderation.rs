//! The moderation queue: one programme's submissions by state, released in
//! daily batches, and the moves between states.
//!
//! A submission reaches the queue the day after it was sent (`released_before`
//! is the caller's today): the whole day arrives at once, and within a day the
//! order follows the random identifiers, never arrival.
use async_trait::async_trait;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Result;

/// The queue's filters; `None` means "any".
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    pub programme_id: i64,
    /// Only days before this one are released to the queue.
    pub released_before: NaiveDate,
    /// new, in_review, approved or archived
    pub state: Option<String>,
    pub version_id: Option<i64>,
    pub locale: Option<String>,
    /// At least one rating within this range (inclusive).
    pub rating: Option<(i64, i64)>,
    pub has_text: Option<bool>,
    /// Suspected personal details not yet resolved by a moderator.
    pub suspected: Option<bool>,
    pub limit: i64,
    pub offset: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct QueueRow {
    pub id: i64,
    pub version_id: i64,
    pub locale: String,
    pub submitted_on: NaiveDate,
    pub moderation: String,
    pub status: String,
    pub has_text: bool,
    pub suspected: bool,
    pub replies: i64,
}

/// One submission as a moderator opens it (the answers come separately).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct SubmissionRow {
    pub id: i64,
    pub programme_id: i64,
    pub version_id: i64,
    pub locale: String,
    pub submitted_on: NaiveDate,
    pub moderation: String,
    pub status: String,
}

/// What a move between states may start from.
pub fn moves_from(to: &str) -> &'static [&'static str] {
    match to {
        "in_review" => &["new", "approved", "archived"],
        "approved" => &["new", "in_review"],
        "archived" => &["new", "in_review", "approved"],
        _ => &[],
    }
}

#[async_trait]
pub trait Moderation: Send + Sync + 'static {
    /// A page of the queue, newest released day first, random within a day.
    async fn queue(&self, f: &QueueFilter) -> Result<Vec<QueueRow>>;
    /// Released submissions of a programme per state (states with none are absent).
    async fn queue_counts(&self, programme_id: i64, released_before: NaiveDate)
        -> Result<Vec<(String, i64)>>;
    /// Questionnaire versions and languages found among a programme's submissions.
    async fn queue_facets(&self, programme_id: i64) -> Result<(Vec<i64>, Vec<String>)>;
    async fn submission(&self, id: i64) -> Result<Option<SubmissionRow>>;
    /// Moves a submission to `to` from one of [`moves_from`]`(to)`. Approval
    /// also needs every suspected personal detail resolved. `false`: nothing
    /// moved (already there, or not allowed from where it is).
    async fn set_moderation(&self, id: i64, to: &str) -> Result<bool>;
    /// Suspected personal details of a submission not yet accepted or rejected.
    async fn unresolved_details(&self, id: i64) -> Result<i64>;
}

macro_rules! impl_moderation {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::moderation::Moderation for $store {
            async fn queue(
                &self,
                f: &$crate::moderation::QueueFilter,
            ) -> $crate::Result<Vec<$crate::moderation::QueueRow>> {
                let (low, high) = f.rating.map_or((None, None), |(l, h)| (Some(l), Some(h)));
                Ok(sqlx::query_as(
                    "SELECT s.id, s.version_id, s.locale, s.submitted_on, s.moderation, s.status, \
                       EXISTS (SELECT 1 FROM answers a WHERE a.submission_id = s.id \
                               AND a.body IS NOT NULL AND a.body <> '') AS has_text, \
                       EXISTS (SELECT 1 FROM answers a JOIN redactions r ON r.answer_id = a.id \
                               WHERE a.submission_id = s.id AND r.state = 'suggested') AS suspected, \
                       (SELECT COUNT(*) FROM replies p WHERE p.submission_id = s.id) AS replies \
                     FROM submissions s \
                     WHERE s.programme_id = $1 AND s.submitted_on < $2 \
                       AND ($3 IS NULL OR s.moderation = $3) \
                       AND ($4 IS NULL OR s.version_id = $4) \
                       AND ($5 IS NULL OR s.locale = $5) \
                       AND ($6 IS NULL OR EXISTS (SELECT 1 FROM answers a WHERE a.submission_id = s.id \
                                                  AND a.rating BETWEEN $6 AND $7)) \
                       AND ($8 IS NULL OR $8 = EXISTS (SELECT 1 FROM answers a WHERE a.submission_id = s.id \
                                                       AND a.body IS NOT NULL AND a.body <> '')) \
                       AND ($9 IS NULL OR $9 = EXISTS (SELECT 1 FROM answers a JOIN redactions r \
                                                       ON r.answer_id = a.id WHERE a.submission_id = s.id \
                                                       AND r.state = 'suggested')) \
                     ORDER BY s.submitted_on DESC, s.id \
                     LIMIT $10 OFFSET $11",
                )
                .bind(f.programme_id)
                .bind(f.released_before)
                .bind(f.state.as_deref())
                .bind(f.version_id)
                .bind(f.locale.as_deref())
                .bind(low)
                .bind(high)
                .bind(f.has_text)
                .bind(f.suspected)
                .bind(f.limit)
                .bind(f.offset)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn queue_counts(
                &self,
                programme_id: i64,
                released_before: chrono::NaiveDate,
            ) -> $crate::Result<Vec<(String, i64)>> {
                Ok(sqlx::query_as(
                    "SELECT moderation, COUNT(*) FROM submissions \
                     WHERE programme_id = $1 AND submitted_on < $2 GROUP BY moderation ORDER BY moderation",
                )
                .bind(programme_id)
                .bind(released_before)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn queue_facets(&self, programme_id: i64) -> $crate::Result<(Vec<i64>, Vec<String>)> {
                let versions: Vec<(i64,)> = sqlx::query_as(
                    "SELECT DISTINCT version_id FROM submissions WHERE programme_id = $1 ORDER BY version_id",
                )
                .bind(programme_id)
                .fetch_all(&self.pool)
                .await?;
                let locales: Vec<(String,)> = sqlx::query_as(
                    "SELECT DISTINCT locale FROM submissions WHERE programme_id = $1 ORDER BY locale",
                )
                .bind(programme_id)
                .fetch_all(&self.pool)
                .await?;
                Ok((versions.into_iter().map(|v| v.0).collect(), locales.into_iter().map(|l| l.0).collect()))
            }

            async fn submission(&self, id: i64) -> $crate::Result<Option<$crate::moderation::SubmissionRow>> {
                Ok(sqlx::query_as(
                    "SELECT id, programme_id, version_id, locale, submitted_on, moderation, status \
                     FROM submissions WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn set_moderation(&self, id: i64, to: &str) -> $crate::Result<bool> {
                let from = $crate::moderation::moves_from(to);
                if from.is_empty() {
                    return Ok(false);
                }
                let (a, b, c) = (from[0], from.get(1).copied().unwrap_or(from[0]), from.get(2).copied().unwrap_or(from[0]));
                let done = sqlx::query(
                    "UPDATE submissions SET moderation = $2 \
                     WHERE id = $1 AND moderation IN ($3, $4, $5) \
                       AND ($2 <> 'approved' OR NOT EXISTS (SELECT 1 FROM answers a JOIN redactions r \
                            ON r.answer_id = a.id WHERE a.submission_id = submissions.id AND r.state = 'suggested'))",
                )
                .bind(id)
                .bind(to)
                .bind(a)
                .bind(b)
                .bind(c)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn unresolved_details(&self, id: i64) -> $crate::Result<i64> {
                let (n,): (i64,) = sqlx::query_as(
                    "SELECT COUNT(*) FROM answers a JOIN redactions r ON r.answer_id = a.id \
                     WHERE a.submission_id = $1 AND r.state = 'suggested'",
                )
                .bind(id)
                .fetch_one(&self.pool)
                .await?;
                Ok(n)
            }
        }
    };
}
pub(crate) use impl_moderation;
