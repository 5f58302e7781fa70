//! Configuration from the environment (see the README's table).
use std::net::SocketAddr;

use anyhow::Context;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/siang.db";
pub const DEFAULT_ADDR: &str = "127.0.0.1:3000";
/// Largest request body accepted; the longest questionnaire post is far smaller.
pub const DEFAULT_MAX_BODY: usize = 256 * 1024;

#[derive(Clone, Debug)]
pub struct ServerConfig {
    pub addr: SocketAddr,
    pub database_url: String,
    pub site_root: String,
    pub max_body: usize,
    /// Take the client address from the last `X-Forwarded-For` entry (behind a reverse proxy).
    pub trust_proxy: bool,
    /// Header deadline and connections per address (see `http::serve`).
    pub connections: crate::http::serve::ConnectionLimits,
    /// Apply retention once a day from this process (`SIANG_RETENTION_TASK=0`
    /// turns it off where cron runs `siang retention run` instead).
    pub retention_task: bool,
    pub app: app::state::Config,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl ServerConfig {
    pub fn from_env() -> anyhow::Result<Self> {
        let addr = var("LEPTOS_SITE_ADDR").unwrap_or_else(|| DEFAULT_ADDR.into());
        let addr: SocketAddr =
            addr.parse().with_context(|| format!("LEPTOS_SITE_ADDR is not an address: {addr}"))?;
        let max_body = match var("SIANG_MAX_BODY") {
            Some(v) => v.parse().context("SIANG_MAX_BODY must be a number of bytes")?,
            None => DEFAULT_MAX_BODY,
        };
        let mut app = app::state::Config::default();
        if let Some(url) = var("SIANG_EXIT_URL") {
            app.exit_url = url;
        }
        if app::state::origin_of(&app.exit_url).is_none() {
            anyhow::bail!(
                "SIANG_EXIT_URL must be an absolute http(s) address, such as https://www.wikipedia.org/"
            );
        }
        let number = |name: &str, into: &mut u32| -> anyhow::Result<()> {
            if let Some(v) = var(name) {
                *into = v.parse().with_context(|| format!("{name} must be a number"))?;
            }
            Ok(())
        };
        number("SIANG_SUBMIT_LIMIT", &mut app.limits.submit_per_client)?;
        number("SIANG_SIGN_IN_LIMIT", &mut app.limits.sign_in_failures_per_client)?;
        number("SIANG_RECEIPT_LOOKUP_LIMIT", &mut app.limits.receipt_lookups_per_client)?;
        number("SIANG_RECEIPT_LOOKUPS_PER_MINUTE", &mut app.limits.receipt_hashes_per_minute)?;
        if let Some(v) = var("SIANG_SESSION_IDLE_SECS") {
            app.session_idle_secs = v.parse().context("SIANG_SESSION_IDLE_SECS must be a number")?;
        }
        app.mark_translations = var("SIANG_MARK_TRANSLATIONS").as_deref() == Some("1");
        app.public_origin = var("SIANG_PUBLIC_ORIGIN").map(|o| o.trim_end_matches('/').to_owned());
        if let Some(o) = &app.public_origin {
            if app::state::origin_of(o).as_deref() != Some(o.as_str()) {
                anyhow::bail!("SIANG_PUBLIC_ORIGIN must be scheme://host[:port] only, such as https://siang.example.org");
            }
        }
        // Links are built from the Host header only for these; by default
        // the address the server listens on (and localhost on that port).
        app.allowed_hosts = match var("SIANG_ALLOWED_HOSTS") {
            Some(list) => list.split(',').map(|h| h.trim().to_owned()).filter(|h| !h.is_empty()).collect(),
            None => {
                let mut hosts = vec![addr.to_string()];
                if addr.ip().is_loopback() || addr.ip().is_unspecified() {
                    hosts.push(format!("localhost:{}", addr.port()));
                    hosts.push(format!("127.0.0.1:{}", addr.port()));
                }
                hosts.dedup();
                hosts
            }
        };
        app.mailer = mailer_from_env()?;
        Ok(ServerConfig {
            addr,
            database_url: database_url(),
            site_root: var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            max_body,
            trust_proxy: var("SIANG_TRUST_PROXY").as_deref() == Some("1"),
            connections: Default::default(),
            retention_task: var("SIANG_RETENTION_TASK").as_deref() != Some("0"),
            app,
        })
    }
}

/// The mail transport `SIANG_SMTP_URL` (with `SIANG_SMTP_FROM` and
/// `SIANG_SMTP_CA_FILE`) describes; `None` when it is not set. A setting
/// that is set but wrong stops the server: alerts must not silently vanish.
pub fn mailer_from_env() -> anyhow::Result<app::mail::SharedMailer> {
    let Some(url) = var("SIANG_SMTP_URL") else { return Ok(None) };
    let settings = app::mail::MailSettings::parse(&url, var("SIANG_SMTP_FROM").as_deref())
        .map_err(anyhow::Error::msg)?;
    let ca = match var("SIANG_SMTP_CA_FILE") {
        Some(path) => {
            Some(std::fs::read(&path).with_context(|| format!("SIANG_SMTP_CA_FILE: cannot read {path}"))?)
        }
        None => None,
    };
    let mailer = app::mail::Mailer::new(&settings, ca.as_deref()).map_err(anyhow::Error::msg)?;
    tracing::info!(port = settings.port, security = ?settings.security, "mail configured");
    Ok(Some(std::sync::Arc::new(mailer)))
}

pub fn database_url() -> String {
    var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into())
}
