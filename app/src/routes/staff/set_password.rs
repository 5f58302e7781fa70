//! Setting a password from a one-time link (first sign-in, or a reset).
use leptos::prelude::*;

use super::layout::StaffLayout;
use super::{query, staff_form};
use crate::components::error_message::ErrorMessage;
use crate::i18n::{use_i18n, FluentValue};

#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let form = staff_form();
    if let Some(e) = &form.error {
        super::super::set_status(e.status());
    }
    let token = form.value("token").or_else(|| query("t")).unwrap_or_default();
    let rule = i18n.t_args("staff-password-rule", &[("min", FluentValue::from(12))]);
    view! {
        <StaffLayout>
            <h1>{i18n.t("staff-set-password-title")}</h1>
            {form.error.clone().map(|e| view! { <ErrorMessage error=e/> })}
            <form method="post" action=format!("/{}/staff/set-password", i18n.locale.tag())>
                <input type="hidden" name="token" value=token/>
                <p class="hint">{rule}</p>
                <label for="password">{i18n.t("staff-new-password")}</label>
                <input id="password" name="password" type="password" autocomplete="new-password" minlength="12" required/>
                <label for="confirm">{i18n.t("staff-confirm-password")}</label>
                <input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="12" required/>
                <p><button type="submit">{i18n.t("staff-set-password")}</button></p>
            </form>
        </StaffLayout>
    }
}
