//! The holes found from outside (issue 7), each tried again over HTTP the
//! way a stranger would: raw request targets, hyper's own error answers,
//! NUL in text, the review page's errors, the timing and wording of
//! refused sign-ins, foreign origins, forged Host headers, settings that
//! cannot be read, and the second-factor and recovery-code rules.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use app::model::staff::Role;

use crate::common::journey::q;
use crate::common::staff::{code_at_server, Browser, PASSWORD};
use crate::common::{raw, TestServer};

fn has_security_headers(head: &str) -> bool {
    let h = head.to_ascii_lowercase();
    [
        "content-security-policy: ",
        "x-content-type-options: nosniff",
        "referrer-policy: same-origin",
        "cache-control: no-store",
    ]
    .iter()
    .all(|want| h.contains(want))
}

#[tokio::test]
async fn request_targets_that_are_not_paths_get_400_and_the_server_carries_on() {
    let s = crate::common::start().await;
    let host = s.base.trim_start_matches("http://").to_owned();
    for target in [
        format!("GET {host} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        "CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: 127.0.0.1:1\r\nConnection: close\r\n\r\n".to_owned(),
        format!("OPTIONS * HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        format!(
            "GET http://{host}/en/help/../staff/people HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ),
    ] {
        let (status, head) = raw(&s, target.as_bytes()).await;
        assert_eq!(status, 400, "{target:?} answered {head}");
        assert!(has_security_headers(&head), "{target:?}: {head}");
    }
    assert_eq!(s.get("/healthz").await.status(), 200, "still serving");
}

#[tokio::test]
async fn hypers_own_error_answers_carry_the_security_headers() {
    let s = crate::common::start().await;
    let host = s.base.trim_start_matches("http://").to_owned();
    let huge = "x".repeat(600 * 1024);
    for (what, request, want) in [
        ("a header without a colon", format!("GET / HTTP/1.1\r\nHost: {host}\r\nBad Header\r\n\r\n"), 400),
        ("a broken method", format!("G(T / HTTP/1.1\r\nHost: {host}\r\n\r\n"), 400),
        ("headers too large", format!("GET / HTTP/1.1\r\nHost: {host}\r\nX-Big: {huge}\r\n\r\n"), 431),
    ] {
        let (status, head) = raw(&s, request.as_bytes()).await;
        assert_eq!(status, want, "{what}: {head}");
        assert!(has_security_headers(&head), "{what}: {head}");
    }
}

#[tokio::test]
async fn nul_and_control_characters_are_dropped_before_anything_is_stored() {
    let s = crate::common::start().await;
    let one = s.consent("en", "SAFE24").await;
    let text_id = *one.questions().last().unwrap();
    let typed = "before\u{0}after\u{1b}[31m\r\nnext line\u{7f}";
    let review = s.step("en", "SAFE24", &one, &[q(text_id, typed)], "review").await;
    assert_eq!(review.status, 200, "{:?}", review.error_codes());
    let done = s.step("en", "SAFE24", &review, &[], "send").await;
    assert!(done.receipt().is_some(), "{:?}", done.error_codes());
    // The same on SQLite and PostgreSQL (this suite runs on both).
    let state = s.state().await;
    let code = app::model::receipt::normalise_receipt(&done.receipt().unwrap()).unwrap();
    let found = s.db.receipt(&state.secrets.hash_receipt(&code).unwrap()).await.unwrap().unwrap();
    let answers = s.db.answers_of(found.submission_id).await.unwrap();
    let body = answers.iter().find_map(|a| a.body.clone()).unwrap();
    assert_eq!(body, "beforeafter[31m\nnext line");
}

#[tokio::test]
async fn the_review_page_says_which_answer_is_wrong_and_links_to_its_screen() {
    let s = crate::common::start().await;
    let before = s.db.count_submissions(None).await.unwrap();
    let one = s.consent("km", "SAFE24").await;
    let rating_id = one.questions()[0];
    let review = s.step("km", "SAFE24", &one, &[], "review").await;
    let mut fields = review.browser_fields();
    fields.push(q(rating_id, "0"));
    fields.push(("go".into(), "send".into()));
    let r = s.post_form("/km/p/SAFE24/answer", &fields).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.error_codes(), vec!["E-RATING-OUT-OF-RANGE"], "the field's own message");
    let doc = r.doc();
    let err = scraper::Selector::parse(&format!("#err-{rating_id}")).unwrap();
    let shown = doc.select(&err).next().expect("the error sits beside its question");
    let section = shown
        .ancestors()
        .filter_map(scraper::ElementRef::wrap)
        .find(|e| e.value().has_class("review-area", scraper::CaseSensitivity::CaseSensitive))
        .unwrap();
    let change = scraper::Selector::parse("button[name=go][value=screen-1]").unwrap();
    assert!(section.select(&change).next().is_some(), "with the button back to its screen");
    let long = "ក".repeat(501);
    let text_id = *one.questions().last().unwrap();
    let mut fields = review.browser_fields();
    fields.retain(|(n, _)| *n != format!("q{text_id}"));
    fields.extend([q(text_id, &long), ("go".into(), "send".into())]);
    let r = s.post_form("/km/p/SAFE24/answer", &fields).await;
    assert_eq!(r.error_codes(), vec!["E-TEXT-TOO-LONG"]);
    assert!(r.html.contains(&format!("id=\"err-{text_id}\"")));
    assert_eq!(s.db.count_submissions(None).await.unwrap(), before, "nothing stored");
}

/// Median time of a sign-in attempt's answer, and the answer itself with
/// the per-response nonce taken out.
async fn attempt(s: &TestServer, email: &str, password: &str) -> (u16, String, Duration) {
    let mut times = Vec::new();
    let mut last = (0, String::new());
    for _ in 0..5 {
        let mut b = Browser::default();
        let started = Instant::now();
        let r = b.post(s, "/en/staff/sign-in", &[("email", email), ("password", password)]).await;
        times.push(started.elapsed());
        let nonce =
            r.html.split("nonce=\"").nth(1).and_then(|n| n.split('"').next()).unwrap_or_default().to_owned();
        last = (r.status, r.html.replace(&nonce, "NONCE"));
    }
    times.sort();
    (last.0, last.1, times[2])
}

#[tokio::test]
async fn unknown_wrong_and_locked_sign_ins_look_and_take_the_same() {
    let mut cfg = crate::common::config(false);
    cfg.app.limits.sign_in_failures_per_client = 10_000;
    let s = crate::common::start_with(cfg).await;
    s.signed_in("known@example.org", Role::Designer, None, None).await;
    let locked = s.signed_in("locked@example.org", Role::Designer, None, None).await;
    for _ in 0..6 {
        Browser::default()
            .post(&s, "/en/staff/sign-in", &[("email", "locked@example.org"), ("password", "not it at all")])
            .await;
    }
    assert!(s.db.staff(locked.id).await.unwrap().unwrap().locked_until.is_some());
    // The same e-mail typed in each form, so the pages can be compared whole.
    let (s1, unknown, t_unknown) = attempt(&s, "nobody@example.org", PASSWORD).await;
    let (s2, wrong, t_wrong) = attempt(&s, "known@example.org", "not it at all").await;
    let (s3, locked_page, t_locked) = attempt(&s, "locked@example.org", PASSWORD).await;
    assert_eq!((s1, s2, s3), (401, 401, 401));
    let same = |a: &str, b: &str| {
        a.replace("nobody@example.org", "E")
            .replace("known@example.org", "E")
            .replace("locked@example.org", "E")
            == b.replace("nobody@example.org", "E")
                .replace("known@example.org", "E")
                .replace("locked@example.org", "E")
    };
    assert!(same(&unknown, &wrong) && same(&wrong, &locked_page), "identical pages");
    // Each costs a slow hash: a skipped one shows as a several-fold difference.
    let (lo, hi) = (
        [t_unknown, t_wrong, t_locked].into_iter().min().unwrap(),
        [t_unknown, t_wrong, t_locked].into_iter().max().unwrap(),
    );
    assert!(
        hi < lo * 2 + Duration::from_millis(5),
        "unknown {t_unknown:?}, wrong {t_wrong:?}, locked {t_locked:?}"
    );
    // And the work itself, counted: one slow check per attempt, whatever the account.
    for (email, password) in [
        ("nobody@example.org", PASSWORD),
        ("known@example.org", "nope nope nope"),
        ("locked@example.org", PASSWORD),
    ] {
        let before = s.state.secrets.slow_runs();
        Browser::default().post(&s, "/en/staff/sign-in", &[("email", email), ("password", password)]).await;
        assert_eq!(s.state.secrets.slow_runs() - before, 1, "{email}");
    }
}

#[tokio::test]
async fn a_recovery_code_costs_one_slow_check_not_ten() {
    let s = crate::common::start().await;
    let mut m = s.signed_in("m@example.org", Role::Moderator, None, None).await;
    // Enrolment showed ten codes; take them from a fresh enrolment page flow.
    let page = m.browser.get(&s, "/en/staff/two-factor").await;
    let secret = page.text_of("code.secret").pop().unwrap();
    let sealed = page.input("sealed").unwrap();
    let code = code_at_server(&s, &secret);
    let done = m
        .browser
        .post(&s, "/en/staff/two-factor", &[("sealed", &sealed), ("code", &code), ("current", PASSWORD)])
        .await;
    let codes = done.text_of("ol.recovery-codes code");
    assert_eq!(codes.len(), 10);
    let mut b = Browser::default();
    let r = b.post(&s, "/en/staff/sign-in", &[("email", "m@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(r.location.as_deref(), Some("/en/staff/second-factor"));
    let before = s.state.secrets.slow_runs();
    let r = b.post(&s, "/en/staff/second-factor", &[("recovery", "ZZZZZ-ZZZZZ")]).await;
    assert_eq!(r.error_codes(), vec!["E-TOTP-INVALID"]);
    assert_eq!(s.state.secrets.slow_runs() - before, 0, "a wrong code is not slow-checked against all ten");
    let before = s.state.secrets.slow_runs();
    let r = b.post(&s, "/en/staff/second-factor", &[("recovery", &codes[7].to_lowercase())]).await;
    assert_eq!(r.location.as_deref(), Some("/en/staff"), "{:?}", r.error_codes());
    assert_eq!(s.state.secrets.slow_runs() - before, 1, "the right one: one slow check");
}

#[tokio::test]
async fn a_foreign_origin_is_refused_whatever_sec_fetch_site_says() {
    let s = crate::common::start().await;
    let before = s.db.count_submissions(None).await.unwrap();
    let one = s.consent("en", "SAFE24").await;
    let review = s.step("en", "SAFE24", &one, &[], "review").await;
    let mut fields = review.browser_fields();
    fields.push(("go".into(), "send".into()));
    for site in ["none", "same-origin"] {
        let res = s
            .client
            .post(format!("{}/en/p/SAFE24/answer", s.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("origin", "http://evil.example")
            .header("sec-fetch-site", site)
            .body(crate::common::journey::encode(&fields))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "Sec-Fetch-Site: {site}");
    }
    assert_eq!(s.db.count_submissions(None).await.unwrap(), before);
}

#[tokio::test]
async fn links_are_never_built_from_a_forged_host() {
    let s = crate::common::start().await;
    let res = s
        .client
        .get(format!("{}/en/p/SAFE24/poster", s.base))
        .header("host", "evil.example")
        .send()
        .await
        .unwrap();
    let html = res.text().await.unwrap();
    assert!(!html.contains("evil.example"), "the poster's link");
    assert!(html.contains(&format!("{}/en/p/SAFE24", s.base)), "the configured host instead");
    let mut admin = s.signed_in("root@example.org", Role::Admin, None, None).await;
    let cookie = admin.browser.cookie.clone().unwrap();
    let res = s
        .client
        .post(format!("{}/en/staff/people/invite", s.base))
        .header("host", "evil.example")
        .header("cookie", cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body("email=new%40example.org&name=New&role=designer&organisation=")
        .send()
        .await
        .unwrap();
    let html = res.text().await.unwrap();
    assert!(html.contains("/en/staff/set-password?t="), "the link is shown");
    assert!(!html.contains("evil.example"), "but not on the forged host");
    let _ = admin.browser.get(&s, "/en/staff").await;
}

#[tokio::test]
async fn an_unreadable_setting_means_the_second_factor_is_required() {
    let s = crate::common::start().await;
    // A designer needs no second factor, unless a setting says everyone does.
    let (_, token) = s.invite("d@example.org", Role::Designer, None, None).await;
    let mut b = Browser::default();
    b.post(&s, "/en/staff/set-password", &[("token", &token), ("password", PASSWORD), ("confirm", PASSWORD)])
        .await;
    // The settings can no longer be read.
    s.db.put_setting("probe", "x").await.unwrap();
    crate::common::break_table(&s, "settings").await;
    let r = b.post(&s, "/en/staff/sign-in", &[("email", "d@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(r.location.as_deref(), Some("/en/staff/two-factor"), "fail closed: enrol first");
}

#[tokio::test]
async fn changing_ones_authenticator_needs_the_password_and_a_fresh_page() {
    let s = crate::common::start().await;
    let mut m = s.signed_in("m@example.org", Role::Moderator, None, None).await;
    let page = m.browser.get(&s, "/en/staff/two-factor").await;
    assert!(page.html.contains("name=\"current\""), "the page asks for the password");
    let secret = page.text_of("code.secret").pop().unwrap();
    let sealed = page.input("sealed").unwrap();
    let code = code_at_server(&s, &secret);
    let r = m
        .browser
        .post(&s, "/en/staff/two-factor", &[("sealed", &sealed), ("code", &code), ("current", "wrong")])
        .await;
    assert_eq!(r.error_codes(), vec!["E-SIGN-IN-FAILED"]);
    assert_ne!(s.db.staff(m.id).await.unwrap().unwrap().totp_secret.as_deref(), Some(secret.as_str()));
    // Ten minutes later the page's secret has expired.
    s.clock.advance(Duration::from_secs(601));
    let code = code_at_server(&s, &secret);
    let r = m
        .browser
        .post(&s, "/en/staff/two-factor", &[("sealed", &sealed), ("code", &code), ("current", PASSWORD)])
        .await;
    assert_eq!(r.error_codes(), vec!["E-TOKEN-INVALID"]);
    // A fresh page, the password and a code: changed.
    let page = m.browser.get(&s, "/en/staff/two-factor").await;
    let secret = page.text_of("code.secret").pop().unwrap();
    let sealed = page.input("sealed").unwrap();
    let code = code_at_server(&s, &secret);
    let r = m
        .browser
        .post(&s, "/en/staff/two-factor", &[("sealed", &sealed), ("code", &code), ("current", PASSWORD)])
        .await;
    assert_eq!(r.status, 200, "{:?}", r.error_codes());
    assert_eq!(s.db.staff(m.id).await.unwrap().unwrap().totp_secret.as_deref(), Some(secret.as_str()));
}

#[tokio::test]
async fn a_corrupt_form_key_stops_the_server_from_starting() {
    let s = crate::common::start().await;
    s.db.put_setting("form_key", "AAAA").await.unwrap();
    let cfg = crate::common::config(false);
    let Err(err) = server::http::app(&cfg, s.db.clone()).await else { panic!("started with a corrupt key") };
    assert!(err.to_string().contains("form_key"), "{err}");
}

#[tokio::test]
async fn an_unreadable_list_of_names_stops_a_send_rather_than_skip_the_check() {
    let s = crate::common::start().await;
    let one = s.consent("en", "SAFE24").await;
    let text_id = *one.questions().last().unwrap();
    let before = s.db.count_submissions(None).await.unwrap();
    // Broken before the list was first read (it is kept for a minute once read).
    crate::common::break_table(&s, "settings").await;
    let r = s.step("en", "SAFE24", &one, &[q(text_id, "ask Sokha")], "send").await;
    assert_eq!((r.status, r.error_codes()), (500, vec!["E-INTERNAL".to_owned()]));
    assert!(r.receipt().is_none());
    assert_eq!(s.db.count_submissions(None).await.unwrap(), before, "not stored unchecked");
}

#[tokio::test]
async fn half_signed_in_with_an_authenticator_cannot_replace_it() {
    let s = crate::common::start().await;
    let m = s.signed_in("m@example.org", Role::Moderator, None, None).await;
    let before = s.db.staff(m.id).await.unwrap().unwrap().totp_secret;
    // Someone with the password only.
    let mut b = Browser::default();
    let r = b.post(&s, "/en/staff/sign-in", &[("email", "m@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(r.location.as_deref(), Some("/en/staff/second-factor"));
    let page = b.get(&s, "/en/staff/two-factor").await;
    assert_eq!((page.status, page.location.as_deref()), (303, Some("/en/staff/second-factor")));
    assert!(page.text_of("code.secret").is_empty(), "no fresh secret shown");
    // A forged enrolment value (signed with the real key) changes nothing either.
    let sealed = app::api::staff::sign_in::enrolment_value(&s.state, m.id, "JBSWY3DPEHPK3PXP");
    let code = code_at_server(&s, "JBSWY3DPEHPK3PXP");
    let r = b.post(&s, "/en/staff/two-factor", &[("sealed", &sealed), ("code", &code)]).await;
    assert_eq!(r.location.as_deref(), Some("/en/staff/second-factor"));
    assert_eq!(s.db.staff(m.id).await.unwrap().unwrap().totp_secret, before);
    assert_eq!(
        b.get(&s, "/en/staff").await.location.as_deref(),
        Some("/en/staff/second-factor"),
        "still half signed in"
    );
}

#[tokio::test]
async fn requiring_a_second_factor_for_everyone_reaches_sessions_already_open() {
    let s = crate::common::start().await;
    let mut d = s.signed_in("d@example.org", Role::Designer, None, None).await;
    assert_eq!(d.browser.get(&s, "/en/staff").await.status, 200, "a designer without one");
    let mut admin = s.signed_in("root@example.org", Role::Admin, None, None).await;
    let r = admin.browser.post(&s, "/en/staff/people/require-totp", &[("scope", "all"), ("on", "1")]).await;
    assert_eq!(r.status, 303, "{:?}", r.error_codes());
    let r = d.browser.get(&s, "/en/staff").await;
    assert_eq!(r.location.as_deref(), Some("/en/staff/two-factor"), "set one up before going on");
}

#[tokio::test]
async fn slow_idle_and_too_many_connections_are_closed() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut buf = [0u8; 4096];
    // Headers that never finish: closed after the deadline, not held for ever.
    let mut cfg = crate::common::config(false);
    cfg.connections.header_deadline = Duration::from_millis(500);
    let s = crate::common::start_with(cfg).await;
    let mut slow = tokio::net::TcpStream::connect(s.base.trim_start_matches("http://")).await.unwrap();
    slow.write_all(b"GET /en HTTP/1.1\r\nHost: x\r\n").await.unwrap();
    let closed = tokio::time::timeout(Duration::from_secs(10), slow.read(&mut buf)).await;
    assert!(closed.is_ok(), "the server ended the connection");

    // Four connections are all one address may hold; a fifth is closed unanswered.
    let mut cfg = crate::common::config(false);
    cfg.connections.per_address = Some(4);
    let s = crate::common::start_with(cfg).await;
    let addr = s.base.trim_start_matches("http://").to_owned();
    let mut held = Vec::new();
    for _ in 0..4 {
        let mut c = tokio::net::TcpStream::connect(&addr).await.unwrap();
        // One answered request proves the server holds it (then it stays open, idle).
        c.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
        let n = c.read(&mut buf).await.unwrap();
        assert!(buf[..n].starts_with(b"HTTP/1.1 200"));
        held.push(c);
    }
    let mut fifth = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let _ = fifth.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await;
    let n = tokio::time::timeout(Duration::from_secs(5), fifth.read(&mut buf)).await.unwrap().unwrap_or(0);
    assert_eq!(n, 0, "refused: {}", String::from_utf8_lossy(&buf[..n]));
    drop(held);
    // Places come back as the server sees those connections close.
    let mut back = false;
    for _ in 0..100 {
        if let Ok(res) = s.client.get(format!("{}/healthz", s.base)).send().await {
            back = res.status() == 200;
            if back {
                break;
            }
        }
        tokio::task::yield_now().await;
    }
    assert!(back, "connections closed give their places back");
}

#[tokio::test]
async fn wrong_methods_and_look_alike_content_types_get_translated_answers() {
    let s = crate::common::start().await;
    let res = s.client.get(format!("{}/km/exit", s.base)).send().await.unwrap();
    assert_eq!(res.status(), 405);
    let html = res.text().await.unwrap();
    assert!(html.contains("data-code=\"E-BAD-REQUEST\"") && html.contains("lang=\"km\""), "{html}");
    let res = s
        .client
        .post(format!("{}/en/p/SAFE24/answer", s.base))
        .header("content-type", "application/x-www-form-urlencodedXYZ")
        .body("consent=yes")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("data-code=\"E-BAD-REQUEST\""));
    let res = s.get("/en/no-such-page").await;
    assert_eq!(res.status(), 404);
    assert!(res.text().await.unwrap().contains("data-code=\"E-NOT-FOUND\""));
}

#[tokio::test]
async fn static_files_are_cached_per_encoding_and_errors_are_not_cached() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("pkg")).unwrap();
    std::fs::write(site.path().join("pkg/siang.css"), "body{}").unwrap();
    std::fs::write(site.path().join("pkg/siang.css.br"), [0x0bu8, 0x02, 0x80]).unwrap();
    let mut cfg = crate::common::config(false);
    cfg.site_root = site.path().display().to_string();
    let s = crate::common::start_with(cfg).await;
    let res = s
        .client
        .get(format!("{}/pkg/siang.css", s.base))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-encoding"], "br");
    assert!(res.headers()["vary"].to_str().unwrap().to_ascii_lowercase().contains("accept-encoding"));
    assert!(res.headers()["cache-control"].to_str().unwrap().starts_with("public"));
    let res = s.get("/pkg/nope.js").await;
    assert_eq!(res.status(), 404);
    assert_eq!(res.headers()["cache-control"], "no-store");
}
