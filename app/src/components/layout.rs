//! The frame of every youth page: quick exit, languages, helplines, staff link.
use leptos::prelude::*;

use crate::components::kiosk::KioskTimer;
use crate::components::lang_switcher::LangSwitcher;
use crate::components::quick_exit::QuickExit;
use crate::i18n::use_i18n;

fn exit_url() -> String {
    #[cfg(feature = "ssr")]
    if let Some(state) = crate::state::app_state() {
        return state.config.exit_url.clone();
    }
    crate::model::DEFAULT_EXIT_URL.to_owned()
}

/// Marks the response as not to be cached: a shared device keeps no copy.
pub fn no_store() {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.insert_header(http::header::CACHE_CONTROL, http::HeaderValue::from_static("no-store"));
    }
}

/// The id of the journey form: on its pages, quick exit posts it to leave.
pub const JOURNEY_FORM: &str = "journey";

/// `country` puts that country's helplines at the foot of the page (a tap
/// to call, on every page a child of that programme sees) and points the
/// helplines link at them; `lines_shown` says the page lists them itself.
/// `form` makes the language switcher carry the journey form along (see
/// `LangSwitcher`).
///
/// `kiosk` (the kiosk's start page) puts the page in kiosk mode: it clears
/// itself after a while without a touch, and its links stay on the kiosk —
/// no receipt, help or staff links for the next child to follow back.
/// `kiosk_home` marks the start page itself, which has nothing to clear.
#[component]
pub fn YouthLayout(
    children: Children,
    #[prop(optional, into)] country: Option<String>,
    #[prop(optional, into)] form: Option<String>,
    #[prop(optional)] lines_shown: bool,
    #[prop(optional_no_strip)] kiosk: Option<String>,
    #[prop(optional)] kiosk_home: bool,
) -> impl IntoView {
    no_store();
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let help = match &country {
        Some(c) => format!("/{lang}/help?country={c}"),
        None => format!("/{lang}/help"),
    };
    let lines = country.filter(|_| !lines_shown).map(|c| view! { <FootLines country=c/> });
    let links = kiosk.is_none().then(|| {
        view! {
            <a class="help-link" href=help>{i18n.t("footer-helplines")}</a>
            <a href=format!("/{lang}/r")>{i18n.t("footer-receipt")}</a>
            <a class="staff-link" href=format!("/{lang}/staff/sign-in")>{i18n.t("footer-staff")}</a>
        }
    });
    let home = kiosk.clone().unwrap_or_else(|| format!("/{lang}"));
    let timer = kiosk.filter(|_| !kiosk_home).map(|start| {
        let journey = (form.as_deref() == Some(JOURNEY_FORM)).then(|| JOURNEY_FORM.to_owned());
        let again = journey.as_ref().map(|_| format!("{start}/again"));
        let refresh = format!("{};url={start}", crate::model::kiosk::REFRESH_SECS);
        view! {
            <noscript><meta http-equiv="refresh" content=refresh/></noscript>
            <KioskTimer
                start=start
                form=journey
                again=again
                title=i18n.t("kiosk-countdown-title")
                body=i18n.t("kiosk-countdown-body")
                stay=i18n.t("kiosk-still-here")
            />
        }
    });
    view! {
        <header class="top">
            <a class="brand" href=home>{i18n.t("site-name")}</a>
            {match form.as_deref() {
                Some(JOURNEY_FORM) => view! {
                    <QuickExit
                        href=exit_url()
                        label=i18n.t("quick-exit")
                        hint=i18n.t("quick-exit-hint")
                        form=JOURNEY_FORM.to_owned()
                        exit=format!("/{lang}/exit")
                    />
                }
                .into_any(),
                _ => view! { <QuickExit href=exit_url() label=i18n.t("quick-exit") hint=i18n.t("quick-exit-hint")/> }
                    .into_any(),
            }}
        </header>
        <LangSwitcher form=form/>
        <main id="main">{children()}</main>
        <footer class="foot">
            {lines}
            {links}
        </footer>
        {timer}
    }
}

/// The country's helplines in one line each: name and the number to tap.
/// (A failed lookup shows only the link to the help page, which says more.)
#[component]
fn FootLines(country: String) -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    let found = Suspend::new(async move {
        let lines = match crate::api::support::state() {
            Ok(state) => {
                crate::api::programme::helplines(&state, &country, i18n.locale).await.unwrap_or_default()
            }
            Err(_) => vec![],
        };
        (!lines.is_empty()).then(|| {
            let items = lines
                .into_iter()
                .map(|h| {
                    let href = h.url.clone().unwrap_or_else(|| format!("tel:{}", h.phone.replace(' ', "")));
                    view! { <li><span lang=h.lang.clone()>{h.name}</span>" "<a href=href>{h.phone}</a></li> }
                })
                .collect_view();
            view! {
                <p class="foot-lines-title">{i18n.t("footer-helplines-now")}</p>
                <ul class="foot-lines">{items}</ul>
            }
        })
    });
    // Islands: this component is only ever rendered on the server.
    #[cfg(not(feature = "ssr"))]
    let found: Option<AnyView> = {
        let _ = (country, i18n);
        None
    };
    view! { <div class="foot-help"><Suspense fallback=|| ()>{found}</Suspense></div> }
}
