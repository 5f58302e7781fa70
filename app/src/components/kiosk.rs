//! On a kiosk page: after [`IDLE_SECS`] without a touch, "are you still
//! there?" with a countdown; at zero the journey is closed on the server
//! and the tablet goes back to the start, replacing this page in the
//! history. Without JavaScript the layout's `<noscript>` refresh does the
//! restart and the server refuses the old form (see `model::kiosk`).
use leptos::prelude::*;

#[cfg(feature = "hydrate")]
use crate::model::kiosk::{COUNTDOWN_SECS, IDLE_SECS};

#[island]
pub fn KioskTimer(
    /// the kiosk's start page
    start: String,
    /// id of the journey form, on a journey page
    #[prop(optional_no_strip)]
    form: Option<String>,
    /// where that form's seal is posted to close the journey
    #[prop(optional_no_strip)]
    again: Option<String>,
    title: String,
    body: String,
    stay: String,
) -> impl IntoView {
    // Seconds left on the countdown; `None` while someone is using the page.
    let left = RwSignal::new(None::<i64>);
    let idle = StoredValue::new(0_i64);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::closure::Closure;
            use wasm_bindgen::JsCast;
            // Tells the server this form's page can clear itself, so a child
            // typing for long on one screen is not turned away (`kiosk::LIVE_STALE_SECS`).
            if let Some(form) = form.as_deref().and_then(|id| document().get_element_by_id(id)) {
                if let Ok(input) = document().create_element("input") {
                    let _ = input.set_attribute("type", "hidden");
                    let _ = input.set_attribute("name", "live");
                    let _ = input.set_attribute("value", "1");
                    let _ = form.append_child(&input);
                }
            }
            let touched = Closure::<dyn Fn()>::new(move || {
                idle.set_value(0);
                if left.get_untracked().is_some() {
                    left.set(None);
                }
            });
            for name in ["pointerdown", "keydown", "input", "scroll", "touchstart"] {
                let _ = document().add_event_listener_with_callback(name, touched.as_ref().unchecked_ref());
            }
            touched.forget();
            let (start, form, again) = (start.clone(), form.clone(), again.clone());
            let tick = Closure::<dyn Fn()>::new(move || {
                let n = idle.get_value() + 1;
                idle.set_value(n);
                if n < IDLE_SECS {
                    return;
                }
                let remaining = IDLE_SECS + COUNTDOWN_SECS - n;
                if remaining > 0 {
                    left.set(Some(remaining));
                    return;
                }
                if let (Some(form), Some(again)) = (&form, &again) {
                    crate::components::quick_exit::beacon(form, again);
                }
                let _ = window().location().replace(&start);
            });
            let _ = window()
                .set_interval_with_callback_and_timeout_and_arguments_0(tick.as_ref().unchecked_ref(), 1000);
            tick.forget();
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&start, &form, &again, idle);
    });
    let still_here = move |_| {
        idle.set_value(0);
        left.set(None);
    };
    view! {
        <div class="kiosk-countdown" role="alertdialog" aria-labelledby="kiosk-countdown-title"
            aria-live="assertive" hidden=move || left.get().is_none()>
            <div class="kiosk-countdown-box">
                <h2 id="kiosk-countdown-title">{title}</h2>
                <p>{body}</p>
                <p class="kiosk-seconds" lang="en" translate="no">{move || left.get().unwrap_or_default()}</p>
                <button type="button" on:click=still_here>{stay}</button>
            </div>
        </div>
    }
}
