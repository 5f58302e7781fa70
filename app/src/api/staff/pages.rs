//! What staff pages show, loaded while they render on the server. The gate
//! has already checked the route; each loader still checks the caller
//! itself and narrows what it returns to the caller's scope.
use super::{current, require_somewhere, StaffAuth};
use crate::api::support::{internal, state, storage};
use crate::model::staff::{Permission, Role, Target};
use crate::model::staff_pages::{AccountData, EnrolData, GrantView, HomeData, PeopleData, PersonView};
use crate::model::AppError;
use crate::security::auth::totp;

pub async fn load_home() -> Result<HomeData, AppError> {
    let caller = require_somewhere(Permission::StaffHome)?;
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

pub async fn load_account() -> Result<AccountData, AppError> {
    let caller = require_somewhere(Permission::OwnAccount)?;
    let rows = state()?.db.sign_ins(caller.staff_id, 15).await.map_err(storage)?;
    Ok(AccountData {
        email: caller.email.clone(),
        totp_enrolled: caller.totp_enrolled,
        sign_ins: rows.into_iter().map(|r| (r.at, r.success)).collect(),
    })
}

/// A fresh authenticator secret and its QR code, signed (and valid for ten
/// minutes) for the confirming post.
pub async fn load_enrol() -> Result<EnrolData, AppError> {
    let (staff_id, email, needs_password) = match current() {
        StaffAuth::Pending { staff_id, email, enrolled: false, .. } => (staff_id, email, false),
        // Has one already: it is proved at the second factor, not replaced here.
        StaffAuth::Pending { enrolled: true, .. } => return Err(AppError::Forbidden),
        StaffAuth::Signed { caller, .. } => (caller.staff_id, caller.email, true),
        StaffAuth::Expired => return Err(AppError::SessionExpired),
        StaffAuth::None => return Err(AppError::SignInRequired),
    };
    let secret = totp::new_secret();
    let qr_svg = totp::qr_svg(&totp::otpauth_uri(&secret, &email)).ok_or_else(|| internal("qr"))?;
    let sealed = super::sign_in::enrolment_value(&state()?, staff_id, &secret);
    Ok(EnrolData { secret, qr_svg, sealed, needs_password })
}

pub async fn load_people() -> Result<PeopleData, AppError> {
    let caller = require_somewhere(Permission::ManageStaff)?;
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
            locked: s.locked_until.is_some_and(|t| t > state.now()),
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
