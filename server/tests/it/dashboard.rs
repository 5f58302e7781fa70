//! Dashboards over HTTP: a programme's closed month with its answers
//! suppressed by hand-worked expectations, the month under way never
//! shown, other programmes' designers refused, and an adversary: worlds
//! that differ only in hidden cells look the same to every reader, and a
//! month once shown does not move when a response in it is withdrawn.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Datelike, NaiveDate};

use crate::common::TestServer;
use app::model::staff::Role;
use siang_storage::*;

/// A programme of its own (so the demo's random responses stay out), on the demo questionnaire.
pub(crate) async fn programme(s: &TestServer, code: &str) -> (Programme, i64, i64) {
    let safe = s.db.programme_by_code("SAFE24").await.unwrap().unwrap();
    let p =
        s.db.create_programme(&NewProgramme {
            organisation_id: safe.organisation_id,
            code: code.into(),
            name: format!("Dash {code}"),
            country: "KH".into(),
            languages: vec!["en".into(), "km".into()],
            opens_on: None,
            closes_on: None,
            questionnaire_id: safe.questionnaire_id,
            team_name: "Team".into(),
            response_days: 14,
        })
        .await
        .unwrap();
    // What young people read (a programme without it is not open to them).
    let text = ProgrammeText {
        locale: "en".into(),
        name: format!("Dash {code}"),
        about: "A programme.".into(),
        team_name: None,
    };
    s.db.put_programme_text(p.id, &text).await.unwrap();
    let v = s.db.current_version(safe.questionnaire_id).await.unwrap().unwrap();
    let scale = v.questions.iter().find(|q| q.kind == "scale" && !q.restricted).unwrap().id;
    (p, v.id, scale)
}

/// `counts[r-1]` responses rating r on the first face question, on `day`.
pub(crate) fn responses(
    p: &Programme,
    version: i64,
    question: i64,
    day: NaiveDate,
    counts: [usize; 5],
    tag: &str,
) -> Vec<NewSubmission> {
    let mut out = Vec::new();
    for (r, n) in counts.iter().enumerate() {
        for i in 0..*n {
            out.push(NewSubmission {
                programme_id: p.id,
                version_id: version,
                locale: "en".into(),
                submitted_on: day,
                receipt_hash: format!("r-{tag}-{r}-{i}"),
                key_hash: format!("k-{tag}-{r}-{i}"),
                answers: vec![NewAnswer {
                    question_id: question,
                    value: AnswerValue::Rating(r as i64 + 1),
                    suggestions: vec![],
                }],
                safeguarding: None,
            });
        }
    }
    out
}

pub(crate) fn month_start(today: NaiveDate, back: u32) -> NaiveDate {
    let mut d = today.with_day(1).unwrap();
    for _ in 0..back {
        d = (d - chrono::Duration::days(1)).with_day(1).unwrap();
    }
    d
}

/// The answers table of the question, as (answer, this month, last month).
pub(crate) fn rows(page: &crate::common::staff::Page, question: i64) -> Vec<(String, String, String)> {
    let doc = page.doc();
    let tr = scraper::Selector::parse(&format!("#q{question} table.answers-table tbody tr")).unwrap();
    let cell = scraper::Selector::parse("th, td").unwrap();
    doc.select(&tr)
        .map(|row| {
            let c: Vec<String> =
                row.select(&cell).map(|c| c.text().collect::<String>().trim().to_owned()).collect();
            (c[0].clone(), c[1].clone(), c[2].clone())
        })
        .collect()
}

