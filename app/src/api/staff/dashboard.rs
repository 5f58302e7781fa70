//! A programme's dashboard for a closed month: responses, answers per
//! question against the month before, responses over the past year and
//! theme frequencies, all from the monthly roll-ups and all through the
//! disclosure rules. The month under way is never shown: a figure that
//! moves while a caseworker watches would point at the child who just sent.
//! A closed month is read from its released copy, fixed when first shown,
//! for the same reason: a late withdrawal would otherwise move it.
use chrono::Datelike;

use super::dashboard_questions::{question_stats, Asked};
use super::moderation::target;
use super::quotes::suppression_k;
use super::require_somewhere;
use crate::api::support::{internal, state, storage};
use crate::i18n::Locale;
use crate::model::dashboard::*;
use crate::model::disclosure::{partition, single, Cell};
use crate::model::staff::{Caller, Permission};
use crate::model::AppError;
use crate::state::AppState;

/// Months a reader may choose: the 24 before the month under way.
const MONTHS: usize = 24;
/// Months the responses trend spans, the one shown included.
const TREND: usize = 12;

pub async fn load_dashboard(
    code: Option<&str>,
    month: Option<&str>,
    compare: bool,
    locale: Locale,
) -> Result<DashboardData, AppError> {
    let caller = require_somewhere(Permission::Dashboards)?;
    let state = state()?;
    let mut data = dashboard_for(&state, &caller, code, month, locale).await?;
    // Asked for: it reads every programme of the organisation.
    if compare {
        let p = state.db.programme_by_code(&data.code).await.map_err(storage)?.ok_or(AppError::NotFound)?;
        data.comparison = Some(super::compare::compare(&state, &p, &data, locale).await?);
    }
    Ok(data)
}

/// The dashboard `caller` may read (a page, an export).
pub async fn dashboard_for(
    state: &AppState,
    caller: &Caller,
    code: Option<&str>,
    month: Option<&str>,
    locale: Locale,
) -> Result<DashboardData, AppError> {
    let readable = readable_programmes(state, caller).await?;
    let p = match code {
        Some(code) => readable.iter().find(|p| p.code == code).ok_or(AppError::Forbidden)?,
        None => readable.first().ok_or(AppError::Forbidden)?,
    };
    let mut data = programme_figures(state, p, month, locale, Reader::Staff).await?;
    data.can_export = caller.can(Permission::ExportAggregates, target(p));
    data.programmes = readable.iter().map(|p| (p.code.clone(), p.name.clone())).collect();
    for a in state.db.actions_of(p.id, false).await.map_err(storage)? {
        let at = match (a.published_on, a.state.as_str()) {
            (None, _) => 4,
            (Some(_), "planned") => 0,
            (Some(_), "in_progress") => 1,
            (Some(_), "done") => 2,
            (Some(_), _) => 3,
        };
        data.tracker[at] += 1;
    }
    Ok(data)
}

/// Who reads the figures. Responses and answers are the same for both:
/// each closed month's copy, fixed the first time any page asked for it
/// (`siang_storage::Releases`), so a withdrawal after that moves no
/// figure a reader could compare. Theme counts differ: moderators go on
/// coding after a month closes and staff follow it live; the public sees
/// the themes as they stood when the month was fixed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reader {
    Staff,
    Public,
}

