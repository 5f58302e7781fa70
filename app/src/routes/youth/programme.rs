//! `/:lang/p/:code`: what the programme is, who reads the answers, what happens next.
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::heard::heard_of;
use crate::api::programme::load_open_programme;
use crate::components::error_message::ErrorMessage;
use crate::components::heard::HeardSection;
use crate::components::layout::YouthLayout;
use crate::i18n::{use_i18n, FluentValue};

pub fn code_param() -> String {
    use_params_map().with_untracked(|p| p.get("code")).unwrap_or_default()
}

#[component]
pub fn ProgrammePage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let code = code_param();
    let state = crate::api::support::state();
    Suspend::new(async move {
        let found = match &state {
            Ok(state) => load_open_programme(state, &code, i18n.locale).await,
            Err(e) => Err(e.clone()),
        };
        match found {
            Ok((programme, p)) => {
                // What the programme heard is a bonus on this page: when it
                // cannot be read the child still finds the way in.
                let heard = match &state {
                    Ok(state) => heard_of(state, &programme, i18n.locale).await.ok(),
                    Err(_) => None,
                };
                let results = programme.public_results.then(|| format!("/{lang}/results/{}", p.code));
                // Also a bonus: a failed lookup only leaves the sentence out.
                let checked = match &state {
                    Ok(state) => {
                        state.db.live_version_signed_off(programme.questionnaire_id).await.unwrap_or(false)
                    }
                    Err(_) => false,
                };
                let who =
                    i18n.t_args("programme-who-reads", &[("team", FluentValue::from(p.team_name.clone()))]);
                let next = i18n.t_args("programme-next", &[("days", FluentValue::from(p.response_days))]);
                view! {
                    <YouthLayout country=p.country.clone()>
                        <h1 lang=p.text_lang.clone()>{p.name.clone()}</h1>
                        {p.about.clone().map(|a| view! { <p class="lead" lang=p.text_lang.clone()>{a}</p> })}
                        <ul class="facts">
                            <li>{who}</li>
                            <li>{next}</li>
                            <li>{i18n.t("programme-language-hint")}</li>
                            {checked.then(|| view! { <li class="checked">{i18n.t("programme-checked")}</li> })}
                        </ul>
                        <p>
                            <a class="button" href=format!("/{lang}/p/{}/start", p.code)>
                                {i18n.t("programme-continue")}
                            </a>
                        </p>
                        {heard.map(|h| view! { <HeardSection heard=h/> })}
                        {results.map(|href| view! { <p><a href=href>{i18n.t("heard-results-link")}</a></p> })}
                    </YouthLayout>
                }
                .into_any()
            }
            Err(e) => view! { <ProgrammeProblem error=e/> }.into_any(),
        }
    })
}

/// An unknown, closed or not-yet-open programme, said plainly.
#[component]
pub fn ProgrammeProblem(error: crate::model::AppError) -> impl IntoView {
    let i18n = use_i18n();
    super::super::set_status(error.status());
    view! {
        <YouthLayout>
            <h1>{i18n.t("programme-problem-title")}</h1>
            <ErrorMessage error=error/>
            <p><a class="button secondary" href=format!("/{}", i18n.locale.tag())>{i18n.t("not-found-home")}</a></p>
        </YouthLayout>
    }
}
