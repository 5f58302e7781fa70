//! Kiosk mode: one tablet lent in a programme venue, passed from child to
//! child. After each send, or when nobody touches it for a while, it clears
//! itself and starts again, and what the last child wrote cannot be brought
//! back with Back or the history (see the README, "On a shared phone").
//!
//! The mode travels in the journey's seal (`Seal::t`, when the page was
//! shown), never in a cookie: youth pages set none.

/// Seconds without a touch before the countdown appears (JavaScript).
pub const IDLE_SECS: i64 = 120;
/// The countdown, in seconds, before the tablet clears itself.
pub const COUNTDOWN_SECS: i64 = 10;
/// Without JavaScript a page cannot see touches: it starts again this long
/// after it was shown.
pub const REFRESH_SECS: i64 = IDLE_SECS + COUNTDOWN_SECS;
/// A kiosk form this old (or older) is closed and nothing of it is shown.
/// Exactly the restart time, without grace: a form re-posted by Back after
/// the page restarted is always at least this old (it comes from the page
/// *before* the one that restarted), while a child moving on in time posts
/// a younger one. A tap in the last second before the restart may find the
/// form closed; that child starts again, which is the safe side.
pub const STALE_SECS: i64 = REFRESH_SECS;
/// With JavaScript (the form carries `live`), the page clears itself after
/// [`IDLE_SECS`] without a touch and tells the server so; a child who keeps
/// typing may stay on one screen much longer.
pub const LIVE_STALE_SECS: i64 = 60 * 60;
/// On a kiosk the receipt is shown again (a double tap, a language switch
/// on the receipt page) only this soon; later a re-sent form says "already
/// sent", so the next child cannot bring it back.
pub const RECEIPT_AGAIN_SECS: i64 = 60;

/// Where a kiosk starts (and starts again).
pub fn start_path(lang: &str, code: &str) -> String {
    format!("/{lang}/k/{code}")
}

/// Where a kiosk page posts its journey form to clear it.
pub fn again_path(lang: &str, code: &str) -> String {
    format!("/{lang}/k/{code}/again")
}

/// Is a kiosk form shown at `shown_at` too old to accept at `now`? A time
/// from the future (a clock moved back, a forged seal cannot exist) counts
/// as stale too: fail closed.
pub fn is_stale(shown_at: i64, now: i64, live: bool) -> bool {
    let age = now - shown_at;
    age < -60 || age >= if live { LIVE_STALE_SECS } else { STALE_SECS }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kiosk_form_is_fresh_only_inside_its_window() {
        let t = 1_000_000;
        assert!(!is_stale(t, t, false));
        assert!(!is_stale(t, t + STALE_SECS - 1, false));
        // Once the page has restarted by itself, its form is closed.
        assert!(is_stale(t, t + REFRESH_SECS, false));
        assert!(!is_stale(t, t + STALE_SECS + 1, true));
        assert!(is_stale(t, t + LIVE_STALE_SECS, true));
        assert!(is_stale(t, t - 61, false));
    }
}
