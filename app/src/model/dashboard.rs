//! A programme's dashboard for one closed month, as the page, the CSV
//! export and the print report read it: every count already through
//! [`crate::model::disclosure`], so nothing here can be smaller than k.
use serde::{Deserialize, Serialize};

use super::disclosure::Cell;

/// One question's answers in a month: a row per answer in `labels`
/// order, or `None` when the month's table is not shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionStats {
    /// The question whose wording is shown (the newest version's).
    pub id: i64,
    /// The first question of its "same meaning" chain: one question
    /// across versions, and across programmes on the same questionnaire.
    pub same: i64,
    pub prompt: String,
    /// scale, single, multi or text
    pub kind: String,
    /// (key, label): r1..r5 or o:<option>, then answered (several answers,
    /// free text), dont_know, prefer_not, skipped.
    pub rows: Vec<(String, String)>,
    pub this: Option<Vec<Cell>>,
    pub last: Option<Vec<Cell>>,
    /// Each shown table's total: the responses of the versions pooled in it.
    pub this_n: Option<i64>,
    pub last_n: Option<i64>,
    /// The version numbers whose answers are in the tables, oldest first.
    pub versions: Vec<i64>,
    /// Several answers allowed: each option on its own (this month).
    pub options: Vec<(String, Cell)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionStats {
    pub version: i64,
    pub this: Cell,
    pub last: Cell,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardData {
    /// (code, name) of every programme the reader may see.
    pub programmes: Vec<(String, String)>,
    pub code: String,
    pub name: String,
    /// The month shown ("YYYY-MM") and the one before it.
    pub month: String,
    pub previous: String,
    /// Closed months a reader may choose, newest first.
    pub months: Vec<String>,
    /// The month under way: shown only once it is over.
    pub open_month: String,
    pub k: i64,
    pub this: Cell,
    pub last: Cell,
    /// Responses per questionnaire version (a table whose total is shown).
    pub versions: Vec<VersionStats>,
    /// Every question, like with like across versions (see `api::staff::dashboard_questions`).
    pub questions: Vec<QuestionStats>,
    /// Responses per month, oldest first, up to the month shown.
    pub trend: Vec<(String, Cell)>,
    /// (label, submissions coded with it this month), the most frequent first.
    pub themes: Vec<(String, Cell)>,
    /// The reader may download these figures as CSV.
    pub can_export: bool,
    /// "You said, we did": published actions per status (planned,
    /// in_progress, done, not_done), then unpublished ones.
    pub tracker: [usize; 5],
    /// Against the organisation's other programmes (staff dashboards, when asked).
    pub comparison: Option<Vec<CompareRow>>,
}

/// One face question: the share of happy faces (4 and 5) here and in the
/// organisation's other programmes together, in percent, each from shown cells only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompareRow {
    pub question: String,
    pub this: Option<i64>,
    pub others: Option<i64>,
    /// Other programmes whose cells are shown, of those asking the same question.
    pub counted: usize,
    pub of: usize,
}

/// Every programme a reader may see, side by side, for a closed month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverviewData {
    pub month: String,
    pub previous: String,
    pub months: Vec<String>,
    pub open_month: String,
    pub k: i64,
    pub rows: Vec<OverviewRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverviewRow {
    pub code: String,
    pub name: String,
    pub this: Cell,
    pub last: Cell,
    /// Responses per month, oldest first, up to the month shown.
    pub trend: Vec<(String, Cell)>,
}

/// The month before "YYYY-MM".
pub fn month_before(month: &str) -> Option<String> {
    let (y, m) = month.split_once('-')?;
    let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
    if !(1..=12).contains(&m) || month.len() != 7 {
        return None;
    }
    Some(if m == 1 { format!("{:04}-12", y - 1) } else { format!("{y:04}-{:02}", m - 1) })
}

#[cfg(test)]
mod tests {
    #[test]
    fn months_step_back_across_years() {
        assert_eq!(super::month_before("2026-03").as_deref(), Some("2026-02"));
        assert_eq!(super::month_before("2026-01").as_deref(), Some("2025-12"));
        for bad in ["2026-13", "2026-00", "26-01", "2026-1", "x"] {
            assert_eq!(super::month_before(bad), None, "{bad}");
        }
    }
}
