//! "You said, we did" over HTTP: a designer records an action in Khmer,
//! a machine draft stays hidden until reviewed, "not doing" needs its
//! reason, publishing puts it on the programme page and with the receipt;
//! other programmes' staff are refused; how many took part releases only
//! months the dashboards show; the public results page is opt-in.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::i18n::{FluentValue, I18n, Locale, CATALOG};
use app::model::staff::Role;

use super::dashboard::{month_start, programme, responses};
use siang_storage::*;

fn msg(locale: Locale, key: &str) -> String {
    CATALOG.format(locale, key, None).unwrap()
}

fn msg_with(locale: Locale, key: &str, name: &str, value: FluentValue<'_>) -> String {
    I18n { locale, markers: false }.t_args(key, &[(name, value)])
}

const SAID: &str = "យប់ឯកោណាស់";
const DID: &str = "មានបុគ្គលិកនៅយាមពេលយប់";

async fn audited(s: &crate::common::TestServer, action: &str) -> usize {
    let f = AuditFilter { action: Some(action.to_owned()), limit: 1000, ..Default::default() };
    s.db.audit_entries(&f).await.unwrap().len()
}

#[tokio::test]
async fn a_designer_records_reviews_and_publishes_an_action_young_people_then_read() {
    let s = crate::common::start().await;
    let (p, _, _) = programme(&s, "ACT1").await;
    let theme =
        s.db.codebook(&[p.organisation_id]).await.unwrap().into_iter().find(|c| c.key == "safety").unwrap();
    let mut designer = s.signed_in("designer@x.org", Role::Designer, None, Some(p.id)).await;
    let empty = designer.browser.get(&s, "/km/staff/actions?p=ACT1").await;
    assert_eq!(empty.status, 200);
    assert!(empty.html.contains(&msg(Locale::Km, "act-none")));

    let theme_id = theme.id.to_string();
    let form = |machine: &str, state: &str, reason: &str, action: &str| -> Vec<(String, String)> {
        [
            ("p", "ACT1"),
            ("action", action),
            ("theme", &theme_id),
            ("state", state),
            ("due", "2027-03"),
            ("done", ""),
            ("locale", "km"),
            ("you_said", SAID),
            ("we_did", DID),
            ("reason", reason),
            ("machine", machine),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
    };
    let post = |b: crate::common::staff::Browser, path: &'static str, fields: Vec<(String, String)>| {
        let s = &s;
        async move {
            let mut b = b;
            let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            b.post(s, path, &f).await
        }
    };
    // A machine draft in Khmer: recorded, not publishable.
    let saved = post(designer.browser.clone(), "/km/staff/actions/save", form("1", "planned", "", "")).await;
    assert_eq!(saved.status, 303, "{:?}", saved.error_codes());
    let id = s.db.actions_of(p.id, false).await.unwrap()[0].id;
    let page = designer.browser.get(&s, "/km/staff/actions?p=ACT1").await;
    assert!(page.html.contains(SAID));
    assert!(page.html.contains(&msg(Locale::Km, "act-text-machine")));
    let id_text = id.to_string();
    let publish: Vec<(String, String)> = [("p", "ACT1"), ("action", id_text.as_str()), ("publish", "1")]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .to_vec();
    let refused = post(designer.browser.clone(), "/km/staff/actions/publish", publish.clone()).await;
    assert_eq!(refused.error_codes(), vec!["E-ACTION-NOT-READY"]);
    assert!(s.db.actions_of(p.id, true).await.unwrap().is_empty());

    // "Not doing" without its reason is refused and changes nothing.
    let why =
        post(designer.browser.clone(), "/km/staff/actions/save", form("", "not_done", "", &id.to_string()))
            .await;
    assert_eq!(why.error_codes(), vec!["E-ACTION-REASON-NEEDED"]);
    assert!(why.html.contains(SAID), "the typed words come back");
    assert_eq!(s.db.actions_of(p.id, false).await.unwrap()[0].state, "planned");

    // Reviewed by a person (the box cleared), then published.
    let reviewed =
        post(designer.browser.clone(), "/km/staff/actions/save", form("", "planned", "", &id.to_string()))
            .await;
    assert_eq!(reviewed.status, 303, "{:?}", reviewed.error_codes());
    let published = post(designer.browser.clone(), "/km/staff/actions/publish", publish.clone()).await;
    assert_eq!(published.status, 303, "{:?}", published.error_codes());
    // The dashboard's tracker counts it.
    let dash = designer.browser.get(&s, "/en/staff/dashboards?p=ACT1").await;
    assert!(dash.text_of("p.tracker")[0]
        .starts_with("Planned: 1 · in progress: 0 · done: 0 · not doing: 0 · not yet published: 0"));

    // The young person's programme page, in Khmer: the words, the theme, the month.
    let youth = s.get("/km/p/ACT1").await.text().await.unwrap();
    assert!(youth.contains(SAID) && youth.contains(DID), "the action is on the programme page");
    assert!(youth.contains(&msg(Locale::Km, "code-theme-safety")));
    let march = msg_with(Locale::Km, "month-3", "year", FluentValue::from("2027"));
    assert!(youth.contains(&march), "planned for March 2027, said in Khmer");
    // In English there are no English words yet: the Khmer ones, marked as Khmer.
    let en = s.get("/en/p/ACT1").await.text().await.unwrap();
    assert!(en.contains(&format!("<span lang=\"km\">{SAID}</span>")));
    // An English machine draft does not replace them.
    let mut draft_en = form("1", "planned", "", &id.to_string());
    draft_en.iter_mut().for_each(|(k, v)| match k.as_str() {
        "locale" => *v = "en".into(),
        "you_said" => *v = "Nights are lonely".into(),
        _ => {}
    });
    post(designer.browser.clone(), "/en/staff/actions/save", draft_en).await;
    let en = s.get("/en/p/ACT1").await.text().await.unwrap();
    assert!(!en.contains("Nights are lonely") && en.contains(SAID), "a machine draft never reaches a child");

    // Outsiders: another programme's designer, and this programme's moderator, may not change it.
    let other = s.db.programme_by_code("HOME25").await.unwrap().unwrap();
    let mut outsider = s.signed_in("outsider@x.org", Role::Designer, None, Some(other.id)).await;
    assert_eq!(outsider.browser.get(&s, "/en/staff/actions?p=ACT1").await.status, 403);
    let hijack =
        post(outsider.browser.clone(), "/en/staff/actions/save", form("", "done", "", &id.to_string())).await;
    assert_eq!(hijack.status, 403);
    let back: Vec<(String, String)> = [("p", "ACT1"), ("action", id_text.as_str()), ("publish", "0")]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .to_vec();
    assert_eq!(post(outsider.browser.clone(), "/en/staff/actions/publish", back.clone()).await.status, 403);
    let mut moderator = s.signed_in("mod@x.org", Role::Moderator, None, Some(p.id)).await;
    let read = moderator.browser.get(&s, "/en/staff/actions?p=ACT1").await;
    assert_eq!(read.status, 200);
    assert!(!read.html.contains("/staff/actions/save"), "a moderator reads, without the editor");
    assert_eq!(post(moderator.browser.clone(), "/en/staff/actions/publish", back.clone()).await.status, 403);
    let a = &s.db.actions_of(p.id, true).await.unwrap()[0];
    assert_eq!((a.state.as_str(), a.published_on.is_some()), ("planned", true), "nothing changed");

    assert_eq!(audited(&s, "action_recorded").await, 1);
    assert_eq!(audited(&s, "action_saved").await, 2, "the review and the English draft");
    assert_eq!(audited(&s, "action_published").await, 1);
    // Taken back: gone from the young people's page.
    post(designer.browser.clone(), "/en/staff/actions/publish", back.clone()).await;
    assert!(!s.get("/km/p/ACT1").await.text().await.unwrap().contains(SAID));
}

