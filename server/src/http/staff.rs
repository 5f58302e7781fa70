//! The staff area's gate and form posts.
//!
//! Gate (who is asking → may they): every request under `/:lang/staff` and
//! `/api/` is checked against the tables in `app::model::staff_pages` before
//! any handler runs. A path missing from the tables is refused, so a new
//! page or server function is closed until someone decides who may use it.
//! Youth pages never reach here: their requests never read a session.
//!
//! Posts (do it → audit it): each staff form posts to its own path; the app's
//! staff code does the work and records it in the audit log.
use std::net::SocketAddr;
use std::sync::Arc;

use app::api::form::RawForm;
use app::api::staff::{self, StaffAuth, StaffOutcome, StaffPost};
use app::i18n::Locale;
use app::model::staff_pages::{server_fn_access, staff_route_access, Access, StaffForm};
use app::model::AppError;
use axum::extract::{ConnectInfo, Request};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use leptos::prelude::provide_context;

use super::client::rate_limit_key;
use super::error_page::{error_page, locale_of};
use super::render::Pages;
use crate::config::ServerConfig;

enum Area {
    /// `/:lang/staff/<rest>`
    Staff {
        locale: Locale,
        rest: String,
    },
    /// `/api/...` (server functions)
    Api,
    Other,
}

fn area(path: &str) -> Area {
    if path.starts_with("/api/") {
        return Area::Api;
    }
    let mut parts = path.trim_start_matches('/').splitn(3, '/');
    match (parts.next().and_then(Locale::from_tag), parts.next(), parts.next()) {
        (Some(locale), Some("staff"), rest) => Area::Staff { locale, rest: rest.unwrap_or("").to_owned() },
        _ => Area::Other,
    }
}

fn see_other(to: &str, cookie: Option<&str>) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(to) {
        h.insert(header::LOCATION, v);
    }
    if let Some(c) = cookie.and_then(|c| HeaderValue::from_str(c).ok()) {
        h.insert(header::SET_COOKIE, c);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Resolves the session for staff paths and enforces the access tables.
pub async fn gate(Extension(pages): Extension<Pages>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let (access, locale) = match area(&path) {
        Area::Other => return next.run(req).await,
        Area::Api => match server_fn_access(&path) {
            Some(Access::Public) => return next.run(req).await,
            Some(a) => (a, locale_of(&path, req.headers())),
            None => return error_page(&AppError::NotFound, locale_of(&path, req.headers())),
        },
        Area::Staff { locale, rest } => match staff_route_access(&rest) {
            Some(a) => (a, locale),
            None => return error_page(&AppError::NotFound, locale),
        },
    };
    let cookies = req.headers().get(header::COOKIE).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let auth = staff::resolve(&pages.state, cookies.as_deref()).await;
    if !auth.allows(access) {
        let lang = locale.tag();
        return match (&auth, matches!(area(&path), Area::Api)) {
            (StaffAuth::Signed { .. }, _) => error_page(&AppError::Forbidden, locale),
            (_, true) => error_page(&AppError::SignInRequired, locale),
            (StaffAuth::Pending { enrolled: true, .. }, _) => {
                see_other(&format!("/{lang}/staff/second-factor"), None)
            }
            (StaffAuth::Pending { .. }, _) => see_other(&format!("/{lang}/staff/two-factor"), None),
            (StaffAuth::Expired, _) => see_other(&format!("/{lang}/staff/sign-in?expired=1"), None),
            (StaffAuth::None, _) => see_other(&format!("/{lang}/staff/sign-in"), None),
        };
    }
    req.extensions_mut().insert(auth);
    next.run(req).await
}

/// The page a post renders when it does not redirect.
fn page_of(rest: &str) -> &str {
    match rest.split('/').next().unwrap_or_default() {
        "people" => "people",
        "account" => "account",
        _ => rest,
    }
}

fn origin(cfg: &ServerConfig, headers: &axum::http::HeaderMap) -> String {
    cfg.app.public_origin.clone().unwrap_or_else(|| {
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("127.0.0.1");
        format!("http://{host}")
    })
}

pub async fn post(
    Extension(pages): Extension<Pages>,
    Extension(cfg): Extension<Arc<ServerConfig>>,
    ConnectInfo(peer_for_rate_limit): ConnectInfo<SocketAddr>,
    req: Request,
) -> Response {
    let path = req.uri().path().to_owned();
    let Area::Staff { locale, rest } = area(&path) else {
        return error_page(&AppError::NotFound, locale_of(&path, req.headers()));
    };
    let rest = rest.trim_matches('/').to_owned();
    let client = rate_limit_key(peer_for_rate_limit, req.headers(), cfg.trust_proxy);
    let origin = origin(&cfg, req.headers());
    let auth = req.extensions().get::<StaffAuth>().cloned().unwrap_or_default();
    let (mut parts, body) = req.into_parts();
    let form = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => RawForm::parse(&bytes),
        Err(_) => return error_page(&AppError::TooLarge, locale),
    };
    let p = StaffPost { state: &pages.state, origin, locale, client, auth, form };
    let outcome = if p.form.invalid_utf8 { Err(AppError::InvalidUtf8) } else { dispatch(&rest, p).await };
    let (form, cookie) = match outcome {
        Ok(StaffOutcome::Redirect { to, cookie }) => return see_other(&to, cookie.as_deref()),
        Ok(StaffOutcome::Page { form, cookie }) => (form, cookie),
        Err(e) => (StaffForm::error(e, vec![]), None),
    };
    let page = format!("/{}/staff/{}", locale.tag(), page_of(&rest));
    if let Ok(uri) = page.trim_end_matches('/').parse::<Uri>() {
        parts.uri = uri;
    }
    let mut res = pages.render(parts, move || provide_context(form.clone())).await;
    if let Some(c) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        res.headers_mut().insert(header::SET_COOKIE, c);
    }
    res
}

async fn dispatch(rest: &str, p: StaffPost<'_>) -> Result<StaffOutcome, AppError> {
    use app::api::staff::{account, people, sign_in};
    match rest {
        "sign-in" => sign_in::sign_in(p).await,
        "second-factor" => sign_in::second_factor(p).await,
        "two-factor" => sign_in::enrol(p).await,
        "set-password" => sign_in::set_password(p).await,
        "sign-out" => sign_in::sign_out(p).await,
        "account/password" => account::change_password(p).await,
        "account/sign-out-everywhere" => account::sign_out_everywhere(p).await,
        "people/invite" => people::invite(p).await,
        "people/grant" => people::grant(p).await,
        "people/revoke" => people::revoke(p).await,
        "people/disable" => people::set_disabled(p, true).await,
        "people/enable" => people::set_disabled(p, false).await,
        "people/reset-totp" => people::reset_totp(p).await,
        "people/new-link" => people::new_link(p).await,
        "people/require-totp" => people::require_totp(p).await,
        _ => Err(AppError::NotFound),
    }
}
