//! The Siang server: configuration, HTTP wiring and command-line tools.
//! Pages and server functions live in the `app` crate; storage in `siang-storage`.
pub mod backup;
pub mod cli;
pub mod config;
pub mod demo;
pub mod http;
pub mod logging;
pub mod seed;
pub mod staff_cli;
