//! Finding a programme and the helplines of its country.
use leptos::prelude::*;

use crate::model::programme::{HelplineCard, ProgrammeCard};
use crate::model::AppError;

/// Looks a programme up by its short code for a youth page.
#[server(prefix = "/api", endpoint = "youth/programme")]
pub async fn find_programme(code: String, locale: String) -> Result<ProgrammeCard, AppError> {
    use super::support::{db, storage, today};
    use crate::model::programme::normalise_code;

    let code = normalise_code(&code);
    if code.is_empty() {
        return Err(AppError::CodeEmpty);
    }
    let db = db()?;
    let programme = db.programme_by_code(&code).await.map_err(storage)?.ok_or(AppError::ProgrammeUnknown)?;
    let today = today();
    if programme.opens_on.is_some_and(|d| today < d) {
        return Err(AppError::ProgrammeNotOpenYet);
    }
    if !programme.is_open_on(today) {
        return Err(AppError::ProgrammeClosed);
    }
    let texts = db.programme_texts(programme.id).await.map_err(storage)?;
    let text = texts.iter().find(|t| t.locale == locale).or_else(|| texts.iter().find(|t| t.locale == "en"));
    Ok(ProgrammeCard {
        code: programme.code,
        name: text.map(|t| t.name.clone()).unwrap_or(programme.name),
        about: text.map(|t| t.about.clone()),
        team_name: programme.team_name,
        country: programme.country,
        response_days: programme.response_days,
    })
}

/// Helplines of one country (ISO 3166 code), or all when empty.
#[server(prefix = "/api", endpoint = "youth/helplines")]
pub async fn helplines(country: String) -> Result<Vec<HelplineCard>, AppError> {
    use super::support::{db, storage};

    let country = country.trim().to_ascii_uppercase();
    let filter = (!country.is_empty()).then_some(country.as_str());
    let rows = db()?.helplines(filter).await.map_err(storage)?;
    Ok(rows
        .into_iter()
        .map(|h| HelplineCard {
            country: h.country,
            name: h.name,
            phone: h.phone,
            url: h.url,
            hours: h.hours,
        })
        .collect())
}
