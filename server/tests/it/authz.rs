//! The authorisation matrix: every staff route and server function the
//! router knows, for every kind of caller, allowed or denied exactly as the
//! tables in `app::model::staff_pages` say. A new endpoint without an entry
//! fails this test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::TestServer;
use app::api::auth::session;
use app::model::staff::Role;
use app::model::staff_pages::{server_fn_access, staff_route_access, Access, SERVER_FNS, STAFF_ROUTES};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Who {
    Anonymous,
    /// Past the password, not the second factor.
    Pending,
    Signed(Role),
}

fn expected(access: Access, who: Who) -> bool {
    use app::model::staff::role_permissions;
    match (access, who) {
        (Access::Public, _) => true,
        (Access::Pending, Who::Pending | Who::Signed(_)) => true,
        (Access::Signed(p), Who::Signed(r)) => role_permissions(r).contains(&p),
        _ => false,
    }
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
async fn every_endpoint_allows_exactly_whom_the_table_says() {
    let s = crate::common::start().await;
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
        ids.push((who, staff.id));
    }

    // Every staff page the router serves must be in the table.
    let routes = leptos_axum::generate_route_list(app::App);
    let mut gets: Vec<String> = Vec::new();
    for r in &routes {
        if let Some(rest) =
            r.path().strip_prefix("/{lang}/staff").or_else(|| r.path().strip_prefix("/:lang/staff"))
        {
            let rest = rest.trim_start_matches('/').to_owned();
            assert!(staff_route_access(&rest).is_some(), "staff page /{rest} has no entry in STAFF_ROUTES");
            gets.push(rest);
        }
    }
    assert!(gets.len() >= 8, "found the staff pages: {gets:?}");
    // Every server function must be in the table.
    let fns: Vec<(String, String)> =
        server_fn::axum::server_fn_paths().map(|(p, m)| (p.to_owned(), m.to_string())).collect();
    for (path, _) in &fns {
        assert!(server_fn_access(path).is_some(), "server function {path} has no entry in SERVER_FNS");
    }
    assert_eq!(fns.len(), SERVER_FNS.len(), "SERVER_FNS lists functions that do not exist");

    let callers = [
        Who::Anonymous,
        Who::Pending,
        Who::Signed(Role::Admin),
        Who::Signed(Role::Moderator),
        Who::Signed(Role::Designer),
    ];
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut requests: Vec<(String, &str, Access)> = Vec::new();
    for rest in &gets {
        requests.push((
            format!("/en/staff{}{rest}", if rest.is_empty() { "" } else { "/" }),
            "GET",
            staff_route_access(rest).unwrap(),
        ));
    }
    for (rest, access) in STAFF_ROUTES {
        requests.push((
            format!("/en/staff{}{rest}", if rest.is_empty() { "" } else { "/" }),
            "POST",
            *access,
        ));
    }
    for (path, method) in &fns {
        let m = if method == "GET" { "GET" } else { "POST" };
        requests.push((path.clone(), m, server_fn_access(path).unwrap()));
    }
    for (path, method, access) in &requests {
        for who in callers {
            let mut req = if *method == "GET" {
                s.client.get(format!("{}{path}", s.base))
            } else {
                s.client
                    .post(format!("{}{path}", s.base))
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
            let allowed = !denied(status, location.as_deref(), &body);
            checked += 1;
            if allowed != expected(*access, who) {
                failures.push(format!(
                    "{method} {path} as {who:?}: status {status} {location:?}, expected allowed={}",
                    expected(*access, who)
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} checks disagree with the table:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked > 150, "{checked} checks");
}

#[tokio::test]
async fn unknown_staff_paths_and_server_functions_are_refused() {
    let s = crate::common::start().await;
    assert_eq!(s.get("/en/staff/not-a-page").await.status(), 404);
    let res = s
        .client
        .post(format!("{}/api/staff/not-a-function", s.base))
        .header("sec-fetch-site", "same-origin")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
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
}
