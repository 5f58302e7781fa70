//! Setting a password from a one-time link (first sign-in, or a reset).
use leptos::prelude::*;

use super::layout::StaffLayout;
use super::{query, staff_form, NewPasswordFields};
use crate::components::error_message::ErrorMessage;
use crate::i18n::use_i18n;

#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let form = staff_form();
    if let Some(e) = &form.error {
        super::super::set_status(e.status());
    }
    let token = form.value("token").or_else(|| query("t")).unwrap_or_default();
    view! {
        <StaffLayout>
            <h1>{i18n.t("staff-set-password-title")}</h1>
            {form.error.clone().map(|e| view! { <ErrorMessage error=e/> })}
            <form method="post" action=format!("/{}/staff/set-password", i18n.locale.tag())>
                <input type="hidden" name="token" value=token/>
                <NewPasswordFields/>
                <p><button type="submit">{i18n.t("staff-set-password")}</button></p>
            </form>
        </StaffLayout>
    }
}
