//! Form posts of the youth pages. Each parses the body strictly, lets the
//! app's journey code decide, and renders the page the app's router picks
//! with the outcome in context — a complete HTML answer, no JavaScript needed.
use std::net::SocketAddr;
use std::sync::Arc;

use app::api::comeback;
use app::api::form::RawForm;
use app::api::journey::{self, JourneyPost};
use app::i18n::Locale;
use app::model::journey::JourneyOutcome;
use app::model::AppError;
use axum::body::Body;
use axum::extract::{ConnectInfo, Path, Request};
use axum::http::header;
use axum::response::Response;
use axum::Extension;
use leptos::prelude::provide_context;

use super::client::rate_limit_key;
use super::error_page::{error_page, locale_of};
use super::render::Pages;
use crate::config::ServerConfig;

/// The body as a form, or the error to show instead.
async fn read_form(body: Body) -> Result<RawForm, AppError> {
    let bytes = axum::body::to_bytes(body, usize::MAX).await.map_err(|_| AppError::TooLarge)?;
    Ok(RawForm::parse(&bytes))
}

fn is_form(req: &Request) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

pub async fn journey_post(
    Extension(pages): Extension<Pages>,
    Extension(cfg): Extension<Arc<ServerConfig>>,
    ConnectInfo(peer_for_rate_limit): ConnectInfo<SocketAddr>,
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
    ConnectInfo(peer_for_rate_limit): ConnectInfo<SocketAddr>,
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
