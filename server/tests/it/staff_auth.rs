//! Staff sign-in with TOTP, lockout, one-time links, sessions, sign-out, audit.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::staff::{code, Browser, PASSWORD};
use app::model::staff::Role;
use app::security::auth::totp;

fn code_at_offset(secret: &str, steps: i64) -> String {
    let now = chrono::Utc::now().timestamp();
    totp::code_at(&totp::unbase32(secret).unwrap(), now / 30 + steps).unwrap()
}

#[tokio::test]
async fn an_admin_signs_in_with_password_and_totp() {
    let s = crate::common::start().await;
    let a = s.signed_in("root@example.org", Role::Admin, None, None).await;
    let secret = a.secret.clone().expect("admins must enrol a second factor");
    let mut b = a.browser.clone();
    let home = b.get(&s, "/en/staff").await;
    assert_eq!(home.status, 200);
    assert!(home.html.contains("Hello, root"));
    assert!(home.html.contains("Administrator"), "who is signed in and their role");
    assert!(home.html.contains("href=\"/en/staff/people\""), "admins see staff management");
    assert!(!home.html.contains("staff-section-moderation"), "not a moderator's section");

    // A fresh sign-in: password, then the code (the enrolment's code cannot be reused).
    let mut b = Browser::default();
    let r = b.post(&s, "/en/staff/sign-in", &[("email", "ROOT@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(r.location.as_deref(), Some("/en/staff/second-factor"));
    let pending = b.cookie.clone();
    assert_eq!(
        b.get(&s, "/en/staff").await.location.as_deref(),
        Some("/en/staff/second-factor"),
        "pending is not signed in"
    );
    let wrong = b.post(&s, "/en/staff/second-factor", &[("code", "000000")]).await;
    assert_eq!(wrong.error_codes(), vec!["E-TOTP-INVALID"]);
    let ok = b.post(&s, "/en/staff/second-factor", &[("code", &code_at_offset(&secret, 1))]).await;
    assert_eq!(ok.location.as_deref(), Some("/en/staff"));
    assert_ne!(b.cookie, pending, "the session id changes after the second factor");
    let again = Browser { cookie: pending }.get(&s, "/en/staff").await;
    assert_eq!(again.location.as_deref(), Some("/en/staff/sign-in"), "the pre-TOTP session is gone");
    // The same code a second time is refused (accepted once).
    let mut c = Browser::default();
    c.post(&s, "/en/staff/sign-in", &[("email", "root@example.org"), ("password", PASSWORD)]).await;
    let replay = c.post(&s, "/en/staff/second-factor", &[("code", &code_at_offset(&secret, 1))]).await;
    assert_eq!(replay.error_codes(), vec!["E-TOTP-INVALID"]);

    let log =
        s.db.audit_entries(&siang_storage::AuditFilter { limit: 100, ..Default::default() }).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert!(
        actions.contains(&"sign_in")
            && actions.contains(&"sign_in_failed")
            && actions.contains(&"totp_enrolled")
    );
    assert_eq!(s.db.verify_audit_chain().await.unwrap(), None);
}

#[tokio::test]
async fn the_session_cookie_is_strict_httponly_and_host_bound_over_tls() {
    let s = crate::common::start().await;
    let (_, token) = s.invite("d@example.org", Role::Designer, None, None).await;
    let mut b = Browser::default();
    b.post(&s, "/en/staff/set-password", &[("token", &token), ("password", PASSWORD), ("confirm", PASSWORD)])
        .await;
    let r = b.post(&s, "/en/staff/sign-in", &[("email", "d@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(r.location.as_deref(), Some("/en/staff"), "designers need no second factor by default");
    let cookie = r.set_cookie.unwrap();
    assert!(
        cookie.starts_with("siang_staff=")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict")
    );
    assert!(!cookie.contains("Secure"), "plain HTTP here");

    let mut cfg = crate::common::config(false);
    cfg.app.public_origin = Some("https://siang.example.org".into());
    let t = crate::common::start_with(cfg).await;
    let (_, token) = t.invite("e@example.org", Role::Designer, None, None).await;
    let mut b = Browser::default();
    b.post(&t, "/en/staff/set-password", &[("token", &token), ("password", PASSWORD), ("confirm", PASSWORD)])
        .await;
    let r = b.post(&t, "/en/staff/sign-in", &[("email", "e@example.org"), ("password", PASSWORD)]).await;
    let cookie = r.set_cookie.unwrap();
    assert!(
        cookie.starts_with("__Host-siang=") && cookie.contains("; Secure") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(!cookie.contains("Domain"));
    assert!(r.headers.get("strict-transport-security").is_some(), "HSTS when TLS is known");
}

#[tokio::test]
async fn repeated_failures_lock_the_account_and_never_tell_whether_it_exists() {
    let s = crate::common::start().await;
    let a = s.signed_in("m@example.org", Role::Moderator, None, None).await;
    let mut b = Browser::default();
    for _ in 0..5 {
        let r = b
            .post(&s, "/en/staff/sign-in", &[("email", "m@example.org"), ("password", "wrong wrong wrong")])
            .await;
        assert_eq!((r.status, r.error_codes()), (401, vec!["E-SIGN-IN-FAILED".to_owned()]));
    }
    let locked = b.post(&s, "/en/staff/sign-in", &[("email", "m@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(
        locked.error_codes(),
        vec!["E-SIGN-IN-FAILED"],
        "locked: even the right password is refused for now"
    );
    let unknown =
        b.post(&s, "/en/staff/sign-in", &[("email", "nobody@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(unknown.error_codes(), locked.error_codes(), "the same answer for an unknown e-mail");
    assert_eq!(unknown.status, locked.status);
    let row = s.db.staff(a.id).await.unwrap().unwrap();
    assert!(row.locked_until.unwrap() > chrono::Utc::now().timestamp() + 50, "locked for a minute at least");
}

#[tokio::test]
async fn one_time_links_work_once_and_passwords_follow_the_policy() {
    let s = crate::common::start().await;
    let (_, token) = s.invite("link@example.org", Role::Designer, None, None).await;
    let mut b = Browser::default();
    let page = b.get(&s, &format!("/km/staff/set-password?t={token}")).await;
    assert_eq!(page.input("token").as_deref(), Some(token.as_str()));
    for (pw, confirm, err) in [
        ("short", "short", "E-PASSWORD-TOO-SHORT"),
        ("password123456", "password123456", "E-PASSWORD-COMMON"),
        (PASSWORD, "something else entirely", "E-PASSWORD-MISMATCH"),
    ] {
        let r = b
            .post(&s, "/km/staff/set-password", &[("token", &token), ("password", pw), ("confirm", confirm)])
            .await;
        assert_eq!(r.error_codes(), vec![err.to_owned()]);
        assert_eq!(r.input("token").as_deref(), Some(token.as_str()), "the link stays usable after a typo");
    }
    let ok = b
        .post(
            &s,
            "/km/staff/set-password",
            &[("token", &token), ("password", PASSWORD), ("confirm", PASSWORD)],
        )
        .await;
    assert_eq!(ok.location.as_deref(), Some("/km/staff/sign-in?done=password-set"));
    let twice = b
        .post(
            &s,
            "/km/staff/set-password",
            &[("token", &token), ("password", PASSWORD), ("confirm", PASSWORD)],
        )
        .await;
    assert_eq!(twice.error_codes(), vec!["E-TOKEN-INVALID"]);
    let forged = b
        .post(
            &s,
            "/km/staff/set-password",
            &[("token", "abc.def"), ("password", PASSWORD), ("confirm", PASSWORD)],
        )
        .await;
    assert_eq!(forged.error_codes(), vec!["E-TOKEN-INVALID"]);
    let tokens: Vec<String> =
        s.db.list_staff().await.unwrap().into_iter().filter_map(|x| x.password_hash).collect();
    assert!(tokens.iter().all(|h| h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$")));
}

#[tokio::test]
async fn signing_out_ends_the_session_and_everywhere_ends_them_all() {
    let s = crate::common::start().await;
    let a = s.signed_in("out@example.org", Role::Designer, None, None).await;
    let mut first = a.browser.clone();
    let mut second = Browser::default();
    second.post(&s, "/en/staff/sign-in", &[("email", "out@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(second.get(&s, "/en/staff").await.status, 200);
    let old = first.cookie.clone();
    let r = first.post(&s, "/en/staff/sign-out", &[]).await;
    assert!(r.set_cookie.unwrap().contains("Max-Age=0"));
    assert_eq!(
        Browser { cookie: old }.get(&s, "/en/staff").await.location.as_deref(),
        Some("/en/staff/sign-in")
    );
    assert_eq!(second.get(&s, "/en/staff").await.status, 200, "the other device is still signed in");
    let r = second.post(&s, "/en/staff/account/sign-out-everywhere", &[]).await;
    assert_eq!(r.status, 303);
    assert_eq!(s.db.delete_sessions_of(a.id).await.unwrap(), 0, "no session left");
}

#[tokio::test]
async fn idle_sessions_expire_and_say_so() {
    let s = crate::common::start().await;
    let mut a = s.signed_in("idle@example.org", Role::Designer, None, None).await;
    assert_eq!(a.browser.get(&s, "/en/staff").await.status, 200);
    s.clock.advance(std::time::Duration::from_secs(29 * 60));
    assert_eq!(a.browser.get(&s, "/en/staff").await.status, 200, "29 minutes idle: still signed in");
    s.clock.advance(std::time::Duration::from_secs(30 * 60 + 1));
    let r = a.browser.get(&s, "/en/staff").await;
    assert_eq!(r.location.as_deref(), Some("/en/staff/sign-in?expired=1"));
    let page = a.browser.get(&s, "/en/staff/sign-in?expired=1").await;
    assert_eq!(page.error_codes(), vec!["E-SESSION-EXPIRED"]);
}

#[tokio::test]
async fn changing_the_password_keeps_this_session_and_ends_the_others() {
    let s = crate::common::start().await;
    let mut a = s.signed_in("pw@example.org", Role::Designer, None, None).await;
    let mut other = Browser::default();
    other.post(&s, "/en/staff/sign-in", &[("email", "pw@example.org"), ("password", PASSWORD)]).await;
    let bad = a
        .browser
        .post(
            &s,
            "/en/staff/account/password",
            &[("current", "nope nope nope"), ("password", "x"), ("confirm", "x")],
        )
        .await;
    assert_eq!(bad.error_codes(), vec!["E-SIGN-IN-FAILED"]);
    let new = "seven lanterns over a quiet river";
    let ok = a
        .browser
        .post(&s, "/en/staff/account/password", &[("current", PASSWORD), ("password", new), ("confirm", new)])
        .await;
    assert_eq!(ok.location.as_deref(), Some("/en/staff/account?done=password-changed"));
    assert_eq!(a.browser.get(&s, "/en/staff/account").await.status, 200);
    assert_eq!(other.get(&s, "/en/staff").await.location.as_deref(), Some("/en/staff/sign-in"));
    let page = a.browser.get(&s, "/en/staff/account").await;
    assert!(page.text_of("table.data tbody tr").len() >= 2, "recent sign-ins are listed");
    assert!(!page.html.contains("127.0.0.1"), "time only, no address");
}

#[tokio::test]
async fn recovery_codes_work_once() {
    let s = crate::common::start().await;
    let (_, token) = s.invite("rc@example.org", Role::Moderator, None, None).await;
    let mut b = Browser::default();
    b.post(&s, "/en/staff/set-password", &[("token", &token), ("password", PASSWORD), ("confirm", PASSWORD)])
        .await;
    b.post(&s, "/en/staff/sign-in", &[("email", "rc@example.org"), ("password", PASSWORD)]).await;
    let page = b.get(&s, "/en/staff/two-factor").await;
    let secret = page.text_of("code.secret").pop().unwrap();
    let done = b
        .post(
            &s,
            "/en/staff/two-factor",
            &[("sealed", &page.input("sealed").unwrap()), ("code", &code(&secret))],
        )
        .await;
    let codes = done.text_of("ol.recovery-codes code");
    assert_eq!(codes.len(), 10);
    for attempt in 0..2 {
        let mut c = Browser::default();
        c.post(&s, "/en/staff/sign-in", &[("email", "rc@example.org"), ("password", PASSWORD)]).await;
        let r = c.post(&s, "/en/staff/second-factor", &[("recovery", &codes[3].to_lowercase())]).await;
        if attempt == 0 {
            assert_eq!(r.location.as_deref(), Some("/en/staff"), "{:?}", r.error_codes());
        } else {
            assert_eq!(r.error_codes(), vec!["E-TOTP-INVALID"], "a recovery code works once");
        }
    }
}

#[tokio::test]
async fn admins_grant_revoke_reset_and_require_totp_each_audited() {
    let s = crate::common::start().await;
    let mut admin = s.signed_in("root@example.org", Role::Admin, None, None).await;
    let mut d = s.signed_in("des@example.org", Role::Designer, None, None).await;
    let did = d.id.to_string();
    let safe = s.db.programme_by_code("SAFE24").await.unwrap().unwrap();
    let r = admin
        .browser
        .post(
            &s,
            "/en/staff/people/grant",
            &[("staff", &did), ("role", "moderator"), ("programme", &safe.id.to_string())],
        )
        .await;
    assert_eq!(r.location.as_deref(), Some("/en/staff/people?done=granted"));
    assert_eq!(
        d.browser.get(&s, "/en/staff").await.location.as_deref(),
        Some("/en/staff/sign-in"),
        "privilege change signs them out"
    );
    let grants = s.db.grants_of(d.id).await.unwrap();
    let moderator = grants.iter().find(|g| g.role == "moderator").unwrap();
    assert_eq!(moderator.programme_id, Some(safe.id));
    let r = admin
        .browser
        .post(&s, "/en/staff/people/revoke", &[("staff", &did), ("grant", &moderator.id.to_string())])
        .await;
    assert_eq!(r.location.as_deref(), Some("/en/staff/people?done=revoked"));
    assert_eq!(s.db.grants_of(d.id).await.unwrap().len(), 1);

    let link = admin.browser.post(&s, "/en/staff/people/new-link", &[("staff", &did)]).await;
    assert!(link.text_of("code.one-time-link")[0].contains("/en/staff/set-password?t="));
    let r = admin.browser.post(&s, "/en/staff/people/require-totp", &[("scope", "all"), ("on", "1")]).await;
    assert_eq!(r.status, 303);
    let mut b = Browser::default();
    let r = b.post(&s, "/en/staff/sign-in", &[("email", "des@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(r.location.as_deref(), Some("/en/staff/two-factor"), "now everyone enrols a second factor");

    let m = s.signed_in("mod@example.org", Role::Moderator, None, None).await;
    let r = admin.browser.post(&s, "/en/staff/people/reset-totp", &[("staff", &m.id.to_string())]).await;
    assert_eq!(r.location.as_deref(), Some("/en/staff/people?done=totp-reset"));
    assert!(s.db.staff(m.id).await.unwrap().unwrap().totp_secret.is_none());
    let mut c = Browser::default();
    let r = c.post(&s, "/en/staff/sign-in", &[("email", "mod@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(r.location.as_deref(), Some("/en/staff/two-factor"), "forced to enrol again");

    let self_revoke = admin.browser.get(&s, "/en/staff/people").await;
    assert!(self_revoke.html.contains("des@example.org"));
    let log =
        s.db.audit_entries(&siang_storage::AuditFilter {
            actor_id: Some(admin.id),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    for a in ["role_granted", "role_revoked", "password_link_created", "totp_required_all", "totp_reset"] {
        assert!(actions.contains(&a), "{a} not audited: {actions:?}");
    }
    assert_eq!(s.db.verify_audit_chain().await.unwrap(), None);
}
