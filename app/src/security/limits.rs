//! Flood protection without identity. Counters live only in this process's
//! memory, for minutes, keyed by a keyed hash of the client address (the
//! address itself is never kept, logged or written anywhere). Several
//! processes each count on their own; that only makes abuse harder, never
//! changes what is stored.
//!
//! Per-address limits are generous: a class of children in one shelter
//! shares one address, and one child's typos must not lock out the others.
//! What protects the machine from a flood of receipt guesses is a budget of
//! slow receipt hashes for everyone together, refilled every second; a
//! 59-bit receipt behind that budget cannot be guessed in any lifetime. Every
//! look-up, right or wrong, also counts against its address, so that no one
//! address can spend everyone's budget.
use std::collections::HashMap;
use std::sync::Mutex;

use crate::clock::Clock;

/// What a request is counted as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Bucket {
    Submit,
    /// A receipt look-up (one slow hash), found or not.
    ReceiptLookup,
    SignInFailure,
}

/// Opaque per-process key standing for a client address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct ClientKey(pub u64);

/// How many of each a client (or everyone) may do in one window.
#[derive(Clone, Debug)]
pub struct LimitSettings {
    pub window_secs: i64,
    pub submit_per_client: u32,
    pub receipt_lookups_per_client: u32,
    pub sign_in_failures_per_client: u32,
    pub sign_in_failures_global: u32,
    /// Receipt look-ups (slow hashes) per minute for everyone together.
    pub receipt_hashes_per_minute: u32,
}

impl Default for LimitSettings {
    fn default() -> Self {
        LimitSettings {
            window_secs: 600,
            submit_per_client: 300,
            receipt_lookups_per_client: 300,
            sign_in_failures_per_client: 20,
            sign_in_failures_global: 500,
            receipt_hashes_per_minute: 1200,
        }
    }
}

/// (bucket, client or everyone) → (window start ms, count)
type Counts = HashMap<(Bucket, Option<ClientKey>), (i64, u32)>;

/// A token bucket: (tokens left, last refill ms).
struct Budget {
    tokens: f64,
    at: i64,
}

pub struct Limits {
    settings: LimitSettings,
    clock: Clock,
    counts: Mutex<Counts>,
    hashes: Mutex<Budget>,
}

impl Limits {
    pub fn new(settings: LimitSettings, clock: Clock) -> Limits {
        let full = Self::capacity(&settings);
        let at = clock.now_millis();
        Limits {
            settings,
            clock,
            counts: Mutex::new(HashMap::new()),
            hashes: Mutex::new(Budget { tokens: full, at }),
        }
    }

    /// Ten seconds' worth of hashes may be spent at once (a class arriving together).
    fn capacity(s: &LimitSettings) -> f64 {
        (f64::from(s.receipt_hashes_per_minute) / 6.0).max(1.0)
    }

    fn per_client(&self, bucket: Bucket) -> u32 {
        match bucket {
            Bucket::Submit => self.settings.submit_per_client,
            Bucket::ReceiptLookup => self.settings.receipt_lookups_per_client,
            Bucket::SignInFailure => self.settings.sign_in_failures_per_client,
        }
    }

    fn global(&self, bucket: Bucket) -> Option<u32> {
        (bucket == Bucket::SignInFailure).then_some(self.settings.sign_in_failures_global)
    }

    fn window_ms(&self) -> i64 {
        self.settings.window_secs * 1000
    }

    /// Whether `client` may do one more of `bucket` now (does not count it).
    /// A poisoned lock refuses (fail closed).
    pub fn allows(&self, bucket: Bucket, client: ClientKey) -> bool {
        let now = self.clock.now_millis();
        let Ok(counts) = self.counts.lock() else { return false };
        let used = |key| {
            counts.get(&key).filter(|(start, _)| now - *start < self.window_ms()).map_or(0, |(_, n)| *n)
        };
        let client_ok = used((bucket, Some(client))) < self.per_client(bucket);
        let global_ok = self.global(bucket).is_none_or(|max| used((bucket, None)) < max);
        client_ok && global_ok
    }

    /// Counts one event for `client` (and globally).
    pub fn count(&self, bucket: Bucket, client: ClientKey) {
        let now = self.clock.now_millis();
        let window = self.window_ms();
        let Ok(mut counts) = self.counts.lock() else { return };
        if counts.len() > 100_000 {
            counts.retain(|_, (start, _)| now - *start < window);
        }
        for key in [(bucket, Some(client)), (bucket, None)] {
            let entry = counts.entry(key).or_insert((now, 0));
            if now - entry.0 >= window {
                *entry = (now, 0);
            }
            entry.1 = entry.1.saturating_add(1);
        }
    }

    /// Takes one slow receipt hash from everyone's budget; `false` when it
    /// is spent for now (the page then asks to try again in a minute).
    pub fn take_receipt_hash(&self) -> bool {
        let now = self.clock.now_millis();
        let Ok(mut b) = self.hashes.lock() else { return false };
        let per_ms = f64::from(self.settings.receipt_hashes_per_minute) / 60_000.0;
        let elapsed = (now - b.at).max(0) as f64;
        b.tokens = (b.tokens + elapsed * per_ms).min(Self::capacity(&self.settings));
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn limits(settings: LimitSettings) -> (Limits, Clock) {
        let clock = Clock::adjustable();
        (Limits::new(settings, clock.clone()), clock)
    }

    #[test]
    fn limits_each_client_on_its_own() {
        let (l, _) = limits(LimitSettings { submit_per_client: 3, ..Default::default() });
        let (a, b) = (ClientKey(1), ClientKey(2));
        for _ in 0..3 {
            assert!(l.allows(Bucket::Submit, a));
            l.count(Bucket::Submit, a);
        }
        assert!(!l.allows(Bucket::Submit, a));
        assert!(l.allows(Bucket::Submit, b), "another client is not affected");
    }

    #[test]
    fn receipt_look_ups_from_everyone_never_lock_out_a_client() {
        let (l, _) = limits(LimitSettings::default());
        for i in 0..5_000 {
            l.count(Bucket::ReceiptLookup, ClientKey(100 + i));
        }
        assert!(l.allows(Bucket::ReceiptLookup, ClientKey(9999)), "no global cap on look-ups");
    }

    #[test]
    fn windows_expire_when_the_clock_moves() {
        let (l, clock) = limits(LimitSettings { submit_per_client: 1, ..Default::default() });
        l.count(Bucket::Submit, ClientKey(1));
        assert!(!l.allows(Bucket::Submit, ClientKey(1)));
        clock.advance(Duration::from_secs(599));
        assert!(!l.allows(Bucket::Submit, ClientKey(1)));
        clock.advance(Duration::from_secs(1));
        assert!(l.allows(Bucket::Submit, ClientKey(1)));
    }

    #[test]
    fn the_hash_budget_refills_over_time() {
        let (l, clock) = limits(LimitSettings { receipt_hashes_per_minute: 60, ..Default::default() });
        // Capacity: ten seconds' worth.
        let spent = (0..100).filter(|_| l.take_receipt_hash()).count();
        assert_eq!(spent, 10);
        assert!(!l.take_receipt_hash());
        clock.advance(Duration::from_secs(1));
        assert!(l.take_receipt_hash(), "one a second comes back");
        assert!(!l.take_receipt_hash());
        clock.advance(Duration::from_secs(3600));
        assert_eq!((0..100).filter(|_| l.take_receipt_hash()).count(), 10, "never more than the capacity");
    }
}
