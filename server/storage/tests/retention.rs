//! Retention on both backends, with the day given (no system clock): words
//! go after N months, whole responses after M, closed concerns after S;
//! open concerns, published quotes and every roll-up stay. A second run
//! deletes nothing; one process claims each day. Counts written by hand.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::NaiveDate;
use common::fixtures::{concerned, programme, submission};
use siang_storage::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn on(s: NewSubmission, d: NaiveDate) -> NewSubmission {
    NewSubmission { submitted_on: d, ..s }
}

fn stored(o: SubmitOutcome) -> i64 {
    match o {
        SubmitOutcome::Stored { id } => id,
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn retention_deletes_what_is_due_and_keeps_every_count() {
    for t in common::all().await {
        let n = t.name;
        let (p, v) = programme(&t.db, "KEEP").await;
        let org = p.organisation_id;
        let staff = t.db.create_staff("m@x.org", "M", 1).await.unwrap().id;
        let text_q = v.questions[1].id;
        // Today is 2027-03-01: responses before 2025-03-01, words before
        // 2026-03-01 and closed concerns before 2025-03-01 go.
        let rule = RetentionRule {
            organisation_id: Some(org),
            free_text_months: 12,
            submission_months: 24,
            safeguarding_months: 24,
        };
        t.db.set_retention(&rule).await.unwrap();
        let old = stored(t.db.submit(on(submission(&p, &v, "old"), day(2025, 1, 10))).await.unwrap());
        let mid = stored(t.db.submit(on(submission(&p, &v, "mid"), day(2025, 6, 10))).await.unwrap());
        let new = stored(t.db.submit(on(submission(&p, &v, "new"), day(2026, 12, 1))).await.unwrap());
        let closed = stored(t.db.submit(on(concerned(&p, &v, "closed"), day(2025, 1, 11))).await.unwrap());
        let open = stored(t.db.submit(on(concerned(&p, &v, "open"), day(2025, 1, 12))).await.unwrap());
        let raw = t.raw().await;
        // Concerns raised on the day their response came in.
        raw.exec("UPDATE safeguarding_flags SET created_on = (SELECT submitted_on FROM submissions s WHERE s.id = submission_id)").await;
        let closed_flag = t.db.concern_of_submission(closed).await.unwrap().unwrap();
        let open_flag = t.db.concern_of_submission(open).await.unwrap().unwrap();
        assert!(t.db.step_concern(closed_flag, "acknowledged", staff, None, 1).await.unwrap());
        assert!(t.db.step_concern(closed_flag, "closed", staff, Some("done"), 2).await.unwrap());
        t.db.add_reply(old, Some(staff), "Thank you").await.unwrap();
        let mid_text =
            t.db.answers_of(mid).await.unwrap().into_iter().find(|a| a.question_id == text_q).unwrap().id;
        let theme = t.db.codebook(&[]).await.unwrap().into_iter().find(|c| c.key == "safety").unwrap().id;
        assert!(t.db.add_span_code(mid, mid_text, "012", theme).await.unwrap());
        let quote = |body| NewQuote {
            programme_id: p.id,
            submission_id: mid,
            answer_id: mid_text,
            body,
            month: "2025-06",
            tag_id: theme,
            staff_id: staff,
        };
        t.db.add_quote(&quote("call")).await.unwrap();
        let public = t.db.add_quote(&quote("012")).await.unwrap();
        raw.exec(&format!("UPDATE quotes SET published = TRUE WHERE id = {public}")).await;
        let rollups = |db: Db| async move {
            (
                db.rollup_responses(&[p.id], "2024-01", "2027-12").await.unwrap(),
                db.rollup_answers(p.id, "2024-01", "2027-12").await.unwrap(),
                db.rollup_codes(&[p.id], "2024-01", "2027-12").await.unwrap(),
            )
        };
        let before = rollups(t.db.clone()).await;

        let today = day(2027, 3, 1);
        let cut = t.db.retention_rule(org).await.unwrap().cutoffs(today);
        assert_eq!(cut.responses, Some(day(2025, 3, 1)), "{n}");
        // Due now: words of old, mid, closed and open; old, closed and open
        // as whole responses; the closed concern (the open one waits).
        let due = t.db.retention_due(org, &cut).await.unwrap();
        assert_eq!(due, RetentionCounts { texts: 4, responses: 3, concerns: 1 }, "{n}");
        // What goes after that: the words of mid (June 2025) are already due;
        // next are those of new, then the response mid; no closed concern waits.
        let oldest = t.db.retention_oldest(org, &cut).await.unwrap();
        assert_eq!(
            oldest,
            Oldest {
                text: Some(day(2026, 12, 1)),
                response: Some(day(2025, 6, 10)),
                concern: None,
                open_past: 1
            },
            "{n}"
        );

        let done = t.db.apply_retention(org, today).await.unwrap();
        assert_eq!(done, RetentionCounts { texts: 1, responses: 3, concerns: 1 }, "{n}");
        let left: Vec<i64> =
            raw.ints("SELECT id FROM submissions ORDER BY id").await.into_iter().flatten().collect();
        let mut want = vec![mid, new];
        want.sort();
        assert_eq!(left, want, "{n}");
        let mid_answers = t.db.answers_of(mid).await.unwrap();
        assert_eq!(
            mid_answers.iter().find(|a| a.question_id == text_q).unwrap().body,
            None,
            "{n}: words gone"
        );
        assert_eq!(
            mid_answers.iter().find(|a| a.question_id != text_q).unwrap().rating,
            Some(4),
            "{n}: rating kept"
        );
        let new_text =
            t.db.answers_of(new).await.unwrap().into_iter().find(|a| a.question_id == text_q).unwrap();
        assert_eq!(new_text.body.as_deref(), Some("call 012 345 678"), "{n}: recent words kept");
        assert_eq!(raw.int("SELECT COUNT(*) FROM span_codes").await, Some(0), "{n}");
        let spans = |a: i64| format!("SELECT COUNT(*) FROM redactions WHERE answer_id = {a}");
        assert_eq!(raw.int(&spans(mid_text)).await, Some(0), "{n}: redaction spans pointed into the words");
        assert_eq!(raw.int(&spans(new_text.id)).await, Some(1), "{n}");
        assert_eq!(raw.int("SELECT COUNT(*) FROM replies").await, Some(0), "{n}");
        let quotes = raw.texts("SELECT body FROM quotes WHERE answer_id IS NULL").await;
        assert_eq!(quotes, vec![Some("012".to_owned())], "{n}: only the published quote stays, unlinked");
        let flags: Vec<i64> =
            raw.ints("SELECT id FROM safeguarding_flags").await.into_iter().flatten().collect();
        assert_eq!(flags, vec![open_flag], "{n}: the open concern outlives its response");
        assert_eq!(raw.int("SELECT COUNT(*) FROM safeguarding_steps").await, Some(0), "{n}");
        assert_eq!(rollups(t.db.clone()).await, before, "{n}: dashboards stay right");

        // Again the same day, or a later one with nothing new due: nothing.
        assert_eq!(t.db.apply_retention(org, today).await.unwrap(), RetentionCounts::default(), "{n}");
        assert_eq!(t.db.retention_due(org, &cut).await.unwrap(), RetentionCounts::default(), "{n}");
    }
}

#[tokio::test]
async fn an_organisation_without_its_own_rule_follows_the_default_and_one_process_claims_a_day() {
    for t in common::all().await {
        let n = t.name;
        let (p, v) = programme(&t.db, "DEF").await;
        let default = t.db.retention_rule(p.organisation_id).await.unwrap();
        assert_eq!(
            (
                default.organisation_id,
                default.free_text_months,
                default.submission_months,
                default.safeguarding_months
            ),
            (None, 12, 36, 72),
            "{n}"
        );
        let s = stored(t.db.submit(on(submission(&p, &v, "a"), day(2025, 1, 10))).await.unwrap());
        let done = t.db.apply_retention(p.organisation_id, day(2027, 3, 1)).await.unwrap();
        assert_eq!(done, RetentionCounts { texts: 1, responses: 0, concerns: 0 }, "{n}");
        assert!(t.db.answers_of(s).await.unwrap().iter().all(|a| a.body.is_none()), "{n}");
        // A changed default applies at once; an organisation's own rule wins.
        let mut rule = default;
        rule.submission_months = 24;
        t.db.set_retention(&rule).await.unwrap();
        assert_eq!(t.db.retention_rule(p.organisation_id).await.unwrap().submission_months, 24, "{n}");
        t.db.set_retention(&RetentionRule { organisation_id: Some(p.organisation_id), ..rule })
            .await
            .unwrap();
        t.db.set_retention(&RetentionRule {
            organisation_id: Some(p.organisation_id),
            submission_months: 30,
            ..rule
        })
        .await
        .unwrap();
        assert_eq!(t.db.retention_rule(p.organisation_id).await.unwrap().submission_months, 30, "{n}");
        assert_eq!(t.db.retention_rules().await.unwrap().len(), 2, "{n}: one default, one own rule");

        assert_eq!(t.db.last_retention_day().await.unwrap(), None, "{n}");
        assert!(t.db.claim_retention_day(day(2027, 3, 1)).await.unwrap(), "{n}");
        assert_eq!(t.db.last_retention_day().await.unwrap(), Some(day(2027, 3, 1)), "{n}");
        assert!(!t.db.claim_retention_day(day(2027, 3, 1)).await.unwrap(), "{n}: the same day twice");
        assert!(!t.db.claim_retention_day(day(2027, 2, 28)).await.unwrap(), "{n}: an earlier day");
        assert!(t.db.claim_retention_day(day(2027, 3, 2)).await.unwrap(), "{n}");
    }
}
