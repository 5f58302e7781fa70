//! Signing in (password, then TOTP or a recovery code), enrolling a second
//! factor, setting a password from a one-time link, signing out.
//!
//! A failed sign-in costs the same whether the account exists, is locked or
//! only the password is wrong: one slow hash (a dummy one when there is no
//! usable account) and one database commit, and the same page.
use super::{audit, password_ok, AuditEntry, StaffAuth, StaffOutcome, StaffPost};
use crate::api::support::{internal, storage};
use crate::model::audit::AuditAction;
use crate::model::staff_pages::{StaffExtra, StaffForm};
use crate::model::AppError;
use crate::security::auth::{password, session, tokens, totp};
use crate::security::limits::Bucket;

/// How long the secret on an enrolment page may be confirmed.
pub const ENROL_SECS: i64 = 10 * 60;

/// Counts a failure (and locks the account after five; see the storage
/// layer's `record_failed_sign_in`), all in one commit.
async fn fail(
    p: &StaffPost<'_>,
    staff_id: Option<i64>,
    why: &str,
    error: AppError,
    values: Vec<(String, String)>,
) -> Result<StaffOutcome, AppError> {
    p.state.limits.count(Bucket::SignInFailure, p.client);
    // The same look-ups whether or not the account exists (id 0 is nobody).
    let organisation = super::audit_log::organisation_of(p.state, staff_id.unwrap_or(0)).await?;
    let row = siang_storage::NewAuditEntry {
        at: p.state.now(),
        actor_id: staff_id,
        action: AuditAction::SignInFailed.key().to_owned(),
        programme_id: None,
        organisation_id: organisation,
        target: None,
        detail: Some(why.to_owned()),
    };
    p.state.db.record_failed_sign_in(staff_id, p.state.now(), &row).await.map_err(storage)?;
    Ok(StaffOutcome::page(StaffForm::error(error, values)))
}

/// A new session (rotating any current one) and the cookie that carries it.
async fn open_session(p: &StaffPost<'_>, staff_id: i64, verified: bool) -> Result<String, AppError> {
    if let StaffAuth::Pending { token_hash, .. } | StaffAuth::Signed { token_hash, .. } = &p.auth {
        p.state.db.delete_session(token_hash).await.map_err(storage)?;
    }
    let token = session::new_token();
    p.state
        .db
        .create_session(&session::hash_token(&token), staff_id, p.state.now(), verified)
        .await
        .map_err(storage)?;
    Ok(session::set_cookie(&token, p.state.config.tls()))
}

/// Whether this person must set up a second factor before going on. When
/// the answer cannot be read, it is yes (fail closed).
async fn must_enrol(p: &StaffPost<'_>, staff: &siang_storage::StaffRow) -> bool {
    match p.state.db.grants_of(staff.id).await {
        Ok(grants) => super::must_enrol(p.state, staff, &grants).await,
        Err(_) => true,
    }
}

