//! Helpers every server function uses on the server.
use siang_storage::{Db, StorageError};

use crate::model::AppError;
use crate::state::{app_state, AppState};

pub fn state() -> Result<AppState, AppError> {
    app_state().ok_or_else(|| internal("no application state in context"))
}

pub fn db() -> Result<Db, AppError> {
    Ok(state()?.db)
}

/// Logs the real cause under a random correlation id and returns an error
/// that carries only that id to the client.
pub fn internal(cause: impl std::fmt::Display) -> AppError {
    let correlation = format!("{:08x}", rand::random::<u32>());
    tracing::error!(%correlation, %cause, "internal error");
    AppError::Internal { correlation }
}

pub fn storage(e: StorageError) -> AppError {
    internal(e)
}

pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}
