//! The urgent view over HTTP: a concern is there the moment it is sent
//! (no daily batch) and never in the queue; the team acknowledges, refers
//! and closes it with notes, late ones stand out; a moderator can turn a
//! submission into a concern; alerts and sign-in links go by e-mail through
//! a real SMTP server (STARTTLS, a password) and hold no child's words.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use crate::common::mail_sink::MailSink;
use crate::common::staff::{Account, Page};
use crate::common::TestServer;
use crate::journey::{receipt_hash, send_with_text};
use app::i18n::{Locale, CATALOG};
use app::model::moderation::reference;
use app::model::staff::Role;
use siang_storage::{AuditFilter, SafeguardingSetup};

fn msg(locale: Locale, key: &str) -> String {
    CATALOG.format(locale, key, None).unwrap()
}

async fn submission_of(s: &TestServer, receipt: &str) -> i64 {
    s.db.receipt(&receipt_hash(s, receipt).await).await.unwrap().unwrap().submission_id
}

async fn audit_of(s: &TestServer, action: &str) -> Vec<siang_storage::AuditRow> {
    s.db.audit_entries(&AuditFilter { action: Some(action.into()), limit: 50, ..Default::default() })
        .await
        .unwrap()
}

#[tokio::test]
async fn a_concern_is_in_the_urgent_view_at_once_and_handled_step_by_step() {
    let s = crate::common::start().await;
    let safe = s.db.programme_by_code("SAFE24").await.unwrap().unwrap();
    let (_, receipt) = send_with_text(&s, "SAFE24", "They kept my papers", true).await;
    let id = submission_of(&s, &receipt).await;
    let flag = s.db.concern_of_submission(id).await.unwrap().expect("a concern");
    let (shown, sub) = (reference(flag), reference(id));
    let case = format!("/en/staff/safeguarding/case?id={shown}");

    // The same hour: in the urgent view, with the hours left to acknowledge it.
    let mut m = s.signed_in("duty@x.org", Role::Moderator, None, Some(safe.id)).await;
    let list = m.browser.get(&s, "/en/staff/safeguarding").await;
    assert_eq!(list.status, 200, "{:?}", list.error_codes());
    let row =
        list.text_of("table.concerns tbody tr").into_iter().find(|r| r.contains(&shown)).unwrap_or_default();
    assert!(row.contains(&shown) && row.contains(&msg(Locale::En, "sg-state-new")), "{row}");
    assert!(row.contains("h left to acknowledge"), "{row}");
    // (Demo concerns of past days are late; this one is not.)
    assert!(!list.text_of("tr.overdue").join("|").contains(&shown));

    // Days later it is still not in the queue, nor openable there.
    s.clock.advance(Duration::from_secs(2 * 86_400));
    // (The first session ran out meanwhile.)
    let mut m = s.signed_in("duty-later@x.org", Role::Moderator, None, Some(safe.id)).await;
    let queue = m.browser.get(&s, "/en/staff/moderation/queue?p=SAFE24").await;
    assert!(!queue.html.contains(&sub), "a concern reached the queue");
    let there = m.browser.get(&s, &format!("/en/staff/moderation/submission?id={sub}")).await;
    assert_eq!((there.status, there.error_codes()), (409, vec!["E-IN-URGENT-VIEW".to_owned()]));
    // Unacknowledged after 24 hours: it stands out, in words.
    let list = m.browser.get(&s, "/en/staff/safeguarding").await;
    let late = list.text_of("tr.overdue").join("|");
    assert!(late.contains(&shown) && late.contains("Overdue by"), "{late}");

    let open = m.browser.get(&s, &case).await;
    assert_eq!(open.status, 200, "{:?}", open.error_codes());
    assert!(open.html.contains("They kept my papers"), "the answers are there");
    assert!(open.html.contains(&msg(Locale::En, "sg-said-yes")));
    assert!(
        open.text_of("ol.referral li")[0].starts_with("Within the hour"),
        "the programme's referral steps"
    );
    assert!(open.text_of(".helplines li").iter().any(|h| h.contains("1280")), "Cambodia's child helpline");
    let viewed = audit_of(&s, "concern_viewed").await;
    assert_eq!(
        (viewed.len(), viewed[0].actor_id, viewed[0].target.as_deref()),
        (1, Some(m.id), Some(shown.as_str()))
    );
    assert_eq!(s.db.submission(id).await.unwrap().unwrap().status, "read", "read by the team");

    // A moderator of another programme, an admin and a designer: nothing.
    let home = s.db.programme_by_code("HOME25").await.unwrap().unwrap();
    let mut other = s.signed_in("other@x.org", Role::Moderator, None, Some(home.id)).await;
    let mut admin = s.signed_in("admin@x.org", Role::Admin, None, None).await;
    let mut designer = s.signed_in("designer@x.org", Role::Designer, None, Some(safe.id)).await;
    assert!(!other.browser.get(&s, "/en/staff/safeguarding").await.html.contains(&shown));
    for who in [&mut other, &mut admin, &mut designer] {
        let o = who.browser.get(&s, &case).await;
        assert_eq!(o.status, 403, "{:?}", o.error_codes());
        assert!(!o.html.contains("They kept my papers"));
        let r = step(&s, who, &shown, "acknowledged", "").await;
        assert_eq!(r.status, 403, "{:?}", r.error_codes());
        let r = who.browser.post(&s, "/en/staff/safeguarding/reply", &[("id", &shown), ("body", "hi")]).await;
        assert_eq!(r.status, 403, "{:?}", r.error_codes());
        let fix = [("id", shown.as_str()), ("reply", "1"), ("body", "hi")];
        let r = who.browser.post(&s, "/en/staff/safeguarding/reply-correct", &fix).await;
        assert_eq!(r.status, 403, "{:?}", r.error_codes());
    }
    assert_eq!(audit_of(&s, "concern_viewed").await.len(), 1, "refused views are not views");
    assert_eq!(s.db.concern(flag).await.unwrap().unwrap().state, "new");
    assert!(s.db.replies_of(id).await.unwrap().is_empty());
    for bad in ["", "0", "../1", "ZZZ", &reference(flag ^ 1)] {
        let r = step(&s, &mut m, bad, "acknowledged", "").await;
        assert_eq!((r.status, r.error_codes()), (404, vec!["E-NOT-FOUND".to_owned()]), "{bad:?}");
    }

    let early = step(&s, &mut m, &shown, "referred", "to 1280").await;
    assert_eq!((early.status, early.error_codes()), (409, vec!["E-MOVE-NOT-ALLOWED".to_owned()]));
    let ack = step(&s, &mut m, &shown, "acknowledged", "").await;
    assert_eq!(ack.location.as_deref(), Some(format!("{case}&done=acknowledged").as_str()));
    let bare = step(&s, &mut m, &shown, "referred", "").await;
    assert_eq!((bare.status, bare.error_codes()), (422, vec!["E-NOTE-REQUIRED".to_owned()]));
    let bogus = step(&s, &mut m, &shown, "open", "x").await;
    assert_eq!(bogus.error_codes(), vec!["E-INVALID-INPUT"]);
    let refer = step(&s, &mut m, &shown, "referred", "Child Helpline 1280, case <44>").await;
    assert_eq!(refer.status, 303, "{:?}", refer.error_codes());
    let reply = [("id", shown.as_str()), ("body", "We are here for you. Call 1280 any time.")];
    let replied = m.browser.post(&s, "/en/staff/safeguarding/reply", &reply).await;
    assert_eq!(replied.location.as_deref(), Some(format!("{case}&done=replied").as_str()));
    // Corrected from the case page while the young person has not read it.
    let sent = s.db.replies_of(id).await.unwrap()[0].id.to_string();
    assert!(m.browser.get(&s, &case).await.html.contains("/en/staff/safeguarding/reply-correct"));
    let fixed = "We are here for you. Call 1280 any time, day or night.";
    let fix = [("id", shown.as_str()), ("reply", sent.as_str()), ("body", fixed)];
    let r = m.browser.post(&s, "/en/staff/safeguarding/reply-correct", &fix).await;
    assert_eq!(
        r.location.as_deref(),
        Some(format!("{case}&done=reply-corrected").as_str()),
        "{:?}",
        r.error_codes()
    );
    let empty = [("id", shown.as_str()), ("reply", sent.as_str()), ("body", "")];
    let r = m.browser.post(&s, "/en/staff/safeguarding/reply-correct", &empty).await;
    assert_eq!(r.error_codes(), vec!["E-REPLY-EMPTY"]);
    let stranger = [("id", shown.as_str()), ("reply", "999"), ("body", "x")];
    let r = m.browser.post(&s, "/en/staff/safeguarding/reply-correct", &stranger).await;
    assert_eq!(r.error_codes(), vec!["E-INVALID-INPUT"], "not this concern's reply");
    assert_eq!(audit_of(&s, "reply_corrected").await.len(), 1);
    let close = step(&s, &mut m, &shown, "closed", "Safe with her aunt").await;
    assert_eq!(close.status, 303);

    let done = m.browser.get(&s, &case).await;
    let steps = done.text_of("ol.steps li");
    assert_eq!(steps.len(), 3, "{steps:?}");
    assert!(
        steps[1].contains("duty") && steps[1].contains("case <44>"),
        "who, and the note (escaped): {steps:?}"
    );
    assert!(done.html.contains("case &lt;44&gt;"));
    assert!(done.text_of(".step-form").is_empty(), "a closed concern has no next step");
    let details: Vec<Option<String>> =
        audit_of(&s, "concern_step").await.into_iter().map(|a| a.detail).collect();
    assert_eq!(details.len(), 3);
    for st in ["state-acknowledged", "state-referred", "state-closed"] {
        assert!(details.contains(&Some(st.to_owned())), "{details:?}");
    }
    assert!(!m.browser.get(&s, "/en/staff/safeguarding").await.html.contains(&shown));
    assert!(m.browser.get(&s, "/en/staff/safeguarding?show=closed").await.html.contains(&shown));

    // The young person reads the reply with the receipt code.
    let look = s.post_form("/km/r", &[("receipt".into(), receipt.clone())]).await;
    assert!(look.html.contains(fixed), "the corrected reply");
    // Once read it stays as they saw it, and the case page offers no correction.
    let late = [("id", shown.as_str()), ("reply", sent.as_str()), ("body", "changed")];
    let r = m.browser.post(&s, "/en/staff/safeguarding/reply-correct", &late).await;
    assert_eq!((r.status, r.error_codes()), (409, vec!["E-REPLY-ALREADY-READ".to_owned()]));
    assert!(!m.browser.get(&s, &case).await.html.contains("/en/staff/safeguarding/reply-correct"));
    assert_eq!(s.db.replies_of(id).await.unwrap()[0].body, fixed);
}

