//! Fluent bundles for every locale, built once from the embedded `.ftl` files.
use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

use super::Locale;

include!(concat!(env!("OUT_DIR"), "/ftl_files.rs"));

pub struct Catalog {
    bundles: HashMap<Locale, FluentBundle<FluentResource>>,
}

pub static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::load);

impl Catalog {
    fn load() -> Catalog {
        let mut bundles = HashMap::new();
        for locale in Locale::ALL {
            let lang = locale.tag().parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![lang]);
            // Unicode isolation marks would end up inside HTML text and attributes.
            bundle.set_use_isolating(false);
            for (tag, _file, source) in FTL_FILES.iter().filter(|(t, _, _)| *t == locale.tag()) {
                let resource = match FluentResource::try_new((*source).to_owned()) {
                    Ok(r) => r,
                    Err((r, errors)) => {
                        log_problem(tag, &format!("{errors:?}"));
                        r
                    }
                };
                if let Err(errors) = bundle.add_resource(resource) {
                    log_problem(tag, &format!("{errors:?}"));
                }
            }
            bundles.insert(locale, bundle);
        }
        Catalog { bundles }
    }

    /// The message in `locale`, falling back to English; `None` when no locale has it.
    pub fn format(&self, locale: Locale, key: &str, args: Option<&FluentArgs>) -> Option<String> {
        self.format_in(locale, key, args).or_else(|| self.format_in(Locale::En, key, args))
    }

    fn format_in(&self, locale: Locale, key: &str, args: Option<&FluentArgs>) -> Option<String> {
        let bundle = self.bundles.get(&locale)?;
        let pattern = bundle.get_message(key)?.value()?;
        let mut errors = vec![];
        Some(bundle.format_pattern(pattern, args, &mut errors).into_owned())
    }

    pub fn has(&self, locale: Locale, key: &str) -> bool {
        self.bundles.get(&locale).is_some_and(|b| b.has_message(key))
    }
}

/// Message ids defined in one locale's files (for the completeness test and tooling).
pub fn message_ids(locale: Locale) -> Vec<String> {
    let mut ids: Vec<String> = FTL_FILES
        .iter()
        .filter(|(t, _, _)| *t == locale.tag())
        .flat_map(|(_, _, src)| {
            let res = FluentResource::try_new((*src).to_owned()).unwrap_or_else(|(r, _)| r);
            res.entries()
                .filter_map(|e| match e {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

fn log_problem(tag: &str, problem: &str) {
    #[cfg(feature = "ssr")]
    tracing::error!(locale = tag, problem, "invalid Fluent file");
    #[cfg(not(feature = "ssr"))]
    let _ = (tag, problem);
}
