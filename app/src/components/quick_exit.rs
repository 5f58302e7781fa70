//! The quick-exit button on every youth page.
use leptos::prelude::*;

/// Without JavaScript a plain link to a neutral site. With it, the click
/// replaces the current page *and its history entry*, so "back" does not
/// return to Siang.
#[island]
pub fn QuickExit(href: String, label: String, hint: String) -> impl IntoView {
    let target = href.clone();
    let leave = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        let _ = window().location().replace(&target);
    };
    view! {
        <a class="quick-exit" href=href rel="noreferrer" title=hint on:click=leave>
            {label}
        </a>
    }
}
