//! Signing in (password, then TOTP or a recovery code), enrolling a second
//! factor, setting a password from a one-time link, signing out.
use crate::api::auth::{now, password, session, tokens, totp};
use crate::api::limits::Bucket;
use crate::api::support::{internal, storage};
use crate::model::staff::Role;
use crate::model::staff_pages::{StaffExtra, StaffForm};
use crate::model::AppError;

use super::{audit, StaffAuth, StaffOutcome, StaffPost};

/// Failures before the account locks; each further failure doubles the lock.
const FREE_FAILURES: i64 = 5;
const MAX_LOCK_SECS: i64 = 3600;

pub fn lock_secs(failures: i64) -> Option<i64> {
    (failures >= FREE_FAILURES).then(|| (60i64 << (failures - FREE_FAILURES).min(10)).min(MAX_LOCK_SECS))
}

async fn fail(
    p: &StaffPost<'_>,
    staff: Option<&siang_storage::StaffRow>,
    why: &str,
    values: Vec<(String, String)>,
) -> StaffOutcome {
    p.state.limits.count(Bucket::SignInFailure, p.client);
    if let Some(s) = staff {
        let failures = s.failed_count + 1;
        let _ = p.state.db.set_failures(s.id, failures, lock_secs(failures).map(|l| now() + l)).await;
        let _ = p.state.db.record_sign_in(s.id, now(), false).await;
    }
    let _ = audit(
        p.state,
        staff.map(|s| s.id),
        "sign_in_failed",
        None,
        staff.map(|s| s.email.clone()),
        Some(why.into()),
    )
    .await;
    StaffOutcome::page(StaffForm::error(AppError::SignInFailed, values))
}

/// A new session (rotating any current one) and the cookie that carries it.
async fn open_session(p: &StaffPost<'_>, staff_id: i64, verified: bool) -> Result<String, AppError> {
    if let StaffAuth::Pending { token_hash, .. } | StaffAuth::Signed { token_hash, .. } = &p.auth {
        p.state.db.delete_session(token_hash).await.map_err(storage)?;
    }
    let token = session::new_token();
    p.state
        .db
        .create_session(&session::hash_token(&token), staff_id, now(), verified)
        .await
        .map_err(storage)?;
    Ok(session::set_cookie(&token, p.state.config.tls()))
}

async fn must_enrol(p: &StaffPost<'_>, staff: &siang_storage::StaffRow) -> bool {
    if staff.totp_required {
        return true;
    }
    if p.state.db.setting("require_totp_all").await.ok().flatten().as_deref() == Some("1") {
        return true;
    }
    let grants = p.state.db.grants_of(staff.id).await.unwrap_or_default();
    grants.iter().filter_map(|g| Role::parse(&g.role)).any(Role::requires_totp)
}

async fn signed_in(p: &StaffPost<'_>, staff_id: i64, how: &str) -> Result<String, AppError> {
    let cookie = open_session(p, staff_id, true).await?;
    p.state.db.set_failures(staff_id, 0, None).await.map_err(storage)?;
    p.state.db.record_sign_in(staff_id, now(), true).await.map_err(storage)?;
    audit(p.state, Some(staff_id), "sign_in", None, None, Some(how.into())).await?;
    Ok(cookie)
}

