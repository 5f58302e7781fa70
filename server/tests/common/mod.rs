//! Starts the whole application on 127.0.0.1:0 with a fresh SQLite database.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

#[path = "../../storage/tests/common/fresh_pg.rs"]
mod fresh_pg;
pub mod journey;
pub mod staff;

use std::net::SocketAddr;

use server::config::ServerConfig;
use siang_storage::{Backend, Db};

pub struct TestServer {
    pub base: String,
    pub url: String,
    pub db: Db,
    pub client: reqwest::Client,
    _dir: tempfile::TempDir,
}

pub fn config(mark_translations: bool) -> ServerConfig {
    let app = app::state::Config { mark_translations, ..Default::default() };
    ServerConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        database_url: String::new(),
        site_root: "target/site".into(),
        max_body: server::config::DEFAULT_MAX_BODY,
        trust_proxy: false,
        app,
    }
}

pub async fn start() -> TestServer {
    start_with(config(false)).await
}

pub async fn start_with(mut cfg: ServerConfig) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    cfg.database_url = match std::env::var("SIANG_TEST_BACKEND").as_deref() {
        // `make test` runs the router tests a second time on PostgreSQL this way.
        Ok("postgres") => {
            let admin_url = std::env::var("SIANG_TEST_PG_URL")
                .expect("SIANG_TEST_BACKEND=postgres needs SIANG_TEST_PG_URL");
            fresh_pg::fresh_database(&admin_url).await
        }
        _ => format!("sqlite://{}/siang.db", dir.path().display()),
    };
    let db = server::cli::open_migrated(&cfg.database_url).await.unwrap();
    let want = if cfg.database_url.starts_with("postgres") { Backend::Postgres } else { Backend::Sqlite };
    assert_eq!(db.backend(), want, "the router tests run on the backend asked for");
    server::demo::load(&db, 30).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    cfg.addr = addr;
    let app = server::http::app(&cfg, db.clone()).await.unwrap();
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    TestServer { base: format!("http://{addr}"), url: cfg.database_url.clone(), db, client, _dir: dir }
}

impl TestServer {
    /// A server running in another process, on a database this test can also open.
    pub fn external(base: String, db: Db, dir: tempfile::TempDir) -> TestServer {
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        TestServer { base, url: String::new(), db, client, _dir: dir }
    }

    pub fn database_url(&self) -> String {
        self.url.clone()
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.base)).send().await.unwrap()
    }
}
