//! Helplines, by country. Reachable from every youth page.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::programme::helplines;
use crate::components::error_message::ErrorMessage;
use crate::components::helplines::HelplineList;
use crate::components::layout::YouthLayout;
use crate::i18n::use_i18n;

#[component]
pub fn HelpPage() -> impl IntoView {
    let i18n = use_i18n();
    let country = use_query_map().with_untracked(|q| q.get("country")).unwrap_or_default();
    let state = crate::api::support::state();
    let list = Suspend::new(async move {
        let found = match state {
            Ok(state) => helplines(&state, &country, i18n.locale).await,
            Err(e) => Err(e),
        };
        match found {
            Ok(lines) if lines.is_empty() => view! { <p>{i18n.t("help-none")}</p> }.into_any(),
            Ok(lines) => view! { <HelplineList lines=lines/> }.into_any(),
            Err(e) => view! { <ErrorMessage error=e/> }.into_any(),
        }
    });
    view! {
        <YouthLayout>
            <h1>{i18n.t("help-title")}</h1>
            <p class="lead">{i18n.t("help-intro")}</p>
            <Suspense fallback=|| ()>{list}</Suspense>
            <p class="hint">{i18n.t("help-danger")}</p>
        </YouthLayout>
    }
}
