//! The authorisation matrix: every staff page (GET) and action (POST), for
//! every kind of caller, allowed or denied as the matrix below says. The
//! matrix is written by hand — it is the specification, not a copy of the
//! route table under test — and a route the table has but the matrix lacks
//! (or the reverse) fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::TestServer;
use app::api::staff::routes::{self, STAFF_ROUTES};
use app::model::staff::Role;
use app::security::auth::session;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Who {
    Anonymous,
    /// Past the password, not the second factor.
    Pending,
    Signed(Role),
}

const CALLERS: [Who; 5] = [
    Who::Anonymous,
    Who::Pending,
    Who::Signed(Role::Admin),
    Who::Signed(Role::Moderator),
    Who::Signed(Role::Designer),
];

/// Allowed for: anonymous, pending, admin, moderator, designer.
const EVERYONE: [bool; 5] = [true, true, true, true, true];
const PAST_PASSWORD: [bool; 5] = [false, true, true, true, true];
const ANY_ROLE: [bool; 5] = [false, false, true, true, true];
const ADMIN: [bool; 5] = [false, false, true, false, false];
const DESIGNER: [bool; 5] = [false, false, false, false, true];
/// Admins do not read what children wrote unless also granted moderator.
const MODERATOR: [bool; 5] = [false, false, false, true, false];

/// (path after /:lang/staff/, GET page?, POST action?, who may)
const MATRIX: &[(&str, bool, bool, [bool; 5])] = &[
    ("sign-in", true, true, EVERYONE),
    ("set-password", true, true, EVERYONE),
    ("second-factor", true, true, PAST_PASSWORD),
    ("two-factor", true, true, PAST_PASSWORD),
    ("sign-out", false, true, PAST_PASSWORD),
    ("", true, false, ANY_ROLE),
    ("account", true, false, ANY_ROLE),
    ("account/password", false, true, ANY_ROLE),
    ("account/sign-out-everywhere", false, true, ANY_ROLE),
    ("people", true, false, ADMIN),
    ("people/invite", false, true, ADMIN),
    ("people/grant", false, true, ADMIN),
    ("people/revoke", false, true, ADMIN),
    ("people/disable", false, true, ADMIN),
    ("people/enable", false, true, ADMIN),
    ("people/reset-totp", false, true, ADMIN),
    ("people/new-link", false, true, ADMIN),
    ("people/require-totp", false, true, ADMIN),
    ("programmes", true, false, ADMIN),
    ("organisations/create", false, true, ADMIN),
    ("organisations/rename", false, true, ADMIN),
    ("programmes/create", false, true, ADMIN),
    ("programmes/edit", true, false, ADMIN),
    ("helplines", true, false, ADMIN),
    ("helplines/add", false, true, ADMIN),
    ("helplines/save", false, true, ADMIN),
    ("helplines/verify", false, true, ADMIN),
    ("helplines/remove", false, true, ADMIN),
    ("questionnaires", true, false, ADMIN),
    ("questionnaires/edit", true, false, ADMIN),
    ("questionnaires/create", false, true, ADMIN),
    ("questionnaires/start", false, true, ADMIN),
    ("questionnaires/question/save", false, true, ADMIN),
    ("questionnaires/question/move", false, true, ADMIN),
    ("questionnaires/question/remove", false, true, ADMIN),
    ("questionnaires/question/add", false, true, ADMIN),
    ("questionnaires/signoff", false, true, ADMIN),
    ("questionnaires/publish", false, true, ADMIN),
    ("questionnaires/discard", false, true, ADMIN),
    ("questionnaires/import", false, true, ADMIN),
    ("questionnaires/export", false, true, ADMIN),
    ("retention", true, false, ADMIN),
    ("retention/save", false, true, ADMIN),
    ("programmes/edit/save", false, true, ADMIN),
    ("programmes/edit/text", false, true, ADMIN),
    ("programmes/edit/code", false, true, ADMIN),
    ("programmes/safety", true, false, ADMIN),
    ("programmes/safety/save", false, true, ADMIN),
    ("programmes/names", false, true, ADMIN),
    ("templates", true, false, ADMIN),
    ("codebook", true, false, ADMIN),
    ("codebook/add", false, true, ADMIN),
    ("codebook/label", false, true, ADMIN),
    ("codebook/unlabel", false, true, ADMIN),
    ("codebook/retire", false, true, ADMIN),
    ("templates/save", false, true, ADMIN),
    ("templates/delete", false, true, ADMIN),
    ("dashboards", true, false, ANY_ROLE),
    ("dashboards/export", false, true, DESIGNER),
    ("dashboards/report", true, false, ANY_ROLE),
    ("published", true, false, ANY_ROLE),
    ("actions", true, false, ANY_ROLE),
    ("actions/save", false, true, DESIGNER),
    ("actions/publish", false, true, DESIGNER),
    ("actions/delete", false, true, DESIGNER),
    ("actions/public", false, true, DESIGNER),
    ("audit", true, false, ADMIN),
    ("moderation", true, false, MODERATOR),
    ("moderation/queue", true, false, MODERATOR),
    ("moderation/submission", true, false, MODERATOR),
    ("moderation/move", false, true, MODERATOR),
    ("moderation/detail", false, true, MODERATOR),
    ("moderation/redact", false, true, MODERATOR),
    ("moderation/reply", false, true, MODERATOR),
    ("moderation/flag", false, true, MODERATOR),
    ("moderation/reply-correct", false, true, MODERATOR),
    ("moderation/codes", false, true, MODERATOR),
    ("moderation/code-words", false, true, MODERATOR),
    ("moderation/quotes", true, false, MODERATOR),
    ("moderation/summaries", true, false, MODERATOR),
    ("moderation/summary-draft", false, true, MODERATOR),
    ("moderation/summary-save", false, true, MODERATOR),
    ("moderation/summary-publish", false, true, MODERATOR),
    ("moderation/quote", false, true, MODERATOR),
    ("moderation/quote-remove", false, true, MODERATOR),
    ("moderation/uncode-words", false, true, MODERATOR),
    ("safeguarding", true, false, MODERATOR),
    ("safeguarding/case", true, false, MODERATOR),
    ("safeguarding/step", false, true, MODERATOR),
    ("safeguarding/reply", false, true, MODERATOR),
    ("safeguarding/reply-correct", false, true, MODERATOR),
];

