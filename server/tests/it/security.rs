//! The security baseline: headers and CSP, escaping (an XSS corpus through
//! every view that shows youth or staff text), no error internals on pages,
//! staff cookies never set on youth pages, forged posts refused.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::journey::q;
use crate::common::staff::Browser;
use app::model::staff::Role;
use scraper::{Html, Selector};

const XSS: &[&str] = &[
    "</textarea><script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "\"><svg onload=alert(3)>",
    "'><iframe src=javascript:alert(4)>",
    "<a href=\"javascript:alert(5)\">x</a>",
    "{{7*7}} ${7*7} <!-- --><style>body{display:none}</style>",
];

/// No executable markup beyond the page's own loader.
fn assert_inert(html: &str, what: &str) {
    let doc = Html::parse_document(html);
    let scripts = Selector::parse("script").unwrap();
    // Our island loader and Leptos's own bootstrap globals; nothing else.
    let own = |s: &str| {
        s.contains("import('/pkg/siang.js')")
            || s.starts_with("__RESOLVED_RESOURCES=[];")
            || s == "__INCOMPLETE_CHUNKS=[];"
    };
    for s in doc.select(&scripts) {
        assert!(own(&s.inner_html()), "{what}: a foreign <script>: {}", s.inner_html());
    }
    for tag in ["img", "svg", "iframe", "style"] {
        let sel = Selector::parse(&format!("main {tag}")).unwrap();
        let found: Vec<_> = doc.select(&sel).filter(|e| e.value().attr("aria-hidden").is_none()).collect();
        // The enrolment QR code is our own SVG; nothing else may appear.
        assert!(
            found.iter().all(|e| tag == "svg" && e.html().contains("<path")),
            "{what}: a <{tag}> from user text"
        );
    }
    let any = Selector::parse("*").unwrap();
    for e in doc.select(&any) {
        for (name, value) in e.value().attrs() {
            assert!(!name.starts_with("on"), "{what}: an event handler attribute {name}");
            assert!(
                !value.trim_start().to_lowercase().starts_with("javascript:"),
                "{what}: a javascript: URL"
            );
        }
    }
}

#[tokio::test]
async fn youth_and_staff_text_is_escaped_everywhere_it_is_shown() {
    let s = crate::common::start().await;
    // Youth text: the textarea when going back, the review, and a reply on come-back.
    for payload in XSS {
        let first = s.consent("en", "SAFE24").await;
        let ids = first.questions();
        let text_id = *ids.last().unwrap();
        let two = s.step("en", "SAFE24", &first, &[q(text_id, payload)], "next").await;
        let back = s.step("en", "SAFE24", &two, &[], "back").await;
        assert_eq!(back.textarea(text_id).as_deref(), Some(*payload), "kept exactly");
        assert_inert(&back.html, "textarea");
        let review = s.step("en", "SAFE24", &back, &[], "review").await;
        assert_inert(&review.html, "review");
        let done = s.step("en", "SAFE24", &review, &[], "send").await;
        let receipt = done.receipt().unwrap();
        let state = s.state().await;
        let code = app::model::receipt::normalise_receipt(&receipt).unwrap();
        let found = s.db.receipt(&state.secrets.hash_receipt(&code).unwrap()).await.unwrap().unwrap();
        s.db.add_reply(found.submission_id, None, payload).await.unwrap();
        let status = s.post_form("/en/r", &[("receipt".into(), receipt)]).await;
        assert!(status.html.contains("reply"));
        assert_inert(&status.html, "reply");
    }
    // Staff text: names and e-mails in the people list, audit details, the home greeting.
    let mut admin = s.signed_in("root@example.org", Role::Admin, None, None).await;
    for (i, payload) in XSS.iter().enumerate() {
        let staff = s.db.create_staff(&format!("x{i}@example.org"), payload, 1).await.unwrap();
        s.db.add_grant(staff.id, "designer", None, None, 1).await.unwrap();
        let entry =
            app::api::staff::AuditEntry::new(Some(staff.id), app::model::audit::AuditAction::RoleGranted)
                .about(staff.id, payload)
                .detail(*payload);
        app::api::staff::audit(&s.state().await, entry).await.unwrap();
    }
    let people = admin.browser.get(&s, "/en/staff/people").await;
    assert!(
        people.html.contains("&lt;/textarea&gt;") || people.html.contains("&lt;img"),
        "names are shown, escaped"
    );
    assert_inert(&people.html, "people");
    let audit = admin.browser.get(&s, "/en/staff/audit").await;
    assert_inert(&audit.html, "audit");
    let mut d = s.signed_in("x9@example.org", Role::Designer, None, None).await;
    s.db.list_staff().await.unwrap();
    let home = d.browser.get(&s, "/en/staff").await;
    assert_inert(&home.html, "home");
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_a_strict_csp() {
    let s = crate::common::start().await;
    for path in ["/en", "/km/p/SAFE24", "/en/staff/sign-in", "/healthz", "/en/no-such-page", "/"] {
        let res = s.get(path).await;
        let h = res.headers().clone();
        let csp = h.get("content-security-policy").unwrap().to_str().unwrap().to_owned();
        assert!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "same-origin", "{path}");
        assert!(h["permissions-policy"].to_str().unwrap().contains("camera=()"), "{path}");
        assert!(h.get("strict-transport-security").is_none(), "no HSTS without TLS");
        if path == "/en" {
            // The one inline script carries the nonce the policy names.
            let html = res.text().await.unwrap();
            let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap().to_owned();
            assert!(html.contains(&format!("<script type=\"module\" nonce=\"{nonce}\">")), "nonce {nonce}");
            assert!(csp.contains("'wasm-unsafe-eval'") && csp.contains("'strict-dynamic'"));
            let again = s.get("/en").await.headers()["content-security-policy"].to_str().unwrap().to_owned();
            assert_ne!(again, csp, "a fresh nonce per response");
        }
    }
}

