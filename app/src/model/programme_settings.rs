//! A programme's safety settings as administrators keep them: places to
//! catch in free text, who is alerted about a safeguarding concern, and the
//! referral steps; and the installation's list of names to catch.
use serde::{Deserialize, Serialize};

/// Most lines in one list, and longest line, in characters.
pub const LIST_MAX: usize = 300;
pub const LINE_MAX: usize = 200;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SafetySettings {
    pub code: String,
    pub name: String,
    pub places: Vec<String>,
    pub contacts: Vec<String>,
    pub referral_steps: Vec<String>,
    /// The installation's names list, when the caller may change it.
    pub names: Option<Vec<String>>,
}

/// The non-empty, trimmed lines of a text box (referral steps are
/// sentences); `None` when there are too many or one is too long.
pub fn lines(text: &str) -> Option<Vec<String>> {
    bounded(text.lines())
}

/// Lines or comma-separated items (places, names, addresses): the ASCII
/// comma, the full-width and ideographic ones, and Burmese's ၊.
pub fn items(text: &str) -> Option<Vec<String>> {
    bounded(text.lines().flat_map(|l| l.split([',', '，', '、', '၊'])))
}

fn bounded<'a>(parts: impl Iterator<Item = &'a str>) -> Option<Vec<String>> {
    let out: Vec<String> = parts.map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
    (out.len() <= LIST_MAX && out.iter().all(|l| l.chars().count() <= LINE_MAX)).then_some(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn lines_are_trimmed_split_and_bounded() {
        assert_eq!(super::items(" a \n\n b, c \n").unwrap(), vec!["a", "b", "c"]);
        assert_eq!(
            super::items("王小明，李华、ဇော်ဇော်၊ မြမြ").unwrap(),
            vec!["王小明", "李华", "ဇော်ဇော်", "မြမြ"]
        );
        assert_eq!(super::lines("Call, then write.\n").unwrap(), vec!["Call, then write."]);
        assert!(super::lines(&"x".repeat(201)).is_none());
        assert!(super::lines(&"x\n".repeat(301)).is_none());
    }
}
