//! A staff member's own account: change the password, sign out everywhere.
use crate::api::auth::{password, session};
use crate::api::support::storage;
use crate::model::staff_pages::StaffForm;
use crate::model::AppError;

use super::{audit, StaffAuth, StaffOutcome, StaffPost};

pub async fn change_password(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let StaffAuth::Signed { caller, .. } = &p.auth else { return Err(AppError::SignInRequired) };
    let staff = p.state.db.staff(caller.staff_id).await.map_err(storage)?.ok_or(AppError::SignInRequired)?;
    let current = p.form.get("current").unwrap_or_default().to_owned();
    let phc = staff.password_hash.clone().unwrap_or_default();
    if !p.state.secrets.run_slow(move || password::verify(&current, &phc)).await.unwrap_or(false) {
        audit(p.state, Some(staff.id), "password_change_failed", None, None, None).await?;
        return Ok(StaffOutcome::page(StaffForm::error(AppError::SignInFailed, vec![])));
    }
    let hash = match super::new_password(&p, &staff).await {
        Ok(hash) => hash,
        Err(e @ AppError::Internal { .. }) => return Err(e),
        Err(e) => return Ok(StaffOutcome::page(StaffForm::error(e, vec![]))),
    };
    p.state.db.set_password(staff.id, &hash).await.map_err(storage)?;
    // Every other session ends; this one continues under a new token.
    p.state.db.delete_sessions_of(staff.id).await.map_err(storage)?;
    let token = session::new_token();
    p.state
        .db
        .create_session(&session::hash_token(&token), staff.id, super::super::auth::now(), true)
        .await
        .map_err(storage)?;
    audit(p.state, Some(staff.id), "password_changed", None, None, None).await?;
    Ok(StaffOutcome::Redirect {
        to: format!("{}?done=password-changed", p.path("account")),
        cookie: Some(session::set_cookie(&token, p.state.config.tls())),
    })
}

pub async fn sign_out_everywhere(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let StaffAuth::Signed { caller, .. } = &p.auth else { return Err(AppError::SignInRequired) };
    let ended = p.state.db.delete_sessions_of(caller.staff_id).await.map_err(storage)?;
    audit(p.state, Some(caller.staff_id), "sign_out_everywhere", None, None, Some(ended.to_string())).await?;
    Ok(StaffOutcome::Redirect {
        to: format!("{}?done=signed-out", p.path("sign-in")),
        cookie: Some(session::clear_cookie(p.state.config.tls())),
    })
}
