//! Types shared by the browser and the server.
pub mod actions;
pub mod answers;
pub mod audit;
pub mod codebook;
pub mod comeback;
pub mod dashboard;
pub mod disclosure;
pub mod error;
pub mod journey;
pub mod kiosk;
#[cfg(feature = "ssr")]
pub mod moderation;
pub mod programme;
pub mod programme_admin;
pub mod programme_settings;
pub mod published;
pub mod questionnaire;
pub mod questionnaire_admin;
pub mod quotes;
pub mod receipt;
pub mod report;
pub mod retention;
#[cfg(feature = "ssr")]
pub mod safeguarding;
pub mod staff;
pub mod staff_pages;
#[cfg(feature = "ssr")]
pub mod summaries;
pub mod templates;

pub use error::AppError;

/// Where quick exit leads unless `SIANG_EXIT_URL` says otherwise: a neutral page.
pub const DEFAULT_EXIT_URL: &str = "https://www.wikipedia.org/";
