//! Moderation over HTTP: a submission reaches the queue the next day, a
//! moderator of its programme opens it (audited), approves it and replies,
//! and the young person reads the reply with the receipt code. Moderators
//! of other programmes and admins without a moderator grant get nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use crate::common::TestServer;
use crate::journey::{receipt_hash, send_with_text};
use app::i18n::{Locale, CATALOG};
use app::model::moderation::reference;
use app::model::staff::Role;
use siang_storage::AuditFilter;

fn msg(locale: Locale, key: &str) -> String {
    CATALOG.format(locale, key, None).unwrap()
}

pub(crate) async fn submission_of(s: &TestServer, receipt: &str) -> i64 {
    s.db.receipt(&receipt_hash(s, receipt).await).await.unwrap().unwrap().submission_id
}

pub(crate) async fn audit_of(s: &TestServer, action: &str) -> Vec<siang_storage::AuditRow> {
    s.db.audit_entries(&AuditFilter { action: Some(action.into()), limit: 50, ..Default::default() })
        .await
        .unwrap()
}

#[tokio::test]
async fn a_moderator_reads_approves_and_replies_and_the_young_person_reads_it() {
    let s = crate::common::start().await;
    let safe = s.db.programme_by_code("SAFE24").await.unwrap().unwrap();
    let (_, receipt) = send_with_text(&s, "SAFE24", "More books please", false).await;
    let id = submission_of(&s, &receipt).await;
    let shown = reference(id);
    let page = format!("/en/staff/moderation/submission?id={shown}");

    // The day it was sent, it is nowhere to be seen, not even by its reference.
    let mut early = s.signed_in("early@x.org", Role::Moderator, None, Some(safe.id)).await;
    let queue = early.browser.get(&s, "/en/staff/moderation/queue?p=SAFE24").await;
    assert_eq!(queue.status, 200, "{:?}", queue.error_codes());
    assert!(!queue.html.contains(&shown), "today's submission is in the queue already");
    assert_eq!(early.browser.get(&s, &page).await.error_codes(), vec!["E-NOT-FOUND"]);
    assert!(audit_of(&s, "submission_viewed").await.is_empty());

    s.clock.advance(Duration::from_secs(86_400));
    let mut m = s.signed_in("mod@x.org", Role::Moderator, None, Some(safe.id)).await;
    let home = m.browser.get(&s, "/en/staff/moderation").await;
    assert!(home.html.contains("SAFE24"), "{}", home.html);
    let queue = m.browser.get(&s, "/en/staff/moderation/queue?p=SAFE24&state=new&text=yes").await;
    assert!(queue.html.contains(&format!("submission?id={shown}")), "the next day it is in the queue");

    let open = m.browser.get(&s, &page).await;
    assert_eq!(open.status, 200, "{:?}", open.error_codes());
    assert!(open.html.contains("More books please"));
    let v = s.db.current_version(safe.questionnaire_id).await.unwrap().unwrap();
    let prompt = &v.question_texts.iter().find(|t| t.locale == "en").unwrap().prompt;
    assert!(open.html.contains(prompt.as_str()), "questions in the moderator's language");
    let viewed = audit_of(&s, "submission_viewed").await;
    assert_eq!(viewed.len(), 1);
    assert_eq!((viewed[0].actor_id, viewed[0].target.as_deref()), (Some(m.id), Some(shown.as_str())));
    let row = s.db.submission(id).await.unwrap().unwrap();
    assert_eq!((row.status.as_str(), row.moderation.as_str()), ("read", "in_review"));

    let moved = m.browser.post(&s, "/en/staff/moderation/move", &[("id", &shown), ("to", "approved")]).await;
    assert_eq!(moved.location.as_deref(), Some(format!("{page}&done=moved").as_str()));
    assert_eq!(s.db.submission(id).await.unwrap().unwrap().moderation, "approved");
    let twice = m.browser.post(&s, "/en/staff/moderation/move", &[("id", &shown), ("to", "approved")]).await;
    assert_eq!((twice.status, twice.error_codes()), (409, vec!["E-MOVE-NOT-ALLOWED".to_owned()]));
    let moves = audit_of(&s, "submission_moved").await;
    assert_eq!(moves.len(), 1);
    assert_eq!(moves[0].detail.as_deref(), Some("state-approved"));

    let empty = m.browser.post(&s, "/en/staff/moderation/reply", &[("id", &shown), ("body", "  ")]).await;
    assert_eq!((empty.status, empty.error_codes()), (422, vec!["E-REPLY-EMPTY".to_owned()]));
    let long = "a".repeat(2001);
    let too_long = m.browser.post(&s, "/en/staff/moderation/reply", &[("id", &shown), ("body", &long)]).await;
    assert_eq!(too_long.error_codes(), vec!["E-TEXT-TOO-LONG"]);
    assert!(too_long.html.contains(&long), "what was typed is kept");
    assert!(s.db.replies_of(id).await.unwrap().is_empty());
    let answer = "Thank you <b>for</b> telling us. New books come in March.";
    let sent = m.browser.post(&s, "/en/staff/moderation/reply", &[("id", &shown), ("body", answer)]).await;
    assert_eq!(sent.location.as_deref(), Some(format!("{page}&done=replied").as_str()));
    assert_eq!(audit_of(&s, "reply_sent").await.len(), 1);
    let again = m.browser.get(&s, &format!("{page}&done=replied")).await;
    assert!(again.html.contains("Thank you &lt;b&gt;for&lt;/b&gt; telling us."), "replies are escaped");

    // The young person reads it, in their language, with the receipt code.
    let look = s.post_form("/km/r", &[("receipt".into(), receipt.clone())]).await;
    assert!(look.html.contains("New books come in March."));
    assert!(look.html.contains(&msg(Locale::Km, "status-replied")));
}

