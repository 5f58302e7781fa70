//! The designers' reading of moderation: published summaries and the quotes
//! they may see (their theme has at least k approved submissions in the
//! month). Everyone with the dashboards permission on a programme reads it.
use chrono::Datelike;

use super::quotes::suppression_k;
use super::require_somewhere;
use crate::api::support::{state, storage};
use crate::i18n::Locale;
use crate::model::published::*;
use crate::model::staff::Permission;
use crate::model::summaries::Period;
use crate::model::AppError;

/// How a period is named: its month or quarter key when it is one.
pub fn period_key(start: chrono::NaiveDate, end: chrono::NaiveDate) -> String {
    let month = Period::Month(start.year(), start.month());
    let quarter = Period::Quarter(start.year(), (start.month() - 1) / 3 + 1);
    [month, quarter]
        .into_iter()
        .find(|p| p.range() == Some((start, end)))
        .map_or_else(|| format!("{start} – {end}"), Period::key)
}

pub async fn load_published(code: Option<&str>, locale: Locale) -> Result<PublishedData, AppError> {
    let caller = require_somewhere(Permission::Dashboards)?;
    let state = state()?;
    let readable = super::dashboard::readable_programmes(&state, &caller).await?;
    let programmes = readable.iter().map(|p| (p.code.clone(), p.name.clone())).collect();
    let Some(code) = code else {
        return Ok(PublishedData { programmes, name: None, summaries: vec![], quotes: vec![] });
    };
    let p = readable.iter().find(|p| p.code == code).ok_or(AppError::Forbidden)?;
    let summaries = state
        .db
        .published_summaries(p.id)
        .await
        .map_err(storage)?
        .into_iter()
        .map(|(start, end, on, text)| PublishedSummary {
            period: period_key(start, end),
            published_on: on.to_string(),
            text,
        })
        .collect();
    let k = suppression_k(&state).await?;
    let codes = super::codebook::codes_for(&state, p.organisation_id, locale).await?;
    let mut quotes = Vec::new();
    for q in state.db.quotes_of(p.id).await.map_err(storage)? {
        let Some(tag) = q.tag_id else { continue };
        if state.db.coded_count(p.id, tag, &q.month).await.map_err(storage)? < k {
            continue;
        }
        let theme = codes.iter().find(|c| c.id == tag).map(|c| c.label.clone()).unwrap_or_default();
        quotes.push((theme, q.month, q.body));
    }
    Ok(PublishedData { programmes, name: Some(p.name.clone()), summaries, quotes })
}
