//! "You said, we did": what a programme's designers heard, what they will
//! do or did about it, and how far they have got — words per language,
//! published to young people once a person has written or reviewed them.
use async_trait::async_trait;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Result;

/// Planned, in progress, done, or not doing (the words then say why).
pub const ACTION_STATES: [&str; 4] = ["planned", "in_progress", "done", "not_done"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ActionRow {
    pub id: i64,
    pub programme_id: i64,
    /// The theme (a code of the organisation's codebook) it answers.
    pub tag_id: Option<i64>,
    pub state: String,
    /// `YYYY-MM`
    pub due_month: Option<String>,
    pub done_month: Option<String>,
    /// Shown to young people since (none: a draft only staff see).
    pub published_on: Option<NaiveDate>,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ActionText {
    pub action_id: i64,
    pub locale: String,
    pub you_said: String,
    pub we_did: String,
    pub reason: Option<String>,
    /// Drafted by a machine and not yet reviewed by a person: never shown to young people.
    pub machine: bool,
    pub staff_name: Option<String>,
    pub at: i64,
}

/// What an action is, apart from its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionFields {
    pub tag_id: Option<i64>,
    pub state: String,
    pub due_month: Option<String>,
    pub done_month: Option<String>,
}

/// An action's words in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionWords {
    pub locale: String,
    pub you_said: String,
    pub we_did: String,
    pub reason: Option<String>,
    pub machine: bool,
}

#[async_trait]
pub trait Actions: Send + Sync + 'static {
    /// A new, unpublished action with its words in one language; its id.
    async fn add_action(
        &self,
        programme_id: i64,
        fields: &ActionFields,
        words: &ActionWords,
        staff_id: Option<i64>,
        now: i64,
    ) -> Result<i64>;
    /// Saves the fields and the words in `words.locale` together. `false`:
    /// no such action of that programme (nothing changed).
    async fn update_action(
        &self,
        programme_id: i64,
        id: i64,
        fields: &ActionFields,
        words: &ActionWords,
        staff_id: Option<i64>,
        now: i64,
    ) -> Result<bool>;
    /// Adds or replaces the words in `words.locale`. `false`: no such action of that programme.
    async fn put_action_text(
        &self,
        programme_id: i64,
        id: i64,
        words: &ActionWords,
        staff_id: Option<i64>,
        now: i64,
    ) -> Result<bool>;
    /// Publishes (on `day`) or takes back (`None`). `false`: no such action of that programme.
    async fn publish_action(&self, programme_id: i64, id: i64, day: Option<NaiveDate>) -> Result<bool>;
    /// Deletes an action never published. `false`: none such (or it is published).
    async fn delete_action(&self, programme_id: i64, id: i64) -> Result<bool>;
    /// A programme's actions, newest first; only published ones when asked.
    async fn actions_of(&self, programme_id: i64, published_only: bool) -> Result<Vec<ActionRow>>;
    /// Every language's words of a programme's actions, with who last wrote them.
    async fn action_texts(&self, programme_id: i64) -> Result<Vec<ActionText>>;
    async fn set_public_results(&self, programme_id: i64, on: bool) -> Result<()>;
}

/// Adds or replaces one language's words (inside the caller's transaction).
macro_rules! impl_put_text {
    ($db:ty) => {
        pub(crate) async fn put_text(
            conn: &mut <$db as sqlx::Database>::Connection,
            id: i64,
            w: &$crate::actions::ActionWords,
            staff_id: Option<i64>,
            now: i64,
        ) -> $crate::Result<()> {
            sqlx::query(
                "INSERT INTO action_texts (action_id, locale, you_said, we_did, reason, machine, staff_id, at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                 ON CONFLICT (action_id, locale) DO UPDATE SET you_said = excluded.you_said, \
                 we_did = excluded.we_did, reason = excluded.reason, machine = excluded.machine, \
                 staff_id = excluded.staff_id, at = excluded.at",
            )
            .bind(id)
            .bind(&w.locale)
            .bind(&w.you_said)
            .bind(&w.we_did)
            .bind(&w.reason)
            .bind(w.machine)
            .bind(staff_id)
            .bind(now)
            .execute(&mut *conn)
            .await?;
            Ok(())
        }
    };
}
pub(crate) use impl_put_text;

