//! A programme's report for one closed month, to print for a board or a
//! donor: the dashboard's figures (already through the disclosure rules),
//! the summaries published for a period holding that month, and the
//! published actions. Months only: a quarter added up from months could
//! be set against its shown months to reveal a hidden one.
use chrono::NaiveDate;

use super::dashboard::dashboard_for;
use super::require_somewhere;
use crate::api::heard::heard_of;
use crate::api::support::{internal, state, storage};
use crate::i18n::Locale;
use crate::model::published::PublishedSummary;
use crate::model::report::ReportData;
use crate::model::staff::Permission;
use crate::model::AppError;

pub async fn load_report(
    code: Option<&str>,
    month: Option<&str>,
    locale: Locale,
) -> Result<ReportData, AppError> {
    let caller = require_somewhere(Permission::Dashboards)?;
    let state = state()?;
    let code = code.ok_or(AppError::NotFound)?;
    let mut figures = dashboard_for(&state, &caller, Some(code), month, locale).await?;
    figures.programmes.clear();
    // dashboard_for has checked the caller may read it.
    let p = &state.db.programme_by_code(&figures.code).await.map_err(storage)?.ok_or(AppError::NotFound)?;
    let first = NaiveDate::parse_from_str(&format!("{}-01", figures.month), "%Y-%m-%d").map_err(internal)?;
    let summaries = state
        .db
        .published_summaries(p.id)
        .await
        .map_err(storage)?
        .into_iter()
        .filter(|(start, end, _, _)| *start <= first && first < *end)
        .map(|(start, end, on, text)| PublishedSummary {
            period: super::published::period_key(start, end),
            published_on: on.to_string(),
            text,
        })
        .collect();
    let heard = heard_of(&state, p, locale).await?;
    Ok(ReportData { figures, summaries, heard, printed_on: state.today().to_string() })
}
