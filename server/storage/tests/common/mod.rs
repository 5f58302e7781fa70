//! Opens a fresh database on every backend for a test.
//!
//! SQLite: a new file in a temporary folder. PostgreSQL: a new database on
//! the server at `SIANG_TEST_PG_URL` (the test command starts a throwaway
//! one). Without that variable the PostgreSQL half is skipped, loudly, unless
//! `SIANG_REQUIRE_PG=1`, which makes it a failure (CI sets it).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod fixtures;
mod fresh_pg;

use siang_storage::{Backend, Db};
use sqlx::{PgPool, SqlitePool};

pub struct TestDb {
    pub db: Db,
    pub name: &'static str,
    /// The SQLite URL, for tests that open the file behind the storage layer's back.
    pub path: Option<String>,
    /// The database's URL (either backend), for tests that go behind the storage layer's back.
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    /// A plain connection pool to the same database.
    pub async fn raw(&self) -> Raw {
        Raw::connect(&self.url).await
    }
}

/// A new, empty (not migrated) database on every backend available:
/// (name, URL, the folder an SQLite file lives in).
pub async fn empty_databases() -> Vec<(&'static str, String, Option<tempfile::TempDir>)> {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/test.db?mode=rwc", dir.path().display());
    let mut v = vec![("sqlite", url, Some(dir))];
    if let Some(admin_url) = pg_admin_url() {
        v.push(("postgres", fresh_pg::fresh_database(&admin_url).await, None));
    }
    v
}

fn pg_admin_url() -> Option<String> {
    let Ok(admin_url) = std::env::var("SIANG_TEST_PG_URL") else {
        if std::env::var("SIANG_REQUIRE_PG").as_deref() == Ok("1") {
            panic!("SIANG_REQUIRE_PG=1 but SIANG_TEST_PG_URL is not set");
        }
        eprintln!("SKIPPING the PostgreSQL half: SIANG_TEST_PG_URL is not set");
        return None;
    };
    Some(admin_url)
}

pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/test.db", dir.path().display());
    let db = siang_storage::connect(&url).await.unwrap();
    db.migrate().await.unwrap();
    TestDb { db, name: "sqlite", path: Some(url.clone()), url, _dir: Some(dir) }
}

pub async fn postgres() -> Option<TestDb> {
    let admin_url = pg_admin_url()?;
    let url = fresh_pg::fresh_database(&admin_url).await;
    let db = siang_storage::connect(&url).await.unwrap();
    db.migrate().await.unwrap();
    assert_eq!(db.backend(), Backend::Postgres);
    Some(TestDb { db, name: "postgres", path: None, url, _dir: None })
}

/// Every backend available to this run.
pub async fn all() -> Vec<TestDb> {
    let mut v = vec![sqlite().await];
    v.extend(postgres().await);
    v
}

/// SQL behind the storage layer's back, on either backend.
pub enum Raw {
    Sqlite(SqlitePool),
    Pg(PgPool),
}

impl Raw {
    pub async fn connect(url: &str) -> Raw {
        if url.starts_with("sqlite:") {
            let options = <sqlx::sqlite::SqliteConnectOptions as std::str::FromStr>::from_str(url)
                .unwrap()
                .create_if_missing(true)
                .foreign_keys(true);
            Raw::Sqlite(
                sqlx::sqlite::SqlitePoolOptions::new()
                    .max_connections(2)
                    .connect_with(options)
                    .await
                    .unwrap(),
            )
        } else {
            Raw::Pg(sqlx::postgres::PgPoolOptions::new().max_connections(2).connect(url).await.unwrap())
        }
    }

    /// Runs one or more statements without parameters.
    pub async fn exec(&self, sql: &str) {
        match self {
            Raw::Sqlite(p) => sqlx::raw_sql(sql).execute(p).await.map(|_| ()),
            Raw::Pg(p) => sqlx::raw_sql(sql).execute(p).await.map(|_| ()),
        }
        .unwrap_or_else(|e| panic!("{e}: {sql}"));
    }

    /// Like [`Raw::exec`], returning the error instead of failing.
    pub async fn try_exec(&self, sql: &str) -> Result<(), sqlx::Error> {
        match self {
            Raw::Sqlite(p) => sqlx::raw_sql(sql).execute(p).await.map(|_| ()),
            Raw::Pg(p) => sqlx::raw_sql(sql).execute(p).await.map(|_| ()),
        }
    }

    /// The first column of every row, as integers.
    pub async fn ints(&self, sql: &str) -> Vec<Option<i64>> {
        match self {
            Raw::Sqlite(p) => sqlx::query_scalar(sql).fetch_all(p).await,
            Raw::Pg(p) => sqlx::query_scalar(sql).fetch_all(p).await,
        }
        .unwrap_or_else(|e| panic!("{e}: {sql}"))
    }

    /// The first column of the one row, as an integer.
    pub async fn int(&self, sql: &str) -> Option<i64> {
        let rows = self.ints(sql).await;
        assert_eq!(rows.len(), 1, "{sql}");
        rows[0]
    }

    /// The first column of every row, as text.
    pub async fn texts(&self, sql: &str) -> Vec<Option<String>> {
        match self {
            Raw::Sqlite(p) => sqlx::query_scalar(sql).fetch_all(p).await,
            Raw::Pg(p) => sqlx::query_scalar(sql).fetch_all(p).await,
        }
        .unwrap_or_else(|e| panic!("{e}: {sql}"))
    }

    pub async fn close(&self) {
        match self {
            Raw::Sqlite(p) => p.close().await,
            Raw::Pg(p) => p.close().await,
        }
    }
}
