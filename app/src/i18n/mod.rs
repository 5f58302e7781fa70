//! Translations. Every user-visible string comes from `locales/<lang>/*.ftl`.
//!
//! Pages are rendered on the server, so the bundles are used there; islands
//! receive their strings already translated, as props.
mod bundles;
mod locale;

pub use bundles::{message_ids, CATALOG, FTL_FILES};
pub use fluent_bundle::{FluentArgs, FluentValue};
use leptos::prelude::*;
pub use locale::Locale;

/// The request's language, plus a test switch that wraps every translated
/// string in ⟦…⟧ so a test can find text that did not come from Fluent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct I18n {
    pub locale: Locale,
    pub markers: bool,
}

/// Set on the server for the page-text test only.
#[derive(Clone, Copy, Debug, Default)]
pub struct MarkTranslations(pub bool);

impl I18n {
    pub fn new(locale: Locale) -> Self {
        I18n { locale, markers: false }
    }

    pub fn t(&self, key: &str) -> String {
        self.render(key, None)
    }

    pub fn t_args(&self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, v.clone());
        }
        self.render(key, Some(&fa))
    }

    fn render(&self, key: &str, args: Option<&FluentArgs>) -> String {
        let text = CATALOG.format(self.locale, key, args).unwrap_or_else(|| key.to_owned());
        if self.markers {
            format!("⟦{text}⟧")
        } else {
            text
        }
    }

    /// Whether this locale's texts still await a native speaker's review.
    pub fn is_draft(&self) -> bool {
        CATALOG.format(self.locale, "meta-review-status", None).as_deref() != Some("reviewed")
    }
}

pub fn provide_i18n(locale: Locale) -> I18n {
    let markers = use_context::<MarkTranslations>().unwrap_or_default().0;
    let i18n = I18n { locale, markers };
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n::new(Locale::En))
}
