//! A programme's public results page (its team opts in): the same
//! disclosure-safe figures as its dashboard for a closed month, and what
//! it heard and does about it — for anyone with the link, no sign-in.
use super::heard::heard_of;
use super::programme::programme_card;
use super::staff::dashboard::{programme_figures, Reader};
use super::support::storage;
use crate::i18n::Locale;
use crate::model::actions::PublicResults;
use crate::model::programme::normalise_code;
use crate::model::AppError;
use crate::state::AppState;

pub async fn public_results(
    state: &AppState,
    code: &str,
    month: Option<&str>,
    locale: Locale,
) -> Result<PublicResults, AppError> {
    let code = normalise_code(code);
    let entry = state.programme(&code).await.map_err(storage)?;
    // A closed results page answers like an unknown programme: the page
    // says nothing about a programme that did not choose to be public.
    let Some((p, texts)) = entry.as_deref().filter(|(p, _)| p.public_results) else {
        return Err(AppError::ProgrammeUnknown);
    };
    let figures = programme_figures(state, p, month, locale, Reader::Public).await?;
    let heard = heard_of(state, p, locale).await?;
    Ok(PublicResults { card: programme_card(p, texts, locale), figures, heard })
}
