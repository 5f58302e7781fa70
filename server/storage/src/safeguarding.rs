//! The urgent view: safeguarding concerns, raised by the safeguarding
//! question or by a moderator, their steps (new → acknowledged → referred →
//! closed) with who and when, the programme's contacts and referral steps,
//! and the outbox of alert e-mails.
//!
//! Concerns reach this view at once (no daily batch) and never leave it: a
//! submission with a concern is kept out of the queue, and so out of
//! everything built from the queue.
use async_trait::async_trait;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Result;

/// The states of a concern, in order.
pub const CONCERN_STATES: [&str; 4] = ["new", "acknowledged", "referred", "closed"];

/// What a step to `to` may start from: acknowledging comes first, a
/// concern may be closed without a referral (and after one).
pub fn steps_from(to: &str) -> &'static [&'static str] {
    match to {
        "acknowledged" => &["new"],
        "referred" => &["acknowledged"],
        "closed" => &["acknowledged", "referred"],
        _ => &[],
    }
}

/// One concern as the urgent view lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ConcernSummary {
    pub id: i64,
    pub programme_id: i64,
    pub submission_id: Option<i64>,
    /// question or moderator
    pub source: String,
    pub state: String,
    pub created_on: NaiveDate,
    /// Unix seconds, whole hours only.
    pub raised_hour: i64,
    /// When it was acknowledged, if it was (unix seconds).
    pub acknowledged_at: Option<i64>,
}

/// One concern opened: what the young person (or the moderator) said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ConcernDetail {
    pub id: i64,
    pub programme_id: i64,
    pub submission_id: Option<i64>,
    pub source: String,
    /// The safeguarding question's answer ("yes"), when it came from there.
    pub answer: Option<String>,
    /// The young person's words, or the moderator's reason.
    pub body: Option<String>,
    pub state: String,
    pub created_on: NaiveDate,
    pub raised_hour: i64,
}

/// One step of a concern: who moved it where, when, and their note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ConcernStep {
    pub state: String,
    pub staff_name: String,
    pub at: i64,
    pub note: Option<String>,
}

/// Whom a programme's alerts go to and what its team does about a concern.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SafeguardingSetup {
    /// E-mail addresses.
    pub contacts: Vec<String>,
    /// Referral steps, in order.
    pub referral_steps: Vec<String>,
}

/// A concern raised by a moderator on a submission they read.
#[derive(Debug, Clone)]
pub struct NewConcern<'a> {
    pub submission_id: i64,
    pub programme_id: i64,
    pub reason: Option<&'a str>,
    pub today: NaiveDate,
    /// Unix seconds; stored to the hour.
    pub now: i64,
}

/// Whole hours only: the hour a concern was raised is all the urgent view keeps.
pub fn to_hour(unix: i64) -> i64 {
    unix - unix.rem_euclid(3600)
}

