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

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let i18n = provide_i18n(request_locale());
    let script_class = if i18n.locale.complex_script() { "complex-script" } else { "" };
    view! {
        <!DOCTYPE html>
        <html lang=i18n.locale.tag() class=script_class>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="referrer" content="same-origin"/>
                <link rel="icon" href="data:,"/>
                <link rel="stylesheet" href="/pkg/siang.css"/>
                <HydrationScripts options=options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}