async fn signed_in(p: &StaffPost<'_>, staff_id: i64, how: &str) -> Result<String, AppError> {
    let cookie = open_session(p, staff_id, true).await?;
    p.state.db.set_failures(staff_id, 0, None).await.map_err(storage)?;
    p.state.db.record_sign_in(staff_id, p.state.now(), true).await.map_err(storage)?;
    audit(p.state, AuditEntry::new(Some(staff_id), AuditAction::SignIn).detail(how)).await?;
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
    let usable = staff.filter(|s| !s.disabled && s.password_hash.is_some());
    let locked = usable.as_ref().is_some_and(|s| s.locked_until.is_some_and(|t| t > p.state.now()));
    // The same slow check in every case: against the real hash, or a dummy.
    let phc = usable.as_ref().filter(|_| !locked).and_then(|s| s.password_hash.clone());
    let ok = p
        .state
        .secrets
        .run_slow(move || match phc {
            Some(phc) => password::verify(&pw, &phc),
            None => {
                password::verify_dummy(&pw);
                false
            }
        })
        .await
        .unwrap_or(false);
    let staff = match (usable, ok) {
        (Some(staff), true) => staff,
        (usable, _) => {
            let why = match (&usable, locked) {
                (None, _) => "unknown_or_disabled",
                (Some(_), true) => "locked",
                (Some(_), false) => "password",
            };
            return fail(&p, usable.map(|s| s.id), why, AppError::SignInFailed, values).await;
        }
    };
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

/// A recovery code as typed → its row, found with one keyed-hash look-up
/// and confirmed by its slow hash. Codes stored before the index existed
/// are still checked one by one.
async fn recovery_code(p: &StaffPost<'_>, staff_id: i64, typed: &str) -> Result<Option<i64>, AppError> {
    let normalised = typed.to_uppercase().replace([' ', '-'], "");
    let index = p.state.secrets.recovery_index(&normalised);
    let mut candidates: Vec<(i64, String)> =
        p.state.db.recovery_code_by_index(staff_id, &index).await.map_err(storage)?.into_iter().collect();
    if candidates.is_empty() {
        candidates = p.state.db.legacy_recovery_codes(staff_id).await.map_err(storage)?;
    }
    for (id, hash) in candidates {
        let code = normalised.clone();
        if p.state.secrets.run_slow(move || password::verify(&code, &hash)).await.unwrap_or(false) {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

pub async fn second_factor(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let staff_id = match p.auth {
        StaffAuth::Pending { staff_id, .. } => staff_id,
        StaffAuth::Signed { .. } => return Ok(StaffOutcome::to(p.path(""))),
        _ => return Ok(StaffOutcome::to(p.path("sign-in"))),
    };
    let staff = p.state.db.staff(staff_id).await.map_err(storage)?.ok_or(AppError::SignInRequired)?;
    if staff.locked_until.is_some_and(|t| t > p.state.now()) {
        return fail(&p, Some(staff.id), "locked", AppError::TotpInvalid, vec![]).await;
    }
    let code = p.field("code");
    let recovery = p.field("recovery");
    let mut how = None;
    if let (Some(secret), false) = (&staff.totp_secret, code.is_empty()) {
        if let Some(step) = totp::matching_step(secret, &code, p.state.now()) {
            if p.state.db.use_totp_step(staff.id, step).await.map_err(storage)? {
                how = Some("totp");
            }
        }
    } else if !recovery.is_empty() {
        if let Some(id) = recovery_code(&p, staff.id, &recovery).await? {
            if p.state.db.use_recovery_code(id, p.state.now()).await.map_err(storage)? {
                how = Some("recovery_code");
            }
        }
    }
    let Some(how) = how else {
        return fail(&p, Some(staff.id), "second_factor", AppError::TotpInvalid, vec![]).await;
    };
    let cookie = signed_in(&p, staff.id, how).await?;
    Ok(StaffOutcome::Redirect { to: p.path(""), cookie: Some(cookie) })
}

/// The value an enrolment page carries: who, until when, which secret — signed.
pub fn enrolment_value(p: &crate::state::AppState, staff_id: i64, secret: &str) -> String {
    p.secrets.sign(&format!("totp:{staff_id}:{}:{secret}", p.now() + ENROL_SECS))
}

/// Confirms a new authenticator: the signed secret from the page plus a code
/// from the app. Half-way through signing in, only someone who has none yet
/// may set one up (whoever has one proves it first, at the second factor).
/// Someone signed in who changes theirs (which also replaces their recovery
/// codes and ends their other sessions) types their password again.
pub async fn enrol(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let (staff_id, pending) = match &p.auth {
        StaffAuth::Pending { staff_id, enrolled: false, .. } => (*staff_id, true),
        StaffAuth::Pending { enrolled: true, .. } => return Ok(StaffOutcome::to(p.path("second-factor"))),
        StaffAuth::Signed { caller, .. } => (caller.staff_id, false),
        _ => return Ok(StaffOutcome::to(p.path("sign-in"))),
    };
    if !pending {
        let staff = p.state.db.staff(staff_id).await.map_err(storage)?.ok_or(AppError::SignInRequired)?;
        if !password_ok(&p, &staff).await {
            audit(p.state, AuditEntry::new(Some(staff_id), AuditAction::TotpEnrolFailed)).await?;
            return Ok(StaffOutcome::page(StaffForm::error(AppError::SignInFailed, vec![])));
        }
    }
    let sealed = p.state.secrets.unsign(p.form.get("sealed").unwrap_or_default());
    let prefix = format!("totp:{staff_id}:");
    let (until, secret) = sealed
        .as_deref()
        .and_then(|d| d.strip_prefix(&prefix))
        .and_then(|rest| rest.split_once(':'))
        .and_then(|(until, secret)| Some((until.parse::<i64>().ok()?, secret.to_owned())))
        .ok_or(AppError::BadRequest)?;
    if until < p.state.now() {
        return Ok(StaffOutcome::page(StaffForm::error(AppError::TokenInvalid, vec![])));
    }
    let Some(step) = totp::matching_step(&secret, &p.field("code"), p.state.now()) else {
        return Ok(StaffOutcome::page(StaffForm::error(AppError::TotpInvalid, vec![])));
    };
    p.state.db.set_totp_secret(staff_id, Some(&secret)).await.map_err(storage)?;
    p.state.db.use_totp_step(staff_id, step).await.map_err(storage)?;
    let codes: Vec<String> = (0..10).map(|_| recovery_code_text()).collect();
    let to_hash = codes.clone();
    let hashes = p
        .state
        .secrets
        .run_slow(move || to_hash.iter().map(|c| password::hash(c)).collect::<Option<Vec<_>>>())
        .await
        .flatten()
        .ok_or_else(|| internal("could not hash recovery codes"))?;
    let rows: Vec<(String, String)> =
        codes.iter().map(|c| p.state.secrets.recovery_index(c)).zip(hashes).collect();
    p.state.db.replace_recovery_codes_indexed(staff_id, &rows).await.map_err(storage)?;
    audit(p.state, AuditEntry::new(Some(staff_id), AuditAction::TotpEnrolled)).await?;
    let cookie = if pending {
        Some(signed_in(&p, staff_id, "totp_enrolment").await?)
    } else {
        // A changed authenticator ends every other session; this one goes on under a new token.
        p.state.db.delete_sessions_of(staff_id).await.map_err(storage)?;
        let token = session::new_token();
        p.state
            .db
            .create_session(&session::hash_token(&token), staff_id, p.state.now(), true)
            .await
            .map_err(storage)?;
        Some(session::set_cookie(&token, p.state.config.tls()))
    };
    let shown = codes.iter().map(|c| format!("{}-{}", &c[..5], &c[5..])).collect();
    Ok(StaffOutcome::Page {
        form: StaffForm { extra: StaffExtra::RecoveryCodes(shown), ..Default::default() },
        cookie,
    })
}

/// Ten characters from the receipt alphabet (about 50 bits), shown in two groups.
fn recovery_code_text() -> String {
    let code = crate::security::seal::mint_receipt();
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
        Err(e @ AppError::Internal { .. }) => return Err(e),
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
    if !p.state.db.use_token(&row.id, p.state.now()).await.map_err(storage)? {
        return Ok(StaffOutcome::page(StaffForm::error(AppError::TokenInvalid, values)));
    }
    p.state.db.set_password(staff.id, &hash).await.map_err(storage)?;
    p.state.db.delete_sessions_of(staff.id).await.map_err(storage)?;
    audit(
        p.state,
        AuditEntry::new(Some(staff.id), AuditAction::PasswordSet)
            .about(staff.id, &staff.email)
            .detail("one_time_link"),
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
        audit(p.state, AuditEntry::new(Some(id), AuditAction::SignOut)).await?;
    }
    let cookie = session::clear_cookie(p.state.config.tls());
    Ok(StaffOutcome::Redirect { to: format!("{}?done=signed-out", p.path("sign-in")), cookie: Some(cookie) })
}