fn url(rest: &str) -> String {
    if rest.is_empty() {
        "/en/staff".into()
    } else {
        format!("/en/staff/{rest}")
    }
}

async fn people(s: &TestServer) -> Vec<(Who, i64)> {
    let mut ids = Vec::new();
    for (who, email) in [
        (Who::Signed(Role::Admin), "admin@x.org"),
        (Who::Signed(Role::Moderator), "mod@x.org"),
        (Who::Signed(Role::Designer), "des@x.org"),
        (Who::Pending, "pending@x.org"),
    ] {
        let role = match who {
            Who::Signed(r) => r,
            _ => Role::Moderator,
        };
        let staff = s.db.create_staff(email, email, 1).await.unwrap();
        s.db.add_grant(staff.id, role.key(), None, None, 1).await.unwrap();
        // Signed in means past the second factor (admins and moderators must
        // have one); the half-signed-in person has yet to set one up.
        if who != Who::Pending {
            s.db.set_totp_secret(staff.id, Some("JBSWY3DPEHPK3PXP")).await.unwrap();
        }
        ids.push((who, staff.id));
    }
    ids
}

/// A fresh session for `who` (so no request's side effect touches another).
async fn cookie(s: &TestServer, ids: &[(Who, i64)], who: Who) -> Option<String> {
    let (_, id) = ids.iter().find(|(w, _)| *w == who)?;
    let token = session::new_token();
    s.db.create_session(
        &session::hash_token(&token),
        *id,
        chrono::Utc::now().timestamp(),
        who != Who::Pending,
    )
    .await
    .unwrap();
    Some(format!("siang_staff={token}"))
}

/// The gate's refusals: 401/403 with the sign-in-required or forbidden
/// code, or a redirect to where the caller must first go. A handler that ran
/// and refused the *input* (a wrong password, an empty form) is not a denial.
fn denied(status: u16, location: Option<&str>, body: &str) -> bool {
    let code = |c: &str| body.contains(&format!("data-code=\"{c}\""));
    (status == 403 && code("E-FORBIDDEN"))
        || (status == 401 && (code("E-SIGN-IN-REQUIRED") || code("E-SESSION-EXPIRED")))
        || (status == 303
            && location.is_some_and(|l| {
                [
                    "/en/staff/sign-in",
                    "/en/staff/sign-in?expired=1",
                    "/en/staff/second-factor",
                    "/en/staff/two-factor",
                ]
                .contains(&l)
            }))
}

