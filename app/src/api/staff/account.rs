//! A staff member's own account: change the password, sign out everywhere.
use super::{audit, password_ok, AuditEntry, StaffOutcome, StaffPost};
use crate::api::support::storage;
use crate::model::audit::AuditAction;
use crate::model::staff_pages::StaffForm;
use crate::model::AppError;
use crate::security::auth::session;

pub async fn change_password(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = p.caller()?.clone();
    let staff = p.state.db.staff(caller.staff_id).await.map_err(storage)?.ok_or(AppError::SignInRequired)?;
    if !password_ok(&p, &staff).await {
        audit(p.state, AuditEntry::new(Some(staff.id), AuditAction::PasswordChangeFailed)).await?;
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
        .create_session(&session::hash_token(&token), staff.id, p.state.now(), true)
        .await
        .map_err(storage)?;
    audit(p.state, AuditEntry::new(Some(staff.id), AuditAction::PasswordChanged)).await?;
    Ok(StaffOutcome::Redirect {
        to: format!("{}?done=password-changed", p.path("account")),
        cookie: Some(session::set_cookie(&token, p.state.config.tls())),
    })
}

pub async fn sign_out_everywhere(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = p.caller()?.clone();
    let ended = p.state.db.delete_sessions_of(caller.staff_id).await.map_err(storage)?;
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::SignOutEverywhere).detail(ended.to_string()),
    )
    .await?;
    Ok(StaffOutcome::Redirect {
        to: format!("{}?done=signed-out", p.path("sign-in")),
        cookie: Some(session::clear_cookie(p.state.config.tls())),
    })
}
