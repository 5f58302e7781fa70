//! Helplines are data: installation administrators add, correct, confirm
//! ("verified on") and remove the lines young people are shown in each
//! country; organisation administrators read them. Who is asking → may
//! they → do it → audit it.
use siang_storage::NewHelpline;

use super::{audit, require_somewhere, AuditEntry, StaffOutcome, StaffPost};
use crate::api::support::{state, storage};
use crate::i18n::Locale;
use crate::model::audit::AuditAction;
use crate::model::programme_admin::*;
use crate::model::staff::{Caller, Permission, Target};
use crate::model::staff_pages::StaffForm;
use crate::model::AppError;

pub async fn load_helplines() -> Result<HelplinesData, AppError> {
    let caller = require_somewhere(Permission::ManageProgrammes)?;
    let state = state()?;
    let rows = state.db.helplines(None).await.map_err(storage)?;
    let ids: Vec<i64> = rows.iter().map(|h| h.id).collect();
    let texts = state.db.helpline_texts(&ids).await.map_err(storage)?;
    let lines = rows
        .into_iter()
        .map(|h| HelplineAdmin {
            names: Locale::ALL
                .iter()
                .map(|l| {
                    let t = texts.iter().find(|t| t.helpline_id == h.id && t.locale == l.tag());
                    (l.tag().to_owned(), t.map(|t| t.name.clone()).unwrap_or_default())
                })
                .collect(),
            id: h.id,
            country: h.country,
            name: h.name,
            phone: h.phone,
            url: h.url.unwrap_or_default(),
            hours: h.hours.unwrap_or_default(),
            verified_on: h.verified_on.map(|d| d.format("%Y-%m-%d").to_string()),
        })
        .collect();
    Ok(HelplinesData { lines, can_edit: caller.can(Permission::ManageProgrammes, Target::Installation) })
}

fn again(e: AppError, p: &StaffPost<'_>) -> StaffOutcome {
    let mut keep: Vec<String> =
        ["line", "country", "name", "phone", "url", "hours"].map(str::to_owned).to_vec();
    keep.extend(Locale::ALL.iter().map(|l| format!("name_{}", l.tag())));
    StaffOutcome::page(StaffForm::error(e, keep.iter().map(|k| (k.clone(), p.field(k))).collect()))
}

fn done(p: &StaffPost<'_>, what: &str) -> StaffOutcome {
    StaffOutcome::to(format!("{}?done={what}", p.path("helplines")))
}

fn installation(p: &StaffPost<'_>) -> Result<Caller, AppError> {
    let caller = p.caller()?.clone();
    if !caller.can(Permission::ManageProgrammes, Target::Installation) {
        return Err(AppError::Forbidden);
    }
    Ok(caller)
}

/// The line typed in, checked (its check date is kept apart).
fn typed(p: &StaffPost<'_>) -> Option<NewHelpline> {
    let country = p.field("country");
    let url = p.field("url");
    let hours = p.field("hours");
    let (name, phone) = (one_line(&p.field("name"), NAME_MAX)?, phone_like(&p.field("phone"))?);
    if !helpline_country(&country) || !(url.is_empty() || safe_link(&url)) {
        return None;
    }
    if !hours.is_empty() && one_line(&hours, 60).is_none() {
        return None;
    }
    let hours = (!hours.is_empty()).then_some(hours);
    Some(NewHelpline { country, name, phone, url: (!url.is_empty()).then_some(url), hours, verified: false })
}

/// The line a form was made for: its id, and the number the form showed
/// (ids can be reused after a removal, so a form for a line that has
/// changed since is refused rather than applied to another one).
async fn current_line(p: &StaffPost<'_>) -> Result<siang_storage::Helpline, AppError> {
    let id: i64 = p.field("line").parse().map_err(|_| AppError::NotFound)?;
    let line = p.state.db.helplines(None).await.map_err(storage)?.into_iter().find(|h| h.id == id);
    let line = line.ok_or(AppError::NotFound)?;
    if line.phone != p.field("was") {
        return Err(AppError::StaleForm);
    }
    Ok(line)
}

/// How the audit log names a line (helplines are public data, never a child's).
fn named(country: &str, phone: &str, name: &str) -> String {
    format!("{country} {phone} {name}")
}