async fn step(s: &TestServer, m: &mut Account, shown: &str, to: &str, note: &str) -> Page {
    m.browser.post(s, "/en/staff/safeguarding/step", &[("id", shown), ("to", to), ("note", note)]).await
}

#[tokio::test]
async fn a_marked_submission_leaves_the_queue_and_its_contacts_are_mailed_without_its_words() {
    let sink = MailSink::start();
    let mailer = sink.mailer();
    let s = crate::common::start().await;
    let safe = s.db.programme_by_code("SAFE24").await.unwrap().unwrap();
    let home = s.db.programme_by_code("HOME25").await.unwrap().unwrap();
    let setup = SafeguardingSetup {
        contacts: vec!["duty@ngo.test".into()],
        referral_steps: vec!["Call the duty officer.".into()],
    };
    s.db.set_safeguarding_setup(safe.id, &setup).await.unwrap();
    let (_, receipt) = send_with_text(&s, "SAFE24", "My uncle comes at night", false).await;
    let id = submission_of(&s, &receipt).await;
    let sub = reference(id);
    s.clock.advance(Duration::from_secs(86_400));
    // Demo concerns are history: nothing to send before ours.
    assert_eq!(app::mail::alerts::send_pending(&s.state, &mailer).await.unwrap(), 0);

    let mut m = s.signed_in("mod@x.org", Role::Moderator, None, Some(safe.id)).await;
    let page = m.browser.get(&s, &format!("/en/staff/moderation/submission?id={sub}")).await;
    assert_eq!(page.text_of(".flag-concern summary"), vec![msg(Locale::En, "sg-flag-summary")]);
    let long = "x".repeat(1001);
    let refused = m.browser.post(&s, "/en/staff/moderation/flag", &[("id", &sub), ("reason", &long)]).await;
    assert_eq!(refused.error_codes(), vec!["E-TEXT-TOO-LONG"]);
    assert_eq!(s.db.concern_of_submission(id).await.unwrap(), None, "nothing changed");
    let flagged = m
        .browser
        .post(&s, "/en/staff/moderation/flag", &[("id", &sub), ("reason", "hinted at a threat")])
        .await;
    let flag = s.db.concern_of_submission(id).await.unwrap().expect("a concern");
    assert_eq!(
        flagged.location.as_deref(),
        Some(format!("/en/staff/safeguarding/case?id={}&done=raised", reference(flag)).as_str())
    );
    assert_eq!(audit_of(&s, "concern_raised").await.len(), 1);
    assert!(!m.browser.get(&s, "/en/staff/moderation/queue?p=SAFE24").await.html.contains(&sub));
    let case = m.browser.get(&s, flagged.location.as_deref().unwrap()).await;
    assert!(case.html.contains("hinted at a threat") && case.html.contains("My uncle comes at night"));
    let again = m.browser.post(&s, "/en/staff/moderation/flag", &[("id", &sub), ("reason", "")]).await;
    assert_eq!(again.error_codes(), vec!["E-IN-URGENT-VIEW"], "marked once");

    assert_eq!(app::mail::alerts::send_pending(&s.state, &mailer).await.unwrap(), 1);
    assert_eq!(app::mail::alerts::send_pending(&s.state, &mailer).await.unwrap(), 0, "sent once");
    let got = sink.received();
    assert_eq!(got.len(), 1, "{got:?}");
    let mail = &got[0];
    assert_eq!(mail.to, vec!["duty@ngo.test"]);
    assert!(mail.secure, "STARTTLS was used");
    assert!(mail.subject.contains(&safe.name), "{}", mail.subject);
    assert!(mail.text.contains(&format!("{}/km/staff/safeguarding", s.base)), "{}", mail.text);
    assert!(mail.text.contains(&reference(flag)));
    for secret in ["uncle", "night", "threat"] {
        assert!(!mail.raw.contains(secret) && !mail.text.contains(secret), "the mail holds {secret:?}");
    }

    // No contacts set: the programme's moderators are alerted, nobody else.
    let _other = s.signed_in("home-mod@x.org", Role::Moderator, None, Some(home.id)).await;
    let _designer = s.signed_in("home-designer@x.org", Role::Designer, None, Some(home.id)).await;
    send_with_text(&s, "HOME25", "help", true).await;
    assert_eq!(app::mail::alerts::send_pending(&s.state, &mailer).await.unwrap(), 1);
    let got = sink.received();
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].to, vec!["home-mod@x.org"]);
}

