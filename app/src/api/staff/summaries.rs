//! Period summaries: the portal drafts a starting point from the data —
//! responses (fewer than k said so), rating changes against the previous
//! period, the most frequent themes and representative quotes, every figure
//! under the suppression rule — the moderator edits it, each save is a
//! version, and publishing (audited) makes it the designers' text.
//! Who is asking → may they → do it → audit it.
use std::collections::BTreeSet;

use fluent_bundle::FluentArgs;
use siang_storage::{Programme, QuoteRow};

use super::moderation::{moderated, target};
use super::quotes::suppression_k;
use super::{audit, require_somewhere, AuditEntry, StaffOutcome, StaffPost};
use crate::api::support::{state, storage};
use crate::i18n::{Locale, CATALOG};
use crate::model::audit::AuditAction;
use crate::model::staff::Permission;
use crate::model::staff_pages::StaffForm;
use crate::model::summaries::*;
use crate::model::AppError;
use crate::state::AppState;

fn text(locale: Locale, key: &str, args: &[(&str, String)]) -> String {
    let mut a = FluentArgs::new();
    for (k, v) in args {
        a.set(*k, v.clone());
    }
    CATALOG.format(locale, key, Some(&a)).unwrap_or_default()
}

fn words(s: &str) -> BTreeSet<String> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// The quote most like the others of its theme (the largest summed word
/// overlap, Jaccard), the lowest id on a tie: simple, and the same every time.
pub fn representative(quotes: &[&QuoteRow]) -> Option<String> {
    let sets: Vec<BTreeSet<String>> = quotes.iter().map(|q| words(&q.body)).collect();
    let score = |i: usize| -> f64 {
        sets.iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, other)| {
                let union = sets[i].union(other).count();
                if union == 0 {
                    0.0
                } else {
                    sets[i].intersection(other).count() as f64 / union as f64
                }
            })
            .sum()
    };
    let mut best: Option<(f64, i64, &str)> = None;
    for (i, q) in quotes.iter().enumerate() {
        let s = score(i);
        if best.is_none_or(|(bs, bid, _)| s > bs || (s == bs && q.id < bid)) {
            best = Some((s, q.id, &q.body));
        }
    }
    best.map(|(_, _, b)| b.to_owned())
}

/// The drafted starting point, in the moderator's language.
pub async fn draft(
    state: &AppState,
    p: &Programme,
    period: Period,
    locale: Locale,
) -> Result<String, AppError> {
    let k = suppression_k(state).await?;
    let (start, end) = period.range().ok_or(AppError::InvalidInput)?;
    let (pstart, pend) = period.previous().range().ok_or(AppError::InvalidInput)?;
    let now = state.db.period_facts(p.id, start, end).await.map_err(storage)?;
    let before = state.db.period_facts(p.id, pstart, pend).await.map_err(storage)?;
    let mut out =
        vec![text(locale, "sum-draft-head", &[("programme", p.name.clone()), ("period", period.key())])];
    out.push(if now.responses >= k {
        text(locale, "sum-draft-responses", &[("n", now.responses.to_string())])
    } else {
        text(locale, "sum-draft-few", &[("k", k.to_string())])
    });
    // Ratings against the previous period, the same question only, each side from k answers or more.
    let mut changes = Vec::new();
    for (qid, n, sum) in &now.ratings {
        let Some((_, pn, psum)) = before.ratings.iter().find(|(q, _, _)| q == qid) else { continue };
        if *n < k || *pn < k {
            continue;
        }
        let (a, b) = (*sum as f64 / *n as f64, *psum as f64 / *pn as f64);
        let Some(vid) = state.db.question_version(*qid).await.map_err(storage)? else { continue };
        let Some(version) = state.version(vid).await.map_err(storage)? else { continue };
        let view = state.localised(&version, locale);
        let Some(q) = view.screens.iter().flat_map(|s| s.questions.iter()).find(|q| q.id == *qid) else {
            continue;
        };
        changes.push(((a - b).abs(), *qid, q.prompt.clone(), a, b));
    }
    changes.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    if changes.is_empty() {
        out.push(text(locale, "sum-draft-no-ratings", &[("k", k.to_string())]));
    } else {
        let mut lines = vec![text(locale, "sum-draft-ratings", &[])];
        for (_, _, prompt, a, b) in changes.into_iter().take(5) {
            lines.push(format!(
                "- {}",
                text(
                    locale,
                    "sum-draft-rating",
                    &[("question", prompt), ("now", format!("{a:.1}")), ("before", format!("{b:.1}"))]
                )
            ));
        }
        out.push(lines.join("\n"));
    }
    // Themes counted from k approved submissions up, most frequent first.
    let codes = super::codebook::codes_for(state, p.organisation_id, locale).await?;
    let mut themes: Vec<(i64, i64, String)> = now
        .codes
        .iter()
        .filter(|(_, n)| *n >= k)
        .filter_map(|(id, n)| {
            codes.iter().find(|c| c.id == *id && c.facet == "theme").map(|c| (*n, *id, c.label.clone()))
        })
        .collect();
    themes.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    themes.truncate(3);
    if themes.is_empty() {
        out.push(text(locale, "sum-draft-no-themes", &[("k", k.to_string())]));
        return Ok(out.join("\n\n"));
    }
    let list = themes.iter().map(|(n, _, l)| format!("{l} ({n})")).collect::<Vec<_>>().join(", ");
    out.push(text(locale, "sum-draft-themes", &[("themes", list)]));
    // One representative quote per theme, from the quotes picked in the period.
    let quotes = state.db.quotes_of(p.id).await.map_err(storage)?;
    let in_period: Vec<&QuoteRow> = quotes
        .iter()
        .filter(|q| siang_storage::month_range(&q.month).is_some_and(|(s, _)| s >= start && s < end))
        .collect();
    let mut said = Vec::new();
    for (_, id, _) in &themes {
        let of_theme: Vec<&QuoteRow> = in_period.iter().copied().filter(|q| q.tag_id == Some(*id)).collect();
        if let Some(q) = representative(&of_theme) {
            said.push(format!("“{q}”"));
        }
    }
    if !said.is_empty() {
        out.push(format!("{}\n{}", text(locale, "sum-draft-quotes", &[]), said.join("\n")));
    }
    Ok(out.join("\n\n"))
}