/// One programme's figures for a closed month, for any reader (the
/// caller decides who may ask): no programme list, no export.
pub async fn programme_figures(
    state: &AppState,
    p: &siang_storage::Programme,
    month: Option<&str>,
    locale: Locale,
    reader: Reader,
) -> Result<DashboardData, AppError> {
    let (open_month, months, month) = closed_months(state, month)?;
    let previous = month_before(&month).ok_or_else(|| internal("month"))?;
    let k = suppression_k(state).await?;
    let first = months.last().cloned().unwrap_or_default();
    let db = &state.db;
    db.release_months(&[p.id], &months).await.map_err(storage)?;
    let responses = db.released_responses(&[p.id], &first, &month).await.map_err(storage)?;
    let answers = db.released_answers(p.id, &previous, &month).await.map_err(storage)?;
    let counted = match reader {
        Reader::Staff => db.rollup_codes(&[p.id], &month, &month).await,
        Reader::Public => db.released_codes(p.id, &month, &month).await,
    }
    .map_err(storage)?;

    // Responses per version in each month: a table whose total is shown.
    let by_version = |m: &str| -> Vec<(i64, i64)> {
        responses.iter().filter(|r| r.month == m).map(|r| (r.version_id, r.n)).collect()
    };
    let (this_v, last_v) = (by_version(&month), by_version(&previous));
    let mut versions: Vec<i64> = this_v.iter().chain(&last_v).map(|(v, _)| *v).collect();
    versions.sort_unstable();
    versions.dedup();
    let release = |rows: &[(i64, i64)]| -> (Cell, Vec<Cell>) {
        let counts: Vec<i64> =
            versions.iter().map(|v| rows.iter().find(|(x, _)| x == v).map_or(0, |(_, n)| *n)).collect();
        let total = single(counts.iter().sum(), k);
        (total, partition(&counts, k).unwrap_or_else(|| vec![Cell::Few; counts.len()]))
    };
    let (this, this_cells) = release(&this_v);
    let (last, last_cells) = release(&last_v);
    let mut version_stats = Vec::new();
    let mut asked = Vec::new();
    for (i, version_id) in versions.iter().enumerate() {
        let n = |cells: &[Cell], rows: &[(i64, i64)]| {
            let n = rows.iter().find(|(x, _)| x == version_id).map_or(0, |(_, n)| *n);
            (n, matches!(cells.get(i), Some(Cell::Count(_))))
        };
        let Some(version) = state.version(*version_id).await.map_err(storage)? else { continue };
        version_stats.push(VersionStats {
            version: version.version,
            this: this_cells[i],
            last: last_cells[i],
        });
        asked.push(Asked { version, this: n(&this_cells, &this_v), last: n(&last_cells, &last_v) });
    }
    let questions = question_stats(state, &asked, locale, &answers, (&month, &previous), k).await?;

    let trend_months: Vec<&String> = months.iter().filter(|m| **m <= month).take(TREND).collect();
    let trend = trend_months
        .iter()
        .rev()
        .map(|m| ((*m).clone(), single(responses.iter().filter(|r| &r.month == *m).map(|r| r.n).sum(), k)))
        .collect();

    let codes = super::codebook::codes_for(state, p.organisation_id, locale).await?;
    // Every theme is listed, none coded included, so "fewer than k" says no more than that.
    let mut themes: Vec<(String, i64)> = codes
        .iter()
        .map(|c| (c, counted.iter().find(|x| x.tag_id == c.id).map_or(0, |x| x.n)))
        .filter(|(c, _)| c.facet == "theme")
        .map(|(c, n)| (c.label.clone(), n))
        .collect();
    themes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    // Small ones are named but not ordered by their hidden counts.
    let (big, small): (Vec<_>, Vec<_>) = themes.into_iter().partition(|(_, n)| *n >= k.max(5));
    let mut small: Vec<String> = small.into_iter().map(|(l, _)| l).collect();
    small.sort();
    let small = small.into_iter().map(|l| (l, Cell::Few));
    let themes = big.into_iter().map(|(l, n)| (l, Cell::Count(n))).chain(small).collect();

    Ok(DashboardData {
        can_export: false,
        programmes: vec![],
        comparison: None,
        tracker: [0; 5],
        code: p.code.clone(),
        name: p.name.clone(),
        month,
        previous,
        months,
        open_month,
        k: crate::model::disclosure::effective_k(k),
        this,
        last,
        versions: version_stats,
        questions,
        trend,
        themes,
    })
}

/// The month under way, the closed months a reader may choose (newest
/// first) and the one asked for (the last closed one when none was).
fn closed_months(state: &AppState, asked: Option<&str>) -> Result<(String, Vec<String>, String), AppError> {
    let today = state.today();
    let open_month = format!("{:04}-{:02}", today.year(), today.month());
    let mut months = Vec::with_capacity(MONTHS);
    let mut m = open_month.clone();
    while months.len() < MONTHS {
        m = month_before(&m).ok_or_else(|| internal("month"))?;
        months.push(m.clone());
    }
    let month = match asked {
        None => months[0].clone(),
        Some(m) if months.iter().any(|x| x == m) => m.to_owned(),
        Some(_) => return Err(AppError::InvalidInput),
    };
    Ok((open_month, months, month))
}

/// Responses per month of every programme the caller may read, side by
/// side: each figure the same as on that programme's own dashboard.
pub async fn load_overview(month: Option<&str>) -> Result<OverviewData, AppError> {
    let caller = require_somewhere(Permission::Dashboards)?;
    let state = state()?;
    let readable = readable_programmes(&state, &caller).await?;
    let (open_month, months, month) = closed_months(&state, month)?;
    let previous = month_before(&month).ok_or_else(|| internal("month"))?;
    let k = suppression_k(&state).await?;
    let ids: Vec<i64> = readable.iter().map(|p| p.id).collect();
    let first = months.last().cloned().unwrap_or_default();
    state.db.release_months(&ids, &months).await.map_err(storage)?;
    let counts = state.db.released_responses(&ids, &first, &month).await.map_err(storage)?;
    let trend_months: Vec<&String> = months.iter().filter(|m| **m <= month).take(TREND).collect();
    let rows = readable
        .iter()
        .map(|p| {
            let n = |m: &str| {
                single(counts.iter().filter(|r| r.programme_id == p.id && r.month == m).map(|r| r.n).sum(), k)
            };
            OverviewRow {
                code: p.code.clone(),
                name: p.name.clone(),
                this: n(&month),
                last: n(&previous),
                trend: trend_months.iter().rev().map(|m| ((*m).clone(), n(m))).collect(),
            }
        })
        .collect();
    Ok(OverviewData {
        month,
        previous,
        months,
        open_month,
        k: crate::model::disclosure::effective_k(k),
        rows,
    })
}

/// The programmes whose dashboards (and published summaries) `caller` may read.
pub async fn readable_programmes(
    state: &AppState,
    caller: &Caller,
) -> Result<Vec<siang_storage::Programme>, AppError> {
    Ok(state
        .db
        .programmes()
        .await
        .map_err(storage)?
        .into_iter()
        .filter(|p| caller.can(Permission::Dashboards, target(p)))
        .collect())
}
