//! The questionnaire editor's view of a questionnaire: its versions, the
//! draft being edited (every language's words and whether a person checked
//! them), and the rules a question must meet before it is saved.
use serde::{Deserialize, Serialize};

/// The screens' areas, in the order of the default question bank.
pub const AREAS: [&str; 12] = [
    "safety",
    "home",
    "health",
    "feelings",
    "school",
    "work",
    "papers",
    "family",
    "worker",
    "heard",
    "overall",
    "safeguarding",
];
pub const KINDS: [&str; 4] = ["scale", "single", "multi", "text"];
pub const PROMPT_MAX: usize = 300;
pub const LABEL_MAX: usize = 80;
pub const TEXT_MAX: std::ops::RangeInclusive<i64> = 10..=2000;
pub const OPTIONS_MAX: usize = 12;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionnaireItem {
    pub id: i64,
    pub name: String,
    /// `None`: the installation's own (shared by every organisation).
    pub organisation: Option<String>,
    pub live_version: Option<i64>,
    pub has_draft: bool,
    pub programmes: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionnairesData {
    pub items: Vec<QuestionnaireItem>,
    /// Where an administrator may add one: (organisation id, name); `None` id: the installation.
    pub owners: Vec<(Option<i64>, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionEdit {
    pub key: String,
    /// (locale, label), every shipped language in order ("" when missing).
    pub labels: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionEdit {
    pub key: String,
    pub area: String,
    pub kind: String,
    pub max_chars: i64,
    pub restricted: bool,
    /// It continues a question of an earlier version (same meaning).
    pub continues: bool,
    /// (locale, prompt, reviewed), every shipped language in order.
    pub texts: Vec<(String, String, bool)>,
    pub options: Vec<OptionEdit>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionView {
    pub version: i64,
    pub status: String,
    pub published_on: Option<String>,
    /// "group, day" when a youth advisory group signed it off.
    pub signed_off: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignoffView {
    pub group_name: String,
    pub approved_on: String,
    pub comments: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorData {
    pub questionnaire_id: i64,
    pub name: String,
    /// The version shown: the draft when there is one, else the live one.
    pub version: i64,
    pub is_draft: bool,
    pub needs_signoff: bool,
    pub signoff: Option<SignoffView>,
    pub questions: Vec<QuestionEdit>,
    /// Questions of the default bank not in this version: (key, English prompt).
    pub bank: Vec<(String, String)>,
    pub history: Vec<VersionView>,
}

impl QuestionEdit {
    pub fn prompt(&self, locale: &str) -> &str {
        self.texts.iter().find(|(l, _, _)| l == locale).map_or("", |(_, p, _)| p.as_str())
    }
}

/// A key of a question or option (stored with answers, exported to
/// XLSForm's `name`): lower-case ASCII, digits, `_` and `-`.
pub fn is_key(k: &str) -> bool {
    (1..=40).contains(&k.len())
        && k.starts_with(|c: char| c.is_ascii_lowercase())
        && k.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// Why a question cannot be saved as it is (`None`: it can).
pub fn problem(q: &QuestionEdit) -> Option<crate::model::AppError> {
    use crate::model::AppError::QuestionInvalid;
    let english = q.prompt("en");
    let choices = matches!(q.kind.as_str(), "single" | "multi");
    let bad = !KINDS.contains(&q.kind.as_str())
        || !AREAS.contains(&q.area.as_str())
        || !is_key(&q.key)
        || english.trim().is_empty()
        || q.texts
            .iter()
            .any(|(_, p, _)| !p.is_empty() && super::programme_admin::one_line(p, PROMPT_MAX).is_none())
        || (q.kind == "text" && !TEXT_MAX.contains(&q.max_chars))
        || (choices && !(2..=OPTIONS_MAX).contains(&q.options.len()))
        || (!choices && !q.options.is_empty())
        || (q.restricted && !matches!(q.kind.as_str(), "single" | "text"))
        || q.options.iter().any(|o| {
            !is_key(&o.key)
                || o.labels.iter().all(|(l, t)| l != "en" || t.trim().is_empty())
                || o.labels
                    .iter()
                    .any(|(_, t)| !t.is_empty() && super::programme_admin::one_line(t, LABEL_MAX).is_none())
        });
    let mut keys: Vec<&str> = q.options.iter().map(|o| o.key.as_str()).collect();
    keys.sort_unstable();
    let repeated = keys.windows(2).any(|w| w[0] == w[1]);
    (bad || repeated).then_some(QuestionInvalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(kind: &str, options: &[&str]) -> QuestionEdit {
        QuestionEdit {
            key: "my_q".into(),
            area: "safety".into(),
            kind: kind.into(),
            max_chars: 300,
            restricted: false,
            continues: false,
            texts: vec![
                ("en".into(), "How safe do you feel?".into(), true),
                ("km".into(), String::new(), false),
            ],
            options: options
                .iter()
                .map(|k| OptionEdit { key: (*k).into(), labels: vec![("en".into(), format!("Label {k}"))] })
                .collect(),
        }
    }

    #[test]
    fn a_question_is_saved_only_when_it_can_be_asked() {
        assert_eq!(problem(&q("scale", &[])), None);
        assert_eq!(problem(&q("single", &["yes", "no"])), None);
        assert_eq!(problem(&q("text", &[])), None);
        for broken in [
            q("single", &["yes"]),
            q("single", &["yes", "yes"]),
            q("multi", &["ok", "Not a key"]),
            q("scale", &["yes", "no"]),
            q("slider", &[]),
            QuestionEdit { texts: vec![("en".into(), " ".into(), false)], ..q("scale", &[]) },
            QuestionEdit { texts: vec![("en".into(), "Bad\u{202E}text".into(), false)], ..q("scale", &[]) },
            QuestionEdit { max_chars: 5, ..q("text", &[]) },
            QuestionEdit { area: "elsewhere".into(), ..q("scale", &[]) },
            QuestionEdit { restricted: true, ..q("scale", &[]) },
        ] {
            assert!(problem(&broken).is_some(), "{broken:?}");
        }
    }
}