#[tokio::test]
async fn with_mail_configured_sign_in_links_go_by_mail_and_are_never_shown() {
    let sink = MailSink::start();
    let mut cfg = crate::common::config(false);
    cfg.app.mailer = Some(sink.mailer());
    let s = crate::common::start_with(cfg).await;
    let mut admin = s.signed_in("admin@x.org", Role::Admin, None, None).await;
    let invite = [
        ("email", "new@ngo.test"),
        ("name", "Nita"),
        ("role", "designer"),
        ("organisation", ""),
        ("programme", ""),
    ];
    let page = admin.browser.post(&s, "/en/staff/people/invite", &invite).await;
    assert_eq!(page.status, 200, "{:?}", page.error_codes());
    assert!(page.text_of(".notice").join(" ").contains("new@ngo.test"));
    assert!(!page.html.contains("set-password?t="), "the link is not on screen");
    let got = sink.received();
    assert_eq!(got.len(), 1);
    assert_eq!((got[0].to.clone(), got[0].secure), (vec!["new@ngo.test".to_owned()], true));
    assert_eq!(got[0].subject, msg(Locale::En, "mail-invite-subject"));
    let link =
        got[0].text.split_whitespace().find(|w| w.contains("/en/staff/set-password?t=")).unwrap().to_owned();
    let path = link.strip_prefix(&s.base).expect("a link to this server");
    let mut b = crate::common::staff::Browser::default();
    assert_eq!(b.get(&s, path).await.status, 200, "the mailed link opens");

    // The mail server is gone: an error, and still no link on screen.
    drop(sink);
    let again = [
        ("email", "late@ngo.test"),
        ("name", "Late"),
        ("role", "designer"),
        ("organisation", ""),
        ("programme", ""),
    ];
    let failed = admin.browser.post(&s, "/en/staff/people/invite", &again).await;
    assert_eq!((failed.status, failed.error_codes()), (503, vec!["E-MAIL-FAILED".to_owned()]));
    assert!(!failed.html.contains("set-password?t="));
}

