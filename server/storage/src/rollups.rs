//! Monthly roll-ups: counts per programme, month and questionnaire version
//! (responses), per question and answer, and per code. Dashboards read these
//! (a closed month through its copy fixed when first shown, see
//! `released`) instead of every answer, so a programme's page costs the
//! same at a thousand responses as at a million.
//!
//! Every write that changes what is counted changes the roll-ups in its own
//! transaction: a submission adds (unless it came in as a safeguarding
//! concern), a withdrawal and a concern raised later take away, coding
//! moves the code counts. [`Aggregates::rebuild_rollups`] recounts from the
//! stored answers; tests compare the two.
use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct RollupResponses {
    pub programme_id: i64,
    pub month: String,
    pub version_id: i64,
    pub n: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct RollupAnswer {
    pub month: String,
    pub question_id: i64,
    pub answer: String,
    pub n: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct RollupCode {
    pub programme_id: i64,
    pub month: String,
    pub tag_id: i64,
    pub n: i64,
}

#[async_trait]
pub trait Aggregates: Send + Sync + 'static {
    /// Responses of these programmes per month and version, months `from..=to` ("YYYY-MM").
    async fn rollup_responses(
        &self,
        programme_ids: &[i64],
        from: &str,
        to: &str,
    ) -> Result<Vec<RollupResponses>>;
    /// Answers of one programme per month, question and answer key.
    async fn rollup_answers(&self, programme_id: i64, from: &str, to: &str) -> Result<Vec<RollupAnswer>>;
    async fn rollup_codes(&self, programme_ids: &[i64], from: &str, to: &str) -> Result<Vec<RollupCode>>;
    /// Recounts every roll-up from the stored submissions (a migration
    /// does it once; tests compare it with the counts kept on each write).
    async fn rebuild_rollups(&self) -> Result<()>;
}

pub fn month_of(day: NaiveDate) -> String {
    day.format("%Y-%m").to_string()
}

/// The keys one stored answer counts under. A skipped question stores no
/// answer; dashboards count it as responses minus the other states.
/// The words never matter, so retention deleting them changes nothing.
pub(crate) fn answer_keys(state: &str, rating: Option<i64>, choices: Option<&str>) -> Vec<String> {
    if state != "value" {
        return vec![state.to_owned()];
    }
    let mut keys = vec!["answered".to_owned()];
    keys.extend(rating.map(|r| format!("r{r}")));
    if let Some(c) = choices {
        keys.extend(c.split(',').filter(|k| !k.is_empty()).map(|k| format!("o:{k}")));
    }
    keys
}

/// Changes to apply to the roll-ups, summed before they are written.
#[derive(Default, Debug)]
pub(crate) struct Deltas {
    pub responses: BTreeMap<(i64, String, i64), i64>,
    pub answers: BTreeMap<(i64, String, i64, String), i64>,
    pub codes: BTreeMap<(i64, String, i64), i64>,
}

/// One submission as the roll-ups see it.
pub(crate) struct Counted<'a> {
    pub programme_id: i64,
    pub version_id: i64,
    pub month: String,
    /// (question, keys) of each stored answer.
    pub answers: Vec<(i64, Vec<String>)>,
    pub codes: &'a [i64],
}

impl Deltas {
    pub fn submission(&mut self, s: Counted<'_>, sign: i64) {
        *self.responses.entry((s.programme_id, s.month.clone(), s.version_id)).or_default() += sign;
        for (question, keys) in s.answers {
            for key in keys {
                *self.answers.entry((s.programme_id, s.month.clone(), question, key)).or_default() += sign;
            }
        }
        self.code_change(s.programme_id, &s.month, s.codes, sign);
    }

    pub fn code_change(&mut self, programme_id: i64, month: &str, codes: &[i64], sign: i64) {
        for tag in codes {
            *self.codes.entry((programme_id, month.to_owned(), *tag)).or_default() += sign;
        }
    }

