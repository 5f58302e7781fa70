//! One's own account: password, second factor, recent sign-ins (time only), sign out everywhere.
use leptos::prelude::*;

use super::layout::StaffLayout;
use super::{done_notice, staff_form, when, NewPasswordFields};
use crate::api::staff::pages::load_account;
use crate::components::error_message::ErrorMessage;
use crate::i18n::use_i18n;

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let form = staff_form();
    if let Some(e) = &form.error {
        super::super::set_status(e.status());
    }
    view! {
        <StaffLayout>
            <h1>{i18n.t("staff-account-title")}</h1>
            {done_notice()}
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    match load_account().await {
                        Ok(a) => {
                            let rows = a
                                .sign_ins
                                .iter()
                                .map(|(at, ok)| {
                                    let result = if *ok { i18n.t("staff-sign-in-ok") } else { i18n.t("staff-sign-in-failed") };
                                    view! { <tr><td>{when(*at)}</td><td>{result}</td></tr> }
                                })
                                .collect_view();
                            let totp = if a.totp_enrolled { i18n.t("staff-totp-on") } else { i18n.t("staff-totp-off") };
                            view! {
                                <p>{a.email.clone()}</p>
                                <h2>{i18n.t("staff-second-factor")}</h2>
                                <p>{totp} " " <a href=format!("/{lang}/staff/two-factor")>{i18n.t("staff-enrol-new")}</a></p>
                                <h2>{i18n.t("staff-recent-sign-ins")}</h2>
                                <table class="data">
                                    <thead><tr><th scope="col">{i18n.t("staff-col-time")}</th><th scope="col">{i18n.t("staff-col-result")}</th></tr></thead>
                                    <tbody>{rows}</tbody>
                                </table>
                            }
                            .into_any()
                        }
                        Err(e) => view! { <ErrorMessage error=e/> }.into_any(),
                    }
                })}
            </Suspense>
            <h2>{i18n.t("staff-change-password")}</h2>
            {form.error.clone().map(|e| view! { <ErrorMessage error=e/> })}
            <form method="post" action=format!("/{lang}/staff/account/password")>
                <label for="current">{i18n.t("staff-current-password")}</label>
                <input id="current" name="current" type="password" autocomplete="current-password" required/>
                <NewPasswordFields/>
                <p><button type="submit">{i18n.t("staff-change-password")}</button></p>
            </form>
            <h2>{i18n.t("staff-everywhere-title")}</h2>
            <p>{i18n.t("staff-everywhere-about")}</p>
            <form method="post" action=format!("/{lang}/staff/account/sign-out-everywhere")>
                <button type="submit" class="secondary">{i18n.t("staff-everywhere")}</button>
            </form>
        </StaffLayout>
    }
}
