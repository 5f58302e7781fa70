//! Router tests: the whole app on 127.0.0.1:0, spoken to over HTTP.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::i18n::{Locale, CATALOG};

#[tokio::test]
async fn healthz_answers_ok_then_503_when_the_database_is_gone() {
    let s = crate::common::start().await;
    let res = s.get("/healthz").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "ok");
    s.db.close().await;
    assert_eq!(s.get("/healthz").await.status(), 503);
}

#[tokio::test]
async fn the_root_sends_each_visitor_to_their_language() {
    let s = crate::common::start().await;
    for (accept, to) in [
        (Some("km-KH,km;q=0.9,en;q=0.5"), "/km"),
        (Some("zh-CN,zh;q=0.9"), "/zh-Hans"),
        (Some("fr, my;q=0.3"), "/my"),
        (Some("de"), "/en"),
        (None, "/en"),
    ] {
        let mut req = s.client.get(format!("{}/", s.base));
        if let Some(a) = accept {
            req = req.header("accept-language", a);
        }
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), 302, "{accept:?}");
        assert_eq!(res.headers()["location"], to, "{accept:?}");
        assert_eq!(res.headers()["vary"], "Accept-Language");
    }
}

#[tokio::test]
async fn the_landing_page_speaks_every_language_and_sets_no_cookie() {
    let s = crate::common::start().await;
    for locale in Locale::ALL {
        let res = s.get(&format!("/{}", locale.tag())).await;
        assert_eq!(res.status(), 200, "{}", locale.tag());
        assert!(res.headers().get("set-cookie").is_none(), "{} sets a cookie", locale.tag());
        assert_eq!(res.headers()["cache-control"], "no-store", "{}", locale.tag());
        let html = res.text().await.unwrap();
        assert!(html.contains(&format!("<html lang=\"{}\"", locale.tag())), "{}", locale.tag());
        let title = CATALOG.format(locale, "landing-title", None).unwrap();
        assert!(html.contains(&title), "{} lacks its title {title}", locale.tag());
        let exit = CATALOG.format(locale, "quick-exit", None).unwrap();
        assert!(html.contains(&exit), "{} lacks quick exit", locale.tag());
        assert!(html.contains(&format!("href=\"/{}/help\"", locale.tag())), "helplines link");
        assert!(html.contains(&format!("href=\"/{}/staff/sign-in\"", locale.tag())), "staff link");
    }
}

#[tokio::test]
async fn the_language_switcher_is_plain_links_to_the_same_page() {
    let s = crate::common::start().await;
    let html = s.get("/th/help").await.text().await.unwrap();
    let doc = scraper::Html::parse_document(&html);
    let sel = scraper::Selector::parse("nav.lang a").unwrap();
    let links: Vec<_> = doc.select(&sel).collect();
    assert_eq!(links.len(), 7);
    for (a, locale) in links.iter().zip(Locale::ALL) {
        assert_eq!(a.value().attr("href"), Some(format!("/{}/help", locale.tag()).as_str()));
        assert_eq!(a.value().attr("lang"), Some(locale.tag()));
        let own = CATALOG.format(locale, "language-self-name", None).unwrap();
        assert_eq!(a.text().collect::<String>(), own);
        assert_eq!(a.value().attr("aria-current").is_some(), locale == Locale::Th);
    }
}

#[tokio::test]
async fn a_programme_code_opens_the_programme_and_a_wrong_one_is_explained() {
    let s = crate::common::start().await;
    let res = s.get("/km?code=safe-24").await;
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(res.headers()["location"], "/km/p/SAFE24");

    let res = s.get("/km?code=NOPE99").await;
    assert_eq!(res.status(), 404);
    let html = res.text().await.unwrap();
    let message = CATALOG.format(Locale::Km, "error-programme-unknown", None).unwrap();
    assert!(html.contains(&message), "the Khmer message is shown");
    assert!(html.contains("value=\"NOPE99\""), "the typed code is kept");
    assert!(html.contains("data-code=\"E-PROGRAMME-UNKNOWN\""));

    let res = s.get("/my?code=").await;
    assert_eq!(res.status(), 422);
}

#[tokio::test]
async fn unknown_pages_and_languages_are_404() {
    let s = crate::common::start().await;
    assert_eq!(s.get("/en/no-such-page").await.status(), 404);
    assert_eq!(s.get("/fr").await.status(), 404);
}

#[tokio::test]
async fn oversized_bodies_are_refused_with_a_translated_413() {
    let s = crate::common::start().await;
    let host = s.base.trim_start_matches("http://").to_owned();
    let message = app::i18n::CATALOG.format(app::i18n::Locale::Km, "error-too-large", None).unwrap();
    // A declared 10 MB body is refused before it is read.
    let head = format!(
        "POST /km/p/SAFE24/answer HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: 10485760\r\nConnection: close\r\n\r\nconsent=yes&"
    );
    let (status, _) = crate::common::raw(&s, head.as_bytes()).await;
    assert_eq!(status, 413);
    // One that does not say its length is cut off when it passes the limit.
    let body = vec![b'a'; 2 * server::config::DEFAULT_MAX_BODY];
    let res = s
        .client
        .post(format!("{}/km/r", s.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(reqwest::Body::wrap_stream(futures_stream(body)))
        .send()
        .await;
    match res {
        Ok(res) => {
            assert_eq!(res.status(), 413);
            let html = res.text().await.unwrap();
            assert!(html.contains(&message) && html.contains("data-code=\"E-TOO-LARGE\""), "{html}");
        }
        // The server may close the connection before the client has sent it all.
        Err(e) => assert!(e.is_request() || e.is_body(), "{e}"),
    }
    // The same declared size, read through the translated page.
    let res = s
        .client
        .post(format!("{}/km/r", s.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(vec![b'a'; server::config::DEFAULT_MAX_BODY + 1])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    let html = res.text().await.unwrap();
    assert!(html.contains(&message), "translated: {html}");
    assert!(html.contains("<html lang=\"km\""));
}

/// A body sent in chunks, with no length announced.
fn futures_stream(body: Vec<u8>) -> impl futures_util::Stream<Item = Result<Vec<u8>, std::io::Error>> {
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        body.chunks(16 * 1024).map(|c| Ok(c.to_vec())).collect();
    futures_util::stream::iter(chunks)
}
