//! Server functions that load what staff pages show. Each is a public HTTP
//! endpoint too, so each checks the caller itself (and the server's layer
//! refuses `/api/` paths missing from the table in `model::staff_pages`).
use leptos::prelude::*;

use crate::model::staff_pages::{AccountData, AuditData, EnrolData, HomeData, PeopleData};
use crate::model::AppError;

#[server(prefix = "/api", endpoint = "staff/home")]
pub async fn load_home() -> Result<HomeData, AppError> {
    use crate::model::staff::{Permission, Target};
    let caller = super::require_somewhere(Permission::StaffHome)?;
    let _ = Target::Installation;
    use Permission::*;
    let sections = [
        OwnAccount,
        ManageStaff,
        ReadAudit,
        ManageProgrammes,
        Moderate,
        Safeguarding,
        Dashboards,
        PublishActions,
    ]
    .into_iter()
    .filter(|p| caller.can_somewhere(*p))
    .collect();
    Ok(HomeData { display_name: caller.display_name.clone(), roles: caller.roles(), sections })
}

#[server(prefix = "/api", endpoint = "staff/account")]
pub async fn load_account() -> Result<AccountData, AppError> {
    use crate::api::support::{state, storage};
    use crate::model::staff::Permission;
    let caller = super::require_somewhere(Permission::OwnAccount)?;
    let rows = state()?.db.sign_ins(caller.staff_id, 15).await.map_err(storage)?;
    Ok(AccountData {
        email: caller.email.clone(),
        totp_enrolled: caller.totp_enrolled,
        sign_ins: rows.into_iter().map(|r| (r.at, r.success)).collect(),
    })
}

/// A fresh authenticator secret and its QR code, signed for the confirming post.
#[server(prefix = "/api", endpoint = "staff/enrol")]
pub async fn load_enrol() -> Result<EnrolData, AppError> {
    use super::StaffAuth;
    use crate::api::auth::totp;
    use crate::api::support::{internal, state};
    let (staff_id, email) = match super::current() {
        StaffAuth::Pending { staff_id, email, .. } => (staff_id, email),
        StaffAuth::Signed { caller, .. } => (caller.staff_id, caller.email),
        StaffAuth::Expired => return Err(AppError::SessionExpired),
        StaffAuth::None => return Err(AppError::SignInRequired),
    };
    let secret = totp::new_secret();
    let qr_svg = totp::qr_svg(&totp::otpauth_uri(&secret, &email)).ok_or_else(|| internal("qr"))?;
    let sealed = state()?.secrets.sign(&format!("totp:{staff_id}:{secret}"));
    Ok(EnrolData { secret, qr_svg, sealed })
}

#[server(prefix = "/api", endpoint = "staff/people")]
pub async fn load_people() -> Result<PeopleData, AppError> {
    use crate::api::support::{state, storage};
    use crate::model::staff::{Permission, Role, Target};
    use crate::model::staff_pages::{GrantView, PersonView};
    let caller = super::require_somewhere(Permission::ManageStaff)?;
    let state = state()?;
    let db = &state.db;
    let programmes = db.programmes().await.map_err(storage)?;
    let organisations = db.organisations().await.map_err(storage)?;
    let mut people = Vec::new();
    for s in db.list_staff().await.map_err(storage)? {
        let grants = db.grants_of(s.id).await.map_err(storage)?;
        if !super::people::visible_to(&caller, &grants, &programmes) {
            continue;
        }
        let grants = grants
            .into_iter()
            .filter_map(|g| {
                let scope = match (g.organisation_id, g.programme_id) {
                    (_, Some(pid)) => {
                        programmes.iter().find(|p| p.id == pid).map(|p| format!("{} ({})", p.name, p.code))?
                    }
                    (Some(oid), None) => {
                        organisations.iter().find(|o| o.id == oid).map(|o| o.name.clone())?
                    }
                    (None, None) => String::new(),
                };
                Some(GrantView { id: g.id, role: Role::parse(&g.role)?, scope })
            })
            .collect();
        people.push(PersonView {
            id: s.id,
            email: s.email,
            display_name: s.display_name,
            disabled: s.disabled,
            totp_enrolled: s.totp_secret.is_some(),
            totp_required: s.totp_required,
            locked: s.locked_until.is_some_and(|t| t > crate::api::auth::now()),
            grants,
        });
    }
    let may = |t: Target| caller.can(Permission::ManageStaff, t);
    Ok(PeopleData {
        people,
        organisations: organisations
            .into_iter()
            .filter(|o| may(Target::Organisation(o.id)))
            .map(|o| (o.id, o.name))
            .collect(),
        programmes: programmes
            .into_iter()
            .filter(|p| may(Target::Programme { programme: p.id, organisation: p.organisation_id }))
            .map(|p| (p.id, format!("{} ({})", p.name, p.code)))
            .collect(),
        installation_admin: may(Target::Installation),
    })
}

