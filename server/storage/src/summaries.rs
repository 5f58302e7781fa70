//! Period summaries: one per programme and period (a month or a quarter),
//! every saved text kept as a version, one version published to designers;
//! and the facts a draft is made from.
use async_trait::async_trait;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct SummaryRow {
    pub id: i64,
    pub programme_id: i64,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    /// The latest saved text.
    pub body: String,
    /// draft or published
    pub state: String,
    pub published_on: Option<NaiveDate>,
    pub published_version: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct VersionRow {
    pub id: i64,
    pub body: String,
    pub staff_name: Option<String>,
    pub at: i64,
}

/// What a period holds, for a draft: submissions (concerns never count),
/// ratings per question (count and sum), approved submissions per code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodFacts {
    pub responses: i64,
    pub ratings: Vec<(i64, i64, i64)>,
    pub codes: Vec<(i64, i64)>,
}

#[async_trait]
pub trait Summaries: Send + Sync + 'static {
    async fn summary(
        &self,
        programme_id: i64,
        start: NaiveDate,
        end: NaiveDate,
    ) -> Result<Option<SummaryRow>>;
    /// Saves a new version (the summary is made on first save) and returns the summary's id.
    async fn save_summary(
        &self,
        programme_id: i64,
        start: NaiveDate,
        end: NaiveDate,
        body: &str,
        staff_id: i64,
        now: i64,
    ) -> Result<i64>;
    /// Publishes the latest version. `false`: no such summary of that programme.
    async fn publish_summary(
        &self,
        programme_id: i64,
        id: i64,
        staff_id: i64,
        today: NaiveDate,
    ) -> Result<bool>;
    /// Versions, newest first.
    async fn summary_versions(&self, id: i64) -> Result<Vec<VersionRow>>;
    /// A programme's published summaries, newest period first: (start, end,
    /// published on, the published version's text).
    async fn published_summaries(
        &self,
        programme_id: i64,
    ) -> Result<Vec<(NaiveDate, NaiveDate, NaiveDate, String)>>;
    /// `end` is the first day after the period.
    async fn period_facts(&self, programme_id: i64, start: NaiveDate, end: NaiveDate) -> Result<PeriodFacts>;
}

