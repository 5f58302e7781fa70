//! One spelling per page, decided before anything routes a request.
//!
//! The staff gate looks at the path, the router at the path, and the two
//! must agree on what it is: `/en/help/../staff/people` or
//! `/en/st%61ff/people` must not reach a staff page past a gate that read
//! them as something else. So, first of all layers:
//! - request targets that are not a path (`CONNECT host:port`,
//!   `GET host:port`, `OPTIONS *`) are refused with 400;
//! - dot segments (`.`, `..`, in any percent-encoded spelling), encoded
//!   slashes and backslashes and encoded control characters are refused with
//!   400 (browsers resolve dot segments before sending, so only hand-made
//!   requests carry them);
//! - any other second spelling of a path — a trailing slash, `//`,
//!   percent-encoded letters or digits, a language tag in other letter case —
//!   is answered with a 308 redirect to
//!   the one canonical spelling (same method, same body, query kept), so a
//!   poster's or a person's `/km/` still lands on `/km`.
use app::model::AppError;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error_page::{error_page, locale_of};

#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Canonical,
    Refuse,
    /// The canonical path (without the query).
    Redirect(String),
}

fn unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// One segment with percent-encoded unreserved characters decoded (the
/// URI spec says they mean the same), or `None` when it hides something a
/// path segment must not carry.
fn canonical_segment(seg: &str) -> Option<String> {
    let bytes = seg.as_bytes();
    let mut out = String::with_capacity(seg.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let decoded =
                match (bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
                    (Some(h), Some(l)) => h * 16 + l,
                    _ => return None,
                };
            if decoded < 0x20 || decoded == 0x7f || decoded == b'/' || decoded == b'\\' {
                return None;
            }
            if unreserved(decoded) {
                out.push(decoded as char);
            } else {
                out.push_str(&seg[i..i + 3].to_ascii_uppercase());
            }
            i += 3;
            continue;
        }
        if b == b'\\' || b < 0x20 || b == 0x7f {
            return None;
        }
        // Not a '%': copy the whole (possibly multi-byte) character.
        let ch_len = seg[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&seg[i..i + ch_len]);
        i += ch_len;
    }
    if out == "." || out == ".." {
        return None;
    }
    Some(out)
}

pub fn verdict(path: &str) -> Verdict {
    if !path.starts_with('/') {
        return Verdict::Refuse;
    }
    let mut segments = Vec::new();
    for seg in path.split('/').skip(1) {
        if seg.is_empty() {
            continue;
        }
        match canonical_segment(seg) {
            Some(s) => segments.push(s),
            None => return Verdict::Refuse,
        }
    }
    // The language in its own spelling (`/KM/` → `/km`, `/zh-hans` → `/zh-Hans`).
    if let Some(first) = segments.first_mut() {
        if let Some(locale) = app::i18n::Locale::from_tag(first) {
            *first = locale.tag().to_owned();
        }
    }
    let canonical = format!("/{}", segments.join("/"));
    if canonical == path {
        Verdict::Canonical
    } else {
        Verdict::Redirect(canonical)
    }
}

/// 400, with the translated "something was not right" page.
fn bad_request(path: &str, headers: &axum::http::HeaderMap) -> Response {
    let mut res = error_page(&AppError::BadRequest, locale_of(path, headers));
    *res.status_mut() = StatusCode::BAD_REQUEST;
    res
}

pub async fn canonical(req: Request, next: Next) -> Response {
    // leptos_axum reads the path and query with `unwrap`: a request without
    // one must never reach it.
    let Some(path_and_query) = req.uri().path_and_query().cloned() else {
        return bad_request("", req.headers());
    };
    if req.method() == Method::CONNECT {
        return bad_request("", req.headers());
    }
    match verdict(path_and_query.path()) {
        Verdict::Canonical => next.run(req).await,
        Verdict::Refuse => bad_request(path_and_query.path(), req.headers()),
        Verdict::Redirect(to) => {
            let to = match path_and_query.query() {
                Some(q) => format!("{to}?{q}"),
                None => to,
            };
            let mut res = StatusCode::PERMANENT_REDIRECT.into_response();
            match HeaderValue::from_str(&to) {
                Ok(v) => {
                    res.headers_mut().insert(header::LOCATION, v);
                    res
                }
                Err(_) => bad_request(path_and_query.path(), req.headers()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Verdict::*;
    use super::*;

    #[test]
    fn one_spelling_per_path() {
        for ok in ["/", "/km", "/km/p/SAFE24", "/en/staff/people", "/my/%E1%80%80", "/a%20b"] {
            assert_eq!(verdict(ok), Canonical, "{ok}");
        }
        for (from, to) in [
            ("/km/", "/km"),
            ("/km/help/", "/km/help"),
            ("//km//p/SAFE24/", "/km/p/SAFE24"),
            ("//evil.example/x", "/evil.example/x"),
            ("/en/st%61ff/people", "/en/staff/people"),
            ("/en/STAFF%2Dx", "/en/STAFF-x"),
            ("/KM/p/SAFE24", "/km/p/SAFE24"),
            ("/zh-hans/staff/people", "/zh-Hans/staff/people"),
            ("/a%2fb%20", "/a%2fb%20"),
        ] {
            if from == "/a%2fb%20" {
                assert_eq!(verdict(from), Refuse, "encoded slash");
                continue;
            }
            assert_eq!(verdict(from), Redirect(to.into()), "{from}");
        }
        assert_eq!(verdict("/my/%e1%80%80"), Redirect("/my/%E1%80%80".into()), "one case for escapes");
        for bad in [
            "/en/help/../staff/people",
            "/en/help/%2e%2e/staff/people",
            "/en/help/%2E%2e/staff",
            "/en/help/.%2E/staff",
            "/en/./staff",
            "/en/%2e/staff",
            "/en/p/SAFE24/../../staff/people",
            "/en/a%5cb",
            "/en/a%00b",
            "/en/a%0ab",
            "/en/%zz",
            "127.0.0.1:3000",
            "*",
        ] {
            assert_eq!(verdict(bad), Refuse, "{bad}");
        }
    }
}
