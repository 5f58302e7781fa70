//! The staff home: what this person may do. Sections a role may not use are
//! absent here and refused by the server anyway.
use leptos::prelude::*;

use super::layout::StaffLayout;
use crate::api::staff::pages::load_home;
use crate::components::error_message::ErrorMessage;
use crate::i18n::{use_i18n, FluentValue};
use crate::model::staff::Permission;

fn section(p: Permission) -> (&'static str, Option<&'static str>) {
    use Permission::*;
    match p {
        OwnAccount => ("staff-section-account", Some("/account")),
        ManageStaff => ("staff-section-people", Some("/people")),
        ReadAudit => ("staff-section-audit", Some("/audit")),
        ManageProgrammes => ("staff-section-programmes", Some("/programmes")),
        Moderate => ("staff-section-moderation", Some("/moderation")),
        Safeguarding => ("staff-section-safeguarding", Some("/safeguarding")),
        Dashboards => ("staff-section-dashboards", Some("/dashboards")),
        PublishActions => ("staff-section-actions", Some("/actions")),
        _ => ("staff-section-account", None),
    }
}

#[component]
pub fn StaffHomePage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    view! {
        <StaffLayout>
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    match load_home().await {
                        Ok(home) => {
                            let hello = i18n.t_args("staff-hello", &[("name", FluentValue::from(home.display_name.clone()))]);
                            let items = home
                                .sections
                                .iter()
                                .map(|p| {
                                    let (key, path) = section(*p);
                                    let title = i18n.t(key);
                                    let body = i18n.t(&format!("{key}-about"));
                                    let head = match path {
                                        Some(path) => view! { <a href=format!("/{lang}/staff{path}")>{title}</a> }.into_any(),
                                        None => view! { <span>{title}</span> <small>" · "{i18n.t("staff-coming")}</small> }.into_any(),
                                    };
                                    view! { <li class=format!("section {key}")><h2>{head}</h2><p>{body}</p></li> }
                                })
                                .collect_view();
                            view! { <h1>{hello}</h1><ul class="sections">{items}</ul> }.into_any()
                        }
                        Err(e) => view! { <ErrorMessage error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </StaffLayout>
    }
}
