//! The young people's pages as a child on a shared phone or a shelter's
//! tablet finds them (issue 8), over HTTP: typed and printed URLs with
//! trailing slashes on a cold cache, Back and reload after sending, quick
//! exit, thirty children behind one address, what a page's hidden fields
//! give away, and the headers and language of every answer.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use app::i18n::{Locale, CATALOG};

use crate::common::journey::{q, Reply};
use crate::common::TestServer;

fn msg(locale: Locale, key: &str) -> String {
    CATALOG.format(locale, key, None).unwrap()
}

const YOUTH: &[&str] = &[
    "/km",
    "/km/help",
    "/km/p/SAFE24",
    "/km/p/SAFE24/start",
    "/km/p/SAFE24/not-now",
    "/km/p/SAFE24/poster",
    "/km/r",
];

#[tokio::test]
async fn every_youth_url_with_a_trailing_slash_leads_to_the_complete_page() {
    for path in YOUTH {
        // A new server each time: nothing cached, as when a poster is scanned first thing.
        let s = crate::common::start().await;
        let res = s.get(&format!("{path}/?country=KH")).await;
        assert_eq!(res.status(), 308, "{path}/");
        assert_eq!(res.headers()["location"], format!("{path}?country=KH").as_str());
        assert_eq!(res.headers()["cache-control"], "no-store", "even the redirect is not kept");
        let page = s.get(&format!("{path}?country=KH")).await;
        assert_eq!(page.status(), 200, "{path}");
        let html = page.text().await.unwrap();
        for streaming in ["<template", "<!--s-1-o", "__INCOMPLETE_CHUNKS.push"] {
            assert!(!html.contains(streaming), "{path} streams out of order ({streaming})");
        }
    }
    let s = crate::common::start().await;
    let res = s.get("/km/?code=safe24").await;
    assert_eq!(
        (res.status().as_u16(), res.headers()["location"].to_str().unwrap()),
        (308, "/km?code=safe24")
    );
    let res = s.get("/km?code=safe24").await;
    assert_eq!(res.status(), 303, "a valid code opens its programme, cold cache or not");
    assert_eq!(res.headers()["location"], "/km/p/SAFE24");
    let help = s.get("/km/help?country=KH").await.text().await.unwrap();
    assert!(help.contains("tel:1280"), "the helpline list is in the page itself");
}

/// The journey up to the review, with `token` typed in the first text box.
async fn to_review(s: &TestServer, lang: &str, token: &str) -> (Reply, Reply) {
    let one = s.consent(lang, "TALK7").await;
    let text_id = *one.questions().last().unwrap();
    let mut page = s.step(lang, "TALK7", &one, &[q(text_id, token)], "next").await;
    let mut last_screen = one;
    while page.field("s").as_deref() != Some("review") {
        last_screen = page;
        page = s.step(lang, "TALK7", &last_screen, &[], "next").await;
    }
    (last_screen, page)
}

#[tokio::test]
async fn back_reload_and_history_after_sending_show_none_of_the_answers() {
    let s = crate::common::start().await;
    let token = "MyOwnWordsAboutTheShelter";
    let (last_screen, review) = to_review(&s, "my", token).await;
    assert!(review.html.contains(token));
    let done = s.step("my", "TALK7", &review, &[], "send").await;
    let receipt = done.receipt().unwrap();
    let stored = s.db.count_submissions(None).await.unwrap();
    // Back from the receipt: the browser posts the last screen again.
    let back = s.step("my", "TALK7", &last_screen, &[], "next").await;
    assert!(back.html.contains(&msg(Locale::My, "already-sent-title")), "{}", back.html);
    for hidden in [token, receipt.as_str(), &receipt.replace('-', "")] {
        assert!(!back.html.contains(hidden), "Back shows {hidden}");
    }
    assert!(back.hidden().is_empty(), "no form, no answers in hidden fields");
    // Reload of the receipt page soon after: the same person, the same receipt.
    let again = s.step("my", "TALK7", &review, &[], "send").await;
    assert_eq!(again.receipt().as_deref(), Some(receipt.as_str()));
    assert!(!again.html.contains(token));
    // Later, from the history: nothing at all.
    s.clock.advance(Duration::from_secs(6 * 60));
    let later = s.step("my", "TALK7", &review, &[], "send").await;
    assert!(later.html.contains(&msg(Locale::My, "already-sent-title")));
    assert!(later.receipt().is_none() && !later.html.contains(&receipt) && !later.html.contains(token));
    assert_eq!(s.db.count_submissions(None).await.unwrap(), stored, "nothing stored twice");
}