#[tokio::test]
async fn approval_waits_for_suspected_details_and_nobody_else_gets_in() {
    let s = crate::common::start().await;
    let safe = s.db.programme_by_code("SAFE24").await.unwrap().unwrap();
    let home = s.db.programme_by_code("HOME25").await.unwrap().unwrap();
    let (_, receipt) = send_with_text(&s, "SAFE24", "call me on 012 345 678", false).await;
    let id = submission_of(&s, &receipt).await;
    let shown = reference(id);
    s.clock.advance(Duration::from_secs(86_400));

    let mut m = s.signed_in("mod@x.org", Role::Moderator, None, Some(safe.id)).await;
    let open = m.browser.get(&s, &format!("/en/staff/moderation/submission?id={shown}")).await;
    assert_eq!(s.db.unresolved_details(id).await.unwrap(), 1, "the phone number was suspected");
    assert_eq!(open.text_of(".unresolved").len(), 1, "the unresolved detail is said");
    let refused =
        m.browser.post(&s, "/en/staff/moderation/move", &[("id", &shown), ("to", "approved")]).await;
    assert_eq!(refused.error_codes(), vec!["E-DETAILS-UNRESOLVED"]);
    assert_eq!(s.db.submission(id).await.unwrap().unwrap().moderation, "in_review");
    // Accept the suspected phone number: the stored text holds a placeholder.
    let detail = s.db.redactions_of(id).await.unwrap()[0].id.to_string();
    for bad in [("detail", "x", "yes"), ("detail", &detail, "maybe"), ("detail", "12345", "yes")] {
        let r = m
            .browser
            .post(&s, "/en/staff/moderation/detail", &[("id", &shown), (bad.0, bad.1), ("accept", bad.2)])
            .await;
        assert_ne!(r.status, 303, "{bad:?}");
    }
    let ok = m
        .browser
        .post(&s, "/en/staff/moderation/detail", &[("id", &shown), ("detail", &detail), ("accept", "yes")])
        .await;
    assert_eq!(ok.status, 303, "{:?}", ok.error_codes());
    let text = || async { s.db.answers_of(id).await.unwrap().into_iter().find_map(|a| a.body).unwrap() };
    assert_eq!(text().await, "call me on [phone]");
    let answer =
        s.db.answers_of(id).await.unwrap().into_iter().find(|a| a.body.is_some()).unwrap().id.to_string();
    let missing = m
        .browser
        .post(
            &s,
            "/en/staff/moderation/redact",
            &[("id", &shown), ("answer", &answer), ("words", "Sokha"), ("kind", "name")],
        )
        .await;
    assert_eq!(missing.error_codes(), vec!["E-WORDS-NOT-FOUND"]);
    let words = m
        .browser
        .post(
            &s,
            "/en/staff/moderation/redact",
            &[("id", &shown), ("answer", &answer), ("words", "call me"), ("kind", "other")],
        )
        .await;
    assert_eq!(words.status, 303, "{:?}", words.error_codes());
    assert_eq!(text().await, "[other] on [phone]");
    for action in ["detail_accepted", "words_redacted"] {
        let entries = audit_of(&s, action).await;
        assert_eq!(entries.len(), 1, "{action}");
        // The written fields only: hashes and random ids may hold "012" by chance.
        let e = &entries[0];
        let written = format!("{:?} {:?}", e.detail, e.target);
        assert!(
            !written.contains("012") && !written.contains("call me"),
            "the audit log holds redacted words: {written}"
        );
    }
    let approved =
        m.browser.post(&s, "/en/staff/moderation/move", &[("id", &shown), ("to", "approved")]).await;
    assert_eq!(approved.status, 303, "resolved, so it can be approved");
    let aside = m.browser.post(&s, "/en/staff/moderation/move", &[("id", &shown), ("to", "archived")]).await;
    assert_eq!(aside.status, 303, "an approved one can be set aside");
    for bad in ["published", "new", ""] {
        let r = m.browser.post(&s, "/en/staff/moderation/move", &[("id", &shown), ("to", bad)]).await;
        assert_eq!(r.error_codes(), vec!["E-INVALID-INPUT"], "{bad:?}");
    }
    for bad in ["", "0", "../1", "ZZZ", &reference(id ^ 1)] {
        let r = m.browser.post(&s, "/en/staff/moderation/reply", &[("id", bad), ("body", "hi")]).await;
        assert_eq!((r.status, r.error_codes()), (404, vec!["E-NOT-FOUND".to_owned()]), "{bad:?}");
    }

    // A moderator of another programme, and an admin who is not a moderator.
    let mut other = s.signed_in("other@x.org", Role::Moderator, None, Some(home.id)).await;
    let mut admin = s.signed_in("admin@x.org", Role::Admin, None, None).await;
    let before = audit_of(&s, "submission_viewed").await.len();
    let o = other.browser.get(&s, &format!("/en/staff/moderation/submission?id={shown}")).await;
    assert_eq!((o.status, o.error_codes()), (403, vec!["E-FORBIDDEN".to_owned()]));
    assert!(!o.html.contains("012 345 678"));
    let q = other.browser.get(&s, "/en/staff/moderation/queue?p=SAFE24").await;
    assert_eq!(q.error_codes(), vec!["E-FORBIDDEN"]);
    let home_page = other.browser.get(&s, "/en/staff/moderation").await;
    assert!(home_page.html.contains("HOME25") && !home_page.html.contains("SAFE24"));
    let r = other.browser.post(&s, "/en/staff/moderation/reply", &[("id", &shown), ("body", "hi")]).await;
    assert_eq!(r.error_codes(), vec!["E-FORBIDDEN"]);
    let a = admin.browser.get(&s, &format!("/en/staff/moderation/submission?id={shown}")).await;
    assert_eq!((a.status, a.error_codes()), (403, vec!["E-FORBIDDEN".to_owned()]));
    assert!(s.db.replies_of(id).await.unwrap().is_empty());
    assert_eq!(audit_of(&s, "submission_viewed").await.len(), before, "refused views are not views");
}

