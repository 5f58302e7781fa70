//! Staff sign-in: e-mail and password (a second factor follows where needed).
use leptos::prelude::*;

use super::layout::StaffLayout;
use super::{done_notice, query, staff_form};
use crate::components::error_message::ErrorMessage;
use crate::i18n::use_i18n;
use crate::model::AppError;

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let form = staff_form();
    if let Some(e) = &form.error {
        super::super::set_status(e.status());
    }
    let expired = query("expired").map(|_| view! { <ErrorMessage error=AppError::SessionExpired/> });
    view! {
        <StaffLayout>
            <h1>{i18n.t("staff-sign-in-title")}</h1>
            {done_notice()}
            {expired}
            {form.error.clone().map(|e| view! { <ErrorMessage error=e/> })}
            <form method="post" action=format!("/{}/staff/sign-in", i18n.locale.tag())>
                <label for="email">{i18n.t("staff-email")}</label>
                <input id="email" name="email" type="email" autocomplete="username" required value=form.value("email")/>
                <label for="password">{i18n.t("staff-password")}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required/>
                <p><button type="submit">{i18n.t("staff-sign-in")}</button></p>
            </form>
            <p class="hint">{i18n.t("staff-sign-in-help")}</p>
        </StaffLayout>
    }
}