#[tokio::test]
async fn quick_exit_closes_the_journey_for_whoever_presses_back() {
    let s = crate::common::start().await;
    let token = "NeverSentWords";
    let (last_screen, review) = to_review(&s, "km", token).await;
    assert!(review.html.contains("action=\"/km/exit\""), "quick exit posts the journey form to leave");
    assert!(review.html.contains("autocomplete=\"off\""), "journey forms are not kept by the browser");
    let res = s
        .client
        .post(format!("{}/km/exit", s.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(crate::common::journey::encode(&review.browser_fields()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], app::model::DEFAULT_EXIT_URL);
    assert_eq!(res.headers()["clear-site-data"], "\"cache\"");
    for page in [&last_screen, &review] {
        let back = s.step("km", "TALK7", page, &[], "next").await;
        assert!(back.html.contains(&msg(Locale::Km, "stopped-title")), "{}", back.html);
        assert!(!back.html.contains(token) && back.hidden().is_empty());
    }
    let send = s.step("km", "TALK7", &review, &[], "send").await;
    assert!(send.receipt().is_none());
    assert!(!send.html.contains(token));
    // A quick exit with nothing (or nonsense) still sends the person on.
    for body in ["", "seal=garbage", "\u{0}\u{ff}"] {
        let res = s
            .client
            .post(format!("{}/km/exit", s.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "{body:?}");
    }
}

#[tokio::test]
async fn thirty_children_behind_one_address_all_get_in_despite_typos() {
    let s = crate::common::start().await;
    let mut receipts = Vec::new();
    for _ in 0..30 {
        let one = s.consent("lo", "HOME25").await;
        let review = s.step("lo", "HOME25", &one, &[], "review").await;
        receipts.push(s.step("lo", "HOME25", &review, &[], "send").await.receipt().unwrap());
    }
    // Every child mistypes first (the same shelter address for all), then gets it right.
    for (i, receipt) in receipts.iter().enumerate() {
        let typo = format!("{}Z", &receipt[..receipt.len() - 1]);
        let typo = if typo == *receipt { format!("{}Y", &receipt[..receipt.len() - 1]) } else { typo };
        let wrong = s.post_form("/lo/r", &[("receipt".into(), typo)]).await;
        assert_eq!(wrong.error_codes(), vec!["E-RECEIPT-UNKNOWN"], "child {i}");
        let right = s.post_form("/lo/r", &[("receipt".into(), receipt.clone())]).await;
        assert_eq!(right.status, 200, "child {i}: {:?}", right.error_codes());
    }
}

#[tokio::test]
async fn receipt_lookups_share_one_budget_that_refills() {
    let mut cfg = crate::common::config(false);
    cfg.app.limits.receipt_hashes_per_minute = 60; // ten at once, one more a second
    let s = crate::common::start_with(cfg).await;
    for i in 0..10 {
        let r = s
            .post_form(
                "/en/r",
                &[("receipt".into(), format!("2222-3333-44A{}", "BCDEFGHJKM".as_bytes()[i] as char))],
            )
            .await;
        assert_eq!(r.error_codes(), vec!["E-RECEIPT-UNKNOWN"]);
    }
    let r = s.post_form("/en/r", &[("receipt".into(), "2222-3333-44AN".into())]).await;
    assert_eq!((r.status, r.error_codes()), (503, vec!["E-BUSY".to_owned()]));
    s.clock.advance(Duration::from_secs(2));
    let r = s.post_form("/en/r", &[("receipt".into(), "2222-3333-44AP".into())]).await;
    assert_eq!(r.error_codes(), vec!["E-RECEIPT-UNKNOWN"], "the budget came back");
}

#[tokio::test]
async fn no_page_reveals_the_receipt_before_it_is_shown() {
    let s = crate::common::start().await;
    let one = s.consent("en", "SAFE24").await;
    let review = s.step("en", "SAFE24", &one, &[], "review").await;
    let done = s.step("en", "SAFE24", &review, &[], "send").await;
    let receipt = done.receipt().unwrap().replace('-', "");
    use base64::Engine;
    for page in [&one, &review] {
        let seal = page.field("seal").unwrap();
        let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(&seal).unwrap_or_default();
        let text = String::from_utf8_lossy(&raw);
        for hidden in [receipt.as_str(), "argon2", "\"r\""] {
            assert!(!text.contains(hidden) && !seal.contains(hidden), "the seal shows {hidden}");
        }
        assert!(!page.html.contains(&receipt));
    }
}

#[tokio::test]
async fn every_youth_answer_is_not_stored_and_speaks_the_language() {
    let s = crate::common::start().await;
    for (path, status) in
        [("/km/p/SAFE24/answer", 303), ("/km/", 308), ("/km", 200), ("/km/p/NOPE99", 404), ("/km/nope", 404)]
    {
        let res = s.get(path).await;
        assert_eq!(res.status(), status, "{path}");
        assert_eq!(res.headers()["cache-control"], "no-store", "{path}");
    }
    // A language Siang does not ship: "not found", in the visitor's own language.
    for path in ["/xx/", "/xx", "/xx/p/SAFE24"] {
        let res = s
            .client
            .get(format!("{}{path}", s.base))
            .header("accept-language", "km-KH,km;q=0.9")
            .send()
            .await
            .unwrap();
        let res = if res.status() == 308 {
            let to = res.headers()["location"].to_str().unwrap().to_owned();
            s.client
                .get(format!("{}{to}", s.base))
                .header("accept-language", "km-KH,km;q=0.9")
                .send()
                .await
                .unwrap()
        } else {
            res
        };
        assert_eq!(res.status(), 404, "{path}");
        let html = res.text().await.unwrap();
        assert!(html.contains("<html lang=\"km\""), "{path}");
        assert!(html.contains(&msg(Locale::Km, "not-found-title")), "{path}");
    }
}

#[tokio::test]
async fn names_appear_in_the_childs_language_and_english_only_when_untranslated() {
    let s = crate::common::start().await;
    let html = s.get("/km/p/SAFE24").await.text().await.unwrap();
    assert!(html.contains(&msg(Locale::Km, "demo-shelter-team")), "the team, in Khmer");
    assert!(!html.contains("Safe Home care team"));
    let help = s.get("/my/help?country=KH").await.text().await.unwrap();
    assert!(help.contains(&msg(Locale::My, "helpline-kh-1280")), "the helpline, in Burmese");
    assert!(!help.contains("Child Helpline Cambodia"));
    // A programme its organisation has not translated: English, marked as such.
    let p = s.db.programme_by_code("SAFE24").await.unwrap().unwrap();
    let lone =
        s.db.create_programme(&siang_storage::NewProgramme {
            organisation_id: p.organisation_id,
            code: "ONLYEN7".into(),
            name: "Only English".into(),
            country: "KH".into(),
            languages: vec!["en".into()],
            opens_on: None,
            closes_on: None,
            questionnaire_id: p.questionnaire_id,
            team_name: "English Team".into(),
            response_days: 7,
        })
        .await
        .unwrap();
    let english = siang_storage::ProgrammeText {
        locale: "en".into(),
        name: "Only English".into(),
        about: "Written in English only.".into(),
        team_name: None,
    };
    s.db.put_programme_text(lone.id, &english).await.unwrap();
    let html = s.get("/km/p/ONLYEN7").await.text().await.unwrap();
    assert!(html.contains("<h1 lang=\"en\">Only English</h1>"), "{html}");
    for lang in ["en", "km", "lo", "my", "th", "vi", "zh-Hans"] {
        let html = s.get(&format!("/{lang}")).await.text().await.unwrap();
        let locale = Locale::from_tag(lang).unwrap();
        assert!(
            html.contains(&format!(
                "<meta name=\"description\" content=\"{}\"",
                msg(locale, "site-description")
            )),
            "{lang}: a meta description"
        );
    }
}

#[tokio::test]
async fn one_address_cannot_spend_everyones_receipt_budget() {
    let mut cfg = crate::common::config(false);
    cfg.trust_proxy = true; // addresses from X-Forwarded-For, as behind a shelter's router and our proxy
    cfg.app.limits.receipt_lookups_per_client = 5;
    cfg.app.limits.receipt_hashes_per_minute = 60; // ten at once
    let s = crate::common::start_with(cfg).await;
    let one = s.consent("en", "SAFE24").await;
    let review = s.step("en", "SAFE24", &one, &[], "review").await;
    let receipt = s.step("en", "SAFE24", &review, &[], "send").await.receipt().unwrap();
    let look = |from: &'static str, code: String| {
        let s = &s;
        async move {
            let res = s
                .client
                .post(format!("{}/en/r", s.base))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("x-forwarded-for", from)
                .body(format!("receipt={code}"))
                .send()
                .await
                .unwrap();
            res.status().as_u16()
        }
    };
    // Even with a genuine code, one address gets five look-ups, then waits.
    for _ in 0..5 {
        assert_eq!(look("198.51.100.1", receipt.clone()).await, 200);
    }
    assert_eq!(look("198.51.100.1", receipt.clone()).await, 429);
    // The budget it could not spend is still there for someone else.
    assert_eq!(look("198.51.100.2", receipt.clone()).await, 200);
}
