//! The shipped languages and how a request picks one.
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Locale {
    #[default]
    En,
    Km,
    Lo,
    My,
    Th,
    Vi,
    ZhHans,
}

impl Locale {
    pub const ALL: [Locale; 7] =
        [Locale::En, Locale::Km, Locale::Lo, Locale::My, Locale::Th, Locale::Vi, Locale::ZhHans];

    /// The BCP 47 tag, also the first segment of every localised URL.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Km => "km",
            Locale::Lo => "lo",
            Locale::My => "my",
            Locale::Th => "th",
            Locale::Vi => "vi",
            Locale::ZhHans => "zh-Hans",
        }
    }

    /// Exact URL segment (case-insensitive).
    pub fn from_tag(tag: &str) -> Option<Locale> {
        Locale::ALL.into_iter().find(|l| l.tag().eq_ignore_ascii_case(tag))
    }

    /// Loose match for an `Accept-Language` range: `zh-CN` → zh-Hans, `km-KH` → km.
    pub fn from_range(range: &str) -> Option<Locale> {
        let range = range.trim().to_ascii_lowercase();
        if let Some(l) = Locale::from_tag(&range) {
            return Some(l);
        }
        let primary = range.split('-').next().unwrap_or_default();
        match primary {
            "zh" if !(range.contains("hant") || range.ends_with("-tw") || range.ends_with("-hk")) => {
                Some(Locale::ZhHans)
            }
            "zh" => None,
            other => Locale::from_tag(other),
        }
    }

    /// Picks the best shipped locale from an `Accept-Language` header, honouring q-values.
    pub fn negotiate(accept_language: &str) -> Option<Locale> {
        let mut ranges: Vec<(f32, usize, &str)> = accept_language
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut bits = part.split(';');
                let range = bits.next()?.trim();
                let q = bits
                    .find_map(|b| b.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                (q > 0.0 && !range.is_empty()).then_some((q, i, range))
            })
            .collect();
        ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranges.into_iter().find_map(|(_, _, r)| Locale::from_range(r))
    }

    /// Scripts whose stacked marks need larger text and line height to stay legible.
    pub fn complex_script(self) -> bool {
        matches!(self, Locale::Km | Locale::Lo | Locale::My | Locale::Th)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_with_q_values_and_regions() {
        assert_eq!(Locale::negotiate("fr-FR, km-KH;q=0.8, en;q=0.5"), Some(Locale::Km));
        assert_eq!(Locale::negotiate("zh-CN,zh;q=0.9"), Some(Locale::ZhHans));
        assert_eq!(Locale::negotiate("zh-TW"), None);
        assert_eq!(Locale::negotiate("en;q=0.2, my;q=0.9"), Some(Locale::My));
        assert_eq!(Locale::negotiate("de, fr"), None);
        assert_eq!(Locale::negotiate("th;q=0"), None);
        assert_eq!(Locale::from_tag("ZH-HANS"), Some(Locale::ZhHans));
    }
}
