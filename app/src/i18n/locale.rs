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

/// A reader of Traditional Chinese is not sent to Simplified Chinese (which
/// fluent-langneg would match as a range): the next language they accept,
/// or English, serves them better.
fn traditional_chinese(id: &unic_langid::LanguageIdentifier) -> bool {
    id.language.as_str() == "zh"
        && (id.script.is_some_and(|s| s.as_str() == "Hant")
            || id.region.is_some_and(|r| matches!(r.as_str(), "TW" | "HK" | "MO")))
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

    /// Picks the best shipped locale from an `Accept-Language` header.
    /// fluent-langneg does the matching (regions, scripts, likely subtags:
    /// `km-KH` → km, `zh-CN` → zh-Hans, `zh-TW` → none); it ignores
    /// q-values by design, so the ranges are put in q order first and
    /// those with q=0 ("not this one") dropped.
    pub fn negotiate(accept_language: &str) -> Option<Locale> {
        use fluent_langneg::{negotiate_languages, NegotiationStrategy};
        use unic_langid::LanguageIdentifier;
        let mut ranges: Vec<(f32, usize, LanguageIdentifier)> = accept_language
            .split(',')
            .take(32)
            .enumerate()
            .filter_map(|(i, part)| {
                let mut bits = part.split(';');
                let range = bits.next()?.trim();
                let q = bits
                    .find_map(|b| b.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                let id = range.parse::<LanguageIdentifier>().ok()?;
                (q > 0.0 && range != "*").then_some((q, i, id))
            })
            .collect();
        ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let available: Vec<LanguageIdentifier> =
            Locale::ALL.iter().filter_map(|l| l.tag().parse().ok()).collect();
        // One range at a time, so the most wanted language wins even when a
        // less wanted one matches more exactly.
        ranges.iter().filter(|(_, _, id)| !traditional_chinese(id)).find_map(|(_, _, id)| {
            let best = negotiate_languages(&[id], &available, None, NegotiationStrategy::Lookup);
            best.first().and_then(|l| Locale::from_tag(&l.to_string()))
        })
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
        assert_eq!(Locale::negotiate("zh-Hant, vi;q=0.5"), Some(Locale::Vi));
        assert_eq!(Locale::negotiate("en;q=0.2, my;q=0.9"), Some(Locale::My));
        assert_eq!(Locale::negotiate("de, fr"), None);
        assert_eq!(Locale::negotiate("th;q=0"), None);
        assert_eq!(Locale::from_tag("ZH-HANS"), Some(Locale::ZhHans));
        assert_eq!(Locale::negotiate("zh-Hans-CN"), Some(Locale::ZhHans));
        assert_eq!(Locale::negotiate("lo-LA,en;q=0.5"), Some(Locale::Lo));
        assert_eq!(Locale::negotiate("*"), None);
        assert_eq!(Locale::negotiate("\u{0}garbage;;;q=x, vi"), Some(Locale::Vi));
    }
}
