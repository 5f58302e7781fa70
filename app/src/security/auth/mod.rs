//! Staff authentication: passwords, TOTP, sessions and one-time links.
//! "Now" comes from the application's clock (`AppState::now`).
pub mod password;
pub mod session;
pub mod tokens;
pub mod totp;
