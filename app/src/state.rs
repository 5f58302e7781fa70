//! Server-side state handed to pages and server functions through context.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use siang_storage::{Db, Helpline, HelplineText, Programme, ProgrammeText, QuestionnaireVersion};

use crate::clock::Clock;
use crate::i18n::Locale;
use crate::model::questionnaire::QuestionnaireView;
use crate::security::limits::{LimitSettings, Limits};
use crate::security::secrets::Secrets;

/// Settings read once at start-up (see the README's configuration table).
#[derive(Clone, Debug)]
pub struct Config {
    /// Where the quick-exit button leads: a neutral page.
    pub exit_url: String,
    /// Public origin (scheme://host[:port]) used for links, QR codes and the origin check.
    pub public_origin: Option<String>,
    /// Without a public origin: `Host` values links may be built from
    /// (`SIANG_ALLOWED_HOSTS`; by default the address the server listens on).
    pub allowed_hosts: Vec<String>,
    /// Wrap every translated string in ⟦…⟧ (tests use it to find untranslated text).
    pub mark_translations: bool,
    /// Flood limits and the receipt-hash budget.
    pub limits: LimitSettings,
    /// "Now" for everything time-dependent (tests move it).
    pub clock: Clock,
    /// Tests only: every send waits here until this many are in flight, so
    /// a test can prove that two sends of one form really overlapped.
    pub send_rendezvous: Option<Arc<tokio::sync::Barrier>>,
    /// Staff sessions end after this much inactivity, and after `session_absolute_secs` in any case.
    pub session_idle_secs: i64,
    pub session_absolute_secs: i64,
    /// Outgoing mail (`SIANG_SMTP_URL`); without it nothing is e-mailed and
    /// sign-in links are shown to the person who made them.
    pub mailer: crate::mail::SharedMailer,
}

impl Config {
    /// Served over TLS (directly or behind a TLS proxy), as `SIANG_PUBLIC_ORIGIN` says.
    pub fn tls(&self) -> bool {
        self.public_origin.as_deref().is_some_and(|o| o.starts_with("https://"))
    }

    /// `scheme://host[:port]` of the quick-exit page (checked at start-up).
    pub fn exit_origin(&self) -> String {
        origin_of(&self.exit_url).unwrap_or_default()
    }

    /// The origin links shown to people are built on: the public origin, or
    /// the request's `Host` only when it is one of the allowed hosts (a
    /// forged `Host` must never put someone else's address in an
    /// invitation or on a poster), else the first allowed host.
    pub fn link_origin(&self, host_header: Option<&str>) -> String {
        if let Some(o) = &self.public_origin {
            return o.clone();
        }
        let host = host_header
            .filter(|h| self.allowed_hosts.iter().any(|a| a.eq_ignore_ascii_case(h)))
            .or_else(|| self.allowed_hosts.first().map(String::as_str))
            .unwrap_or("127.0.0.1:3000");
        format!("http://{host}")
    }
}

/// `scheme://host[:port]` of an absolute http(s) URL.
pub fn origin_of(url: &str) -> Option<String> {
    let uri: http::Uri = url.parse().ok()?;
    let scheme = uri.scheme_str().filter(|s| matches!(*s, "http" | "https"))?;
    Some(format!("{scheme}://{}", uri.authority()?))
}

