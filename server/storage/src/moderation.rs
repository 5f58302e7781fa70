//! The moderation queue: one programme's submissions by state, released in
//! daily batches, and the moves between states.
//!
//! A submission reaches the queue the day after it was sent (`released_before`
//! is the caller's today): the whole day arrives at once, and within a day the
//! order follows the random identifiers, never arrival.
use async_trait::async_trait;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Result;

/// The queue's filters; `None` means "any".
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    pub programme_id: i64,
    /// Only days before this one are released to the queue.
    pub released_before: NaiveDate,
    /// new, in_review, approved or archived
    pub state: Option<String>,
    pub version_id: Option<i64>,
    pub locale: Option<String>,
    /// At least one rating within this range (inclusive).
    pub rating: Option<(i64, i64)>,
    pub has_text: Option<bool>,
    /// Suspected personal details not yet resolved by a moderator.
    pub suspected: Option<bool>,
    /// Carries this code of the codebook.
    pub code: Option<i64>,
    pub limit: i64,
    pub offset: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct QueueRow {
    pub id: i64,
    pub version_id: i64,
    pub locale: String,
    pub submitted_on: NaiveDate,
    pub moderation: String,
    pub status: String,
    pub has_text: bool,
    pub suspected: bool,
    pub replies: i64,
}

/// One submission as a moderator opens it (the answers come separately).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct SubmissionRow {
    pub id: i64,
    pub programme_id: i64,
    pub version_id: i64,
    pub locale: String,
    pub submitted_on: NaiveDate,
    pub moderation: String,
    pub status: String,
}

/// What a move between states may start from.
pub fn moves_from(to: &str) -> &'static [&'static str] {
    match to {
        "in_review" => &["new", "approved", "archived"],
        "approved" => &["new", "in_review"],
        "archived" => &["new", "in_review", "approved"],
        _ => &[],
    }
}

/// Submissions with a safeguarding concern stay in the urgent view and
/// never reach the queue (nor anything built from it). The concerns are
/// few: their ids come from that small table, not a look-up per submission.
pub(crate) const NOT_URGENT: &str =
    "s.id NOT IN (SELECT f.submission_id FROM safeguarding_flags f WHERE f.submission_id IS NOT NULL)";

/// A value bound to the queue's query.
pub(crate) enum Bind {
    Int(i64),
    Text(String),
    Day(NaiveDate),
}

/// The queue's query with only the filters in use: a condition such as
/// `($3 IS NULL OR moderation = $3)` would keep the planner from using the
/// (programme, state, day) index, and the queue of a programme with 100,000
/// submissions would read all of them.
pub(crate) fn queue_sql(f: &QueueFilter) -> (String, Vec<Bind>) {
    let mut binds = vec![Bind::Int(f.programme_id), Bind::Day(f.released_before)];
    let mut conditions =
        vec!["s.programme_id = $1".to_owned(), "s.submitted_on < $2".to_owned(), NOT_URGENT.to_owned()];
    let mut push = |sql: &str, values: Vec<Bind>, binds: &mut Vec<Bind>| {
        let mut sql = sql.to_owned();
        for (i, v) in values.into_iter().enumerate() {
            binds.push(v);
            sql = sql.replace(&format!("${}", i + 1), &format!("${}", binds.len()));
        }
        conditions.push(sql);
    };
    let text = "EXISTS (SELECT 1 FROM answers a WHERE a.submission_id = s.id AND a.body IS NOT NULL AND a.body <> '')";
    let suspected =
        "EXISTS (SELECT 1 FROM redactions r WHERE r.state = 'suggested' AND r.submission_id = s.id)";
    if let Some(state) = &f.state {
        push("s.moderation = $1", vec![Bind::Text(state.clone())], &mut binds);
    }
    if let Some(v) = f.version_id {
        push("s.version_id = $1", vec![Bind::Int(v)], &mut binds);
    }
    if let Some(l) = &f.locale {
        push("s.locale = $1", vec![Bind::Text(l.clone())], &mut binds);
    }
    if let Some((lo, hi)) = f.rating {
        push(
            "EXISTS (SELECT 1 FROM answers a WHERE a.submission_id = s.id AND a.rating BETWEEN $1 AND $2)",
            vec![Bind::Int(lo), Bind::Int(hi)],
            &mut binds,
        );
    }
    match f.has_text {
        Some(true) => push(text, vec![], &mut binds),
        Some(false) => push(&format!("NOT {text}"), vec![], &mut binds),
        None => {}
    }
    // Few submissions have pending details: their ids, read from the
    // (state, submission) index of the small redactions table, beat two
    // look-ups for every submission of the programme.
    let pending = "s.id IN (SELECT r.submission_id FROM redactions r WHERE r.state = 'suggested')";
    match f.suspected {
        Some(true) => push(pending, vec![], &mut binds),
        Some(false) => push(&format!("NOT {pending}"), vec![], &mut binds),
        None => {}
    }
    if let Some(code) = f.code {
        push(
            "s.id IN (SELECT t.submission_id FROM submission_tags t WHERE t.tag_id = $1)",
            vec![Bind::Int(code)],
            &mut binds,
        );
    }
    let n = binds.len();
    binds.push(Bind::Int(f.limit));
    binds.push(Bind::Int(f.offset));
    // The page is cut first and only its rows get the per-row look-ups:
    // PostgreSQL otherwise plans them for the whole programme (a hash of
    // every answer) although only one page is kept.
    let sql = format!(
        "SELECT s.id, s.version_id, s.locale, s.submitted_on, s.moderation, s.status, {text} AS has_text, \
         {suspected} AS suspected, (SELECT COUNT(*) FROM replies p WHERE p.submission_id = s.id) AS replies \
         FROM (SELECT s.id, s.version_id, s.locale, s.submitted_on, s.moderation, s.status FROM submissions s \
               WHERE {} ORDER BY s.submitted_on DESC, s.id LIMIT ${} OFFSET ${}) s \
         ORDER BY s.submitted_on DESC, s.id",
        conditions.join(" AND "),
        n + 1,
        n + 2
    );
    (sql, binds)
}

