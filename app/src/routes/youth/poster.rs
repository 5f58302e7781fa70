//! `/:lang/p/:code/poster`: a printable poster with the programme's QR code,
//! its short code and its link, for caseworkers to hand out or pin up.
use leptos::prelude::*;

use super::programme::{code_param, ProgrammeProblem};
use crate::api::programme::programme_poster;
use crate::components::layout::YouthLayout;
use crate::i18n::{use_i18n, I18n, Locale};

#[component]
pub fn PosterPage() -> impl IntoView {
    let i18n = use_i18n();
    let code = code_param();
    let host = use_context::<http::request::Parts>()
        .and_then(|p| p.headers.get(http::header::HOST).and_then(|h| h.to_str().ok()).map(str::to_owned));
    let state = crate::api::support::state();
    Suspend::new(async move {
        let poster = match state {
            Ok(state) => programme_poster(&state, &code, i18n.locale, host.as_deref()).await,
            Err(e) => Err(e),
        };
        match poster {
            Ok(p) => view! {
                <YouthLayout>
                    <section class="poster">
                        <h1>{i18n.t("poster-title")}</h1>
                        <p class="lead">{p.name.clone()}</p>
                        // One sentence in each language the programme offers, so
                        // every child passing the poster reads that it is for them.
                        <ul class="invites">
                            {p.languages.iter().filter_map(|tag| Locale::from_tag(tag)).map(|l| {
                                let text = I18n { locale: l, markers: i18n.markers }.t("poster-invite");
                                view! { <li lang=l.tag()>{text}</li> }
                            }).collect_view()}
                        </ul>
                        <div class="qr" inner_html=p.qr_svg.clone() role="img" aria-label=i18n.t("poster-qr")></div>
                        <p>{i18n.t("poster-scan")}</p>
                        <p class="receipt-code" translate="no">{p.code.clone()}</p>
                        <p>{i18n.t("poster-or-type")}</p>
                        <p><code>{p.url.clone()}</code></p>
                        <p class="hint">{i18n.t("poster-anonymous")}</p>
                    </section>
                </YouthLayout>
            }
            .into_any(),
            Err(e) => view! { <ProgrammeProblem error=e/> }.into_any(),
        }
    })
}