impl Default for Config {
    fn default() -> Self {
        Config {
            exit_url: crate::model::DEFAULT_EXIT_URL.into(),
            public_origin: None,
            allowed_hosts: vec!["127.0.0.1:3000".into(), "localhost:3000".into()],
            mark_translations: false,
            limits: LimitSettings::default(),
            clock: Clock::system(),
            send_rendezvous: None,
            session_idle_secs: 30 * 60,
            session_absolute_secs: 12 * 3600,
            mailer: None,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub secrets: Secrets,
    pub limits: Arc<Limits>,
    /// Wakes the safeguarding alert task (a concern was just stored).
    pub alerts_wake: Arc<tokio::sync::Notify>,
    caches: Arc<Caches>,
}

/// Published questionnaire versions never change, so any process may keep
/// them. Programmes are kept for a few seconds only (an administrator's
/// change, such as closing one, reaches every process that quickly);
/// helplines and the redaction name list for a minute.
/// Entries that expire: key → (fetched at, value).
type Timed<K, V> = Mutex<HashMap<K, (Instant, V)>>;
pub type ProgrammeEntry = Arc<(Programme, Vec<ProgrammeText>)>;
pub type HelplineEntry = Arc<(Vec<Helpline>, Vec<HelplineText>)>;

#[derive(Default)]
struct Caches {
    versions: Mutex<HashMap<i64, Arc<QuestionnaireVersion>>>,
    views: Mutex<HashMap<(i64, Locale), Arc<QuestionnaireView>>>,
    programmes: Timed<String, ProgrammeEntry>,
    helplines: Timed<String, HelplineEntry>,
    names: Mutex<Option<(Instant, Arc<Vec<String>>)>>,
    places: Timed<i64, Arc<Vec<String>>>,
    /// What a programme tells young people it heard, per language (a few seconds).
    heard: Timed<(i64, Locale), Arc<crate::model::actions::Heard>>,
    /// Journeys this process stored a moment ago: key hash → when (ms).
    sent: Mutex<HashMap<String, i64>>,
}

/// How long after sending the same form may show its receipt again (a
/// retry on a flaky network, a reload, a language switch on the receipt
/// page). Afterwards a re-post shows "already sent" and no receipt, so the
/// next person on a shared phone cannot find it in the history. Kept in
/// memory only (no time is ever stored for a young person); another
/// process, or a restart, simply shows "already sent": it fails closed.
pub const RECEIPT_AGAIN_MS: i64 = 5 * 60 * 1000;

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
        let limits = Arc::new(Limits::new(config.limits.clone(), config.clock.clone()));
        AppState {
            db,
            config: Arc::new(config),
            secrets,
            limits,
            alerts_wake: Arc::default(),
            caches: Arc::default(),
        }
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

    /// A programme changed in a way young people must see at once (its
    /// results page closed): this process forgets it (others within seconds).
    pub fn forget_programme(&self, code: &str) {
        if let Ok(mut m) = self.caches.programmes.lock() {
            m.remove(code);
        }
    }

    /// A programme's "you said, we did" section in one language, kept as
    /// briefly as the programme itself; `load` builds it when missing.
    pub async fn heard<F, Fut>(
        &self,
        programme_id: i64,
        locale: Locale,
        load: F,
    ) -> Result<Arc<crate::model::actions::Heard>, crate::model::AppError>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<crate::model::actions::Heard, crate::model::AppError>>,
    {
        let key = (programme_id, locale);
        if let Some(h) = fresh(&self.caches.heard, &key, PROGRAMME_TTL) {
            return Ok(h);
        }
        let h = Arc::new(load().await?);
        keep(&self.caches.heard, key, h.clone());
        Ok(h)
    }

    /// Staff changed what a programme tells young people: this process shows it at once.
    pub fn forget_heard(&self, programme_id: i64) {
        if let Ok(mut m) = self.caches.heard.lock() {
            m.retain(|(id, _), _| *id != programme_id);
        }
    }

    /// Helplines of one country, with their translated names.
    pub async fn helplines(&self, country: &str) -> siang_storage::Result<HelplineEntry> {
        if let Some(h) = fresh(&self.caches.helplines, &country.to_owned(), SLOW_TTL) {
            return Ok(h);
        }
        let lines = self.db.helplines(Some(country)).await?;
        let ids: Vec<i64> = lines.iter().map(|h| h.id).collect();
        let texts = self.db.helpline_texts(&ids).await?;
        let entry = Arc::new((lines, texts));
        keep(&self.caches.helplines, country.to_owned(), entry.clone());
        Ok(entry)
    }

    /// Names to catch in free text (setting `redaction_names`, one per line
    /// or comma). A database error is an error, never an empty list: a
    /// submission is not stored without its personal-detail check.
    pub async fn redaction_names(&self) -> siang_storage::Result<Arc<Vec<String>>> {
        if let Some((at, names)) = self.caches.names.lock().ok().and_then(|n| n.clone()) {
            if at.elapsed() < Duration::from_secs(60) {
                return Ok(names);
            }
        }
        let raw = self.db.setting("redaction_names").await?.unwrap_or_default();
        let names: Arc<Vec<String>> = Arc::new(
            raw.split([',', '\n']).map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned).collect(),
        );
        if let Ok(mut n) = self.caches.names.lock() {
            *n = Some((Instant::now(), names.clone()));
        }
        Ok(names)
    }

    /// A concern was stored: its alert goes out now, not at the next round.
    pub fn wake_alerts(&self) {
        self.alerts_wake.notify_one();
    }

    /// A programme's places to catch in free text (kept for a minute, like
    /// the names). An error is an error: no submission without its check.
    pub async fn programme_places(&self, programme_id: i64) -> siang_storage::Result<Arc<Vec<String>>> {
        if let Some(p) = fresh(&self.caches.places, &programme_id, SLOW_TTL) {
            return Ok(p);
        }
        let places = Arc::new(self.db.programme_places(programme_id).await?);
        keep(&self.caches.places, programme_id, places.clone());
        Ok(places)
    }

    /// An administrator changed the lists: this process uses them at once
    /// (others within the minute).
    pub fn forget_lists(&self, programme_id: Option<i64>) {
        if let Ok(mut n) = self.caches.names.lock() {
            *n = None;
        }
        if let (Some(id), Ok(mut p)) = (programme_id, self.caches.places.lock()) {
            p.remove(&id);
        }
    }

    pub fn now(&self) -> i64 {
        self.config.clock.now()
    }

    pub fn mark_sent(&self, key_hash: &str) {
        let now = self.config.clock.now_millis();
        if let Ok(mut sent) = self.caches.sent.lock() {
            if sent.len() > 10_000 {
                sent.retain(|_, at| now - *at < RECEIPT_AGAIN_MS);
            }
            sent.insert(key_hash.to_owned(), now);
        }
    }

    pub fn forget_sent(&self, key_hash: &str) {
        if let Ok(mut sent) = self.caches.sent.lock() {
            sent.remove(key_hash);
        }
    }

    pub fn sent_recently(&self, key_hash: &str) -> bool {
        self.sent_within(key_hash, RECEIPT_AGAIN_MS)
    }

    /// Stored by this process less than `ms` ago (a kiosk's shorter window).
    pub fn sent_within(&self, key_hash: &str, ms: i64) -> bool {
        let now = self.config.clock.now_millis();
        let Ok(sent) = self.caches.sent.lock() else { return false };
        sent.get(key_hash).is_some_and(|at| now - *at < ms.min(RECEIPT_AGAIN_MS))
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.config.clock.today()
    }
}

/// The state of the current request; `None` only outside a server request.
pub fn app_state() -> Option<AppState> {
    leptos::prelude::use_context::<AppState>()
}
