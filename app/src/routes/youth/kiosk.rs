//! Kiosk mode (`/:lang/k/:code`): the programme on a tablet lent in a venue.
//! The start page, its consent page, and the receipt shown large with a
//! "write it down" step; every other page of the journey is the usual one
//! in a kiosk frame (see `YouthLayout`'s `kiosk`).
use leptos::prelude::*;

use super::consent::ConsentBody;
use super::programme::{code_param, ProgrammeProblem};
use crate::api::heard::heard_of;
use crate::api::programme::load_open_programme;
use crate::components::heard::HeardSection;
use crate::components::helplines::HelplineList;
use crate::components::layout::YouthLayout;
use crate::i18n::{use_i18n, FluentValue};
use crate::model::journey::JourneyPage;
use crate::model::kiosk;
use crate::model::receipt::grouped;

/// Where every kiosk visitor starts, and where the tablet returns.
#[component]
pub fn KioskStartPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let code = code_param();
    let state = crate::api::support::state();
    Suspend::new(async move {
        let found = match &state {
            Ok(state) => load_open_programme(state, &code, i18n.locale).await,
            Err(e) => Err(e.clone()),
        };
        let (programme, p) = match found {
            Ok(found) => found,
            Err(e) => return view! { <ProgrammeProblem error=e/> }.into_any(),
        };
        let heard = match &state {
            Ok(state) => heard_of(state, &programme, i18n.locale).await.ok(),
            Err(_) => None,
        };
        let checked = match &state {
            Ok(state) => state.db.live_version_signed_off(programme.questionnaire_id).await.unwrap_or(false),
            Err(_) => false,
        };
        let start = kiosk::start_path(lang, &p.code);
        let who = i18n.t_args("programme-who-reads", &[("team", FluentValue::from(p.team_name.clone()))]);
        view! {
            <YouthLayout country=p.country.clone() kiosk=Some(start.clone()) kiosk_home=true>
                <h1 lang=p.text_lang.clone()>{p.name.clone()}</h1>
                {p.about.clone().map(|a| view! { <p class="lead" lang=p.text_lang.clone()>{a}</p> })}
                <ul class="facts">
                    <li>{who}</li>
                    <li>{i18n.t("kiosk-shared-note")}</li>
                    <li>{i18n.t("programme-language-hint")}</li>
                    {checked.then(|| view! { <li class="checked">{i18n.t("programme-checked")}</li> })}
                </ul>
                <p><a class="button kiosk-start" href=format!("{start}/start")>{i18n.t("programme-continue")}</a></p>
                {heard.map(|h| view! { <HeardSection heard=h/> })}
            </YouthLayout>
        }
        .into_any()
    })
}

/// `/:lang/k/:code/start`: consent, as everywhere, with the kiosk mark.
#[component]
pub fn KioskConsentPage() -> impl IntoView {
    let i18n = use_i18n();
    let code = code_param();
    let state = crate::api::support::state();
    Suspend::new(async move {
        let found = match state {
            Ok(state) => load_open_programme(&state, &code, i18n.locale).await.map(|f| f.1),
            Err(e) => Err(e),
        };
        match found {
            Ok(p) => {
                view! { <ConsentBody code=p.code team=p.team_name country=p.country error=None kiosk=true/> }
                    .into_any()
            }
            Err(e) => view! { <ProgrammeProblem error=e/> }.into_any(),
        }
    })
}

/// The receipt on a kiosk: large, with the steps to write it down before
/// it goes, and one button that clears the tablet for the next child.
#[component]
pub fn KioskReceipt(page: JourneyPage, receipt: String) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let p = page.programme.clone();
    let start = kiosk::start_path(lang, &p.code);
    let when = i18n.t_args(
        "done-when",
        &[("team", FluentValue::from(p.team_name.clone())), ("days", FluentValue::from(p.response_days))],
    );
    let form = super::journey::FORM_ID;
    view! {
        <YouthLayout country=p.country.clone() form=form kiosk=Some(start.clone()) lines_shown=true>
            <form id=form method="post" action=format!("/{lang}/p/{}/answer", p.code) class="hidden" autocomplete="off">
                <input type="hidden" name="seal" value=page.seal.clone()/>
                <input type="hidden" name="s" value="done"/>
            </form>
            <h1>{i18n.t("done-title")}</h1>
            <section class="receipt kiosk-receipt" aria-labelledby="receipt-label">
                <p id="receipt-label">{i18n.t("kiosk-receipt-title")}</p>
                <p class="receipt-code" lang="en" translate="no">{grouped(&receipt)}</p>
            </section>
            <ol class="kiosk-steps">
                <li>{i18n.t("kiosk-receipt-step-paper")}</li>
                <li>{i18n.t("kiosk-receipt-step-write")}</li>
                <li>{i18n.t("kiosk-receipt-step-done")}</li>
            </ol>
            <p>
                <button type="submit" class="kiosk-done" form=form formaction=kiosk::again_path(lang, &p.code)>
                    {i18n.t("kiosk-receipt-done")}
                </button>
            </p>
            <p class="lead">{when}</p>
            <h2>{i18n.t("done-helplines")}</h2>
            <HelplineList lines=page.helplines.clone()/>
        </YouthLayout>
    }
}
