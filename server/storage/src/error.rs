use thiserror::Error;

/// Storage failures. The text is for logs only: callers map these to the
/// application's translated error codes and never show it to a user.
#[derive(Debug, Error)]
pub enum StorageError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("unsupported database url (use sqlite:// or postgres://)")]
    UnsupportedUrl,
    #[error("the submission writer has stopped")]
    WriterGone,
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
}

impl StorageError {
    /// True when a unique constraint refused the write.
    pub fn is_unique_violation(&self) -> bool {
        match self {
            StorageError::Database(sqlx::Error::Database(e)) => e.is_unique_violation(),
            StorageError::Conflict(_) => true,
            _ => false,
        }
    }
}

pub type Result<T> = std::result::Result<T, StorageError>;
