//! Public figures of closed months, fixed once: the first time a public
//! page asks for a programme's closed month, its roll-ups are copied and
//! that copy is what every public page reads from then on (two processes
//! asking at once copy it once). Live roll-ups keep following withdrawals
//! and concerns for the staff dashboards.
use async_trait::async_trait;

use crate::rollups::{RollupAnswer, RollupCode, RollupResponses};
use crate::Result;

#[async_trait]
pub trait Releases: Send + Sync + 'static {
    /// Copies the live roll-ups of those months not yet released (closed months only).
    async fn release_months(&self, programme_id: i64, months: &[String]) -> Result<()>;
    /// The earliest month with live or released figures.
    async fn first_month(&self, programme_id: i64) -> Result<Option<String>>;
    async fn released_responses(
        &self,
        programme_id: i64,
        from: &str,
        to: &str,
    ) -> Result<Vec<RollupResponses>>;
    async fn released_answers(&self, programme_id: i64, from: &str, to: &str) -> Result<Vec<RollupAnswer>>;
    async fn released_codes(&self, programme_id: i64, from: &str, to: &str) -> Result<Vec<RollupCode>>;
}

macro_rules! impl_releases {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::released::Releases for $store {
            async fn release_months(&self, programme_id: i64, months: &[String]) -> $crate::Result<()> {
                let done: Vec<String> =
                    sqlx::query_scalar("SELECT month FROM released_months WHERE programme_id = $1")
                        .bind(programme_id)
                        .fetch_all(&self.pool)
                        .await?;
                for month in months.iter().filter(|m| !done.contains(m)) {
                    let mut tx = self.pool.begin().await?;
                    let claimed = sqlx::query(
                        "INSERT INTO released_months (programme_id, month) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                    )
                    .bind(programme_id)
                    .bind(month)
                    .execute(&mut *tx)
                    .await?;
                    if claimed.rows_affected() == 1 {
                        for (table, cols) in [
                            ("responses", "version_id, n"),
                            ("answers", "question_id, answer, n"),
                            ("codes", "tag_id, n"),
                        ] {
                            sqlx::query(&format!(
                                "INSERT INTO released_{table} (programme_id, month, {cols}) \
                                 SELECT programme_id, month, {cols} FROM rollup_{table} \
                                 WHERE programme_id = $1 AND month = $2 AND n <> 0"
                            ))
                            .bind(programme_id)
                            .bind(month)
                            .execute(&mut *tx)
                            .await?;
                        }
                    }
                    tx.commit().await?;
                }
                Ok(())
            }

            async fn first_month(&self, programme_id: i64) -> $crate::Result<Option<String>> {
                Ok(sqlx::query_scalar(
                    "SELECT MIN(month) FROM (SELECT month FROM rollup_responses WHERE programme_id = $1 AND n <> 0 \
                     UNION SELECT month FROM released_months WHERE programme_id = $1) m",
                )
                .bind(programme_id)
                .fetch_one(&self.pool)
                .await?)
            }

            async fn released_responses(
                &self,
                programme_id: i64,
                from: &str,
                to: &str,
            ) -> $crate::Result<Vec<$crate::rollups::RollupResponses>> {
                Ok(sqlx::query_as(
                    "SELECT programme_id, month, version_id, n FROM released_responses \
                     WHERE programme_id = $1 AND month >= $2 AND month <= $3 ORDER BY month, version_id",
                )
                .bind(programme_id)
                .bind(from)
                .bind(to)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn released_answers(
                &self,
                programme_id: i64,
                from: &str,
                to: &str,
            ) -> $crate::Result<Vec<$crate::rollups::RollupAnswer>> {
                Ok(sqlx::query_as(
                    "SELECT month, question_id, answer, n FROM released_answers \
                     WHERE programme_id = $1 AND month >= $2 AND month <= $3 ORDER BY month, question_id, answer",
                )
                .bind(programme_id)
                .bind(from)
                .bind(to)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn released_codes(
                &self,
                programme_id: i64,
                from: &str,
                to: &str,
            ) -> $crate::Result<Vec<$crate::rollups::RollupCode>> {
                Ok(sqlx::query_as(
                    "SELECT programme_id, month, tag_id, n FROM released_codes \
                     WHERE programme_id = $1 AND month >= $2 AND month <= $3 ORDER BY month, tag_id",
                )
                .bind(programme_id)
                .bind(from)
                .bind(to)
                .fetch_all(&self.pool)
                .await?)
            }
        }
    };
}
pub(crate) use impl_releases;
