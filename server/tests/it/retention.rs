//! Retention over HTTP and with the clock moved (issue 11): an
//! administrator reads what goes next and when, and changes the rule (bad
//! numbers change nothing; other roles and organisations are refused); the
//! daily task deletes what is due once a day, keeps the dashboard counts
//! and audits counts only; `siang retention run` does the same for cron.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use app::i18n::FluentArgs;
use app::i18n::{Locale, CATALOG};
use app::model::staff::Role;
use chrono::{Months, NaiveDate};
use siang_storage::*;

use crate::common::TestServer;
use crate::moderation::audit_of;

/// An organisation of its own (the demo's keep their words two years),
/// one programme on the default questionnaire, and `days` of responses
/// with words in the first text question.
async fn organisation(s: &TestServer, days: &[NaiveDate]) -> (Organisation, Programme, i64, Vec<i64>) {
    let org = s.db.upsert_organisation("keep-org", "Keep Org").await.unwrap();
    let safe = s.db.programme_by_code("SAFE24").await.unwrap().unwrap();
    let p =
        s.db.create_programme(&NewProgramme {
            organisation_id: org.id,
            code: "KEEP1".into(),
            name: "Keep".into(),
            country: "KH".into(),
            languages: vec!["en".into()],
            opens_on: None,
            closes_on: None,
            questionnaire_id: safe.questionnaire_id,
            team_name: "Team".into(),
            response_days: 14,
        })
        .await
        .unwrap();
    let v = s.db.current_version(safe.questionnaire_id).await.unwrap().unwrap();
    let text = v.questions.iter().find(|q| q.kind == "text" && !q.restricted).unwrap().id;
    let scale = v.questions.iter().find(|q| q.kind == "scale" && !q.restricted).unwrap().id;
    let subs = days
        .iter()
        .enumerate()
        .map(|(i, d)| NewSubmission {
            programme_id: p.id,
            version_id: v.id,
            locale: "en".into(),
            submitted_on: *d,
            receipt_hash: format!("keep-r{i}"),
            key_hash: format!("keep-k{i}"),
            answers: vec![
                NewAnswer { question_id: scale, value: AnswerValue::Rating(3), suggestions: vec![] },
                NewAnswer {
                    question_id: text,
                    value: AnswerValue::Text(format!("words {i}")),
                    suggestions: vec![],
                },
            ],
            safeguarding: None,
        })
        .collect();
    let ids =
        s.db.insert_submissions(subs)
            .await
            .unwrap()
            .into_iter()
            .map(|o| match o {
                SubmitOutcome::Stored { id } => id,
                other => panic!("{other:?}"),
            })
            .collect();
    (org, p, text, ids)
}

/// The text of the retention table's row for `name`.
fn row_of(page: &crate::common::staff::Page, name: &str) -> String {
    page.text_of("table.retention tbody tr").into_iter().find(|r| r.contains(name)).unwrap_or_default()
}

/// What a field of an organisation's rule form holds.
fn field_of(page: &crate::common::staff::Page, org: i64, field: &str) -> Option<String> {
    let sel = scraper::Selector::parse(&format!("#r{org}-{field}")).unwrap();
    page.doc().select(&sel).next().and_then(|e| e.value().attr("value").map(str::to_owned))
}

fn months_ago(today: NaiveDate, m: u32) -> NaiveDate {
    today.checked_sub_months(Months::new(m)).unwrap()
}

fn counts(texts: i64, responses: i64, concerns: i64) -> String {
    let mut args = FluentArgs::new();
    args.set("texts", texts);
    args.set("responses", responses);
    args.set("concerns", concerns);
    CATALOG.format(Locale::En, "retention-counts", Some(&args)).unwrap()
}

