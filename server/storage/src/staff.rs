//! Staff accounts, role grants, sessions, one-time tokens, sign-in history
//! and recovery codes. Staff times are unix seconds (staff may keep exact time).
use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::{NewAuditEntry, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct StaffRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub totp_secret: Option<String>,
    pub totp_last_step: Option<i64>,
    pub totp_required: bool,
    pub disabled: bool,
    pub failed_count: i64,
    pub locked_until: Option<i64>,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct GrantRow {
    pub id: i64,
    pub staff_id: i64,
    pub role: String,
    pub organisation_id: Option<i64>,
    pub programme_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct SessionRow {
    pub id_hash: String,
    pub staff_id: i64,
    pub created_at: i64,
    pub last_seen_at: i64,
    /// The second factor is done (or not needed).
    pub verified: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct TokenRow {
    pub id: String,
    pub secret_hash: String,
    pub staff_id: i64,
    pub purpose: String,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct SignInRow {
    pub at: i64,
    pub success: bool,
}

#[async_trait]
pub trait Staff: Send + Sync + 'static {
    /// Fails with a unique violation when the e-mail is taken.
    async fn create_staff(&self, email: &str, display_name: &str, now: i64) -> Result<StaffRow>;
    async fn staff(&self, id: i64) -> Result<Option<StaffRow>>;
    /// E-mails are compared case-insensitively (stored lower-case).
    async fn staff_by_email(&self, email: &str) -> Result<Option<StaffRow>>;
    async fn list_staff(&self) -> Result<Vec<StaffRow>>;
    async fn set_password(&self, staff_id: i64, hash: &str) -> Result<()>;
    async fn set_totp_secret(&self, staff_id: i64, secret: Option<&str>) -> Result<()>;
    /// Records a used TOTP time step; false if that step (or a later one) was used already.
    async fn use_totp_step(&self, staff_id: i64, step: i64) -> Result<bool>;
    async fn set_totp_required(&self, staff_id: i64, required: bool) -> Result<()>;
    async fn set_disabled(&self, staff_id: i64, disabled: bool) -> Result<()>;
    /// Stores the failure count and lock (still the way to reset them after a
    /// successful sign-in). For a failed sign-in: superseded by
    /// [`Staff::record_failed_sign_in`], which counts atomically.
    async fn set_failures(&self, staff_id: i64, failed_count: i64, locked_until: Option<i64>) -> Result<()>;
    /// Records a failed sign-in in one transaction (one commit, whether or
    /// not the account exists): for a known account (`Some`), adds one to
    /// its failure count and sets the lock in the same statement (from the
    /// 5th failure on, `min(60 * 2^(n-5), 3600)` seconds from `at`; before
    /// that the lock is left as it is) and records a failed sign-in; then
    /// appends `audit` to the audit chain, under the audit lock.
    async fn record_failed_sign_in(
        &self,
        staff_id: Option<i64>,
        at: i64,
        audit: &NewAuditEntry,
    ) -> Result<()>;

    async fn grants_of(&self, staff_id: i64) -> Result<Vec<GrantRow>>;
    async fn add_grant(
        &self,
        staff_id: i64,
        role: &str,
        organisation_id: Option<i64>,
        programme_id: Option<i64>,
        now: i64,
    ) -> Result<GrantRow>;
    async fn remove_grant(&self, grant_id: i64) -> Result<Option<GrantRow>>;

    async fn create_session(&self, id_hash: &str, staff_id: i64, now: i64, verified: bool) -> Result<()>;
    async fn session(&self, id_hash: &str) -> Result<Option<SessionRow>>;
    async fn touch_session(&self, id_hash: &str, now: i64) -> Result<()>;
    async fn delete_session(&self, id_hash: &str) -> Result<()>;
    /// Signs a person out everywhere; returns how many sessions ended.
    async fn delete_sessions_of(&self, staff_id: i64) -> Result<u64>;

    async fn add_token(
        &self,
        id: &str,
        secret_hash: &str,
        staff_id: i64,
        purpose: &str,
        expires_at: i64,
    ) -> Result<()>;
    async fn token(&self, id: &str) -> Result<Option<TokenRow>>;
    /// Marks a token used; false if it was used already (a second use).
    async fn use_token(&self, id: &str, now: i64) -> Result<bool>;
    /// Ends every unused token of a person (a new link replaces the old).
    async fn revoke_tokens_of(&self, staff_id: i64, now: i64) -> Result<()>;

    /// For failures, superseded by [`Staff::record_failed_sign_in`].
    async fn record_sign_in(&self, staff_id: i64, at: i64, success: bool) -> Result<()>;
    async fn sign_ins(&self, staff_id: i64, limit: i64) -> Result<Vec<SignInRow>>;

    /// Superseded by [`Staff::replace_recovery_codes_indexed`] (still the way
    /// to remove every code: pass none).
    async fn replace_recovery_codes(&self, staff_id: i64, hashes: &[String]) -> Result<()>;
    /// (id, hash) of the unused recovery codes. Superseded by
    /// [`Staff::recovery_code_by_index`] and [`Staff::legacy_recovery_codes`].
    async fn recovery_codes(&self, staff_id: i64) -> Result<Vec<(i64, String)>>;
    /// Replaces every recovery code of a person with `codes`, each an
    /// (index, slow hash) pair: the index finds the one row to check, so a
    /// code costs one slow-hash verification, not ten. Indexes should be
    /// distinct per person (e.g. a keyed hash of the code).
    async fn replace_recovery_codes_indexed(&self, staff_id: i64, codes: &[(String, String)]) -> Result<()>;
    /// (id, slow hash) of the unused code with this index, if any.
    async fn recovery_code_by_index(&self, staff_id: i64, index: &str) -> Result<Option<(i64, String)>>;
    /// (id, slow hash) of the unused codes written before indexes existed
    /// (no index): these are still checked one by one.
    async fn legacy_recovery_codes(&self, staff_id: i64) -> Result<Vec<(i64, String)>>;
    async fn use_recovery_code(&self, id: i64, now: i64) -> Result<bool>;
}

const STAFF_COLUMNS: &str = "id, email, display_name, password_hash, totp_secret, totp_last_step, \
     totp_required, disabled, failed_count, locked_until, created_at";

pub(crate) fn staff_select(filter: &str) -> String {
    format!("SELECT {STAFF_COLUMNS} FROM staff {filter}")
}

/// One failed sign-in, counted and locked in one statement (the same SQL on
/// both backends): n = the new count; from n = 5 the lock is
/// min(60 * 2^(n-5), 3600) seconds from `$1` (written out, as SQLite has no
/// power function); below 5 the lock is left as it is.
pub(crate) const FAILED_SIGN_IN: &str = "UPDATE staff SET failed_count = failed_count + 1, \
     locked_until = CASE \
         WHEN failed_count + 1 < 5 THEN locked_until \
         WHEN failed_count + 1 = 5 THEN $1 + 60 \
         WHEN failed_count + 1 = 6 THEN $1 + 120 \
         WHEN failed_count + 1 = 7 THEN $1 + 240 \
         WHEN failed_count + 1 = 8 THEN $1 + 480 \
         WHEN failed_count + 1 = 9 THEN $1 + 960 \
         WHEN failed_count + 1 = 10 THEN $1 + 1920 \
         ELSE $1 + 3600 END \
     WHERE id = $2";

macro_rules! impl_staff {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::staff::Staff for $store {
            async fn create_staff(&self, email: &str, display_name: &str, now: i64) -> $crate::Result<$crate::StaffRow> {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO staff (email, display_name, created_at) VALUES ($1, $2, $3) RETURNING id",
                )
                .bind(email.trim().to_lowercase())
                .bind(display_name)
                .bind(now)
                .fetch_one(&self.pool)
                .await?;
                self.staff(id).await?.ok_or($crate::StorageError::NotFound)
            }

            async fn staff(&self, id: i64) -> $crate::Result<Option<$crate::StaffRow>> {
                Ok(sqlx::query_as(&$crate::staff::staff_select("WHERE id = $1")).bind(id).fetch_optional(&self.pool).await?)
            }

            async fn staff_by_email(&self, email: &str) -> $crate::Result<Option<$crate::StaffRow>> {
                Ok(sqlx::query_as(&$crate::staff::staff_select("WHERE email = $1"))
                    .bind(email.trim().to_lowercase())
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn list_staff(&self) -> $crate::Result<Vec<$crate::StaffRow>> {
                Ok(sqlx::query_as(&$crate::staff::staff_select("ORDER BY email")).fetch_all(&self.pool).await?)
            }

            async fn set_password(&self, staff_id: i64, hash: &str) -> $crate::Result<()> {
                sqlx::query("UPDATE staff SET password_hash = $1, failed_count = 0, locked_until = NULL WHERE id = $2")
                    .bind(hash)
                    .bind(staff_id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn set_totp_secret(&self, staff_id: i64, secret: Option<&str>) -> $crate::Result<()> {
                sqlx::query("UPDATE staff SET totp_secret = $1, totp_last_step = NULL WHERE id = $2")
                    .bind(secret)
                    .bind(staff_id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn use_totp_step(&self, staff_id: i64, step: i64) -> $crate::Result<bool> {
                let done = sqlx::query(
                    "UPDATE staff SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
                )
                .bind(step)
                .bind(staff_id)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn set_totp_required(&self, staff_id: i64, required: bool) -> $crate::Result<()> {
                sqlx::query("UPDATE staff SET totp_required = $1 WHERE id = $2")
                    .bind(required)
                    .bind(staff_id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn set_disabled(&self, staff_id: i64, disabled: bool) -> $crate::Result<()> {
                sqlx::query("UPDATE staff SET disabled = $1 WHERE id = $2")
                    .bind(disabled)
                    .bind(staff_id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn set_failures(&self, staff_id: i64, failed_count: i64, locked_until: Option<i64>) -> $crate::Result<()> {
                sqlx::query("UPDATE staff SET failed_count = $1, locked_until = $2 WHERE id = $3")
                    .bind(failed_count)
                    .bind(locked_until)
                    .bind(staff_id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn record_failed_sign_in(
                &self,
                staff_id: Option<i64>,
                at: i64,
                audit: &$crate::NewAuditEntry,
            ) -> $crate::Result<()> {
                let mut tx = self.begin_audit().await?;
                if let Some(id) = staff_id {
                    sqlx::query($crate::staff::FAILED_SIGN_IN).bind(at).bind(id).execute(&mut *tx).await?;
                    sqlx::query("INSERT INTO sign_ins (staff_id, at, success) VALUES ($1, $2, FALSE)")
                        .bind(id)
                        .bind(at)
                        .execute(&mut *tx)
                        .await?;
                }
                let _ = $crate::audit::append_in_tx!(tx, audit);
                tx.commit().await?;
                Ok(())
            }

            async fn grants_of(&self, staff_id: i64) -> $crate::Result<Vec<$crate::GrantRow>> {
                Ok(sqlx::query_as(
                    "SELECT id, staff_id, role, organisation_id, programme_id FROM role_grants WHERE staff_id = $1 ORDER BY id",
                )
                .bind(staff_id)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn add_grant(
                &self,
                staff_id: i64,
                role: &str,
                organisation_id: Option<i64>,
                programme_id: Option<i64>,
                now: i64,
            ) -> $crate::Result<$crate::GrantRow> {
                Ok(sqlx::query_as(
                    "INSERT INTO role_grants (staff_id, role, organisation_id, programme_id, granted_at) \
                     VALUES ($1, $2, $3, $4, $5) RETURNING id, staff_id, role, organisation_id, programme_id",
                )
                .bind(staff_id)
                .bind(role)
                .bind(organisation_id)
                .bind(programme_id)
                .bind(now)
                .fetch_one(&self.pool)
                .await?)
            }

            async fn remove_grant(&self, grant_id: i64) -> $crate::Result<Option<$crate::GrantRow>> {
                Ok(sqlx::query_as(
                    "DELETE FROM role_grants WHERE id = $1 RETURNING id, staff_id, role, organisation_id, programme_id",
                )
                .bind(grant_id)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn create_session(&self, id_hash: &str, staff_id: i64, now: i64, verified: bool) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO sessions (id_hash, staff_id, created_at, last_seen_at, verified) VALUES ($1, $2, $3, $3, $4)",
                )
                .bind(id_hash)
                .bind(staff_id)
                .bind(now)
                .bind(verified)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn session(&self, id_hash: &str) -> $crate::Result<Option<$crate::SessionRow>> {
                Ok(sqlx::query_as(
                    "SELECT id_hash, staff_id, created_at, last_seen_at, verified FROM sessions WHERE id_hash = $1",
                )
                .bind(id_hash)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn touch_session(&self, id_hash: &str, now: i64) -> $crate::Result<()> {
                sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
                    .bind(now)
                    .bind(id_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn delete_session(&self, id_hash: &str) -> $crate::Result<()> {
                sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(id_hash).execute(&self.pool).await?;
                Ok(())
            }

            async fn delete_sessions_of(&self, staff_id: i64) -> $crate::Result<u64> {
                Ok(sqlx::query("DELETE FROM sessions WHERE staff_id = $1")
                    .bind(staff_id)
                    .execute(&self.pool)
                    .await?
                    .rows_affected())
            }

            async fn add_token(
                &self,
                id: &str,
                secret_hash: &str,
                staff_id: i64,
                purpose: &str,
                expires_at: i64,
            ) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO one_time_tokens (id, secret_hash, staff_id, purpose, expires_at) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(id)
                .bind(secret_hash)
                .bind(staff_id)
                .bind(purpose)
                .bind(expires_at)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn token(&self, id: &str) -> $crate::Result<Option<$crate::TokenRow>> {
                Ok(sqlx::query_as(
                    "SELECT id, secret_hash, staff_id, purpose, expires_at, used_at FROM one_time_tokens WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn use_token(&self, id: &str, now: i64) -> $crate::Result<bool> {
                let done = sqlx::query("UPDATE one_time_tokens SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
                    .bind(now)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn revoke_tokens_of(&self, staff_id: i64, now: i64) -> $crate::Result<()> {
                sqlx::query("UPDATE one_time_tokens SET used_at = $1 WHERE staff_id = $2 AND used_at IS NULL")
                    .bind(now)
                    .bind(staff_id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn record_sign_in(&self, staff_id: i64, at: i64, success: bool) -> $crate::Result<()> {
                sqlx::query("INSERT INTO sign_ins (staff_id, at, success) VALUES ($1, $2, $3)")
                    .bind(staff_id)
                    .bind(at)
                    .bind(success)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn sign_ins(&self, staff_id: i64, limit: i64) -> $crate::Result<Vec<$crate::SignInRow>> {
                Ok(sqlx::query_as("SELECT at, success FROM sign_ins WHERE staff_id = $1 ORDER BY at DESC, id DESC LIMIT $2")
                    .bind(staff_id)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?)
            }

            async fn replace_recovery_codes(&self, staff_id: i64, hashes: &[String]) -> $crate::Result<()> {
                let mut tx = self.pool.begin().await?;
                sqlx::query("DELETE FROM recovery_codes WHERE staff_id = $1").bind(staff_id).execute(&mut *tx).await?;
                for h in hashes {
                    sqlx::query("INSERT INTO recovery_codes (staff_id, code_hash) VALUES ($1, $2)")
                        .bind(staff_id)
                        .bind(h)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn recovery_codes(&self, staff_id: i64) -> $crate::Result<Vec<(i64, String)>> {
                Ok(sqlx::query_as(
                    "SELECT id, code_hash FROM recovery_codes WHERE staff_id = $1 AND used_at IS NULL ORDER BY id",
                )
                .bind(staff_id)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn replace_recovery_codes_indexed(
                &self,
                staff_id: i64,
                codes: &[(String, String)],
            ) -> $crate::Result<()> {
                let mut tx = self.pool.begin().await?;
                sqlx::query("DELETE FROM recovery_codes WHERE staff_id = $1").bind(staff_id).execute(&mut *tx).await?;
                if !codes.is_empty() {
                    let mut qb = sqlx::QueryBuilder::new("INSERT INTO recovery_codes (staff_id, code_index, code_hash) ");
                    qb.push_values(codes, |mut b, (index, hash)| {
                        b.push_bind(staff_id).push_bind(index.as_str()).push_bind(hash.as_str());
                    });
                    qb.build().execute(&mut *tx).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn recovery_code_by_index(
                &self,
                staff_id: i64,
                index: &str,
            ) -> $crate::Result<Option<(i64, String)>> {
                Ok(sqlx::query_as(
                    "SELECT id, code_hash FROM recovery_codes \
                     WHERE staff_id = $1 AND code_index = $2 AND used_at IS NULL ORDER BY id LIMIT 1",
                )
                .bind(staff_id)
                .bind(index)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn legacy_recovery_codes(&self, staff_id: i64) -> $crate::Result<Vec<(i64, String)>> {
                Ok(sqlx::query_as(
                    "SELECT id, code_hash FROM recovery_codes \
                     WHERE staff_id = $1 AND code_index IS NULL AND used_at IS NULL ORDER BY id",
                )
                .bind(staff_id)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn use_recovery_code(&self, id: i64, now: i64) -> $crate::Result<bool> {
                let done = sqlx::query("UPDATE recovery_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
                    .bind(now)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() == 1)
            }
        }
    };
}
pub(crate) use impl_staff;
