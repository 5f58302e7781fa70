//! Staff authentication: passwords, TOTP, sessions and one-time links.
pub mod password;
pub mod session;
pub mod tokens;
pub mod totp;

/// Seconds since the epoch (staff actions may keep exact time).
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}
