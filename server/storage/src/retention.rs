//! Retention: what is deleted, and when, per organisation. Free text (the
//! young people's own words) goes after N months, whole responses (answers,
//! the team's replies, codes) after M, closed safeguarding records after S;
//! a concern still open is never deleted. The monthly roll-ups and their
//! released copies are never touched, so dashboards stay right.
//!
//! Every step is an idempotent delete in small batches: each batch is found
//! by a read over the (programme, day) index outside any transaction, then
//! deleted in a short write transaction of its own, so submissions are never
//! held up behind a search. A second process running the same day finds
//! nothing left to do, and a run cut short is finished by the next.
use async_trait::async_trait;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::Result;

/// Rows handled per transaction: short write locks on SQLite.
pub const BATCH: i64 = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct RetentionRule {
    /// `None`: the installation's default, for organisations without their own.
    pub organisation_id: Option<i64>,
    pub free_text_months: i64,
    pub submission_months: i64,
    pub safeguarding_months: i64,
}

/// The limits an administrator may set (months).
pub const FREE_TEXT_MONTHS: std::ops::RangeInclusive<i64> = 1..=120;
pub const SUBMISSION_MONTHS: std::ops::RangeInclusive<i64> = 1..=240;
pub const SAFEGUARDING_MONTHS: std::ops::RangeInclusive<i64> = 12..=300;

impl RetentionRule {
    /// The day before which each kind is deleted, on `today`.
    pub fn cutoffs(&self, today: NaiveDate) -> Cutoffs {
        let back = |m: i64| today.checked_sub_months(Months::new(u32::try_from(m).unwrap_or(u32::MAX)));
        Cutoffs {
            free_text: back(self.free_text_months.min(self.submission_months)),
            responses: back(self.submission_months),
            concerns: back(self.safeguarding_months),
        }
    }

    /// Within the limits, and words never outlive the response they belong to.
    pub fn is_valid(&self) -> bool {
        FREE_TEXT_MONTHS.contains(&self.free_text_months)
            && SUBMISSION_MONTHS.contains(&self.submission_months)
            && SAFEGUARDING_MONTHS.contains(&self.safeguarding_months)
            && self.free_text_months <= self.submission_months
    }
}

/// Kept on or after these days (`None`: nothing that old can exist).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cutoffs {
    pub free_text: Option<NaiveDate>,
    pub responses: Option<NaiveDate>,
    pub concerns: Option<NaiveDate>,
}

/// What one run deleted (or, for the outlook, would delete).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionCounts {
    /// Answers whose words were deleted.
    pub texts: i64,
    pub responses: i64,
    pub concerns: i64,
}

impl std::ops::AddAssign for RetentionCounts {
    fn add_assign(&mut self, o: Self) {
        self.texts += o.texts;
        self.responses += o.responses;
        self.concerns += o.concerns;
    }
}

/// For one organisation, the oldest day of each kind that is not yet due
/// (what goes next after the next run), and the open concerns kept past
/// their time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Oldest {
    pub text: Option<NaiveDate>,
    pub response: Option<NaiveDate>,
    /// Oldest closed concern (open ones are never deleted).
    pub concern: Option<NaiveDate>,
    /// Concerns past their time but still open, so kept.
    pub open_past: i64,
}

