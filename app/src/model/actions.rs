//! "You said, we did": what designers see and edit, and what a young person
//! is shown — one action in one language, only words a person wrote or
//! reviewed, and only once the action is published.
use serde::{Deserialize, Serialize};

pub const SAID_MAX: usize = 500;
pub const DID_MAX: usize = 800;
pub const REASON_MAX: usize = 500;

/// How far an action's words are in one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextState {
    Missing,
    /// A machine drafted it; a person has not reviewed it (never shown to young people).
    Machine,
    /// "Not doing" without the reason in this language (not shown either).
    NeedsReason,
    Ready,
}

impl TextState {
    pub fn key(self) -> &'static str {
        match self {
            TextState::Missing => "missing",
            TextState::Machine => "machine",
            TextState::NeedsReason => "needs-reason",
            TextState::Ready => "ready",
        }
    }

    /// Whether words in this state may reach a young person.
    pub fn of(machine: bool, state: &str, reason: Option<&str>) -> TextState {
        if machine {
            TextState::Machine
        } else if state == "not_done" && reason.is_none_or(|r| r.trim().is_empty()) {
            TextState::NeedsReason
        } else {
            TextState::Ready
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionWordsView {
    pub locale: String,
    pub you_said: String,
    pub we_did: String,
    pub reason: Option<String>,
    pub machine: bool,
    pub by: Option<String>,
    pub at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionLine {
    pub id: i64,
    pub theme_id: Option<i64>,
    pub theme: Option<String>,
    pub state: String,
    pub due_month: Option<String>,
    pub done_month: Option<String>,
    pub published_on: Option<String>,
    pub words: Vec<ActionWordsView>,
    /// Every language of the programme (and any other it has words in), with how far it is.
    pub languages: Vec<(String, TextState)>,
}

impl ActionLine {
    pub fn words_in(&self, locale: &str) -> Option<&ActionWordsView> {
        self.words.iter().find(|w| w.locale == locale)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionsData {
    /// Programmes the caller may read: (code, name).
    pub programmes: Vec<(String, String)>,
    pub code: Option<String>,
    pub name: Option<String>,
    /// The caller may record and publish actions of this programme.
    pub can_edit: bool,
    /// Theme codes still offered: (id, label).
    pub themes: Vec<(i64, String)>,
    pub actions: Vec<ActionLine>,
    /// The programme's languages.
    pub languages: Vec<String>,
    pub public_results: bool,
}

/// One published action as a young person reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YouthAction {
    pub theme: Option<String>,
    pub you_said: String,
    pub we_did: String,
    pub state: String,
    pub reason: Option<String>,
    pub due_month: Option<String>,
    pub done_month: Option<String>,
    /// The language of the words (the page's own when there are words in it).
    pub lang: String,
}

/// What a programme tells young people about itself beyond its name:
/// published actions, the latest published summary, how many took part.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heard {
    pub actions: Vec<YouthAction>,
    /// (period, text) of the latest published summary.
    pub summary: Option<(String, String)>,
    /// Responses in the closed months whose totals are shown (none: too few yet).
    pub took_part: Option<i64>,
    pub k: i64,
}

/// A programme's public results page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicResults {
    pub card: super::programme::ProgrammeCard,
    pub figures: super::dashboard::DashboardData,
    pub heard: Heard,
}

/// `YYYY-MM`, a real month.
pub fn valid_month(m: &str) -> bool {
    m.len() == 7
        && m.as_bytes()[4] == b'-'
        && m.bytes().enumerate().all(|(i, b)| i == 4 || b.is_ascii_digit())
        && m[..4].parse::<u32>().is_ok_and(|y| (2000..=2100).contains(&y))
        && m[5..].parse::<u32>().is_ok_and(|mm| (1..=12).contains(&mm))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_reviewed_words_with_their_reason_are_ready() {
        assert_eq!(TextState::of(true, "done", None), TextState::Machine);
        assert_eq!(TextState::of(false, "not_done", Some("  ")), TextState::NeedsReason);
        assert_eq!(TextState::of(false, "not_done", Some("no money")), TextState::Ready);
        assert_eq!(TextState::of(false, "planned", None), TextState::Ready);
    }

    #[test]
    fn months_are_checked() {
        assert!(valid_month("2027-03"));
        for bad in
            ["2027-13", "2027-3", "27-03-01", "1999-01", "2027/03", "２０２７-03", "2027-+3", "+202-01"]
        {
            assert!(!valid_month(bad), "{bad}");
        }
    }
}