#[tokio::test]
async fn a_closed_month_shows_counts_from_k_and_hides_the_rest_so_it_cannot_be_worked_out() {
    let s = crate::common::start().await;
    let (p, version, q) = programme(&s, "DASH1").await;
    let today = s.clock.today();
    let (last, before) = (month_start(today, 1), month_start(today, 2));
    s.db.insert_submissions(responses(
        &p,
        version,
        q,
        last + chrono::Duration::days(3),
        [3, 4, 20, 12, 30],
        "a",
    ))
    .await
    .unwrap();
    s.db.insert_submissions(responses(
        &p,
        version,
        q,
        before + chrono::Duration::days(9),
        [0, 2, 15, 11, 25],
        "b",
    ))
    .await
    .unwrap();
    // The month under way: never shown, however many.
    s.db.insert_submissions(responses(&p, version, q, today, [0, 0, 40, 0, 0], "c")).await.unwrap();

    let mut designer = s.signed_in("designer@x.org", Role::Designer, None, Some(p.id)).await;
    let page = designer.browser.get(&s, "/en/staff/dashboards?p=DASH1").await;
    assert_eq!(page.status, 200, "{:?}", page.error_codes());
    assert_eq!(page.text_of("dd.this-month"), vec!["69"]);
    assert_eq!(page.text_of("dd.last-month"), vec!["53"]);
    let few = "fewer than 10";
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
    assert_eq!(rows(&page, q), want);
    assert!(!page.html.contains(">40<"), "the month under way is not drawn");
    let this_month = format!("{:04}-{:02}", today.year(), today.month());
    let open = designer.browser.get(&s, &format!("/en/staff/dashboards?p=DASH1&month={this_month}")).await;
    assert_eq!(open.error_codes(), vec!["E-INVALID-INPUT"]);
    assert!(!open.html.contains("dd class=\"this-month\""));
    // Each chart says what it shows, for a screen reader.
    assert!(page.html.contains(&format!("aria-labelledby=\"c{q}-t c{q}-d\"")));

    let other = s.db.programme_by_code("HOME25").await.unwrap().unwrap();
    let mut outsider = s.signed_in("outsider@x.org", Role::Designer, None, Some(other.id)).await;
    let refused = outsider.browser.get(&s, "/en/staff/dashboards?p=DASH1").await;
    assert_eq!(refused.status, 403);
    assert!(!refused.html.contains("Dash DASH1"));
    let mut moderator = s.signed_in("mod@x.org", Role::Moderator, None, Some(p.id)).await;
    assert_eq!(
        moderator.browser.get(&s, "/en/staff/dashboards?p=DASH1").await.text_of("dd.this-month"),
        vec!["69"]
    );

    // Side by side: the programmes each reader may see, with the same figures.
    let overview = designer.browser.get(&s, "/en/staff/dashboards").await;
    assert_eq!(overview.text_of("table.overview tbody th"), vec!["Dash DASH1"]);
    assert_eq!(overview.text_of("table.overview td.this-month"), vec!["69"]);
    let mut everyone = s.signed_in("all@x.org", Role::Designer, None, None).await;
    let wide = everyone.browser.get(&s, "/en/staff/dashboards").await;
    let names = wide.text_of("table.overview tbody th");
    assert!(names.contains(&"Dash DASH1".to_owned()) && names.len() > 1, "{names:?}");
    assert!(!outsider.browser.get(&s, "/en/staff/dashboards").await.html.contains("Dash DASH1"));
}