#[tokio::test]
async fn internal_errors_show_a_translated_message_and_a_reference_only() {
    let s = crate::common::start().await;
    let first = s.consent("th", "SAFE24").await;
    let review = s.step("th", "SAFE24", &first, &[], "review").await;
    s.db.close().await;
    let r = s.step("th", "SAFE24", &review, &[], "send").await;
    assert_eq!(r.status, 500);
    assert_eq!(r.error_codes(), vec!["E-INTERNAL"]);
    assert!(r
        .html
        .contains(&app::i18n::CATALOG.format(app::i18n::Locale::Th, "error-internal", None).unwrap()));
    assert!(r.html.contains("error-ref"), "a correlation id for support");
    for leak in ["sqlx", "database", "pool", "closed", "Error", "panicked"] {
        assert!(!r.html.contains(leak), "the page leaks {leak}");
    }
}

#[tokio::test]
async fn youth_pages_never_set_or_read_the_staff_session() {
    let s = crate::common::start().await;
    let mut staff = s.signed_in("d@example.org", Role::Designer, None, None).await;
    let cookie = staff.browser.cookie.clone().unwrap();
    for path in ["/en", "/en/p/SAFE24", "/en/p/SAFE24/start", "/en/help", "/en/r"] {
        let r = staff.browser.get(&s, path).await;
        assert!(r.set_cookie.is_none(), "{path} sets a cookie");
        assert!(!r.html.contains(cookie.split('=').nth(1).unwrap()), "{path} echoes the session");
        assert!(!r.html.contains("d@example.org"), "{path} knows who the staff member is");
    }
    let r = s.post_form("/en/p/SAFE24/answer", &[("consent".into(), "yes".into())]).await;
    assert!(!r.set_cookie);
    assert_eq!(staff.browser.cookie.as_deref(), Some(cookie.as_str()));
}

#[tokio::test]
async fn forged_cross_origin_staff_posts_are_refused() {
    let s = crate::common::start().await;
    let a = s.signed_in("root@example.org", Role::Admin, None, None).await;
    let before = s.db.list_staff().await.unwrap().len();
    for (origin, site) in [
        ("http://evil.example", "cross-site"),
        ("null", "cross-site"),
        ("http://sub.evil.example", "same-site"),
    ] {
        let res = s
            .client
            .post(format!("{}/en/staff/people/invite", s.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", a.browser.cookie.clone().unwrap())
            .header("origin", origin)
            .header("sec-fetch-site", site)
            .body("email=mallory%40evil.example&name=M&role=admin&organisation=")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{origin}");
    }
    // Without fetch metadata, a foreign Origin alone is enough to refuse.
    let res = s
        .client
        .post(format!("{}/en/staff/sign-out", s.base))
        .header("cookie", a.browser.cookie.clone().unwrap())
        .header("origin", "http://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // An old browser sending neither Origin nor fetch metadata: a foreign Referer refuses.
    let res = s
        .client
        .post(format!("{}/en/staff/people/invite", s.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", a.browser.cookie.clone().unwrap())
        .header("referer", "http://evil.example/en/staff/people")
        .body("email=mallory%40evil.example&name=M&role=admin&organisation=")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "foreign referer");
    assert_eq!(s.db.list_staff().await.unwrap().len(), before, "nobody was invited");
    let mut b = a.browser.clone();
    assert_eq!(b.get(&s, "/en/staff").await.status, 200, "still signed in");
    let _ = Browser::default();
}
