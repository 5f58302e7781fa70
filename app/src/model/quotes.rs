//! Quotes as moderators pick and review them, and the suppression rule
//! they are shown to designers under.
use serde::{Deserialize, Serialize};

/// The smallest group a published figure or quote may stand for, unless an
/// installation sets a larger one (`suppression_k`); never below [`MIN_K`].
pub const DEFAULT_K: i64 = 10;
pub const MIN_K: i64 = 5;

/// k from the setting: a missing or unreadable value is the default, and
/// nothing lowers it below the minimum (fail closed).
pub fn k_from(setting: Option<&str>) -> i64 {
    setting.and_then(|v| v.trim().parse::<i64>().ok()).unwrap_or(DEFAULT_K).max(MIN_K)
}

/// The sentences of a text, each with its closing mark, as a moderator may
/// quote them: split after . ! ? and the full stops of Khmer (។ ៕),
/// Burmese (။), Chinese (。！？) and at line breaks.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        if c == '\n' {
            push(&mut out, &mut current);
            continue;
        }
        current.push(c);
        if matches!(c, '.' | '!' | '?' | '។' | '៕' | '။' | '。' | '！' | '？') {
            push(&mut out, &mut current);
        }
    }
    push(&mut out, &mut current);
    out
}

fn push(out: &mut Vec<String>, current: &mut String) {
    let s = current.trim();
    if s.chars().count() >= 3 {
        out.push(s.to_owned());
    }
    current.clear();
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteLine {
    pub id: i64,
    pub body: String,
    pub month: String,
    pub theme: String,
    /// Approved submissions with this theme in this month.
    pub count: i64,
    /// Shown to designers: the theme has at least k submissions in the month.
    pub visible: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotesData {
    pub code: String,
    pub name: String,
    pub k: i64,
    pub quotes: Vec<QuoteLine>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn k_is_never_below_five_and_defaults_to_ten() {
        assert_eq!(k_from(None), 10);
        assert_eq!(k_from(Some("12")), 12);
        assert_eq!(k_from(Some("3")), 5);
        assert_eq!(k_from(Some("-1")), 5);
        assert_eq!(k_from(Some("ten")), 10);
    }

    #[test]
    fn sentences_end_at_the_full_stops_of_each_script() {
        assert_eq!(
            sentences("The food was good. I want books! Ok"),
            vec!["The food was good.", "I want books!"]
        );
        assert_eq!(sentences("ម្ហូបឆ្ងាញ់។ ខ្ញុំចង់បានសៀវភៅ"), vec!["ម្ហូបឆ្ងាញ់។", "ខ្ញុំចង់បានសៀវភៅ"]);
        assert_eq!(sentences("饭很好吃。我想要书！"), vec!["饭很好吃。", "我想要书！"]);
        assert_eq!(sentences("line one\nline two"), vec!["line one", "line two"]);
    }
}