/// Every page and export a designer of `code` can ask for about it,
/// written as if the programme were DASH2 (so two worlds can be compared).
pub(crate) async fn everything_a_reader_receives(
    s: &TestServer,
    code: &str,
    email: &str,
    p: &Programme,
) -> Vec<String> {
    let today = s.clock.today();
    let (last, before) = (month_start(today, 1).format("%Y-%m"), month_start(today, 2).format("%Y-%m"));
    let mut designer = s.signed_in(email, Role::Designer, None, Some(p.id)).await;
    s.db.set_public_results(p.id, true).await.unwrap();
    let views = [
        format!("/en/staff/dashboards?p={code}"),
        format!("/en/staff/dashboards?p={code}&month={before}"),
        format!("/km/staff/dashboards?p={code}"),
        format!("/en/staff/dashboards?p={code}&compare=1"),
        "/en/staff/dashboards".to_owned(),
        format!("/en/staff/dashboards?month={before}"),
        // The public results page and the young people's programme page (how many took part).
        format!("/en/results/{code}"),
        format!("/km/results/{code}?month={before}"),
        format!("/en/p/{code}"),
        // The printable report of both months.
        format!("/en/staff/dashboards/report?p={code}"),
        format!("/km/staff/dashboards/report?p={code}&month={before}"),
    ];
    let mut seen = Vec::new();
    for v in &views {
        let page = designer.browser.get(s, v).await;
        assert_eq!(page.status, 200, "{v}");
        seen.push(format!("{v}\n{}", without_nonce(&page.html)));
    }
    // The CSV export of both months too: every aggregate path a designer has.
    for month in [last.to_string(), before.to_string()] {
        let file =
            designer.browser.post(s, "/en/staff/dashboards/export", &[("p", code), ("month", &month)]).await;
        assert_eq!(file.status, 200);
        assert!(file.html.contains("Responses,,,,"), "{}", file.html);
        seen.push(format!("export {month}\n{}", file.html));
    }
    seen.into_iter().map(|page| page.replace(code, "DASH2").replace(email, "designer@x.org")).collect()
}

/// Two programmes whose months differ only in hidden cells: a "1" that is
/// a "2" last month, a "1" that is a "did not understand" the month before.
/// A third differs in one shown cell, so the comparison can tell.
#[tokio::test]
async fn worlds_that_differ_only_in_hidden_cells_look_the_same_on_every_page_and_export() {
    let s = crate::common::start().await;
    let today = s.clock.today();
    let (last, before) = (month_start(today, 1), month_start(today, 2));
    let day = |m: NaiveDate| m + chrono::Duration::days(1);
    let mut programmes = Vec::new();
    for (code, this, previous, unsure) in [
        ("DASH2", [3, 4, 20, 12, 30], [1, 0, 15, 11, 25], 0),
        ("DASH3", [2, 5, 20, 12, 30], [0, 0, 15, 11, 25], 1),
        ("DASH4", [3, 4, 19, 12, 31], [1, 0, 15, 11, 25], 0),
    ] {
        let (p, version, q) = programme(&s, code).await;
        s.db.insert_submissions(responses(&p, version, q, day(last), this, &format!("{code}a")))
            .await
            .unwrap();
        let mut earlier = responses(&p, version, q, day(before), previous, &format!("{code}b"));
        let mut dont_know = responses(&p, version, q, day(before), [unsure, 0, 0, 0, 0], &format!("{code}c"));
        for d in &mut dont_know {
            d.answers[0].value = AnswerValue::DontKnow;
        }
        earlier.extend(dont_know);
        s.db.insert_submissions(earlier).await.unwrap();
        programmes.push((code, p));
    }
    // Read once all exist: each one's comparison takes in the others.
    let mut worlds = Vec::new();
    for (code, p) in &programmes {
        let email = format!("designer-{code}@x.org");
        worlds.push(everything_a_reader_receives(&s, code, &email, p).await);
    }
    for (a, b) in worlds[0].iter().zip(&worlds[1]) {
        assert!(a == b, "only hidden cells differ, yet this differs: {}", a.lines().next().unwrap_or(""));
    }
    // The shown change shows on the dashboard, the public page and in the CSV.
    for at in [0, 6, 11] {
        assert_ne!(worlds[0][at], worlds[2][at], "a shown change must show");
    }
}

