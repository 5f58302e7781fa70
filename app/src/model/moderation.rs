//! What the moderation pages show. Submissions are named to staff by a
//! reference made from their random identifier (base 36), which carries no
//! order of arrival.
use serde::{Deserialize, Serialize};

/// The states of the review queue, in the order the queue offers them.
pub const STATES: [&str; 4] = ["new", "in_review", "approved", "archived"];

/// A submission's reference as staff see it, in links and in the audit log.
pub fn reference(id: i64) -> String {
    let mut n = id.unsigned_abs();
    let mut out = Vec::new();
    loop {
        out.push(b"0123456789abcdefghijklmnopqrstuvwxyz"[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The identifier behind a reference; `None` for anything that is not one.
pub fn parse_reference(text: &str) -> Option<i64> {
    let text = text.trim();
    if text.is_empty()
        || text.len() > 13
        || !text.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
    {
        return None;
    }
    i64::from_str_radix(text, 36).ok().filter(|id| *id > 0)
}

/// One programme the caller moderates, with its released submissions per state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeQueue {
    pub code: String,
    pub name: String,
    /// (state, count) for every state in [`STATES`] order.
    pub counts: Vec<(String, i64)>,
}

/// The queue's filters as they travel in the page's address.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueQuery {
    pub programme: String,
    pub state: Option<String>,
    pub version: Option<i64>,
    pub lang: Option<String>,
    /// "1-2", "3-3", …: at least one rating in the range.
    pub rating: Option<(i64, i64)>,
    pub text: Option<bool>,
    pub suspected: Option<bool>,
    /// A code of the codebook.
    pub code: Option<i64>,
    pub page: i64,
}

impl QueueQuery {
    /// The address of this query (for links that keep every filter).
    pub fn to_query(&self, page: i64) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        out.append_pair("p", &self.programme);
        if let Some(s) = &self.state {
            out.append_pair("state", s);
        }
        if let Some(v) = self.version {
            out.append_pair("version", &v.to_string());
        }
        if let Some(l) = &self.lang {
            out.append_pair("lang", l);
        }
        if let Some((lo, hi)) = self.rating {
            out.append_pair("rating", &format!("{lo}-{hi}"));
        }
        if let Some(c) = self.code {
            out.append_pair("code", &c.to_string());
        }
        for (name, v) in [("text", self.text), ("suspected", self.suspected)] {
            if let Some(v) = v {
                out.append_pair(name, if v { "yes" } else { "no" });
            }
        }
        if page > 0 {
            out.append_pair("page", &page.to_string());
        }
        out.finish()
    }
}

/// "yes"/"no" as a filter; anything else is "any".
pub fn yes_no(v: Option<&str>) -> Option<bool> {
    match v {
        Some("yes") => Some(true),
        Some("no") => Some(false),
        _ => None,
    }
}

/// "lo-hi" with 1 ≤ lo ≤ hi ≤ 5.
pub fn rating_range(v: Option<&str>) -> Option<(i64, i64)> {
    let (lo, hi) = v?.split_once('-')?;
    let (lo, hi) = (lo.parse().ok()?, hi.parse().ok()?);
    (1 <= lo && lo <= hi && hi <= 5).then_some((lo, hi))
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub reference: String,
    /// The day it was sent (no finer time exists).
    pub day: String,
    pub locale: String,
    pub version: i64,
    pub state: String,
    pub status: String,
    pub has_text: bool,
    pub suspected: bool,
    pub replies: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueData {
    pub code: String,
    pub name: String,
    pub counts: Vec<(String, i64)>,
    pub items: Vec<QueueItem>,
    /// Questionnaire version numbers found in this programme: (id, number).
    pub versions: Vec<(i64, i64)>,
    pub locales: Vec<String>,
    /// The codebook of the programme's organisation (for the code filter).
    pub codes: Vec<crate::model::codebook::Code>,
    pub has_more: bool,
}

/// One answer as a moderator reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shown {
    Rating(i64),
    Choices(Vec<String>),
    /// Free text as the young person wrote it, in their language.
    Text(String),
    Skipped,
    DontKnow,
    PreferNot,
}

/// Kinds of personal detail a moderator can redact, in the order offered.
pub const DETAIL_KINDS: [&str; 8] =
    ["name", "place", "phone", "email", "url", "id_number", "handle", "other"];

/// A span suspected at submission, not yet accepted or rejected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Detail {
    pub id: i64,
    pub kind: String,
    /// The suspected words, as they stand in the text.
    pub words: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerLine {
    pub screen: usize,
    /// The question in the moderator's language.
    pub prompt: String,
    pub shown: Shown,
    /// The stored answer (free text only: redaction forms name it).
    pub answer_id: Option<i64>,
    /// The free text cut into pieces, each with the kind of detail it is
    /// suspected to be (to be highlighted), if any.
    pub pieces: Vec<(String, Option<String>)>,
    pub details: Vec<Detail>,
}

/// `text` cut at the (byte) spans, each marked with its kind. Spans that do
/// not fit the text are left out rather than trusted.
pub fn pieces(text: &str, spans: &[(usize, usize, String)]) -> Vec<(String, Option<String>)> {
    let mut spans: Vec<&(usize, usize, String)> = spans.iter().collect();
    spans.sort_by_key(|s| s.0);
    let mut out = Vec::new();
    let mut at = 0;
    for (s, e, kind) in spans {
        if *s < at || e <= s || *e > text.len() || !text.is_char_boundary(*s) || !text.is_char_boundary(*e) {
            continue;
        }
        if *s > at {
            out.push((text[at..*s].to_owned(), None));
        }
        out.push((text[*s..*e].to_owned(), Some(kind.clone())));
        at = *e;
    }
    if at < text.len() || out.is_empty() {
        out.push((text[at..].to_owned(), None));
    }
    out
}

/// A code on words of one answer, with the words as they stand now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanLine {
    pub id: i64,
    pub answer_id: i64,
    pub words: String,
    pub label: String,
}

