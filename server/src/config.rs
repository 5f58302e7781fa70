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
    pub app: app::state::Config,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl ServerConfig {
    pub fn from_env() -> anyhow::Result<Self> {
        let addr = var("LEPTOS_SITE_ADDR").unwrap_or_else(|| DEFAULT_ADDR.into());
        let max_body = match var("SIANG_MAX_BODY") {
            Some(v) => v.parse().context("SIANG_MAX_BODY must be a number of bytes")?,
            None => DEFAULT_MAX_BODY,
        };
        let mut app = app::state::Config::default();
        if let Some(url) = var("SIANG_EXIT_URL") {
            app.exit_url = url;
        }
        if let Some(v) = var("SIANG_SUBMIT_LIMIT") {
            app.submit_limit = v.parse().context("SIANG_SUBMIT_LIMIT must be a number")?;
        }
        if let Some(v) = var("SIANG_SIGN_IN_LIMIT") {
            app.sign_in_limit = v.parse().context("SIANG_SIGN_IN_LIMIT must be a number")?;
        }
        if let Some(v) = var("SIANG_SESSION_IDLE_SECS") {
            app.session_idle_secs = v.parse().context("SIANG_SESSION_IDLE_SECS must be a number")?;
        }
        app.mark_translations = var("SIANG_MARK_TRANSLATIONS").as_deref() == Some("1");
        app.public_origin = var("SIANG_PUBLIC_ORIGIN").map(|o| o.trim_end_matches('/').to_owned());
        Ok(ServerConfig {
            addr: addr.parse().with_context(|| format!("LEPTOS_SITE_ADDR is not an address: {addr}"))?,
            database_url: database_url(),
            site_root: var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            max_body,
            trust_proxy: var("SIANG_TRUST_PROXY").as_deref() == Some("1"),
            app,
        })
    }
}

pub fn database_url() -> String {
    var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into())
}
