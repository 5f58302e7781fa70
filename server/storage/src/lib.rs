//! Siang's storage layer: one set of traits, a SQLite and a PostgreSQL
//! implementation, runtime `sqlx` queries and per-backend migrations with the
//! same version numbers.
//!
//! Queries whose SQL is the same on both backends are written once, in the
//! `impl_*!` macros of each domain file, and expanded for both pool types;
//! what differs (connection set-up, durable writes, date arithmetic) lives in
//! `sqlite.rs` and `postgres.rs`.

mod actions;
mod audit;
mod backup;
mod catalogue;
mod codebook;
mod core;
mod error;
mod ids;
mod moderation;
mod postgres;
mod questionnaires;
mod quotes;
mod records;
mod redaction;
mod released;
mod replies;
mod retention;
mod rollups;
mod safeguarding;
mod setup;
mod sqlite;
mod staff;
mod submissions;
mod summaries;

use std::sync::Arc;

pub use crate::core::{Backend, Core};
pub use actions::{ActionFields, ActionRow, ActionText, ActionWords, Actions, ACTION_STATES};
pub use audit::{chain_hash, Audit, AuditFilter, AuditRow, NewAuditEntry, GENESIS};
pub use backup::{sqlite_file, Backups};
pub use catalogue::Catalogue;
pub use codebook::{CodeLabel, CodeRow, Codebook, SpanCode, FACETS};
pub use error::{Result, StorageError};
pub use moderation::{moves_from, Moderation, QueueFilter, QueueRow, SubmissionRow};
pub use questionnaires::{QuestionnaireVersionRow, Questionnaires, Signoff};
pub use quotes::{month_range, NewQuote, QuoteRow, Quotes};
pub use records::*;
pub use redaction::{placeholder, Redacted, Redaction};
pub use released::Releases;
pub use replies::{Replies, Reply, TemplateRow};
pub use retention::{Cutoffs, Oldest, Retention, RetentionCounts, RetentionRule};
pub use rollups::{month_of, Aggregates, RollupAnswer, RollupCode, RollupResponses};
pub use safeguarding::{
    steps_from, to_hour, ConcernDetail, ConcernStep, ConcernSummary, NewConcern, Safeguarding,
    SafeguardingSetup, CONCERN_STATES,
};
pub use setup::{ProgrammeFields, QuestionnaireRow, Setup};
pub use staff::{GrantRow, SessionRow, SignInRow, Staff, StaffRow, TokenRow};
pub use submissions::{AnswerRow, ConcernRow, ReceiptView, RedactionRow, Submissions};
pub use summaries::{PeriodFacts, Summaries, SummaryRow, VersionRow};

/// Everything the portal needs from a database.
pub trait Storage:
    Core
    + Actions
    + Aggregates
    + Catalogue
    + Codebook
    + Submissions
    + Summaries
    + Moderation
    + Questionnaires
    + Quotes
    + Redaction
    + Releases
    + Replies
    + Retention
    + Safeguarding
    + Setup
    + Staff
    + Audit
    + Backups
{
}
impl<T> Storage for T where
    T: Core
        + Actions
        + Aggregates
        + Catalogue
        + Codebook
        + Submissions
        + Summaries
        + Moderation
        + Questionnaires
        + Quotes
        + Redaction
        + Releases
        + Replies
        + Retention
        + Safeguarding
        + Setup
        + Staff
        + Audit
        + Backups
{
}

pub type Db = Arc<dyn Storage>;

/// Opens a database from a URL: `sqlite://path/to/file.db` or `postgres://…`.
/// Migrations are not applied here; call [`Core::migrate`].
pub async fn connect(url: &str) -> Result<Db> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(sqlite::SqliteStore::open(url).await?))
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(Arc::new(postgres::PgStore::open(url).await?))
    } else {
        Err(StorageError::UnsupportedUrl)
    }
}
