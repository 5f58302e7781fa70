//! Refuses state-changing requests that come from another origin (CSRF),
//! for forms with and without JavaScript alike.
//! An `Origin` header, when present, decides: it must be ours, whatever
//! `Sec-Fetch-Site` claims. Without one, `Sec-Fetch-Site` must say
//! same-origin (or none: typed by the person). Without either, a `Referer`
//! (an old browser that sends neither) must be ours. Requests with none of
//! them (non-browser clients) carry no ambient credentials a forger could
//! borrow and are let through.
use std::sync::Arc;

use app::model::AppError;
use axum::extract::Request;
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::Response;
use axum::Extension;

use super::error_page::{error_page, locale_of};
use crate::config::ServerConfig;

pub fn same_origin(headers: &HeaderMap, public_origin: Option<&str>) -> bool {
    let ours = |origin: &str| match public_origin {
        Some(expected) => origin == expected,
        None => {
            let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
            origin.split_once("://").is_some_and(|(scheme, rest)| {
                matches!(scheme, "http" | "https") && !host.is_empty() && rest == host
            })
        }
    };
    if let Some(origin) = headers.get(header::ORIGIN) {
        return origin.to_str().is_ok_and(ours);
    }
    match headers.get("sec-fetch-site").map(|v| v.to_str()) {
        Some(Ok(site)) => matches!(site, "same-origin" | "none"),
        Some(Err(_)) => false,
        None => match headers.get(header::REFERER).map(|v| v.to_str()) {
            // The page's origin: scheme://host[:port], up to the path.
            Some(Ok(referer)) => {
                let after_scheme = referer.find("://").map_or(0, |i| i + 3);
                let end =
                    referer[after_scheme..].find(['/', '?', '#']).map_or(referer.len(), |i| after_scheme + i);
                ours(&referer[..end])
            }
            Some(Err(_)) => false,
            None => true,
        },
    }
}

pub async fn refuse_cross_origin(
    Extension(cfg): Extension<Arc<ServerConfig>>,
    req: Request,
    next: Next,
) -> Response {
    let changes_state = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if changes_state && !same_origin(req.headers(), cfg.app.public_origin.as_deref()) {
        tracing::info!("refused a cross-origin post");
        return error_page(&AppError::ForeignOrigin, locale_of(req.uri().path(), req.headers()));
    }
    next.run(req).await
}

/// The body-limit layer answers 413 in plain English, and the router a
/// wrong method with an empty 405: answer both in the visitor's language.
pub async fn translate_bare_errors(req: Request, next: Next) -> Response {
    let (path, headers) = (req.uri().path().to_owned(), req.headers().clone());
    let res = next.run(req).await;
    match res.status() {
        axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
            error_page(&AppError::TooLarge, locale_of(&path, &headers))
        }
        axum::http::StatusCode::METHOD_NOT_ALLOWED => {
            let mut page = error_page(&AppError::BadRequest, locale_of(&path, &headers));
            *page.status_mut() = axum::http::StatusCode::METHOD_NOT_ALLOWED;
            if let Some(allow) = res.headers().get(axum::http::header::ALLOW) {
                page.headers_mut().insert(axum::http::header::ALLOW, allow.clone());
            }
            page
        }
        _ => res,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap_or_else(|_| axum::http::HeaderValue::from_static("")));
        }
        h
    }

    #[test]
    fn decides_by_fetch_metadata_then_origin() {
        assert!(same_origin(&headers(&[("sec-fetch-site", "same-origin")]), None));
        assert!(!same_origin(&headers(&[("sec-fetch-site", "cross-site")]), None));
        assert!(!same_origin(&headers(&[("sec-fetch-site", "same-site")]), None));
        assert!(same_origin(&headers(&[("origin", "http://a.test:3000"), ("host", "a.test:3000")]), None));
        assert!(!same_origin(&headers(&[("origin", "http://evil.test"), ("host", "a.test:3000")]), None));
        assert!(!same_origin(&headers(&[("origin", "null"), ("host", "a.test")]), None));
        assert!(same_origin(&headers(&[("origin", "https://siang.org")]), Some("https://siang.org")));
        assert!(!same_origin(&headers(&[("origin", "http://siang.org")]), Some("https://siang.org")));
        assert!(same_origin(&headers(&[]), None), "non-browser clients");
        // An old browser that sends neither Origin nor Sec-Fetch-Site: its Referer decides.
        assert!(!same_origin(&headers(&[("referer", "http://evil.test/form"), ("host", "a.test")]), None));
        assert!(!same_origin(&headers(&[("referer", "http://a.test.evil.test/"), ("host", "a.test")]), None));
        assert!(!same_origin(&headers(&[("referer", "garbage"), ("host", "a.test")]), None));
        assert!(same_origin(
            &headers(&[("referer", "http://a.test:3000/en/p/X?y=1"), ("host", "a.test:3000")]),
            None
        ));
        assert!(same_origin(&headers(&[("referer", "https://siang.org/en/r")]), Some("https://siang.org")));
        assert!(!same_origin(
            &headers(&[("referer", "https://siang.org.evil.test/")]),
            Some("https://siang.org")
        ));
        assert!(same_origin(&headers(&[("sec-fetch-site", "none")]), None), "typed by the person");
        assert!(
            !same_origin(
                &headers(&[("sec-fetch-site", "none"), ("origin", "http://evil.test"), ("host", "a.test")]),
                None
            ),
            "a foreign Origin decides, whatever Sec-Fetch-Site says"
        );
        assert!(!same_origin(
            &headers(&[
                ("sec-fetch-site", "same-origin"),
                ("origin", "http://evil.test"),
                ("host", "a.test")
            ]),
            None
        ),);
        assert!(!same_origin(&headers(&[("origin", "http://a.test")]), None), "no Host to compare with");
    }
}
