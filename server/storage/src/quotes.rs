//! Quotes: redacted sentences of approved submissions that moderators pick
//! under a theme, and the counts the suppression rule needs (a quote is
//! shown to designers only when its theme has at least k submissions in
//! its month).
use async_trait::async_trait;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct QuoteRow {
    pub id: i64,
    pub programme_id: i64,
    pub submission_id: Option<i64>,
    pub body: String,
    /// YYYY-MM of the submission.
    pub month: String,
    pub tag_id: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct NewQuote<'a> {
    pub programme_id: i64,
    pub submission_id: i64,
    pub answer_id: i64,
    pub body: &'a str,
    pub month: &'a str,
    pub tag_id: i64,
    pub staff_id: i64,
}

/// The first day of a YYYY-MM month and of the next one.
pub fn month_range(month: &str) -> Option<(NaiveDate, NaiveDate)> {
    let start = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()?;
    let next = start.checked_add_months(chrono::Months::new(1))?;
    Some((start, next))
}

#[async_trait]
pub trait Quotes: Send + Sync + 'static {
    async fn add_quote(&self, q: &NewQuote<'_>) -> Result<i64>;
    /// A programme's quotes, newest month first.
    async fn quotes_of(&self, programme_id: i64) -> Result<Vec<QuoteRow>>;
    async fn quotes_of_submission(&self, submission_id: i64) -> Result<Vec<QuoteRow>>;
    async fn delete_quote(&self, programme_id: i64, id: i64) -> Result<bool>;
    /// Approved submissions of a programme in a month that carry a code
    /// (a concern's submission never counts: it is not in the queue).
    async fn coded_count(&self, programme_id: i64, tag_id: i64, month: &str) -> Result<i64>;
}

macro_rules! impl_quotes {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::quotes::Quotes for $store {
            async fn add_quote(&self, q: &$crate::quotes::NewQuote<'_>) -> $crate::Result<i64> {
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO quotes (programme_id, submission_id, answer_id, body, month, tag_id, staff_id) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(q.programme_id)
                .bind(q.submission_id)
                .bind(q.answer_id)
                .bind(q.body)
                .bind(q.month)
                .bind(q.tag_id)
                .bind(q.staff_id)
                .fetch_one(&self.pool)
                .await?;
                Ok(id)
            }

            async fn quotes_of(&self, programme_id: i64) -> $crate::Result<Vec<$crate::quotes::QuoteRow>> {
                Ok(sqlx::query_as(
                    "SELECT id, programme_id, submission_id, body, month, tag_id FROM quotes \
                     WHERE programme_id = $1 ORDER BY month DESC, id",
                )
                .bind(programme_id)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn quotes_of_submission(&self, submission_id: i64) -> $crate::Result<Vec<$crate::quotes::QuoteRow>> {
                Ok(sqlx::query_as(
                    "SELECT id, programme_id, submission_id, body, month, tag_id FROM quotes \
                     WHERE submission_id = $1 ORDER BY id",
                )
                .bind(submission_id)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn delete_quote(&self, programme_id: i64, id: i64) -> $crate::Result<bool> {
                let done = sqlx::query("DELETE FROM quotes WHERE id = $1 AND programme_id = $2")
                    .bind(id)
                    .bind(programme_id)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn coded_count(&self, programme_id: i64, tag_id: i64, month: &str) -> $crate::Result<i64> {
                let Some((start, next)) = $crate::quotes::month_range(month) else { return Ok(0) };
                let (n,): (i64,) = sqlx::query_as(&format!(
                    "SELECT COUNT(*) FROM submissions s JOIN submission_tags t ON t.submission_id = s.id \
                     WHERE s.programme_id = $1 AND t.tag_id = $2 AND s.moderation = 'approved' \
                       AND s.submitted_on >= $3 AND s.submitted_on < $4 AND {}",
                    $crate::moderation::NOT_URGENT
                ))
                .bind(programme_id)
                .bind(tag_id)
                .bind(start)
                .bind(next)
                .fetch_one(&self.pool)
                .await?;
                Ok(n)
            }
        }
    };
}
pub(crate) use impl_quotes;
