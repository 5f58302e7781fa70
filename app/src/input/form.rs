//! `application/x-www-form-urlencoded` bodies, parsed by `form_urlencoded`
//! (the url crate's parser), plus two things it does not do:
//!
//! - **Invalid UTF-8 is detected** and reported to the person (in their
//!   language) instead of being silently replaced.
//! - **Text is normalised once, for both databases**: NUL and the other
//!   control characters are dropped (newline and tab kept; a browser's CRLF
//!   becomes LF) and the text is put in Unicode NFC, so SQLite and
//!   PostgreSQL store the same thing and the same words compare equal.
use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Default, Clone)]
pub struct RawForm {
    pub fields: Vec<(String, String)>,
    /// Some name or value was not valid UTF-8 (it was kept with replacement characters).
    pub invalid_utf8: bool,
}

/// Drops control characters (C0 but newline and tab, DEL, C1) and
/// NFC-normalises. Applied to every field of every form.
pub fn normalise_text(text: &str) -> String {
    let keep = |c: &char| matches!(c, '\n' | '\t') || !c.is_control();
    if text.chars().all(|c| keep(&c) && c.is_ascii()) {
        return text.to_owned();
    }
    text.chars().filter(keep).nfc().collect()
}

impl RawForm {
    pub fn parse(body: &[u8]) -> RawForm {
        // Separators are ASCII and never continue a multi-byte sequence, so
        // the body as a whole decodes cleanly exactly when every field does.
        let spaced: Cow<[u8]> = if body.contains(&b'+') {
            Cow::Owned(body.iter().map(|b| if *b == b'+' { b' ' } else { *b }).collect())
        } else {
            Cow::Borrowed(body)
        };
        let invalid_utf8 = percent_encoding::percent_decode(&spaced).decode_utf8().is_err();
        let fields = form_urlencoded::parse(body)
            .map(|(name, value)| (normalise_text(&name), normalise_text(&value)))
            .collect();
        RawForm { fields, invalid_utf8 }
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn all(&self, name: &str) -> Vec<&str> {
        self.fields.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_flags_broken_utf8() {
        let f = RawForm::parse(b"a=1&b=hello+world&c=%E1%9E%9F&c=x&d");
        assert_eq!(f.get("b"), Some("hello world"));
        assert_eq!(f.get("c"), Some("ស"));
        assert_eq!(f.all("c"), vec!["ស", "x"]);
        assert_eq!(f.get("d"), Some(""));
        assert!(!f.invalid_utf8);
        let f = RawForm::parse(b"t=ok%FF%FEbad&u=%zz%");
        assert!(f.invalid_utf8);
        assert_eq!(f.get("t"), Some("ok\u{FFFD}\u{FFFD}bad"));
        assert_eq!(f.get("u"), Some("%zz%"));
        assert!(RawForm::parse(b"a=%E1%9E&b=%9F").invalid_utf8, "a sequence cut by a separator");
        assert!(!RawForm::parse(b"a=%EF%BF%BD").invalid_utf8, "a real replacement character is fine");
    }

    #[test]
    fn text_is_normalised_once_for_every_backend() {
        let f = RawForm::parse(b"t=a%00b%0D%0Ac%09d%1Be%7Ff%C2%85g");
        assert_eq!(f.get("t"), Some("ab\nc\tdefg"), "NUL, CR, ESC, DEL and C1 dropped; LF and tab kept");
        // "é" typed as e + combining acute becomes the one precomposed character.
        let f = RawForm::parse("t=e%CC%81".as_bytes());
        assert_eq!(f.get("t"), Some("\u{e9}"));
        // Khmer and Burmese survive normalisation unchanged.
        for text in ["សួស្តី", "မင်္ဂလာပါ", "ສະບາຍດີ"] {
            assert_eq!(normalise_text(text), text);
        }
        assert_eq!(normalise_text("plain ascii"), "plain ascii");
    }
}
