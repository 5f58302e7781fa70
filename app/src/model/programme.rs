//! What youth pages show about a programme.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeCard {
    pub code: String,
    pub name: String,
    pub about: Option<String>,
    pub team_name: String,
    pub country: String,
    pub response_days: i64,
    /// The language `name` and `about` are written in: the page's own, or
    /// `en` where the organisation has not translated them yet.
    pub text_lang: String,
    /// The same for `team_name`.
    pub team_lang: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelplineCard {
    pub country: String,
    pub name: String,
    pub phone: String,
    pub url: Option<String>,
    pub hours: Option<String>,
    /// The language `name` and `hours` are written in.
    pub lang: String,
}

/// Programme codes: short, case-insensitive, from an alphabet without
/// look-alikes (no 0/O, 1/I/L). Spaces, dashes and lower case are accepted.
pub const CODE_ALPHABET: &str = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

pub fn normalise_code(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
        .map(|c| c.to_ascii_uppercase())
        .take(32)
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Poster {
    pub name: String,
    pub code: String,
    pub url: String,
    /// The link as an SVG QR code.
    pub qr_svg: String,
    /// The languages the programme offers (the poster invites in each).
    pub languages: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_forgiving() {
        assert_eq!(normalise_code(" k7m-4qx "), "K7M4QX");
        assert_eq!(normalise_code("ab cd"), "ABCD");
    }
}
