//! One-time links (set or reset a password): `<id>.<secret>`, both random
//! from the OS generator. The id finds the row; the secret is kept only as a
//! salted slow hash. Valid for 24 hours, once.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use siang_storage::TokenRow;

use super::password;
use crate::api::support::{internal, storage};
use crate::model::AppError;
use crate::security::secrets::random_bytes;
use crate::state::AppState;

pub const VALID_SECS: i64 = 24 * 3600;

/// Creates a link token for `staff_id`; earlier unused links stop working.
pub async fn mint(state: &AppState, staff_id: i64) -> Result<String, AppError> {
    let id = URL_SAFE_NO_PAD.encode(random_bytes::<12>());
    let secret = URL_SAFE_NO_PAD.encode(random_bytes::<24>());
    let to_hash = secret.clone();
    let hash = state
        .secrets
        .run_slow(move || password::hash(&to_hash))
        .await
        .flatten()
        .ok_or_else(|| internal("could not hash a token"))?;
    state.db.revoke_tokens_of(staff_id, state.now()).await.map_err(storage)?;
    state
        .db
        .add_token(&id, &hash, staff_id, "set_password", state.now() + VALID_SECS)
        .await
        .map_err(storage)?;
    Ok(format!("{id}.{secret}"))
}

/// The token's row when `token` is valid now (not used, not expired, secret right).
pub async fn check(state: &AppState, token: &str) -> Result<TokenRow, AppError> {
    let (id, secret) = token.trim().split_once('.').ok_or(AppError::TokenInvalid)?;
    let row = state.db.token(id).await.map_err(storage)?.ok_or(AppError::TokenInvalid)?;
    if row.used_at.is_some() || row.expires_at < state.now() {
        return Err(AppError::TokenInvalid);
    }
    let (secret, hash) = (secret.to_owned(), row.secret_hash.clone());
    let ok = state.secrets.run_slow(move || password::verify(&secret, &hash)).await.unwrap_or(false);
    if ok {
        Ok(row)
    } else {
        Err(AppError::TokenInvalid)
    }
}
