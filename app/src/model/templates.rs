//! Reply templates as administrators keep them: one title, a text per language.
use serde::{Deserialize, Serialize};

/// Longest template title, in characters.
pub const TITLE_MAX: usize = 80;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateLine {
    pub id: i64,
    pub title: String,
    /// The organisation's name; `None`: for everyone.
    pub organisation: Option<String>,
    pub locale: String,
    pub body: String,
    /// The caller may change or delete it (their organisation, or everyone's for installation admins).
    pub editable: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplatesData {
    pub lines: Vec<TemplateLine>,
    /// (title, organisation, languages with no text yet) for each title.
    pub missing: Vec<(String, Option<String>, Vec<String>)>,
    /// Where the caller may save: (organisation id, name); `None` id: for everyone.
    pub scopes: Vec<(Option<i64>, String)>,
    /// The template opened for editing, if any.
    pub editing: Option<TemplateLine>,
}
