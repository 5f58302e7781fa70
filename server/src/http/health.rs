//! `GET /healthz`: 200 `ok` when the database answers, 503 otherwise.
use axum::http::StatusCode;
use axum::Extension;
use siang_storage::Db;

pub async fn healthz(Extension(db): Extension<Db>) -> (StatusCode, &'static str) {
    match tokio::time::timeout(std::time::Duration::from_secs(2), db.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ok"),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "health check: database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database timeout"),
    }
}
