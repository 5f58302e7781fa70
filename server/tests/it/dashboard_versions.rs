//! Dashboards across questionnaire versions: a question an admin kept with
//! the same meaning is one question, its answers pooled over the versions
//! (tables written out by hand); a reworded one, or one whose answers
//! changed, stands apart; and the pool gives away nothing its versions'
//! own tables would have: worlds that differ only in how a shown pooled
//! cell splits between versions look the same on every page and export.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::common::TestServer;
use crate::dashboard::{everything_a_reader_receives, month_start, programme, responses, rows};
use app::api::staff::questionnaire_load::{edits_of, specs_of};
use app::model::staff::Role;
use siang_storage::*;

/// Version 2 of the demo questionnaire, published on `on`: every question
/// kept, except the second face question (reworded, not the same meaning)
/// and the first single-choice question (an answer removed). Returns
/// (v2, the first face question in v2, the reworded one in v1 and v2,
/// the single-choice one in v1 and v2).
async fn second_version(s: &TestServer, questionnaire: i64, on: NaiveDate) -> (i64, i64, [i64; 4]) {
    let v1 = s.db.current_version(questionnaire).await.unwrap().unwrap();
    let draft = s.db.start_draft(questionnaire).await.unwrap();
    let copy = s.db.version(draft).await.unwrap().unwrap();
    let same_as: BTreeMap<String, i64> =
        copy.questions.iter().filter_map(|q| q.same_as.map(|s| (q.key.clone(), s))).collect();
    let scales: Vec<&QuestionRow> =
        v1.questions.iter().filter(|q| q.kind == "scale" && !q.restricted).collect();
    let single = v1.questions.iter().find(|q| q.kind == "single" && !q.restricted).unwrap();
    let mut edits = edits_of(&copy);
    for e in &mut edits {
        if e.key == scales[1].key {
            e.continues = false;
            e.texts[0].1 = "How safe did you feel, all in all?".into();
        }
        if e.key == single.key {
            e.options.pop();
        }
    }
    s.db.replace_draft(draft, &specs_of(&edits, &same_as)).await.unwrap();
    s.db.publish_draft(draft, on).await.unwrap();
    let v2 = s.db.version(draft).await.unwrap().unwrap();
    let id_of = |key: &str| v2.questions.iter().find(|q| q.key == key).unwrap().id;
    (draft, id_of(&scales[0].key), [scales[1].id, id_of(&scales[1].key), single.id, id_of(&single.key)])
}

