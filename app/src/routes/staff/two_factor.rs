//! Enrolling an authenticator app (QR code or the secret typed in), then the
//! one-time recovery codes.
use leptos::prelude::*;

use super::layout::StaffLayout;
use super::staff_form;
use crate::api::staff::pages::load_enrol;
use crate::components::error_message::ErrorMessage;
use crate::i18n::use_i18n;
use crate::model::staff_pages::StaffExtra;

#[component]
pub fn TwoFactorPage() -> impl IntoView {
    let i18n = use_i18n();
    let form = staff_form();
    let lang = i18n.locale.tag();
    if let StaffExtra::RecoveryCodes(codes) = form.extra.clone() {
        let items = codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view();
        return view! {
            <StaffLayout>
                <h1>{i18n.t("staff-recovery-title")}</h1>
                <p class="notice">{i18n.t("staff-recovery-once")}</p>
                <ol class="recovery-codes">{items}</ol>
                <p><a class="button" href=format!("/{lang}/staff")>{i18n.t("staff-continue")}</a></p>
            </StaffLayout>
        }
        .into_any();
    }
    if matches!(crate::api::staff::current(), crate::api::staff::StaffAuth::Pending { enrolled: true, .. }) {
        // Half signed in with an authenticator already set up: prove it first.
        super::super::see_other(&format!("/{lang}/staff/second-factor"));
        return ().into_any();
    }
    if let Some(e) = &form.error {
        super::super::set_status(e.status());
    }
    let error = form.error.clone();
    view! {
        <StaffLayout>
            <h1>{i18n.t("staff-enrol-title")}</h1>
            <p>{i18n.t("staff-enrol-intro")}</p>
            {error.map(|e| view! { <ErrorMessage error=e/> })}
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    match load_enrol().await {
                        Ok(d) => view! {
                            <div class="qr" inner_html=d.qr_svg role="img" aria-label=i18n.t("staff-enrol-qr")></div>
                            <p>{i18n.t("staff-enrol-secret")} " " <code class="secret">{d.secret}</code></p>
                            <form method="post" action=format!("/{lang}/staff/two-factor")>
                                <input type="hidden" name="sealed" value=d.sealed/>
                                {d.needs_password.then(|| view! {
                                    <label for="current">{i18n.t("staff-current-password")}</label>
                                    <input id="current" name="current" type="password" autocomplete="current-password" required/>
                                })}
                                <label for="code">{i18n.t("staff-totp-code")}</label>
                                <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="7" required/>
                                <p><button type="submit">{i18n.t("staff-enrol-confirm")}</button></p>
                            </form>
                        }
                        .into_any(),
                        Err(e) => view! { <ErrorMessage error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </StaffLayout>
    }
    .into_any()
}
