//! `/:lang/p/:code/answer`: the page a journey post renders — a screen of
//! questions, the review, or the receipt. The server handler puts the
//! outcome in context; a plain GET (no form) goes back to the programme.
use leptos::prelude::*;

use super::consent::ConsentBody;
use super::journey_done::{AlreadySent, Receipt, Stopped, WithdrawnAgain};
use super::journey_screen::{Review, Screen};
use super::kiosk::KioskReceipt;
use super::programme::code_param;
use crate::components::error_message::ErrorMessage;
use crate::components::layout::YouthLayout;
use crate::i18n::use_i18n;
use crate::model::journey::{JourneyOutcome, JourneyPage, Step};

pub const FORM_ID: &str = crate::components::layout::JOURNEY_FORM;

#[component]
pub fn JourneyRoute() -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    match use_context::<JourneyOutcome>() {
        None => {
            super::super::see_other(&format!("/{lang}/p/{}", code_param()));
            ().into_any()
        }
        Some(JourneyOutcome::Fatal(e)) => {
            super::super::set_status(e.status());
            view! {
                <YouthLayout>
                    <h1>{i18n.t("journey-problem-title")}</h1>
                    <ErrorMessage error=e/>
                    <p>
                        <a class="button" href=format!("/{lang}/p/{}", code_param())>{i18n.t("journey-restart")}</a>
                    </p>
                </YouthLayout>
            }
            .into_any()
        }
        Some(JourneyOutcome::Page(page)) => view! { <Journey page=*page/> }.into_any(),
    }
}

#[component]
fn Journey(page: JourneyPage) -> impl IntoView {
    if let Some((_, e)) = page.errors.first() {
        super::super::set_status(e.status());
    }
    let kiosk = page.kiosk_start(use_i18n().locale.tag());
    match page.step.clone() {
        Step::Consent => view! {
            <ConsentBody
                code=page.programme.code.clone()
                team=page.programme.team_name.clone()
                country=page.programme.country.clone()
                error=page.errors.first().map(|(_, e)| e.clone())
                kiosk=page.kiosk
            />
        }
        .into_any(),
        Step::Screen(n) => view! { <Screen page=page number=n/> }.into_any(),
        Step::Review => view! { <Review page=page/> }.into_any(),
        Step::Done { receipt } if page.kiosk => {
            view! { <KioskReceipt page=page receipt=receipt/> }.into_any()
        }
        Step::Done { receipt } => view! { <Receipt page=page receipt=receipt/> }.into_any(),
        Step::Withdrawn => view! { <WithdrawnAgain kiosk=kiosk/> }.into_any(),
        Step::AlreadySent => view! { <AlreadySent kiosk=kiosk/> }.into_any(),
        Step::Stopped => view! { <Stopped kiosk=kiosk/> }.into_any(),
    }
}
