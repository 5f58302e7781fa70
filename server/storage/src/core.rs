//! Health, migrations and installation settings.
use async_trait::async_trait;

use crate::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[async_trait]
pub trait Core: Send + Sync + 'static {
    fn backend(&self) -> Backend;
    /// Answers when the database answers a trivial query.
    async fn ping(&self) -> Result<()>;
    /// Closes every connection; later queries fail (used to test health checks).
    async fn close(&self);
    async fn migrate(&self) -> Result<()>;
    async fn setting(&self, key: &str) -> Result<Option<String>>;
    async fn put_setting(&self, key: &str, value: &str) -> Result<()>;
    /// Stores `value` unless the key already has one; returns the stored value.
    /// Safe when several server processes race to initialise the same key.
    async fn setting_or_insert(&self, key: &str, value: &str) -> Result<String>;
}

macro_rules! impl_core {
    ($store:ty, $backend:expr, $migrator:expr) => {
        #[async_trait::async_trait]
        impl $crate::core::Core for $store {
            fn backend(&self) -> $crate::core::Backend {
                $backend
            }

            async fn ping(&self) -> $crate::Result<()> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            async fn close(&self) {
                self.close_writer();
                self.pool.close().await;
            }

            async fn migrate(&self) -> $crate::Result<()> {
                $migrator.run(&self.pool).await?;
                let mut tx = self.begin_write().await?;
                self::rollup_writes::build_once(&mut tx).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn setting(&self, key: &str) -> $crate::Result<Option<String>> {
                Ok(sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
                    .bind(key)
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn put_setting(&self, key: &str, value: &str) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO settings (key, value) VALUES ($1, $2) \
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                )
                .bind(key)
                .bind(value)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn setting_or_insert(&self, key: &str, value: &str) -> $crate::Result<String> {
                sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
                    .bind(key)
                    .bind(value)
                    .execute(&self.pool)
                    .await?;
                self.setting(key).await?.ok_or($crate::StorageError::NotFound)
            }
        }
    };
}
pub(crate) use impl_core;