macro_rules! impl_actions {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::actions::Actions for $store {
            async fn add_action(
                &self,
                programme_id: i64,
                f: &$crate::actions::ActionFields,
                w: &$crate::actions::ActionWords,
                staff_id: Option<i64>,
                now: i64,
            ) -> $crate::Result<i64> {
                let mut tx = self.pool.begin().await?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO actions (programme_id, tag_id, state, due_month, done_month, staff_id, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(programme_id)
                .bind(f.tag_id)
                .bind(&f.state)
                .bind(&f.due_month)
                .bind(&f.done_month)
                .bind(staff_id)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                put_text(&mut tx, id, w, staff_id, now).await?;
                tx.commit().await?;
                Ok(id)
            }

            async fn update_action(
                &self,
                programme_id: i64,
                id: i64,
                f: &$crate::actions::ActionFields,
                w: &$crate::actions::ActionWords,
                staff_id: Option<i64>,
                now: i64,
            ) -> $crate::Result<bool> {
                let mut tx = self.pool.begin().await?;
                let done = sqlx::query(
                    "UPDATE actions SET tag_id = $3, state = $4, due_month = $5, done_month = $6 \
                     WHERE id = $1 AND programme_id = $2",
                )
                .bind(id)
                .bind(programme_id)
                .bind(f.tag_id)
                .bind(&f.state)
                .bind(&f.due_month)
                .bind(&f.done_month)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() != 1 {
                    return Ok(false);
                }
                put_text(&mut tx, id, w, staff_id, now).await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn put_action_text(
                &self,
                programme_id: i64,
                id: i64,
                w: &$crate::actions::ActionWords,
                staff_id: Option<i64>,
                now: i64,
            ) -> $crate::Result<bool> {
                let mut tx = self.pool.begin().await?;
                let mine: Option<i64> =
                    sqlx::query_scalar("SELECT id FROM actions WHERE id = $1 AND programme_id = $2")
                        .bind(id)
                        .bind(programme_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                if mine.is_none() {
                    return Ok(false);
                }
                put_text(&mut tx, id, w, staff_id, now).await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn publish_action(
                &self,
                programme_id: i64,
                id: i64,
                day: Option<chrono::NaiveDate>,
            ) -> $crate::Result<bool> {
                let done = sqlx::query("UPDATE actions SET published_on = $3 WHERE id = $1 AND programme_id = $2")
                    .bind(id)
                    .bind(programme_id)
                    .bind(day)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn delete_action(&self, programme_id: i64, id: i64) -> $crate::Result<bool> {
                let done = sqlx::query(
                    "DELETE FROM actions WHERE id = $1 AND programme_id = $2 AND published_on IS NULL",
                )
                .bind(id)
                .bind(programme_id)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn actions_of(
                &self,
                programme_id: i64,
                published_only: bool,
            ) -> $crate::Result<Vec<$crate::actions::ActionRow>> {
                Ok(sqlx::query_as(
                    "SELECT id, programme_id, tag_id, state, due_month, done_month, published_on, created_at \
                     FROM actions WHERE programme_id = $1 AND (NOT $2 OR published_on IS NOT NULL) \
                     ORDER BY created_at DESC, id DESC",
                )
                .bind(programme_id)
                .bind(published_only)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn action_texts(&self, programme_id: i64) -> $crate::Result<Vec<$crate::actions::ActionText>> {
                Ok(sqlx::query_as(
                    "SELECT t.action_id, t.locale, t.you_said, t.we_did, t.reason, t.machine, \
                     s.display_name AS staff_name, t.at \
                     FROM action_texts t JOIN actions a ON a.id = t.action_id \
                     LEFT JOIN staff s ON s.id = t.staff_id \
                     WHERE a.programme_id = $1 ORDER BY t.action_id, t.locale",
                )
                .bind(programme_id)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn set_public_results(&self, programme_id: i64, on: bool) -> $crate::Result<()> {
                sqlx::query("UPDATE programmes SET public_results = $2 WHERE id = $1")
                    .bind(programme_id)
                    .bind(on)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }
        }
    };
}
pub(crate) use impl_actions;