#[tokio::test]
async fn a_reply_starts_from_a_template_and_is_corrected_until_the_young_person_reads_it() {
    let s = crate::common::start().await;
    let safe = s.db.programme_by_code("SAFE24").await.unwrap().unwrap();
    let home = s.db.programme_by_code("HOME25").await.unwrap().unwrap();
    let mut admin = s.signed_in("admin@x.org", Role::Admin, Some(safe.organisation_id), None).await;
    let save = |title: &'static str, locale: &'static str, body: &'static str| {
        [
            ("scope", safe.organisation_id.to_string()),
            ("title", title.into()),
            ("locale", locale.into()),
            ("body", body.into()),
        ]
    };
    for (title, locale, body) in
        [("Thanks", "en", "Thank you for writing."), ("Thanks", "km", "អរគុណដែលបានសរសេរមក។")]
    {
        let f = save(title, locale, body);
        let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = admin.browser.post(&s, "/en/staff/templates/save", &fields).await;
        assert_eq!(
            r.location.as_deref(),
            Some("/en/staff/templates?done=template-saved"),
            "{:?}",
            r.error_codes()
        );
    }
    // Another organisation's template, and one for everyone this admin may not write.
    s.db.put_reply_template(Some(home.organisation_id), "Theirs", "km", "NOT-OURS", admin.id, 1)
        .await
        .unwrap();
    let everyone = [("scope", "all"), ("title", "All"), ("locale", "km"), ("body", "x")];
    assert_eq!(admin.browser.post(&s, "/en/staff/templates/save", &everyone).await.status, 403);
    let page = admin.browser.get(&s, "/en/staff/templates").await;
    assert!(page.html.contains("អរគុណដែលបានសរសេរមក។") && !page.html.contains("NOT-OURS"));
    assert!(page.text_of("ul.missing li").join(" ").contains("Thanks"), "five languages still missing");
    let theirs = s.db.reply_templates(&[home.organisation_id]).await.unwrap();
    let theirs = theirs.iter().find(|t| t.title == "Theirs").unwrap().id.to_string();
    let r = admin.browser.post(&s, "/en/staff/templates/delete", &[("template", &theirs)]).await;
    assert_eq!(r.status, 403);
    assert_eq!(audit_of(&s, "template_saved").await.len(), 2);

    // A young person writes in Khmer; the moderator starts from the Khmer template.
    let first = s.consent("km", "SAFE24").await;
    let ids = first.questions();
    let two = s
        .step("km", "SAFE24", &first, &[crate::common::journey::q(*ids.last().unwrap(), "សៀវភៅ")], "review")
        .await;
    let done = s.step("km", "SAFE24", &two, &[], "send").await;
    let receipt = done.receipt().unwrap();
    let id = submission_of(&s, &receipt).await;
    let shown = reference(id);
    s.clock.advance(Duration::from_secs(86_400));
    let mut m = s.signed_in("mod@x.org", Role::Moderator, None, Some(safe.id)).await;
    let page = format!("/en/staff/moderation/submission?id={shown}");
    let open = m.browser.get(&s, &page).await;
    assert_eq!(open.text_of("#template option"), vec!["Thanks"], "the Khmer one only, of this organisation");
    let ours = s.db.reply_templates(&[safe.organisation_id]).await.unwrap();
    let km = ours.iter().find(|t| t.locale == "km").unwrap().id;
    let started = m.browser.get(&s, &format!("{page}&template={km}")).await;
    assert_eq!(started.text_of("#reply-body"), vec!["អរគុណដែលបានសរសេរមក។"]);
    let foreign = m.browser.get(&s, &format!("{page}&template={theirs}")).await;
    assert_eq!(foreign.text_of("#reply-body"), vec![""], "another organisation's template is not used");

    let sent =
        m.browser.post(&s, "/en/staff/moderation/reply", &[("id", &shown), ("body", "អរគុណ ខែមិនា")]).await;
    assert_eq!(sent.status, 303);
    let reply = s.db.replies_of(id).await.unwrap()[0].id.to_string();
    let fix =
        |body: &'static str| [("id", shown.clone()), ("reply", reply.clone()), ("body", body.to_owned())];
    let f = fix("អរគុណ ខែមេសា");
    let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let fixed = m.browser.post(&s, "/en/staff/moderation/reply-correct", &fields).await;
    assert_eq!(fixed.location.as_deref(), Some(format!("{page}&done=reply-corrected").as_str()));
    assert_eq!(audit_of(&s, "reply_corrected").await.len(), 1);
    assert_eq!(m.browser.get(&s, &page).await.text_of("details.correct").len(), 1);

    let look = s.post_form("/km/r", &[("receipt".into(), receipt.clone())]).await;
    assert!(
        look.html.contains("អរគុណ ខែមេសា") && !look.html.contains("ខែមិនា"),
        "the young person reads the correction"
    );
    let f = fix("changed after reading");
    let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let late = m.browser.post(&s, "/en/staff/moderation/reply-correct", &fields).await;
    assert_eq!((late.status, late.error_codes()), (409, vec!["E-REPLY-ALREADY-READ".to_owned()]));
    assert_eq!(s.db.replies_of(id).await.unwrap()[0].body, "អរគុណ ខែមេសា");
    assert!(m.browser.get(&s, &page).await.text_of("details.correct").is_empty(), "no correction once read");
}

