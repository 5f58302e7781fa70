//! `GET /`: send the visitor to their language, chosen from `Accept-Language`.
use app::i18n::Locale;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

pub async fn choose_language(headers: HeaderMap) -> Response {
    let locale = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Locale::negotiate)
        .unwrap_or_default();
    let mut res = StatusCode::FOUND.into_response();
    let h = res.headers_mut();
    if let Ok(location) = HeaderValue::from_str(&format!("/{}", locale.tag())) {
        h.insert(header::LOCATION, location);
    }
    h.insert(header::VARY, HeaderValue::from_static("Accept-Language"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}
