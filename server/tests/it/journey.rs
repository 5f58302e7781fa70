//! The youth journey over HTTP, as a browser without JavaScript does it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::journey::{q, Reply};
use crate::common::TestServer;
use app::i18n::{Locale, CATALOG};

fn msg(locale: Locale, key: &str) -> String {
    CATALOG.format(locale, key, None).unwrap()
}

fn assert_youth_response(r: &Reply) {
    assert!(!r.set_cookie, "a youth page set a cookie");
    assert_eq!(r.cache_control, "no-store");
}

/// Walks every screen with `answer(page)` and returns the review page.
async fn walk(
    s: &TestServer,
    lang: &str,
    code: &str,
    answer: impl Fn(&Reply) -> Vec<(String, String)>,
) -> Reply {
    let mut page = s.consent(lang, code).await;
    assert_eq!(page.status, 200, "{}", page.html);
    for _ in 0..20 {
        assert_youth_response(&page);
        if page.field("s").as_deref() == Some("review") {
            return page;
        }
        page = s.step(lang, code, &page, &answer(&page), "next").await;
        assert_eq!(page.status, 200, "{:?}", page.error_codes());
    }
    panic!("never reached the review");
}

async fn stored(s: &TestServer, code: &str) -> i64 {
    let p = s.db.programme_by_code(code).await.unwrap().unwrap();
    s.db.count_submissions(Some(p.id)).await.unwrap()
}

#[tokio::test]
async fn the_whole_journey_in_khmer_ends_with_a_receipt() {
    let s = crate::common::start().await;
    let before = stored(&s, "SAFE24").await;
    let consent = s.consent("km", "SAFE24").await;
    assert!(consent.html.contains(&msg(Locale::Km, "area-safety")), "first screen in Khmer");
    assert!(consent.html.contains("<html lang=\"km\""));
    // Four faces for every scale question; "prefer not to say" for the rest.
    let review = walk(&s, "km", "SAFE24", |page| {
        let doc = page.doc();
        let radios = scraper::Selector::parse("fieldset input[type=radio][value='4']").unwrap();
        let scales: Vec<String> =
            doc.select(&radios).map(|e| e.value().attr("name").unwrap().to_owned()).collect();
        let others = scraper::Selector::parse("fieldset.single input[value=prefer_not]").unwrap();
        let singles: Vec<String> =
            doc.select(&others).map(|e| e.value().attr("name").unwrap().to_owned()).collect();
        scales
            .into_iter()
            .map(|n| (n, "4".to_owned()))
            .chain(singles.into_iter().map(|n| (n, "prefer_not".into())))
            .collect()
    })
    .await;
    assert!(review.html.contains(&msg(Locale::Km, "scale-4")), "the review shows the answers");
    let done = s.step("km", "SAFE24", &review, &[], "send").await;
    assert_eq!(done.status, 200);
    assert_youth_response(&done);
    let receipt = done.receipt().expect("a receipt code");
    assert_eq!(receipt.len(), 14, "{receipt}");
    assert_eq!(receipt.matches('-').count(), 2);
    assert!(done.html.contains(&msg(Locale::Km, "done-keep")));
    assert!(done.html.contains("1280"), "Cambodia's helpline is on the receipt page");
    assert_eq!(stored(&s, "SAFE24").await, before + 1);
}

#[tokio::test]
async fn skipping_everything_still_sends() {
    let s = crate::common::start().await;
    let before = stored(&s, "HOME25").await;
    let first = s.consent("my", "HOME25").await;
    let review = s.step("my", "HOME25", &first, &[], "review").await;
    assert_eq!(review.field("s").as_deref(), Some("review"));
    assert!(
        review.html.contains(&msg(Locale::My, "review-none-answered")),
        "each skipped screen in one line"
    );
    assert!(!review.html.contains("<dd"), "and no row per skipped question");
    let done = s.step("my", "HOME25", &review, &[], "send").await;
    assert!(done.receipt().is_some(), "{:?}", done.error_codes());
    assert_eq!(stored(&s, "HOME25").await, before + 1);
}

