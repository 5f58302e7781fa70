//! Pages under `/:lang/…` render only for a shipped language; anything else is a 404.
use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_params_map;

use super::not_found::NotFound;
use crate::i18n::Locale;

#[component]
pub fn LocaleGate() -> impl IntoView {
    let known =
        use_params_map().with_untracked(|p| p.get("lang").and_then(|l| Locale::from_tag(&l)).is_some());
    if known {
        view! { <Outlet/> }.into_any()
    } else {
        view! { <NotFound/> }.into_any()
    }
}