/// A withdrawal after a month was first shown moves no figure anyone can
/// compare: not the dashboard, the report, the CSV nor the public pages.
#[tokio::test]
async fn a_month_once_shown_stays_the_same_when_a_response_in_it_is_withdrawn() {
    let s = crate::common::start().await;
    let today = s.clock.today();
    let last = month_start(today, 1);
    let (p, version, q) = programme(&s, "DASH5").await;
    s.db.insert_submissions(responses(
        &p,
        version,
        q,
        last + chrono::Duration::days(1),
        [3, 4, 20, 12, 30],
        "a",
    ))
    .await
    .unwrap();
    let seen = everything_a_reader_receives(&s, "DASH5", "designer@x.org", &p).await;
    let all = s
        .db
        .queue(&QueueFilter { programme_id: p.id, released_before: today, limit: 1000, ..Default::default() })
        .await
        .unwrap();
    let mut withdrawn = 0;
    for row in all {
        let answers = s.db.answers_of(row.id).await.unwrap();
        if withdrawn < 3 && answers.iter().any(|a| a.rating == Some(5)) {
            assert!(s.db.withdraw(row.id).await.unwrap());
            withdrawn += 1;
        }
    }
    assert_eq!(withdrawn, 3);
    let live = s.db.rollup_responses(&[p.id], "0000-00", "9999-99").await.unwrap();
    assert_eq!(live.iter().map(|r| r.n).sum::<i64>(), 66, "the live roll-ups follow the withdrawals");
    s.state().await.forget_heard(p.id);
    let again = everything_a_reader_receives(&s, "DASH5", "designer@y.org", &p).await;
    for (a, b) in seen.iter().zip(&again) {
        let b = b.replace("designer@y.org", "designer@x.org");
        assert!(*a == b, "a shown month moved after a withdrawal: {}", a.lines().next().unwrap_or(""));
    }
}

/// A page without its per-response script nonce (the only thing meant to differ).
pub(crate) fn without_nonce(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("nonce=\"") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 7..];
        rest = after.find('"').map_or("", |end| &after[end + 1..]);
    }
    out.push_str(rest);
    out
}

