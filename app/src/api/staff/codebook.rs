//! The codebook: the default codes (labels in locales/) and each
//! organisation's own (labels per language, kept by its administrators),
//! and the codes a moderator puts on a submission.
//! Who is asking → may they → do it → audit it.
use siang_storage::CodeRow;

use super::{audit, require_somewhere, AuditEntry, StaffOutcome, StaffPost};
use crate::api::support::{state, storage};
use crate::i18n::{Locale, CATALOG};
use crate::model::audit::AuditAction;
use crate::model::codebook::*;
use crate::model::staff::{Permission, Target};
use crate::model::staff_pages::StaffForm;
use crate::model::AppError;
use crate::state::AppState;

/// The codes an organisation's moderators may use, labelled in `locale`.
pub async fn codes_for(
    state: &AppState,
    organisation_id: i64,
    locale: Locale,
) -> Result<Vec<Code>, AppError> {
    let rows = state.db.codebook(&[organisation_id]).await.map_err(storage)?;
    label(state, rows, locale).await
}

async fn label(state: &AppState, rows: Vec<CodeRow>, locale: Locale) -> Result<Vec<Code>, AppError> {
    let own: Vec<i64> = rows.iter().filter(|r| r.organisation_id.is_some()).map(|r| r.id).collect();
    let labels = state.db.code_labels(&own).await.map_err(storage)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let mine: Vec<_> = labels.iter().filter(|l| l.tag_id == r.id).collect();
            let label = match r.organisation_id {
                None => CATALOG.format(locale, &format!("code-{}-{}", r.facet, r.key), None),
                Some(_) => mine
                    .iter()
                    .find(|l| l.locale == locale.tag())
                    .or_else(|| mine.iter().find(|l| l.locale == "en"))
                    .or(mine.first())
                    .map(|l| l.label.clone()),
            }
            .unwrap_or_else(|| r.key.clone());
            let missing = match r.organisation_id {
                None => vec![],
                Some(_) => Locale::ALL
                    .iter()
                    .map(|l| l.tag())
                    .filter(|tag| !mine.iter().any(|l| l.locale == *tag))
                    .map(str::to_owned)
                    .collect(),
            };
            Code { id: r.id, own: r.organisation_id.is_some(), facet: r.facet, key: r.key, label, missing }
        })
        .collect())
}

pub async fn load_codebook(locale: Locale) -> Result<CodebookData, AppError> {
    let caller = require_somewhere(Permission::ManageProgrammes)?;
    let state = state()?;
    let mut organisations = Vec::new();
    for o in state.db.organisations().await.map_err(storage)? {
        if caller.can(Permission::ManageProgrammes, Target::Organisation(o.id)) {
            let codes = codes_for(&state, o.id, locale).await?;
            organisations.push((o.id, o.name, codes));
        }
    }
    Ok(CodebookData { organisations })
}

fn done(p: &StaffPost<'_>, what: &str) -> StaffOutcome {
    StaffOutcome::to(format!("{}?done={what}", p.path("codebook")))
}

fn again(e: AppError, p: &StaffPost<'_>) -> StaffOutcome {
    let keep = ["organisation", "facet", "key", "locale", "label"];
    StaffOutcome::page(StaffForm::error(e, keep.iter().map(|k| ((*k).to_owned(), p.field(k))).collect()))
}

/// The label and language a form carries, checked.
fn label_of(p: &StaffPost<'_>) -> Result<(String, Locale), AppError> {
    let label = p.field("label");
    let locale = Locale::from_tag(&p.field("locale")).ok_or(AppError::InvalidInput)?;
    if label.is_empty() {
        return Err(AppError::InvalidInput);
    }
    if label.chars().count() > LABEL_MAX {
        return Err(AppError::TextTooLong { max: LABEL_MAX });
    }
    Ok((label, locale))
}

pub async fn add(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = p.caller()?.clone();
    let Ok(org) = p.field("organisation").parse::<i64>() else {
        return Ok(again(AppError::InvalidInput, &p));
    };
    if !caller.can(Permission::ManageProgrammes, Target::Organisation(org)) {
        return Err(AppError::Forbidden);
    }
    let (facet, key) = (p.field("facet"), p.field("key"));
    if !siang_storage::FACETS.contains(&facet.as_str()) || !valid_key(&key) {
        return Ok(again(AppError::InvalidInput, &p));
    }
    let (label, locale) = match label_of(&p) {
        Ok(l) => l,
        Err(e) => return Ok(again(e, &p)),
    };
    if !p.state.db.organisations().await.map_err(storage)?.iter().any(|o| o.id == org) {
        return Ok(again(AppError::InvalidInput, &p));
    }
    let Some(id) = p.state.db.add_code(org, &facet, &key).await.map_err(storage)? else {
        return Ok(again(AppError::CodeExists, &p));
    };
    p.state.db.put_code_label(id, locale.tag(), &label).await.map_err(storage)?;
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::CodeAdded).detail(format!("{facet}:{key}")),
    )
    .await?;
    Ok(done(&p, "code-added"))
}

/// A label of an organisation's own code, in one language (added or replaced).
pub async fn relabel(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = p.caller()?.clone();
    let Ok(id) = p.field("code").parse::<i64>() else { return Err(AppError::NotFound) };
    let orgs: Vec<i64> = p.state.db.organisations().await.map_err(storage)?.iter().map(|o| o.id).collect();
    let row = p.state.db.codebook(&orgs).await.map_err(storage)?.into_iter().find(|c| c.id == id);
    let Some(CodeRow { organisation_id: Some(org), facet, key, .. }) = row else {
        return Err(AppError::NotFound);
    };
    if !caller.can(Permission::ManageProgrammes, Target::Organisation(org)) {
        return Err(AppError::Forbidden);
    }
    let (label, locale) = match label_of(&p) {
        Ok(l) => l,
        Err(e) => return Ok(again(e, &p)),
    };
    p.state.db.put_code_label(id, locale.tag(), &label).await.map_err(storage)?;
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::CodeLabelled).detail(format!("{facet}:{key}")),
    )
    .await?;
    Ok(done(&p, "code-labelled"))
}
