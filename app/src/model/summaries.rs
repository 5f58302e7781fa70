//! Period summaries as moderators write them: a month or a quarter, the
//! drafted and edited text, its versions and what designers see.
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Longest summary, in characters.
pub const SUMMARY_MAX: usize = 20_000;

/// A month (`2026-11`) or a quarter (`2026-Q4`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Period {
    Month(i32, u32),
    Quarter(i32, u32),
}

impl Period {
    pub fn parse(text: &str) -> Option<Period> {
        let (y, rest) = text.trim().split_once('-')?;
        let y: i32 = y.parse().ok().filter(|y| (2000..=2100).contains(y))?;
        match rest.strip_prefix('Q') {
            Some(q) => q.parse().ok().filter(|q| (1..=4).contains(q)).map(|q| Period::Quarter(y, q)),
            None => rest.parse().ok().filter(|m| (1..=12).contains(m)).map(|m| Period::Month(y, m)),
        }
    }

    pub fn key(self) -> String {
        match self {
            Period::Month(y, m) => format!("{y}-{m:02}"),
            Period::Quarter(y, q) => format!("{y}-Q{q}"),
        }
    }

    /// The first day of the period and the first day after it.
    pub fn range(self) -> Option<(NaiveDate, NaiveDate)> {
        let (y, first_month, months) = match self {
            Period::Month(y, m) => (y, m, 1),
            Period::Quarter(y, q) => (y, (q - 1) * 3 + 1, 3),
        };
        let start = NaiveDate::from_ymd_opt(y, first_month, 1)?;
        Some((start, start.checked_add_months(chrono::Months::new(months))?))
    }

    /// The period just before, of the same length.
    pub fn previous(self) -> Period {
        match self {
            Period::Month(y, 1) => Period::Month(y - 1, 12),
            Period::Month(y, m) => Period::Month(y, m - 1),
            Period::Quarter(y, 1) => Period::Quarter(y - 1, 4),
            Period::Quarter(y, q) => Period::Quarter(y, q - 1),
        }
    }

    /// The last finished month, before `today`'s.
    pub fn last_month(today: NaiveDate) -> Period {
        Period::Month(today.year(), today.month()).previous()
    }

    /// The periods offered: the last twelve months and the last four quarters, this one first.
    pub fn recent(today: NaiveDate) -> Vec<Period> {
        let mut out = vec![Period::Month(today.year(), today.month())];
        for _ in 0..11 {
            let p = out[out.len() - 1].previous();
            out.push(p);
        }
        let mut q = Period::Quarter(today.year(), (today.month() - 1) / 3 + 1);
        for _ in 0..4 {
            out.push(q);
            q = q.previous();
        }
        out
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryPage {
    pub code: String,
    pub name: String,
    pub period: String,
    pub periods: Vec<String>,
    /// The latest saved text, if any.
    pub text: Option<String>,
    /// draft or published
    pub state: Option<String>,
    pub published_on: Option<String>,
    /// (who, when, text), newest first.
    pub versions: Vec<(String, String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_parse_and_step_back() {
        assert_eq!(Period::parse("2026-11"), Some(Period::Month(2026, 11)));
        assert_eq!(Period::parse("2026-Q4"), Some(Period::Quarter(2026, 4)));
        for bad in ["", "2026", "2026-13", "2026-Q5", "1999-01", "x-01", "2026-Q0"] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        assert_eq!(Period::Month(2026, 1).previous().key(), "2025-12");
        assert_eq!(Period::Quarter(2026, 1).previous().key(), "2025-Q4");
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(Period::Quarter(2026, 4).range(), Some((d(2026, 10, 1), d(2027, 1, 1))));
        assert_eq!(Period::Month(2026, 2).range(), Some((d(2026, 2, 1), d(2026, 3, 1))));
        assert_eq!(Period::last_month(d(2026, 12, 2)).key(), "2026-11");
        let recent: Vec<String> = Period::recent(d(2026, 12, 2)).into_iter().map(Period::key).collect();
        assert_eq!((recent.len(), recent[0].as_str(), recent[12].as_str()), (16, "2026-12", "2026-Q4"));
    }
}
