//! Security primitives: installation secrets and derived keys, the sealed
//! journey token, staff authentication (passwords, TOTP, sessions, one-time
//! links) and in-memory flood limits.
pub mod auth;
pub mod limits;
pub mod seal;
pub mod secrets;
