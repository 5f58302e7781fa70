//! What goes back to young people: replies to one submission, and the
//! programme's published "you said, we did" answers.
use async_trait::async_trait;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Reply {
    pub id: i64,
    pub body: String,
    pub created_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ActionRow {
    pub id: i64,
    pub programme_id: i64,
    pub you_said: String,
    pub we_did: String,
    /// planned, in_progress, done or not_done
    pub state: String,
    pub reason: Option<String>,
    pub published_on: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct NewAction {
    pub programme_id: i64,
    pub you_said: String,
    pub we_did: String,
    pub state: String,
    pub reason: Option<String>,
    pub publish: bool,
}

#[async_trait]
pub trait Replies: Send + Sync + 'static {
    /// Adds a reply and marks the submission as replied.
    async fn add_reply(&self, submission_id: i64, staff_id: Option<i64>, body: &str) -> Result<Reply>;
    async fn replies_of(&self, submission_id: i64) -> Result<Vec<Reply>>;
    /// Marks a submission as read by the programme team (never back to "received").
    async fn mark_read(&self, submission_id: i64) -> Result<()>;
    async fn add_action(&self, a: &NewAction, staff_id: Option<i64>) -> Result<ActionRow>;
    /// Published answers of a programme, newest first.
    async fn published_actions(&self, programme_id: i64) -> Result<Vec<ActionRow>>;
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
                     RETURNING id, body, created_on",
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
                    "SELECT id, body, created_on FROM replies WHERE submission_id = $1 ORDER BY id",
                )
                .bind(submission_id)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn mark_read(&self, submission_id: i64) -> $crate::Result<()> {
                sqlx::query("UPDATE submissions SET status = 'read' WHERE id = $1 AND status = 'received'")
                    .bind(submission_id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn add_action(
                &self,
                a: &$crate::replies::NewAction,
                staff_id: Option<i64>,
            ) -> $crate::Result<$crate::replies::ActionRow> {
                let published = a.publish.then(|| chrono::Utc::now().date_naive());
                Ok(sqlx::query_as(
                    "INSERT INTO actions (programme_id, you_said, we_did, state, reason, published_on, staff_id) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) \
                     RETURNING id, programme_id, you_said, we_did, state, reason, published_on",
                )
                .bind(a.programme_id)
                .bind(&a.you_said)
                .bind(&a.we_did)
                .bind(&a.state)
                .bind(&a.reason)
                .bind(published)
                .bind(staff_id)
                .fetch_one(&self.pool)
                .await?)
            }

            async fn published_actions(&self, programme_id: i64) -> $crate::Result<Vec<$crate::replies::ActionRow>> {
                Ok(sqlx::query_as(
                    "SELECT id, programme_id, you_said, we_did, state, reason, published_on FROM actions \
                     WHERE programme_id = $1 AND published_on IS NOT NULL ORDER BY published_on DESC, id DESC",
                )
                .bind(programme_id)
                .fetch_all(&self.pool)
                .await?)
            }
        }
    };
}
pub(crate) use impl_replies;
