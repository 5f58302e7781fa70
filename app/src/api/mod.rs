//! Server functions, one file per domain. Each stays thin: read context,
//! validate, call the storage layer, map the error.
pub mod programme;

#[cfg(feature = "ssr")]
pub mod support;
