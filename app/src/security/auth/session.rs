//! Staff sessions: random 256-bit tokens in a cookie, kept in the database
//! only as SHA-256 (so several server processes share them and a database
//! copy holds no usable token). Idle and absolute timeouts; a new token at
//! every step up (password → second factor) and on every privilege change.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use siang_storage::SessionRow;

use crate::security::secrets::random_bytes;

/// The cookie's name: `__Host-` (Secure, Path=/, no Domain) when the portal
/// is served over TLS; a plain name over plain HTTP, where browsers refuse
/// `__Host-` cookies.
pub fn cookie_name(tls: bool) -> &'static str {
    if tls {
        "__Host-siang"
    } else {
        "siang_staff"
    }
}

pub fn new_token() -> String {
    URL_SAFE_NO_PAD.encode(random_bytes::<32>())
}

pub fn hash_token(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

pub fn set_cookie(token: &str, tls: bool) -> String {
    let secure = if tls { "; Secure" } else { "" };
    format!("{}={token}; Path=/; HttpOnly; SameSite=Strict{secure}", cookie_name(tls))
}

pub fn clear_cookie(tls: bool) -> String {
    let secure = if tls { "; Secure" } else { "" };
    format!("{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict{secure}", cookie_name(tls))
}

/// The session token from a `Cookie` header (parsed by the `cookie` crate).
pub fn token_from(cookie_header: &str, tls: bool) -> Option<String> {
    let name = cookie_name(tls);
    cookie::Cookie::split_parse(cookie_header)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
        .filter(|v| !v.is_empty() && v.len() < 100)
}

/// Whether a session is still alive at `now`.
pub fn alive(s: &SessionRow, now: i64, idle_secs: i64, absolute_secs: i64) -> bool {
    now - s.last_seen_at < idle_secs && now - s.created_at < absolute_secs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_strict_and_host_bound_under_tls() {
        let c = set_cookie("abc", true);
        assert_eq!(c, "__Host-siang=abc; Path=/; HttpOnly; SameSite=Strict; Secure");
        assert_eq!(token_from("a=1; __Host-siang=abc; b=2", true).as_deref(), Some("abc"));
        assert_eq!(token_from("siang_staff=abc", true), None);
        assert_eq!(token_from("x=\"1;2\"; __Host-siang=abc", true).as_deref(), Some("abc"));
        assert_eq!(token_from("__Host-siang=", true), None);
        assert!(clear_cookie(false).contains("Max-Age=0"));
        let s = SessionRow {
            id_hash: String::new(),
            staff_id: 1,
            created_at: 0,
            last_seen_at: 1000,
            verified: true,
        };
        assert!(alive(&s, 1000 + 1799, 1800, 43200));
        assert!(!alive(&s, 1000 + 1800, 1800, 43200), "idle");
        assert!(!alive(&s, 43200, 100_000, 43200), "absolute");
    }
}
