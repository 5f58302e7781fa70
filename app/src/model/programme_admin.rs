//! What administrators see and type when they set an organisation up:
//! organisations, a programme's details, texts per language and code.
use serde::{Deserialize, Serialize};

/// Countries a programme may run in: each has its helplines seeded.
pub const COUNTRIES: [&str; 6] = ["KH", "LA", "MM", "TH", "VN", "CN"];

/// Letters and digits a child cannot mix up when copying a code from a
/// poster (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, 6/G).
pub const CODE_ALPHABET: &[u8] = b"ACDEFHJKMNPQRTUVWXY3479";
/// Long enough that guessing a programme is pointless (23^6 ≈ 148 million).
pub const CODE_LENGTH: usize = 6;

pub const NAME_MAX: usize = 120;
pub const ABOUT_MAX: usize = 1000;
pub const RESPONSE_DAYS: std::ops::RangeInclusive<i64> = 1..=60;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationLine {
    pub id: i64,
    pub name: String,
    pub slug: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionnaireChoice {
    pub id: i64,
    pub name: String,
    /// `None`: the installation's, usable by every organisation.
    pub organisation_id: Option<i64>,
}

/// The organisations section and the new-programme form of the programmes page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SetupChoices {
    /// Organisations the caller may add programmes to (and rename).
    pub organisations: Vec<OrganisationLine>,
    pub questionnaires: Vec<QuestionnaireChoice>,
    /// Installation administrators add organisations.
    pub can_add_organisation: bool,
}

/// One language's texts of a programme; empty when not written yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocaleTexts {
    pub locale: String,
    pub name: String,
    pub about: String,
    pub team: String,
    pub written: bool,
}

/// Whether young people can answer today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OpenState {
    NotYet,
    Open,
    Closed,
}

/// The programme edit page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeSetup {
    pub code: String,
    pub name: String,
    pub organisation: String,
    pub country: String,
    pub languages: Vec<String>,
    pub opens_on: String,
    pub closes_on: String,
    pub questionnaire_id: i64,
    pub questionnaires: Vec<QuestionnaireChoice>,
    pub team_name: String,
    pub response_days: i64,
    pub texts: Vec<LocaleTexts>,
    pub state: OpenState,
}

