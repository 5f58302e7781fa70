//! What `siang backup` and `siang restore` need from a database: a
//! consistent copy while the server runs (SQLite's `VACUUM INTO` reads one
//! snapshot; PostgreSQL is copied by `pg_dump`, driven by the server), the
//! tables a database holds (a restore goes only into an empty one), and a
//! digest of each table (tests compare a restored copy with its source).
use async_trait::async_trait;
use sha2::{Digest, Sha256};

use crate::Result;

#[async_trait]
pub trait Backups: Send + Sync + 'static {
    /// Tables created by migrations (and the migrations' own), sorted.
    async fn user_tables(&self) -> Result<Vec<String>>;
    /// SQLite: writes a consistent copy of the whole database to `path`
    /// (which must not exist). PostgreSQL: not offered (`pg_dump` is).
    async fn snapshot_into(&self, path: &str) -> Result<()>;
    /// Rows of `table` (one of [`Backups::user_tables`]) and a digest of their contents.
    async fn table_digest(&self, table: &str) -> Result<(i64, String)>;
}

pub(crate) fn hex_digest(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The file of a `sqlite:` URL.
pub fn sqlite_file(url: &str) -> Result<std::path::PathBuf> {
    use std::str::FromStr;
    let options = sqlx::sqlite::SqliteConnectOptions::from_str(url)?;
    Ok(options.get_filename().to_path_buf())
}
