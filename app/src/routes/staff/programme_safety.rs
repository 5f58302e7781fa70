//! One programme's safety settings for administrators: places whose names
//! identify a child (marked in free text as [place]), who is e-mailed about
//! a safeguarding concern, and the referral steps moderators follow; for
//! installation administrators also the names marked in every programme.
use leptos::prelude::*;

use super::layout::StaffLayout;
use super::{done_notice, query, staff_form};
use crate::api::staff::programme_settings::load_safety;
use crate::components::error_message::ErrorMessage;
use crate::components::escape_html;
use crate::i18n::use_i18n;
use crate::model::programme_settings::SafetySettings;

#[component]
pub fn ProgrammeSafetyPage() -> impl IntoView {
    let i18n = use_i18n();
    let form = staff_form();
    let code = query("p").or_else(|| form.value("p"));
    // A post refused before its programme was known shows that refusal.
    let refused = form.error.clone().filter(|_| code.is_none());
    view! {
        <StaffLayout>
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    let loaded = match (refused.clone(), code.clone()) {
                        (Some(e), _) => Err(e),
                        (None, c) => load_safety(&c.unwrap_or_default()).await,
                    };
                    match loaded {
                        Ok(d) => view! { <Settings data=d/> }.into_any(),
                        Err(e) => {
                            crate::routes::set_status(e.status());
                            view! { <h1>{i18n.t("safety-title")}</h1><ErrorMessage error=e/> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </StaffLayout>
    }
}

#[component]
fn Settings(data: SafetySettings) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let form = staff_form();
    let error = form.error.clone().map(|e| {
        crate::routes::set_status(e.status());
        view! { <ErrorMessage error=e/> }
    });
    // After a refused post, what was typed; else what is stored.
    let typed = |k: &str, stored: &[String]| form.value(k).unwrap_or_else(|| stored.join("\n"));
    let box_ = |id: &'static str, label: &'static str, hint: &'static str, value: String| {
        view! {
            <label for=id>{i18n.t(label)}</label>
            <p class="hint">{i18n.t(hint)}</p>
            // Leptos does not escape <textarea> children on the server: escape here.
            <textarea id=id name=id rows="5" inner_html=escape_html(&value)></textarea>
        }
    };
    let names = data.names.clone().map(|names| {
        view! {
            <h2>{i18n.t("safety-names-title")}</h2>
            <form method="post" action=format!("/{lang}/staff/programmes/names") class="settings-form">
                <input type="hidden" name="p" value=data.code.clone()/>
                {box_("names", "safety-names", "safety-names-hint", typed("names", &names))}
                <p><button type="submit">{i18n.t("safety-save")}</button></p>
            </form>
        }
    });
    view! {
        <p class="crumbs"><a href=format!("/{lang}/staff/programmes")>{i18n.t("staff-programmes-title")}</a></p>
        <h1>{i18n.t("safety-title")}": "{data.name.clone()}" "<small>{data.code.clone()}</small></h1>
        {done_notice()}
        {error}
        <form method="post" action=format!("/{lang}/staff/programmes/safety/save") class="settings-form">
            <input type="hidden" name="p" value=data.code.clone()/>
            {box_("places", "safety-places", "safety-places-hint", typed("places", &data.places))}
            {box_("contacts", "safety-contacts", "safety-contacts-hint", typed("contacts", &data.contacts))}
            {box_("steps", "safety-steps", "safety-steps-hint", typed("steps", &data.referral_steps))}
            <p><button type="submit">{i18n.t("safety-save")}</button></p>
        </form>
        {names}
    }
}
