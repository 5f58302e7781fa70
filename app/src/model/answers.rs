//! Answers as a young person gives them, and the checks they must pass.
//! Shared by the server (authoritative) and the browser (early hints).
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use validator::{ValidateLength, ValidateRange};

use super::AppError;

/// Form values that are not a choice of the question itself.
pub const DONT_KNOW: &str = "dont_know";
pub const PREFER_NOT: &str = "prefer_not";
/// The explicit "no answer" radio (skipping needs no JavaScript).
pub const SKIP: &str = "skip";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    Rating(u8),
    Choice(String),
    Choices(Vec<String>),
    Text(String),
    DontKnow,
    PreferNot,
}

/// Question id → answer. A question that is absent was skipped.
pub type Answers = BTreeMap<i64, Answer>;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionKind {
    Scale,
    Single,
    Multi,
    Text,
}

impl QuestionKind {
    pub fn parse(kind: &str) -> Option<QuestionKind> {
        match kind {
            "scale" => Some(QuestionKind::Scale),
            "single" => Some(QuestionKind::Single),
            "multi" => Some(QuestionKind::Multi),
            "text" => Some(QuestionKind::Text),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            QuestionKind::Scale => "scale",
            QuestionKind::Single => "single",
            QuestionKind::Multi => "multi",
            QuestionKind::Text => "text",
        }
    }
}

/// Free text within `max` characters (characters, not bytes: Khmer and
/// Burmese take three bytes a character).
pub fn check_text(text: &str, max: usize) -> Result<(), AppError> {
    if text.validate_length(None, Some(max as u64), None) {
        Ok(())
    } else {
        Err(AppError::TextTooLong { max })
    }
}

pub fn check_rating(raw: &str) -> Result<u8, AppError> {
    let value: i64 = raw.trim().parse().map_err(|_| AppError::RatingOutOfRange)?;
    if value.validate_range(Some(1), Some(5), None, None) {
        Ok(value as u8)
    } else {
        Err(AppError::RatingOutOfRange)
    }
}

/// One question's posted values turned into an answer (`None`: skipped).
/// `options` are the question's choice keys.
pub fn parse_answer(
    kind: QuestionKind,
    values: &[&str],
    options: &[&str],
    max_chars: usize,
) -> Result<Option<Answer>, AppError> {
    let values: Vec<&str> = values.iter().copied().filter(|v| !v.is_empty() && *v != SKIP).collect();
    if kind != QuestionKind::Multi && values.len() > 1 {
        return Err(AppError::BadRequest);
    }
    if values.contains(&DONT_KNOW) && kind != QuestionKind::Text {
        return Ok(Some(Answer::DontKnow));
    }
    if values.contains(&PREFER_NOT) && kind != QuestionKind::Text {
        return Ok(Some(Answer::PreferNot));
    }
    let Some(first) = values.first() else { return Ok(None) };
    match kind {
        QuestionKind::Scale => Ok(Some(Answer::Rating(check_rating(first)?))),
        QuestionKind::Single => {
            if options.contains(first) {
                Ok(Some(Answer::Choice((*first).to_owned())))
            } else {
                Err(AppError::UnknownChoice)
            }
        }
        QuestionKind::Multi => {
            let mut picked = Vec::new();
            for v in &values {
                if !options.contains(v) {
                    return Err(AppError::UnknownChoice);
                }
                if !picked.iter().any(|p: &String| p == v) {
                    picked.push((*v).to_owned());
                }
            }
            Ok(Some(Answer::Choices(picked)))
        }
        QuestionKind::Text => {
            let text = first.trim();
            if text.is_empty() {
                return Ok(None);
            }
            check_text(text, max_chars)?;
            Ok(Some(Answer::Text(text.to_owned())))
        }
    }
}

/// The form values that reproduce an answer (for hidden fields and re-rendering).
pub fn form_values(answer: &Answer) -> Vec<String> {
    match answer {
        Answer::Rating(r) => vec![r.to_string()],
        Answer::Choice(c) => vec![c.clone()],
        Answer::Choices(c) => c.clone(),
        Answer::Text(t) => vec![t.clone()],
        Answer::DontKnow => vec![DONT_KNOW.into()],
        Answer::PreferNot => vec![PREFER_NOT.into()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_checked_by_kind() {
        use QuestionKind::*;
        assert_eq!(parse_answer(Scale, &["4"], &[], 0), Ok(Some(Answer::Rating(4))));
        assert_eq!(parse_answer(Scale, &["6"], &[], 0), Err(AppError::RatingOutOfRange));
        assert_eq!(parse_answer(Scale, &["x"], &[], 0), Err(AppError::RatingOutOfRange));
        assert_eq!(parse_answer(Scale, &[SKIP], &[], 0), Ok(None));
        assert_eq!(parse_answer(Scale, &[], &[], 0), Ok(None));
        assert_eq!(parse_answer(Scale, &[DONT_KNOW], &[], 0), Ok(Some(Answer::DontKnow)));
        assert_eq!(parse_answer(Scale, &["1", "2"], &[], 0), Err(AppError::BadRequest));
        assert_eq!(parse_answer(Single, &["yes"], &["yes", "no"], 0), Ok(Some(Answer::Choice("yes".into()))));
        assert_eq!(parse_answer(Single, &["maybe"], &["yes", "no"], 0), Err(AppError::UnknownChoice));
        assert_eq!(
            parse_answer(Multi, &["a", "b", "a"], &["a", "b"], 0),
            Ok(Some(Answer::Choices(vec!["a".into(), "b".into()])))
        );
        assert_eq!(parse_answer(Multi, &[PREFER_NOT], &["a"], 0), Ok(Some(Answer::PreferNot)));
        assert_eq!(parse_answer(Text, &["  hi  "], &[], 5), Ok(Some(Answer::Text("hi".into()))));
        assert_eq!(parse_answer(Text, &["   "], &[], 5), Ok(None));
        // Five Khmer characters are fifteen bytes but within a five-character limit.
        assert_eq!(parse_answer(Text, &["សួស្ត"], &[], 5).map(|a| a.is_some()), Ok(true));
        assert_eq!(parse_answer(Text, &["abcdef"], &[], 5), Err(AppError::TextTooLong { max: 5 }));
    }
}
