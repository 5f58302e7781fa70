//! A small translated page for errors answered before any page handler runs
//! (forged cross-origin posts, oversized bodies). Its words come from Fluent
//! like everything else; the language from the path or `Accept-Language`.
use app::components::escape_html;
use app::i18n::{I18n, Locale};
use app::model::AppError;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

pub fn locale_of(path: &str, headers: &HeaderMap) -> Locale {
    path.split('/').nth(1).and_then(Locale::from_tag).unwrap_or_else(|| {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Locale::negotiate)
            .unwrap_or_default()
    })
}

pub fn error_page(error: &AppError, locale: Locale) -> Response {
    let i18n = I18n::new(locale);
    let lang = locale.tag();
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/pkg/siang.css\">\
         <title>{title}</title></head><body><main id=\"main\"><h1>{title}</h1>\
         <div class=\"error\" role=\"alert\" data-code=\"{code}\"><p>{message}</p></div>\
         <p><a class=\"button\" href=\"/{lang}\">{home}</a></p></main></body></html>",
        title = escape_html(&i18n.t("error-page-title")),
        code = error.code(),
        message = escape_html(&i18n.t(&error.message_key())),
        home = escape_html(&i18n.t("not-found-home")),
    );
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
    let mut res = (status, html).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}