#[tokio::test]
async fn back_and_forth_keep_every_answer_including_free_text() {
    let s = crate::common::start().await;
    let one = s.consent("en", "SAFE24").await;
    let ids = one.questions();
    let text_id = *ids.last().unwrap();
    let tricky = "I liked it </textarea><script>alert(1)</script> & \"quotes\"";
    let two = s
        .step("en", "SAFE24", &one, &[q(ids[0], "5"), q(ids[1], "dont_know"), q(text_id, tricky)], "next")
        .await;
    assert_eq!(two.field("s").as_deref(), Some("2"));
    let back = s.step("en", "SAFE24", &two, &[], "back").await;

    assert_eq!(back.field("s").as_deref(), Some("1"));
    assert_eq!(back.textarea(text_id).as_deref(), Some(tricky), "free text comes back exactly, escaped");
    assert!(!back.html.contains("<script>alert(1)</script>"), "user text never becomes markup");
    let checked = scraper::Selector::parse(&format!("input[name=q{}][value='5'][checked]", ids[0])).unwrap();
    assert_eq!(back.doc().select(&checked).count(), 1, "the face stays chosen");
    // A language switch mid-way keeps the answers too.
    let switched = s.step("th", "SAFE24", &back, &[], "stay").await;
    assert!(switched.html.contains("<html lang=\"th\""));
    assert_eq!(switched.textarea(text_id).as_deref(), Some(tricky));
}

#[tokio::test]
async fn sending_the_same_form_twice_stores_one_submission_with_one_receipt() {
    let mut cfg = crate::common::config(false);
    // Each send waits until both are in flight: they truly overlap (or the test times out).
    cfg.app.send_rendezvous = Some(std::sync::Arc::new(tokio::sync::Barrier::new(2)));
    let s = crate::common::start_with(cfg).await;
    let before = stored(&s, "TALK7").await;
    let first = s.consent("en", "TALK7").await;
    let review = s.step("en", "TALK7", &first, &[], "review").await;
    let both = async {
        tokio::join!(s.step("en", "TALK7", &review, &[], "send"), s.step("en", "TALK7", &review, &[], "send"))
    };
    let (a, b) = tokio::time::timeout(std::time::Duration::from_secs(30), both)
        .await
        .expect("both sends in flight at once");
    // A third, later (a reload): answered from the stored key, no rendezvous needed.
    let c = s.step("en", "TALK7", &review, &[], "send").await;
    let receipts: Vec<_> = [&a, &b, &c]
        .iter()
        .map(|r| r.receipt().unwrap_or_else(|| panic!("{} {:?}", r.status, r.error_codes())))
        .collect();
    assert!(receipts.iter().all(|r| *r == receipts[0]), "{receipts:?}");
    assert_eq!(stored(&s, "TALK7").await, before + 1);
}

pub(crate) async fn send_with_text(s: &TestServer, code: &str, text: &str, concern: bool) -> (Reply, String) {
    let first = s.consent("en", code).await;
    let ids = first.questions();
    let two = s.step("en", code, &first, &[q(*ids.last().unwrap(), text)], "review").await;
    let mut extra = vec![];
    if concern {
        let v = s.db.current_version(1).await.unwrap().unwrap();
        let sg = v.questions.iter().find(|q| q.key == "safeguarding-unsafe").unwrap();
        extra.push(q(sg.id, "yes"));
    }
    let done = s.step("en", code, &two, &extra, "send").await;
    let receipt = done.receipt().expect("receipt");
    (two, receipt)
}