#[tokio::test]
async fn how_many_took_part_releases_only_months_the_dashboards_show() {
    let s = crate::common::start().await;
    let today = s.clock.today();
    let (last, before) = (month_start(today, 1), month_start(today, 2));
    // Only three, the month before last: too few to say.
    let (small, version, q) = programme(&s, "ACT2").await;
    s.db.insert_submissions(responses(&small, version, q, before, [0, 1, 1, 1, 0], "s")).await.unwrap();
    let few = s.get("/en/p/ACT2").await.text().await.unwrap();
    let k10 = msg_with(Locale::En, "heard-took-part-few", "k", FluentValue::from(10));
    assert!(few.contains(&k10), "too few yet");
    // Three the month before last (under k: that month adds nothing), 22 last month, 7 this month (never counts).
    let (p, version, q) = programme(&s, "ACT6").await;
    s.db.insert_submissions(responses(&p, version, q, before, [0, 1, 1, 1, 0], "b")).await.unwrap();
    s.db.insert_submissions(responses(&p, version, q, last, [2, 2, 10, 4, 4], "a")).await.unwrap();
    s.db.insert_submissions(responses(&p, version, q, today, [0, 0, 7, 0, 0], "c")).await.unwrap();
    let page = s.get("/en/p/ACT6").await.text().await.unwrap();
    let n22 = msg_with(Locale::En, "heard-took-part", "n", FluentValue::from(22));
    assert!(page.contains(&n22), "22, not 25 nor 32");
}

