//! The accept loop. axum's own `serve` sets no timers on hyper, so a
//! connection that never finishes its request headers, or sits idle after
//! one request, stays open for ever, and one address could hold every file
//! descriptor the server has. Here hyper gets a timer and a deadline for
//! each request's headers (which also bounds idle keep-alive), every
//! address may hold a bounded number of connections at once, and a
//! shutdown signal stops accepting and lets requests in flight finish.
use std::collections::HashMap;
use std::future::Future;
use std::hash::BuildHasher;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::connect_info::ConnectInfo;
use axum::serve::Listener;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tower::ServiceExt;

use super::listener::{Peer, PrivateListener};

/// How long a connection may take to send a request's headers, idle time
/// before the next request included (hyper starts the clock when it waits
/// for one), and how many connections one address may hold open at once
/// (`None` behind a reverse proxy, whose one address carries everyone).
#[derive(Clone, Copy, Debug)]
pub struct ConnectionLimits {
    pub header_deadline: Duration,
    pub per_address: Option<usize>,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        // A shelter's whole class shares one address; a browser opens about six.
        ConnectionLimits { header_deadline: Duration::from_secs(20), per_address: Some(256) }
    }
}
/// How long requests in flight may take to finish after a shutdown signal.
const DRAIN: Duration = Duration::from_secs(20);

/// Open connections per address, kept as a keyed hash (never the address).
#[derive(Clone, Default)]
struct Counts {
    key: Arc<std::collections::hash_map::RandomState>,
    open: Arc<Mutex<HashMap<u64, usize>>>,
}

struct Slot {
    counts: Counts,
    key: u64,
}

impl Counts {
    fn take(&self, peer: Peer, limit: Option<usize>) -> Option<Slot> {
        let key = self.key.hash_one(peer.ip());
        let mut open = self.open.lock().ok()?;
        let n = open.entry(key).or_insert(0);
        if limit.is_some_and(|l| *n >= l) {
            return None;
        }
        *n += 1;
        Some(Slot { counts: self.clone(), key })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        if let Ok(mut open) = self.counts.open.lock() {
            if let Some(n) = open.get_mut(&self.key) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    open.remove(&self.key);
                }
            }
        }
    }
}

/// Serves `router` until `shutdown` resolves.
pub async fn serve(
    mut listener: PrivateListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) {
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder.http1().timer(TokioTimer::new()).header_read_timeout(limits.header_deadline);
    builder.http2().timer(TokioTimer::new()).keep_alive_interval(Some(limits.header_deadline));
    let graceful = GracefulShutdown::new();
    let counts = Counts::default();
    tokio::pin!(shutdown);
    loop {
        let (io, peer) = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let Some(slot) = counts.take(peer, limits.per_address) else {
            // Over the limit: the connection is closed unanswered.
            drop(io);
            continue;
        };
        let service = router.clone().map_request(move |req: http::Request<Incoming>| {
            let mut req = req.map(axum::body::Body::new);
            req.extensions_mut().insert(ConnectInfo(peer));
            req
        });
        let conn =
            builder.serve_connection_with_upgrades(TokioIo::new(io), TowerToHyperService::new(service));
        let conn = graceful.watch(conn.into_owned());
        tokio::spawn(async move {
            // Errors here are the client's (reset, timed out): nothing to log.
            let _ = conn.await;
            drop(slot);
        });
    }
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(DRAIN) => tracing::warn!("shutting down with requests still in flight"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_address_holds_a_bounded_number_of_connections() {
        let counts = Counts::default();
        let a = Peer::for_tests("203.0.113.1:1");
        let b = Peer::for_tests("203.0.113.2:1");
        let held: Vec<Slot> = (0..3).filter_map(|_| counts.take(a, Some(3))).collect();
        assert_eq!(held.len(), 3);
        assert!(counts.take(a, Some(3)).is_none(), "a fourth from the same address");
        assert!(counts.take(b, Some(3)).is_some(), "another address is not affected");
        drop(held);
        assert!(counts.take(a, Some(3)).is_some(), "closing connections frees their places");
        let many: Vec<Slot> = (0..1000).filter_map(|_| counts.take(a, None)).collect();
        assert_eq!(many.len(), 1000, "no limit behind a proxy");
    }
}
