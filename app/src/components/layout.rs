//! The frame of every youth page: quick exit, languages, helplines, staff link.
use leptos::prelude::*;

use crate::components::lang_switcher::LangSwitcher;
use crate::components::quick_exit::QuickExit;
use crate::i18n::use_i18n;

fn exit_url() -> String {
    #[cfg(feature = "ssr")]
    if let Some(state) = crate::state::app_state() {
        return state.config.exit_url.clone();
    }
    crate::model::DEFAULT_EXIT_URL.to_owned()
}

/// Marks the response as not to be cached: a shared device keeps no copy.
pub fn no_store() {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.insert_header(http::header::CACHE_CONTROL, http::HeaderValue::from_static("no-store"));
    }
}

/// The id of the journey form: on its pages, quick exit posts it to leave.
pub const JOURNEY_FORM: &str = "journey";

/// `country` points the helplines link at that country's lines; `form` makes
/// the language switcher carry the journey form along (see `LangSwitcher`).
#[component]
pub fn YouthLayout(
    children: Children,
    #[prop(optional, into)] country: Option<String>,
    #[prop(optional, into)] form: Option<String>,
) -> impl IntoView {
    no_store();
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let help = match country {
        Some(c) => format!("/{lang}/help?country={c}"),
        None => format!("/{lang}/help"),
    };
    view! {
        <header class="top">
            <a class="brand" href=format!("/{lang}")>{i18n.t("site-name")}</a>
            {match form.as_deref() {
                Some(JOURNEY_FORM) => view! {
                    <QuickExit
                        href=exit_url()
                        label=i18n.t("quick-exit")
                        hint=i18n.t("quick-exit-hint")
                        form=JOURNEY_FORM.to_owned()
                        exit=format!("/{lang}/exit")
                    />
                }
                .into_any(),
                _ => view! { <QuickExit href=exit_url() label=i18n.t("quick-exit") hint=i18n.t("quick-exit-hint")/> }
                    .into_any(),
            }}
        </header>
        <LangSwitcher form=form/>
        <main id="main">{children()}</main>
        <footer class="foot">
            <a class="help-link" href=help>{i18n.t("footer-helplines")}</a>
            <a href=format!("/{lang}/r")>{i18n.t("footer-receipt")}</a>
            <a class="staff-link" href=format!("/{lang}/staff/sign-in")>{i18n.t("footer-staff")}</a>
        </footer>
    }
}