/// Audit entries, newest first, with filters. Installation admins see every
/// entry; an organisation's admin the entries about its programmes and its people.
#[server(prefix = "/api", endpoint = "staff/audit")]
pub async fn load_audit(
    actor: Option<String>,
    action: Option<String>,
    programme: Option<i64>,
    from: Option<String>,
    to: Option<String>,
    page: Option<i64>,
) -> Result<AuditData, AppError> {
    use crate::api::support::{state, storage};
    use crate::model::staff::{Permission, Target};
    use crate::model::staff_pages::AuditView;
    let caller = super::require_somewhere(Permission::ReadAudit)?;
    let everything = caller.can(Permission::ReadAudit, Target::Installation);
    let state = state()?;
    let db = &state.db;
    let staff = db.list_staff().await.map_err(storage)?;
    let programmes = db.programmes().await.map_err(storage)?;
    let day = |d: Option<String>, end: bool| {
        d.and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
            .and_then(|d| if end { d.and_hms_opt(23, 59, 59) } else { d.and_hms_opt(0, 0, 0) })
            .map(|t| t.and_utc().timestamp())
    };
    let page = page.unwrap_or(0).clamp(0, 10_000);
    let actor_id = actor
        .filter(|a| !a.is_empty())
        .and_then(|a| staff.iter().find(|s| s.email == a.to_lowercase()).map(|s| s.id));
    let filter = siang_storage::AuditFilter {
        actor_id,
        action: action.filter(|a| !a.is_empty()),
        programme_id: programme,
        since: day(from, false),
        until: day(to, true),
        limit: 51,
        offset: page * 50,
    };
    let rows = db.audit_entries(&filter).await.map_err(storage)?;
    let has_more = rows.len() > 50;
    let visible = |pid: Option<i64>| {
        everything
            || pid.is_some_and(|pid| {
                programmes.iter().any(|p| {
                    p.id == pid
                        && caller.can(
                            Permission::ReadAudit,
                            Target::Programme { programme: p.id, organisation: p.organisation_id },
                        )
                })
            })
    };
    let entries = rows
        .into_iter()
        .take(50)
        .filter(|r| visible(r.programme_id))
        .map(|r| AuditView {
            id: r.id,
            at: r.at,
            actor: r.actor_id.and_then(|a| staff.iter().find(|s| s.id == a).map(|s| s.email.clone())),
            action: r.action,
            programme: r
                .programme_id
                .and_then(|p| programmes.iter().find(|x| x.id == p).map(|x| x.code.clone())),
            target: r.target,
            detail: r.detail,
        })
        .collect();
    let broken_at = db.verify_audit_chain().await.map_err(storage)?;
    let actions = [
        "sign_in",
        "sign_in_failed",
        "sign_out",
        "sign_out_everywhere",
        "password_set",
        "password_changed",
        "password_change_failed",
        "totp_enrolled",
        "totp_reset",
        "totp_required",
        "totp_required_all",
        "staff_invited",
        "role_granted",
        "role_revoked",
        "staff_disabled",
        "staff_enabled",
        "password_link_created",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    Ok(AuditData { entries, broken_at, actions, has_more })
}
