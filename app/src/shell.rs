//! The HTML document around every page.
use leptos::prelude::*;
use leptos_meta::MetaTags;

use crate::app::App;
use crate::i18n::{provide_i18n, Locale};

/// Locale of the current request, from the first path segment (English when none).
pub fn request_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|p| p.uri.path().split('/').nth(1).and_then(Locale::from_tag))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        Locale::En
    }
}

/// Loads the WebAssembly when the browser is idle and wakes each island.
/// Unlike Leptos's `HydrationScripts`, it adds no `<link rel=preload>`: a
/// browser with JavaScript off would still download the preloaded bundle.
const LOADER: &str = "(()=>{const go=()=>import('/pkg/siang.js').then(async m=>{\
await m.default({module_or_path:'/pkg/siang.wasm'});m.hydrate();\
for(const el of document.querySelectorAll('leptos-island')){const f=m[el.dataset.component];if(f)f(el);}\
document.documentElement.dataset.hydrated='1';});\
'requestIdleCallback' in window?requestIdleCallback(go):setTimeout(go,1);})();";

#[component]
fn IslandLoader() -> impl IntoView {
    // Islands mode: the page itself is not hydrated, only the islands.
    if let Some(sc) = Owner::current_shared_context() {
        sc.set_is_hydrating(false);
    }
    let nonce = leptos::nonce::use_nonce();
    view! { <script type="module" nonce=nonce inner_html=LOADER></script> }
}

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let _ = &options;
    let i18n = provide_i18n(request_locale());
    let script_class = i18n.locale.complex_script().then_some("complex-script");
    view! {
        <!DOCTYPE html>
        <html lang=i18n.locale.tag() class=script_class>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="referrer" content="same-origin"/>
                <link rel="icon" href="data:,"/>
                <link rel="stylesheet" href="/pkg/siang.css"/>
                <IslandLoader/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}
