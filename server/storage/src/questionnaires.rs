//! The questionnaire editor's storage: a draft version copied from the
//! current one, replaced whole on each save (drafts are a few dozen
//! questions and nothing refers to them), published as the next version,
//! and the youth advisory group's sign-off a version may need first.
//! Published versions are never changed: submissions keep the version
//! they answered.
use async_trait::async_trait;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{QuestionSpec, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct QuestionnaireVersionRow {
    pub id: i64,
    pub questionnaire_id: i64,
    pub version: i64,
    /// 'draft', 'published' or 'retired'.
    pub status: String,
    pub published_on: Option<NaiveDate>,
    pub needs_signoff: bool,
}

/// A youth advisory group's approval of a version: a group, never a child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Signoff {
    pub version_id: i64,
    pub group_name: String,
    pub approved_on: NaiveDate,
    pub comments: Option<String>,
}

#[async_trait]
pub trait Questionnaires: Send + Sync + 'static {
    /// Every version of a questionnaire, newest first.
    async fn versions_of(&self, questionnaire_id: i64) -> Result<Vec<QuestionnaireVersionRow>>;
    async fn version_row(&self, version_id: i64) -> Result<Option<QuestionnaireVersionRow>>;
    /// The questionnaire's draft, made now as a copy of its current version
    /// (every question continuing its original) when it has none.
    async fn start_draft(&self, questionnaire_id: i64) -> Result<i64>;
    /// Replaces a draft's questions; `Conflict` when it is not a draft.
    async fn replace_draft(&self, version_id: i64, questions: &[QuestionSpec]) -> Result<()>;
    async fn discard_draft(&self, version_id: i64) -> Result<bool>;
    async fn set_needs_signoff(&self, version_id: i64, needs: bool) -> Result<bool>;
    async fn record_signoff(&self, s: &Signoff) -> Result<()>;
    async fn signoff(&self, version_id: i64) -> Result<Option<Signoff>>;
    /// The draft becomes the published version (the one before it is
    /// retired); `Conflict` when it is not a draft or still needs a sign-off.
    async fn publish_draft(&self, version_id: i64, on: NaiveDate) -> Result<()>;
    async fn questionnaire(&self, id: i64) -> Result<Option<crate::QuestionnaireRow>>;
    /// Whether the live version was signed off by a youth advisory group.
    async fn live_version_signed_off(&self, questionnaire_id: i64) -> Result<bool>;
    /// Every questionnaire (the installation's and each organisation's).
    async fn all_questionnaires(&self) -> Result<Vec<crate::QuestionnaireRow>>;
    /// A new questionnaire of an organisation, starting as a draft.
    async fn create_questionnaire(
        &self,
        organisation_id: Option<i64>,
        slug: &str,
        name: &str,
    ) -> Result<(i64, i64)>;
}