#[tokio::test]
async fn submissions_are_coded_from_the_organisations_codebook_and_the_queue_filters_by_code() {
    let s = crate::common::start().await;
    let safe = s.db.programme_by_code("SAFE24").await.unwrap().unwrap();
    let home = s.db.programme_by_code("HOME25").await.unwrap().unwrap();
    let mut admin = s.signed_in("admin@x.org", Role::Admin, Some(safe.organisation_id), None).await;
    let org = safe.organisation_id.to_string();
    let add = |key: &'static str, label: &'static str| {
        [
            ("organisation", org.clone()),
            ("facet", "theme".into()),
            ("key", key.into()),
            ("locale", "en".into()),
            ("label", label.into()),
        ]
    };
    let f = add("papers_delay", "Papers take too long");
    let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = admin.browser.post(&s, "/en/staff/codebook/add", &fields).await;
    assert_eq!(r.location.as_deref(), Some("/en/staff/codebook?done=code-added"), "{:?}", r.error_codes());
    let twice = admin.browser.post(&s, "/en/staff/codebook/add", &fields).await;
    assert_eq!(twice.error_codes(), vec!["E-CODE-EXISTS"]);
    let f = add("Bad Key", "x");
    let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        admin.browser.post(&s, "/en/staff/codebook/add", &fields).await.error_codes(),
        vec!["E-INVALID-INPUT"]
    );
    let theirs = [
        ("organisation", home.organisation_id.to_string()),
        ("facet", "theme".into()),
        ("key", "x_y".into()),
        ("locale", "en".into()),
        ("label", "x".into()),
    ];
    let fields: Vec<(&str, &str)> = theirs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        admin.browser.post(&s, "/en/staff/codebook/add", &fields).await.status,
        403,
        "another organisation's codebook"
    );
    let own =
        s.db.codebook(&[safe.organisation_id])
            .await
            .unwrap()
            .into_iter()
            .find(|c| c.key == "papers_delay")
            .unwrap();
    let km = [
        ("organisation", org.clone()),
        ("code", own.id.to_string()),
        ("locale", "km".into()),
        ("label", "ឯកសារយូរពេក".into()),
    ];
    let fields: Vec<(&str, &str)> = km.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(admin.browser.post(&s, "/en/staff/codebook/label", &fields).await.status, 303);
    let book = admin.browser.get(&s, "/km/staff/codebook").await;
    assert!(book.html.contains("ឯកសារយូរពេក"), "the Khmer label");
    assert_eq!(audit_of(&s, "code_added").await.len(), 1);

    let (_, receipt) = send_with_text(&s, "SAFE24", "The papers took eight months", false).await;
    let (_, other) = send_with_text(&s, "SAFE24", "Good food", false).await;
    let id = submission_of(&s, &receipt).await;
    let shown = reference(id);
    s.clock.advance(Duration::from_secs(86_400));
    let mut m = s.signed_in("mod@x.org", Role::Moderator, None, Some(safe.id)).await;
    let page = m.browser.get(&s, &format!("/en/staff/moderation/submission?id={shown}")).await;
    let boxes = page.text_of("fieldset.codes label").join("|");
    assert!(boxes.contains("Papers take too long") && boxes.contains("Legal status and justice"), "{boxes}");
    let legal =
        s.db.codebook(&[]).await.unwrap().into_iter().find(|c| c.key == "legal").unwrap().id.to_string();
    let foreign = s.db.add_code(home.organisation_id, "theme", "theirs").await.unwrap().unwrap().to_string();
    let bad = m
        .browser
        .post(&s, "/en/staff/moderation/codes", &[("id", &shown), ("code", &legal), ("code", &foreign)])
        .await;
    assert_eq!(bad.error_codes(), vec!["E-INVALID-INPUT"], "another organisation's code");
    assert!(s.db.codes_of(id).await.unwrap().is_empty(), "nothing changed");
    let own_id = own.id.to_string();
    let ok = m
        .browser
        .post(&s, "/en/staff/moderation/codes", &[("id", &shown), ("code", &legal), ("code", &own_id)])
        .await;
    assert_eq!(ok.status, 303, "{:?}", ok.error_codes());
    assert_eq!(s.db.codes_of(id).await.unwrap().len(), 2);
    let coded = audit_of(&s, "submission_coded").await;
    assert_eq!((coded.len(), coded[0].detail.as_deref()), (1, Some("2")));
    let queue = m.browser.get(&s, &format!("/en/staff/moderation/queue?p=SAFE24&code={own_id}")).await;
    assert!(queue.html.contains(&shown), "coded, so in the filtered queue");
    let other_ref = reference(submission_of(&s, &other).await);
    assert!(!queue.html.contains(&other_ref), "not coded, so not there");
    // Words of the answer get a code of their own.
    let answer =
        s.db.answers_of(id).await.unwrap().into_iter().find(|a| a.body.is_some()).unwrap().id.to_string();
    let words = [
        ("id", shown.as_str()),
        ("answer", answer.as_str()),
        ("words", "took eight months"),
        ("code", own_id.as_str()),
    ];
    let coded = m.browser.post(&s, "/en/staff/moderation/code-words", &words).await;
    assert_eq!(coded.status, 303, "{:?}", coded.error_codes());
    let missing = [
        ("id", shown.as_str()),
        ("answer", answer.as_str()),
        ("words", "nine months"),
        ("code", own_id.as_str()),
    ];
    assert_eq!(
        m.browser.post(&s, "/en/staff/moderation/code-words", &missing).await.error_codes(),
        vec!["E-WORDS-NOT-FOUND"]
    );
    let foreign_words = [
        ("id", shown.as_str()),
        ("answer", answer.as_str()),
        ("words", "papers"),
        ("code", foreign.as_str()),
    ];
    assert_eq!(
        m.browser.post(&s, "/en/staff/moderation/code-words", &foreign_words).await.error_codes(),
        vec!["E-INVALID-INPUT"]
    );
    assert_eq!(s.db.span_codes_of(id).await.unwrap().len(), 1);
    let after = m.browser.get(&s, &format!("/en/staff/moderation/submission?id={shown}")).await;
    assert_eq!(after.text_of("ul.span-codes li .words"), vec!["took eight months"]);
    let checked = scraper::Selector::parse("fieldset.codes input[checked]").unwrap();
    assert_eq!(after.doc().select(&checked).count(), 2, "the two codes are ticked");
}

