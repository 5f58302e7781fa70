//! The codebook: codes in three facets (type, programme component, theme),
//! the default ones for everyone and an organisation's own, with their
//! labels per language; and which codes a submission carries.
use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::Result;

/// The facets, in the order the pages show them.
pub const FACETS: [&str; 3] = ["type", "component", "theme"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct CodeRow {
    pub id: i64,
    /// `None`: the default codebook (labels in locales/).
    pub organisation_id: Option<i64>,
    pub facet: String,
    pub key: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct CodeLabel {
    pub tag_id: i64,
    pub locale: String,
    pub label: String,
}

/// A code on words of one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct SpanCode {
    pub id: i64,
    pub answer_id: i64,
    pub start_at: i64,
    pub end_at: i64,
    pub tag_id: i64,
}

#[async_trait]
pub trait Codebook: Send + Sync + 'static {
    /// The default codes and those of these organisations, by facet then key.
    async fn codebook(&self, organisation_ids: &[i64]) -> Result<Vec<CodeRow>>;
    async fn code_labels(&self, tag_ids: &[i64]) -> Result<Vec<CodeLabel>>;
    /// A new code of an organisation; `None` when that facet has that key already.
    async fn add_code(&self, organisation_id: i64, facet: &str, key: &str) -> Result<Option<i64>>;
    async fn put_code_label(&self, tag_id: i64, locale: &str, label: &str) -> Result<()>;
    /// An organisation's own labels for default codes, by code then language.
    async fn organisation_code_labels(&self, organisation_id: i64) -> Result<Vec<CodeLabel>>;
    async fn put_organisation_code_label(
        &self,
        organisation_id: i64,
        tag_id: i64,
        locale: &str,
        label: &str,
    ) -> Result<()>;
    /// Back to the shipped label in that language; `false`: there was none of its own.
    async fn remove_organisation_code_label(
        &self,
        organisation_id: i64,
        tag_id: i64,
        locale: &str,
    ) -> Result<bool>;
    /// Codes the organisation no longer offers for new coding.
    async fn retired_codes(&self, organisation_id: i64) -> Result<Vec<i64>>;
    /// `false`: it already was (or was not) retired.
    async fn set_code_retired(&self, organisation_id: i64, tag_id: i64, retired: bool) -> Result<bool>;
    async fn codes_of(&self, submission_id: i64) -> Result<Vec<i64>>;
    /// Replaces the codes a submission carries.
    async fn set_codes(&self, submission_id: i64, tag_ids: &[i64]) -> Result<()>;
    async fn span_codes_of(&self, submission_id: i64) -> Result<Vec<SpanCode>>;
    /// Codes the first place `words` stand in one answer of the submission.
    /// `false`: not there (or not this submission's answer).
    async fn add_span_code(
        &self,
        submission_id: i64,
        answer_id: i64,
        words: &str,
        tag_id: i64,
    ) -> Result<bool>;
    async fn remove_span_code(&self, submission_id: i64, id: i64) -> Result<bool>;
}

