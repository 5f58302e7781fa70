//! Server-side state handed to pages and server functions through context.
use std::sync::Arc;

use siang_storage::Db;

/// Settings read once at start-up (see the README's configuration table).
#[derive(Clone, Debug)]
pub struct Config {
    /// Where the quick-exit button leads: a neutral page.
    pub exit_url: String,
    /// Public origin (scheme://host[:port]) used for links, QR codes and the origin check.
    pub public_origin: Option<String>,
    /// Wrap every translated string in ⟦…⟧ (tests use it to find untranslated text).
    pub mark_translations: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            exit_url: crate::model::DEFAULT_EXIT_URL.into(),
            public_origin: None,
            mark_translations: false,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
}

impl AppState {
    pub fn new(db: Db, config: Config) -> Self {
        AppState { db, config: Arc::new(config) }
    }
}

/// The state of the current request; `None` only outside a server request.
pub fn app_state() -> Option<AppState> {
    leptos::prelude::use_context::<AppState>()
}