#[tokio::test]
async fn burmese_typed_in_zawgyi_is_stored_in_unicode_and_unicode_is_left_alone() {
    let s = crate::common::start().await;
    let mut stored = Vec::new();
    for text in ["ဆရာမက အရမ္းသေဘာေကာင္းပါတယ္။", "အမေ့ကို အရမ်းသတိရတယ်။"]
    {
        let first = s.consent("my", "HOME25").await;
        let ids = first.questions();
        let two = s
            .step("my", "HOME25", &first, &[crate::common::journey::q(*ids.last().unwrap(), text)], "review")
            .await;
        let done = s.step("my", "HOME25", &two, &[], "send").await;
        let id = submission_of(&s, &done.receipt().unwrap()).await;
        stored.push(s.db.answers_of(id).await.unwrap().into_iter().find_map(|a| a.body).unwrap());
    }
    assert_eq!(stored, vec!["ဆရာမက အရမ်းသဘောကောင်းပါတယ်။", "အမေ့ကို အရမ်းသတိရတယ်။"]);
}

#[tokio::test]
async fn a_quote_is_picked_from_an_approved_submission_and_shown_only_over_k() {
    let s = crate::common::start().await;
    let safe = s.db.programme_by_code("SAFE24").await.unwrap().unwrap();
    let (_, receipt) =
        send_with_text(&s, "SAFE24", "The food was good. The papers took too long.", false).await;
    let id = submission_of(&s, &receipt).await;
    let shown = reference(id);
    s.clock.advance(Duration::from_secs(86_400));
    let mut m = s.signed_in("mod@x.org", Role::Moderator, None, Some(safe.id)).await;
    let page = format!("/en/staff/moderation/submission?id={shown}");
    let legal = s.db.codebook(&[]).await.unwrap().into_iter().find(|c| c.key == "legal").unwrap().id;
    let legal_s = legal.to_string();
    let answer =
        s.db.answers_of(id).await.unwrap().into_iter().find(|a| a.body.is_some()).unwrap().id.to_string();
    let pick =
        [("id", shown.as_str()), ("answer", answer.as_str()), ("sentence", "1"), ("theme", legal_s.as_str())];
    m.browser.get(&s, &page).await;
    let early = m.browser.post(&s, "/en/staff/moderation/quote", &pick).await;
    assert_eq!(early.error_codes(), vec!["E-QUOTE-NOT-APPROVED"]);
    assert_eq!(
        m.browser.post(&s, "/en/staff/moderation/move", &[("id", &shown), ("to", "approved")]).await.status,
        303
    );
    let untagged = m.browser.post(&s, "/en/staff/moderation/quote", &pick).await;
    assert_eq!(untagged.error_codes(), vec!["E-INVALID-INPUT"], "the theme must be one of the submission's");
    assert_eq!(m.browser.get(&s, &page).await.text_of(".quote-hint").len(), 1, "it says why");
    m.browser.post(&s, "/en/staff/moderation/codes", &[("id", &shown), ("code", &legal_s)]).await;
    let sentences = m.browser.get(&s, &page).await.text_of(".quote-sentences li q");
    assert_eq!(sentences, vec!["The food was good.", "The papers took too long."]);
    let picked = m.browser.post(&s, "/en/staff/moderation/quote", &pick).await;
    assert_eq!(
        picked.location.as_deref(),
        Some(format!("{page}&done=quoted").as_str()),
        "{:?}",
        picked.error_codes()
    );
    assert_eq!(audit_of(&s, "quote_selected").await.len(), 1);

    // One approved submission with that theme this month: hidden from designers.
    let quotes = m.browser.get(&s, "/en/staff/moderation/quotes?p=SAFE24").await;
    let row = quotes.text_of("table.quotes tbody tr").join("|");
    assert!(row.contains("The papers took too long.") && row.contains("hidden"), "{row}");
    // A k set below five counts as five; with five approved and coded, it shows.
    s.db.put_setting("suppression_k", "2").await.unwrap();
    let v = s.db.current_version(safe.questionnaire_id).await.unwrap().unwrap();
    for i in 0..3 {
        let mut sub = siang_storage::NewSubmission {
            programme_id: safe.id,
            version_id: v.id,
            locale: "en".into(),
            submitted_on: s.db.submission(id).await.unwrap().unwrap().submitted_on,
            receipt_hash: format!("r-{i}"),
            key_hash: format!("k-{i}"),
            answers: vec![],
            safeguarding: None,
        };
        sub.answers.clear();
        let siang_storage::SubmitOutcome::Stored { id: other } = s.db.submit(sub).await.unwrap() else {
            panic!()
        };
        s.db.set_codes(other, &[legal]).await.unwrap();
        assert!(s.db.set_moderation(other, "approved").await.unwrap());
    }
    let four = m
        .browser
        .get(&s, "/en/staff/moderation/quotes?p=SAFE24")
        .await
        .text_of("table.quotes tbody tr")
        .join("|");
    assert!(four.contains("hidden"), "four is under five: {four}");
    let sub = siang_storage::NewSubmission {
        programme_id: safe.id,
        version_id: v.id,
        locale: "en".into(),
        submitted_on: s.db.submission(id).await.unwrap().unwrap().submitted_on,
        receipt_hash: "r-5".into(),
        key_hash: "k-5".into(),
        answers: vec![],
        safeguarding: None,
    };
    let siang_storage::SubmitOutcome::Stored { id: fifth } = s.db.submit(sub).await.unwrap() else {
        panic!()
    };
    s.db.set_codes(fifth, &[legal]).await.unwrap();
    s.db.set_moderation(fifth, "approved").await.unwrap();
    let five = m
        .browser
        .get(&s, "/en/staff/moderation/quotes?p=SAFE24")
        .await
        .text_of("table.quotes tbody tr")
        .join("|");
    assert!(five.contains("shown") && !five.contains("hidden"), "{five}");
    let quote = s.db.quotes_of(safe.id).await.unwrap()[0].id.to_string();
    let removed =
        m.browser.post(&s, "/en/staff/moderation/quote-remove", &[("p", "SAFE24"), ("quote", &quote)]).await;
    assert_eq!(removed.location.as_deref(), Some("/en/staff/moderation/quotes?p=SAFE24&done=unquoted"));
    assert!(s.db.quotes_of(safe.id).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_period_summary_is_drafted_from_the_data_edited_in_versions_and_published() {
    use siang_storage::{AnswerValue, NewAnswer, NewProgramme, NewQuote, NewSubmission, SubmitOutcome};
    let s = crate::common::start().await;
    let safe = s.db.programme_by_code("SAFE24").await.unwrap().unwrap();
    let p =
        s.db.create_programme(&NewProgramme {
            organisation_id: safe.organisation_id,
            code: "SUMRY7".into(),
            name: "Summary Test".into(),
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
    s.db.put_setting("suppression_k", "5").await.unwrap();
    let v = s.db.current_version(safe.questionnaire_id).await.unwrap().unwrap();
    let scale = v.questions.iter().find(|q| q.kind == "scale").unwrap().id;
    let health = s.db.codebook(&[]).await.unwrap().into_iter().find(|c| c.key == "health").unwrap().id;
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2025, m, d).unwrap();
    let mut march = Vec::new();
    for (month, rating, n) in [(2, 2, 6), (3, 4, 6)] {
        for i in 0..n {
            let sub = NewSubmission {
                programme_id: p.id,
                version_id: v.id,
                locale: "en".into(),
                submitted_on: day(month, 10),
                receipt_hash: format!("r-{month}-{i}"),
                key_hash: format!("k-{month}-{i}"),
                answers: vec![NewAnswer {
                    question_id: scale,
                    value: AnswerValue::Rating(rating),
                    suggestions: vec![],
                }],
                safeguarding: None,
            };
            let SubmitOutcome::Stored { id } = s.db.submit(sub).await.unwrap() else { panic!() };
            if month == 3 && i < 5 {
                s.db.set_codes(id, &[health]).await.unwrap();
                assert!(s.db.set_moderation(id, "approved").await.unwrap());
                march.push(id);
            }
        }
    }
    let staff = s.db.create_staff("q@x.org", "Q", 1).await.unwrap().id;
    for (i, body) in
        ["The clinic was far away.", "The clinic was far and the bus was late.", "I liked the nurse."]
            .iter()
            .enumerate()
    {
        let q = NewQuote {
            programme_id: p.id,
            submission_id: march[i],
            answer_id: 0,
            body,
            month: "2025-03",
            tag_id: health,
            staff_id: staff,
        };
        // Quotes point at an answer; these submissions have ratings only, so use the rating's.
        let answer = s.db.answers_of(march[i]).await.unwrap()[0].id;
        s.db.add_quote(&NewQuote { answer_id: answer, ..q }).await.unwrap();
    }

    let mut m = s.signed_in("mod@x.org", Role::Moderator, None, Some(p.id)).await;
    let page = "/en/staff/moderation/summaries?p=SUMRY7&period=2025-03";
    let empty = m.browser.get(&s, page).await;
    assert_eq!(empty.status, 200, "{:?}", empty.error_codes());
    assert!(empty.text_of("#summary-body").is_empty(), "no text before a draft");
    let f = [("p", "SUMRY7"), ("period", "2025-03")];
    let drafted = m.browser.post(&s, "/en/staff/moderation/summary-draft", &f).await;
    assert_eq!(drafted.location.as_deref(), Some(format!("{page}&done=summary-drafted").as_str()));
    let text = m.browser.get(&s, page).await.text_of("#summary-body").join("");
    assert!(text.contains("6 young people answered"), "{text}");
    assert!(text.contains("4.0 (before: 2.0)"), "{text}");
    assert!(text.contains("Health (5)"), "{text}");
    assert!(text.contains("“The clinic was far away.”"), "the quote most like the others: {text}");
    let first_text = text.clone();
    // A period with too few: no numbers.
    m.browser.post(&s, "/en/staff/moderation/summary-draft", &[("p", "SUMRY7"), ("period", "2025-01")]).await;
    let few = m
        .browser
        .get(&s, "/en/staff/moderation/summaries?p=SUMRY7&period=2025-01")
        .await
        .text_of("#summary-body")
        .join("");
    assert!(few.contains("Fewer than 5") && !few.contains("Health"), "{few}");

    let edited = format!("{first_text}\nWe will ask the clinic to come to the shelter.");
    let saved = m
        .browser
        .post(
            &s,
            "/en/staff/moderation/summary-save",
            &[("p", "SUMRY7"), ("period", "2025-03"), ("body", &edited)],
        )
        .await;
    assert_eq!(saved.status, 303, "{:?}", saved.error_codes());
    let published = m.browser.post(&s, "/en/staff/moderation/summary-publish", &f).await;
    assert_eq!(published.location.as_deref(), Some(format!("{page}&done=summary-published").as_str()));
    let (start, end) = siang_storage::month_range("2025-03").unwrap();
    let row = s.db.summary(p.id, start, end).await.unwrap().unwrap();
    assert_eq!(row.state, "published");
    let versions = s.db.summary_versions(row.id).await.unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(row.published_version, Some(versions[0].id), "the edited text is the published one");
    let who = audit_of(&s, "summary_published").await;
    assert_eq!((who.len(), who[0].actor_id), (1, Some(m.id)));
    assert_eq!(m.browser.get(&s, page).await.text_of("ol.versions li").len(), 2);

    // Designers read the published version and the quotes large enough to show.
    let feb = s.db.answers_of(march[0]).await.unwrap()[0].id;
    let hidden = NewQuote {
        programme_id: p.id,
        submission_id: march[0],
        answer_id: feb,
        body: "A FEBRUARY QUOTE",
        month: "2025-02",
        tag_id: health,
        staff_id: staff,
    };
    s.db.add_quote(&hidden).await.unwrap();
    m.browser
        .post(
            &s,
            "/en/staff/moderation/summary-save",
            &[("p", "SUMRY7"), ("period", "2025-03"), ("body", "NOT YET PUBLISHED")],
        )
        .await;
    let mut designer = s.signed_in("designer@x.org", Role::Designer, None, Some(p.id)).await;
    let read = designer.browser.get(&s, "/en/staff/published?p=SUMRY7").await;
    assert_eq!(read.status, 200, "{:?}", read.error_codes());
    let summaries = read.text_of("article.summary").join("|");
    assert!(summaries.contains("We will ask the clinic") && summaries.contains("2025-03"), "{summaries}");
    assert!(!read.html.contains("NOT YET PUBLISHED"), "a newer draft is not the designers'");
    assert_eq!(read.text_of(".quotes-list li q").len(), 3, "the March quotes (five approved with the theme)");
    assert!(!read.html.contains("A FEBRUARY QUOTE"), "no February submission carries the theme");
    let mut outsider = s.signed_in("outsider@x.org", Role::Designer, None, Some(safe.id)).await;
    let refused = outsider.browser.get(&s, "/en/staff/published?p=SUMRY7").await;
    assert_eq!((refused.status, refused.error_codes()), (403, vec!["E-FORBIDDEN".to_owned()]));
    assert!(!refused.html.contains("We will ask the clinic"));

    let mut other = s.signed_in("other@x.org", Role::Moderator, None, Some(safe.id)).await;
    assert_eq!(other.browser.get(&s, page).await.status, 403);
    assert_eq!(other.browser.post(&s, "/en/staff/moderation/summary-publish", &f).await.status, 403);
    let bad = m
        .browser
        .post(&s, "/en/staff/moderation/summary-draft", &[("p", "SUMRY7"), ("period", "2025-13")])
        .await;
    assert_eq!(bad.error_codes(), vec!["E-INVALID-INPUT"]);
}