    pub fn new_submission(&mut self, s: &crate::NewSubmission) {
        let answers = s
            .answers
            .iter()
            .filter(|a| a.value != crate::AnswerValue::Skipped)
            .map(|a| {
                let (state, rating, choices, _) = crate::submissions::answer_columns(a);
                (a.question_id, answer_keys(state, rating, choices.as_deref()))
            })
            .collect();
        let counted = Counted {
            programme_id: s.programme_id,
            version_id: s.version_id,
            month: month_of(s.submitted_on),
            answers,
            codes: &[],
        };
        self.submission(counted, 1);
    }
}

/// Rows of `submissions` the rebuild and the take-aways read.
pub(crate) type SubmissionKey = (i64, i64, i64, NaiveDate);
/// (submission, question, state, rating, choices)
pub(crate) type AnswerKey = (i64, i64, String, Option<i64>, Option<String>);

/// Expands, for one sqlx database type, the roll-up writes that run inside
/// another write's transaction: `apply_rollups` and `take_back`.
macro_rules! impl_rollup_writes {
    ($db:ty) => {
        pub(crate) mod rollup_writes {
            use $crate::rollups::{answer_keys, month_of, AnswerKey, Counted, Deltas, SubmissionKey};

            pub(crate) async fn apply_rollups(
                conn: &mut <$db as sqlx::Database>::Connection,
                d: &Deltas,
            ) -> $crate::Result<()> {
                let rows: Vec<_> = d.responses.iter().filter(|(_, n)| **n != 0).collect();
                for chunk in rows.chunks($crate::submissions::ROWS) {
                    let mut qb = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO rollup_responses (programme_id, month, version_id, n) ",
                    );
                    qb.push_values(chunk, |mut b, ((p, m, v), n)| {
                        b.push_bind(*p).push_bind(m.as_str()).push_bind(*v).push_bind(**n);
                    });
                    qb.push(" ON CONFLICT (programme_id, month, version_id) DO UPDATE SET n = rollup_responses.n + excluded.n");
                    qb.build().execute(&mut *conn).await?;
                }
                let rows: Vec<_> = d.answers.iter().filter(|(_, n)| **n != 0).collect();
                for chunk in rows.chunks($crate::submissions::ROWS) {
                    let mut qb = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO rollup_answers (programme_id, month, question_id, answer, n) ",
                    );
                    qb.push_values(chunk, |mut b, ((p, m, q, a), n)| {
                        b.push_bind(*p).push_bind(m.as_str()).push_bind(*q).push_bind(a.as_str()).push_bind(**n);
                    });
                    qb.push(
                        " ON CONFLICT (programme_id, month, question_id, answer) DO UPDATE SET n = rollup_answers.n + excluded.n",
                    );
                    qb.build().execute(&mut *conn).await?;
                }
                let rows: Vec<_> = d.codes.iter().filter(|(_, n)| **n != 0).collect();
                for chunk in rows.chunks($crate::submissions::ROWS) {
                    let mut qb =
                        sqlx::QueryBuilder::<$db>::new("INSERT INTO rollup_codes (programme_id, month, tag_id, n) ");
                    qb.push_values(chunk, |mut b, ((p, m, t), n)| {
                        b.push_bind(*p).push_bind(m.as_str()).push_bind(*t).push_bind(**n);
                    });
                    qb.push(" ON CONFLICT (programme_id, month, tag_id) DO UPDATE SET n = rollup_codes.n + excluded.n");
                    qb.build().execute(&mut *conn).await?;
                }
                Ok(())
            }

            /// Counts (with `sign`) the stored submissions `ids`, skipping any that are concerns.
            pub(crate) async fn count_stored(
                conn: &mut <$db as sqlx::Database>::Connection,
                ids: &[i64],
                sign: i64,
                d: &mut Deltas,
            ) -> $crate::Result<()> {
                if ids.is_empty() {
                    return Ok(());
                }
                let list = |sql: &str| {
                    let mut qb = sqlx::QueryBuilder::<$db>::new(sql);
                    let mut sep = qb.separated(", ");
                    for id in ids {
                        sep.push_bind(*id);
                    }
                    qb.push(")");
                    qb
                };
                let mut qb = list(
                    "SELECT id, programme_id, version_id, submitted_on FROM submissions s WHERE NOT EXISTS \
                     (SELECT 1 FROM safeguarding_flags f WHERE f.submission_id = s.id) AND id IN (",
                );
                let subs: Vec<SubmissionKey> = qb.build_query_as().fetch_all(&mut *conn).await?;
                let mut qb = list(
                    "SELECT submission_id, question_id, state, rating, choices FROM answers WHERE submission_id IN (",
                );
                let answers: Vec<AnswerKey> = qb.build_query_as().fetch_all(&mut *conn).await?;
                let mut qb = list("SELECT submission_id, tag_id FROM submission_tags WHERE submission_id IN (");
                let tags: Vec<(i64, i64)> = qb.build_query_as().fetch_all(&mut *conn).await?;
                let mut by_sub: std::collections::HashMap<i64, Vec<(i64, Vec<String>)>> = Default::default();
                for (sid, q, state, rating, choices) in answers {
                    by_sub.entry(sid).or_default().push((q, answer_keys(&state, rating, choices.as_deref())));
                }
                for (id, programme_id, version_id, day) in subs {
                    let codes: Vec<i64> = tags.iter().filter(|(s, _)| *s == id).map(|(_, t)| *t).collect();
                    let counted = Counted {
                        programme_id,
                        version_id,
                        month: month_of(day),
                        answers: by_sub.remove(&id).unwrap_or_default(),
                        codes: &codes,
                    };
                    d.submission(counted, sign);
                }
                Ok(())
            }

            /// Counts (with `sign`) the codes a stored submission carries now, unless it is a concern.
            pub(crate) async fn count_codes(
                conn: &mut <$db as sqlx::Database>::Connection,
                submission_id: i64,
                sign: i64,
                d: &mut Deltas,
            ) -> $crate::Result<()> {
                let sub: Option<(i64, chrono::NaiveDate)> = sqlx::query_as(
                    "SELECT programme_id, submitted_on FROM submissions s WHERE id = $1 AND NOT EXISTS \
                     (SELECT 1 FROM safeguarding_flags f WHERE f.submission_id = s.id)",
                )
                .bind(submission_id)
                .fetch_optional(&mut *conn)
                .await?;
                let Some((programme_id, day)) = sub else { return Ok(()) };
                let codes: Vec<i64> =
                    sqlx::query_scalar("SELECT tag_id FROM submission_tags WHERE submission_id = $1")
                        .bind(submission_id)
                        .fetch_all(&mut *conn)
                        .await?;
                d.code_change(programme_id, &month_of(day), &codes, sign);
                Ok(())
            }

            /// Recounts every roll-up inside the caller's transaction.
            pub(crate) async fn rebuild_in(conn: &mut <$db as sqlx::Database>::Connection) -> $crate::Result<()> {
                for table in ["rollup_responses", "rollup_answers", "rollup_codes"] {
                    sqlx::query(&format!("DELETE FROM {table}")).execute(&mut *conn).await?;
                }
                let mut after = i64::MIN;
                loop {
                    let ids: Vec<i64> =
                        sqlx::query_scalar("SELECT id FROM submissions WHERE id > $1 ORDER BY id LIMIT $2")
                            .bind(after)
                            .bind($crate::rollups::REBUILD_PAGE)
                            .fetch_all(&mut *conn)
                            .await?;
                    let Some(last) = ids.last().copied() else { break };
                    let mut d = Deltas::default();
                    count_stored(&mut *conn, &ids, 1, &mut d).await?;
                    apply_rollups(&mut *conn, &d).await?;
                    after = last;
                }
                Ok(())
            }

            /// The first migration that finds no roll-ups fills them, once
            /// (a second server migrating at the same time waits, then skips).
            pub(crate) async fn build_once(conn: &mut <$db as sqlx::Database>::Connection) -> $crate::Result<()> {
                let first = sqlx::query(
                    "INSERT INTO settings (key, value) VALUES ('rollups_built', '1') ON CONFLICT (key) DO NOTHING",
                )
                .execute(&mut *conn)
                .await?
                .rows_affected()
                    == 1;
                if first {
                    rebuild_in(&mut *conn).await?;
                }
                Ok(())
            }

            /// Takes a stored submission out of the roll-ups (before it is
            /// withdrawn, or as it becomes a concern). A concern already is out.
            pub(crate) async fn take_back(
                conn: &mut <$db as sqlx::Database>::Connection,
                submission_id: i64,
            ) -> $crate::Result<()> {
                let mut d = Deltas::default();
                count_stored(&mut *conn, &[submission_id], -1, &mut d).await?;
                apply_rollups(&mut *conn, &d).await
            }
        }
    };
}
pub(crate) use impl_rollup_writes;