#[tokio::test]
async fn a_designer_exports_the_months_figures_as_csv_and_nothing_smaller_than_k() {
    let s = crate::common::start().await;
    let (p, version, q) = programme(&s, "DASH3").await;
    let today = s.clock.today();
    let last = month_start(today, 1);
    s.db.insert_submissions(responses(
        &p,
        version,
        q,
        last + chrono::Duration::days(3),
        [3, 4, 20, 12, 30],
        "a",
    ))
    .await
    .unwrap();
    // An organisation's own theme whose label would be a formula in a spreadsheet.
    let own = s.db.add_code(p.organisation_id, "theme", "formula").await.unwrap().unwrap();
    s.db.put_code_label(own, "en", "=HYPERLINK(\"http://x.test\")").await.unwrap();
    let mut designer = s.signed_in("designer@x.org", Role::Designer, None, Some(p.id)).await;
    let page = designer.browser.get(&s, "/en/staff/dashboards?p=DASH3").await;
    assert!(page.html.contains("/en/staff/dashboards/export"), "the download button");

    let month = last.format("%Y-%m").to_string();
    let res = s
        .client
        .post(format!("{}/en/staff/dashboards/export", s.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .header("cookie", designer.browser.cookie.clone().unwrap())
        .body(format!("p=DASH3&month={month}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert_eq!(
        res.headers()["content-disposition"].to_str().unwrap(),
        format!("attachment; filename=\"siang-DASH3-{month}.csv\"")
    );
    let bytes = res.bytes().await.unwrap();
    assert_eq!(&bytes[..3], &[0xEF, 0xBB, 0xBF], "a byte-order mark for spreadsheet programs");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Section,Questionnaire version,Question,Answer,Month,Count");
    assert!(lines.contains(&format!("Responses,,,,{month},69").as_str()), "{text}");
    // The first question's eight answers this month (the rows come in page order).
    let answers: Vec<&str> =
        lines.iter().copied().filter(|l| l.starts_with("\"Answers") && l.contains(&month)).take(8).collect();
    let counts: Vec<&str> = answers.iter().map(|l| l.rsplit(',').next().unwrap()).collect();
    assert_eq!(
        counts,
        [
            "fewer than 10",
            "fewer than 10",
            "20",
            "12",
            "30",
            "fewer than 10",
            "fewer than 10",
            "fewer than 10"
        ],
        "{text}"
    );
    assert!(text.contains("\"'=HYPERLINK(\"\"http://x.test\"\")\""), "a formula is defused: {text}");
    assert!(!text.contains(",3\n") && !text.contains(",4\n"), "no count under k");
    let exported =
        s.db.audit_entries(&AuditFilter {
            action: Some("aggregates_exported".into()),
            limit: 5,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(exported.len(), 1);
    assert_eq!((exported[0].programme_id, exported[0].detail.as_deref()), (Some(p.id), Some(month.as_str())));

    // Another programme's designer, and a moderator of this one: refused, and nothing audited.
    let other = s.db.programme_by_code("HOME25").await.unwrap().unwrap();
    let mut outsider = s.signed_in("outsider@x.org", Role::Designer, None, Some(other.id)).await;
    let refused =
        outsider.browser.post(&s, "/en/staff/dashboards/export", &[("p", "DASH3"), ("month", &month)]).await;
    assert_eq!(refused.status, 403);
    assert!(!refused.html.contains("HYPERLINK"));
    let mut moderator = s.signed_in("mod@x.org", Role::Moderator, None, Some(p.id)).await;
    assert_eq!(
        moderator.browser.post(&s, "/en/staff/dashboards/export", &[("p", "DASH3")]).await.status,
        403
    );
    let bad = designer
        .browser
        .post(&s, "/en/staff/dashboards/export", &[("p", "DASH3"), ("month", "2099-01")])
        .await;
    assert_eq!(bad.error_codes(), vec!["E-INVALID-INPUT"]);
    let count =
        s.db.audit_entries(&AuditFilter {
            action: Some("aggregates_exported".into()),
            limit: 5,
            ..Default::default()
        })
        .await
        .unwrap()
        .len();
    assert_eq!(count, 1);
}

#[tokio::test]
async fn a_programme_is_compared_with_its_organisations_others_from_shown_cells_only() {
    let s = crate::common::start().await;
    let (p, version, q) = programme(&s, "CMP1").await;
    let (x, _, _) = programme(&s, "CMP2").await;
    let (y, _, _) = programme(&s, "CMP3").await;
    let last = month_start(s.clock.today(), 1);
    let day = last + chrono::Duration::days(4);
    s.db.insert_submissions(responses(&p, version, q, day, [3, 4, 20, 12, 30], "p")).await.unwrap();
    s.db.insert_submissions(responses(&x, version, q, day, [0, 2, 15, 11, 25], "x")).await.unwrap();
    // A 4 under k: this programme's happy faces are hidden, so it does not count.
    s.db.insert_submissions(responses(&y, version, q, day, [0, 0, 40, 3, 40], "y")).await.unwrap();
    let mut designer = s.signed_in("designer@x.org", Role::Designer, None, Some(p.id)).await;
    let plain = designer.browser.get(&s, "/en/staff/dashboards?p=CMP1").await;
    assert!(plain.html.contains("compare=1"), "offered, not computed");
    assert!(plain.text_of("table.compare td").is_empty());
    let page = designer.browser.get(&s, "/en/staff/dashboards?p=CMP1&compare=1").await;
    assert_eq!(page.status, 200);
    let row = |css: &str| page.text_of(&format!("table.compare tbody tr:first-child {css}"));
    // 42 of 69 here; 36 of 53 in CMP2 alone (CMP3 and the demo's small programmes are hidden).
    assert_eq!(row("td.this"), vec!["61%"]);
    assert_eq!(row("td.others"), vec!["68%"]);
    assert!(row("td.hint")[0].starts_with("1 of "), "{:?}", row("td.hint"));
    assert!(
        !page.html.contains("Dash CMP2") && !page.html.contains("Dash CMP3"),
        "no other programme is named"
    );
    let other_org = s.db.programme_by_code("HOME25").await.unwrap().unwrap();
    let mut outsider = s.signed_in("outsider@x.org", Role::Designer, None, Some(other_org.id)).await;
    assert_eq!(outsider.browser.get(&s, "/en/staff/dashboards?p=CMP1&compare=1").await.status, 403);
    let _ = y;
}
