//! The second step of signing in: a code from the authenticator app, or a recovery code.
use leptos::prelude::*;

use super::layout::StaffLayout;
use super::staff_form;
use crate::components::error_message::ErrorMessage;
use crate::i18n::use_i18n;

#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let i18n = use_i18n();
    let form = staff_form();
    if let Some(e) = &form.error {
        super::super::set_status(e.status());
    }
    let action = format!("/{}/staff/second-factor", i18n.locale.tag());
    view! {
        <StaffLayout>
            <h1>{i18n.t("staff-second-title")}</h1>
            {form.error.clone().map(|e| view! { <ErrorMessage error=e/> })}
            <form method="post" action=action.clone()>
                <label for="code">{i18n.t("staff-totp-code")}</label>
                <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" maxlength="7" required/>
                <p><button type="submit">{i18n.t("staff-continue")}</button></p>
            </form>
            <details>
                <summary>{i18n.t("staff-use-recovery")}</summary>
                <form method="post" action=action>
                    <label for="recovery">{i18n.t("staff-recovery-code")}</label>
                    <input id="recovery" name="recovery" type="text" autocomplete="off" maxlength="20" required/>
                    <p><button type="submit" class="secondary">{i18n.t("staff-continue")}</button></p>
                </form>
            </details>
        </StaffLayout>
    }
}