macro_rules! impl_summaries {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::summaries::Summaries for $store {
            async fn summary(
                &self,
                programme_id: i64,
                start: chrono::NaiveDate,
                end: chrono::NaiveDate,
            ) -> $crate::Result<Option<$crate::summaries::SummaryRow>> {
                Ok(sqlx::query_as(
                    "SELECT id, programme_id, period_start, period_end, body, state, published_on, published_version \
                     FROM summaries WHERE programme_id = $1 AND period_start = $2 AND period_end = $3",
                )
                .bind(programme_id)
                .bind(start)
                .bind(end)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn save_summary(
                &self,
                programme_id: i64,
                start: chrono::NaiveDate,
                end: chrono::NaiveDate,
                body: &str,
                staff_id: i64,
                now: i64,
            ) -> $crate::Result<i64> {
                let mut tx = self.pool.begin().await?;
                let existing: Option<(i64,)> = sqlx::query_as(
                    "SELECT id FROM summaries WHERE programme_id = $1 AND period_start = $2 AND period_end = $3",
                )
                .bind(programme_id)
                .bind(start)
                .bind(end)
                .fetch_optional(&mut *tx)
                .await?;
                let id = match existing {
                    Some((id,)) => {
                        // A new text is a draft again; designers keep reading the published version.
                        sqlx::query("UPDATE summaries SET body = $2, staff_id = $3, state = 'draft' WHERE id = $1")
                            .bind(id)
                            .bind(body)
                            .bind(staff_id)
                            .execute(&mut *tx)
                            .await?;
                        id
                    }
                    None => {
                        let (id,): (i64,) = sqlx::query_as(
                            "INSERT INTO summaries (programme_id, period_start, period_end, body, staff_id) \
                             VALUES ($1, $2, $3, $4, $5) RETURNING id",
                        )
                        .bind(programme_id)
                        .bind(start)
                        .bind(end)
                        .bind(body)
                        .bind(staff_id)
                        .fetch_one(&mut *tx)
                        .await?;
                        id
                    }
                };
                sqlx::query("INSERT INTO summary_versions (summary_id, body, staff_id, at) VALUES ($1, $2, $3, $4)")
                    .bind(id)
                    .bind(body)
                    .bind(staff_id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(id)
            }

            async fn publish_summary(
                &self,
                programme_id: i64,
                id: i64,
                staff_id: i64,
                today: chrono::NaiveDate,
            ) -> $crate::Result<bool> {
                let done = sqlx::query(
                    "UPDATE summaries SET state = 'published', published_on = $3, staff_id = $4, \
                     published_version = (SELECT MAX(v.id) FROM summary_versions v WHERE v.summary_id = summaries.id) \
                     WHERE id = $1 AND programme_id = $2",
                )
                .bind(id)
                .bind(programme_id)
                .bind(today)
                .bind(staff_id)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn summary_versions(&self, id: i64) -> $crate::Result<Vec<$crate::summaries::VersionRow>> {
                Ok(sqlx::query_as(
                    "SELECT v.id, v.body, s.display_name AS staff_name, v.at FROM summary_versions v \
                     LEFT JOIN staff s ON s.id = v.staff_id WHERE v.summary_id = $1 ORDER BY v.id DESC",
                )
                .bind(id)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn published_summaries(
                &self,
                programme_id: i64,
            ) -> $crate::Result<Vec<(chrono::NaiveDate, chrono::NaiveDate, chrono::NaiveDate, String)>> {
                Ok(sqlx::query_as(
                    "SELECT s.period_start, s.period_end, s.published_on, v.body FROM summaries s \
                     JOIN summary_versions v ON v.id = s.published_version \
                     WHERE s.programme_id = $1 AND s.published_on IS NOT NULL ORDER BY s.period_start DESC, s.id",
                )
                .bind(programme_id)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn period_facts(
                &self,
                programme_id: i64,
                start: chrono::NaiveDate,
                end: chrono::NaiveDate,
            ) -> $crate::Result<$crate::summaries::PeriodFacts> {
                let urgent = $crate::moderation::NOT_URGENT;
                let (responses,): (i64,) = sqlx::query_as(&format!(
                    "SELECT COUNT(*) FROM submissions s WHERE s.programme_id = $1 AND s.submitted_on >= $2 \
                     AND s.submitted_on < $3 AND {urgent}"
                ))
                .bind(programme_id)
                .bind(start)
                .bind(end)
                .fetch_one(&self.pool)
                .await?;
                let ratings: Vec<(i64, i64, i64)> = sqlx::query_as(&format!(
                    "SELECT a.question_id, COUNT(*), CAST(SUM(a.rating) AS BIGINT) FROM answers a \
                     JOIN submissions s ON s.id = a.submission_id WHERE s.programme_id = $1 \
                     AND s.submitted_on >= $2 AND s.submitted_on < $3 AND a.rating IS NOT NULL AND {urgent} \
                     GROUP BY a.question_id ORDER BY a.question_id"
                ))
                .bind(programme_id)
                .bind(start)
                .bind(end)
                .fetch_all(&self.pool)
                .await?;
                let codes: Vec<(i64, i64)> = sqlx::query_as(&format!(
                    "SELECT t.tag_id, COUNT(*) FROM submission_tags t JOIN submissions s ON s.id = t.submission_id \
                     WHERE s.programme_id = $1 AND s.submitted_on >= $2 AND s.submitted_on < $3 \
                     AND s.moderation = 'approved' AND {urgent} GROUP BY t.tag_id ORDER BY t.tag_id"
                ))
                .bind(programme_id)
                .bind(start)
                .bind(end)
                .fetch_all(&self.pool)
                .await?;
                Ok($crate::summaries::PeriodFacts { responses, ratings, codes })
            }
        }
    };
}
pub(crate) use impl_summaries;
