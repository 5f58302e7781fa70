//! The frame of staff pages: who is signed in and with which roles, the
//! sections they may open, sign out, languages, and a note when the
//! language's translation still awaits review.
use leptos::prelude::*;

use crate::components::lang_switcher::LangSwitcher;
use crate::i18n::use_i18n;
use crate::model::staff::{Caller, Permission};

/// The signed-in caller of this request (server side).
pub fn caller() -> Option<Caller> {
    crate::api::staff::current().caller().cloned()
}

#[component]
pub fn StaffLayout(children: Children) -> impl IntoView {
    crate::components::layout::no_store();
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let who = caller().map(|c| {
        let roles =
            c.roles().iter().map(|r| i18n.t(&format!("role-{}", r.key()))).collect::<Vec<_>>().join(", ");
        let links = [
            (Permission::StaffHome, "", "staff-nav-home"),
            (Permission::Safeguarding, "/safeguarding", "staff-nav-safeguarding"),
            (Permission::Moderate, "/moderation", "staff-nav-moderation"),
            (Permission::Dashboards, "/dashboards", "staff-nav-dashboards"),
            (Permission::Dashboards, "/published", "staff-nav-published"),
            (Permission::Dashboards, "/actions", "staff-nav-actions"),
            (Permission::ManageStaff, "/people", "staff-nav-people"),
            (Permission::ManageProgrammes, "/programmes", "staff-nav-programmes"),
            (Permission::ManageProgrammes, "/questionnaires", "staff-nav-questionnaires"),
            (Permission::ManageProgrammes, "/templates", "staff-nav-templates"),
            (Permission::ManageProgrammes, "/codebook", "staff-nav-codebook"),
            (Permission::ManageRetention, "/retention", "staff-nav-retention"),
            (Permission::ReadAudit, "/audit", "staff-nav-audit"),
            (Permission::OwnAccount, "/account", "staff-nav-account"),
        ]
        .into_iter()
        .filter(|(p, _, _)| c.can_somewhere(*p))
        .map(|(_, path, key)| view! { <li><a href=format!("/{lang}/staff{path}")>{i18n.t(key)}</a></li> })
        .collect_view();
        view! {
            <div class="who">
                <span class="who-name">{c.display_name.clone()}</span>
                " · "
                <span class="who-roles">{roles}</span>
                <form method="post" action=format!("/{lang}/staff/sign-out") class="inline">
                    <button type="submit" class="link">{i18n.t("staff-sign-out")}</button>
                </form>
            </div>
            <nav class="staff-nav" aria-label=i18n.t("staff-nav-label")><ul>{links}</ul></nav>
        }
    });
    view! {
        <header class="top staff">
            <a class="brand" href=format!("/{lang}/staff")>{i18n.t("staff-brand")}</a>
        </header>
        {who}
        <LangSwitcher/>
        {i18n.is_draft().then(|| view! { <p class="draft-note">{i18n.t("staff-draft-translation")}</p> })}
        <main id="main" class="staff-main">{children()}</main>
    }
}
