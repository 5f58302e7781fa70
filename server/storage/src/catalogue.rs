//! Organisations, questionnaires, programmes and helplines.
use async_trait::async_trait;

use crate::records::*;
use crate::Result;

#[async_trait]
pub trait Catalogue: Send + Sync + 'static {
    /// Creates the organisation, or returns the existing one with that slug.
    async fn upsert_organisation(&self, slug: &str, name: &str) -> Result<Organisation>;
    async fn organisations(&self) -> Result<Vec<Organisation>>;
    async fn questionnaire_id(&self, organisation_id: Option<i64>, slug: &str) -> Result<Option<i64>>;
    /// Adds a published version to a questionnaire (created when missing);
    /// returns (questionnaire id, version id). Earlier versions stay intact.
    async fn publish_questionnaire_version(
        &self,
        organisation_id: Option<i64>,
        slug: &str,
        name: &str,
        questions: &[QuestionSpec],
    ) -> Result<(i64, i64)>;
    /// The newest published version of a questionnaire, ready to render.
    async fn current_version(&self, questionnaire_id: i64) -> Result<Option<QuestionnaireVersion>>;
    async fn version(&self, version_id: i64) -> Result<Option<QuestionnaireVersion>>;
    /// The version a question belongs to (to tell "another version" from "no such question").
    async fn question_version(&self, question_id: i64) -> Result<Option<i64>>;
    async fn create_programme(&self, p: &NewProgramme) -> Result<Programme>;
    /// Case-insensitive; codes are stored upper-case.
    async fn programme_by_code(&self, code: &str) -> Result<Option<Programme>>;
    async fn programme(&self, id: i64) -> Result<Option<Programme>>;
    async fn programmes(&self) -> Result<Vec<Programme>>;
    /// Stores (or replaces) a programme's texts in one locale, the
    /// translated team name included (`None`: use the programme's own).
    async fn put_programme_text(&self, programme_id: i64, text: &ProgrammeText) -> Result<()>;
    async fn programme_texts(&self, programme_id: i64) -> Result<Vec<ProgrammeText>>;
    async fn add_helpline(&self, h: &NewHelpline) -> Result<Helpline>;
    /// Helplines of one country, or of every country when `None`.
    async fn helplines(&self, country: Option<&str>) -> Result<Vec<Helpline>>;
    /// Stores (or replaces) a helpline's name and hours in one locale
    /// (`hours`: `None` to show the helpline's own).
    async fn put_helpline_text(
        &self,
        helpline_id: i64,
        locale: &str,
        name: &str,
        hours: Option<&str>,
    ) -> Result<()>;
    /// The translated texts of these helplines, every locale.
    async fn helpline_texts(&self, helpline_ids: &[i64]) -> Result<Vec<HelplineText>>;
}

const PROGRAMME_COLUMNS: &str = "id, organisation_id, code, name, country, languages, opens_on, \
     closes_on, questionnaire_id, team_name, response_days, public_results";

pub(crate) fn programme_select(filter: &str) -> String {
    format!("SELECT {PROGRAMME_COLUMNS} FROM programmes {filter}")
}

