//! Rows and write models shared by both backends.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize, PartialEq)]
pub struct Organisation {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize, PartialEq)]
pub struct Programme {
    pub id: i64,
    pub organisation_id: i64,
    pub code: String,
    pub name: String,
    pub country: String,
    /// Comma-separated locale tags, e.g. `km,en`.
    pub languages: String,
    pub opens_on: Option<NaiveDate>,
    pub closes_on: Option<NaiveDate>,
    pub questionnaire_id: i64,
    pub team_name: String,
    pub response_days: i64,
    /// The programme's team opted in to a results page anyone may read.
    pub public_results: bool,
}

impl Programme {
    pub fn language_list(&self) -> Vec<&str> {
        self.languages.split(',').map(str::trim).filter(|s| !s.is_empty()).collect()
    }

    /// Open on `today` when inside its (optional) opening and closing dates.
    pub fn is_open_on(&self, today: NaiveDate) -> bool {
        self.opens_on.is_none_or(|d| d <= today) && self.closes_on.is_none_or(|d| today <= d)
    }
}

#[derive(Debug, Clone)]
pub struct NewProgramme {
    pub organisation_id: i64,
    pub code: String,
    pub name: String,
    pub country: String,
    pub languages: Vec<String>,
    pub opens_on: Option<NaiveDate>,
    pub closes_on: Option<NaiveDate>,
    pub questionnaire_id: i64,
    pub team_name: String,
    pub response_days: i64,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize, PartialEq)]
pub struct ProgrammeText {
    pub locale: String,
    pub name: String,
    pub about: String,
    /// The team's name in this locale; `None`: not translated, use the
    /// programme's own [`Programme::team_name`].
    #[serde(default)]
    pub team_name: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize, PartialEq)]
pub struct Helpline {
    pub id: i64,
    pub country: String,
    pub name: String,
    pub phone: String,
    pub url: Option<String>,
    pub hours: Option<String>,
    pub verified: bool,
    /// The day an administrator last confirmed the line (`None`: never).
    pub verified_on: Option<NaiveDate>,
}

/// A helpline's name (and opening hours) in one locale.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize, PartialEq)]
pub struct HelplineText {
    pub helpline_id: i64,
    pub locale: String,
    pub name: String,
    /// `None`: use the helpline's own hours.
    pub hours: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewHelpline {
    pub country: String,
    pub name: String,
    pub phone: String,
    pub url: Option<String>,
    pub hours: Option<String>,
    pub verified: bool,
}

/// One question of a questionnaire version, with its texts in every locale.
#[derive(Debug, Clone)]
pub struct QuestionSpec {
    pub key: String,
    pub area: String,
    pub screen: i64,
    pub position: i64,
    pub kind: String,
    pub max_chars: i64,
    pub restricted: bool,
    /// The question of an earlier version this one continues (same meaning).
    pub same_as: Option<i64>,
    /// (locale, prompt, reviewed)
    pub texts: Vec<(String, String, bool)>,
    pub options: Vec<OptionSpec>,
}

#[derive(Debug, Clone)]
pub struct OptionSpec {
    pub key: String,
    /// (locale, label, reviewed)
    pub texts: Vec<(String, String, bool)>,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize, PartialEq)]
pub struct QuestionRow {
    pub id: i64,
    pub version_id: i64,
    pub key: String,
    pub area: String,
    pub screen: i64,
    pub position: i64,
    pub kind: String,
    pub max_chars: i64,
    pub restricted: bool,
    pub same_as: Option<i64>,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize, PartialEq)]
pub struct QuestionTextRow {
    pub question_id: i64,
    pub locale: String,
    pub prompt: String,
    pub reviewed: bool,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize, PartialEq)]
pub struct OptionRow {
    pub id: i64,
    pub question_id: i64,
    pub key: String,
    pub position: i64,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize, PartialEq)]
pub struct OptionTextRow {
    pub option_id: i64,
    pub locale: String,
    pub label: String,
    pub reviewed: bool,
}

/// A published questionnaire version with everything needed to render it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct QuestionnaireVersion {
    pub id: i64,
    pub questionnaire_id: i64,
    pub version: i64,
    pub questions: Vec<QuestionRow>,
    pub question_texts: Vec<QuestionTextRow>,
    pub options: Vec<OptionRow>,
    pub option_texts: Vec<OptionTextRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnswerValue {
    Rating(i64),
    Choices(Vec<String>),
    Text(String),
    Skipped,
    DontKnow,
    PreferNot,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAnswer {
    pub question_id: i64,
    pub value: AnswerValue,
    /// Spans (byte offsets) in a text answer that look like personal details.
    pub suggestions: Vec<(i64, i64, String)>,
}

/// Everything a young person sends, already validated. Nothing identifying:
/// the day only, and hashes of the receipt and the idempotency key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSubmission {
    pub programme_id: i64,
    pub version_id: i64,
    pub locale: String,
    pub submitted_on: NaiveDate,
    pub receipt_hash: String,
    /// Hash of the idempotency key the form carried.
    pub key_hash: String,
    pub answers: Vec<NewAnswer>,
    /// The safeguarding answer goes to its own table, never to `answers`.
    pub safeguarding: Option<NewSafeguarding>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSafeguarding {
    pub answer: String,
    pub body: Option<String>,
    /// When it was raised, in unix seconds; only the hour is stored.
    pub raised_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmitOutcome {
    Stored {
        id: i64,
    },
    /// The same idempotency key was stored before (a retry or a double tap).
    Duplicate,
    /// The key belongs to a submission that was withdrawn.
    Withdrawn,
    /// The key belongs to a journey the young person left with quick exit
    /// ([`crate::Submissions::abandon_key`]); nothing was stored.
    Abandoned,
}

/// What became of an idempotency key (`submission_keys.state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeyState {
    /// A submission was stored with it (it may since have been deleted by retention).
    Sent,
    /// Its submission was withdrawn by the young person.
    Withdrawn,
    /// The journey was left with quick exit before anything was sent.
    Abandoned,
}

impl KeyState {
    pub fn as_str(self) -> &'static str {
        match self {
            KeyState::Sent => "sent",
            KeyState::Withdrawn => "withdrawn",
            KeyState::Abandoned => "abandoned",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "sent" => Some(KeyState::Sent),
            "withdrawn" => Some(KeyState::Withdrawn),
            "abandoned" => Some(KeyState::Abandoned),
            _ => None,
        }
    }

    /// What a submission arriving with a key in this state is told.
    pub fn outcome(self) -> SubmitOutcome {
        match self {
            KeyState::Sent => SubmitOutcome::Duplicate,
            KeyState::Withdrawn => SubmitOutcome::Withdrawn,
            KeyState::Abandoned => SubmitOutcome::Abandoned,
        }
    }
}
