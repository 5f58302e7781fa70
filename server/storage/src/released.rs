//! Figures of closed months, fixed once: the first time any page (a
//! dashboard, an export, a report, a public page) asks for a programme's
//! closed month, its roll-ups are copied and that copy is what every page
//! reads from then on (two processes asking at once copy it once). The
//! live roll-ups keep following withdrawals and concerns, so a recount can
//! be checked against them, but no reader sees a shown month move: two
//! copies of a page taken a day apart would otherwise give away the
//! answers of whoever withdrew in between. Staff theme counts are the
//! exception (coding goes on after a month closes), see `Aggregates`.
use async_trait::async_trait;

use crate::rollups::{RollupAnswer, RollupCode, RollupResponses};
use crate::Result;

#[async_trait]
pub trait Releases: Send + Sync + 'static {
    /// Copies the live roll-ups of those months of these programmes not yet released (closed months only).
    async fn release_months(&self, programme_ids: &[i64], months: &[String]) -> Result<()>;
    /// The earliest month with live or released figures.
    async fn first_month(&self, programme_id: i64) -> Result<Option<String>>;
    async fn released_responses(
        &self,
        programme_ids: &[i64],
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
            async fn release_months(&self, programme_ids: &[i64], months: &[String]) -> $crate::Result<()> {
                if programme_ids.is_empty() || months.is_empty() {
                    return Ok(());
                }
                let mut qb = sqlx::QueryBuilder::new(
                    "SELECT programme_id, month FROM released_months WHERE programme_id IN (",
                );
                let mut sep = qb.separated(", ");
                for id in programme_ids {
                    sep.push_bind(*id);
                }
                qb.push(")");
                let done: std::collections::HashSet<(i64, String)> =
                    qb.build_query_as().fetch_all(&self.pool).await?.into_iter().collect();
                for id in programme_ids {
                    for month in months.iter().filter(|m| !done.contains(&(*id, (*m).clone()))) {
                        self.release_one(*id, month).await?;
                    }
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
                programme_ids: &[i64],
                from: &str,
                to: &str,
            ) -> $crate::Result<Vec<$crate::rollups::RollupResponses>> {
                self.responses_in("released", programme_ids, from, to).await
            }

            async fn released_answers(
                &self,
                programme_id: i64,
                from: &str,
                to: &str,
            ) -> $crate::Result<Vec<$crate::rollups::RollupAnswer>> {
                self.answers_in("released", programme_id, from, to).await
            }

            async fn released_codes(
                &self,
                programme_id: i64,
                from: &str,
                to: &str,
            ) -> $crate::Result<Vec<$crate::rollups::RollupCode>> {
                self.codes_in("released", &[programme_id], from, to).await
            }
        }

        impl $store {
            /// Claims one month and copies it in the same transaction, so a
            /// process that loses the claim finds the copy complete.
            async fn release_one(&self, programme_id: i64, month: &str) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                let claimed = sqlx::query(
                    "INSERT INTO released_months (programme_id, month) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                )
                .bind(programme_id)
                .bind(month)
                .execute(&mut *tx)
                .await?;
                if claimed.rows_affected() == 1 {
                    for (table, cols) in
                        [("responses", "version_id, n"), ("answers", "question_id, answer, n"), ("codes", "tag_id, n")]
                    {
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
                Ok(())
            }
        }
    };
}
pub(crate) use impl_releases;
