//! The urgent view on SQLite and PostgreSQL: concerns arrive at once and
//! stay out of the queue, steps follow new → acknowledged → referred →
//! closed with who and when, and each alert is claimed by one sender.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use chrono::NaiveDate;
use common::fixtures::{concerned, programme, submission};
use siang_storage::*;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn queue(p: &Programme) -> QueueFilter {
    QueueFilter { programme_id: p.id, released_before: day(20), limit: 100, ..Default::default() }
}

async fn stored(db: &Db, s: NewSubmission) -> i64 {
    let SubmitOutcome::Stored { id } = db.submit(s).await.unwrap() else { panic!() };
    id
}

#[tokio::test]
async fn a_concern_is_in_the_urgent_view_at_once_and_never_in_the_queue() {
    for t in common::all().await {
        let (p, v) = programme(&t.db, "URGE").await;
        let plain = stored(&t.db, submission(&p, &v, "plain")).await;
        let worried = stored(&t.db, concerned(&p, &v, "worried")).await;

        // Same day: the queue has nothing yet, the urgent view has the concern.
        let open = t.db.concerns(&[p.id], false).await.unwrap();
        assert_eq!(open.len(), 1, "{}", t.name);
        let c = &open[0];
        assert_eq!(
            (c.submission_id, c.source.as_str(), c.state.as_str()),
            (Some(worried), "question", "new")
        );
        // 15:47:12 is kept as 15:00.
        assert_eq!(c.raised_hour, day(2).and_hms_opt(15, 0, 0).unwrap().and_utc().timestamp(), "{}", t.name);
        assert_eq!(c.acknowledged_at, None);
        assert!(t.db.concerns(&[p.id], true).await.unwrap().is_empty(), "{}: nothing closed", t.name);
        assert!(t.db.concerns(&[], false).await.unwrap().is_empty(), "{}: no programmes, nothing", t.name);

        // Released days later, only the plain one reaches the queue and its counts.
        let ids: Vec<i64> = t.db.queue(&queue(&p)).await.unwrap().into_iter().map(|r| r.id).collect();
        assert_eq!(ids, vec![plain], "{}", t.name);
        assert_eq!(
            t.db.queue_counts(p.id, day(20)).await.unwrap(),
            vec![("new".to_owned(), 1)],
            "{}",
            t.name
        );
        assert!(
            !t.db.set_moderation(worried, "approved").await.unwrap(),
            "{}: it cannot be approved",
            t.name
        );

        // A moderator marks the plain one: it leaves the queue too, once.
        let raise = NewConcern {
            submission_id: plain,
            programme_id: p.id,
            reason: Some("hinted at a threat"),
            today: day(5),
            now: 1_793_876_399,
        };
        let (flag, new) = t.db.raise_concern(&raise).await.unwrap();
        assert!(new, "{}", t.name);
        assert_eq!(
            t.db.raise_concern(&raise).await.unwrap(),
            (flag, false),
            "{}: marked twice, one concern",
            t.name
        );
        assert!(t.db.queue(&queue(&p)).await.unwrap().is_empty(), "{}", t.name);
        assert!(t.db.queue_counts(p.id, day(20)).await.unwrap().is_empty(), "{}", t.name);
        let detail = t.db.concern(flag).await.unwrap().unwrap();
        assert_eq!(
            (detail.source.as_str(), detail.body.as_deref()),
            ("moderator", Some("hinted at a threat"))
        );
        assert_eq!(detail.raised_hour, 1_793_872_800, "{}: to the hour", t.name);
        assert_eq!(t.db.concern_of_submission(plain).await.unwrap(), Some(flag));
        assert_eq!(t.db.concern_of_submission(worried).await.unwrap(), Some(c.id));
        // Oldest first among the new ones.
        let open: Vec<i64> = t.db.concerns(&[p.id], false).await.unwrap().into_iter().map(|c| c.id).collect();
        assert_eq!(open, vec![c.id, flag], "{}", t.name);
    }
}

