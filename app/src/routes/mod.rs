//! Pages, one file each, grouped by who uses them.
pub mod staff;
pub mod youth;

/// Sets the HTTP status of the page being rendered (no-JS clients rely on it).
pub fn set_status(code: u16) {
    if let (Some(res), Ok(status)) =
        (leptos::prelude::use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(code))
    {
        res.set_status(status);
    }
}

/// Answers with `303 See Other` to `path` (a GET of the next page), for
/// browsers with and without JavaScript alike.
pub fn see_other(path: &str) {
    if let (Some(res), Ok(location)) =
        (leptos::prelude::use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(path))
    {
        res.set_status(http::StatusCode::SEE_OTHER);
        res.insert_header(http::header::LOCATION, location);
    }
}