#[async_trait]
pub trait Retention: Send + Sync + 'static {
    /// The installation default first, then organisations' own rules.
    async fn retention_rules(&self) -> Result<Vec<RetentionRule>>;
    /// The rule that applies to an organisation (its own, else the default).
    async fn retention_rule(&self, organisation_id: i64) -> Result<RetentionRule>;
    async fn set_retention(&self, rule: &RetentionRule) -> Result<()>;
    /// Claims `day`'s scheduled run; false when a process already has.
    async fn claim_retention_day(&self, day: NaiveDate) -> Result<bool>;
    async fn organisation_ids(&self) -> Result<Vec<i64>>;
    /// The organisation's programme ids.
    async fn programme_ids_of(&self, organisation_id: i64) -> Result<Vec<i64>>;
    /// Up to [`BATCH`] of a programme's responses from before `before`, after
    /// `after` in (day, id) order — read outside any write transaction.
    async fn old_responses(
        &self,
        programme_id: i64,
        before: NaiveDate,
        after: Option<(NaiveDate, i64)>,
    ) -> Result<Vec<(i64, NaiveDate)>>;
    /// Deletes the words of these responses (spans, unpublished quotes);
    /// returns how many answers lost their words.
    async fn delete_free_text(&self, submission_ids: &[i64]) -> Result<i64>;
    /// Deletes these responses whole; their concerns stay, unlinked.
    async fn delete_responses(&self, submission_ids: &[i64]) -> Result<i64>;
    /// Up to [`BATCH`] closed concerns of a programme raised before `before`.
    async fn old_closed_concerns(&self, programme_id: i64, before: NaiveDate) -> Result<Vec<i64>>;
    async fn delete_concerns(&self, ids: &[i64]) -> Result<i64>;
    /// How many of each kind lie before the cutoffs (`None`: none).
    async fn retention_due(&self, organisation_id: i64, cut: &Cutoffs) -> Result<RetentionCounts>;
    async fn retention_oldest(&self, organisation_id: i64, cut: &Cutoffs) -> Result<Oldest>;
    /// The last day a scheduled run was claimed.
    async fn last_retention_day(&self) -> Result<Option<NaiveDate>>;

    /// Applies an organisation's rule on `today`, batch after batch: each
    /// batch is found by a read, then deleted in a short write transaction,
    /// so young people's submissions are never held up behind a search.
    async fn apply_retention(&self, organisation_id: i64, today: NaiveDate) -> Result<RetentionCounts> {
        let cut = self.retention_rule(organisation_id).await?.cutoffs(today);
        let mut done = RetentionCounts::default();
        for programme in self.programme_ids_of(organisation_id).await? {
            if let Some(before) = cut.responses {
                // Deleted rows leave the index: each batch starts at the front.
                loop {
                    let ids: Vec<i64> =
                        self.old_responses(programme, before, None).await?.into_iter().map(|r| r.0).collect();
                    if ids.is_empty() {
                        break;
                    }
                    done.responses += self.delete_responses(&ids).await?;
                }
            }
            if let Some(before) = cut.free_text {
                // Responses keep their rows: walk them once, in (day, id) order.
                let mut after = None;
                loop {
                    let page = self.old_responses(programme, before, after).await?;
                    let Some(last) = page.last().copied() else { break };
                    let ids: Vec<i64> = page.iter().map(|r| r.0).collect();
                    done.texts += self.delete_free_text(&ids).await?;
                    after = Some((last.1, last.0));
                }
            }
            if let Some(before) = cut.concerns {
                loop {
                    let ids = self.old_closed_concerns(programme, before).await?;
                    if ids.is_empty() {
                        break;
                    }
                    done.concerns += self.delete_concerns(&ids).await?;
                }
            }
        }
        Ok(done)
    }
}

