//! What designers read of a programme's moderation: the published
//! summaries and the quotes whose theme is large enough to show — never
//! anything about who wrote them.
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedSummary {
    /// 2026-11 or 2026-Q4 (or the dates when neither).
    pub period: String,
    pub published_on: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedData {
    /// Programmes the caller may read: (code, name).
    pub programmes: Vec<(String, String)>,
    /// The chosen programme's name, summaries and quotes (theme, month, text).
    pub name: Option<String>,
    pub summaries: Vec<PublishedSummary>,
    pub quotes: Vec<(String, String, String)>,
}