#[tokio::test]
async fn an_administrator_sees_what_goes_next_and_changes_the_rule() {
    let s = crate::common::start().await;
    let today = s.state().await.today();
    // Two responses 13 months old (words due under the default 12), one
    // that reaches 12 months in 20 days, one from last week.
    let soon = months_ago(today, 12) + chrono::Days::new(20);
    let days = [months_ago(today, 13), months_ago(today, 13), soon, today - chrono::Days::new(7)];
    let (org, _, _, _) = organisation(&s, &days).await;
    let mut admin = s.signed_in("root@x.org", Role::Admin, None, None).await;
    let page = admin.browser.get(&s, "/en/staff/retention").await;
    assert_eq!(page.status, 200);
    assert!(page.html.contains(r#"href="/en/staff/retention""#), "the staff navigation leads here");
    assert_eq!(page.text_of("#default h2"), vec!["Installation default".to_owned()]);
    let row = row_of(&page, "Keep Org");
    assert!(row.contains("Follows the default"), "{row}");
    assert!(row.contains(&counts(2, 0, 0)), "due now: {row}");
    assert!(row.contains(&counts(1, 0, 0)), "within 30 days: {row}");
    let next = soon.checked_add_months(Months::new(12)).unwrap().format("%Y-%m-%d").to_string();
    assert!(row.contains(&next), "the next words go on {next}: {row}");

    // Bad numbers change nothing and say why.
    let before = s.db.retention_rule(org.id).await.unwrap();
    let org_id = org.id.to_string();
    for (free, resp, safe) in
        [("0", "36", "72"), ("30", "24", "72"), ("12", "36", "6"), ("x", "36", "72"), ("12", "", "72")]
    {
        let r = admin
            .browser
            .post(
                &s,
                "/en/staff/retention/save",
                &[("org", org_id.as_str()), ("free_text", free), ("responses", resp), ("safeguarding", safe)],
            )
            .await;
        assert_eq!(r.error_codes(), vec!["E-RETENTION-RANGE"], "{free} {resp} {safe}");
        assert_eq!(field_of(&r, org.id, "free_text").as_deref(), Some(free), "what was typed stays");
    }
    assert_eq!(s.db.retention_rule(org.id).await.unwrap(), before);
    let r = admin
        .browser
        .post(
            &s,
            "/en/staff/retention/save",
            &[("org", org_id.as_str()), ("free_text", "6"), ("responses", "24"), ("safeguarding", "84")],
        )
        .await;
    assert_eq!(
        r.location.as_deref(),
        Some("/en/staff/retention?done=retention-saved"),
        "{:?}",
        r.error_codes()
    );
    let rule = s.db.retention_rule(org.id).await.unwrap();
    assert_eq!(
        (rule.organisation_id, rule.free_text_months, rule.submission_months, rule.safeguarding_months),
        (Some(org.id), 6, 24, 84)
    );
    let entry = audit_of(&s, "retention_saved").await.remove(0);
    assert_eq!(
        entry.detail.as_deref(),
        Some("words 6 months, responses 24 months, closed concerns 84 months")
    );
    // Now three responses' words are due (6 months), none in the next 30 days.
    let page = admin.browser.get(&s, "/en/staff/retention").await;
    let row = row_of(&page, "Keep Org");
    assert!(row.contains("Its own rule") && row.contains(&counts(3, 0, 0)), "{row}");

    // Another organisation's administrator sees only theirs and changes nothing here.
    let other = s.db.organisations().await.unwrap().into_iter().find(|o| o.id != org.id).unwrap();
    let mut theirs = s.signed_in("other@x.org", Role::Admin, Some(other.id), None).await;
    let page = theirs.browser.get(&s, "/en/staff/retention").await;
    assert_eq!(page.status, 200);
    assert!(!page.html.contains("Keep Org") && !page.html.contains(r#"id="default""#));
    for org_field in [org_id.as_str(), ""] {
        let r = theirs
            .browser
            .post(
                &s,
                "/en/staff/retention/save",
                &[("org", org_field), ("free_text", "1"), ("responses", "1"), ("safeguarding", "12")],
            )
            .await;
        assert_eq!(r.error_codes(), vec!["E-FORBIDDEN"], "org {org_field:?}");
    }
    assert_eq!(s.db.retention_rule(org.id).await.unwrap().free_text_months, 6);
    // Moderators and designers do not reach the page at all.
    for (email, role) in [("m@x.org", Role::Moderator), ("d@x.org", Role::Designer)] {
        let mut them = s.signed_in(email, role, None, None).await;
        assert_eq!(them.browser.get(&s, "/en/staff/retention").await.status, 403, "{role:?}");
    }
}

#[tokio::test]
async fn the_daily_task_deletes_what_is_due_once_a_day_and_keeps_the_counts() {
    let s = crate::common::start().await;
    let state = s.state().await;
    let today = state.today();
    // Words 11 months and 20 days old: not due today, due in 10 days.
    let (org, p, text, ids) = organisation(&s, &[months_ago(today, 12) + chrono::Days::new(10)]).await;
    let month = rollup_month(&s, &p).await;
    assert_eq!(app::retention::tick(&state).await.unwrap(), Some(RetentionCounts::default()));
    assert_eq!(app::retention::tick(&state).await.unwrap(), None, "once a day");
    state.config.clock.advance(Duration::from_secs(11 * 24 * 3600));
    let done = app::retention::tick(&state).await.unwrap();
    assert_eq!(done, Some(RetentionCounts { texts: 1, responses: 0, concerns: 0 }));
    let words = s.db.answers_of(ids[0]).await.unwrap();
    assert_eq!(words.iter().find(|a| a.question_id == text).unwrap().body, None);
    assert_eq!(rollup_month(&s, &p).await, month, "the dashboard's counts stay");
    let entry = audit_of(&s, "retention_applied").await.remove(0);
    assert_eq!(entry.detail.as_deref(), Some("words 1, responses 0, closed concerns 0"));
    assert_eq!(entry.actor_id, None);
    assert_eq!(entry.organisation_id, Some(org.id));
    // The same day again, or by hand: nothing more.
    assert_eq!(app::retention::tick(&state).await.unwrap(), None);
    let again = app::retention::apply_all(&s.db, state.today(), state.now()).await.unwrap();
    assert_eq!(again, RetentionCounts::default());
}

async fn rollup_month(s: &TestServer, p: &Programme) -> Vec<RollupResponses> {
    s.db.rollup_responses(&[p.id], "2000-01", "2999-12").await.unwrap()
}

#[tokio::test]
async fn siang_retention_run_deletes_what_is_due_and_says_how_much() {
    let s = crate::common::start().await;
    let today = chrono::Utc::now().date_naive();
    organisation(&s, &[months_ago(today, 14), months_ago(today, 2)]).await;
    let run = |dry: bool| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_siang"));
        cmd.args(["retention", "run"]).env("DATABASE_URL", &s.url).env("RUST_LOG", "warn");
        if dry {
            cmd.arg("--dry-run");
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(run(true), "due now (nothing deleted): words 1, responses 0, closed concerns 0\n");
    assert_eq!(run(false), "deleted: words 1, responses 0, closed concerns 0\n");
    assert_eq!(
        run(false),
        "deleted: words 0, responses 0, closed concerns 0\n",
        "a second run finds nothing"
    );
}
