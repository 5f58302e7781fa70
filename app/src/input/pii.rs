//! Finds what looks like personal details in free text, so moderation can
//! redact it before anyone else reads it. Digits of every script count
//! (Khmer ០–៩, Thai ๐–๙, Lao ໐–໙, Burmese ၀–၉ …), since children type numbers
//! in their own script.
use std::sync::LazyLock;

use regex::Regex;

/// (start byte, end byte, kind)
pub type Span = (usize, usize, &'static str);

struct Pattern {
    kind: &'static str,
    re: Regex,
}

/// A pattern that does not compile stops start-up (see [`check`]): a
/// finder that silently skipped it would let personal details through.
static PATTERNS: LazyLock<Result<Vec<Pattern>, String>> = LazyLock::new(|| {
    let p = |kind, re: &str| {
        Regex::new(re)
            .map(|re| Pattern { kind, re })
            .map_err(|e| format!("personal-detail pattern {kind}: {e}"))
    };
    [
        p("email", r"(?i)[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+"),
        p("url", r"(?i)\b(?:https?://|www\.)\S+|\b[\p{L}\p{N}-]+\.(?:com|net|org|me|io|info|app|kh|th|vn|la|mm|cn|asia|ly|gl)(?:/\S*)?"),
        // A letter or two followed by six or more digits: passport or ID card numbers.
        p("id_number", r"\b\p{L}{1,2}\p{Nd}{6,}\b"),
        // Eight or more digits, perhaps with spaces, dots, dashes, brackets or a leading +.
        p("phone", r"\+?\p{Nd}(?:[\s().-]{0,2}\p{Nd}){7,}"),
        // Social handles.
        p("handle", r"(?:^|\s)@[\p{L}\p{N}_.]{3,}"),
    ]
    .into_iter()
    .collect()
});

/// Compiles the patterns; the server refuses to start when one fails.
pub fn check() -> Result<(), String> {
    PATTERNS.as_ref().map(|_| ()).map_err(Clone::clone)
}

/// Spans that look like personal details. `names` is the installation's
/// list of names to catch (matched as whole words, case-insensitively).
pub fn find(text: &str, names: &[String]) -> Result<Vec<Span>, String> {
    let mut spans: Vec<Span> = Vec::new();
    for p in PATTERNS.as_ref().map_err(Clone::clone)? {
        for m in p.re.find_iter(text) {
            let (start, end) = (m.start() + leading_space(m.as_str()), m.end());
            if !spans.iter().any(|(s, e, _)| start < *e && *s < end) {
                spans.push((start, end, p.kind));
            }
        }
    }
    let lower = text.to_lowercase();
    if lower.len() == text.len() {
        for name in names.iter().map(|n| n.trim().to_lowercase()).filter(|n| n.chars().count() >= 2) {
            let mut from = 0;
            while let Some(at) = lower[from..].find(&name) {
                let (start, end) = (from + at, from + at + name.len());
                let before = lower[..start].chars().next_back();
                let after = lower[end..].chars().next();
                let whole =
                    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric);
                if whole && !spans.iter().any(|(s, e, _)| start < *e && *s < end) {
                    spans.push((start, end, "name"));
                }
                from = end;
            }
        }
    }
    spans.sort();
    Ok(spans)
}

fn leading_space(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<&'static str> {
        find(text, &["Sokha".into(), "Mai".into()]).unwrap().into_iter().map(|(_, _, k)| k).collect()
    }

    #[test]
    fn catches_common_personal_details() {
        assert_eq!(kinds("call me 012 345 678"), vec!["phone"]);
        assert_eq!(kinds("+855 12-345-678 please"), vec!["phone"]);
        assert_eq!(kinds("ទូរស័ព្ទ ០១២ ៣៤៥ ៦៧៨"), vec!["phone"], "Khmer digits");
        assert_eq!(kinds("โทร ๐๘๑๒๓๔๕๖๗๘"), vec!["phone"], "Thai digits");
        assert_eq!(kinds("mail sokha.k@gmail.com"), vec!["email"], "the name inside is part of the e-mail");
        assert_eq!(kinds("see facebook.com/someone"), vec!["url"]);
        assert_eq!(kinds("my card N1234567"), vec!["id_number"]);
        assert_eq!(kinds("I am Sokha and my friend is mai."), vec!["name", "name"]);
        assert_eq!(kinds("@kid_2009 on tiktok"), vec!["handle"]);
        assert!(kinds("I am 15 and I liked the 3 meals a day").is_empty());
        assert!(kinds("Maintenance was slow").is_empty(), "names match whole words only");
    }

    #[test]
    fn spans_point_at_the_text() {
        let text = "call 012 345 678 now";
        assert_eq!(check(), Ok(()));
        let spans = find(text, &[]).unwrap();
        assert_eq!(&text[spans[0].0..spans[0].1], "012 345 678");
    }
}
