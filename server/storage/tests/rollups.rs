//! Monthly roll-ups kept on every write equal a recount from the stored
//! answers, on both backends: submissions (one at a time and in bulk), a
//! concern that came in as one, a concern raised later, coding and
//! recoding, withdrawal. The expected counts are written by hand.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::NaiveDate;
use common::fixtures::{concerned, programme, submission};
use siang_storage::*;

fn on(s: NewSubmission, month: u32, rating: i64) -> NewSubmission {
    let mut s = s;
    s.submitted_on = NaiveDate::from_ymd_opt(2026, month, 9).unwrap();
    s.answers[0].value = AnswerValue::Rating(rating);
    s
}

async fn snapshot(db: &Db, p: i64) -> (Vec<RollupResponses>, Vec<RollupAnswer>, Vec<RollupCode>) {
    (
        db.rollup_responses(&[p], "2026-01", "2026-12").await.unwrap(),
        db.rollup_answers(p, "2026-01", "2026-12").await.unwrap(),
        db.rollup_codes(&[p], "2026-01", "2026-12").await.unwrap(),
    )
}

#[tokio::test]
async fn rollups_follow_every_write_and_equal_a_recount() {
    for t in common::all().await {
        let (p, v) = programme(&t.db, "ROLL").await;
        let (scale, text) = (v.questions[0].id, v.questions[1].id);
        let stored = |o: SubmitOutcome| match o {
            SubmitOutcome::Stored { id } => id,
            other => panic!("{other:?}"),
        };
        let a = stored(t.db.submit(on(submission(&p, &v, "a"), 10, 4)).await.unwrap());
        let b = stored(t.db.submit(on(submission(&p, &v, "b"), 10, 2)).await.unwrap());
        let mut skipped = on(submission(&p, &v, "c"), 11, 5);
        skipped.answers[1].value = AnswerValue::Skipped;
        let c = stored(t.db.submit(skipped).await.unwrap());
        let mut unsure = on(submission(&p, &v, "d"), 11, 1);
        unsure.answers[0].value = AnswerValue::DontKnow;
        t.db.insert_submissions(vec![unsure, on(submission(&p, &v, "e"), 11, 4)]).await.unwrap();
        // Came in as a concern: never counted.
        t.db.submit(on(concerned(&p, &v, "f"), 11, 3)).await.unwrap();
        // A replayed form stores (and counts) nothing.
        t.db.submit(on(submission(&p, &v, "a"), 10, 4)).await.unwrap();

        let (responses, answers, _) = snapshot(&t.db, p.id).await;
        let per_month: Vec<(String, i64)> = responses.iter().map(|r| (r.month.clone(), r.n)).collect();
        assert_eq!(per_month, vec![("2026-10".into(), 2), ("2026-11".into(), 3)], "{}", t.name);
        let nov: Vec<(i64, &str, i64)> = answers
            .iter()
            .filter(|r| r.month == "2026-11")
            .map(|r| (r.question_id, r.answer.as_str(), r.n))
            .collect();
        let mut want = vec![
            (scale, "answered", 2),
            (scale, "dont_know", 1),
            (scale, "r4", 1),
            (scale, "r5", 1),
            (text, "answered", 2),
        ];
        want.sort();
        let mut got = nov.clone();
        got.sort();
        assert_eq!(got, want, "{}", t.name);

        // Coding, recoding; a concern raised later; a withdrawal.
        let theme = t.db.codebook(&[]).await.unwrap().into_iter().find(|c| c.key == "safety").unwrap().id;
        let health = t.db.codebook(&[]).await.unwrap().into_iter().find(|c| c.key == "health").unwrap().id;
        t.db.set_codes(a, &[theme, health]).await.unwrap();
        t.db.set_codes(b, &[theme]).await.unwrap();
        t.db.set_codes(a, &[theme]).await.unwrap();
        let (_, _, codes) = snapshot(&t.db, p.id).await;
        let codes: Vec<(i64, i64)> = codes.iter().map(|c| (c.tag_id, c.n)).collect();
        assert_eq!(codes, vec![(theme, 2)], "{}", t.name);
        let concern = NewConcern {
            submission_id: b,
            programme_id: p.id,
            reason: None,
            today: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            now: 0,
        };
        t.db.raise_concern(&concern).await.unwrap();
        t.db.raise_concern(&concern).await.unwrap();
        t.db.set_codes(b, &[health]).await.unwrap();
        assert!(t.db.withdraw(c).await.unwrap());
        assert!(!t.db.withdraw(c).await.unwrap());

        let kept = snapshot(&t.db, p.id).await;
        let per_month: Vec<(String, i64)> = kept.0.iter().map(|r| (r.month.clone(), r.n)).collect();
        assert_eq!(per_month, vec![("2026-10".into(), 1), ("2026-11".into(), 2)], "{}", t.name);
        let oct: Vec<(&str, i64)> = kept
            .1
            .iter()
            .filter(|r| r.month == "2026-10" && r.question_id == scale)
            .map(|r| (r.answer.as_str(), r.n))
            .collect();
        assert_eq!(oct, vec![("answered", 1), ("r4", 1)], "{}: b became a concern", t.name);
        assert_eq!(
            kept.2.iter().map(|c| (c.tag_id, c.n)).collect::<Vec<_>>(),
            vec![(theme, 1)],
            "{}",
            t.name
        );

        t.db.rebuild_rollups().await.unwrap();
        assert_eq!(snapshot(&t.db, p.id).await, kept, "{}: kept counts equal a recount", t.name);
    }
}

#[tokio::test]
async fn the_first_migration_counts_what_is_already_stored_once() {
    for t in common::all().await {
        let (p, v) = programme(&t.db, "ONCE").await;
        t.db.submit(on(submission(&p, &v, "a"), 9, 3)).await.unwrap();
        let raw = t.raw().await;
        raw.exec("DELETE FROM rollup_responses").await;
        raw.exec("DELETE FROM rollup_answers").await;
        raw.exec("DELETE FROM settings WHERE key = 'rollups_built'").await;
        t.db.migrate().await.unwrap();
        let n: Vec<i64> = snapshot(&t.db, p.id).await.0.iter().map(|r| r.n).collect();
        assert_eq!(n, vec![1], "{}: counted from the answers", t.name);
        t.db.migrate().await.unwrap();
        let n: Vec<i64> = snapshot(&t.db, p.id).await.0.iter().map(|r| r.n).collect();
        assert_eq!(n, vec![1], "{}: and only once", t.name);
        raw.close().await;
    }
}