#[tokio::test]
async fn steps_go_forward_only_and_keep_who_and_when() {
    for t in common::all().await {
        let (p, v) = programme(&t.db, "STEP").await;
        stored(&t.db, concerned(&p, &v, "s")).await;
        let id = t.db.concerns(&[p.id], false).await.unwrap()[0].id;
        let ana = t.db.create_staff("ana@x.org", "Ana", 1).await.unwrap().id;
        let bo = t.db.create_staff("bo@x.org", "Bo", 1).await.unwrap().id;

        for to in ["referred", "closed", "new", "open", ""] {
            assert!(
                !t.db.step_concern(id, to, ana, None, 10).await.unwrap(),
                "{}: {to} before acknowledging",
                t.name
            );
        }
        assert!(t.db.step_concern(id, "acknowledged", ana, None, 1000).await.unwrap(), "{}", t.name);
        assert!(!t.db.step_concern(id, "acknowledged", bo, None, 1001).await.unwrap(), "{}: twice", t.name);
        assert_eq!(t.db.concerns(&[p.id], false).await.unwrap()[0].acknowledged_at, Some(1000), "{}", t.name);
        assert!(t.db.step_concern(id, "referred", bo, Some("helpline 1280, case 44"), 2000).await.unwrap());
        assert!(
            !t.db.step_concern(id, "acknowledged", bo, None, 2001).await.unwrap(),
            "{}: never back",
            t.name
        );
        assert!(t.db.step_concern(id, "closed", ana, Some("safe with her aunt"), 3000).await.unwrap());
        assert!(t.db.concerns(&[p.id], false).await.unwrap().is_empty(), "{}", t.name);
        assert_eq!(t.db.concerns(&[p.id], true).await.unwrap()[0].state, "closed", "{}", t.name);
        let steps = t.db.concern_steps(id).await.unwrap();
        let seen: Vec<(&str, &str, i64, Option<&str>)> = steps
            .iter()
            .map(|s| (s.state.as_str(), s.staff_name.as_str(), s.at, s.note.as_deref()))
            .collect();
        assert_eq!(
            seen,
            vec![
                ("acknowledged", "Ana", 1000, None),
                ("referred", "Bo", 2000, Some("helpline 1280, case 44")),
                ("closed", "Ana", 3000, Some("safe with her aunt")),
            ],
            "{}",
            t.name
        );
        assert!(
            !t.db.step_concern(id + 1, "acknowledged", ana, None, 1).await.unwrap(),
            "{}: unknown",
            t.name
        );
    }
}

#[tokio::test]
async fn each_alert_is_claimed_by_one_sender_until_sent() {
    for t in common::all().await {
        let (p, v) = programme(&t.db, "ALRT").await;
        stored(&t.db, concerned(&p, &v, "a")).await;
        stored(&t.db, concerned(&p, &v, "b")).await;
        let mut claimed = t.db.claim_alerts(5000, 120, 10).await.unwrap();
        claimed.sort_unstable();
        assert_eq!(claimed.len(), 2, "{}", t.name);
        assert!(claimed.iter().all(|(_, prog)| *prog == p.id));
        // Another process, within the lease, gets nothing; after it, both again.
        assert!(t.db.claim_alerts(5100, 120, 10).await.unwrap().is_empty(), "{}", t.name);
        t.db.alert_done(claimed[0].0, true).await.unwrap();
        let again = t.db.claim_alerts(5121, 120, 10).await.unwrap();
        assert_eq!(again, vec![claimed[1]], "{}: the unsent one only", t.name);
        // Acknowledged before it went out: no alert is needed any more.
        let ana = t.db.create_staff("ana@x.org", "Ana", 1).await.unwrap().id;
        assert!(t.db.step_concern(claimed[1].0, "acknowledged", ana, None, 5200).await.unwrap());
        assert!(t.db.claim_alerts(9999, 120, 10).await.unwrap().is_empty(), "{}", t.name);
        // Old concerns (demo data) are settled without a message.
        stored(&t.db, concerned(&p, &v, "old")).await;
        assert_eq!(
            t.db.settle_alerts_before(to_hour(1_764_000_000)).await.unwrap(),
            0,
            "{}: raised later",
            t.name
        );
        assert_eq!(t.db.settle_alerts_before(4_000_000_000).await.unwrap(), 1, "{}", t.name);
        assert!(t.db.claim_alerts(9999, 120, 10).await.unwrap().is_empty(), "{}", t.name);
    }
}

#[tokio::test]
async fn a_programme_keeps_its_contacts_and_referral_steps() {
    for t in common::all().await {
        let (p, _) = programme(&t.db, "SETP").await;
        assert_eq!(t.db.safeguarding_setup(p.id).await.unwrap(), SafeguardingSetup::default(), "{}", t.name);
        let setup = SafeguardingSetup {
            contacts: vec!["duty@x.org".into(), "lead@x.org".into()],
            referral_steps: vec!["Call the duty officer.".into(), "Call 1280.".into()],
        };
        t.db.set_safeguarding_setup(p.id, &setup).await.unwrap();
        t.db.set_safeguarding_setup(p.id, &setup).await.unwrap();
        assert_eq!(t.db.safeguarding_setup(p.id).await.unwrap(), setup, "{}", t.name);
        assert!(t.db.programme_places(p.id).await.unwrap().is_empty());
        t.db.set_programme_places(p.id, &["Phum Thmey".into(), " ".into(), "บ้านสุขใจ".into()]).await.unwrap();
        assert_eq!(t.db.programme_places(p.id).await.unwrap(), vec!["Phum Thmey", "บ้านสุขใจ"], "{}", t.name);
    }
}
