//! Server-side state handed to pages and server functions through context.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use siang_storage::{Db, Helpline, Programme, ProgrammeText, QuestionnaireVersion};

use crate::api::limits::Limits;
use crate::api::secrets::Secrets;
use crate::i18n::Locale;
use crate::model::questionnaire::QuestionnaireView;

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
    /// Failed staff sign-ins one client address may make in ten minutes.
    pub sign_in_limit: u32,
    /// Staff sessions end after this much inactivity, and after `session_absolute_secs` in any case.
    pub session_idle_secs: i64,
    pub session_absolute_secs: i64,
}

impl Config {
    /// Served over TLS (directly or behind a TLS proxy), as `SIANG_PUBLIC_ORIGIN` says.
    pub fn tls(&self) -> bool {
        self.public_origin.as_deref().is_some_and(|o| o.starts_with("https://"))
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            exit_url: crate::model::DEFAULT_EXIT_URL.into(),
            public_origin: None,
            mark_translations: false,
            submit_limit: 300,
            sign_in_limit: 20,
            session_idle_secs: 30 * 60,
            session_absolute_secs: 12 * 3600,
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
/// them. Programmes are kept for a few seconds only (an administrator's
/// change, such as closing one, reaches every process that quickly);
/// helplines and the redaction name list for a minute.
/// Entries that expire: key → (fetched at, value).
type Timed<K, V> = Mutex<HashMap<K, (Instant, V)>>;
pub type ProgrammeEntry = Arc<(Programme, Vec<ProgrammeText>)>;

#[derive(Default)]
struct Caches {
    versions: Mutex<HashMap<i64, Arc<QuestionnaireVersion>>>,
    views: Mutex<HashMap<(i64, Locale), Arc<QuestionnaireView>>>,
    programmes: Timed<String, ProgrammeEntry>,
    helplines: Timed<String, Arc<Vec<Helpline>>>,
    names: Mutex<Option<(Instant, Arc<Vec<String>>)>>,
}

const PROGRAMME_TTL: Duration = Duration::from_secs(3);
const SLOW_TTL: Duration = Duration::from_secs(60);

fn fresh<K: std::hash::Hash + Eq, V: Clone>(map: &Timed<K, V>, key: &K, ttl: Duration) -> Option<V> {
    map.lock().ok()?.get(key).filter(|(at, _)| at.elapsed() < ttl).map(|(_, v)| v.clone())
}

fn keep<K: std::hash::Hash + Eq, V>(map: &Timed<K, V>, key: K, value: V) {
    if let Ok(mut m) = map.lock() {
        if m.len() > 10_000 {
            m.clear();
        }
        m.insert(key, (Instant::now(), value));
    }
}

impl AppState {
    pub fn new(db: Db, config: Config, secrets: Secrets) -> Self {
        let limits =
            Arc::new(Limits::new(Duration::from_secs(600), config.submit_limit, config.sign_in_limit));
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

    /// A version's questions in one language, built once per process.
    pub fn localised(&self, version: &QuestionnaireVersion, locale: Locale) -> Arc<QuestionnaireView> {
        let key = (version.id, locale);
        if let Some(v) = self.caches.views.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return v;
        }
        let view = Arc::new(crate::api::journey::localise(version, locale));
        if let Ok(mut m) = self.caches.views.lock() {
            m.insert(key, view.clone());
        }
        view
    }

    /// A programme and its texts by (normalised) code, or `None` when unknown.
    pub async fn programme(&self, code: &str) -> siang_storage::Result<Option<ProgrammeEntry>> {
        if let Some(p) = fresh(&self.caches.programmes, &code.to_owned(), PROGRAMME_TTL) {
            return Ok(Some(p));
        }
        let Some(programme) = self.db.programme_by_code(code).await? else { return Ok(None) };
        let texts = self.db.programme_texts(programme.id).await?;
        let entry = Arc::new((programme, texts));
        keep(&self.caches.programmes, code.to_owned(), entry.clone());
        Ok(Some(entry))
    }

    /// Helplines of one country.
    pub async fn helplines(&self, country: &str) -> siang_storage::Result<Arc<Vec<Helpline>>> {
        if let Some(h) = fresh(&self.caches.helplines, &country.to_owned(), SLOW_TTL) {
            return Ok(h);
        }
        let lines = Arc::new(self.db.helplines(Some(country)).await?);
        keep(&self.caches.helplines, country.to_owned(), lines.clone());
        Ok(lines)
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
