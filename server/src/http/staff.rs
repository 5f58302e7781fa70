//! The staff area's gate and form posts, both read off the one route table
//! (`app::api::staff::routes`).
//!
//! Gate (who is asking → may they): every request under `/:lang/staff` is
//! checked against the table before any handler runs. A path missing from
//! the table is refused, so a new page or action is closed until someone
//! decides who may use it. Youth pages never reach here: their requests
//! never read a session. There are no server functions: anything under
//! `/api/` is refused too.
//!
//! Posts (do it → audit it): each action's handler does the work and
//! records it in the audit log; the answer is a redirect or its page again.
use std::sync::Arc;

use app::api::staff::routes::{self, StaffRoute};
use app::api::staff::{self, StaffAuth, StaffOutcome, StaffPost, Upload};
use app::i18n::Locale;
use app::input::form::RawForm;
use app::model::staff_pages::StaffForm;
use app::model::AppError;
use axum::extract::{ConnectInfo, Request};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use leptos::prelude::provide_context;

use super::client::rate_limit_key;
use super::error_page::{error_page, locale_of};
use super::listener::Peer;
use super::render::Pages;
use crate::config::ServerConfig;

enum Area {
    /// `/:lang/staff/<rest>`
    Staff {
        locale: Locale,
        rest: String,
    },
    /// `/api/…`: no such thing any more; refused.
    Api,
    Other,
}

fn area(path: &str) -> Area {
    if path == "/api" || path.starts_with("/api/") {
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
    res
}

/// Resolves the session for staff paths and enforces the route table.
pub async fn gate(Extension(pages): Extension<Pages>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let (route, locale): (&StaffRoute, Locale) = match area(&path) {
        Area::Other => return next.run(req).await,
        Area::Api => return error_page(&AppError::NotFound, locale_of(&path, req.headers())),
        Area::Staff { locale, rest } => match routes::find(&rest) {
            Some(r) => (r, locale),
            None => return error_page(&AppError::NotFound, locale),
        },
    };
    let cookies = req.headers().get(header::COOKIE).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let auth = staff::resolve(&pages.state, cookies.as_deref()).await;
    if !auth.allows(route.access) {
        let lang = locale.tag();
        return match &auth {
            StaffAuth::Signed { .. } => error_page(&AppError::Forbidden, locale),
            StaffAuth::Pending { enrolled: true, .. } => {
                see_other(&format!("/{lang}/staff/second-factor"), None)
            }
            StaffAuth::Pending { .. } => see_other(&format!("/{lang}/staff/two-factor"), None),
            StaffAuth::Expired => see_other(&format!("/{lang}/staff/sign-in?expired=1"), None),
            StaffAuth::None => see_other(&format!("/{lang}/staff/sign-in"), None),
        };
    }
    req.extensions_mut().insert(auth);
    next.run(req).await
}

/// Every action's path, for the router's POST routes.
pub fn action_paths() -> impl Iterator<Item = String> {
    routes::STAFF_ROUTES.iter().filter(|r| r.action.is_some()).map(|r| {
        if r.path.is_empty() {
            "/{lang}/staff".to_owned()
        } else {
            format!("/{{lang}}/staff/{}", r.path)
        }
    })
}

pub async fn post(
    Extension(pages): Extension<Pages>,
    Extension(cfg): Extension<Arc<ServerConfig>>,
    ConnectInfo(peer_for_rate_limit): ConnectInfo<Peer>,
    req: Request,
) -> Response {
    let path = req.uri().path().to_owned();
    let Area::Staff { locale, rest } = area(&path) else {
        return error_page(&AppError::NotFound, locale_of(&path, req.headers()));
    };
    let Some(action) = routes::find(&rest).and_then(|r| r.action.as_ref()) else {
        return error_page(&AppError::NotFound, locale);
    };
    // Forms, and multipart only for a workbook upload (XLSForm import).
    let boundary = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|ct| multer::parse_boundary(ct).ok());
    if !super::youth::is_form(&req) && boundary.is_none() {
        return error_page(&AppError::BadRequest, locale);
    }
    let client = rate_limit_key(peer_for_rate_limit, req.headers(), cfg.trust_proxy);
    let host = req.headers().get(header::HOST).and_then(|v| v.to_str().ok());
    let origin = cfg.app.link_origin(host);
    let auth = req.extensions().get::<StaffAuth>().cloned().unwrap_or_default();
    let (mut parts, body) = req.into_parts();
    let (form, files) = match boundary {
        Some(b) => match read_multipart(body, b).await {
            Ok(read) => read,
            Err(e) => return error_page(&e, locale),
        },
        None => match axum::body::to_bytes(body, usize::MAX).await {
            Ok(bytes) => (RawForm::parse(&bytes), vec![]),
            Err(_) => return error_page(&AppError::TooLarge, locale),
        },
    };
    let p = StaffPost { state: &pages.state, origin, locale, client, auth, form, files };
    let outcome = if p.form.invalid_utf8 { Err(AppError::InvalidUtf8) } else { (action.handler)(p).await };
    let (form, cookie) = match outcome {
        Ok(StaffOutcome::Redirect { to, cookie }) => return see_other(&to, cookie.as_deref()),
        Ok(StaffOutcome::Page { form, cookie }) => (form, cookie),
        Ok(StaffOutcome::File { name, content_type, body }) => return download(&name, content_type, body),
        Err(e) => (StaffForm::error(e, vec![]), None),
    };
    let page = format!("/{}/staff/{}", locale.tag(), action.renders);
    if let Ok(uri) = page.trim_end_matches('/').parse::<Uri>() {
        parts.uri = uri;
    }
    let mut res = pages.render(parts, move || provide_context(form.clone())).await;
    if let Some(c) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        res.headers_mut().insert(header::SET_COOKIE, c);
    }
    res
}

/// A file the browser saves (a CSV export). The name is ours, ASCII only.
fn download(name: &str, content_type: &'static str, body: Vec<u8>) -> Response {
    let disposition = format!(
        "attachment; filename=\"{}\"",
        name.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '.', "_")
    );
    let mut res = Response::new(axum::body::Body::from(body));
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// A multipart body: its text fields as a form, its files apart. A field
/// that is not UTF-8 is kept with replacement characters and flagged, as
/// in a urlencoded form; a body the parser refuses is a bad request.
async fn read_multipart(
    body: axum::body::Body,
    boundary: String,
) -> Result<(RawForm, Vec<Upload>), AppError> {
    let mut parts = multer::Multipart::new(body.into_data_stream(), boundary);
    let (mut fields, mut files, mut invalid_utf8) = (Vec::new(), Vec::new(), false);
    loop {
        let field = match parts.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(multer::Error::StreamReadFailed(_)) => return Err(AppError::TooLarge),
            Err(_) => return Err(AppError::BadRequest),
        };
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let bytes = field.bytes().await.map_err(|_| AppError::BadRequest)?;
        match file_name {
            Some(file_name) => files.push(Upload { field: name, file_name, bytes: bytes.to_vec() }),
            None => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                invalid_utf8 |= std::str::from_utf8(&bytes).is_err();
                fields.push((name, text));
            }
        }
    }
    Ok((RawForm { fields, invalid_utf8 }, files))
}
