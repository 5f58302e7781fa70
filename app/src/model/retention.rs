//! The retention page: each organisation's rule and what it will delete
//! next, and when (dates as YYYY-MM-DD; counts as stored).
use serde::{Deserialize, Serialize};

/// Counts of one kind of record: words (answers), responses, closed concerns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub texts: i64,
    pub responses: i64,
    pub concerns: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionRow {
    /// `None`: the installation's default.
    pub organisation_id: Option<i64>,
    pub name: String,
    /// The organisation has its own rule (else it follows the default).
    pub own: bool,
    pub free_text_months: i64,
    pub submission_months: i64,
    pub safeguarding_months: i64,
    /// Deleted at the next daily run.
    pub due: Counts,
    /// Becoming due within the next 30 days (after those due now).
    pub soon: Counts,
    /// The day each kind next becomes due after that, if anything waits.
    pub next_text: Option<String>,
    pub next_response: Option<String>,
    pub next_concern: Option<String>,
    /// Concerns past their time but still open: kept until closed.
    pub open_past: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionData {
    /// The default first (for installation administrators), then organisations.
    pub rows: Vec<RetentionRow>,
    pub last_run: Option<String>,
    pub today: String,
}
