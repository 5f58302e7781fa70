//! Administrators manage staff: invite by one-time link, grant and revoke
//! roles and scopes, disable, force TOTP re-enrolment, require TOTP. An
//! organisation's admin acts only within that organisation; every action is
//! audited, and a person whose privileges change is signed out everywhere.
use siang_storage::{GrantRow, Programme};

use crate::api::support::storage;
use crate::model::audit::AuditAction;
use crate::model::staff::{Caller, Permission, Role, Target};
use crate::model::staff_pages::{StaffExtra, StaffForm};
use crate::model::AppError;

use super::{audit, AuditEntry, StaffAuth, StaffOutcome, StaffPost};
use crate::security::auth::tokens;

fn target_of(org: Option<i64>, programme: Option<i64>, programmes: &[Programme]) -> Option<Target> {
    match (org, programme) {
        (None, None) => Some(Target::Installation),
        (_, Some(pid)) => programmes
            .iter()
            .find(|p| p.id == pid)
            .map(|p| Target::Programme { programme: p.id, organisation: p.organisation_id }),
        (Some(o), None) => Some(Target::Organisation(o)),
    }
}

/// May `caller` manage someone holding `grants`? Installation admins may
/// manage anyone; an organisation's admin only people wholly inside it.
fn may_manage(caller: &Caller, grants: &[GrantRow], programmes: &[Programme]) -> bool {
    if caller.can(Permission::ManageStaff, Target::Installation) {
        return true;
    }
    !grants.is_empty()
        && grants.iter().all(|g| {
            target_of(g.organisation_id, g.programme_id, programmes)
                .is_some_and(|t| t != Target::Installation && caller.can(Permission::ManageStaff, t))
        })
}

struct Ctx {
    caller: Caller,
    programmes: Vec<Programme>,
}

async fn ctx(p: &StaffPost<'_>) -> Result<Ctx, AppError> {
    let StaffAuth::Signed { caller, .. } = &p.auth else { return Err(AppError::SignInRequired) };
    if !caller.can_somewhere(Permission::ManageStaff) {
        return Err(AppError::Forbidden);
    }
    Ok(Ctx { caller: caller.clone(), programmes: p.state.db.programmes().await.map_err(storage)? })
}

fn id_field(p: &StaffPost<'_>, name: &str) -> Option<i64> {
    p.field(name).parse().ok()
}

/// The person named by the form, if the caller may manage them.
async fn person(p: &StaffPost<'_>, c: &Ctx) -> Result<siang_storage::StaffRow, AppError> {
    let id = id_field(p, "staff").ok_or(AppError::InvalidInput)?;
    let staff = p.state.db.staff(id).await.map_err(storage)?.ok_or(AppError::NotFound)?;
    let grants = p.state.db.grants_of(id).await.map_err(storage)?;
    if !may_manage(&c.caller, &grants, &c.programmes) {
        return Err(AppError::Forbidden);
    }
    Ok(staff)
}

/// The scope the form asks for, if the caller may grant within it.
fn scope(p: &StaffPost<'_>, c: &Ctx) -> Result<(Role, Option<i64>, Option<i64>), AppError> {
    let role = Role::parse(&p.field("role")).ok_or(AppError::InvalidInput)?;
    let programme = id_field(p, "programme");
    let mut org = id_field(p, "organisation");
    if let Some(pid) = programme {
        let prog = c.programmes.iter().find(|x| x.id == pid).ok_or(AppError::InvalidInput)?;
        org = Some(prog.organisation_id);
    }
    let target = target_of(org, programme, &c.programmes).ok_or(AppError::InvalidInput)?;
    if !c.caller.can(Permission::ManageStaff, target) {
        return Err(AppError::Forbidden);
    }
    Ok((role, org, programme))
}

fn done(p: &StaffPost<'_>, what: &str) -> StaffOutcome {
    StaffOutcome::to(format!("{}?done={what}", p.path("people")))
}

fn link(p: &StaffPost<'_>, token: &str) -> String {
    format!("{}/{}/staff/set-password?t={token}", p.origin, p.locale.tag())
}

/// With mail configured the link goes only to the person's own address
/// (an administrator who saw it could take the account); a failed send is
/// an error, never the link on screen. Without mail, it is shown once.
async fn hand_over(p: &StaffPost<'_>, email: String, name: &str, token: &str, invited: bool) -> StaffOutcome {
    let url = link(p, token);
    let Some(mailer) = &p.state.config.mailer else {
        return StaffOutcome::page(StaffForm {
            extra: StaffExtra::Link { email, url },
            ..Default::default()
        });
    };
    let mail = crate::mail::messages::sign_in_link(p.locale, name, &url, invited);
    match mailer.send(&email, &mail.subject, mail.body).await {
        Ok(()) => StaffOutcome::page(StaffForm { extra: StaffExtra::Mailed { email }, ..Default::default() }),
        Err(_) => StaffOutcome::page(StaffForm::error(AppError::MailFailed, vec![])),
    }
}

pub async fn invite(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let c = ctx(&p).await?;
    let email = p.field("email").to_lowercase();
    let name = p.field("name");
    let values = vec![("email".to_owned(), email.clone()), ("name".to_owned(), name.clone())];
    if !validator::ValidateEmail::validate_email(&email)
        || email.len() > 200
        || name.is_empty()
        || name.chars().count() > 100
    {
        return Ok(StaffOutcome::page(StaffForm::error(AppError::InvalidInput, values)));
    }
    let (role, org, programme) = match scope(&p, &c) {
        Ok(s) => s,
        Err(e) => return Ok(StaffOutcome::page(StaffForm::error(e, values))),
    };
    let staff = match p.state.db.create_staff(&email, &name, p.state.now()).await {
        Ok(s) => s,
        Err(e) if e.is_unique_violation() => {
            return Ok(StaffOutcome::page(StaffForm::error(AppError::InvalidInput, values)));
        }
        Err(e) => return Err(storage(e)),
    };
    p.state.db.add_grant(staff.id, role.key(), org, programme, p.state.now()).await.map_err(storage)?;
    let token = tokens::mint(p.state, staff.id).await?;
    audit(
        p.state,
        AuditEntry::new(Some(c.caller.staff_id), AuditAction::StaffInvited)
            .programme(programme)
            .about(staff.id, &email)
            .detail(role.key()),
    )
    .await?;
    Ok(hand_over(&p, email, &name, &token, true).await)
}

