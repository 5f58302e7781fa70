//! The HTML document around every page.
use leptos::prelude::*;
use leptos_meta::MetaTags;

use crate::app::App;
use crate::i18n::{provide_i18n, Locale};

/// Locale of the current request: the first path segment, or for a path
/// without a shipped language (`/xx/…`), the browser's `Accept-Language`,
/// so that even "not found" speaks the visitor's language.
pub fn request_locale() -> Locale {
    let Some(parts) = use_context::<http::request::Parts>() else { return Locale::default() };
    parts.uri.path().split('/').nth(1).and_then(Locale::from_tag).unwrap_or_else(|| {
        parts
            .headers
            .get(http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Locale::negotiate)
            .unwrap_or_default()
    })
}

/// Loads the WebAssembly when the browser is idle and wakes each island.
/// Unlike Leptos's `HydrationScripts`, it adds no `<link rel=preload>`: a
/// browser with JavaScript off would still download the preloaded bundle.
const LOADER: &str = "(()=>{const go=()=>import('/pkg/siang.js').then(async m=>{\
await m.default({module_or_path:'/pkg/siang.wasm'});m.hydrate();\
for(const el of document.querySelectorAll('leptos-island')){const f=m[el.dataset.component];if(f)f(el);}\
document.documentElement.dataset.hydrated='1';});\
'requestIdleCallback' in window?requestIdleCallback(go):setTimeout(go,1);})();";

/// The page's Content-Security-Policy: only the nonce'd loader may run
/// script ('strict-dynamic' lets it import the bundle), WebAssembly needs
/// 'wasm-unsafe-eval'; no inline or eval'd JavaScript, no framing.
/// Quick exit without JavaScript is a form post that the server answers
/// with a redirect to the neutral site, and `form-action` governs where a
/// form's redirects may lead: that site's origin is allowed too.
fn set_csp(nonce: Option<String>) {
    let exit = crate::state::app_state().map(|s| s.config.exit_origin()).unwrap_or_default();
    if let (Some(res), Some(nonce)) = (use_context::<leptos_axum::ResponseOptions>(), nonce) {
        let csp = format!(
            "default-src 'none'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
             style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self' {exit}; \
             frame-ancestors 'none'; base-uri 'none'"
        );
        if let Ok(v) = http::HeaderValue::from_str(&csp) {
            res.insert_header(http::header::CONTENT_SECURITY_POLICY, v);
        }
    }
}

#[component]
fn IslandLoader() -> impl IntoView {
    // Islands mode: the page itself is not hydrated, only the islands.
    if let Some(sc) = Owner::current_shared_context() {
        sc.set_is_hydrating(false);
    }
    let nonce = leptos::nonce::use_nonce();
    set_csp(nonce.as_ref().map(|n| n.to_string()));
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
                <meta name="description" content=i18n.t("site-description")/>
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
