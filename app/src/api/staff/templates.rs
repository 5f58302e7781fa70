//! Reply templates: administrators keep them per organisation (or, for the
//! whole installation, installation administrators), a text per language;
//! moderators start a reply from one in the young person's language.
//! Who is asking → may they → do it → audit it.
use siang_storage::Organisation;

use super::{audit, require_somewhere, AuditEntry, StaffOutcome, StaffPost};
use crate::api::staff::moderation_actions::REPLY_MAX;
use crate::api::support::{state, storage};
use crate::i18n::Locale;
use crate::model::audit::AuditAction;
use crate::model::staff::{Caller, Permission, Target};
use crate::model::staff_pages::StaffForm;
use crate::model::templates::*;
use crate::model::AppError;

fn may(caller: &Caller, organisation: Option<i64>) -> bool {
    let target = organisation.map_or(Target::Installation, Target::Organisation);
    caller.can(Permission::ManageProgrammes, target)
}

fn scopes(caller: &Caller, orgs: &[Organisation]) -> Vec<(Option<i64>, String)> {
    let mut out: Vec<(Option<i64>, String)> = Vec::new();
    if may(caller, None) {
        out.push((None, String::new()));
    }
    out.extend(orgs.iter().filter(|o| may(caller, Some(o.id))).map(|o| (Some(o.id), o.name.clone())));
    out
}

pub async fn load_templates(edit: Option<i64>) -> Result<TemplatesData, AppError> {
    let caller = require_somewhere(Permission::ManageProgrammes)?;
    let state = state()?;
    let orgs = state.db.organisations().await.map_err(storage)?;
    let scopes = scopes(&caller, &orgs);
    let ids: Vec<i64> = scopes.iter().filter_map(|(id, _)| *id).collect();
    let name = |id: Option<i64>| id.and_then(|id| orgs.iter().find(|o| o.id == id)).map(|o| o.name.clone());
    let lines: Vec<TemplateLine> = state
        .db
        .reply_templates(&ids)
        .await
        .map_err(storage)?
        .into_iter()
        .map(|t| TemplateLine {
            id: t.id,
            editable: may(&caller, t.organisation_id),
            organisation: name(t.organisation_id),
            title: t.title,
            locale: t.locale,
            body: t.body,
        })
        .collect();
    let mut missing: Vec<(String, Option<String>, Vec<String>)> = Vec::new();
    for l in &lines {
        if missing.iter().any(|(t, o, _)| *t == l.title && *o == l.organisation) {
            continue;
        }
        let have: Vec<&str> = lines
            .iter()
            .filter(|x| x.title == l.title && x.organisation == l.organisation)
            .map(|x| x.locale.as_str())
            .collect();
        let gaps: Vec<String> = Locale::ALL
            .iter()
            .map(|x| x.tag())
            .filter(|tag| !have.contains(tag))
            .map(str::to_owned)
            .collect();
        missing.push((l.title.clone(), l.organisation.clone(), gaps));
    }
    let editing = edit.and_then(|id| lines.iter().find(|l| l.id == id && l.editable).cloned());
    Ok(TemplatesData { lines, missing, scopes, editing })
}

fn again(e: AppError, p: &StaffPost<'_>) -> StaffOutcome {
    let keep = ["scope", "title", "locale", "body"];
    StaffOutcome::page(StaffForm::error(e, keep.iter().map(|k| ((*k).to_owned(), p.field(k))).collect()))
}

fn done(p: &StaffPost<'_>, what: &str) -> StaffOutcome {
    StaffOutcome::to(format!("{}?done={what}", p.path("templates")))
}

pub async fn save(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = p.caller()?.clone();
    let scope = p.field("scope");
    let organisation = match scope.as_str() {
        "" | "all" => None,
        id => match id.parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => return Ok(again(AppError::InvalidInput, &p)),
        },
    };
    if !may(&caller, organisation) {
        return Err(AppError::Forbidden);
    }
    let (title, body, locale) = (p.field("title"), p.field("body"), p.field("locale"));
    if title.is_empty() || body.is_empty() || Locale::from_tag(&locale).is_none() {
        return Ok(again(AppError::InvalidInput, &p));
    }
    if title.chars().count() > TITLE_MAX {
        return Ok(again(AppError::TextTooLong { max: TITLE_MAX }, &p));
    }
    if body.chars().count() > REPLY_MAX {
        return Ok(again(AppError::TextTooLong { max: REPLY_MAX }, &p));
    }
    if let Some(org) = organisation {
        if !p.state.db.organisations().await.map_err(storage)?.iter().any(|o| o.id == org) {
            return Ok(again(AppError::InvalidInput, &p));
        }
    }
    p.state
        .db
        .put_reply_template(organisation, &title, &locale, &body, caller.staff_id, p.state.now())
        .await
        .map_err(storage)?;
    audit(p.state, AuditEntry::new(Some(caller.staff_id), AuditAction::TemplateSaved).detail(locale)).await?;
    Ok(done(&p, "template-saved"))
}

pub async fn delete(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = p.caller()?.clone();
    let Ok(id) = p.field("template").parse::<i64>() else { return Err(AppError::NotFound) };
    let t = p.state.db.reply_template(id).await.map_err(storage)?.ok_or(AppError::NotFound)?;
    if !may(&caller, t.organisation_id) {
        return Err(AppError::Forbidden);
    }
    p.state.db.delete_reply_template(id).await.map_err(storage)?;
    audit(p.state, AuditEntry::new(Some(caller.staff_id), AuditAction::TemplateDeleted).detail(t.locale))
        .await?;
    Ok(done(&p, "template-deleted"))
}
