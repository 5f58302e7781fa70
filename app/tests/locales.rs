//! Every shipped locale has every message English has, and every file parses.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::i18n::{message_ids, Locale, CATALOG, FTL_FILES};
use app::model::AppError;

#[test]
fn every_locale_has_every_english_message() {
    let english = message_ids(Locale::En);
    assert!(english.len() > 100, "English has only {} messages", english.len());
    let mut problems = Vec::new();
    for locale in Locale::ALL {
        let ids = message_ids(locale);
        let missing: Vec<_> = english.iter().filter(|k| !ids.contains(k)).collect();
        let extra: Vec<_> = ids.iter().filter(|k| !english.contains(k)).collect();
        if !missing.is_empty() {
            problems.push(format!("{} lacks {missing:?}", locale.tag()));
        }
        if !extra.is_empty() {
            problems.push(format!("{} has messages English lacks {extra:?}", locale.tag()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_fluent_file_parses_cleanly() {
    for (tag, file, source) in FTL_FILES {
        if let Err((_, errors)) = fluent_bundle::FluentResource::try_new((*source).to_owned()) {
            panic!("locales/{tag}/{file} does not parse: {errors:?}");
        }
    }
    let tags: std::collections::BTreeSet<_> = FTL_FILES.iter().map(|(t, _, _)| *t).collect();
    let shipped: std::collections::BTreeSet<_> = Locale::ALL.iter().map(|l| l.tag()).collect();
    assert_eq!(tags, shipped, "locales/ folders and shipped locales differ");
}

#[test]
fn every_error_has_a_message_and_a_stable_code() {
    let mut codes = std::collections::HashSet::new();
    for e in AppError::all() {
        assert!(CATALOG.has(Locale::En, &e.message_key()), "no message {} for {e:?}", e.message_key());
        assert!(e.code().starts_with("E-"), "{}", e.code());
        assert!(codes.insert(e.code()), "duplicate code {}", e.code());
    }
    assert_eq!(AppError::ProgrammeUnknown.code(), "E-PROGRAMME-UNKNOWN");
}

#[test]
fn non_english_locales_are_marked_drafts_until_reviewed() {
    let en = app::i18n::I18n::new(Locale::En);
    assert!(!en.is_draft());
    for locale in Locale::ALL.into_iter().filter(|l| *l != Locale::En) {
        assert!(app::i18n::I18n::new(locale).is_draft(), "{} claims review", locale.tag());
        // Each language names itself in its own script, not in English.
        let name = CATALOG.format(locale, "language-self-name", None).unwrap();
        assert_ne!(name, "English", "{}", locale.tag());
    }
}
