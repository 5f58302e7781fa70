//! Setting an organisation up in the browser: organisations, a programme's
//! details and its short code, the questionnaires it may use. (Programme
//! texts per language and safety settings have their own writes.)
use async_trait::async_trait;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{Organisation, Result};

/// What an administrator edits on a programme (everything but its code and texts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeFields {
    pub name: String,
    pub country: String,
    pub languages: Vec<String>,
    pub opens_on: Option<NaiveDate>,
    pub closes_on: Option<NaiveDate>,
    pub questionnaire_id: i64,
    pub team_name: String,
    pub response_days: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct QuestionnaireRow {
    pub id: i64,
    pub organisation_id: Option<i64>,
    pub name: String,
}

#[async_trait]
pub trait Setup: Send + Sync + 'static {
    /// A new organisation; a slug already taken is a unique violation.
    async fn create_organisation(&self, slug: &str, name: &str) -> Result<Organisation>;
    async fn rename_organisation(&self, id: i64, name: &str) -> Result<bool>;
    async fn update_programme(&self, id: i64, f: &ProgrammeFields) -> Result<bool>;
    /// Gives a programme a new short code: the old one stops working at
    /// once. A code already taken is a unique violation.
    /// The programme's code becomes `code`; the old one is kept as retired.
    async fn set_programme_code(&self, id: i64, code: &str) -> Result<bool>;
    /// Whether a code is a programme's now or was one (never handed out again).
    async fn code_taken(&self, code: &str) -> Result<bool>;
    /// The installation's questionnaires and the organisation's own that
    /// have a live version (a programme cannot ask a draft).
    async fn questionnaires_for(&self, organisation_id: i64) -> Result<Vec<QuestionnaireRow>>;
    /// A line's country, English name, number, link and hours (its check is kept apart).
    async fn update_helpline(&self, id: i64, h: &crate::NewHelpline) -> Result<bool>;
    /// Confirmed on `on`, or (`None`) no longer vouched for.
    async fn set_helpline_verified(&self, id: i64, on: Option<NaiveDate>) -> Result<bool>;
    /// Removes a line and its names in every language.
    async fn remove_helpline(&self, id: i64) -> Result<bool>;
}

macro_rules! impl_setup {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::setup::Setup for $store {
            async fn create_organisation(&self, slug: &str, name: &str) -> $crate::Result<$crate::Organisation> {
                Ok(sqlx::query_as(
                    "INSERT INTO organisations (slug, name, created_on) VALUES ($1, $2, $3) RETURNING id, slug, name",
                )
                .bind(slug)
                .bind(name)
                .bind(chrono::Utc::now().date_naive())
                .fetch_one(&self.pool)
                .await?)
            }

            async fn rename_organisation(&self, id: i64, name: &str) -> $crate::Result<bool> {
                let done = sqlx::query("UPDATE organisations SET name = $1 WHERE id = $2")
                    .bind(name)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn update_programme(&self, id: i64, f: &$crate::setup::ProgrammeFields) -> $crate::Result<bool> {
                let done = sqlx::query(
                    "UPDATE programmes SET name = $1, country = $2, languages = $3, opens_on = $4, closes_on = $5, \
                     questionnaire_id = $6, team_name = $7, response_days = $8 WHERE id = $9",
                )
                .bind(&f.name)
                .bind(&f.country)
                .bind(f.languages.join(","))
                .bind(f.opens_on)
                .bind(f.closes_on)
                .bind(f.questionnaire_id)
                .bind(&f.team_name)
                .bind(f.response_days)
                .bind(id)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn set_programme_code(&self, id: i64, code: &str) -> $crate::Result<bool> {
                let mut tx = self.begin_write().await?;
                let retired: Option<String> = sqlx::query_scalar("SELECT code FROM programmes WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
                let Some(retired) = retired else { return Ok(false) };
                let taken: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM retired_codes WHERE code = $1)")
                    .bind(code)
                    .fetch_one(&mut *tx)
                    .await?;
                if taken {
                    return Err($crate::StorageError::Conflict("a retired code is never handed out again"));
                }
                sqlx::query("INSERT INTO retired_codes (code, programme_id) VALUES ($1, $2)")
                    .bind(&retired)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                let done = sqlx::query("UPDATE programmes SET code = $1 WHERE id = $2")
                    .bind(code)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(done.rows_affected() == 1)
            }

            async fn code_taken(&self, code: &str) -> $crate::Result<bool> {
                Ok(sqlx::query_scalar(
                    "SELECT EXISTS (SELECT 1 FROM programmes WHERE code = $1) \
                     OR EXISTS (SELECT 1 FROM retired_codes WHERE code = $1)",
                )
                .bind(code)
                .fetch_one(&self.pool)
                .await?)
            }

            async fn update_helpline(&self, id: i64, h: &$crate::NewHelpline) -> $crate::Result<bool> {
                let done = sqlx::query(
                    "UPDATE helplines SET country = $1, name = $2, phone = $3, url = $4, hours = $5 WHERE id = $6",
                )
                .bind(&h.country)
                .bind(&h.name)
                .bind(&h.phone)
                .bind(&h.url)
                .bind(&h.hours)
                .bind(id)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn set_helpline_verified(&self, id: i64, on: Option<chrono::NaiveDate>) -> $crate::Result<bool> {
                let done = sqlx::query("UPDATE helplines SET verified = $1, verified_on = $2 WHERE id = $3")
                    .bind(on.is_some())
                    .bind(on)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn remove_helpline(&self, id: i64) -> $crate::Result<bool> {
                let mut tx = self.begin_write().await?;
                sqlx::query("DELETE FROM helpline_texts WHERE helpline_id = $1").bind(id).execute(&mut *tx).await?;
                let done = sqlx::query("DELETE FROM helplines WHERE id = $1").bind(id).execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(done.rows_affected() == 1)
            }

            async fn questionnaires_for(&self, organisation_id: i64) -> $crate::Result<Vec<$crate::setup::QuestionnaireRow>> {
                Ok(sqlx::query_as(
                    "SELECT id, organisation_id, name FROM questionnaires \
                     WHERE (organisation_id IS NULL OR organisation_id = $1) \
                     AND EXISTS (SELECT 1 FROM questionnaire_versions v WHERE v.questionnaire_id = questionnaires.id \
                     AND v.status = 'published') ORDER BY organisation_id IS NULL, name, id",
                )
                .bind(organisation_id)
                .fetch_all(&self.pool)
                .await?)
            }
        }
    };
}
pub(crate) use impl_setup;