macro_rules! impl_retention {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::retention::Retention for $store {
            async fn retention_rules(&self) -> $crate::Result<Vec<$crate::retention::RetentionRule>> {
                Ok(sqlx::query_as(
                    "SELECT organisation_id, free_text_months, submission_months, safeguarding_months \
                     FROM retention WHERE programme_id IS NULL \
                     ORDER BY organisation_id IS NOT NULL, organisation_id",
                )
                .fetch_all(&self.pool)
                .await?)
            }

            async fn retention_rule(&self, organisation_id: i64) -> $crate::Result<$crate::retention::RetentionRule> {
                let found: Option<$crate::retention::RetentionRule> = sqlx::query_as(
                    "SELECT organisation_id, free_text_months, submission_months, safeguarding_months \
                     FROM retention WHERE programme_id IS NULL \
                     AND (organisation_id = $1 OR organisation_id IS NULL) \
                     ORDER BY organisation_id IS NULL LIMIT 1",
                )
                .bind(organisation_id)
                .fetch_optional(&self.pool)
                .await?;
                // Fail closed: without any rule nothing is deleted by guesswork.
                found.ok_or($crate::StorageError::NotFound)
            }

            async fn set_retention(&self, r: &$crate::retention::RetentionRule) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                let changed = sqlx::query(
                    "UPDATE retention SET free_text_months = $2, submission_months = $3, safeguarding_months = $4 \
                     WHERE programme_id IS NULL AND organisation_id IS NOT DISTINCT FROM $1",
                )
                .bind(r.organisation_id)
                .bind(r.free_text_months)
                .bind(r.submission_months)
                .bind(r.safeguarding_months)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if changed == 0 {
                    sqlx::query(
                        "INSERT INTO retention (organisation_id, programme_id, free_text_months, \
                         submission_months, safeguarding_months) VALUES ($1, NULL, $2, $3, $4)",
                    )
                    .bind(r.organisation_id)
                    .bind(r.free_text_months)
                    .bind(r.submission_months)
                    .bind(r.safeguarding_months)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn claim_retention_day(&self, day: chrono::NaiveDate) -> $crate::Result<bool> {
                let day = day.format("%Y-%m-%d").to_string();
                let mut tx = self.begin_write().await?;
                sqlx::query("INSERT INTO settings (key, value) VALUES ('retention_day', '') ON CONFLICT (key) DO NOTHING")
                    .execute(&mut *tx)
                    .await?;
                let claimed = sqlx::query("UPDATE settings SET value = $1 WHERE key = 'retention_day' AND value < $1")
                    .bind(&day)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
                    == 1;
                tx.commit().await?;
                Ok(claimed)
            }

            async fn organisation_ids(&self) -> $crate::Result<Vec<i64>> {
                Ok(sqlx::query_scalar("SELECT id FROM organisations ORDER BY id").fetch_all(&self.pool).await?)
            }

            async fn programme_ids_of(&self, organisation_id: i64) -> $crate::Result<Vec<i64>> {
                Ok(sqlx::query_scalar("SELECT id FROM programmes WHERE organisation_id = $1 ORDER BY id")
                    .bind(organisation_id)
                    .fetch_all(&self.pool)
                    .await?)
            }

            async fn old_responses(
                &self,
                programme_id: i64,
                before: chrono::NaiveDate,
                after: Option<(chrono::NaiveDate, i64)>,
            ) -> $crate::Result<Vec<(i64, chrono::NaiveDate)>> {
                // (programme_id, submitted_on) is indexed: a range, never a table scan.
                let rows = match after {
                    None => sqlx::query_as(
                        "SELECT id, submitted_on FROM submissions WHERE programme_id = $1 AND submitted_on < $2 \
                         ORDER BY submitted_on, id LIMIT $3",
                    )
                    .bind(programme_id)
                    .bind(before)
                    .bind($crate::retention::BATCH)
                    .fetch_all(&self.pool)
                    .await?,
                    Some((day, id)) => sqlx::query_as(
                        "SELECT id, submitted_on FROM submissions WHERE programme_id = $1 AND submitted_on < $2 \
                         AND (submitted_on > $3 OR (submitted_on = $3 AND id > $4)) ORDER BY submitted_on, id LIMIT $5",
                    )
                    .bind(programme_id)
                    .bind(before)
                    .bind(day)
                    .bind(id)
                    .bind($crate::retention::BATCH)
                    .fetch_all(&self.pool)
                    .await?,
                };
                Ok(rows)
            }

            async fn delete_free_text(&self, submission_ids: &[i64]) -> $crate::Result<i64> {
                if submission_ids.is_empty() {
                    return Ok(0);
                }
                let in_list = |sql: &str, ids: &[i64]| {
                    let mut qb = sqlx::QueryBuilder::<$db>::new(sql);
                    let mut list = qb.separated(", ");
                    for id in ids {
                        list.push_bind(*id);
                    }
                    qb.push(")");
                    qb
                };
                let answers: Vec<i64> = in_list(
                    "SELECT id FROM answers WHERE body IS NOT NULL AND submission_id IN (",
                    submission_ids,
                )
                .build_query_scalar()
                .fetch_all(&self.pool)
                .await?;
                if answers.is_empty() {
                    return Ok(0);
                }
                let mut tx = self.begin_write().await?;
                // Spans point into the words; an unpublished quote is the words.
                // A published quote was redacted and approved for the public: it
                // stays, no longer linked to its answer.
                for sql in [
                    "DELETE FROM redactions WHERE answer_id IN (",
                    "DELETE FROM span_codes WHERE answer_id IN (",
                    "DELETE FROM quotes WHERE published = FALSE AND answer_id IN (",
                    "UPDATE quotes SET answer_id = NULL WHERE answer_id IN (",
                ] {
                    in_list(sql, &answers).build().execute(&mut *tx).await?;
                }
                let cleared = in_list("UPDATE answers SET body = NULL WHERE body IS NOT NULL AND id IN (", &answers)
                    .build()
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                tx.commit().await?;
                Ok(cleared as i64)
            }

            async fn delete_responses(&self, submission_ids: &[i64]) -> $crate::Result<i64> {
                if submission_ids.is_empty() {
                    return Ok(0);
                }
                let mut tx = self.begin_write().await?;
                // A concern follows its own rule: it outlives its response
                // (unlinked), and the roll-ups are left exactly as they are.
                let mut deleted = 0;
                for sql in [
                    "UPDATE safeguarding_flags SET submission_id = NULL WHERE submission_id IN (",
                    "DELETE FROM quotes WHERE published = FALSE AND answer_id IN \
                     (SELECT id FROM answers WHERE submission_id IN (",
                    "UPDATE quotes SET answer_id = NULL WHERE answer_id IN \
                     (SELECT id FROM answers WHERE submission_id IN (",
                    "DELETE FROM submissions WHERE id IN (",
                ] {
                    let mut qb = sqlx::QueryBuilder::<$db>::new(sql);
                    let mut list = qb.separated(", ");
                    for id in submission_ids {
                        list.push_bind(*id);
                    }
                    qb.push(if sql.contains("(SELECT") { "))" } else { ")" });
                    deleted = qb.build().execute(&mut *tx).await?.rows_affected();
                }
                tx.commit().await?;
                Ok(deleted as i64)
            }

            async fn old_closed_concerns(&self, programme_id: i64, before: chrono::NaiveDate) -> $crate::Result<Vec<i64>> {
                Ok(sqlx::query_scalar(
                    "SELECT id FROM safeguarding_flags WHERE programme_id = $1 AND created_on < $2 AND state = 'closed' \
                     ORDER BY id LIMIT $3",
                )
                .bind(programme_id)
                .bind(before)
                .bind($crate::retention::BATCH)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn delete_concerns(&self, ids: &[i64]) -> $crate::Result<i64> {
                if ids.is_empty() {
                    return Ok(0);
                }
                let mut tx = self.begin_write().await?;
                let mut deleted = 0;
                for sql in ["DELETE FROM safeguarding_steps WHERE flag_id IN (", "DELETE FROM safeguarding_flags WHERE state = 'closed' AND id IN ("] {
                    let mut qb = sqlx::QueryBuilder::<$db>::new(sql);
                    let mut list = qb.separated(", ");
                    for id in ids {
                        list.push_bind(*id);
                    }
                    qb.push(")");
                    deleted = qb.build().execute(&mut *tx).await?.rows_affected();
                }
                tx.commit().await?;
                Ok(deleted as i64)
            }

            async fn retention_due(
                &self,
                organisation_id: i64,
                cut: &$crate::retention::Cutoffs,
            ) -> $crate::Result<$crate::retention::RetentionCounts> {
                let mut due = $crate::retention::RetentionCounts::default();
                if let Some(before) = cut.free_text {
                    due.texts = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM answers a JOIN submissions s ON s.id = a.submission_id \
                         WHERE s.programme_id IN (SELECT id FROM programmes WHERE organisation_id = $1) \
                         AND s.submitted_on < $2 AND a.body IS NOT NULL",
                    )
                    .bind(organisation_id)
                    .bind(before)
                    .fetch_one(&self.pool)
                    .await?;
                }
                if let Some(before) = cut.responses {
                    due.responses = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM submissions s \
                         WHERE s.programme_id IN (SELECT id FROM programmes WHERE organisation_id = $1) AND s.submitted_on < $2",
                    )
                    .bind(organisation_id)
                    .bind(before)
                    .fetch_one(&self.pool)
                    .await?;
                }
                if let Some(before) = cut.concerns {
                    due.concerns = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM safeguarding_flags f JOIN programmes p ON p.id = f.programme_id \
                         WHERE p.organisation_id = $1 AND f.created_on < $2 AND f.state = 'closed'",
                    )
                    .bind(organisation_id)
                    .bind(before)
                    .fetch_one(&self.pool)
                    .await?;
                }
                Ok(due)
            }

            async fn retention_oldest(
                &self,
                organisation_id: i64,
                cut: &$crate::retention::Cutoffs,
            ) -> $crate::Result<$crate::retention::Oldest> {
                // NULL cutoffs (nothing can be that old) compare as "not due".
                let floor = chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default();
                let text: Option<chrono::NaiveDate> = sqlx::query_scalar(
                    "SELECT MIN(s.submitted_on) FROM submissions s \
                     WHERE s.programme_id IN (SELECT id FROM programmes WHERE organisation_id = $1) AND s.submitted_on >= $2 \
                     AND EXISTS (SELECT 1 FROM answers a WHERE a.submission_id = s.id AND a.body IS NOT NULL)",
                )
                .bind(organisation_id)
                .bind(cut.free_text.unwrap_or(floor))
                .fetch_one(&self.pool)
                .await?;
                let response: Option<chrono::NaiveDate> = sqlx::query_scalar(
                    "SELECT MIN(s.submitted_on) FROM submissions s \
                     WHERE s.programme_id IN (SELECT id FROM programmes WHERE organisation_id = $1) AND s.submitted_on >= $2",
                )
                .bind(organisation_id)
                .bind(cut.responses.unwrap_or(floor))
                .fetch_one(&self.pool)
                .await?;
                let concern: Option<chrono::NaiveDate> = sqlx::query_scalar(
                    "SELECT MIN(f.created_on) FROM safeguarding_flags f JOIN programmes p ON p.id = f.programme_id \
                     WHERE p.organisation_id = $1 AND f.state = 'closed' AND f.created_on >= $2",
                )
                .bind(organisation_id)
                .bind(cut.concerns.unwrap_or(floor))
                .fetch_one(&self.pool)
                .await?;
                let open_past: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM safeguarding_flags f JOIN programmes p ON p.id = f.programme_id \
                     WHERE p.organisation_id = $1 AND f.created_on < $2 AND f.state <> 'closed'",
                )
                .bind(organisation_id)
                .bind(cut.concerns.unwrap_or(floor))
                .fetch_one(&self.pool)
                .await?;
                Ok($crate::retention::Oldest { text, response, concern, open_past })
            }

            async fn last_retention_day(&self) -> $crate::Result<Option<chrono::NaiveDate>> {
                let day: Option<String> =
                    sqlx::query_scalar("SELECT value FROM settings WHERE key = 'retention_day'")
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(day.and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()))
            }
        }
    };
}
pub(crate) use impl_retention;
