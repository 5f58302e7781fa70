//! Kiosk mode (issue 11): a tablet lent in a venue, passed from child to
//! child. Over HTTP as a browser without JavaScript sees it: the kiosk
//! frame, the receipt's "write it down" step, clearing the tablet, and the
//! next child pressing Back and "resend" on a form the page left behind.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use app::i18n::{Locale, CATALOG};
use app::model::kiosk::{RECEIPT_AGAIN_SECS, REFRESH_SECS, STALE_SECS};

use crate::common::journey::{encode, q, Reply};
use crate::common::TestServer;

fn msg(locale: Locale, key: &str) -> String {
    CATALOG.format(locale, key, None).unwrap()
}

/// A kiosk journey up to its second screen, `token` typed on the first.
async fn kiosk_journey(s: &TestServer, token: &str) -> (Reply, Reply) {
    let consent = s.get("/lo/k/TALK7/start").await.text().await.unwrap();
    assert!(consent.contains(r#"name="kiosk" value="1""#), "{consent}");
    let one = s
        .post_form("/lo/p/TALK7/answer", &[("kiosk".into(), "1".into()), ("consent".into(), "yes".into())])
        .await;
    let text_id = *one.questions().last().unwrap();
    let two = s.step("lo", "TALK7", &one, &[q(text_id, token)], "next").await;
    assert!(two.hidden().iter().any(|(_, v)| v == token), "answers so far travel in the form");
    (one, two)
}

async fn clear(s: &TestServer, page: &Reply) -> reqwest::Response {
    s.client
        .post(format!("{}/lo/k/TALK7/again", s.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(encode(&page.hidden()))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_kiosk_stays_a_kiosk_and_offers_no_way_out_to_follow_back() {
    let s = crate::common::start().await;
    let start = s.get("/lo/k/TALK7").await;
    assert_eq!(start.status(), 200);
    assert_eq!(start.headers()["cache-control"], "no-store");
    let start = start.text().await.unwrap();
    assert!(start.contains(&msg(Locale::Lo, "kiosk-shared-note")));
    assert!(start.contains(r#"href="/lo/k/TALK7/start""#));
    for way_out in [r#"href="/lo/r""#, r#"href="/lo/staff/sign-in""#, r#"href="/lo/help"#] {
        assert!(!start.contains(way_out), "the kiosk links to {way_out}");
    }
    assert!(start.contains("tel:1300"), "the country's helplines stay at the foot");
    assert!(!start.contains("http-equiv=\"refresh\""), "the start page has nothing to clear");
    let (one, two) = kiosk_journey(&s, "words").await;
    for page in [&one, &two] {
        let refresh = format!(
            r#"<noscript><meta http-equiv="refresh" content="{REFRESH_SECS};url=/lo/k/TALK7"></noscript>"#
        );
        assert!(page.html.contains(&refresh), "{}", page.html);
        assert!(page.html.contains(r#"formaction="/lo/k/TALK7/again""#), "stop clears the tablet");
        assert!(!page.html.contains(r#"href="/lo/r""#) && !page.html.contains("/staff/sign-in"));
    }
    // The same programme outside the kiosk: the usual page, no restart.
    let plain = s.consent("lo", "TALK7").await;
    assert!(!plain.html.contains("http-equiv=\"refresh\"") && plain.html.contains(r#"href="/lo/r""#));
    // An unknown code on a kiosk link says so, as anywhere.
    let unknown = s.get("/lo/k/NOPE99").await;
    assert_eq!(unknown.status(), 404);
}

#[tokio::test]
async fn the_receipt_is_written_down_then_gone_for_the_next_child() {
    let s = crate::common::start().await;
    let token = "KioskWordsOfTheFirstChild";
    let before = s.db.count_submissions(None).await.unwrap();
    let (_, mut page) = kiosk_journey(&s, token).await;
    let mut last_screen = page.clone();
    while page.field("s").as_deref() != Some("review") {
        last_screen = page.clone();
        page = s.step("lo", "TALK7", &last_screen, &[], "next").await;
    }
    let review = page;
    let done = s.step("lo", "TALK7", &review, &[], "send").await;
    let receipt = done.receipt().expect("the receipt is shown");
    assert!(done.html.contains(&msg(Locale::Lo, "kiosk-receipt-step-write")));
    assert!(done.html.contains("kiosk-done") && done.html.contains(r#"formaction="/lo/k/TALK7/again""#));
    // A double tap on "send" still shows the receipt to the one who sent it.
    let twice = s.step("lo", "TALK7", &review, &[], "send").await;
    assert_eq!(twice.receipt(), Some(receipt.clone()));
    // "I wrote it down": the tablet starts again, and nothing brings it back.
    let res = clear(&s, &done).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/lo/k/TALK7");
    assert_eq!(res.headers()["clear-site-data"], "\"cache\"");
    for (page, go) in [(&review, "send"), (&last_screen, "next"), (&done, "send")] {
        let back = s.step("lo", "TALK7", page, &[], go).await;
        assert!(back.html.contains(&msg(Locale::Lo, "already-sent-title")), "{}", back.html);
        assert!(back.receipt().is_none() && !back.html.contains(token) && back.hidden().is_empty());
        assert!(!back.html.contains(r#"href="/lo/r""#), "no way to the receipt page on a kiosk");
    }
    assert_eq!(s.db.count_submissions(None).await.unwrap(), before + 1);
}

#[tokio::test]
async fn a_receipt_left_on_screen_is_not_shown_again_once_the_page_restarted() {
    let s = crate::common::start().await;
    let (_, mut page) = kiosk_journey(&s, "x").await;
    while page.field("s").as_deref() != Some("review") {
        page = s.step("lo", "TALK7", &page, &[], "next").await;
    }
    let done = s.step("lo", "TALK7", &page, &[], "send").await;
    assert!(done.receipt().is_some());
    // Nobody pressed the button; without JavaScript the page restarted by
    // itself. Back and "resend" a minute later: outside a kiosk this would
    // show the receipt again for five minutes.
    s.clock.advance(Duration::from_secs(RECEIPT_AGAIN_SECS as u64 + 1));
    for form in [&page, &done] {
        let back = s.step("lo", "TALK7", form, &[], "send").await;
        assert!(back.receipt().is_none(), "{}", back.html);
        assert!(back.html.contains(&msg(Locale::Lo, "already-sent-title")));
    }
}

#[tokio::test]
async fn a_kiosk_form_left_standing_is_closed_for_whoever_presses_back() {
    let s = crate::common::start().await;
    let token = "UnsentKioskWords";
    let before = s.db.count_submissions(None).await.unwrap();
    let (_, two) = kiosk_journey(&s, token).await;
    // In time, the form goes on as usual.
    s.clock.advance(Duration::from_secs(STALE_SECS as u64 - 10));
    let three = s.step("lo", "TALK7", &two, &[], "next").await;
    assert!(three.html.contains(token), "a child who takes their time is not turned away");
    // The page restarted (no JavaScript); the next child presses Back at
    // once and resends the form of the page before.
    s.clock.advance(Duration::from_secs(REFRESH_SECS as u64));
    for form in [&three, &two] {
        let back = s.step("lo", "TALK7", form, &[], "next").await;
        assert!(back.html.contains(&msg(Locale::Lo, "kiosk-closed-body")), "{}", back.html);
        assert!(!back.html.contains(token) && back.hidden().is_empty());
    }
    // Closed for good, even from a page whose script said it was in use.
    let live = s.step("lo", "TALK7", &three, &[("live".into(), "1".into())], "send").await;
    assert!(live.receipt().is_none() && !live.html.contains(token));
    assert_eq!(s.db.count_submissions(None).await.unwrap(), before, "nothing was sent");
}

#[tokio::test]
async fn a_child_typing_on_a_kiosk_with_javascript_is_not_turned_away() {
    let s = crate::common::start().await;
    let (_, two) = kiosk_journey(&s, "slow").await;
    s.clock.advance(Duration::from_secs(20 * 60));
    let three = s.step("lo", "TALK7", &two, &[("live".into(), "1".into())], "next").await;
    assert!(three.html.contains("slow"), "{}", three.html);
    // Without the script's word, the same form is too old.
    let (_, two) = kiosk_journey(&s, "slow").await;
    s.clock.advance(Duration::from_secs(20 * 60));
    let stale = s.step("lo", "TALK7", &two, &[], "next").await;
    assert!(stale.html.contains(&msg(Locale::Lo, "kiosk-closed-body")));
}

#[tokio::test]
async fn clearing_a_kiosk_sends_the_tablet_home_whatever_it_is_sent() {
    let s = crate::common::start().await;
    for (path, body, to) in [
        ("/lo/k/TALK7/again", "", "/lo/k/TALK7"),
        ("/lo/k/TALK7/again", "seal=garbage", "/lo/k/TALK7"),
        ("/lo/k/talk7/again", "\u{0}\u{ff}", "/lo/k/TALK7"),
        ("/xx/k/TALK7/again", "", "/en/k/TALK7"),
    ] {
        let res = s
            .client
            .post(format!("{}{path}", s.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "{path} {body:?}");
        assert_eq!(res.headers()["location"], to, "{path}");
        assert!(res.headers().get("set-cookie").is_none());
    }
    // A code that is not one cannot write a header: refused before it is read.
    let res = s
        .client
        .post(format!("{}/lo/k/TALK7%0d%0aSet-Cookie:%20a=b/again", s.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert!(res.headers().get("set-cookie").is_none() && res.headers().get("location").is_none());
}
