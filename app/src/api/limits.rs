//! Flood protection without identity. Counters live only in this process's
//! memory, for minutes, keyed by a keyed hash of the client address (the
//! address itself is never kept, logged or written anywhere). Several
//! processes each count on their own; that only makes abuse harder, never
//! changes what is stored.
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What a request is counted as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Bucket {
    Submit,
    ReceiptFailure,
    SignInFailure,
}

/// Opaque per-process key standing for a client address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct ClientKey(pub u64);

/// (bucket, client or everyone) → (window start, count)
type Counts = HashMap<(Bucket, Option<ClientKey>), (Instant, u32)>;

pub struct Limits {
    window: Duration,
    per_client: HashMap<Bucket, u32>,
    global: HashMap<Bucket, u32>,
    counts: Mutex<Counts>,
}

impl Limits {
    /// `submit_per_client` is generous: a class in one shelter shares one address.
    pub fn new(window: Duration, submit_per_client: u32, sign_in_failures_per_client: u32) -> Limits {
        Limits {
            window,
            per_client: HashMap::from([
                (Bucket::Submit, submit_per_client),
                (Bucket::ReceiptFailure, 10),
                (Bucket::SignInFailure, sign_in_failures_per_client),
            ]),
            global: HashMap::from([
                (Bucket::ReceiptFailure, 300),
                (Bucket::SignInFailure, 500.max(sign_in_failures_per_client)),
            ]),
            counts: Mutex::new(HashMap::new()),
        }
    }

    /// Whether `client` may do one more of `bucket` now (does not count it).
    pub fn allows(&self, bucket: Bucket, client: ClientKey) -> bool {
        let now = Instant::now();
        let Ok(counts) = self.counts.lock() else { return true };
        let used = |key| {
            counts
                .get(&key)
                .filter(|(start, _)| now.duration_since(*start) < self.window)
                .map_or(0, |(_, n)| *n)
        };
        let client_ok = self.per_client.get(&bucket).is_none_or(|max| used((bucket, Some(client))) < *max);
        let global_ok = self.global.get(&bucket).is_none_or(|max| used((bucket, None)) < *max);
        client_ok && global_ok
    }

    /// Counts one event for `client` (and globally).
    pub fn count(&self, bucket: Bucket, client: ClientKey) {
        let now = Instant::now();
        let Ok(mut counts) = self.counts.lock() else { return };
        if counts.len() > 100_000 {
            counts.retain(|_, (start, _)| now.duration_since(*start) < self.window);
        }
        for key in [(bucket, Some(client)), (bucket, None)] {
            let entry = counts.entry(key).or_insert((now, 0));
            if now.duration_since(entry.0) >= self.window {
                *entry = (now, 0);
            }
            entry.1 += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_each_client_and_everyone_together() {
        let l = Limits::new(Duration::from_secs(600), 3, 20);
        let (a, b) = (ClientKey(1), ClientKey(2));
        for _ in 0..3 {
            assert!(l.allows(Bucket::Submit, a));
            l.count(Bucket::Submit, a);
        }
        assert!(!l.allows(Bucket::Submit, a));
        assert!(l.allows(Bucket::Submit, b), "another client is not affected");
        for i in 0..300 {
            l.count(Bucket::ReceiptFailure, ClientKey(100 + i));
        }
        assert!(!l.allows(Bucket::ReceiptFailure, ClientKey(9999)), "global cap on wrong receipts");
    }

    #[test]
    fn windows_expire() {
        let l = Limits::new(Duration::from_millis(1), 1, 20);
        l.count(Bucket::Submit, ClientKey(1));
        std::thread::sleep(Duration::from_millis(5));
        assert!(l.allows(Bucket::Submit, ClientKey(1)));
    }
}
