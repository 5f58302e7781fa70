//! What goes back to young people: replies to one submission (the
//! programme's "you said, we did" answers are in `actions`).
use async_trait::async_trait;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Reply {
    pub id: i64,
    pub body: String,
    pub created_on: NaiveDate,
    /// The young person has read it with their receipt: it can no longer be corrected.
    pub seen: bool,
}

/// A reply template in one language. `organisation_id` `None`: for everyone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct TemplateRow {
    pub id: i64,
    pub organisation_id: Option<i64>,
    pub title: String,
    pub locale: String,
    pub body: String,
}

#[async_trait]
pub trait Replies: Send + Sync + 'static {
    /// Adds a reply and marks the submission as replied.
    async fn add_reply(&self, submission_id: i64, staff_id: Option<i64>, body: &str) -> Result<Reply>;
    async fn replies_of(&self, submission_id: i64) -> Result<Vec<Reply>>;
    /// The young person was shown these replies (no time is kept).
    async fn mark_replies_seen(&self, submission_id: i64) -> Result<()>;
    /// Replaces a reply's text unless the young person has read it. `false`: not corrected.
    async fn correct_reply(&self, submission_id: i64, reply_id: i64, body: &str, now: i64) -> Result<bool>;
    /// Templates for these organisations and the installation-wide ones, by title and language.
    async fn reply_templates(&self, organisation_ids: &[i64]) -> Result<Vec<TemplateRow>>;
    async fn reply_template(&self, id: i64) -> Result<Option<TemplateRow>>;
    /// Adds or replaces the body of (organisation, title, language).
    async fn put_reply_template(
        &self,
        organisation_id: Option<i64>,
        title: &str,
        locale: &str,
        body: &str,
        staff_id: i64,
        now: i64,
    ) -> Result<()>;
    async fn delete_reply_template(&self, id: i64) -> Result<bool>;
    /// Marks a submission as read by the programme team (never back to "received").
    async fn mark_read(&self, submission_id: i64) -> Result<()>;
}

macro_rules! impl_replies {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::replies::Replies for $store {
            async fn add_reply(
                &self,
                submission_id: i64,
                staff_id: Option<i64>,
                body: &str,
            ) -> $crate::Result<$crate::replies::Reply> {
                let mut tx = self.pool.begin().await?;
                let reply = sqlx::query_as(
                    "INSERT INTO replies (submission_id, staff_id, body, created_on) VALUES ($1, $2, $3, $4) \
                     RETURNING id, body, created_on, seen",
                )
                .bind(submission_id)
                .bind(staff_id)
                .bind(body)
                .bind(chrono::Utc::now().date_naive())
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query("UPDATE submissions SET status = 'replied' WHERE id = $1")
                    .bind(submission_id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(reply)
            }

            async fn replies_of(&self, submission_id: i64) -> $crate::Result<Vec<$crate::replies::Reply>> {
                Ok(sqlx::query_as(
                    "SELECT id, body, created_on, seen FROM replies WHERE submission_id = $1 ORDER BY id",
                )
                .bind(submission_id)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn mark_replies_seen(&self, submission_id: i64) -> $crate::Result<()> {
                sqlx::query("UPDATE replies SET seen = TRUE WHERE submission_id = $1 AND NOT seen")
                    .bind(submission_id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn correct_reply(&self, submission_id: i64, reply_id: i64, body: &str, now: i64) -> $crate::Result<bool> {
                let done = sqlx::query(
                    "UPDATE replies SET body = $3, corrected_at = $4 WHERE id = $2 AND submission_id = $1 AND NOT seen",
                )
                .bind(submission_id)
                .bind(reply_id)
                .bind(body)
                .bind(now)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn reply_templates(&self, organisation_ids: &[i64]) -> $crate::Result<Vec<$crate::replies::TemplateRow>> {
                let mut qb = sqlx::QueryBuilder::new(
                    "SELECT id, organisation_id, title, locale, body FROM reply_templates WHERE organisation_id IS NULL",
                );
                if !organisation_ids.is_empty() {
                    qb.push(" OR organisation_id IN (");
                    let mut list = qb.separated(", ");
                    for id in organisation_ids {
                        list.push_bind(*id);
                    }
                    qb.push(")");
                }
                qb.push(" ORDER BY title, locale, id");
                Ok(qb.build_query_as().fetch_all(&self.pool).await?)
            }

            async fn reply_template(&self, id: i64) -> $crate::Result<Option<$crate::replies::TemplateRow>> {
                Ok(sqlx::query_as("SELECT id, organisation_id, title, locale, body FROM reply_templates WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn put_reply_template(
                &self,
                organisation_id: Option<i64>,
                title: &str,
                locale: &str,
                body: &str,
                staff_id: i64,
                now: i64,
            ) -> $crate::Result<()> {
                let mut tx = self.pool.begin().await?;
                let updated = sqlx::query(
                    "UPDATE reply_templates SET body = $4, updated_by = $5, updated_at = $6 \
                     WHERE COALESCE(organisation_id, 0) = COALESCE($1, 0) AND title = $2 AND locale = $3",
                )
                .bind(organisation_id)
                .bind(title)
                .bind(locale)
                .bind(body)
                .bind(staff_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                if updated.rows_affected() == 0 {
                    sqlx::query(
                        "INSERT INTO reply_templates (organisation_id, title, locale, body, updated_by, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(organisation_id)
                    .bind(title)
                    .bind(locale)
                    .bind(body)
                    .bind(staff_id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn delete_reply_template(&self, id: i64) -> $crate::Result<bool> {
                let done = sqlx::query("DELETE FROM reply_templates WHERE id = $1").bind(id).execute(&self.pool).await?;
                Ok(done.rows_affected() == 1)
            }

            async fn mark_read(&self, submission_id: i64) -> $crate::Result<()> {
                sqlx::query("UPDATE submissions SET status = 'read' WHERE id = $1 AND status = 'received'")
                    .bind(submission_id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }
        }
    };
}
pub(crate) use impl_replies;
