//! The one source of "now" on the server, so that tests can move time
//! instead of sleeping: lockouts, session timeouts, flood-limit windows, the
//! receipt's re-display window and one-time links all read it.
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// `None`: the system clock. `Some`: seconds added to it by a test.
    offset: Option<Arc<AtomicI64>>,
}

impl Clock {
    pub fn system() -> Clock {
        Clock { offset: None }
    }

    /// A clock a test can move forward with [`Clock::advance`].
    pub fn adjustable() -> Clock {
        Clock { offset: Some(Arc::new(AtomicI64::new(0))) }
    }

    /// Seconds since the epoch.
    pub fn now(&self) -> i64 {
        self.now_millis().div_euclid(1000)
    }

    /// Milliseconds since the epoch (for short in-memory windows).
    pub fn now_millis(&self) -> i64 {
        let offset = self.offset.as_ref().map_or(0, |o| o.load(Ordering::Relaxed));
        chrono::Utc::now().timestamp_millis() + offset
    }

    pub fn today(&self) -> chrono::NaiveDate {
        chrono::DateTime::from_timestamp(self.now(), 0).unwrap_or_default().date_naive()
    }

    /// Moves an adjustable clock forward (a system clock ignores it).
    pub fn advance(&self, by: Duration) {
        if let Some(o) = &self.offset {
            o.fetch_add(i64::try_from(by.as_millis()).unwrap_or(i64::MAX), Ordering::Relaxed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_adjustable_clock_moves_only_when_told() {
        let c = Clock::adjustable();
        let before = c.now();
        c.advance(Duration::from_secs(3600));
        assert!(c.now() - before >= 3600);
        let s = Clock::system();
        s.advance(Duration::from_secs(3600));
        assert!((s.now() - chrono::Utc::now().timestamp()).abs() <= 1);
    }
}