#[async_trait]
pub trait Moderation: Send + Sync + 'static {
    /// A page of the queue, newest released day first, random within a day.
    async fn queue(&self, f: &QueueFilter) -> Result<Vec<QueueRow>>;
    /// Released submissions of a programme per state (states with none are absent).
    async fn queue_counts(&self, programme_id: i64, released_before: NaiveDate)
        -> Result<Vec<(String, i64)>>;
    /// Questionnaire versions and languages found among a programme's submissions.
    async fn queue_facets(&self, programme_id: i64) -> Result<(Vec<i64>, Vec<String>)>;
    async fn submission(&self, id: i64) -> Result<Option<SubmissionRow>>;
    /// Moves a submission to `to` from one of [`moves_from`]`(to)`. Approval
    /// also needs every suspected personal detail resolved. `false`: nothing
    /// moved (already there, or not allowed from where it is).
    async fn set_moderation(&self, id: i64, to: &str) -> Result<bool>;
    /// Suspected personal details of a submission not yet accepted or rejected.
    async fn unresolved_details(&self, id: i64) -> Result<i64>;
}

macro_rules! impl_moderation {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::moderation::Moderation for $store {
            async fn queue(
                &self,
                f: &$crate::moderation::QueueFilter,
            ) -> $crate::Result<Vec<$crate::moderation::QueueRow>> {
                let (sql, binds) = $crate::moderation::queue_sql(f);
                let mut q = sqlx::query_as(&sql);
                for b in binds {
                    q = match b {
                        $crate::moderation::Bind::Int(v) => q.bind(v),
                        $crate::moderation::Bind::Text(v) => q.bind(v),
                        $crate::moderation::Bind::Day(v) => q.bind(v),
                    };
                }
                Ok(q.fetch_all(&self.pool).await?)
            }

            async fn queue_counts(
                &self,
                programme_id: i64,
                released_before: chrono::NaiveDate,
            ) -> $crate::Result<Vec<(String, i64)>> {
                Ok(sqlx::query_as(&format!(
                    "SELECT s.moderation, COUNT(*) FROM submissions s \
                     WHERE s.programme_id = $1 AND s.submitted_on < $2 AND {} \
                     GROUP BY s.moderation ORDER BY s.moderation",
                    $crate::moderation::NOT_URGENT
                ))
                .bind(programme_id)
                .bind(released_before)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn queue_facets(&self, programme_id: i64) -> $crate::Result<(Vec<i64>, Vec<String>)> {
                // From the programme and its questionnaire, not from its
                // submissions: reading 100,000 rows for a filter list costs
                // more than the whole queue page.
                let versions: Vec<(i64,)> = sqlx::query_as(
                    "SELECT v.id FROM questionnaire_versions v JOIN programmes p \
                     ON p.questionnaire_id = v.questionnaire_id \
                     WHERE p.id = $1 AND v.status <> 'draft' ORDER BY v.version",
                )
                .bind(programme_id)
                .fetch_all(&self.pool)
                .await?;
                let languages: Option<(String,)> = sqlx::query_as("SELECT languages FROM programmes WHERE id = $1")
                    .bind(programme_id)
                    .fetch_optional(&self.pool)
                    .await?;
                let mut locales: Vec<String> = languages
                    .map(|l| l.0.split(',').map(|x| x.trim().to_owned()).filter(|x| !x.is_empty()).collect())
                    .unwrap_or_default();
                locales.sort();
                Ok((versions.into_iter().map(|v| v.0).collect(), locales))
            }

            async fn submission(&self, id: i64) -> $crate::Result<Option<$crate::moderation::SubmissionRow>> {
                Ok(sqlx::query_as(
                    "SELECT id, programme_id, version_id, locale, submitted_on, moderation, status \
                     FROM submissions WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn set_moderation(&self, id: i64, to: &str) -> $crate::Result<bool> {
                let from = $crate::moderation::moves_from(to);
                if from.is_empty() {
                    return Ok(false);
                }
                let (a, b, c) = (from[0], from.get(1).copied().unwrap_or(from[0]), from.get(2).copied().unwrap_or(from[0]));
                let done = sqlx::query(
                    "UPDATE submissions SET moderation = $2 \
                     WHERE id = $1 AND moderation IN ($3, $4, $5) \
                       AND NOT EXISTS (SELECT 1 FROM safeguarding_flags f WHERE f.submission_id = submissions.id) \
                       AND ($2 <> 'approved' OR NOT EXISTS (SELECT 1 FROM answers a JOIN redactions r \
                            ON r.answer_id = a.id WHERE a.submission_id = submissions.id AND r.state = 'suggested'))",
                )
                .bind(id)
                .bind(to)
                .bind(a)
                .bind(b)
                .bind(c)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn unresolved_details(&self, id: i64) -> $crate::Result<i64> {
                let (n,): (i64,) = sqlx::query_as(
                    "SELECT COUNT(*) FROM answers a JOIN redactions r ON r.answer_id = a.id \
                     WHERE a.submission_id = $1 AND r.state = 'suggested'",
                )
                .bind(id)
                .fetch_one(&self.pool)
                .await?;
                Ok(n)
            }
        }
    };
}
pub(crate) use impl_moderation;