#[tokio::test]
async fn administrators_keep_places_contacts_steps_and_names_and_the_finder_uses_them() {
    let s = crate::common::start().await;
    let safe = s.db.programme_by_code("SAFE24").await.unwrap().unwrap();
    let home = s.db.programme_by_code("HOME25").await.unwrap().unwrap();
    let mut org_admin = s.signed_in("org@x.org", Role::Admin, Some(safe.organisation_id), None).await;
    let page = org_admin.browser.get(&s, "/en/staff/programmes/safety?p=SAFE24").await;
    assert_eq!(page.status, 200, "{:?}", page.error_codes());
    assert!(page.html.contains("Within the hour"), "the demo's referral steps");
    assert!(page.text_of("#names").is_empty(), "the installation's names are not this admin's");
    let save = |contacts: &'static str| {
        [
            ("p", "SAFE24"),
            ("places", "Phum Thmey, បុរីសុខសាន្ត"),
            ("contacts", contacts),
            ("steps", "Call the duty officer, then the helpline.\nWrite down what you did."),
        ]
    };
    let bad = org_admin.browser.post(&s, "/en/staff/programmes/safety/save", &save("not an address")).await;
    assert_eq!(bad.error_codes(), vec!["E-INVALID-INPUT"]);
    assert!(s.db.programme_places(safe.id).await.unwrap().is_empty(), "nothing saved");
    let ok = org_admin
        .browser
        .post(&s, "/en/staff/programmes/safety/save", &save("duty@ngo.test\nlead@ngo.test"))
        .await;
    assert_eq!(ok.location.as_deref(), Some("/en/staff/programmes/safety?p=SAFE24&done=safety-saved"));
    assert_eq!(s.db.programme_places(safe.id).await.unwrap(), vec!["Phum Thmey", "បុរីសុខសាន្ត"]);
    let setup = s.db.safeguarding_setup(safe.id).await.unwrap();
    assert_eq!(setup.contacts, vec!["duty@ngo.test", "lead@ngo.test"]);
    assert_eq!(
        setup.referral_steps,
        vec!["Call the duty officer, then the helpline.", "Write down what you did."]
    );
    assert_eq!(audit_of(&s, "safety_settings_saved").await.len(), 1);
    let theirs = [("p", "HOME25"), ("places", "x"), ("contacts", ""), ("steps", "")];
    assert_eq!(org_admin.browser.post(&s, "/en/staff/programmes/safety/save", &theirs).await.status, 403);
    assert!(s.db.programme_places(home.id).await.unwrap().is_empty());
    let names = [("p", "SAFE24"), ("names", "Sokha")];
    assert_eq!(org_admin.browser.post(&s, "/en/staff/programmes/names", &names).await.status, 403);

    let mut root = s.signed_in("root@x.org", Role::Admin, None, None).await;
    let saved = root
        .browser
        .post(&s, "/en/staff/programmes/names", &[("p", "SAFE24"), ("names", "Sokha\nDara")])
        .await;
    assert_eq!(saved.status, 303, "{:?}", saved.error_codes());
    // A young person names a place of the list and a person: both suspected.
    let (_, receipt) = send_with_text(&s, "SAFE24", "Sokha met me in Phum Thmey", false).await;
    let id = submission_of(&s, &receipt).await;
    let kinds: Vec<String> = s.db.redactions_of(id).await.unwrap().into_iter().map(|r| r.kind).collect();
    assert_eq!(kinds, vec!["name", "place"]);
    // The same words in another programme: the name is, the place is not.
    let (_, other) = send_with_text(&s, "HOME25", "Sokha met me in Phum Thmey", false).await;
    let kinds: Vec<String> =
        s.db.redactions_of(submission_of(&s, &other).await)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.kind)
            .collect();
    assert_eq!(kinds, vec!["name"]);
}
