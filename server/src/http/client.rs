//! The opaque key standing for a client address in flood limits. The
//! address is hashed with a key that is random per process and never
//! stored; the address itself goes nowhere else (not logs, not the database).
use std::hash::BuildHasher;
use std::net::IpAddr;
use std::sync::LazyLock;

use app::security::limits::ClientKey;
use axum::http::HeaderMap;

use super::listener::Peer;

static PROCESS_KEY: LazyLock<std::collections::hash_map::RandomState> = LazyLock::new(Default::default);

/// Behind a trusted reverse proxy (`SIANG_TRUST_PROXY=1`) the proxy's last
/// `X-Forwarded-For` entry is the client; otherwise the socket peer is.
pub fn rate_limit_key(peer: Peer, headers: &HeaderMap, trust_proxy: bool) -> ClientKey {
    let forwarded = trust_proxy
        .then(|| {
            // rate limit key only: the address is hashed below and kept nowhere
            headers.get("x-forwarded-for")?.to_str().ok()?.rsplit(',').next()?.trim().parse::<IpAddr>().ok()
        })
        .flatten();
    ClientKey(PROCESS_KEY.hash_one(forwarded.unwrap_or(peer.ip())))
}
