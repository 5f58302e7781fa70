//! What the urgent view shows: concerns with their time target, and one
//! concern opened with the programme's referral steps and helplines.
use chrono::DateTime;
use serde::{Deserialize, Serialize};

use super::moderation::AnswerLine;
use super::programme::HelplineCard;

/// Acknowledge a concern within this many hours of it being raised.
pub const ACKNOWLEDGE_HOURS: i64 = 24;

/// Longest note on a step, in characters.
pub const NOTE_MAX: usize = 1000;

/// Unix seconds as staff read them: `2026-11-02 15:00 UTC`.
pub fn staff_time(unix: i64) -> String {
    DateTime::from_timestamp(unix, 0).map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string()).unwrap_or_default()
}

/// The 24-hour target of a concern raised at `raised_hour`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// When it must be acknowledged by.
    pub due: String,
    /// Not acknowledged and past due: by how many whole hours.
    pub overdue_hours: Option<i64>,
    /// Still open to acknowledge: hours left (at least 0).
    pub hours_left: Option<i64>,
}

impl Target {
    pub fn of(raised_hour: i64, state: &str, now: i64) -> Target {
        let due = raised_hour + ACKNOWLEDGE_HOURS * 3600;
        let waiting = state == "new";
        Target {
            due: staff_time(due),
            overdue_hours: (waiting && now > due).then(|| (now - due).div_euclid(3600).max(0) + 1),
            hours_left: (waiting && now <= due).then(|| (due - now).div_euclid(3600)),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConcernItem {
    pub reference: String,
    pub code: String,
    pub programme: String,
    /// question or moderator
    pub source: String,
    pub state: String,
    pub raised: String,
    pub target: Target,
    pub acknowledged: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UrgentData {
    pub items: Vec<ConcernItem>,
    pub closed: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepLine {
    pub state: String,
    pub who: String,
    pub when: String,
    pub note: Option<String>,
}

/// The submission a concern came with, as far as it was answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSubmission {
    pub day: String,
    /// The language the young person used.
    pub locale: String,
    pub version: i64,
    /// What the young person sees with their receipt.
    pub status: String,
    pub answers: Vec<AnswerLine>,
    /// The replies sent so far.
    pub replies: Vec<crate::model::moderation::ReplyLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseData {
    pub reference: String,
    pub code: String,
    pub programme: String,
    pub source: String,
    /// "yes" when the safeguarding question was answered so.
    pub answer: Option<String>,
    /// The young person's words, or the moderator's reason.
    pub body: Option<String>,
    pub state: String,
    pub raised: String,
    pub target: Target,
    pub steps: Vec<StepLine>,
    pub referral_steps: Vec<String>,
    pub helplines: Vec<HelplineCard>,
    pub submission: Option<CaseSubmission>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_is_24_hours_and_only_unacknowledged_concerns_run_late() {
        let raised = 1_793_872_800; // 2026-11-05 10:00 UTC
        let t = Target::of(raised, "new", raised + 3600 * 5 + 59);
        assert_eq!((t.due.as_str(), t.overdue_hours, t.hours_left), ("2026-11-06 10:00 UTC", None, Some(18)));
        assert_eq!(Target::of(raised, "new", raised + 24 * 3600).overdue_hours, None, "due, not late");
        assert_eq!(Target::of(raised, "new", raised + 24 * 3600 + 1).overdue_hours, Some(1));
        assert_eq!(Target::of(raised, "new", raised + 30 * 3600).overdue_hours, Some(7));
        let done = Target::of(raised, "acknowledged", raised + 30 * 3600);
        assert_eq!((done.overdue_hours, done.hours_left), (None, None));
        assert_eq!(staff_time(raised), "2026-11-05 10:00 UTC");
    }
}
