//! After sending: the receipt code, when the team will read it, helplines.
use leptos::prelude::*;

use crate::components::helplines::HelplineList;
use crate::components::layout::YouthLayout;
use crate::i18n::{use_i18n, FluentValue};
use crate::model::journey::JourneyPage;
use crate::model::receipt::grouped;

#[component]
pub fn Receipt(page: JourneyPage, receipt: String) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let p = page.programme.clone();
    let seal = page.seal.clone();
    let helplines = page.helplines.clone();
    let when = i18n.t_args(
        "done-when",
        &[("team", FluentValue::from(p.team_name.clone())), ("days", FluentValue::from(p.response_days))],
    );
    view! {
        <YouthLayout country=p.country.clone() form=super::journey::FORM_ID lines_shown=true>
            // Lets the language switcher show this receipt again in another language.
            <form id=super::journey::FORM_ID method="post" action=format!("/{lang}/p/{}/answer", p.code) class="hidden" autocomplete="off">
                <input type="hidden" name="seal" value=seal/>
                <input type="hidden" name="s" value="done"/>
            </form>
            <h1>{i18n.t("done-title")}</h1>
            <section class="receipt" aria-labelledby="receipt-label">
                <p id="receipt-label">{i18n.t("done-receipt-label")}</p>
                <p class="receipt-code" lang="en" translate="no">{grouped(&receipt)}</p>
                <p>{i18n.t("done-keep")}</p>
            </section>
            <p class="lead">{when}</p>
            <p>{i18n.t("done-come-back")}</p>
            <h2>{i18n.t("done-helplines")}</h2>
            <HelplineList lines=helplines/>
            <p><a class="button secondary" href=format!("/{lang}")>{i18n.t("done-home")}</a></p>
        </YouthLayout>
    }
}

/// `kiosk`: the kiosk's start page, where "home" leads on a kiosk.
#[component]
pub fn WithdrawnAgain(kiosk: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let home = kiosk.clone().unwrap_or_else(|| format!("/{}", i18n.locale.tag()));
    view! {
        <YouthLayout kiosk=kiosk>
            <h1>{i18n.t("withdrawn-replay-title")}</h1>
            <p class="lead">{i18n.t("withdrawn-replay-body")}</p>
            <p><a class="button" href=home>{i18n.t("done-home")}</a></p>
        </YouthLayout>
    }
}

/// A form of this journey came back after it was sent (Back, reload,
/// history): said kindly, with none of what was sent.
#[component]
pub fn AlreadySent(kiosk: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    // A kiosk offers no way to the receipt page: the next child could follow it back.
    let comeback = kiosk.is_none().then(|| {
        view! { <p><a class="button" href=format!("/{lang}/r")>{i18n.t("footer-receipt")}</a></p> }
    });
    let home = kiosk.clone().unwrap_or_else(|| format!("/{lang}"));
    view! {
        <YouthLayout kiosk=kiosk>
            <h1>{i18n.t("already-sent-title")}</h1>
            <p class="lead">{i18n.t("already-sent-body")}</p>
            {comeback}
            <p><a class="button secondary" href=home>{i18n.t("done-home")}</a></p>
        </YouthLayout>
    }
}

/// A form of a journey left with quick exit came back: nothing was sent.
/// On a kiosk also a form left for the next child, or left standing too long.
#[component]
pub fn Stopped(kiosk: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let body = if kiosk.is_some() { "kiosk-closed-body" } else { "stopped-body" };
    let home = kiosk.clone().unwrap_or_else(|| format!("/{}", i18n.locale.tag()));
    view! {
        <YouthLayout kiosk=kiosk>
            <h1>{i18n.t("stopped-title")}</h1>
            <p class="lead">{i18n.t(body)}</p>
            <p><a class="button" href=home>{i18n.t("done-home")}</a></p>
        </YouthLayout>
    }
}