#[tokio::test]
async fn a_question_kept_across_versions_is_one_question_and_a_changed_one_stands_apart() {
    let s = crate::common::start().await;
    let (p, v1, q1) = programme(&s, "VERS1").await;
    let today = s.clock.today();
    let (last, before) = (month_start(today, 1), month_start(today, 2));
    let (v2, q2, [r1, r2, c1, c2]) = second_version(&s, p.questionnaire_id, last).await;
    // The month before on version 1 only; last month on both (journeys begun before it changed).
    let day = |m: NaiveDate| m + chrono::Duration::days(2);
    s.db.insert_submissions(responses(&p, v1, q1, day(before), [0, 2, 15, 11, 25], "a")).await.unwrap();
    s.db.insert_submissions(responses(&p, v1, q1, day(last), [2, 3, 10, 6, 10], "b")).await.unwrap();
    s.db.insert_submissions(responses(&p, v2, q2, day(last), [1, 1, 10, 6, 20], "c")).await.unwrap();

    let mut designer = s.signed_in("designer@x.org", Role::Designer, None, Some(p.id)).await;
    let page = designer.browser.get(&s, "/en/staff/dashboards?p=VERS1").await;
    assert_eq!(page.status, 200, "{:?}", page.error_codes());
    assert_eq!(page.text_of("dd.this-month"), vec!["69"]);
    let few = "fewer than 10";
    // 31 on version 1 and 38 on version 2, pooled: 3, 4, 20, 12, 30; before: version 1's 53.
    let want: Vec<(String, String, String)> = [
        ("1 (very unhappy face)", few, few),
        ("2 (unhappy face)", few, few),
        ("3 (middle face)", "20", "15"),
        ("4 (happy face)", "12", "11"),
        ("5 (very happy face)", "30", "25"),
        ("Did not understand the question", few, few),
        ("Prefers not to say", few, few),
        ("Skipped", few, few),
    ]
    .iter()
    .map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), (*c).to_owned()))
    .collect();
    assert_eq!(rows(&page, q2), want, "one question, like with like");
    assert!(rows(&page, q1).is_empty(), "version 1's own table is never shown beside the pool");
    assert_eq!(
        page.text_of(&format!("#q{q2} p.pooled")),
        vec![
            "Answers from questionnaire versions 1, 2 together: the question was kept with the same meaning."
        ]
    );
    // Reworded without "same meaning", and an answer removed: each version's question on its own.
    for q in [r1, r2, c1, c2] {
        assert!(rows(&page, q).len() > 1, "question {q} is shown apart");
        assert!(page.text_of(&format!("#q{q} p.pooled")).is_empty(), "question {q} is not pooled");
    }
    assert_eq!(page.text_of(&format!("#q{r2} h3")), vec!["How safe did you feel, all in all?"]);
    // The export says which versions a row pools, and gives the pooled cells.
    let month = last.format("%Y-%m").to_string();
    let csv =
        designer.browser.post(&s, "/en/staff/dashboards/export", &[("p", "VERS1"), ("month", &month)]).await;
    let prompt = page.text_of(&format!("#q{q2} h3")).remove(0);
    let quoted = if prompt.contains(',') { format!("\"{prompt}\"") } else { prompt };
    for line in [
        format!(",1 + 2,{quoted},3 (middle face),{month},20"),
        format!(",1 + 2,{quoted},4 (happy face),{month},12"),
    ] {
        assert!(csv.html.lines().any(|l| l.ends_with(&line)), "{line} in {}", csv.html);
    }
    assert!(!csv.html.contains(&format!(",1,{quoted},")), "no version-1 rows of a pooled question");
    assert_eq!(s.db.version_row(v2).await.unwrap().unwrap().version, 2);

    // Against a programme still on version 1 only: the same question, so compared.
    let (other, _, _) = programme(&s, "VERS2").await;
    s.db.insert_submissions(responses(&other, v1, q1, day(last), [0, 2, 15, 11, 25], "d")).await.unwrap();
    let compared = designer.browser.get(&s, "/en/staff/dashboards?p=VERS1&compare=1").await;
    let row = |css: &str| compared.text_of(&format!("table.compare tbody tr:first-child {css}"));
    assert_eq!(row("th"), page.text_of(&format!("#q{q2} h3")));
    // 42 of 69 here (both versions); 36 of 53 in VERS2 (version 1).
    assert_eq!((row("td.this"), row("td.others")), (vec!["61%".to_owned()], vec!["68%".to_owned()]));
}

/// Two programmes whose last month differs only in how its answers split
/// between versions 1 and 2 (the versions' totals and the pooled cells are
/// the same); a third differs in one shown pooled cell, so the comparison can tell.
#[tokio::test]
async fn worlds_that_differ_only_in_how_a_pool_splits_between_versions_look_the_same() {
    let s = crate::common::start().await;
    let today = s.clock.today();
    let (last, before) = (month_start(today, 1), month_start(today, 2));
    let (first, _, _) = programme(&s, "POOLA").await;
    let v1 = s.db.current_version(first.questionnaire_id).await.unwrap().unwrap().id;
    let q1 =
        s.db.version(v1).await.unwrap().unwrap().questions.iter().find(|q| q.kind == "scale").unwrap().id;
    let (v2, q2, _) = second_version(&s, first.questionnaire_id, last).await;
    let day = |m: NaiveDate| m + chrono::Duration::days(3);
    let mut programmes = Vec::new();
    for (code, one, two) in [
        ("POOLA", [3, 4, 10, 6, 10], [0, 0, 10, 6, 20]),
        ("POOLB", [1, 2, 12, 6, 12], [2, 2, 8, 6, 18]),
        ("POOLC", [3, 4, 10, 6, 10], [0, 0, 11, 6, 19]),
    ] {
        let p = if code == "POOLA" { first.clone() } else { programme(&s, code).await.0 };
        let mut all = responses(&p, v1, q1, day(before), [0, 2, 15, 11, 25], &format!("{code}0"));
        all.extend(responses(&p, v1, q1, day(last), one, &format!("{code}1")));
        all.extend(responses(&p, v2, q2, day(last), two, &format!("{code}2")));
        s.db.insert_submissions(all).await.unwrap();
        programmes.push((code, p));
    }
    let mut worlds = Vec::new();
    for (code, p) in &programmes {
        worlds.push(everything_a_reader_receives(&s, code, &format!("designer-{code}@x.org"), p).await);
    }
    for (a, b) in worlds[0].iter().zip(&worlds[1]) {
        assert!(
            a == b,
            "only the split between versions differs, yet this differs: {}",
            a.lines().next().unwrap_or("")
        );
    }
    for at in [0, 6, 11] {
        assert_ne!(worlds[0][at], worlds[2][at], "a shown change must show");
    }
}