#[tokio::test]
async fn every_page_and_action_allows_exactly_whom_the_matrix_says() {
    let s = crate::common::start().await;
    let ids = people(&s).await;

    // The table and the matrix list the same routes, as pages and actions alike.
    let mut table: Vec<(&str, bool, bool)> =
        STAFF_ROUTES.iter().map(|r| (r.path, r.page, r.action.is_some())).collect();
    let mut matrix: Vec<(&str, bool, bool)> = MATRIX.iter().map(|(p, g, a, _)| (*p, *g, *a)).collect();
    table.sort_unstable();
    matrix.sort_unstable();
    assert_eq!(table, matrix, "the route table and this test's matrix disagree: add the route here, by hand");
    // Every staff page the router serves is a page of the table.
    let router_pages: Vec<String> = leptos_axum::generate_route_list(app::App)
        .iter()
        .filter_map(|r| {
            r.path()
                .strip_prefix("/{lang}/staff")
                .or_else(|| r.path().strip_prefix("/:lang/staff"))
                .map(str::to_owned)
        })
        .map(|rest| rest.trim_start_matches('/').to_owned())
        .collect();
    assert!(router_pages.len() >= 9, "{router_pages:?}");
    for rest in &router_pages {
        assert!(routes::find(rest).is_some_and(|r| r.page), "router page /{rest} is not a page of the table");
    }

    let mut checked = 0;
    let mut failures = Vec::new();
    for (rest, get, post, may) in MATRIX {
        for (i, who) in CALLERS.into_iter().enumerate() {
            for method in ["GET", "POST"] {
                if (method == "GET" && !get) || (method == "POST" && !post) {
                    continue;
                }
                let mut req = if method == "GET" {
                    s.client.get(format!("{}{}", s.base, url(rest)))
                } else {
                    s.client
                        .post(format!("{}{}", s.base, url(rest)))
                        .header("content-type", "application/x-www-form-urlencoded")
                        .header("sec-fetch-site", "same-origin")
                        .body("")
                };
                if let Some(c) = cookie(&s, &ids, who).await {
                    req = req.header("cookie", c);
                }
                let res = req.send().await.unwrap();
                let status = res.status().as_u16();
                let location = res.headers().get("location").map(|v| v.to_str().unwrap().to_owned());
                let body = res.text().await.unwrap_or_default();
                assert!(status < 500, "{method} {} as {who:?}: {status}", url(rest));
                let allowed = !denied(status, location.as_deref(), &body);
                checked += 1;
                if allowed != may[i] {
                    failures.push(format!(
                        "{method} {} as {who:?}: status {status} {location:?}, expected allowed={}",
                        url(rest),
                        may[i]
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {checked} checks disagree:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(checked, 475, "28 pages and 67 actions, 5 callers each");
}

#[tokio::test]
async fn unknown_staff_paths_and_any_api_path_are_refused() {
    let s = crate::common::start().await;
    assert_eq!(s.get("/en/staff/not-a-page").await.status(), 404);
    // No server functions exist: every /api path is a translated 404, whatever is sent.
    for path in
        ["/api/youth/programme", "/api/youth/helplines", "/api/youth/poster", "/api/staff/people", "/api"]
    {
        for (ctype, body) in [
            ("application/x-www-form-urlencoded", "code=NOPE&locale=en"),
            ("application/json", "{\"code\":\"SAFE24\"}"),
            ("application/json", "[1,2,3]"),
            ("text/plain", ""),
        ] {
            let res = s
                .client
                .post(format!("{}{path}", s.base))
                .header("content-type", ctype)
                .header("sec-fetch-site", "same-origin")
                .header("accept-language", "km")
                .body(body)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 404, "{path} {ctype}");
            let html = res.text().await.unwrap();
            assert!(
                html.contains("data-code=\"E-NOT-FOUND\"") && html.contains("lang=\"km\""),
                "{path}: {html}"
            );
        }
        assert_eq!(s.get(path).await.status(), 404, "GET {path}");
    }
}

#[tokio::test]
async fn no_spelling_of_a_path_reaches_a_staff_page_past_the_gate() {
    let s = crate::common::start().await;
    for (rest, get, _, _) in MATRIX.iter().filter(|(_, get, _, may)| *get && !may[0]) {
        let _ = get;
        for spelling in [
            format!("/en/help/../staff/{rest}"),
            format!("/en/help/%2e%2e/staff/{rest}"),
            format!("/en/help/%2E%2e/staff/{rest}"),
            format!("/en/p/SAFE24/../../staff/{rest}"),
            format!("/en/./staff/{rest}"),
            format!("/en/st%61ff/{rest}"),
            format!("/en//staff/{rest}"),
            format!("/en/staff/{rest}/"),
            format!("/en/staff%2f{rest}"),
        ] {
            // Sent exactly as written (reqwest would resolve the dot segments).
            let (status, head) = crate::common::raw_get(&s, &spelling).await;
            let location = head
                .lines()
                .find_map(|l| l.strip_prefix("location: ").or_else(|| l.strip_prefix("Location: ")))
                .unwrap_or_default()
                .to_owned();
            let refused = status == 400 || status == 404;
            let to_canonical = status == 308 && location == url(rest);
            let to_sign_in = status == 303 && location.starts_with("/en/staff/sign-in");
            assert!(refused || to_canonical || to_sign_in, "{spelling}: {status} {location}");
            if to_canonical {
                let res = s.get(&location).await;
                assert_eq!(res.status(), 303, "{spelling} → {location} goes through the gate");
            }
        }
    }
}

#[tokio::test]
async fn an_organisation_admin_acts_only_within_the_organisation() {
    let s = crate::common::start().await;
    let safe = s.db.programme_by_code("SAFE24").await.unwrap().unwrap();
    let home = s.db.programme_by_code("HOME25").await.unwrap().unwrap();
    assert_ne!(safe.organisation_id, home.organisation_id);
    let mut org_admin = s.signed_in("orgadmin@x.org", Role::Admin, Some(safe.organisation_id), None).await;
    let (inside, _) = s.invite("inside@x.org", Role::Moderator, None, Some(safe.id)).await;
    let (outside, _) = s.invite("outside@x.org", Role::Moderator, None, Some(home.id)).await;
    let page = org_admin.browser.get(&s, "/en/staff/people").await;
    assert!(page.html.contains("inside@x.org"));
    assert!(!page.html.contains("outside@x.org"), "people of other organisations are not even listed");
    let denied =
        org_admin.browser.post(&s, "/en/staff/people/disable", &[("staff", &outside.to_string())]).await;
    assert_eq!(denied.error_codes(), vec!["E-FORBIDDEN"]);
    assert!(!s.db.staff(outside).await.unwrap().unwrap().disabled);
    let grant_elsewhere = org_admin
        .browser
        .post(
            &s,
            "/en/staff/people/grant",
            &[("staff", &inside.to_string()), ("role", "moderator"), ("programme", &home.id.to_string())],
        )
        .await;
    assert_eq!(
        grant_elsewhere.error_codes(),
        vec!["E-FORBIDDEN"],
        "cannot grant a programme of another organisation"
    );
    let ok = org_admin.browser.post(&s, "/en/staff/people/disable", &[("staff", &inside.to_string())]).await;
    assert_eq!(ok.location.as_deref(), Some("/en/staff/people?done=disabled"));
    assert!(s.db.staff(inside).await.unwrap().unwrap().disabled);
    let log =
        s.db.audit_entries(&siang_storage::AuditFilter {
            action: Some("staff_disabled".into()),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].actor_id, Some(org_admin.id));
    // The organisation's admin sees that entry (about one of its people,
    // with no programme) and the invitations, but nothing of the other organisation.
    let audit = org_admin.browser.get(&s, "/en/staff/audit").await;
    assert!(audit.html.contains("inside@x.org"), "actions on people of the organisation are shown");
    assert!(!audit.html.contains("outside@x.org"), "actions on other organisations' people are not");
}
