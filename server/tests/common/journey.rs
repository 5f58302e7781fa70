//! A young person's browser without JavaScript, as a test helper: posts the
//! journey form and reads the hidden fields back, as a browser would.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use scraper::{Html, Selector};

use super::TestServer;

#[derive(Clone)]
pub struct Reply {
    pub status: u16,
    pub html: String,
    pub set_cookie: bool,
    pub cache_control: String,
}

impl Reply {
    pub fn doc(&self) -> Html {
        Html::parse_document(&self.html)
    }

    /// Every hidden field of the journey form, in order.
    pub fn hidden(&self) -> Vec<(String, String)> {
        let sel = Selector::parse("form#journey input[type=hidden]").unwrap();
        self.doc()
            .select(&sel)
            .map(|e| {
                (e.value().attr("name").unwrap().to_owned(), e.value().attr("value").unwrap_or("").to_owned())
            })
            .collect()
    }

    /// What a browser would post: hidden fields, checked choices and text areas.
    pub fn browser_fields(&self) -> Vec<(String, String)> {
        let mut fields = self.hidden();
        let doc = self.doc();
        let checked = Selector::parse("form#journey input[checked]:not([type=hidden])").unwrap();
        for e in doc.select(&checked) {
            let v = e.value();
            fields.push((v.attr("name").unwrap().to_owned(), v.attr("value").unwrap_or("on").to_owned()));
        }
        let areas = Selector::parse("form#journey textarea").unwrap();
        for e in doc.select(&areas) {
            fields.push((e.value().attr("name").unwrap().to_owned(), e.text().collect()));
        }
        fields
    }

    pub fn field(&self, name: &str) -> Option<String> {
        self.hidden().into_iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// Question ids shown as inputs on this screen.
    pub fn questions(&self) -> Vec<i64> {
        let sel =
            Selector::parse("form#journey fieldset input:not([type=hidden]), form#journey textarea").unwrap();
        let mut ids: Vec<i64> = self
            .doc()
            .select(&sel)
            .filter_map(|e| e.value().attr("name")?.strip_prefix('q')?.parse().ok())
            .collect();
        ids.dedup();
        ids
    }

    pub fn receipt(&self) -> Option<String> {
        let sel = Selector::parse(".receipt-code").unwrap();
        self.doc().select(&sel).next().map(|e| e.text().collect())
    }

    pub fn error_codes(&self) -> Vec<String> {
        let sel = Selector::parse("[data-code]").unwrap();
        self.doc().select(&sel).map(|e| e.value().attr("data-code").unwrap().to_owned()).collect()
    }

    pub fn textarea(&self, question: i64) -> Option<String> {
        let sel = Selector::parse(&format!("textarea[name=q{question}]")).unwrap();
        self.doc().select(&sel).next().map(|e| e.text().collect())
    }
}

pub fn encode(fields: &[(String, String)]) -> String {
    fields.iter().map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v))).collect::<Vec<_>>().join("&")
}

pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl TestServer {
    pub async fn post_raw(&self, path: &str, body: Vec<u8>) -> Reply {
        let res = self
            .client
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .body(body)
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        let set_cookie = res.headers().get("set-cookie").is_some();
        let cache_control =
            res.headers().get("cache-control").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
        Reply { status, html: res.text().await.unwrap(), set_cookie, cache_control }
    }

    pub async fn post_form(&self, path: &str, fields: &[(String, String)]) -> Reply {
        self.post_raw(path, encode(fields).into_bytes()).await
    }

    pub async fn consent(&self, lang: &str, code: &str) -> Reply {
        self.post_form(&format!("/{lang}/p/{code}/answer"), &[("consent".into(), "yes".into())]).await
    }

    /// Posts the page as a browser would, with `answers` replacing what the
    /// page had for those questions, and the `go` button pressed.
    pub async fn step(
        &self,
        lang: &str,
        code: &str,
        page: &Reply,
        answers: &[(String, String)],
        go: &str,
    ) -> Reply {
        let mut fields = page.browser_fields();
        fields.retain(|(n, _)| !answers.iter().any(|(a, _)| a == n));
        fields.extend(answers.iter().cloned());
        fields.push(("go".into(), go.into()));
        self.post_form(&format!("/{lang}/p/{code}/answer"), &fields).await
    }
}

pub fn q(id: i64, value: &str) -> (String, String) {
    (format!("q{id}"), value.to_owned())
}
