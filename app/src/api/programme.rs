//! Finding a programme, the helplines of its country and its poster, for
//! youth pages. Names are data an organisation translates: each text comes
//! in the page's language when there is one, else in English, and says
//! which (so the page can mark it with `lang` and staff can see the gap).
use siang_storage::{Helpline, HelplineText, Programme};

use super::support::{internal, storage};
use crate::i18n::Locale;
use crate::model::programme::{normalise_code, HelplineCard, Poster, ProgrammeCard};
use crate::model::AppError;
use crate::state::AppState;

/// The programme behind a code, for a youth page (open today, texts in `locale`).
pub async fn find_programme(state: &AppState, code: &str, locale: Locale) -> Result<ProgrammeCard, AppError> {
    Ok(load_open_programme(state, code, locale).await?.1)
}

/// The programme's languages, English last when it is not one of them
/// (staff may always write English words as a fallback).
pub fn languages_of(p: &Programme) -> Vec<String> {
    let mut l: Vec<String> =
        p.language_list().into_iter().filter(|t| Locale::from_tag(t).is_some()).map(str::to_owned).collect();
    if !l.iter().any(|t| t == "en") {
        l.push("en".to_owned());
    }
    l
}

/// Helplines of one country (ISO 3166 code), or all when empty.
pub async fn helplines(
    state: &AppState,
    country: &str,
    locale: Locale,
) -> Result<Vec<HelplineCard>, AppError> {
    let country = country.trim().to_ascii_uppercase();
    let filter = (!country.is_empty()).then_some(country.as_str());
    let rows = state.db.helplines(filter).await.map_err(storage)?;
    let ids: Vec<i64> = rows.iter().map(|h| h.id).collect();
    let texts = state.db.helpline_texts(&ids).await.map_err(storage)?;
    Ok(rows.into_iter().map(|h| card(h, &texts, locale)).collect())
}

fn card(h: Helpline, texts: &[HelplineText], locale: Locale) -> HelplineCard {
    let text = |l: &str| texts.iter().find(|t| t.helpline_id == h.id && t.locale == l);
    let (name, hours, lang) = match text(locale.tag()) {
        Some(t) => (t.name.clone(), t.hours.clone().or(h.hours.clone()), locale.tag()),
        None => (h.name.clone(), h.hours.clone(), "en"),
    };
    HelplineCard { country: h.country, name, phone: h.phone, url: h.url, hours, lang: lang.to_owned() }
}

/// Helplines of a country plus the international ones; never fails (an empty list at worst).
pub async fn helplines_of(state: &AppState, country: &str, locale: Locale) -> Vec<HelplineCard> {
    let mut lines = Vec::new();
    for c in [country, "INT"] {
        if let Ok(entry) = state.helplines(c).await {
            let (rows, texts) = (&entry.0, &entry.1);
            lines.extend(rows.iter().cloned().map(|h| card(h, texts, locale)));
        }
    }
    lines
}

/// A programme that is open today, with its texts in `locale`.
pub async fn load_open_programme(
    state: &AppState,
    code: &str,
    locale: Locale,
) -> Result<(Programme, ProgrammeCard), AppError> {
    let code = normalise_code(code);
    if code.is_empty() {
        return Err(AppError::CodeEmpty);
    }
    let entry = state.programme(&code).await.map_err(storage)?.ok_or(AppError::ProgrammeUnknown)?;
    let (programme, texts) = (&entry.0, &entry.1);
    let today = state.today();
    if programme.opens_on.is_some_and(|d| today < d) {
        return Err(AppError::ProgrammeNotOpenYet);
    }
    if !programme.is_open_on(today) {
        return Err(AppError::ProgrammeClosed);
    }
    // A programme opens to young people once it says, in words written for
    // them, what it is: never with only the name its staff use.
    if texts.is_empty() {
        return Err(AppError::ProgrammeNotOpenYet);
    }
    Ok((programme.clone(), programme_card(programme, texts, locale)))
}

pub fn programme_card(
    p: &Programme,
    texts: &[siang_storage::ProgrammeText],
    locale: Locale,
) -> ProgrammeCard {
    let own = texts.iter().find(|t| t.locale == locale.tag());
    let english = texts.iter().find(|t| t.locale == "en");
    let text = own.or(english);
    let team = own.and_then(|t| t.team_name.clone());
    ProgrammeCard {
        code: p.code.clone(),
        name: text.map(|t| t.name.clone()).unwrap_or_else(|| p.name.clone()),
        about: text.map(|t| t.about.clone()),
        text_lang: if own.is_some() { locale.tag() } else { "en" }.to_owned(),
        team_lang: if team.is_some() { locale.tag() } else { "en" }.to_owned(),
        team_name: team.unwrap_or_else(|| p.team_name.clone()),
        country: p.country.clone(),
        response_days: p.response_days,
    }
}

/// A printable poster for a programme: its link as a QR code, for caseworkers
/// to hand out or pin up. It shows nothing the programme page does not.
pub async fn programme_poster(
    state: &AppState,
    code: &str,
    locale: Locale,
    host_header: Option<&str>,
) -> Result<Poster, AppError> {
    let (p, card) = load_open_programme(state, code, locale).await?;
    let url = format!("{}/{}/p/{}", state.config.link_origin(host_header), locale.tag(), card.code);
    let qr_svg = crate::security::auth::totp::qr_svg(&url).ok_or_else(|| internal("qr"))?;
    let languages =
        p.language_list().into_iter().filter_map(Locale::from_tag).map(|l| l.tag().to_owned()).collect();
    Ok(Poster { name: card.name, code: card.code, url, qr_svg, languages })
}