/// Characters that reorder or hide text: a name made of them, or holding
/// them, could show staff and children something other than what is stored.
fn deceptive(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// A one-line name: trimmed, with a letter or digit (of any script), at
/// most `max` characters, nothing that reorders or hides text.
pub fn one_line(text: &str, max: usize) -> Option<String> {
    let t = text.trim();
    let visible = t.chars().any(char::is_alphanumeric);
    (visible && t.chars().count() <= max && !t.contains('\n') && !t.chars().any(deceptive))
        .then(|| t.to_owned())
}

/// A helpline's number (with digits) or a website's name (a dot, no
/// spaces): ASCII letters, digits, spaces and `+ - ( ) . , /` only, so what
/// a child reads is what they dial.
pub fn phone_like(text: &str) -> Option<String> {
    let t = one_line(text, 60)?;
    let plain = t.chars().all(|c| c.is_ascii_alphanumeric() || " +-().,/".contains(c));
    let number = t.chars().any(|c| c.is_ascii_digit());
    let site = t.contains('.') && !t.contains(' ');
    (plain && (number || site)).then_some(t)
}

#[cfg(feature = "ssr")]
/// A date typed as YYYY-MM-DD (what `<input type=date>` sends): `Some(None)`
/// when left empty, `None` when it is not a date.
pub fn optional_date(text: &str) -> Option<Option<chrono::NaiveDate>> {
    let t = text.trim();
    if t.is_empty() {
        return Some(None);
    }
    if t.len() != 10 || !t.is_ascii() {
        return None;
    }
    chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").ok().map(Some)
}

/// A code from the unambiguous alphabet, given random bytes.
pub fn code_from(bytes: &[u8; CODE_LENGTH]) -> String {
    bytes.iter().map(|b| CODE_ALPHABET[*b as usize % CODE_ALPHABET.len()] as char).collect()
}

/// An organisation's slug from its name: ASCII letters and digits, or `org` when none.
pub fn slug_of(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').chars().take(40).collect::<String>();
    if slug.is_empty() {
        "org".to_owned()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_never_use_letters_a_child_could_mix_up() {
        for c in b"0O1IL2Z5S8B6G" {
            assert!(!CODE_ALPHABET.contains(c), "{}", *c as char);
        }
        let code = code_from(&[0, 22, 23, 255, 100, 7]);
        assert_eq!(code.len(), CODE_LENGTH);
        assert!(code.bytes().all(|b| CODE_ALPHABET.contains(&b)), "{code}");
        assert_eq!(&code[..2], "A9");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn dates_are_whole_iso_days_or_nothing() {
        assert_eq!(optional_date(""), Some(None));
        assert!(optional_date("2026-02-30").is_none());
        assert!(optional_date("2026-2-3").is_none());
        assert_eq!(optional_date("2026-12-01"), Some(chrono::NaiveDate::from_ymd_opt(2026, 12, 1)));
    }

    #[test]
    fn helpline_links_are_https_and_countries_known() {
        assert!(safe_link("https://childhelplineinternational.org/helplines/"));
        for bad in [
            "javascript:alert(1)",
            "http://x.org",
            "https://",
            "https:///x",
            "https://a b",
            "data:text/html,x",
        ] {
            assert!(!safe_link(bad), "{bad}");
        }
        assert!(helpline_country("INT") && helpline_country("LA") && !helpline_country("US"));
    }

    #[test]
    fn names_and_slugs() {
        assert_eq!(one_line("  Hope  ", 10).as_deref(), Some("Hope"));
        assert_eq!(one_line("", 10), None);
        assert_eq!(one_line("a\nb", 10), None);
        assert_eq!(one_line("ឈ្មោះ", 5).as_deref(), Some("ឈ្មោះ"));
        assert_eq!(one_line("abcdef", 5), None);
        for hidden in ["\u{200B}", "\u{202E}0821", "Hope\u{2066}", " - "] {
            assert_eq!(one_line(hidden, 20), None, "{hidden:?}");
        }
        assert_eq!(phone_like("1280 (free)").as_deref(), Some("1280 (free)"));
        assert_eq!(phone_like("+855 23 1280").as_deref(), Some("+855 23 1280"));
        assert_eq!(
            phone_like("childhelplineinternational.org").as_deref(),
            Some("childhelplineinternational.org")
        );
        for bad in ["\u{202E}0821", "１２８０", "call: me", "12\u{200B}80"] {
            assert_eq!(phone_like(bad), None, "{bad:?}");
        }
        assert_eq!(slug_of("Hope for Children (KH)"), "hope-for-children-kh");
        assert_eq!(slug_of("មូលនិធិ"), "org");
    }
}

/// One helpline as administrators keep it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelplineAdmin {
    pub id: i64,
    pub country: String,
    pub name: String,
    pub phone: String,
    pub url: String,
    pub hours: String,
    /// YYYY-MM-DD of the last confirmation, if any.
    pub verified_on: Option<String>,
    /// (language tag, name) for every shipped language; empty when not translated.
    pub names: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelplinesData {
    pub lines: Vec<HelplineAdmin>,
    /// Installation administrators edit; organisation administrators read.
    pub can_edit: bool,
}

/// Where a helpline may be listed: a programme country, or everywhere.
pub fn helpline_country(c: &str) -> bool {
    c == "INT" || COUNTRIES.contains(&c)
}

/// A link young people may open: https only, no spaces, a sane length.
pub fn safe_link(url: &str) -> bool {
    let u = url.trim();
    u.len() <= 300
        && u.strip_prefix("https://").is_some_and(|rest| {
            !rest.is_empty()
                && !rest.starts_with('/')
                && !u.chars().any(|c| c.is_whitespace() || c.is_control())
        })
}
