//! Organisations and what a new programme may be built from. Installation
//! administrators add organisations; an organisation's administrators
//! rename it and add its programmes. Who is asking → may they → do it →
//! audit it.
use super::{audit, require_somewhere, AuditEntry, StaffOutcome, StaffPost};
use crate::api::support::{state, storage};
use crate::model::audit::AuditAction;
use crate::model::programme_admin::*;
use crate::model::staff::{Caller, Permission, Target};
use crate::model::staff_pages::StaffForm;
use crate::model::AppError;
use crate::state::AppState;

/// The organisations the caller may add programmes to, and the questionnaires they may use.
pub async fn load_choices() -> Result<SetupChoices, AppError> {
    let caller = require_somewhere(Permission::ManageProgrammes)?;
    let state = state()?;
    choices(&state, &caller).await
}

pub async fn choices(state: &AppState, caller: &Caller) -> Result<SetupChoices, AppError> {
    let mut out = SetupChoices {
        can_add_organisation: caller.can(Permission::ManageProgrammes, Target::Installation),
        ..Default::default()
    };
    for o in state.db.organisations().await.map_err(storage)? {
        if !caller.can(Permission::ManageProgrammes, Target::Organisation(o.id)) {
            continue;
        }
        for q in state.db.questionnaires_for(o.id).await.map_err(storage)? {
            if !out.questionnaires.iter().any(|x| x.id == q.id) {
                out.questionnaires.push(QuestionnaireChoice {
                    id: q.id,
                    name: q.name,
                    organisation_id: q.organisation_id,
                });
            }
        }
        out.organisations.push(OrganisationLine { id: o.id, name: o.name, slug: o.slug });
    }
    Ok(out)
}

fn again(e: AppError, p: &StaffPost<'_>) -> StaffOutcome {
    let keep = ["org", "name"];
    StaffOutcome::page(StaffForm::error(e, keep.iter().map(|k| ((*k).to_owned(), p.field(k))).collect()))
}

/// Staff pick organisations by name: two may not share one.
async fn name_free(p: &StaffPost<'_>, name: &str, except: Option<i64>) -> Result<(), AppError> {
    let same = |other: &str| other.trim().to_lowercase() == name.to_lowercase();
    let taken = p.state.db.organisations().await.map_err(storage)?;
    match taken.iter().any(|o| Some(o.id) != except && same(&o.name)) {
        true => Err(AppError::NameTaken),
        false => Ok(()),
    }
}

pub async fn create(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = p.caller()?.clone();
    if !caller.can(Permission::ManageProgrammes, Target::Installation) {
        return Err(AppError::Forbidden);
    }
    let Some(name) = one_line(&p.field("name"), NAME_MAX) else {
        return Ok(again(AppError::InvalidInput, &p));
    };
    name_free(&p, &name, None).await?;
    let base = slug_of(&name);
    // Names that differ only in punctuation share a slug: it gets a number.
    let mut made = None;
    for n in 1..=20 {
        let slug = if n == 1 { base.clone() } else { format!("{base}-{n}") };
        match p.state.db.create_organisation(&slug, &name).await {
            Ok(o) => {
                made = Some(o);
                break;
            }
            Err(e) if e.is_unique_violation() => continue,
            Err(e) => return Err(storage(e)),
        }
    }
    let Some(org) = made else { return Ok(again(AppError::InvalidInput, &p)) };
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::OrganisationCreated)
            .organisation(org.id)
            .detail(org.slug.clone()),
    )
    .await?;
    Ok(StaffOutcome::to(format!("{}?done=organisation-added", p.path("programmes"))))
}

pub async fn rename(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = p.caller()?.clone();
    let id: i64 = p.field("org").parse().map_err(|_| AppError::NotFound)?;
    if !caller.can(Permission::ManageProgrammes, Target::Organisation(id)) {
        return Err(AppError::Forbidden);
    }
    let Some(name) = one_line(&p.field("name"), NAME_MAX) else {
        return Ok(again(AppError::InvalidInput, &p));
    };
    name_free(&p, &name, Some(id)).await?;
    let old = p.state.db.organisations().await.map_err(storage)?.into_iter().find(|o| o.id == id);
    let Some(old) = old else { return Err(AppError::NotFound) };
    if !p.state.db.rename_organisation(id, &name).await.map_err(storage)? {
        return Err(AppError::NotFound);
    }
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::OrganisationRenamed)
            .organisation(id)
            .detail(format!("{} → {name}", old.name)),
    )
    .await?;
    Ok(StaffOutcome::to(format!("{}?done=organisation-renamed", p.path("programmes"))))
}
