//! Rendering a Leptos page from a handler of our own (form posts), with the
//! same context as the router's pages plus what the handler computed.
use app::i18n::MarkTranslations;
use app::state::AppState;
use axum::body::Body;
use axum::http::request::Parts;
use axum::http::Request;
use axum::response::Response;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;

/// Everything every page gets in context.
#[derive(Clone)]
pub struct Pages {
    pub state: AppState,
    pub marks: MarkTranslations,
    pub options: LeptosOptions,
}

impl Pages {
    pub fn provide(&self) {
        provide_context(self.state.clone());
        provide_context(self.marks);
    }

    /// Renders the page the router picks for `parts`' path, with `extra` context.
    pub async fn render(&self, parts: Parts, extra: impl Fn() + Clone + Send + Sync + 'static) -> Response {
        let pages = self.clone();
        let options = self.options.clone();
        let handler = leptos_axum::render_app_async_with_context(
            move || {
                pages.provide();
                extra();
            },
            move || app::shell(options.clone()),
        );
        handler(Request::from_parts(parts, Body::empty())).await
    }
}
