use leptos::prelude::*;

use crate::components::layout::YouthLayout;
use crate::i18n::use_i18n;

#[component]
pub fn NotFound() -> impl IntoView {
    super::super::set_status(404);
    let i18n = use_i18n();
    view! {
        <YouthLayout>
            <h1>{i18n.t("not-found-title")}</h1>
            <p data-code=crate::model::AppError::NotFound.code()>{i18n.t("not-found-body")}</p>
            <p><a class="button" href=format!("/{}", i18n.locale.tag())>{i18n.t("not-found-home")}</a></p>
        </YouthLayout>
    }
}