macro_rules! impl_questionnaires {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::questionnaires::Questionnaires for $store {
            async fn versions_of(&self, questionnaire_id: i64) -> $crate::Result<Vec<$crate::questionnaires::QuestionnaireVersionRow>> {
                Ok(sqlx::query_as(
                    "SELECT id, questionnaire_id, version, status, published_on, needs_signoff \
                     FROM questionnaire_versions WHERE questionnaire_id = $1 ORDER BY version DESC",
                )
                .bind(questionnaire_id)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn version_row(&self, version_id: i64) -> $crate::Result<Option<$crate::questionnaires::QuestionnaireVersionRow>> {
                Ok(sqlx::query_as(
                    "SELECT id, questionnaire_id, version, status, published_on, needs_signoff \
                     FROM questionnaire_versions WHERE id = $1",
                )
                .bind(version_id)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn start_draft(&self, questionnaire_id: i64) -> $crate::Result<i64> {
                let mut tx = self.begin_write().await?;
                let draft: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM questionnaire_versions WHERE questionnaire_id = $1 AND status = 'draft'",
                )
                .bind(questionnaire_id)
                .fetch_optional(&mut *tx)
                .await?;
                if let Some(id) = draft {
                    return Ok(id);
                }
                let (current, next): (Option<i64>, i64) = sqlx::query_as(
                    "SELECT (SELECT id FROM questionnaire_versions WHERE questionnaire_id = $1 AND status = 'published' \
                     ORDER BY version DESC LIMIT 1), COALESCE(MAX(version), 0) + 1 \
                     FROM questionnaire_versions WHERE questionnaire_id = $1",
                )
                .bind(questionnaire_id)
                .fetch_one(&mut *tx)
                .await?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO questionnaire_versions (questionnaire_id, version, status) VALUES ($1, $2, 'draft') RETURNING id",
                )
                .bind(questionnaire_id)
                .bind(next)
                .fetch_one(&mut *tx)
                .await?;
                if let Some(from) = current {
                    // Each copied question continues its original.
                    sqlx::query(
                        "INSERT INTO questions (version_id, key, area, screen, position, kind, max_chars, restricted, same_as) \
                         SELECT $1, key, area, screen, position, kind, max_chars, restricted, id FROM questions WHERE version_id = $2",
                    )
                    .bind(id)
                    .bind(from)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query(
                        "INSERT INTO question_texts (question_id, locale, prompt, help, reviewed) \
                         SELECT n.id, t.locale, t.prompt, t.help, t.reviewed FROM question_texts t \
                         JOIN questions n ON n.same_as = t.question_id AND n.version_id = $1",
                    )
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query(
                        "INSERT INTO question_options (question_id, key, position) \
                         SELECT n.id, o.key, o.position FROM question_options o \
                         JOIN questions n ON n.same_as = o.question_id AND n.version_id = $1",
                    )
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query(
                        "INSERT INTO option_texts (option_id, locale, label, reviewed) \
                         SELECT no.id, t.locale, t.label, t.reviewed FROM option_texts t \
                         JOIN question_options oo ON oo.id = t.option_id \
                         JOIN questions n ON n.same_as = oo.question_id AND n.version_id = $1 \
                         JOIN question_options no ON no.question_id = n.id AND no.key = oo.key",
                    )
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(id)
            }

            async fn replace_draft(&self, version_id: i64, questions: &[$crate::QuestionSpec]) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                let status: Option<String> =
                    sqlx::query_scalar("SELECT status FROM questionnaire_versions WHERE id = $1")
                        .bind(version_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                if status.as_deref() != Some("draft") {
                    return Err($crate::StorageError::Conflict("only a draft can be edited"));
                }
                for sql in [
                    "DELETE FROM option_texts WHERE option_id IN (SELECT o.id FROM question_options o \
                     JOIN questions q ON q.id = o.question_id WHERE q.version_id = $1)",
                    "DELETE FROM question_options WHERE question_id IN (SELECT id FROM questions WHERE version_id = $1)",
                    "DELETE FROM question_texts WHERE question_id IN (SELECT id FROM questions WHERE version_id = $1)",
                    "DELETE FROM questions WHERE version_id = $1",
                ] {
                    sqlx::query(sql).bind(version_id).execute(&mut *tx).await?;
                }
                $crate::questionnaires::insert_questions!(tx, version_id, questions);
                tx.commit().await?;
                Ok(())
            }

            async fn discard_draft(&self, version_id: i64) -> $crate::Result<bool> {
                let mut tx = self.begin_write().await?;
                let status: Option<String> =
                    sqlx::query_scalar("SELECT status FROM questionnaire_versions WHERE id = $1")
                        .bind(version_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                if status.as_deref() != Some("draft") {
                    return Ok(false);
                }
                for sql in [
                    "DELETE FROM option_texts WHERE option_id IN (SELECT o.id FROM question_options o \
                     JOIN questions q ON q.id = o.question_id WHERE q.version_id = $1)",
                    "DELETE FROM question_options WHERE question_id IN (SELECT id FROM questions WHERE version_id = $1)",
                    "DELETE FROM question_texts WHERE question_id IN (SELECT id FROM questions WHERE version_id = $1)",
                    "DELETE FROM questions WHERE version_id = $1",
                    "DELETE FROM version_signoffs WHERE version_id = $1",
                    "DELETE FROM questionnaire_versions WHERE id = $1",
                ] {
                    sqlx::query(sql).bind(version_id).execute(&mut *tx).await?;
                }
                tx.commit().await?;
                Ok(true)
            }

            async fn set_needs_signoff(&self, version_id: i64, needs: bool) -> $crate::Result<bool> {
                Ok(sqlx::query("UPDATE questionnaire_versions SET needs_signoff = $2 WHERE id = $1 AND status = 'draft'")
                    .bind(version_id)
                    .bind(needs)
                    .execute(&self.pool)
                    .await?
                    .rows_affected()
                    == 1)
            }

            async fn record_signoff(&self, s: &$crate::questionnaires::Signoff) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO version_signoffs (version_id, group_name, approved_on, comments) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (version_id) DO UPDATE SET group_name = excluded.group_name, \
                     approved_on = excluded.approved_on, comments = excluded.comments",
                )
                .bind(s.version_id)
                .bind(&s.group_name)
                .bind(s.approved_on)
                .bind(&s.comments)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn signoff(&self, version_id: i64) -> $crate::Result<Option<$crate::questionnaires::Signoff>> {
                Ok(sqlx::query_as(
                    "SELECT version_id, group_name, approved_on, comments FROM version_signoffs WHERE version_id = $1",
                )
                .bind(version_id)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn publish_draft(&self, version_id: i64, on: chrono::NaiveDate) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                let row: Option<(i64, String, bool, Option<i64>)> = sqlx::query_as(
                    "SELECT v.questionnaire_id, v.status, v.needs_signoff, s.version_id FROM questionnaire_versions v \
                     LEFT JOIN version_signoffs s ON s.version_id = v.id WHERE v.id = $1",
                )
                .bind(version_id)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((questionnaire_id, status, needs, signed)) = row else {
                    return Err($crate::StorageError::NotFound);
                };
                if status != "draft" {
                    return Err($crate::StorageError::Conflict("only a draft can be published"));
                }
                if needs && signed.is_none() {
                    return Err($crate::StorageError::Conflict("the youth advisory group has not signed off"));
                }
                sqlx::query(
                    "UPDATE questionnaire_versions SET status = 'retired' WHERE questionnaire_id = $1 AND status = 'published'",
                )
                .bind(questionnaire_id)
                .execute(&mut *tx)
                .await?;
                sqlx::query("UPDATE questionnaire_versions SET status = 'published', published_on = $2 WHERE id = $1")
                    .bind(version_id)
                    .bind(on)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn questionnaire(&self, id: i64) -> $crate::Result<Option<$crate::QuestionnaireRow>> {
                Ok(sqlx::query_as("SELECT id, organisation_id, name FROM questionnaires WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn live_version_signed_off(&self, questionnaire_id: i64) -> $crate::Result<bool> {
                let found: Option<i64> = sqlx::query_scalar(
                    "SELECT s.version_id FROM questionnaire_versions v JOIN version_signoffs s ON s.version_id = v.id \
                     WHERE v.questionnaire_id = $1 AND v.status = 'published' LIMIT 1",
                )
                .bind(questionnaire_id)
                .fetch_optional(&self.pool)
                .await?;
                Ok(found.is_some())
            }

            async fn all_questionnaires(&self) -> $crate::Result<Vec<$crate::QuestionnaireRow>> {
                Ok(sqlx::query_as("SELECT id, organisation_id, name FROM questionnaires ORDER BY organisation_id IS NOT NULL, name, id")
                    .fetch_all(&self.pool)
                    .await?)
            }

            async fn create_questionnaire(
                &self,
                organisation_id: Option<i64>,
                slug: &str,
                name: &str,
            ) -> $crate::Result<(i64, i64)> {
                let mut tx = self.begin_write().await?;
                let qid: i64 = sqlx::query_scalar(
                    "INSERT INTO questionnaires (organisation_id, slug, name) VALUES ($1, $2, $3) RETURNING id",
                )
                .bind(organisation_id)
                .bind(slug)
                .bind(name)
                .fetch_one(&mut *tx)
                .await?;
                let vid: i64 = sqlx::query_scalar(
                    "INSERT INTO questionnaire_versions (questionnaire_id, version, status) VALUES ($1, 1, 'draft') RETURNING id",
                )
                .bind(qid)
                .fetch_one(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok((qid, vid))
            }
        }
    };
}
pub(crate) use impl_questionnaires;

/// Writes a version's questions, their words and their answers (one
/// transaction, either backend): publishing from the seed and saving a draft.
macro_rules! insert_questions {
    ($tx:ident, $version:expr, $questions:expr) => {
        for q in $questions {
            let question_id: i64 = sqlx::query_scalar(
                "INSERT INTO questions (version_id, key, area, screen, position, kind, max_chars, restricted, same_as) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind($version)
            .bind(&q.key)
            .bind(&q.area)
            .bind(q.screen)
            .bind(q.position)
            .bind(&q.kind)
            .bind(q.max_chars)
            .bind(q.restricted)
            .bind(q.same_as)
            .fetch_one(&mut *$tx)
            .await?;
            for (locale, prompt, reviewed) in &q.texts {
                sqlx::query(
                    "INSERT INTO question_texts (question_id, locale, prompt, reviewed) VALUES ($1, $2, $3, $4)",
                )
                .bind(question_id)
                .bind(locale)
                .bind(prompt)
                .bind(*reviewed)
                .execute(&mut *$tx)
                .await?;
            }
            for (position, o) in q.options.iter().enumerate() {
                let option_id: i64 = sqlx::query_scalar(
                    "INSERT INTO question_options (question_id, key, position) VALUES ($1, $2, $3) RETURNING id",
                )
                .bind(question_id)
                .bind(&o.key)
                .bind(position as i64)
                .fetch_one(&mut *$tx)
                .await?;
                for (locale, label, reviewed) in &o.texts {
                    sqlx::query(
                        "INSERT INTO option_texts (option_id, locale, label, reviewed) VALUES ($1, $2, $3, $4)",
                    )
                    .bind(option_id)
                    .bind(locale)
                    .bind(label)
                    .bind(*reviewed)
                    .execute(&mut *$tx)
                    .await?;
                }
            }
        }
    };
}
pub(crate) use insert_questions;