#[tokio::test]
async fn a_withdrawal_after_the_month_closed_moves_no_public_figure() {
    let s = crate::common::start().await;
    let (p, version, q) = programme(&s, "ACT5").await;
    let last = month_start(s.clock.today(), 1);
    s.db.insert_submissions(responses(&p, version, q, last, [3, 4, 20, 12, 30], "a")).await.unwrap();
    s.db.set_public_results(p.id, true).await.unwrap();
    let mut designer = s.signed_in("designer@x.org", Role::Designer, None, Some(p.id)).await;
    let pages = ["/en/results/ACT5", "/en/p/ACT5"];
    let mut seen = Vec::new();
    for v in pages {
        seen.push(designer.browser.get(&s, v).await.html);
    }
    assert!(seen[1].contains(&msg_with(Locale::En, "heard-took-part", "n", FluentValue::from(69))));
    let staff_before = designer.browser.get(&s, "/en/staff/dashboards?p=ACT5").await.text_of("dd.this-month");
    assert_eq!(staff_before, vec!["69"]);
    // A young person who rated 5 withdraws; a concern is raised on another later.
    let rows =
        s.db.queue(&QueueFilter {
            programme_id: p.id,
            released_before: s.clock.today(),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(s.db.withdraw(rows[0].id).await.unwrap());
    s.state().await.forget_heard(p.id);
    for (v, before) in pages.iter().zip(&seen) {
        let after = designer.browser.get(&s, v).await.html;
        assert!(
            super::dashboard::without_nonce(&after) == super::dashboard::without_nonce(before),
            "{v} moved"
        );
    }
    // The staff dashboard too: its month was fixed when first shown.
    assert_eq!(
        designer.browser.get(&s, "/en/staff/dashboards?p=ACT5").await.text_of("dd.this-month"),
        vec!["69"]
    );
    let live = s.db.rollup_responses(&[p.id], "0000-00", "9999-99").await.unwrap();
    assert_eq!(live.iter().map(|r| r.n).sum::<i64>(), 68, "the live roll-ups follow the withdrawal");
}

#[tokio::test]
async fn the_public_results_page_opens_only_when_the_team_opts_in_and_hides_small_groups() {
    let s = crate::common::start().await;
    let (p, version, q) = programme(&s, "ACT3").await;
    let last = month_start(s.clock.today(), 1);
    s.db.insert_submissions(responses(&p, version, q, last, [3, 4, 20, 12, 30], "a")).await.unwrap();
    let closed = s.get("/en/results/ACT3").await;
    assert_eq!(closed.status(), 404, "closed until the team opens it");
    let mut designer = s.signed_in("designer@x.org", Role::Designer, None, Some(p.id)).await;
    let open = designer.browser.post(&s, "/en/staff/actions/public", &[("p", "ACT3"), ("public", "1")]).await;
    assert_eq!(open.status, 303, "{:?}", open.error_codes());
    assert_eq!(audited(&s, "public_results_set").await, 1);
    let page = crate::common::staff::Browser::default().get(&s, "/km/results/act3").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.text_of("dd.this-month"), vec!["69"]);
    let few = msg_with(Locale::Km, "dash-few", "k", FluentValue::from(10));
    assert!(page.html.contains(&few), "small cells hidden on the public page");
    assert!(
        !page.html.contains("/staff/dashboards") && !page.html.contains("/staff/published"),
        "no staff links"
    );
    assert!(s.get("/km/p/ACT3").await.text().await.unwrap().contains("/km/results/ACT3"));
    designer.browser.post(&s, "/en/staff/actions/public", &[("p", "ACT3"), ("public", "0")]).await;
    assert_eq!(s.get("/en/results/ACT3").await.status(), 404);
}

#[tokio::test]
async fn the_printable_report_holds_the_months_figures_summary_and_actions_for_its_readers_only() {
    let s = crate::common::start().await;
    let (p, version, q) = programme(&s, "ACT4").await;
    let today = s.clock.today();
    let last = month_start(today, 1);
    s.db.insert_submissions(responses(&p, version, q, last, [3, 4, 20, 12, 30], "a")).await.unwrap();
    let next = month_start(today, 0);
    let staff = s.db.create_staff("writer@x.org", "Writer", 1).await.unwrap();
    let summary =
        s.db.save_summary(p.id, last, next, "Most felt safe; nights were hard.", staff.id, 1).await.unwrap();
    assert!(s.db.publish_summary(p.id, summary, staff.id, today).await.unwrap());
    let fields = ActionFields { tag_id: None, state: "done".into(), due_month: None, done_month: None };
    let words = ActionWords {
        locale: "en".into(),
        you_said: "Nights are lonely".into(),
        we_did: "A night worker is on duty".into(),
        reason: None,
        machine: false,
    };
    let id = s.db.add_action(p.id, &fields, &words, None, 1).await.unwrap();
    s.db.publish_action(p.id, id, Some(today)).await.unwrap();

    let mut designer = s.signed_in("designer@x.org", Role::Designer, None, Some(p.id)).await;
    let dash = designer.browser.get(&s, "/en/staff/dashboards?p=ACT4").await;
    assert!(dash.html.contains("/en/staff/dashboards/report?p=ACT4&amp;month="), "the dashboard links to it");
    let report = designer.browser.get(&s, "/en/staff/dashboards/report?p=ACT4").await;
    assert_eq!(report.status, 200, "{:?}", report.error_codes());
    assert_eq!(report.text_of("dd.this-month"), vec!["69"]);
    assert!(report.html.contains("fewer than 10"));
    assert!(report.html.contains("Most felt safe; nights were hard."));
    assert!(report.html.contains("A night worker is on duty"));
    let this_month = today.format("%Y-%m").to_string();
    let open =
        designer.browser.get(&s, &format!("/en/staff/dashboards/report?p=ACT4&month={this_month}")).await;
    assert_eq!(open.error_codes(), vec!["E-INVALID-INPUT"], "the month under way has no report");
    let other = s.db.programme_by_code("HOME25").await.unwrap().unwrap();
    let mut outsider = s.signed_in("outsider@x.org", Role::Designer, None, Some(other.id)).await;
    let refused = outsider.browser.get(&s, "/en/staff/dashboards/report?p=ACT4").await;
    assert_eq!(refused.status, 403);
    assert!(!refused.html.contains("Most felt safe"));
}
