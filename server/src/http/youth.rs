//! Form posts of the youth pages. Each parses the body strictly, lets the
//! app's journey code decide, and renders the page the app's router picks
//! with the outcome in context — a complete HTML answer, no JavaScript needed.
use std::sync::Arc;

use app::api::comeback;
use app::api::journey::{self, JourneyPost};
use app::i18n::Locale;
use app::input::form::RawForm;
use app::model::journey::JourneyOutcome;
use app::model::AppError;
use axum::body::Body;
use axum::extract::{ConnectInfo, Path, Request};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use leptos::prelude::provide_context;

use super::client::rate_limit_key;
use super::error_page::{error_page, locale_of};
use super::listener::Peer;
use super::render::Pages;
use crate::config::ServerConfig;

/// The body as a form, or the error to show instead.
async fn read_form(body: Body) -> Result<RawForm, AppError> {
    let bytes = axum::body::to_bytes(body, usize::MAX).await.map_err(|_| AppError::TooLarge)?;
    Ok(RawForm::parse(&bytes))
}

/// Exactly `application/x-www-form-urlencoded` (parameters such as a
/// charset allowed), not anything that merely starts like it.
pub fn is_form(req: &Request) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/x-www-form-urlencoded"))
}

pub async fn journey_post(
    Extension(pages): Extension<Pages>,
    Extension(cfg): Extension<Arc<ServerConfig>>,
    ConnectInfo(peer_for_rate_limit): ConnectInfo<Peer>,
    Path((lang, code)): Path<(String, String)>,
    req: Request,
) -> Response {
    let Some(locale) = Locale::from_tag(&lang) else {
        return error_page(&AppError::NotFound, locale_of(req.uri().path(), req.headers()));
    };
    let client = rate_limit_key(peer_for_rate_limit, req.headers(), cfg.trust_proxy);
    let fatal = (!is_form(&req)).then_some(AppError::BadRequest);
    let (parts, body) = req.into_parts();
    let outcome = match (fatal, read_form(body).await) {
        (Some(e), _) | (None, Err(e)) => JourneyOutcome::Fatal(e),
        (None, Ok(form)) => {
            journey::handle(JourneyPost { state: &pages.state, locale, code: &code, client, form }).await
        }
    };
    pages.render(parts, move || provide_context(outcome.clone())).await
}

pub async fn comeback_post(
    Extension(pages): Extension<Pages>,
    Extension(cfg): Extension<Arc<ServerConfig>>,
    ConnectInfo(peer_for_rate_limit): ConnectInfo<Peer>,
    Path(lang): Path<String>,
    req: Request,
) -> Response {
    let Some(locale) = Locale::from_tag(&lang) else {
        return error_page(&AppError::NotFound, locale_of(req.uri().path(), req.headers()));
    };
    let client = rate_limit_key(peer_for_rate_limit, req.headers(), cfg.trust_proxy);
    let bad = (!is_form(&req)).then_some(AppError::BadRequest);
    let (parts, body) = req.into_parts();
    let page = match (bad, read_form(body).await) {
        (Some(e), _) | (None, Err(e)) => app::model::comeback::ComebackPage::ask(String::new(), Some(e)),
        (None, Ok(form)) => comeback::handle(&pages.state, locale, client, &form).await,
    };
    pages.render(parts, move || provide_context(page.clone())).await
}

/// Quick exit from a journey page (JavaScript or not): the journey is
/// recorded as left, so its pages re-posted from the history show nothing;
/// the browser is told to drop what it cached of this site, and sent on to
/// the neutral page. It always sends the person on, even on bad input.
pub async fn exit_post(Extension(pages): Extension<Pages>, req: Request) -> Response {
    let exit = pages.state.config.exit_url.clone();
    if is_form(&req) {
        if let Ok(form) = read_form(req.into_body()).await {
            if let Err(e) = journey::abandon(&pages.state, &form).await {
                tracing::warn!(code = %e.code(), "could not record a quick exit");
            }
        }
    }
    let mut res = axum::http::StatusCode::SEE_OTHER.into_response();
    let h = res.headers_mut();
    if let Ok(v) = axum::http::HeaderValue::from_str(&exit) {
        h.insert(header::LOCATION, v);
    }
    h.insert("clear-site-data", axum::http::HeaderValue::from_static("\"cache\""));
    res
}

/// A kiosk clears itself (the receipt's "I wrote it down", "stop without
/// sending", or the idle countdown's beacon): the journey is closed as with
/// quick exit, and the tablet goes back to the kiosk's start page. Like
/// quick exit it always sends the browser on, even on bad input.
pub async fn kiosk_again(
    Extension(pages): Extension<Pages>,
    Path((lang, code)): Path<(String, String)>,
    req: Request,
) -> Response {
    let lang = Locale::from_tag(&lang).unwrap_or(Locale::En);
    if is_form(&req) {
        if let Ok(form) = read_form(req.into_body()).await {
            if let Err(e) = journey::abandon(&pages.state, &form).await {
                tracing::warn!(code = %e.code(), "could not close a kiosk journey");
            }
        }
    }
    // Only a code's own characters go into the Location header.
    let code: String =
        app::model::programme::normalise_code(&code).chars().filter(char::is_ascii_alphanumeric).collect();
    let mut res = axum::http::StatusCode::SEE_OTHER.into_response();
    let h = res.headers_mut();
    if let Ok(v) = axum::http::HeaderValue::from_str(&app::model::kiosk::start_path(lang.tag(), &code)) {
        h.insert(header::LOCATION, v);
    }
    h.insert("clear-site-data", axum::http::HeaderValue::from_static("\"cache\""));
    res
}
