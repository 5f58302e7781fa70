//! A staff member's browser for tests: keeps the session cookie, posts
//! forms, reads TOTP codes off the enrolment page like an authenticator app.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use app::model::staff::Role;
use app::security::auth::totp;
use scraper::{Html, Selector};

use super::journey::encode;
use super::TestServer;

pub struct Page {
    pub status: u16,
    pub location: Option<String>,
    pub set_cookie: Option<String>,
    pub html: String,
    pub headers: reqwest::header::HeaderMap,
}

impl Page {
    pub fn doc(&self) -> Html {
        Html::parse_document(&self.html)
    }

    pub fn input(&self, name: &str) -> Option<String> {
        let sel = Selector::parse(&format!("input[name={name}]")).unwrap();
        self.doc().select(&sel).next().and_then(|e| e.value().attr("value").map(str::to_owned))
    }

    pub fn text_of(&self, css: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap();
        self.doc().select(&sel).map(|e| e.text().collect::<String>()).collect()
    }

    pub fn error_codes(&self) -> Vec<String> {
        let sel = Selector::parse("[data-code]").unwrap();
        self.doc().select(&sel).map(|e| e.value().attr("data-code").unwrap().to_owned()).collect()
    }
}

#[derive(Clone, Default)]
pub struct Browser {
    pub cookie: Option<String>,
}

impl Browser {
    fn keep(&mut self, set_cookie: &Option<String>) {
        if let Some(c) = set_cookie {
            let pair = c.split(';').next().unwrap().to_owned();
            self.cookie = if pair.ends_with('=') { None } else { Some(pair) };
        }
    }

    pub async fn get(&mut self, s: &TestServer, path: &str) -> Page {
        let mut req = s.client.get(format!("{}{path}", s.base));
        if let Some(c) = &self.cookie {
            req = req.header("cookie", c);
        }
        self.finish(req).await
    }

    pub async fn post(&mut self, s: &TestServer, path: &str, fields: &[(&str, &str)]) -> Page {
        let fields: Vec<(String, String)> = fields.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect();
        let mut req = s
            .client
            .post(format!("{}{path}", s.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .body(encode(&fields));
        if let Some(c) = &self.cookie {
            req = req.header("cookie", c);
        }
        self.finish(req).await
    }

    async fn finish(&mut self, req: reqwest::RequestBuilder) -> Page {
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let location = headers.get("location").map(|v| v.to_str().unwrap().to_owned());
        let set_cookie = headers.get("set-cookie").map(|v| v.to_str().unwrap().to_owned());
        self.keep(&set_cookie);
        Page { status, location, set_cookie, html: res.text().await.unwrap(), headers }
    }
}

pub const PASSWORD: &str = "correct horse battery staple 1987";

/// The current TOTP code for a base32 secret.
pub fn code(secret: &str) -> String {
    let now = chrono::Utc::now().timestamp();
    totp::code_at(&totp::unbase32(secret).unwrap(), now / 30).unwrap()
}

/// The TOTP code at the server's (possibly moved) time.
pub fn code_at_server(s: &TestServer, secret: &str) -> String {
    totp::code_at(&totp::unbase32(secret).unwrap(), s.clock.now() / 30).unwrap()
}

pub struct Account {
    pub id: i64,
    pub email: String,
    pub secret: Option<String>,
    pub browser: Browser,
}

impl TestServer {
    pub async fn state(&self) -> app::state::AppState {
        self.state.clone()
    }

    /// A one-time link token, as `siang staff add` prints it.
    pub async fn invite(
        &self,
        email: &str,
        role: Role,
        org: Option<i64>,
        programme: Option<i64>,
    ) -> (i64, String) {
        let staff = self.db.create_staff(email, email.split('@').next().unwrap(), 1).await.unwrap();
        self.db.add_grant(staff.id, role.key(), org, programme, 1).await.unwrap();
        let token = app::security::auth::tokens::mint(&self.state().await, staff.id).await.unwrap();
        (staff.id, token)
    }

    /// Invites, sets the password, signs in and (where the role needs it) enrols TOTP.
    pub async fn signed_in(
        &self,
        email: &str,
        role: Role,
        org: Option<i64>,
        programme: Option<i64>,
    ) -> Account {
        let (id, token) = self.invite(email, role, org, programme).await;
        let mut b = Browser::default();
        let r = b
            .post(
                self,
                "/en/staff/set-password",
                &[("token", &token), ("password", PASSWORD), ("confirm", PASSWORD)],
            )
            .await;
        assert_eq!(r.status, 303, "{:?}", r.error_codes());
        let r = b.post(self, "/en/staff/sign-in", &[("email", email), ("password", PASSWORD)]).await;
        assert_eq!(r.status, 303, "{:?}", r.error_codes());
        let mut secret = None;
        if r.location.as_deref() == Some("/en/staff/two-factor") {
            let page = b.get(self, "/en/staff/two-factor").await;
            let s = page.text_of("code.secret").pop().unwrap();
            let sealed = page.input("sealed").unwrap();
            let done = b
                .post(
                    self,
                    "/en/staff/two-factor",
                    &[("sealed", &sealed), ("code", &code_at_server(self, &s))],
                )
                .await;
            assert_eq!(done.status, 200, "{:?}", done.error_codes());
            secret = Some(s);
        }
        Account { id, email: email.into(), secret, browser: b }
    }
}
