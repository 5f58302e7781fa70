//! `/:lang/p/:code/start`: the explainer and the young person's choice.
//! Nothing is stored before "I want to take part", and not even then.
use leptos::prelude::*;

use super::programme::{code_param, ProgrammeProblem};
use crate::api::programme::find_programme;
use crate::components::error_message::ErrorMessage;
use crate::components::layout::YouthLayout;
use crate::i18n::{use_i18n, FluentValue};
use crate::model::AppError;

#[component]
pub fn ConsentPage() -> impl IntoView {
    let i18n = use_i18n();
    let code = code_param();
    let state = crate::api::support::state();
    Suspend::new(async move {
        let found = match state {
            Ok(state) => find_programme(&state, &code, i18n.locale).await,
            Err(e) => Err(e),
        };
        match found {
            Ok(p) => {
                view! { <ConsentBody code=p.code team=p.team_name country=p.country error=None/> }.into_any()
            }
            Err(e) => view! { <ProgrammeProblem error=e/> }.into_any(),
        }
    })
}

/// `kiosk`: the journey begins on a kiosk (the seal will say so).
#[component]
pub fn ConsentBody(
    code: String,
    team: String,
    country: String,
    error: Option<AppError>,
    #[prop(optional)] kiosk: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let start = kiosk.then(|| crate::model::kiosk::start_path(lang, &code));
    let not_now = start.clone().unwrap_or_else(|| format!("/{lang}/p/{code}/not-now"));
    view! {
        <YouthLayout country=country kiosk=start>
            <h1>{i18n.t("consent-title")}</h1>
            <ul class="facts">
                <li>{i18n.t_args("consent-who", &[("team", FluentValue::from(team))])}</li>
                <li>{i18n.t("consent-no-name")}</li>
                <li>{i18n.t("consent-skip")}</li>
                <li>{i18n.t("consent-withdraw")}</li>
                <li>{i18n.t("consent-no-past")}</li>
                <li><strong>{i18n.t("consent-limit")}</strong></li>
            </ul>
            {error.map(|e| view! { <ErrorMessage error=e/> })}
            <form method="post" action=format!("/{lang}/p/{code}/answer") class="actions" autocomplete="off">
                {kiosk.then(|| view! { <input type="hidden" name="kiosk" value="1"/> })}
                <button type="submit" name="consent" value="yes">{i18n.t("consent-yes")}</button>
                <a class="button secondary" href=not_now>{i18n.t("consent-no")}</a>
            </form>
        </YouthLayout>
    }
}

/// "Not now" and "stop without sending" end here: nothing was kept.
#[component]
pub fn NotNowPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <YouthLayout>
            <h1>{i18n.t("not-now-title")}</h1>
            <p class="lead">{i18n.t("not-now-body")}</p>
            <p><a class="button" href=format!("/{}", i18n.locale.tag())>{i18n.t("not-now-home")}</a></p>
        </YouthLayout>
    }
}