pub async fn load_summary(code: &str, period: Option<&str>) -> Result<SummaryPage, AppError> {
    require_somewhere(Permission::Moderate)?;
    let state = state()?;
    let (_, p) = moderated(&state, code).await?;
    let today = state.today();
    let period = period.and_then(Period::parse).unwrap_or_else(|| Period::last_month(today));
    let (start, end) = period.range().ok_or(AppError::InvalidInput)?;
    let row = state.db.summary(p.id, start, end).await.map_err(storage)?;
    let versions = match &row {
        Some(r) => state
            .db
            .summary_versions(r.id)
            .await
            .map_err(storage)?
            .into_iter()
            .map(|v| (v.staff_name.unwrap_or_default(), crate::model::safeguarding::staff_time(v.at), v.body))
            .collect(),
        None => vec![],
    };
    Ok(SummaryPage {
        code: p.code,
        name: p.name,
        period: period.key(),
        periods: Period::recent(today).into_iter().map(Period::key).collect(),
        text: row.as_ref().map(|r| r.body.clone()),
        state: row.as_ref().map(|r| r.state.clone()),
        published_on: row.as_ref().and_then(|r| r.published_on).map(|d| d.to_string()),
        versions,
    })
}

/// The programme and period a form names, if the caller moderates it.
async fn named(p: &StaffPost<'_>) -> Result<(i64, Programme, Period), AppError> {
    let caller = p.caller()?.clone();
    let programme =
        p.state.db.programme_by_code(&p.field("p")).await.map_err(storage)?.ok_or(AppError::NotFound)?;
    if !caller.can(Permission::Moderate, target(&programme)) {
        return Err(AppError::Forbidden);
    }
    let period = Period::parse(&p.field("period")).ok_or(AppError::InvalidInput)?;
    Ok((caller.staff_id, programme, period))
}

fn back(p: &StaffPost<'_>, code: &str, period: Period, done: &str) -> StaffOutcome {
    StaffOutcome::to(format!(
        "{}?p={code}&period={}&done={done}",
        p.path("moderation/summaries"),
        period.key()
    ))
}

pub async fn make_draft(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let (staff, programme, period) = named(&p).await?;
    let body = draft(p.state, &programme, period, p.locale).await?;
    let (start, end) = period.range().ok_or(AppError::InvalidInput)?;
    p.state.db.save_summary(programme.id, start, end, &body, staff, p.state.now()).await.map_err(storage)?;
    audit(
        p.state,
        AuditEntry::new(Some(staff), AuditAction::SummaryDrafted)
            .programme(Some(programme.id))
            .detail(period.key()),
    )
    .await?;
    Ok(back(&p, &programme.code, period, "summary-drafted"))
}

pub async fn save(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let (staff, programme, period) = named(&p).await?;
    let body = p.field("body");
    let keep = || {
        vec![
            ("p".to_owned(), programme.code.clone()),
            ("period".to_owned(), period.key()),
            ("body".to_owned(), body.clone()),
        ]
    };
    if body.is_empty() {
        return Ok(StaffOutcome::page(StaffForm::error(AppError::InvalidInput, keep())));
    }
    if body.chars().count() > SUMMARY_MAX {
        return Ok(StaffOutcome::page(StaffForm::error(AppError::TextTooLong { max: SUMMARY_MAX }, keep())));
    }
    let (start, end) = period.range().ok_or(AppError::InvalidInput)?;
    p.state.db.save_summary(programme.id, start, end, &body, staff, p.state.now()).await.map_err(storage)?;
    audit(
        p.state,
        AuditEntry::new(Some(staff), AuditAction::SummarySaved)
            .programme(Some(programme.id))
            .detail(period.key()),
    )
    .await?;
    Ok(back(&p, &programme.code, period, "summary-saved"))
}

pub async fn publish(p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    let (staff, programme, period) = named(&p).await?;
    let (start, end) = period.range().ok_or(AppError::InvalidInput)?;
    let row =
        p.state.db.summary(programme.id, start, end).await.map_err(storage)?.ok_or(AppError::NotFound)?;
    p.state.db.publish_summary(programme.id, row.id, staff, p.state.today()).await.map_err(storage)?;
    audit(
        p.state,
        AuditEntry::new(Some(staff), AuditAction::SummaryPublished)
            .programme(Some(programme.id))
            .detail(period.key()),
    )
    .await?;
    Ok(back(&p, &programme.code, period, "summary-published"))
}