#[tokio::test]
async fn come_back_to_read_the_reply_then_withdraw() {
    let s = crate::common::start().await;
    let (review, receipt) = send_with_text(&s, "LEARN3", "More books please", false).await;
    let before = stored(&s, "LEARN3").await;
    let look = s.post_form("/vi/r", &[("receipt".into(), receipt.to_lowercase())]).await;
    assert_eq!(look.status, 200, "{:?}", look.error_codes());
    assert_youth_response(&look);
    assert!(look.html.contains(&msg(Locale::Vi, "status-received")));
    assert!(look.html.contains(&msg(Locale::Vi, "comeback-no-reply")));

    // A moderator replies (through the storage layer until moderation exists) and the programme publishes an answer.
    let hash = s.db.receipt(&receipt_hash(&s, &receipt).await).await.unwrap().unwrap();
    s.db.add_reply(hash.submission_id, None, "Thank you. We ordered new books.").await.unwrap();
    let p = s.db.programme_by_code("LEARN3").await.unwrap().unwrap();
    let fields = siang_storage::ActionFields {
        tag_id: None,
        state: "done".into(),
        due_month: None,
        done_month: Some("2026-10".into()),
    };
    let words = siang_storage::ActionWords {
        locale: "vi".into(),
        you_said: "More books".into(),
        we_did: "A library corner opened".into(),
        reason: None,
        machine: false,
    };
    let id = s.db.add_action(p.id, &fields, &words, None, 1).await.unwrap();
    s.db.publish_action(p.id, id, Some(s.clock.today())).await.unwrap();
    // Written past the staff pages, which would tell the youth pages' short cache.
    s.state().await.forget_heard(p.id);
    let look = s.post_form("/vi/r", &[("receipt".into(), receipt.clone())]).await;
    assert!(look.html.contains("Thank you. We ordered new books."));
    assert!(look.html.contains(&msg(Locale::Vi, "status-replied")));
    assert!(look.html.contains("A library corner opened"));
    assert!(look.html.contains(&msg(Locale::Vi, "heard-title")), "under the programme's answers");

    let confirm = s
        .post_form("/vi/r", &[("receipt".into(), receipt.clone()), ("action".into(), "withdraw".into())])
        .await;
    assert!(confirm.html.contains(&msg(Locale::Vi, "comeback-confirm-title")));
    assert_eq!(stored(&s, "LEARN3").await, before, "nothing deleted before the confirmation");
    let gone = s
        .post_form(
            "/vi/r",
            &[("receipt".into(), receipt.clone()), ("action".into(), "withdraw-confirm".into())],
        )
        .await;
    assert!(gone.html.contains(&msg(Locale::Vi, "comeback-withdrawn-title")));
    assert_eq!(stored(&s, "LEARN3").await, before - 1);
    let again = s.post_form("/vi/r", &[("receipt".into(), receipt.clone())]).await;
    assert_eq!(again.status, 404);
    assert_eq!(again.error_codes(), vec!["E-RECEIPT-UNKNOWN"]);
    // Replaying the sent form does not bring the answers back.
    let replay = s.step("en", "LEARN3", &review, &[], "send").await;
    assert!(replay.html.contains(&msg(Locale::En, "withdrawn-replay-title")));
    assert_eq!(stored(&s, "LEARN3").await, before - 1);
}

pub(crate) async fn receipt_hash(s: &TestServer, receipt: &str) -> String {
    let secrets = app::security::secrets::Secrets::load(&s.db).await.unwrap();
    let code = app::model::receipt::normalise_receipt(receipt).unwrap();
    secrets.hash_receipt(&code).unwrap()
}

#[tokio::test]
async fn personal_details_are_flagged_and_safeguarding_is_kept_apart() {
    let s = crate::common::start().await;
    let (review, receipt) = send_with_text(&s, "SAFE24", "call me on 012 345 678", true).await;
    assert!(review.html.contains(&msg(Locale::En, "review-personal")), "the young person is told gently");
    let found = s.db.receipt(&receipt_hash(&s, &receipt).await).await.unwrap().unwrap();
    let spans = s.db.redactions_of(found.submission_id).await.unwrap();
    assert_eq!(spans.len(), 1);
    assert_eq!(spans[0].kind, "phone");
    let concern = s.db.concern_of(found.submission_id).await.unwrap().unwrap();
    assert_eq!(concern.answer.as_deref(), Some("yes"));
    let v = s.db.current_version(1).await.unwrap().unwrap();
    let restricted: Vec<i64> = v.questions.iter().filter(|q| q.restricted).map(|q| q.id).collect();
    let answers = s.db.answers_of(found.submission_id).await.unwrap();
    assert!(answers.iter().all(|a| !restricted.contains(&a.question_id)), "never among ordinary answers");
}

