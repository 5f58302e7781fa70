//! A new, empty PostgreSQL database for one test, on the throwaway server
//! that `make test` starts. Shared by the storage suite and (through
//! `#[path]`) the router suite in `server/tests`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use sqlx::Connection;

/// Creates a database with a random name next to `admin_url`'s and returns its URL.
pub async fn fresh_database(admin_url: &str) -> String {
    let name = format!("siang_test_{:016x}", rand::random::<u64>());
    let mut admin = sqlx::PgConnection::connect(admin_url).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.unwrap();
    let (base, _) = admin_url.rsplit_once('/').expect("SIANG_TEST_PG_URL needs a database path");
    format!("{base}/{name}")
}
