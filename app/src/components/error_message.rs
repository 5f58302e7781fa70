//! Shows an [`AppError`] translated, with its stable code for support.
use leptos::prelude::*;

use crate::i18n::{use_i18n, FluentValue};
use crate::model::AppError;

pub fn error_text(error: &AppError) -> String {
    let i18n = use_i18n();
    match error {
        AppError::TextTooLong { max } => {
            i18n.t_args(&error.message_key(), &[("max", FluentValue::from(*max))])
        }
        _ => i18n.t(&error.message_key()),
    }
}

#[component]
pub fn ErrorMessage(error: AppError, #[prop(optional, into)] id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let reference = error.correlation().map(|c| {
        let text = i18n.t_args("error-reference", &[("reference", FluentValue::from(c.to_owned()))]);
        view! { <small class="error-ref">{text}</small> }
    });
    view! {
        <div class="error" role="alert" id=id data-code=error.code()>
            <p>{error_text(&error)}</p>
            {reference}
        </div>
    }
}

/// A page that could not be loaded (or whose post was refused): the
/// error's status for the response and its translated message.
#[cfg(feature = "ssr")]
pub fn failed_page(error: AppError) -> AnyView {
    crate::routes::set_status(error.status());
    view! { <ErrorMessage error=error/> }.into_any()
}
