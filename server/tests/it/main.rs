//! The router-level integration tests, linked into one binary: each separate
//! test binary carried its own copy of the whole server (~100 MB and a long
//! link), and CI's disk and two cores pay for every copy. The canary (which
//! installs a global TRACE log capture) and the durability test (which kills
//! server processes) keep binaries of their own.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;

mod actions;
mod authz;
mod backup;
mod codebook;
mod dashboard;
mod dashboard_versions;
mod hardening;
mod journey;
mod kiosk;
mod moderation;
mod pages;
mod questionnaires;
mod retention;
mod safeguarding;
mod security;
mod setup;
mod shared_phone;
mod staff_auth;
mod translated_text;
mod xlsform;
