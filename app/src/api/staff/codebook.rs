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

/// The codes of an organisation's codebook (retired ones marked), labelled
/// in `locale`: the organisation's own label, else the shipped one.
pub async fn codes_for(
    state: &AppState,
    organisation_id: i64,
    locale: Locale,
) -> Result<Vec<Code>, AppError> {
    let rows = state.db.codebook(&[organisation_id]).await.map_err(storage)?;
    let own: Vec<i64> = rows.iter().filter(|r| r.organisation_id.is_some()).map(|r| r.id).collect();
    let labels = state.db.code_labels(&own).await.map_err(storage)?;
    let over = state.db.organisation_code_labels(organisation_id).await.map_err(storage)?;
    let retired = state.db.retired_codes(organisation_id).await.map_err(storage)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let mine: Vec<_> = labels.iter().filter(|l| l.tag_id == r.id).collect();
            let theirs: Vec<_> = over.iter().filter(|l| l.tag_id == r.id).collect();
            let label = match r.organisation_id {
                None => theirs
                    .iter()
                    .find(|l| l.locale == locale.tag())
                    .map(|l| l.label.clone())
                    .or_else(|| CATALOG.format(locale, &format!("code-{}-{}", r.facet, r.key), None)),
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
            Code {
                id: r.id,
                own: r.organisation_id.is_some(),
                relabelled: theirs.iter().map(|l| l.locale.clone()).collect(),
                retired: retired.contains(&r.id),
                facet: r.facet,
                key: r.key,
                label,
                missing,
            }
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

/// Marks that reorder or hide text: a label is read in lists and checkboxes
/// beside others, where an override would scramble its neighbours.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// The label and language a form carries, checked.
fn label_of(p: &StaffPost<'_>) -> Result<(String, Locale), AppError> {
    let label: String = p.field("label").chars().filter(|c| !invisible(*c)).collect();
    let label = label.trim().to_owned();
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
        AuditEntry::new(Some(caller.staff_id), AuditAction::CodeAdded)
            .organisation(org)
            .detail(format!("{facet}:{key}")),
    )
    .await?;
    Ok(done(&p, "code-added"))
}

/// The organisation's code the form names, and the organisation whose
/// codebook page posted it (a default code is in every organisation's).
async fn code_of(
    p: &StaffPost<'_>,
    caller: &crate::model::staff::Caller,
) -> Result<(i64, CodeRow), AppError> {
    let (Ok(org), Ok(id)) = (p.field("organisation").parse::<i64>(), p.field("code").parse::<i64>()) else {
        return Err(AppError::NotFound);
    };
    if !caller.can(Permission::ManageProgrammes, Target::Organisation(org)) {
        return Err(AppError::Forbidden);
    }
    if !p.state.db.organisations().await.map_err(storage)?.iter().any(|o| o.id == org) {
        return Err(AppError::NotFound);
    }
    let row = p.state.db.codebook(&[org]).await.map_err(storage)?.into_iter().find(|c| c.id == id);
    match row {
        Some(r) if r.organisation_id.is_none_or(|o| o == org) => Ok((org, r)),
        _ => Err(AppError::NotFound),
    }
}

/// A label in one language (added or replaced): on the organisation's own
/// code for everyone, on a default code for this organisation only.
pub async fn relabel(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = p.caller()?.clone();
    let (org, code) = code_of(&p, &caller).await?;
    let (label, locale) = match label_of(&p) {
        Ok(l) => l,
        Err(e) => return Ok(again(e, &p)),
    };
    match code.organisation_id {
        Some(_) => p.state.db.put_code_label(code.id, locale.tag(), &label).await,
        None => p.state.db.put_organisation_code_label(org, code.id, locale.tag(), &label).await,
    }
    .map_err(storage)?;
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::CodeLabelled).detail(format!(
            "{}:{} {}",
            code.facet,
            code.key,
            locale.tag()
        )),
    )
    .await?;
    Ok(done(&p, "code-labelled"))
}

/// A default code's shipped label again, in one language.
pub async fn unlabel(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = p.caller()?.clone();
    let (org, code) = code_of(&p, &caller).await?;
    let Some(locale) = Locale::from_tag(&p.field("locale")).filter(|_| code.organisation_id.is_none()) else {
        return Ok(again(AppError::InvalidInput, &p));
    };
    if !p.state.db.remove_organisation_code_label(org, code.id, locale.tag()).await.map_err(storage)? {
        return Ok(again(AppError::InvalidInput, &p));
    }
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::CodeUnlabelled).detail(format!(
            "{}:{} {}",
            code.facet,
            code.key,
            locale.tag()
        )),
    )
    .await?;
    Ok(done(&p, "code-unlabelled"))
}

/// Retire a code for this organisation (no longer offered for new coding;
/// what was coded with it stays), or bring it back.
pub async fn retire(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = p.caller()?.clone();
    let (org, code) = code_of(&p, &caller).await?;
    let retired = match p.field("retired").as_str() {
        "1" => true,
        "0" => false,
        _ => return Ok(again(AppError::InvalidInput, &p)),
    };
    if p.state.db.set_code_retired(org, code.id, retired).await.map_err(storage)? {
        let action = if retired { AuditAction::CodeRetired } else { AuditAction::CodeRestored };
        audit(
            p.state,
            AuditEntry::new(Some(caller.staff_id), action)
                .organisation(org)
                .detail(format!("{}:{}", code.facet, code.key)),
        )
        .await?;
    }
    Ok(done(&p, if retired { "code-retired" } else { "code-restored" }))
}
