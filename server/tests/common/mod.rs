//! Starts the whole application on 127.0.0.1:0 with a fresh SQLite database.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

#[path = "../../storage/tests/common/fresh_pg.rs"]
mod fresh_pg;
pub mod journey;
pub mod mail_sink;
pub mod staff;

use std::net::SocketAddr;

use server::config::ServerConfig;
use siang_storage::{Backend, Db};

pub struct TestServer {
    pub base: String,
    pub url: String,
    pub db: Db,
    pub client: reqwest::Client,
    /// The server's clock: a test moves time forward instead of sleeping.
    pub clock: app::clock::Clock,
    /// The server's own state (its secrets, limits and caches).
    pub state: app::state::AppState,
    _dir: tempfile::TempDir,
}

pub fn config(mark_translations: bool) -> ServerConfig {
    let app = app::state::Config {
        mark_translations,
        clock: app::clock::Clock::adjustable(),
        ..Default::default()
    };
    ServerConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        database_url: String::new(),
        site_root: "target/site".into(),
        max_body: server::config::DEFAULT_MAX_BODY,
        trust_proxy: false,
        connections: Default::default(),
        // Tests apply retention themselves, on a day they choose.
        retention_task: false,
        app,
    }
}

pub async fn start() -> TestServer {
    start_with(config(false)).await
}

/// A new, empty database for one test server: a SQLite file in `dir`, or
/// with `SIANG_TEST_BACKEND=postgres` (how `make test` runs the suites a
/// second time) a fresh database on the test PostgreSQL server.
pub async fn fresh_database_url(dir: &std::path::Path) -> String {
    match std::env::var("SIANG_TEST_BACKEND").as_deref() {
        Ok("postgres") => {
            let admin_url = std::env::var("SIANG_TEST_PG_URL")
                .expect("SIANG_TEST_BACKEND=postgres needs SIANG_TEST_PG_URL");
            fresh_pg::fresh_database(&admin_url).await
        }
        _ => format!("sqlite://{}/siang.db", dir.display()),
    }
}

pub async fn start_with(mut cfg: ServerConfig) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    cfg.database_url = fresh_database_url(dir.path()).await;
    let db = server::cli::open_migrated(&cfg.database_url).await.unwrap();
    let want = if cfg.database_url.starts_with("postgres") { Backend::Postgres } else { Backend::Sqlite };
    assert_eq!(db.backend(), want, "the router tests run on the backend asked for");
    server::demo::load(&db, 30).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    cfg.addr = addr;
    // As in production: links may be built on the address the server listens on.
    cfg.app.allowed_hosts = vec![addr.to_string()];
    let (app, state) = server::http::app_with_state(&cfg, db.clone()).await.unwrap();
    let listener = server::http::listener(&cfg, listener);
    let limits = server::http::connection_limits(&cfg);
    tokio::spawn(server::http::serve::serve(listener, app, limits, std::future::pending()));
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    TestServer {
        base: format!("http://{addr}"),
        url: cfg.database_url.clone(),
        db,
        client,
        clock: cfg.app.clock.clone(),
        state,
        _dir: dir,
    }
}

impl TestServer {
    /// A server running in another process, on a database this test can also open.
    pub async fn external(base: String, db: Db, dir: tempfile::TempDir) -> TestServer {
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let secrets = app::security::secrets::Secrets::load(&db).await.unwrap();
        let state = app::state::AppState::new(db.clone(), app::state::Config::default(), secrets);
        TestServer {
            base,
            url: String::new(),
            db,
            client,
            clock: app::clock::Clock::system(),
            state,
            _dir: dir,
        }
    }

    pub fn database_url(&self) -> String {
        self.url.clone()
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.base)).send().await.unwrap()
    }
}

/// Sends `request` byte for byte (no client library tidying it up) and
/// returns the status and the response head ("" and 0 when the server
/// closed the connection without answering).
pub async fn raw(s: &TestServer, request: &[u8]) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = s.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(request).await.unwrap();
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        match tokio::time::timeout(std::time::Duration::from_secs(10), stream.read(&mut chunk)).await {
            Ok(Ok(0)) | Ok(Err(_)) | Err(_) => break,
            Ok(Ok(n)) => {
                buf.extend_from_slice(&chunk[..n]);
                if buf.windows(4).any(|w| w == b"\r\n\r\n") {
                    break;
                }
            }
        }
    }
    let text = String::from_utf8_lossy(&buf).into_owned();
    let head = text.split("\r\n\r\n").next().unwrap_or_default().to_owned();
    let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (status, head)
}

/// A GET of `path` exactly as written (dot segments and all).
pub async fn raw_get(s: &TestServer, path: &str) -> (u16, String) {
    let host = s.base.trim_start_matches("http://");
    raw(s, format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes()).await
}

/// Makes a table unreadable behind the application's back (renamed away),
/// to see what a failing database read does.
pub async fn break_table(s: &TestServer, table: &str) {
    use sqlx::Connection;
    let sql = format!("ALTER TABLE {table} RENAME TO {table}_gone");
    if s.url.starts_with("postgres") {
        let mut c = sqlx::PgConnection::connect(&s.url).await.unwrap();
        sqlx::query(&sql).execute(&mut c).await.unwrap();
    } else {
        let mut c = sqlx::SqliteConnection::connect(&s.url).await.unwrap();
        sqlx::query(&sql).execute(&mut c).await.unwrap();
    }
}
