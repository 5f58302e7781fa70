//! Security headers on every response. Pages carry a Content-Security-Policy
//! with the request's nonce (set by the app's shell); everything else gets a
//! policy that allows no script at all. The same list goes onto the answers
//! hyper writes by itself (see `http::listener`).
use std::sync::Arc;

use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use axum::Extension;

use crate::config::ServerConfig;

pub const NO_SCRIPT_CSP: &str =
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
     frame-ancestors 'none'; base-uri 'none'";

const PERMISSIONS: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// Headers every response gets, whatever the handler set.
fn fixed(tls: bool) -> Vec<(HeaderName, &'static str)> {
    let mut h = vec![
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        // same-origin, not no-referrer: no-JS form redirects rely on a same-origin Referer.
        (header::REFERRER_POLICY, "same-origin"),
        (HeaderName::from_static("permissions-policy"), PERMISSIONS),
        (header::X_FRAME_OPTIONS, "DENY"),
        (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
    ];
    if tls {
        h.push((header::STRICT_TRANSPORT_SECURITY, HSTS));
    }
    h
}

/// Headers a response gets unless its handler chose its own: no script, and
/// no copy kept anywhere (a shared phone keeps nothing; only `/pkg` files,
/// which set their own, may be cached).
fn defaults() -> [(HeaderName, &'static str); 2] {
    [(header::CONTENT_SECURITY_POLICY, NO_SCRIPT_CSP), (header::CACHE_CONTROL, "no-store")]
}

/// All of them as raw HTTP/1 header lines, for answers written below axum.
pub fn raw_lines(tls: bool) -> Arc<[u8]> {
    let mut out = Vec::new();
    for (name, value) in defaults().into_iter().chain(fixed(tls)) {
        out.extend_from_slice(name.as_str().as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.into()
}

pub async fn headers(Extension(cfg): Extension<Arc<ServerConfig>>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    for (name, value) in defaults() {
        if !h.contains_key(&name) {
            h.insert(name, HeaderValue::from_static(value));
        }
    }
    for (name, value) in fixed(cfg.app.tls()) {
        h.insert(name, HeaderValue::from_static(value));
    }
    res
}

#[cfg(test)]
mod tests {
    #[test]
    fn raw_lines_name_every_header() {
        let raw = String::from_utf8(super::raw_lines(true).to_vec()).unwrap_or_default();
        for name in [
            "content-security-policy: default-src 'none'",
            "cache-control: no-store",
            "x-content-type-options: nosniff",
            "referrer-policy: same-origin",
            "x-frame-options: DENY",
            "strict-transport-security: ",
        ] {
            assert!(raw.contains(name), "{name} in {raw}");
        }
        assert!(raw.ends_with("\r\n") && !raw.contains("\r\n\r\n"));
    }
}