/// A reply as the moderator sees it: it may be corrected until the young person has read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyLine {
    pub id: i64,
    pub day: String,
    pub body: String,
    pub seen: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionData {
    pub reference: String,
    pub code: String,
    pub name: String,
    pub day: String,
    /// The language the young person used.
    pub locale: String,
    pub version: i64,
    pub state: String,
    pub status: String,
    pub answers: Vec<AnswerLine>,
    /// Suspected personal details not yet accepted or rejected.
    pub unresolved: i64,
    /// The replies sent so far.
    pub replies: Vec<ReplyLine>,
    /// Reply templates in the young person's language: (id, title).
    pub templates: Vec<(i64, String)>,
    /// The template chosen to start from, if any.
    pub start_from: Option<String>,
    /// The codebook of the programme's organisation, and the codes this submission carries.
    pub codes: Vec<crate::model::codebook::Code>,
    pub chosen: Vec<i64>,
    /// Codes on words of an answer.
    pub spans: Vec<SpanLine>,
    /// Quotes may be picked (approved, every detail resolved), under one of these themes.
    pub quotable: bool,
    pub themes: Vec<(i64, String)>,
    /// Sentences of this submission quoted already.
    pub quoted: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_round_trip_and_refuse_anything_else() {
        for id in [1, 35, 36, 1 << 40, i64::MAX] {
            assert_eq!(parse_reference(&reference(id)), Some(id), "{id}");
        }
        assert_eq!(reference(36), "10");
        for bad in ["", "0", "-1", "ABC", "a b", "zzzzzzzzzzzzzz", "1ç", "../x"] {
            assert_eq!(parse_reference(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn text_is_cut_at_the_suspected_spans_only_where_they_fit() {
        let spans =
            vec![(5, 16, "phone".to_owned()), (8, 12, "overlap".to_owned()), (40, 50, "past".to_owned())];
        assert_eq!(
            pieces("call 012 345 678 now", &spans),
            vec![
                ("call ".to_owned(), None),
                ("012 345 678".to_owned(), Some("phone".to_owned())),
                (" now".to_owned(), None)
            ]
        );
        assert_eq!(pieces("សុខ", &[(1, 3, "name".to_owned())]), vec![("សុខ".to_owned(), None)]);
    }

    #[test]
    fn filters_parse_strictly_and_links_keep_them() {
        assert_eq!(rating_range(Some("1-2")), Some((1, 2)));
        for bad in ["0-2", "3-1", "1-6", "x", "2"] {
            assert_eq!(rating_range(Some(bad)), None, "{bad}");
        }
        assert_eq!(yes_no(Some("yes")), Some(true));
        assert_eq!(yes_no(Some("maybe")), None);
        let q = QueueQuery {
            programme: "SAFE 24&".into(),
            state: Some("new".into()),
            rating: Some((1, 2)),
            text: Some(false),
            ..Default::default()
        };
        assert_eq!(q.to_query(2), "p=SAFE+24%26&state=new&rating=1-2&text=no&page=2");
    }
}
