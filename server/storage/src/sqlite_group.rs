//! The group-commit fast path: a whole group of submissions in a handful of
//! multi-row statements (one round trip each to SQLite's worker thread),
//! instead of several statements per submission. If any statement fails,
//! the caller rolls back and stores the group one submission at a time, so
//! one bad submission never fails the others.
use std::collections::{HashMap, HashSet};

use sqlx::{QueryBuilder, Sqlite, Transaction};

use crate::submissions::answer_columns;
use crate::{AnswerValue, NewSubmission, Result, SubmitOutcome};

/// Rows per statement, well under SQLite's 32766 bound parameters.
const ROWS: usize = 2000;

pub(crate) async fn insert_group(
    tx: &mut Transaction<'_, Sqlite>,
    subs: &[&NewSubmission],
) -> Result<Vec<SubmitOutcome>> {
    // Keys seen before (retries, withdrawn) and repeated within this group.
    let mut seen: HashMap<String, Option<i64>> = HashMap::new();
    for chunk in subs.chunks(ROWS) {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "SELECT key_hash, submission_id FROM submission_keys WHERE key_hash IN (",
        );
        let mut list = qb.separated(", ");
        for s in chunk {
            list.push_bind(&s.key_hash);
        }
        qb.push(")");
        let rows: Vec<(String, Option<i64>)> = qb.build_query_as().fetch_all(&mut **tx).await?;
        seen.extend(rows);
    }
    let mut outcomes: Vec<Option<SubmitOutcome>> = vec![None; subs.len()];
    let mut fresh: Vec<usize> = Vec::new();
    let mut in_group = HashSet::new();
    for (i, s) in subs.iter().enumerate() {
        outcomes[i] = match seen.get(&s.key_hash) {
            Some(Some(_)) => Some(SubmitOutcome::Duplicate),
            Some(None) => Some(SubmitOutcome::Withdrawn),
            None if !in_group.insert(s.key_hash.as_str()) => Some(SubmitOutcome::Duplicate),
            None => {
                fresh.push(i);
                None
            }
        };
    }

    // Submissions, mapped back by their unique receipt hash.
    let mut ids: HashMap<&str, i64> = HashMap::new();
    for chunk in fresh.chunks(ROWS) {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "INSERT INTO submissions (programme_id, version_id, locale, submitted_on, receipt_hash, personal_data_hint) ",
        );
        qb.push_values(chunk, |mut b, i| {
            let s = subs[*i];
            let hint = s.answers.iter().any(|a| !a.suggestions.is_empty());
            b.push_bind(s.programme_id)
                .push_bind(s.version_id)
                .push_bind(&s.locale)
                .push_bind(s.submitted_on)
                .push_bind(&s.receipt_hash)
                .push_bind(hint);
        });
        qb.push(" RETURNING id, receipt_hash");
        let rows: Vec<(i64, String)> = qb.build_query_as().fetch_all(&mut **tx).await?;
        for (id, hash) in rows {
            if let Some(i) = chunk.iter().find(|i| subs[**i].receipt_hash == hash) {
                ids.insert(subs[*i].receipt_hash.as_str(), id);
            }
        }
    }
    let id_of = |s: &NewSubmission| ids.get(s.receipt_hash.as_str()).copied().unwrap_or_default();

    // Answers. No RETURNING: each returned row crosses from SQLite's worker
    // thread one at a time, which cost more than the inserts themselves.
    let answers: Vec<(i64, &crate::NewAnswer)> = fresh
        .iter()
        .flat_map(|i| {
            let s = subs[*i];
            s.answers.iter().filter(|a| a.value != AnswerValue::Skipped).map(move |a| (id_of(s), a))
        })
        .collect();
    for chunk in answers.chunks(ROWS) {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "INSERT INTO answers (submission_id, question_id, state, rating, choices, body) ",
        );
        qb.push_values(chunk, |mut b, (sid, a)| {
            let (state, rating, choices, body) = answer_columns(a);
            b.push_bind(*sid)
                .push_bind(a.question_id)
                .push_bind(state)
                .push_bind(rating)
                .push_bind(choices)
                .push_bind(body.map(str::to_owned));
        });
        qb.build().execute(&mut **tx).await?;
    }
    // Only the few answers with redaction suggestions need their ids.
    let flagged: Vec<(i64, i64)> = answers
        .iter()
        .filter(|(_, a)| !a.suggestions.is_empty())
        .map(|(sid, a)| (*sid, a.question_id))
        .collect();
    let mut answer_ids: HashMap<(i64, i64), i64> = HashMap::new();
    for chunk in flagged.chunks(ROWS) {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "SELECT id, submission_id, question_id FROM answers WHERE (submission_id, question_id) IN (VALUES ",
        );
        let mut list = qb.separated(", ");
        for (sid, qid) in chunk {
            list.push("(").push_bind_unseparated(*sid).push_unseparated(", ");
            list.push_bind_unseparated(*qid).push_unseparated(")");
        }
        qb.push(")");
        let rows: Vec<(i64, i64, i64)> = qb.build_query_as().fetch_all(&mut **tx).await?;
        answer_ids.extend(rows.into_iter().map(|(id, sid, qid)| ((sid, qid), id)));
    }

    let spans: Vec<(i64, &(i64, i64, String))> = answers
        .iter()
        .flat_map(|(sid, a)| {
            let aid = answer_ids.get(&(*sid, a.question_id)).copied().unwrap_or_default();
            a.suggestions.iter().map(move |s| (aid, s))
        })
        .collect();
    for chunk in spans.chunks(ROWS) {
        let mut qb =
            QueryBuilder::<Sqlite>::new("INSERT INTO redactions (answer_id, start_at, end_at, kind) ");
        qb.push_values(chunk, |mut b, (aid, (start, end, kind))| {
            b.push_bind(*aid).push_bind(*start).push_bind(*end).push_bind(kind);
        });
        qb.build().execute(&mut **tx).await?;
    }

    let concerns: Vec<&NewSubmission> =
        fresh.iter().map(|i| subs[*i]).filter(|s| s.safeguarding.is_some()).collect();
    for chunk in concerns.chunks(ROWS) {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "INSERT INTO safeguarding_flags (programme_id, submission_id, source, answer, body, created_on) ",
        );
        qb.push_values(chunk, |mut b, s| {
            let sg = s.safeguarding.as_ref();
            b.push_bind(s.programme_id)
                .push_bind(id_of(s))
                .push_bind("question")
                .push_bind(sg.map(|g| g.answer.clone()))
                .push_bind(sg.and_then(|g| g.body.clone()))
                .push_bind(s.submitted_on);
        });
        qb.build().execute(&mut **tx).await?;
    }

    for chunk in fresh.chunks(ROWS) {
        let mut qb =
            QueryBuilder::<Sqlite>::new("INSERT INTO submission_keys (key_hash, submission_id, created_on) ");
        qb.push_values(chunk, |mut b, i| {
            let s = subs[*i];
            b.push_bind(&s.key_hash).push_bind(id_of(s)).push_bind(s.submitted_on);
        });
        qb.build().execute(&mut **tx).await?;
    }

    Ok(outcomes
        .into_iter()
        .zip(subs)
        .map(|(o, s)| o.unwrap_or(SubmitOutcome::Stored { id: id_of(s) }))
        .collect())
}