pub(crate) fn lines(raw: &str) -> Vec<String> {
    raw.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

#[async_trait]
pub trait Safeguarding: Send + Sync + 'static {
    /// Concerns of these programmes: open ones (not closed) or closed ones,
    /// the oldest unacknowledged first.
    async fn concerns(&self, programme_ids: &[i64], closed: bool) -> Result<Vec<ConcernSummary>>;
    async fn concern(&self, id: i64) -> Result<Option<ConcernDetail>>;
    /// The concern a submission carries, if any.
    async fn concern_of_submission(&self, submission_id: i64) -> Result<Option<i64>>;
    async fn concern_steps(&self, id: i64) -> Result<Vec<ConcernStep>>;
    /// Raises a moderator's concern; the one already there when the
    /// submission has one. Returns its id and whether it is new.
    async fn raise_concern(&self, c: &NewConcern<'_>) -> Result<(i64, bool)>;
    /// Moves a concern to `to` from one of [`steps_from`]`(to)` and records
    /// the step. `false`: nothing moved.
    async fn step_concern(
        &self,
        id: i64,
        to: &str,
        staff_id: i64,
        note: Option<&str>,
        at: i64,
    ) -> Result<bool>;
    async fn safeguarding_setup(&self, programme_id: i64) -> Result<SafeguardingSetup>;
    async fn set_safeguarding_setup(&self, programme_id: i64, setup: &SafeguardingSetup) -> Result<()>;
    /// Places whose names identify a child in this programme (shelter, villages).
    async fn programme_places(&self, programme_id: i64) -> Result<Vec<String>>;
    async fn set_programme_places(&self, programme_id: i64, places: &[String]) -> Result<()>;
    /// Takes up to `limit` concerns whose alert is still to be sent, for
    /// `lease` seconds: another process sees them again only if this one
    /// has not reported them sent by then. Returns (concern, programme).
    async fn claim_alerts(&self, now: i64, lease: i64, limit: i64) -> Result<Vec<(i64, i64)>>;
    /// `sent`: the alert went out; otherwise there was nobody to send it to.
    async fn alert_done(&self, id: i64, sent: bool) -> Result<()>;
    /// Alerts of concerns raised before this hour are not sent (demo data,
    /// loaded in bulk for past days). Returns how many were pending.
    async fn settle_alerts_before(&self, hour: i64) -> Result<u64>;
}

macro_rules! impl_safeguarding {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::safeguarding::Safeguarding for $store {
            async fn concerns(
                &self,
                programme_ids: &[i64],
                closed: bool,
            ) -> $crate::Result<Vec<$crate::safeguarding::ConcernSummary>> {
                if programme_ids.is_empty() {
                    return Ok(vec![]);
                }
                let mut qb = sqlx::QueryBuilder::new(
                    "SELECT f.id, f.programme_id, f.submission_id, f.source, f.state, f.created_on, f.raised_hour, \
                     (SELECT MIN(st.at) FROM safeguarding_steps st WHERE st.flag_id = f.id \
                      AND st.state = 'acknowledged') AS acknowledged_at \
                     FROM safeguarding_flags f WHERE f.programme_id IN (",
                );
                let mut list = qb.separated(", ");
                for id in programme_ids {
                    list.push_bind(*id);
                }
                qb.push(if closed { ") AND f.state = 'closed'" } else { ") AND f.state <> 'closed'" });
                qb.push(" ORDER BY CASE f.state WHEN 'new' THEN 0 ELSE 1 END, f.raised_hour, f.id LIMIT 500");
                Ok(qb.build_query_as().fetch_all(&self.pool).await?)
            }

            async fn concern(&self, id: i64) -> $crate::Result<Option<$crate::safeguarding::ConcernDetail>> {
                Ok(sqlx::query_as(
                    "SELECT id, programme_id, submission_id, source, answer, body, state, created_on, raised_hour \
                     FROM safeguarding_flags WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn concern_of_submission(&self, submission_id: i64) -> $crate::Result<Option<i64>> {
                let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM safeguarding_flags WHERE submission_id = $1")
                    .bind(submission_id)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.map(|r| r.0))
            }

            async fn concern_steps(&self, id: i64) -> $crate::Result<Vec<$crate::safeguarding::ConcernStep>> {
                Ok(sqlx::query_as(
                    "SELECT st.state, s.display_name AS staff_name, st.at, st.note FROM safeguarding_steps st \
                     JOIN staff s ON s.id = st.staff_id WHERE st.flag_id = $1 ORDER BY st.at, st.id",
                )
                .bind(id)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn raise_concern(&self, c: &$crate::safeguarding::NewConcern<'_>) -> $crate::Result<(i64, bool)> {
                let mut tx = self.begin_write().await?;
                let existing: Option<(i64,)> =
                    sqlx::query_as("SELECT id FROM safeguarding_flags WHERE submission_id = $1")
                        .bind(c.submission_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                if let Some((id,)) = existing {
                    return Ok((id, false));
                }
                // Out of every count from now on, like a concern that came in as one.
                self::rollup_writes::take_back(&mut tx, c.submission_id).await?;
                let id = $crate::ids::random_id();
                sqlx::query(
                    "INSERT INTO safeguarding_flags (id, programme_id, submission_id, source, body, created_on, raised_hour) \
                     VALUES ($1, $2, $3, 'moderator', $4, $5, $6)",
                )
                .bind(id)
                .bind(c.programme_id)
                .bind(c.submission_id)
                .bind(c.reason)
                .bind(c.today)
                .bind($crate::safeguarding::to_hour(c.now))
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok((id, true))
            }

            async fn step_concern(
                &self,
                id: i64,
                to: &str,
                staff_id: i64,
                note: Option<&str>,
                at: i64,
            ) -> $crate::Result<bool> {
                let from = $crate::safeguarding::steps_from(to);
                let (Some(a), b) = (from.first().copied(), from.get(1).copied()) else { return Ok(false) };
                let mut tx = self.pool.begin().await?;
                let moved = sqlx::query(
                    "UPDATE safeguarding_flags SET state = $2, handled_by = $3 WHERE id = $1 AND state IN ($4, $5)",
                )
                .bind(id)
                .bind(to)
                .bind(staff_id)
                .bind(a)
                .bind(b.unwrap_or(a))
                .execute(&mut *tx)
                .await?;
                if moved.rows_affected() != 1 {
                    return Ok(false);
                }
                sqlx::query("INSERT INTO safeguarding_steps (flag_id, state, staff_id, at, note) VALUES ($1, $2, $3, $4, $5)")
                    .bind(id)
                    .bind(to)
                    .bind(staff_id)
                    .bind(at)
                    .bind(note)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn safeguarding_setup(&self, programme_id: i64) -> $crate::Result<$crate::safeguarding::SafeguardingSetup> {
                let row: Option<(String, String)> = sqlx::query_as(
                    "SELECT contacts, referral_steps FROM programme_safeguarding WHERE programme_id = $1",
                )
                .bind(programme_id)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row
                    .map(|(c, r)| $crate::safeguarding::SafeguardingSetup {
                        contacts: $crate::safeguarding::lines(&c),
                        referral_steps: $crate::safeguarding::lines(&r),
                    })
                    .unwrap_or_default())
            }

            async fn set_safeguarding_setup(
                &self,
                programme_id: i64,
                setup: &$crate::safeguarding::SafeguardingSetup,
            ) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO programme_safeguarding (programme_id, contacts, referral_steps) VALUES ($1, $2, $3) \
                     ON CONFLICT (programme_id) DO UPDATE SET contacts = excluded.contacts, \
                     referral_steps = excluded.referral_steps",
                )
                .bind(programme_id)
                .bind(setup.contacts.join("\n"))
                .bind(setup.referral_steps.join("\n"))
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn programme_places(&self, programme_id: i64) -> $crate::Result<Vec<String>> {
                let row: Option<(String,)> = sqlx::query_as("SELECT places FROM programmes WHERE id = $1")
                    .bind(programme_id)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.map(|r| $crate::safeguarding::lines(&r.0)).unwrap_or_default())
            }

            async fn set_programme_places(&self, programme_id: i64, places: &[String]) -> $crate::Result<()> {
                sqlx::query("UPDATE programmes SET places = $2 WHERE id = $1")
                    .bind(programme_id)
                    .bind(places.join("\n"))
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn claim_alerts(&self, now: i64, lease: i64, limit: i64) -> $crate::Result<Vec<(i64, i64)>> {
                // The outer conditions are checked again on the row another
                // process may have just claimed (PostgreSQL re-reads it), so
                // one alert is claimed once.
                Ok(sqlx::query_as(
                    "UPDATE safeguarding_flags SET alert_lease = $2 \
                     WHERE alert = 'pending' AND state = 'new' AND (alert_lease IS NULL OR alert_lease < $1) \
                       AND id IN (SELECT id FROM safeguarding_flags WHERE alert = 'pending' AND state = 'new' \
                                  AND (alert_lease IS NULL OR alert_lease < $1) LIMIT $3) \
                     RETURNING id, programme_id",
                )
                .bind(now)
                .bind(now + lease)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn alert_done(&self, id: i64, sent: bool) -> $crate::Result<()> {
                sqlx::query("UPDATE safeguarding_flags SET alert = $2, alert_lease = NULL WHERE id = $1")
                    .bind(id)
                    .bind(if sent { "sent" } else { "none" })
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn settle_alerts_before(&self, hour: i64) -> $crate::Result<u64> {
                let done = sqlx::query("UPDATE safeguarding_flags SET alert = 'none' WHERE alert = 'pending' AND state = 'new' AND raised_hour < $1")
                    .bind(hour)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected())
            }
        }
    };
}
pub(crate) use impl_safeguarding;
