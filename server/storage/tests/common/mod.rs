//! Opens a fresh database on every backend for a test.
//!
//! SQLite: a new file in a temporary folder. PostgreSQL: a new database on
//! the server at `SIANG_TEST_PG_URL` (the test command starts a throwaway
//! one). Without that variable the PostgreSQL half is skipped, loudly, unless
//! `SIANG_REQUIRE_PG=1`, which makes it a failure (CI sets it).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

mod fresh_pg;

use siang_storage::{Backend, Db};

pub struct TestDb {
    pub db: Db,
    pub name: &'static str,
    /// The SQLite URL, for tests that open the file behind the storage layer's back.
    pub path: Option<String>,
    _dir: Option<tempfile::TempDir>,
}

pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/test.db", dir.path().display());
    let db = siang_storage::connect(&url).await.unwrap();
    db.migrate().await.unwrap();
    TestDb { db, name: "sqlite", path: Some(url), _dir: Some(dir) }
}

pub async fn postgres() -> Option<TestDb> {
    let Ok(admin_url) = std::env::var("SIANG_TEST_PG_URL") else {
        if std::env::var("SIANG_REQUIRE_PG").as_deref() == Ok("1") {
            panic!("SIANG_REQUIRE_PG=1 but SIANG_TEST_PG_URL is not set");
        }
        eprintln!("SKIPPING the PostgreSQL half: SIANG_TEST_PG_URL is not set");
        return None;
    };
    let url = fresh_pg::fresh_database(&admin_url).await;
    let db = siang_storage::connect(&url).await.unwrap();
    db.migrate().await.unwrap();
    assert_eq!(db.backend(), Backend::Postgres);
    Some(TestDb { db, name: "postgres", path: None, _dir: None })
}

/// Every backend available to this run.
pub async fn all() -> Vec<TestDb> {
    let mut v = vec![sqlite().await];
    v.extend(postgres().await);
    v
}