macro_rules! impl_catalogue {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::catalogue::Catalogue for $store {
            async fn upsert_organisation(&self, slug: &str, name: &str) -> $crate::Result<$crate::Organisation> {
                sqlx::query(
                    "INSERT INTO organisations (slug, name, created_on) VALUES ($1, $2, $3) \
                     ON CONFLICT (slug) DO NOTHING",
                )
                .bind(slug)
                .bind(name)
                .bind(chrono::Utc::now().date_naive())
                .execute(&self.pool)
                .await?;
                Ok(sqlx::query_as("SELECT id, slug, name FROM organisations WHERE slug = $1")
                    .bind(slug)
                    .fetch_one(&self.pool)
                    .await?)
            }

            async fn organisations(&self) -> $crate::Result<Vec<$crate::Organisation>> {
                Ok(sqlx::query_as("SELECT id, slug, name FROM organisations ORDER BY name")
                    .fetch_all(&self.pool)
                    .await?)
            }

            async fn questionnaire_id(&self, organisation_id: Option<i64>, slug: &str) -> $crate::Result<Option<i64>> {
                Ok(sqlx::query_scalar(
                    "SELECT id FROM questionnaires WHERE slug = $1 \
                     AND (organisation_id = $2 OR (organisation_id IS NULL AND $2 IS NULL))",
                )
                .bind(slug)
                .bind(organisation_id)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn publish_questionnaire_version(
                &self,
                organisation_id: Option<i64>,
                slug: &str,
                name: &str,
                questions: &[$crate::QuestionSpec],
            ) -> $crate::Result<(i64, i64)> {
                let existing = self.questionnaire_id(organisation_id, slug).await?;
                let mut tx = self.pool.begin().await?;
                let qid: i64 = match existing {
                    Some(id) => id,
                    None => {
                        sqlx::query_scalar(
                            "INSERT INTO questionnaires (organisation_id, slug, name) VALUES ($1, $2, $3) RETURNING id",
                        )
                        .bind(organisation_id)
                        .bind(slug)
                        .bind(name)
                        .fetch_one(&mut *tx)
                        .await?
                    }
                };
                let next: i64 = sqlx::query_scalar(
                    "SELECT COALESCE(MAX(version), 0) + 1 FROM questionnaire_versions WHERE questionnaire_id = $1",
                )
                .bind(qid)
                .fetch_one(&mut *tx)
                .await?;
                let vid: i64 = sqlx::query_scalar(
                    "INSERT INTO questionnaire_versions (questionnaire_id, version, status, published_on) \
                     VALUES ($1, $2, 'published', $3) RETURNING id",
                )
                .bind(qid)
                .bind(next)
                .bind(chrono::Utc::now().date_naive())
                .fetch_one(&mut *tx)
                .await?;
                $crate::questionnaires::insert_questions!(tx, vid, questions);
                sqlx::query(
                    "UPDATE questionnaire_versions SET status = 'retired' \
                     WHERE questionnaire_id = $1 AND id <> $2 AND status = 'published'",
                )
                .bind(qid)
                .bind(vid)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok((qid, vid))
            }

            async fn current_version(&self, questionnaire_id: i64) -> $crate::Result<Option<$crate::QuestionnaireVersion>> {
                let vid: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM questionnaire_versions WHERE questionnaire_id = $1 AND status = 'published' \
                     ORDER BY version DESC LIMIT 1",
                )
                .bind(questionnaire_id)
                .fetch_optional(&self.pool)
                .await?;
                match vid {
                    Some(vid) => self.version(vid).await,
                    None => Ok(None),
                }
            }

            async fn version(&self, version_id: i64) -> $crate::Result<Option<$crate::QuestionnaireVersion>> {
                let head: Option<(i64, i64, i64)> = sqlx::query_as(
                    "SELECT id, questionnaire_id, version FROM questionnaire_versions WHERE id = $1",
                )
                .bind(version_id)
                .fetch_optional(&self.pool)
                .await?;
                let Some((id, questionnaire_id, version)) = head else { return Ok(None) };
                let questions = sqlx::query_as(
                    "SELECT id, version_id, key, area, screen, position, kind, max_chars, restricted, same_as \
                     FROM questions WHERE version_id = $1 ORDER BY screen, position",
                )
                .bind(id)
                .fetch_all(&self.pool)
                .await?;
                let question_texts = sqlx::query_as(
                    "SELECT t.question_id, t.locale, t.prompt, t.reviewed FROM question_texts t \
                     JOIN questions q ON q.id = t.question_id WHERE q.version_id = $1",
                )
                .bind(id)
                .fetch_all(&self.pool)
                .await?;
                let options = sqlx::query_as(
                    "SELECT o.id, o.question_id, o.key, o.position FROM question_options o \
                     JOIN questions q ON q.id = o.question_id WHERE q.version_id = $1 ORDER BY o.question_id, o.position",
                )
                .bind(id)
                .fetch_all(&self.pool)
                .await?;
                let option_texts = sqlx::query_as(
                    "SELECT t.option_id, t.locale, t.label, t.reviewed FROM option_texts t \
                     JOIN question_options o ON o.id = t.option_id JOIN questions q ON q.id = o.question_id \
                     WHERE q.version_id = $1",
                )
                .bind(id)
                .fetch_all(&self.pool)
                .await?;
                Ok(Some($crate::QuestionnaireVersion { id, questionnaire_id, version, questions, question_texts, options, option_texts }))
            }

            async fn question_version(&self, question_id: i64) -> $crate::Result<Option<i64>> {
                Ok(sqlx::query_scalar("SELECT version_id FROM questions WHERE id = $1")
                    .bind(question_id)
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn create_programme(&self, p: &$crate::NewProgramme) -> $crate::Result<$crate::Programme> {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO programmes (organisation_id, code, name, country, languages, opens_on, closes_on, \
                     questionnaire_id, team_name, response_days, created_on) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
                )
                .bind(p.organisation_id)
                .bind(p.code.to_uppercase())
                .bind(&p.name)
                .bind(&p.country)
                .bind(p.languages.join(","))
                .bind(p.opens_on)
                .bind(p.closes_on)
                .bind(p.questionnaire_id)
                .bind(&p.team_name)
                .bind(p.response_days)
                .bind(chrono::Utc::now().date_naive())
                .fetch_one(&self.pool)
                .await?;
                self.programme(id).await?.ok_or($crate::StorageError::NotFound)
            }

            async fn programme_by_code(&self, code: &str) -> $crate::Result<Option<$crate::Programme>> {
                Ok(sqlx::query_as(&$crate::catalogue::programme_select("WHERE code = $1"))
                    .bind(code.trim().to_uppercase())
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn programme(&self, id: i64) -> $crate::Result<Option<$crate::Programme>> {
                Ok(sqlx::query_as(&$crate::catalogue::programme_select("WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn programmes(&self) -> $crate::Result<Vec<$crate::Programme>> {
                Ok(sqlx::query_as(&$crate::catalogue::programme_select("ORDER BY name"))
                    .fetch_all(&self.pool)
                    .await?)
            }

            async fn put_programme_text(&self, programme_id: i64, t: &$crate::ProgrammeText) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO programme_texts (programme_id, locale, name, about, team_name) VALUES ($1, $2, $3, $4, $5) \
                     ON CONFLICT (programme_id, locale) DO UPDATE SET name = excluded.name, about = excluded.about, \
                     team_name = excluded.team_name",
                )
                .bind(programme_id)
                .bind(&t.locale)
                .bind(&t.name)
                .bind(&t.about)
                .bind(&t.team_name)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn programme_texts(&self, programme_id: i64) -> $crate::Result<Vec<$crate::ProgrammeText>> {
                Ok(sqlx::query_as("SELECT locale, name, about, team_name FROM programme_texts WHERE programme_id = $1 ORDER BY locale")
                    .bind(programme_id)
                    .fetch_all(&self.pool)
                    .await?)
            }

            async fn add_helpline(&self, h: &$crate::NewHelpline) -> $crate::Result<$crate::Helpline> {
                Ok(sqlx::query_as(
                    "INSERT INTO helplines (country, name, phone, url, hours, verified) VALUES ($1, $2, $3, $4, $5, $6) \
                     RETURNING id, country, name, phone, url, hours, verified, verified_on",
                )
                .bind(&h.country)
                .bind(&h.name)
                .bind(&h.phone)
                .bind(&h.url)
                .bind(&h.hours)
                .bind(h.verified)
                .fetch_one(&self.pool)
                .await?)
            }

            async fn helplines(&self, country: Option<&str>) -> $crate::Result<Vec<$crate::Helpline>> {
                Ok(sqlx::query_as(
                    "SELECT id, country, name, phone, url, hours, verified, verified_on FROM helplines \
                     WHERE ($1 IS NULL OR country = $1) ORDER BY country, id",
                )
                .bind(country)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn put_helpline_text(
                &self,
                helpline_id: i64,
                locale: &str,
                name: &str,
                hours: Option<&str>,
            ) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO helpline_texts (helpline_id, locale, name, hours) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (helpline_id, locale) DO UPDATE SET name = excluded.name, hours = excluded.hours",
                )
                .bind(helpline_id)
                .bind(locale)
                .bind(name)
                .bind(hours)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn helpline_texts(&self, helpline_ids: &[i64]) -> $crate::Result<Vec<$crate::HelplineText>> {
                let mut out = Vec::new();
                for chunk in helpline_ids.chunks(1000) {
                    let mut qb = sqlx::QueryBuilder::new(
                        "SELECT helpline_id, locale, name, hours FROM helpline_texts WHERE helpline_id IN (",
                    );
                    let mut list = qb.separated(", ");
                    for id in chunk {
                        list.push_bind(*id);
                    }
                    qb.push(") ORDER BY helpline_id, locale");
                    out.extend(qb.build_query_as::<$crate::HelplineText>().fetch_all(&self.pool).await?);
                }
                Ok(out)
            }
        }
    };
}
pub(crate) use impl_catalogue;
