//! Finding a programme and the helplines of its country.
use leptos::prelude::*;

use crate::model::programme::{HelplineCard, ProgrammeCard};
use crate::model::AppError;

/// Looks a programme up by its short code for a youth page.
#[server(prefix = "/api", endpoint = "youth/programme")]
pub async fn find_programme(code: String, locale: String) -> Result<ProgrammeCard, AppError> {
    let state = super::support::state()?;
    let locale = crate::i18n::Locale::from_tag(&locale).unwrap_or_default();
    Ok(load_open_programme(&state, &code, locale).await?.1)
}

/// Helplines of one country (ISO 3166 code), or all when empty.
#[server(prefix = "/api", endpoint = "youth/helplines")]
pub async fn helplines(country: String) -> Result<Vec<HelplineCard>, AppError> {
    use super::support::{db, storage};

    let country = country.trim().to_ascii_uppercase();
    let filter = (!country.is_empty()).then_some(country.as_str());
    let rows = db()?.helplines(filter).await.map_err(storage)?;
    Ok(rows.into_iter().map(card).collect())
}

#[cfg(feature = "ssr")]
fn card(h: siang_storage::Helpline) -> HelplineCard {
    HelplineCard { country: h.country, name: h.name, phone: h.phone, url: h.url, hours: h.hours }
}

/// Helplines of a country plus the international ones; never fails (an empty list at worst).
#[cfg(feature = "ssr")]
pub async fn helplines_of(state: &crate::state::AppState, country: &str) -> Vec<HelplineCard> {
    let mut lines = Vec::new();
    for c in [country, "INT"] {
        lines.extend(state.helplines(c).await.map(|l| l.to_vec()).unwrap_or_default());
    }
    lines.into_iter().map(card).collect()
}

/// A programme that is open today, with its texts in `locale`.
#[cfg(feature = "ssr")]
pub async fn load_open_programme(
    state: &crate::state::AppState,
    code: &str,
    locale: crate::i18n::Locale,
) -> Result<(siang_storage::Programme, ProgrammeCard), AppError> {
    use super::support::{storage, today};
    use crate::model::programme::normalise_code;

    let code = normalise_code(code);
    if code.is_empty() {
        return Err(AppError::CodeEmpty);
    }
    let entry = state.programme(&code).await.map_err(storage)?.ok_or(AppError::ProgrammeUnknown)?;
    let (programme, texts) = (&entry.0, &entry.1);
    let today = today();
    if programme.opens_on.is_some_and(|d| today < d) {
        return Err(AppError::ProgrammeNotOpenYet);
    }
    if !programme.is_open_on(today) {
        return Err(AppError::ProgrammeClosed);
    }
    let text =
        texts.iter().find(|t| t.locale == locale.tag()).or_else(|| texts.iter().find(|t| t.locale == "en"));
    let card = ProgrammeCard {
        code: programme.code.clone(),
        name: text.map(|t| t.name.clone()).unwrap_or_else(|| programme.name.clone()),
        about: text.map(|t| t.about.clone()),
        team_name: programme.team_name.clone(),
        country: programme.country.clone(),
        response_days: programme.response_days,
    };
    Ok((programme.clone(), card))
}

/// A printable poster for a programme: its link as a QR code, for caseworkers
/// to hand out or pin up. Public: it shows nothing the programme page does not.
#[server(prefix = "/api", endpoint = "youth/poster")]
pub async fn programme_poster(
    code: String,
    locale: String,
) -> Result<crate::model::programme::Poster, AppError> {
    let state = super::support::state()?;
    let l = crate::i18n::Locale::from_tag(&locale).unwrap_or_default();
    let (_, card) = load_open_programme(&state, &code, l).await?;
    let origin = match state.config.public_origin.clone() {
        Some(o) => o,
        None => {
            let host = use_context::<http::request::Parts>()
                .and_then(|p| {
                    p.headers.get(http::header::HOST).and_then(|h| h.to_str().ok()).map(str::to_owned)
                })
                .unwrap_or_else(|| "127.0.0.1:3000".into());
            format!("http://{host}")
        }
    };
    let url = format!("{origin}/{}/p/{}", l.tag(), card.code);
    let qr_svg = super::auth::totp::qr_svg(&url).ok_or_else(|| super::support::internal("qr"))?;
    Ok(crate::model::programme::Poster { name: card.name, code: card.code, url, qr_svg })
}