macro_rules! impl_codebook {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::codebook::Codebook for $store {
            async fn codebook(&self, organisation_ids: &[i64]) -> $crate::Result<Vec<$crate::codebook::CodeRow>> {
                let mut qb = sqlx::QueryBuilder::new(
                    "SELECT id, organisation_id, facet, key FROM tags WHERE organisation_id IS NULL",
                );
                if !organisation_ids.is_empty() {
                    qb.push(" OR organisation_id IN (");
                    let mut list = qb.separated(", ");
                    for id in organisation_ids {
                        list.push_bind(*id);
                    }
                    qb.push(")");
                }
                qb.push(
                    " ORDER BY CASE facet WHEN 'type' THEN 0 WHEN 'component' THEN 1 ELSE 2 END, \
                     CASE WHEN organisation_id IS NULL THEN 0 ELSE 1 END, id",
                );
                Ok(qb.build_query_as().fetch_all(&self.pool).await?)
            }

            async fn code_labels(&self, tag_ids: &[i64]) -> $crate::Result<Vec<$crate::codebook::CodeLabel>> {
                if tag_ids.is_empty() {
                    return Ok(vec![]);
                }
                let mut qb = sqlx::QueryBuilder::new("SELECT tag_id, locale, label FROM tag_texts WHERE tag_id IN (");
                let mut list = qb.separated(", ");
                for id in tag_ids {
                    list.push_bind(*id);
                }
                qb.push(") ORDER BY tag_id, locale");
                Ok(qb.build_query_as().fetch_all(&self.pool).await?)
            }

            async fn add_code(&self, organisation_id: i64, facet: &str, key: &str) -> $crate::Result<Option<i64>> {
                let row: Option<(i64,)> = sqlx::query_as(
                    "INSERT INTO tags (organisation_id, facet, key) VALUES ($1, $2, $3) \
                     ON CONFLICT (organisation_id, facet, key) DO NOTHING RETURNING id",
                )
                .bind(organisation_id)
                .bind(facet)
                .bind(key)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|r| r.0))
            }

            async fn put_code_label(&self, tag_id: i64, locale: &str, label: &str) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO tag_texts (tag_id, locale, label) VALUES ($1, $2, $3) \
                     ON CONFLICT (tag_id, locale) DO UPDATE SET label = excluded.label",
                )
                .bind(tag_id)
                .bind(locale)
                .bind(label)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn organisation_code_labels(
                &self,
                organisation_id: i64,
            ) -> $crate::Result<Vec<$crate::codebook::CodeLabel>> {
                Ok(sqlx::query_as(
                    "SELECT tag_id, locale, label FROM organisation_tag_texts WHERE organisation_id = $1 \
                     ORDER BY tag_id, locale",
                )
                .bind(organisation_id)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn put_organisation_code_label(
                &self,
                organisation_id: i64,
                tag_id: i64,
                locale: &str,
                label: &str,
            ) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO organisation_tag_texts (organisation_id, tag_id, locale, label) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (organisation_id, tag_id, locale) DO UPDATE SET label = excluded.label",
                )
                .bind(organisation_id)
                .bind(tag_id)
                .bind(locale)
                .bind(label)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn remove_organisation_code_label(
                &self,
                organisation_id: i64,
                tag_id: i64,
                locale: &str,
            ) -> $crate::Result<bool> {
                let done = sqlx::query(
                    "DELETE FROM organisation_tag_texts WHERE organisation_id = $1 AND tag_id = $2 AND locale = $3",
                )
                .bind(organisation_id)
                .bind(tag_id)
                .bind(locale)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn retired_codes(&self, organisation_id: i64) -> $crate::Result<Vec<i64>> {
                let rows: Vec<(i64,)> =
                    sqlx::query_as("SELECT tag_id FROM retired_tags WHERE organisation_id = $1 ORDER BY tag_id")
                        .bind(organisation_id)
                        .fetch_all(&self.pool)
                        .await?;
                Ok(rows.into_iter().map(|r| r.0).collect())
            }

            async fn set_code_retired(&self, organisation_id: i64, tag_id: i64, retired: bool) -> $crate::Result<bool> {
                let sql = if retired {
                    "INSERT INTO retired_tags (organisation_id, tag_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
                } else {
                    "DELETE FROM retired_tags WHERE organisation_id = $1 AND tag_id = $2"
                };
                let done = sqlx::query(sql).bind(organisation_id).bind(tag_id).execute(&self.pool).await?;
                Ok(done.rows_affected() == 1)
            }

            async fn codes_of(&self, submission_id: i64) -> $crate::Result<Vec<i64>> {
                let rows: Vec<(i64,)> =
                    sqlx::query_as("SELECT tag_id FROM submission_tags WHERE submission_id = $1 ORDER BY tag_id")
                        .bind(submission_id)
                        .fetch_all(&self.pool)
                        .await?;
                Ok(rows.into_iter().map(|r| r.0).collect())
            }

            async fn set_codes(&self, submission_id: i64, tag_ids: &[i64]) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                // The code counts move with the set (a concern's never counted).
                let mut counts = $crate::rollups::Deltas::default();
                self::rollup_writes::count_codes(&mut tx, submission_id, -1, &mut counts).await?;
                sqlx::query("DELETE FROM submission_tags WHERE submission_id = $1")
                    .bind(submission_id)
                    .execute(&mut *tx)
                    .await?;
                for id in tag_ids {
                    sqlx::query("INSERT INTO submission_tags (submission_id, tag_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                        .bind(submission_id)
                        .bind(*id)
                        .execute(&mut *tx)
                        .await?;
                }
                self::rollup_writes::count_codes(&mut tx, submission_id, 1, &mut counts).await?;
                self::rollup_writes::apply_rollups(&mut tx, &counts).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn span_codes_of(&self, submission_id: i64) -> $crate::Result<Vec<$crate::codebook::SpanCode>> {
                Ok(sqlx::query_as(
                    "SELECT c.id, c.answer_id, c.start_at, c.end_at, c.tag_id FROM span_codes c \
                     JOIN answers a ON a.id = c.answer_id WHERE a.submission_id = $1 ORDER BY c.answer_id, c.start_at, c.id",
                )
                .bind(submission_id)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn add_span_code(
                &self,
                submission_id: i64,
                answer_id: i64,
                words: &str,
                tag_id: i64,
            ) -> $crate::Result<bool> {
                let body: Option<(Option<String>,)> =
                    sqlx::query_as("SELECT body FROM answers WHERE id = $1 AND submission_id = $2")
                        .bind(answer_id)
                        .bind(submission_id)
                        .fetch_optional(&self.pool)
                        .await?;
                let Some((Some(body),)) = body else { return Ok(false) };
                let Some(start) = body.find(words).filter(|_| !words.is_empty()) else { return Ok(false) };
                sqlx::query("INSERT INTO span_codes (answer_id, start_at, end_at, tag_id) VALUES ($1, $2, $3, $4)")
                    .bind(answer_id)
                    .bind(start as i64)
                    .bind((start + words.len()) as i64)
                    .bind(tag_id)
                    .execute(&self.pool)
                    .await?;
                Ok(true)
            }

            async fn remove_span_code(&self, submission_id: i64, id: i64) -> $crate::Result<bool> {
                let done = sqlx::query(
                    "DELETE FROM span_codes WHERE id = $1 AND answer_id IN (SELECT id FROM answers WHERE submission_id = $2)",
                )
                .bind(id)
                .bind(submission_id)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }
        }
    };
}
pub(crate) use impl_codebook;
