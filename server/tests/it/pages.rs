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
async fn oversized_bodies_are_refused_without_a_server_error() {
    let s = crate::common::start().await;
    let body = vec![b'a'; 2 * server::config::DEFAULT_MAX_BODY];
    match s.client.post(format!("{}/api/youth/helplines", s.base)).body(body).send().await {
        Ok(res) => assert_eq!(res.status(), 413),
        Err(e) => assert!(e.is_request() || e.is_connect() || e.is_body(), "{e}"),
    }
}
