//! The first page a young person sees: what Siang is, and a box for the programme code.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::programme::find_programme;
use crate::components::error_message::ErrorMessage;
use crate::components::layout::YouthLayout;
use crate::i18n::use_i18n;
use crate::model::AppError;

#[component]
pub fn Landing() -> impl IntoView {
    let i18n = use_i18n();
    let typed = use_query_map().with_untracked(|q| q.get("code"));
    let state = crate::api::support::state();
    let lookup = Suspend::new(async move {
        let Some(code) = typed.clone() else {
            return view! { <CodeForm typed=None error=None/> }.into_any();
        };
        let found = match state {
            Ok(state) => find_programme(&state, &code, i18n.locale).await,
            Err(e) => Err(e),
        };
        match found {
            Ok(card) => {
                super::super::see_other(&format!("/{}/p/{}", i18n.locale.tag(), card.code));
                view! { <CodeForm typed=Some(code) error=None/> }.into_any()
            }
            Err(e) => {
                super::super::set_status(e.status());
                view! { <CodeForm typed=Some(code) error=Some(e)/> }.into_any()
            }
        }
    });
    view! {
        <YouthLayout>
            <section class="hero">
                <h1>{i18n.t("landing-title")}</h1>
                <p class="lead">{i18n.t("landing-intro")}</p>
            </section>
            <Suspense fallback=|| ()>{lookup}</Suspense>
            <section class="steps">
                <h2>{i18n.t("landing-how-title")}</h2>
                <ol>
                    <li>{i18n.t("landing-how-1")}</li>
                    <li>{i18n.t("landing-how-2")}</li>
                    <li>{i18n.t("landing-how-3")}</li>
                </ol>
            </section>
            <section class="safety">
                <h2>{i18n.t("landing-safe-title")}</h2>
                <ul>
                    <li>{i18n.t("landing-safe-name")}</li>
                    <li>{i18n.t("landing-safe-skip")}</li>
                    <li>{i18n.t("landing-safe-exit")}</li>
                </ul>
                <p>
                    <a class="button secondary" href=format!("/{}/help", i18n.locale.tag())>
                        {i18n.t("landing-helplines")}
                    </a>
                </p>
            </section>
        </YouthLayout>
    }
}

#[component]
fn CodeForm(typed: Option<String>, error: Option<AppError>) -> impl IntoView {
    let i18n = use_i18n();
    let described = error.as_ref().map(|_| "code-error");
    view! {
        <section class="open-code">
            <h2>{i18n.t("landing-open-title")}</h2>
            <form method="get" action=format!("/{}", i18n.locale.tag())>
                <label for="code">{i18n.t("landing-code-label")}</label>
                <div class="code-row">
                    <input
                        id="code"
                        name="code"
                        type="text"
                        autocomplete="off"
                        autocapitalize="characters"
                        spellcheck="false"
                        maxlength="32"
                        value=typed
                        aria-invalid=error.is_some().then_some("true")
                        aria-describedby=described
                    />
                    <button type="submit">{i18n.t("landing-code-submit")}</button>
                </div>
                {error.map(|e| view! { <ErrorMessage error=e id="code-error"/> })}
            </form>
            <p class="hint">{i18n.t("landing-qr-hint")}</p>
        </section>
    }
}
