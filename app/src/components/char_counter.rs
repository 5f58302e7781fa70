//! "n characters left" under a text answer, live while typing (JavaScript
//! only; without it the limit is stated in words and enforced by `maxlength`
//! and the server).
use leptos::prelude::*;

#[island]
pub fn CharCounter(
    /// id of the textarea to follow
    target: String,
    max: usize,
    /// Translated "{ $left } characters left" with `{left}` standing for the number.
    template: String,
    /// Translated message shown by the browser when the text is too long.
    too_long: String,
) -> impl IntoView {
    let (left, set_left) = signal(None::<i64>);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::closure::Closure;
            use wasm_bindgen::JsCast;
            let Some(el) = document().get_element_by_id(&target) else { return };
            let Ok(area) = el.dyn_into::<web_sys::HtmlTextAreaElement>() else { return };
            let update = {
                let area = area.clone();
                let too_long = too_long.clone();
                move || {
                    let used = area.value().chars().count() as i64;
                    set_left.set(Some(max as i64 - used));
                    // The same check as the server's (validator), as the browser's own
                    // constraint: it drives :invalid styling and blocks sending.
                    let problem = crate::model::answers::check_text(&area.value(), max).err();
                    area.set_custom_validity(if problem.is_some() { &too_long } else { "" });
                }
            };
            update();
            let on_input = Closure::<dyn Fn()>::new(update);
            let _ = area.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref());
            on_input.forget();
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&target, max, set_left, &too_long);
    });
    let text = move || left.get().map(|n| template.replace("{left}", &n.to_string())).unwrap_or_default();
    view! { <p class="counter" aria-live="polite">{text}</p> }
}