pub async fn grant(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let c = ctx(&p).await?;
    let staff = person(&p, &c).await?;
    let (role, org, programme) = scope(&p, &c)?;
    p.state.db.add_grant(staff.id, role.key(), org, programme, p.state.now()).await.map_err(storage)?;
    p.state.db.delete_sessions_of(staff.id).await.map_err(storage)?;
    audit(
        p.state,
        AuditEntry::new(Some(c.caller.staff_id), AuditAction::RoleGranted)
            .programme(programme)
            .about(staff.id, &staff.email)
            .detail(role.key()),
    )
    .await?;
    Ok(done(&p, "granted"))
}

pub async fn revoke(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let c = ctx(&p).await?;
    let staff = person(&p, &c).await?;
    let gid = id_field(&p, "grant").ok_or(AppError::InvalidInput)?;
    let grants = p.state.db.grants_of(staff.id).await.map_err(storage)?;
    let g = grants.iter().find(|g| g.id == gid).ok_or(AppError::NotFound)?;
    let target = target_of(g.organisation_id, g.programme_id, &c.programmes).ok_or(AppError::NotFound)?;
    if !c.caller.can(Permission::ManageStaff, target) {
        return Err(AppError::Forbidden);
    }
    if staff.id == c.caller.staff_id && g.role == "admin" {
        // Nobody removes their own administration by accident.
        return Err(AppError::Forbidden);
    }
    p.state.db.remove_grant(gid).await.map_err(storage)?;
    p.state.db.delete_sessions_of(staff.id).await.map_err(storage)?;
    audit(
        p.state,
        AuditEntry::new(Some(c.caller.staff_id), AuditAction::RoleRevoked)
            .programme(g.programme_id)
            .about(staff.id, &staff.email)
            .detail(g.role.clone()),
    )
    .await?;
    Ok(done(&p, "revoked"))
}

pub async fn disable(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    set_disabled(p, true).await
}

pub async fn enable(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    set_disabled(p, false).await
}

async fn set_disabled(p: StaffPost<'_>, disabled: bool) -> Result<StaffOutcome, AppError> {
    let c = ctx(&p).await?;
    let staff = person(&p, &c).await?;
    if staff.id == c.caller.staff_id {
        return Err(AppError::Forbidden);
    }
    p.state.db.set_disabled(staff.id, disabled).await.map_err(storage)?;
    p.state.db.delete_sessions_of(staff.id).await.map_err(storage)?;
    let action = if disabled { AuditAction::StaffDisabled } else { AuditAction::StaffEnabled };
    audit(p.state, AuditEntry::new(Some(c.caller.staff_id), action).about(staff.id, &staff.email)).await?;
    Ok(done(&p, if disabled { "disabled" } else { "enabled" }))
}

pub async fn reset_totp(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let c = ctx(&p).await?;
    let staff = person(&p, &c).await?;
    p.state.db.set_totp_secret(staff.id, None).await.map_err(storage)?;
    p.state.db.replace_recovery_codes_indexed(staff.id, &[]).await.map_err(storage)?;
    p.state.db.delete_sessions_of(staff.id).await.map_err(storage)?;
    audit(
        p.state,
        AuditEntry::new(Some(c.caller.staff_id), AuditAction::TotpReset).about(staff.id, &staff.email),
    )
    .await?;
    Ok(done(&p, "totp-reset"))
}

pub async fn require_totp(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let c = ctx(&p).await?;
    if p.field("scope") == "all" {
        if !c.caller.can(Permission::ManageStaff, Target::Installation) {
            return Err(AppError::Forbidden);
        }
        let on = p.field("on") == "1";
        p.state.db.put_setting("require_totp_all", if on { "1" } else { "0" }).await.map_err(storage)?;
        audit(
            p.state,
            AuditEntry::new(Some(c.caller.staff_id), AuditAction::TotpRequiredAll).detail(on_off(on)),
        )
        .await?;
        return Ok(done(&p, "totp-required"));
    }
    let staff = person(&p, &c).await?;
    let on = p.field("on") == "1";
    p.state.db.set_totp_required(staff.id, on).await.map_err(storage)?;
    audit(
        p.state,
        AuditEntry::new(Some(c.caller.staff_id), AuditAction::TotpRequired)
            .about(staff.id, &staff.email)
            .detail(on_off(on)),
    )
    .await?;
    Ok(done(&p, "totp-required"))
}

pub async fn new_link(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let c = ctx(&p).await?;
    let staff = person(&p, &c).await?;
    let token = tokens::mint(p.state, staff.id).await?;
    audit(
        p.state,
        AuditEntry::new(Some(c.caller.staff_id), AuditAction::PasswordLinkCreated)
            .about(staff.id, &staff.email),
    )
    .await?;
    Ok(hand_over(&p, staff.email, &staff.display_name, &token, false).await)
}

pub fn visible_to(caller: &Caller, grants: &[GrantRow], programmes: &[Programme]) -> bool {
    may_manage(caller, grants, programmes)
}

fn on_off(on: bool) -> String {
    if on { "on" } else { "off" }.into()
}
