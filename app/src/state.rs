//! Server-side state handed to pages and server functions through context.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use siang_storage::{Db, QuestionnaireVersion};

use crate::api::limits::Limits;
use crate::api::secrets::Secrets;

/// Settings read once at start-up (see the README's configuration table).
#[derive(Clone, Debug)]
pub struct Config {
    /// Where the quick-exit button leads: a neutral page.
    pub exit_url: String,
    /// Public origin (scheme://host[:port]) used for links, QR codes and the origin check.
    pub public_origin: Option<String>,
    /// Wrap every translated string in ⟦…⟧ (tests use it to find untranslated text).
    pub mark_translations: bool,
    /// Submissions one client address may send in ten minutes.
    pub submit_limit: u32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            exit_url: crate::model::DEFAULT_EXIT_URL.into(),
            public_origin: None,
            mark_translations: false,
            submit_limit: 300,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub secrets: Secrets,
    pub limits: Arc<Limits>,
    caches: Arc<Caches>,
}

/// Published questionnaire versions never change, so any process may keep
/// them; the redaction name list is re-read every minute.
#[derive(Default)]
struct Caches {
    versions: Mutex<HashMap<i64, Arc<QuestionnaireVersion>>>,
    names: Mutex<Option<(Instant, Arc<Vec<String>>)>>,
}

impl AppState {
    pub fn new(db: Db, config: Config, secrets: Secrets) -> Self {
        let limits = Arc::new(Limits::new(Duration::from_secs(600), config.submit_limit));
        AppState { db, config: Arc::new(config), secrets, limits, caches: Arc::default() }
    }

    pub async fn version(&self, id: i64) -> siang_storage::Result<Option<Arc<QuestionnaireVersion>>> {
        if let Some(v) = self.caches.versions.lock().ok().and_then(|m| m.get(&id).cloned()) {
            return Ok(Some(v));
        }
        let Some(v) = self.db.version(id).await? else { return Ok(None) };
        let v = Arc::new(v);
        if let Ok(mut m) = self.caches.versions.lock() {
            m.insert(id, v.clone());
        }
        Ok(Some(v))
    }

    /// Names to catch in free text (setting `redaction_names`, one per line or comma).
    pub async fn redaction_names(&self) -> Arc<Vec<String>> {
        if let Some((at, names)) = self.caches.names.lock().ok().and_then(|n| n.clone()) {
            if at.elapsed() < Duration::from_secs(60) {
                return names;
            }
        }
        let raw = self.db.setting("redaction_names").await.ok().flatten().unwrap_or_default();
        let names: Arc<Vec<String>> = Arc::new(
            raw.split([',', '\n']).map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned).collect(),
        );
        if let Ok(mut n) = self.caches.names.lock() {
            *n = Some((Instant::now(), names.clone()));
        }
        names
    }
}

/// The state of the current request; `None` only outside a server request.
pub fn app_state() -> Option<AppState> {
    leptos::prelude::use_context::<AppState>()
}