/// A few late answers on the old version (its count "fewer than k", so
/// the new version's is hidden too): the questions both versions asked
/// are still shown (their total is the month's), but a question only the
/// new version asked is not, or its "skipped" row would give the new
/// version's count away, and with it the old one's. Two programmes that
/// differ only there look the same; a third, differing in a shown cell, does not.
#[tokio::test]
async fn late_answers_on_an_old_version_hide_only_the_tables_whose_total_they_would_give_away() {
    let s = crate::common::start().await;
    let today = s.clock.today();
    let last = month_start(today, 1);
    let (first, v1, q1) = programme(&s, "LATEA").await;
    let (v2, q2, [r1, r2, ..]) = second_version(&s, first.questionnaire_id, month_start(today, 2)).await;
    let day = last + chrono::Duration::days(5);
    let mut programmes = Vec::new();
    for (code, one, two) in [
        ("LATEA", [1, 1, 1, 0, 0], [2, 3, 20, 12, 20]),
        ("LATEB", [1, 1, 1, 1, 0], [2, 3, 20, 11, 20]),
        ("LATEC", [1, 1, 1, 0, 0], [2, 3, 21, 11, 20]),
    ] {
        let p = if code == "LATEA" { first.clone() } else { programme(&s, code).await.0 };
        let mut all = responses(&p, v1, q1, day, one, &format!("{code}1"));
        all.extend(responses(&p, v2, q2, day, two, &format!("{code}2")));
        s.db.insert_submissions(all).await.unwrap();
        programmes.push((code, p));
    }
    let mut designer = s.signed_in("designer@x.org", Role::Designer, None, Some(first.id)).await;
    let page = designer.browser.get(&s, "/en/staff/dashboards?p=LATEA").await;
    assert_eq!(page.text_of("dd.this-month"), vec!["60"]);
    assert_eq!(
        page.text_of("dl.facts-row + table tbody td.num"),
        vec!["fewer than 10", "fewer than 10", "hidden", "fewer than 10"],
        "version 1: fewer than 10; version 2: hidden (this month, then the month before)"
    );
    let shown: Vec<String> = rows(&page, q2).into_iter().map(|(_, this, _)| this).collect();
    let few = "fewer than 10".to_owned();
    assert_eq!(
        shown,
        vec![few.clone(), few.clone(), "21".into(), "12".into(), "20".into(), few.clone(), few.clone(), few]
    );
    for q in [r1, r2] {
        assert!(rows(&page, q).iter().all(|(_, this, _)| this == "—"), "question {q} only one version asked");
    }
    let mut worlds = Vec::new();
    for (code, p) in &programmes {
        worlds.push(everything_a_reader_receives(&s, code, &format!("designer-{code}@x.org"), p).await);
    }
    for (a, b) in worlds[0].iter().zip(&worlds[1]) {
        assert!(a == b, "only hidden counts differ, yet this differs: {}", a.lines().next().unwrap_or(""));
    }
    assert_ne!(worlds[0][0], worlds[2][0], "a shown change must show");
}