pub async fn sign_in(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let email = p.field("email").to_lowercase();
    let values = vec![("email".to_owned(), email.clone())];
    if !p.state.limits.allows(Bucket::SignInFailure, p.client) {
        return Ok(StaffOutcome::page(StaffForm::error(AppError::RateLimited, values)));
    }
    let pw = p.form.get("password").unwrap_or_default().to_owned();
    let staff = p.state.db.staff_by_email(&email).await.map_err(storage)?;
    let Some(staff) = staff.filter(|s| !s.disabled && s.password_hash.is_some()) else {
        // Same work and the same answer as a wrong password: no hint an account exists.
        p.state.secrets.run_slow(move || password::verify_dummy(&pw)).await;
        return Ok(fail(&p, None, "unknown_or_disabled", values).await);
    };
    if staff.locked_until.is_some_and(|t| t > now()) {
        return Ok(fail(&p, Some(&staff), "locked", values).await);
    }
    let phc = staff.password_hash.clone().unwrap_or_default();
    let ok = p.state.secrets.run_slow(move || password::verify(&pw, &phc)).await.unwrap_or(false);
    if !ok {
        return Ok(fail(&p, Some(&staff), "password", values).await);
    }
    if staff.totp_secret.is_some() {
        let cookie = open_session(&p, staff.id, false).await?;
        return Ok(StaffOutcome::Redirect { to: p.path("second-factor"), cookie: Some(cookie) });
    }
    if must_enrol(&p, &staff).await {
        let cookie = open_session(&p, staff.id, false).await?;
        return Ok(StaffOutcome::Redirect { to: p.path("two-factor"), cookie: Some(cookie) });
    }
    let cookie = signed_in(&p, staff.id, "password").await?;
    Ok(StaffOutcome::Redirect { to: p.path(""), cookie: Some(cookie) })
}

pub async fn second_factor(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let staff_id = match p.auth {
        StaffAuth::Pending { staff_id, .. } => staff_id,
        StaffAuth::Signed { .. } => return Ok(StaffOutcome::to(p.path(""))),
        _ => return Ok(StaffOutcome::to(p.path("sign-in"))),
    };
    let staff = p.state.db.staff(staff_id).await.map_err(storage)?.ok_or(AppError::SignInRequired)?;
    if staff.locked_until.is_some_and(|t| t > now()) {
        return Ok(fail(&p, Some(&staff), "locked", vec![]).await);
    }
    let code = p.field("code");
    let recovery = p.field("recovery");
    let mut how = None;
    if let (Some(secret), false) = (&staff.totp_secret, code.is_empty()) {
        if let Some(step) = totp::matching_step(secret, &code, now()) {
            if p.state.db.use_totp_step(staff.id, step).await.map_err(storage)? {
                how = Some("totp");
            }
        }
    } else if !recovery.is_empty() {
        for (id, hash) in p.state.db.recovery_codes(staff.id).await.map_err(storage)? {
            let (typed, hash) = (recovery.to_uppercase().replace([' ', '-'], ""), hash.clone());
            if p.state.secrets.run_slow(move || password::verify(&typed, &hash)).await.unwrap_or(false)
                && p.state.db.use_recovery_code(id, now()).await.map_err(storage)?
            {
                how = Some("recovery_code");
                break;
            }
        }
    }
    let Some(how) = how else {
        let mut out = fail(&p, Some(&staff), "second_factor", vec![]).await;
        if let StaffOutcome::Page { form, .. } = &mut out {
            form.error = Some(AppError::TotpInvalid);
        }
        return Ok(out);
    };
    let cookie = signed_in(&p, staff.id, how).await?;
    Ok(StaffOutcome::Redirect { to: p.path(""), cookie: Some(cookie) })
}

