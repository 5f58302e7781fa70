//! Codes of the codebook as pages show them: facet, key and a label in the
//! reader's language.
use serde::{Deserialize, Serialize};

/// Longest label of an organisation's own code, in characters.
pub const LABEL_MAX: usize = 80;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Code {
    pub id: i64,
    /// type, component or theme
    pub facet: String,
    pub key: String,
    pub label: String,
    /// An organisation's own code (the default ones are for everyone).
    pub own: bool,
    /// Languages an organisation's code has no label in yet.
    pub missing: Vec<String>,
    /// Languages the organisation gave a default code a label of its own in.
    pub relabelled: Vec<String>,
    /// Not offered for new coding in this organisation; codes already given stay.
    pub retired: bool,
}

impl Code {
    /// Offered for coding: not retired, or already given here (so saving the
    /// set does not silently drop it).
    pub fn offered(&self, given: &[i64]) -> bool {
        !self.retired || given.contains(&self.id)
    }
}

/// A code key as administrators may write it: lower-case letters, digits and `_`.
pub fn valid_key(key: &str) -> bool {
    (2..=40).contains(&key.len())
        && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodebookData {
    /// Organisations the caller keeps a codebook for: (id, name, codes).
    pub organisations: Vec<(i64, String, Vec<Code>)>,
}

#[cfg(test)]
mod tests {
    #[test]
    fn keys_are_plain() {
        for ok in ["papers_delay", "food2", "ab"] {
            assert!(super::valid_key(ok), "{ok}");
        }
        for bad in ["", "a", "Papers", "papers delay", "ព", "a-b", &"x".repeat(41)] {
            assert!(!super::valid_key(bad), "{bad}");
        }
    }
}