#[tokio::test]
async fn bad_input_gets_a_translated_error_keeps_the_text_and_stores_nothing() {
    let s = crate::common::start().await;
    let before = stored(&s, "SKILL9").await;
    let one = s.consent("km", "SKILL9").await;
    let ids = one.questions();
    let text_id = *ids.last().unwrap();

    let r = s.step("km", "SKILL9", &one, &[q(ids[0], "9")], "next").await;
    assert_eq!((r.status, r.error_codes()), (422, vec!["E-RATING-OUT-OF-RANGE".to_owned()]));
    assert!(r.html.contains(&msg(Locale::Km, "error-rating-out-of-range")));
    assert_eq!(r.field("s").as_deref(), Some("1"), "stays on the same screen");

    let long = "ក".repeat(501);
    let r = s.step("km", "SKILL9", &one, &[q(text_id, &long)], "next").await;
    assert_eq!(r.error_codes(), vec!["E-TEXT-TOO-LONG"]);
    assert_eq!(r.textarea(text_id).as_deref(), Some(long.as_str()), "what was typed is kept");

    let r = s.step("km", "SKILL9", &one, &[q(999_999, "3")], "next").await;
    assert_eq!(r.error_codes(), vec!["E-UNKNOWN-QUESTION"]);

    let mut body = crate::common::journey::encode(&one.hidden()).into_bytes();
    body.extend_from_slice(format!("&q{text_id}=bad%FF%FEtext&go=next").as_bytes());
    let r = s.post_raw("/km/p/SKILL9/answer", body).await;
    assert_eq!(r.error_codes(), vec!["E-INVALID-UTF8"]);
    assert!(r.html.contains(&msg(Locale::Km, "error-invalid-utf8")));

    let mut forged = one.hidden();
    forged.retain(|(n, _)| n != "seal");
    forged.push(("seal".into(), "eyJrIjoiMTIzIn0.AAAA".into()));
    forged.push(("go".into(), "send".into()));
    let r = s.post_form("/km/p/SKILL9/answer", &forged).await;
    assert_eq!(r.error_codes(), vec!["E-MISSING-KEY"]);

    // A seal from one programme cannot be used for another.
    let r = s.step("km", "SAFE24", &one, &[], "send").await;
    assert_eq!(r.error_codes(), vec!["E-BAD-REQUEST"]);

    let r = s.post_form("/km/p/NOPE99/answer", &[("consent".into(), "yes".into())]).await;
    assert_eq!((r.status, r.error_codes()), (404, vec!["E-PROGRAMME-UNKNOWN".to_owned()]));

    let r = s.post_form("/km/p/SKILL9/answer", &[("consent".into(), "no".into())]).await;
    assert_eq!(r.error_codes(), vec!["E-CONSENT-MISSING"]);

    let res = s
        .client
        .post(format!("{}/km/p/SKILL9/answer", s.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", "http://evil.example")
        .header("sec-fetch-site", "cross-site")
        .body(crate::common::journey::encode(&one.hidden()) + "&go=send")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert!(res.text().await.unwrap().contains(&msg(Locale::Km, "error-foreign-origin")));

    let res = s
        .client
        .post(format!("{}/km/p/SKILL9/answer", s.base))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(stored(&s, "SKILL9").await, before, "nothing was stored");
}

#[tokio::test]
async fn answers_for_another_questionnaire_version_are_refused() {
    let s = crate::common::start().await;
    let one = s.consent("en", "SAFE24").await;
    let (_, v2) =
        s.db.publish_questionnaire_version(None, "default", "Default", &server::seed::question_specs())
            .await
            .unwrap();
    let newer = s.db.version(v2).await.unwrap().unwrap();
    let r = s.step("en", "SAFE24", &one, &[q(newer.questions[0].id, "3")], "next").await;
    assert_eq!(r.error_codes(), vec!["E-VERSION-MISMATCH"]);
    // The journey begun on the old version can still be finished on it.
    let review = s.step("en", "SAFE24", &one, &[], "review").await;
    let done = s.step("en", "SAFE24", &review, &[], "send").await;
    assert!(done.receipt().is_some());
}

#[tokio::test]
async fn wrong_receipts_are_throttled_and_never_say_whether_a_code_exists() {
    let mut cfg = crate::common::config(false);
    cfg.app.limits.receipt_lookups_per_client = 10;
    let s = crate::common::start_with(cfg).await;
    let (_, receipt) = send_with_text(&s, "SAFE24", "ok", false).await;
    let r = s.post_form("/en/r", &[("receipt".into(), "abc".into())]).await;
    assert_eq!(r.error_codes(), vec!["E-RECEIPT-MALFORMED"]);
    assert!(r.html.contains("value=\"abc\""), "the typed code is kept");
    for i in 0..10 {
        let wrong =
            format!("2222-3333-44{}", ["AB", "AC", "AD", "AE", "AF", "AG", "AH", "AJ", "AK", "AM"][i]);
        let r = s.post_form("/en/r", &[("receipt".into(), wrong)]).await;
        assert_eq!(r.error_codes(), ["E-RECEIPT-UNKNOWN"], "the same kind message as for any unknown code");
    }
    let r = s.post_form("/en/r", &[("receipt".into(), receipt.clone())]).await;
    assert_eq!((r.status, r.error_codes()), (429, vec!["E-RATE-LIMITED".to_owned()]));
    // The window passes (no waiting: the server's clock moves).
    s.clock.advance(std::time::Duration::from_secs(601));
    let r = s.post_form("/en/r", &[("receipt".into(), receipt)]).await;
    assert_eq!(r.status, 200, "{:?}", r.error_codes());
}

#[tokio::test]
async fn closed_programmes_say_so_plainly() {
    let s = crate::common::start().await;
    let p = s.db.programme_by_code("SAFE24").await.unwrap().unwrap();
    let closed =
        s.db.create_programme(&siang_storage::NewProgramme {
            organisation_id: p.organisation_id,
            code: "SHUT55".into(),
            name: "Closed".into(),
            country: "KH".into(),
            languages: vec!["en".into()],
            opens_on: None,
            closes_on: Some(chrono::Utc::now().date_naive() - chrono::Duration::days(3)),
            questionnaire_id: p.questionnaire_id,
            team_name: "T".into(),
            response_days: 7,
        })
        .await
        .unwrap();
    let res = s.get(&format!("/km/p/{}", closed.code)).await;
    assert_eq!(res.status(), 410);
    assert!(res.text().await.unwrap().contains(&msg(Locale::Km, "error-programme-closed")));
    let r = s.consent("km", "SHUT55").await;
    assert_eq!(r.error_codes(), vec!["E-PROGRAMME-CLOSED"]);
}

#[tokio::test]
async fn the_journey_page_without_a_form_goes_back_to_the_programme() {
    let s = crate::common::start().await;
    let res = s.get("/lo/p/SAFE24/answer").await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/lo/p/SAFE24");
    let res = s.get("/lo/p/SAFE24").await;
    assert_eq!(res.status(), 200);
    assert!(res.headers().get("set-cookie").is_none());
    let html = res.text().await.unwrap();
    assert!(html.contains(&msg(Locale::Lo, "demo-shelter-name")));
    assert!(html.contains("href=\"/lo/help?country=KH\""), "helplines of the programme's country");
    let poster = s.get("/lo/p/safe24/poster").await.text().await.unwrap();
    assert!(poster.contains("<svg"), "a QR code, drawn inline");
    assert!(poster.contains(&format!("{}/lo/p/SAFE24", s.base)), "the link it encodes");
    assert!(poster.contains(&msg(Locale::Lo, "poster-scan")));
    assert_eq!(s.get("/lo/p/NOPE99/poster").await.status(), 404);
    let res = s.get("/lo/p/SAFE24/start").await;
    let html = res.text().await.unwrap();
    assert!(html.contains(&msg(Locale::Lo, "consent-yes")));
    assert!(html.contains(&msg(Locale::Lo, "consent-limit")), "where anonymity ends is said before consent");
}

#[tokio::test]
async fn switching_language_on_the_receipt_or_status_page_keeps_them() {
    let s = crate::common::start().await;
    let first = s.consent("en", "SAFE24").await;
    let review = s.step("en", "SAFE24", &first, &[], "review").await;
    let before = stored(&s, "SAFE24").await;
    let done = s.step("en", "SAFE24", &review, &[], "send").await;
    let receipt = done.receipt().unwrap();
    // The switcher's button posts the receipt page's form to the other language.
    let mut fields = done.hidden();
    fields.push(("go".into(), "stay".into()));
    let km = s.post_form("/km/p/SAFE24/answer", &fields).await;
    assert_eq!(km.receipt().as_deref(), Some(receipt.as_str()), "the same receipt, now in Khmer");
    assert!(km.html.contains(&msg(Locale::Km, "done-title")));
    assert_eq!(stored(&s, "SAFE24").await, before + 1, "not stored twice");
    let status = s.post_form("/en/r", &[("receipt".into(), receipt.clone())]).await;
    let sel = scraper::Selector::parse("form#comeback input[name=receipt]").unwrap();
    assert_eq!(status.doc().select(&sel).count(), 1, "the status page can re-post the receipt");
    let th = s.post_form("/th/r", &[("receipt".into(), receipt), ("go".into(), "stay".into())]).await;
    assert!(th.html.contains(&msg(Locale::Th, "comeback-status-title")));
}
