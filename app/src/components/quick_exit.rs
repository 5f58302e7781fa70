//! The quick-exit button on every youth page.
use leptos::prelude::*;

/// Outside a journey, a plain link to a neutral site. Inside one (`exit`
/// set: the journey's exit path), a button of the journey form that posts
/// it to the server, which records the journey as left and sends the
/// browser on — so pages re-posted from the history later show nothing.
/// With JavaScript, the click does the same with a beacon and replaces the
/// current page *and its history entry*, so "back" does not return here.
#[island]
pub fn QuickExit(
    href: String,
    label: String,
    hint: String,
    /// id of the journey form, when on a journey page
    #[prop(optional)]
    form: Option<String>,
    /// where that form posts to leave (`/:lang/exit`)
    #[prop(optional)]
    exit: Option<String>,
) -> impl IntoView {
    let target = href.clone();
    let (form_id, exit_path) = (form.clone(), exit.clone());
    let leave = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        if let (Some(form_id), Some(exit_path)) = (&form_id, &exit_path) {
            beacon(form_id, exit_path);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&form_id, &exit_path);
        let _ = window().location().replace(&target);
    };
    match (form, exit) {
        (Some(form), Some(exit)) => view! {
            <button
                type="submit"
                class="quick-exit"
                form=form
                formaction=exit
                formmethod="post"
                formnovalidate=true
                title=hint
                on:click=leave
            >
                {label}
            </button>
        }
        .into_any(),
        _ => view! {
            <a class="quick-exit" href=href rel="noreferrer" title=hint on:click=leave>
                {label}
            </a>
        }
        .into_any(),
    }
}

/// Tells the server the journey was left (only its seal travels).
#[cfg(feature = "hydrate")]
pub(crate) fn beacon(form_id: &str, exit_path: &str) {
    use wasm_bindgen::JsCast;
    let seal = document()
        .query_selector(&format!("form#{form_id} input[name=seal]"))
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.value());
    let Some(seal) = seal.filter(|s| !s.is_empty()) else { return };
    if let Ok(params) = web_sys::UrlSearchParams::new() {
        params.append("seal", &seal);
        let _ = window().navigator().send_beacon_with_opt_url_search_params(exit_path, Some(&params));
    }
}
