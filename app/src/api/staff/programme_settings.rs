//! A programme's safety settings (places the finder marks, safeguarding
//! contacts, referral steps) and the installation's names list, kept by
//! administrators. Who is asking → may they → do it → audit it.
use super::moderation::target;
use super::{audit, require, AuditEntry, StaffOutcome, StaffPost};
use crate::api::support::{state, storage};
use crate::model::audit::AuditAction;
use crate::model::programme_settings::*;
use crate::model::staff::{Permission, Target};
use crate::model::staff_pages::StaffForm;
use crate::model::AppError;
use siang_storage::SafeguardingSetup;

pub async fn load_safety(code: &str) -> Result<SafetySettings, AppError> {
    let state = state()?;
    let p = state.db.programme_by_code(code).await.map_err(storage)?.ok_or(AppError::NotFound)?;
    let caller = require(Permission::ManageProgrammes, target(&p))?;
    let setup = state.db.safeguarding_setup(p.id).await.map_err(storage)?;
    let names = match caller.can(Permission::ManageProgrammes, Target::Installation) {
        true => Some(state.redaction_names().await.map_err(storage)?.to_vec()),
        false => None,
    };
    Ok(SafetySettings {
        code: p.code.clone(),
        name: p.name.clone(),
        places: state.db.programme_places(p.id).await.map_err(storage)?,
        contacts: setup.contacts,
        referral_steps: setup.referral_steps,
        names,
    })
}

fn again(e: AppError, p: &StaffPost<'_>) -> StaffOutcome {
    let keep = ["p", "places", "contacts", "steps", "names"];
    StaffOutcome::page(StaffForm::error(e, keep.iter().map(|k| ((*k).to_owned(), p.field(k))).collect()))
}

fn done(p: &StaffPost<'_>, code: &str, what: &str) -> StaffOutcome {
    StaffOutcome::to(format!("{}?p={code}&done={what}", p.path("programmes/safety")))
}

pub async fn save(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = p.caller()?.clone();
    let code = p.field("p");
    let programme = p.state.db.programme_by_code(&code).await.map_err(storage)?.ok_or(AppError::NotFound)?;
    if !caller.can(Permission::ManageProgrammes, target(&programme)) {
        return Err(AppError::Forbidden);
    }
    let (Some(places), Some(contacts), Some(steps)) =
        (items(&p.field("places")), items(&p.field("contacts")), lines(&p.field("steps")))
    else {
        return Ok(again(AppError::InvalidInput, &p));
    };
    if !contacts.iter().all(validator::ValidateEmail::validate_email) {
        return Ok(again(AppError::InvalidInput, &p));
    }
    p.state.db.set_programme_places(programme.id, &places).await.map_err(storage)?;
    p.state.forget_lists(Some(programme.id));
    let setup = SafeguardingSetup { contacts, referral_steps: steps };
    p.state.db.set_safeguarding_setup(programme.id, &setup).await.map_err(storage)?;
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::SafetySettingsSaved)
            .programme(Some(programme.id)),
    )
    .await?;
    Ok(done(&p, &programme.code, "safety-saved"))
}

/// Names the finder marks in every programme's free text (installation-wide).
pub async fn save_names(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = p.caller()?.clone();
    if !caller.can(Permission::ManageProgrammes, Target::Installation) {
        return Err(AppError::Forbidden);
    }
    let Some(names) = items(&p.field("names")) else { return Ok(again(AppError::InvalidInput, &p)) };
    p.state.db.put_setting("redaction_names", &names.join("\n")).await.map_err(storage)?;
    p.state.forget_lists(None);
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::NamesSaved).detail(names.len().to_string()),
    )
    .await?;
    Ok(done(&p, &p.field("p"), "names-saved"))
}