/// Confirms a new authenticator: the signed secret from the page plus a code from the app.
pub async fn enrol(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let (staff_id, pending) = match &p.auth {
        StaffAuth::Pending { staff_id, .. } => (*staff_id, true),
        StaffAuth::Signed { caller, .. } => (caller.staff_id, false),
        _ => return Ok(StaffOutcome::to(p.path("sign-in"))),
    };
    let sealed = p.state.secrets.unsign(p.form.get("sealed").unwrap_or_default());
    let secret = sealed
        .and_then(|d| d.strip_prefix(&format!("totp:{staff_id}:")).map(str::to_owned))
        .ok_or(AppError::BadRequest)?;
    let Some(step) = totp::matching_step(&secret, &p.field("code"), now()) else {
        return Ok(StaffOutcome::page(StaffForm::error(AppError::TotpInvalid, vec![])));
    };
    p.state.db.set_totp_secret(staff_id, Some(&secret)).await.map_err(storage)?;
    p.state.db.use_totp_step(staff_id, step).await.map_err(storage)?;
    let codes: Vec<String> = (0..10).map(|_| recovery_code()).collect();
    let to_hash = codes.clone();
    let hashes = p
        .state
        .secrets
        .run_slow(move || to_hash.iter().map(|c| password::hash(c)).collect::<Option<Vec<_>>>())
        .await
        .flatten()
        .ok_or_else(|| internal("could not hash recovery codes"))?;
    p.state.db.replace_recovery_codes(staff_id, &hashes).await.map_err(storage)?;
    audit(p.state, Some(staff_id), "totp_enrolled", None, None, None).await?;
    let cookie = if pending { Some(signed_in(&p, staff_id, "totp_enrolment").await?) } else { None };
    let shown = codes.iter().map(|c| format!("{}-{}", &c[..5], &c[5..])).collect();
    Ok(StaffOutcome::Page {
        form: StaffForm { extra: StaffExtra::RecoveryCodes(shown), ..Default::default() },
        cookie,
    })
}

/// Ten characters from the receipt alphabet (about 50 bits), shown in two groups.
fn recovery_code() -> String {
    let code = crate::api::seal::mint_receipt();
    code[..10].to_owned()
}

pub async fn set_password(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let token = p.field("token");
    let values = vec![("token".to_owned(), token.clone())];
    if !p.state.limits.allows(Bucket::SignInFailure, p.client) {
        return Ok(StaffOutcome::page(StaffForm::error(AppError::RateLimited, values)));
    }
    let row = match tokens::check(p.state, &token).await {
        Ok(row) => row,
        Err(e) => {
            p.state.limits.count(Bucket::SignInFailure, p.client);
            return Ok(StaffOutcome::page(StaffForm::error(e, values)));
        }
    };
    let staff = p.state.db.staff(row.staff_id).await.map_err(storage)?.ok_or(AppError::TokenInvalid)?;
    let hash = match super::new_password(&p, &staff).await {
        Ok(hash) => hash,
        Err(e @ AppError::Internal { .. }) => return Err(e),
        Err(e) => return Ok(StaffOutcome::page(StaffForm::error(e, values))),
    };
    if !p.state.db.use_token(&row.id, now()).await.map_err(storage)? {
        return Ok(StaffOutcome::page(StaffForm::error(AppError::TokenInvalid, values)));
    }
    p.state.db.set_password(staff.id, &hash).await.map_err(storage)?;
    p.state.db.delete_sessions_of(staff.id).await.map_err(storage)?;
    audit(
        p.state,
        Some(staff.id),
        "password_set",
        None,
        Some(staff.email.clone()),
        Some("one_time_link".into()),
    )
    .await?;
    Ok(StaffOutcome::to(format!("{}?done=password-set", p.path("sign-in"))))
}

pub async fn sign_out(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let staff = match &p.auth {
        StaffAuth::Pending { token_hash, staff_id, .. } => Some((token_hash.clone(), *staff_id)),
        StaffAuth::Signed { token_hash, caller } => Some((token_hash.clone(), caller.staff_id)),
        _ => None,
    };
    if let Some((hash, id)) = staff {
        p.state.db.delete_session(&hash).await.map_err(storage)?;
        audit(p.state, Some(id), "sign_out", None, None, None).await?;
    }
    let cookie = session::clear_cookie(p.state.config.tls());
    Ok(StaffOutcome::Redirect { to: format!("{}?done=signed-out", p.path("sign-in")), cookie: Some(cookie) })
}

#[cfg(test)]
mod tests {
    #[test]
    fn locks_grow_exponentially_and_are_capped() {
        assert_eq!(super::lock_secs(4), None);
        assert_eq!(super::lock_secs(5), Some(60));
        assert_eq!(super::lock_secs(6), Some(120));
        assert_eq!(super::lock_secs(8), Some(480));
        assert_eq!(super::lock_secs(20), Some(3600));
    }
}