/// Submissions the rebuild reads at a time.
pub(crate) const REBUILD_PAGE: i64 = 2000;

macro_rules! impl_aggregates {
    ($store:ty) => {
        /// Range reads shared by the live roll-ups and their released
        /// copies (`table` is `rollup` or `released`, never user input).
        impl $store {
            pub(crate) async fn responses_in(
                &self,
                table: &'static str,
                programme_ids: &[i64],
                from: &str,
                to: &str,
            ) -> $crate::Result<Vec<$crate::rollups::RollupResponses>> {
                if programme_ids.is_empty() {
                    return Ok(vec![]);
                }
                let mut qb = sqlx::QueryBuilder::new(format!(
                    "SELECT programme_id, month, version_id, n FROM {table}_responses WHERE n <> 0 AND month >= "
                ));
                qb.push_bind(from).push(" AND month <= ").push_bind(to).push(" AND programme_id IN (");
                let mut sep = qb.separated(", ");
                for id in programme_ids {
                    sep.push_bind(*id);
                }
                qb.push(") ORDER BY programme_id, month, version_id");
                Ok(qb.build_query_as().fetch_all(&self.pool).await?)
            }

            pub(crate) async fn answers_in(
                &self,
                table: &'static str,
                programme_id: i64,
                from: &str,
                to: &str,
            ) -> $crate::Result<Vec<$crate::rollups::RollupAnswer>> {
                Ok(sqlx::query_as(&format!(
                    "SELECT month, question_id, answer, n FROM {table}_answers \
                     WHERE programme_id = $1 AND month >= $2 AND month <= $3 AND n <> 0 \
                     ORDER BY month, question_id, answer"
                ))
                .bind(programme_id)
                .bind(from)
                .bind(to)
                .fetch_all(&self.pool)
                .await?)
            }

            pub(crate) async fn codes_in(
                &self,
                table: &'static str,
                programme_ids: &[i64],
                from: &str,
                to: &str,
            ) -> $crate::Result<Vec<$crate::rollups::RollupCode>> {
                if programme_ids.is_empty() {
                    return Ok(vec![]);
                }
                let mut qb = sqlx::QueryBuilder::new(format!(
                    "SELECT programme_id, month, tag_id, n FROM {table}_codes WHERE n <> 0 AND month >= "
                ));
                qb.push_bind(from).push(" AND month <= ").push_bind(to).push(" AND programme_id IN (");
                let mut sep = qb.separated(", ");
                for id in programme_ids {
                    sep.push_bind(*id);
                }
                qb.push(") ORDER BY programme_id, month, tag_id");
                Ok(qb.build_query_as().fetch_all(&self.pool).await?)
            }
        }

        #[async_trait::async_trait]
        impl $crate::rollups::Aggregates for $store {
            async fn rollup_responses(
                &self,
                programme_ids: &[i64],
                from: &str,
                to: &str,
            ) -> $crate::Result<Vec<$crate::rollups::RollupResponses>> {
                self.responses_in("rollup", programme_ids, from, to).await
            }

            async fn rollup_answers(
                &self,
                programme_id: i64,
                from: &str,
                to: &str,
            ) -> $crate::Result<Vec<$crate::rollups::RollupAnswer>> {
                self.answers_in("rollup", programme_id, from, to).await
            }

            async fn rollup_codes(
                &self,
                programme_ids: &[i64],
                from: &str,
                to: &str,
            ) -> $crate::Result<Vec<$crate::rollups::RollupCode>> {
                self.codes_in("rollup", programme_ids, from, to).await
            }

            async fn rebuild_rollups(&self) -> $crate::Result<()> {
                let mut tx = self.begin_write().await?;
                self::rollup_writes::rebuild_in(&mut tx).await?;
                tx.commit().await?;
                Ok(())
            }
        }
    };
}
pub(crate) use impl_aggregates;