pub async fn add(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = installation(&p)?;
    let Some(line) = typed(&p) else { return Ok(again(AppError::InvalidInput, &p)) };
    p.state.db.add_helpline(&line).await.map_err(storage)?;
    let detail = named(&line.country, &line.phone, &line.name);
    audit(p.state, AuditEntry::new(Some(caller.staff_id), AuditAction::HelplineAdded).detail(detail)).await?;
    Ok(done(&p, "helpline-added"))
}

pub async fn save(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = installation(&p)?;
    let before = current_line(&p).await?;
    let id = before.id;
    let Some(line) = typed(&p) else { return Ok(again(AppError::InvalidInput, &p)) };
    // English is the line's own name; the others are its translations.
    let mut names = vec![(Locale::En, line.name.clone())];
    for l in Locale::ALL.into_iter().filter(|l| *l != Locale::En) {
        let name = p.field(&format!("name_{}", l.tag()));
        match (name.is_empty(), one_line(&name, NAME_MAX)) {
            (true, _) => {}
            (false, Some(n)) => names.push((l, n)),
            (false, None) => return Ok(again(AppError::InvalidInput, &p)),
        }
    }
    if !p.state.db.update_helpline(id, &line).await.map_err(storage)? {
        return Err(AppError::NotFound);
    }
    // New hours replace the translated ones (young people read the new hours
    // rather than a stale "24/7"); unchanged hours keep their translations.
    let hours_changed = before.hours != line.hours;
    let texts = p.state.db.helpline_texts(&[id]).await.map_err(storage)?;
    let kept = |tag: &str| {
        let old = texts.iter().find(|t| t.locale == tag).and_then(|t| t.hours.clone());
        if hours_changed {
            None
        } else {
            old
        }
    };
    for t in texts.iter().filter(|t| !names.iter().any(|(l, _)| l.tag() == t.locale)) {
        p.state
            .db
            .put_helpline_text(id, &t.locale, &t.name, kept(&t.locale).as_deref())
            .await
            .map_err(storage)?;
    }
    for (l, name) in &names {
        p.state.db.put_helpline_text(id, l.tag(), name, kept(l.tag()).as_deref()).await.map_err(storage)?;
    }
    // A number nobody has called since it changed is not checked.
    if (&before.country, &before.phone, &before.url) != (&line.country, &line.phone, &line.url) {
        p.state.db.set_helpline_verified(id, None).await.map_err(storage)?;
    }
    let detail = format!(
        "{} (was {})",
        named(&line.country, &line.phone, &line.name),
        named(&before.country, &before.phone, &before.name)
    );
    audit(p.state, AuditEntry::new(Some(caller.staff_id), AuditAction::HelplineSaved).detail(detail)).await?;
    Ok(done(&p, "helpline-saved"))
}

/// Confirmed today (the number was called and answered), or no longer vouched for.
pub async fn verify(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = installation(&p)?;
    let line = current_line(&p).await?;
    let on = match p.field("verified").as_str() {
        "1" => Some(p.state.today()),
        "0" => None,
        _ => return Err(AppError::InvalidInput),
    };
    if !p.state.db.set_helpline_verified(line.id, on).await.map_err(storage)? {
        return Err(AppError::NotFound);
    }
    let state = if on.is_some() { "verified" } else { "unverified" };
    let detail = format!("{state} {}", named(&line.country, &line.phone, &line.name));
    audit(p.state, AuditEntry::new(Some(caller.staff_id), AuditAction::HelplineVerified).detail(detail))
        .await?;
    Ok(done(&p, if on.is_some() { "helpline-verified" } else { "helpline-unverified" }))
}

/// Removes a line (the form asks to tick a box first); a country's last
/// line, and the last international one, stay.
pub async fn remove(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = installation(&p)?;
    let line = current_line(&p).await?;
    if p.field("confirm") != "1" {
        return Err(AppError::InvalidInput);
    }
    if p.state.db.helplines(Some(&line.country)).await.map_err(storage)?.len() <= 1 {
        return Err(AppError::LastHelpline);
    }
    if !p.state.db.remove_helpline(line.id).await.map_err(storage)? {
        return Err(AppError::NotFound);
    }
    let detail = named(&line.country, &line.phone, &line.name);
    audit(p.state, AuditEntry::new(Some(caller.staff_id), AuditAction::HelplineRemoved).detail(detail))
        .await?;
    Ok(done(&p, "helpline-removed"))
}
