//! Quotes: a moderator picks a sentence of an approved, fully redacted
//! submission under one of its theme codes; the programme's quotes page
//! says which ones designers may see (their theme has at least k approved
//! submissions in the month). Who is asking → may they → do it → audit it.
use super::moderation::{moderated, target};
use super::moderation_actions::{again_on, back_to};
use super::{audit, require_somewhere, AuditEntry, StaffOutcome, StaffPost};
use crate::api::support::{state, storage};
use crate::model::audit::AuditAction;
use crate::model::moderation::reference;
use crate::model::quotes::*;
use crate::model::staff::Permission;
use crate::model::AppError;
use crate::state::AppState;
use siang_storage::NewQuote;

/// k for this installation (setting `suppression_k`; never below 5).
pub async fn suppression_k(state: &AppState) -> Result<i64, AppError> {
    Ok(k_from(state.db.setting("suppression_k").await.map_err(storage)?.as_deref()))
}

pub async fn load_quotes(code: &str, locale: crate::i18n::Locale) -> Result<QuotesData, AppError> {
    require_somewhere(Permission::Moderate)?;
    let state = state()?;
    let (_, p) = moderated(&state, code).await?;
    let k = suppression_k(&state).await?;
    let codes = super::codebook::codes_for(&state, p.organisation_id, locale).await?;
    let mut quotes = Vec::new();
    for q in state.db.quotes_of(p.id).await.map_err(storage)? {
        let (theme, count) = match q.tag_id {
            Some(tag) => (
                codes.iter().find(|c| c.id == tag).map(|c| c.label.clone()).unwrap_or_default(),
                state.db.coded_count(p.id, tag, &q.month).await.map_err(storage)?,
            ),
            None => (String::new(), 0),
        };
        quotes.push(QuoteLine { id: q.id, body: q.body, month: q.month, theme, count, visible: count >= k });
    }
    Ok(QuotesData { code: p.code, name: p.name, k, quotes })
}

pub async fn pick(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let (caller, s, programme, shown) = super::moderation_actions::target_of(&p).await?;
    if s.moderation != "approved" {
        return Ok(again_on(AppError::QuoteNotApproved, &shown));
    }
    if p.state.db.unresolved_details(s.id).await.map_err(storage)? > 0 {
        return Ok(again_on(AppError::DetailsUnresolved, &shown));
    }
    let (Ok(answer), Ok(index), Ok(theme)) = (
        p.field("answer").parse::<i64>(),
        p.field("sentence").parse::<usize>(),
        p.field("theme").parse::<i64>(),
    ) else {
        return Ok(again_on(AppError::InvalidInput, &shown));
    };
    // One of the submission's own theme codes.
    let themes = super::codebook::codes_for(p.state, programme.organisation_id, p.locale).await?;
    let chosen = p.state.db.codes_of(s.id).await.map_err(storage)?;
    if !themes.iter().any(|c| c.id == theme && c.facet == "theme" && chosen.contains(&c.id)) {
        return Ok(again_on(AppError::InvalidInput, &shown));
    }
    let answers = p.state.db.answers_of(s.id).await.map_err(storage)?;
    let Some(text) = answers.iter().find(|a| a.id == answer).and_then(|a| a.body.as_deref()) else {
        return Ok(again_on(AppError::InvalidInput, &shown));
    };
    let Some(sentence) = sentences(text).into_iter().nth(index) else {
        return Ok(again_on(AppError::InvalidInput, &shown));
    };
    let month = s.submitted_on.format("%Y-%m").to_string();
    let quote = NewQuote {
        programme_id: programme.id,
        submission_id: s.id,
        answer_id: answer,
        body: &sentence,
        month: &month,
        tag_id: theme,
        staff_id: caller.staff_id,
    };
    p.state.db.add_quote(&quote).await.map_err(storage)?;
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::QuoteSelected)
            .programme(Some(programme.id))
            .target(&shown),
    )
    .await?;
    Ok(back_to(&p, &shown, "quoted"))
}

pub async fn remove(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let caller = p.caller()?.clone();
    let programme =
        p.state.db.programme_by_code(&p.field("p")).await.map_err(storage)?.ok_or(AppError::NotFound)?;
    let Ok(id) = p.field("quote").parse::<i64>() else { return Err(AppError::NotFound) };
    if !caller.can(Permission::Moderate, target(&programme)) {
        return Err(AppError::Forbidden);
    }
    if !p.state.db.delete_quote(programme.id, id).await.map_err(storage)? {
        return Err(AppError::NotFound);
    }
    audit(
        p.state,
        AuditEntry::new(Some(caller.staff_id), AuditAction::QuoteRemoved)
            .programme(Some(programme.id))
            .target(&reference(id)),
    )
    .await?;
    Ok(StaffOutcome::to(format!("{}?p={}&done=unquoted", p.path("moderation/quotes"), programme.code)))
}
