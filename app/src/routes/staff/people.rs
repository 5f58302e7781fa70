//! Administrators: invite staff by one-time link, grant and revoke roles
//! within their scope, disable, reset or require the second factor.
use leptos::prelude::*;

use super::layout::StaffLayout;
use super::{done_notice, staff_form};
use crate::api::staff::pages::load_people;
use crate::components::error_message::ErrorMessage;
use crate::i18n::{use_i18n, I18n};
use crate::model::staff::Role;
use crate::model::staff_pages::{PeopleData, PersonView, StaffExtra};

fn role_options(i18n: I18n) -> impl IntoView {
    Role::ALL
        .into_iter()
        .map(|r| view! { <option value=r.key()>{i18n.t(&format!("role-{}", r.key()))}</option> })
        .collect_view()
}

/// Scope choices: the installation (installation admins only), organisations, programmes.
fn scope_fields(i18n: I18n, d: &PeopleData, id: &str) -> impl IntoView {
    let orgs = d
        .organisations
        .iter()
        .map(|(oid, n)| view! { <option value=oid.to_string()>{n.clone()}</option> })
        .collect_view();
    let progs = d
        .programmes
        .iter()
        .map(|(pid, n)| view! { <option value=pid.to_string()>{n.clone()}</option> })
        .collect_view();
    let whole = d
        .installation_admin
        .then(|| view! { <option value="">{i18n.t("staff-scope-installation")}</option> });
    view! {
        <label for=format!("{id}-org")>{i18n.t("staff-organisation")}</label>
        <select id=format!("{id}-org") name="organisation">{whole}{orgs}</select>
        <label for=format!("{id}-prog")>{i18n.t("staff-programme-optional")}</label>
        <select id=format!("{id}-prog") name="programme"><option value="">{i18n.t("staff-all-programmes")}</option>{progs}</select>
    }
}

#[component]
fn Person(p: PersonView, data: PeopleData) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let act = move |what: &str| format!("/{lang}/staff/people/{what}");
    let id = p.id.to_string();
    let grants = p
        .grants
        .iter()
        .map(|g| {
            let scope = if g.scope.is_empty() { i18n.t("staff-scope-installation") } else { g.scope.clone() };
            view! {
                <li>
                    {i18n.t(&format!("role-{}", g.role.key()))} " · " {scope}
                    <form method="post" action=act("revoke") class="inline">
                        <input type="hidden" name="staff" value=id.clone()/>
                        <input type="hidden" name="grant" value=g.id.to_string()/>
                        <button type="submit" class="link">{i18n.t("staff-revoke")}</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    let mut state = vec![];
    if p.disabled {
        state.push(i18n.t("staff-state-disabled"));
    }
    if p.locked {
        state.push(i18n.t("staff-state-locked"));
    }
    state.push(if p.totp_enrolled { i18n.t("staff-totp-on") } else { i18n.t("staff-totp-off") });
    let (toggle, toggle_label) =
        if p.disabled { ("enable", i18n.t("staff-enable")) } else { ("disable", i18n.t("staff-disable")) };
    let form_id = format!("grant-{}", p.id);
    view! {
        <li class="person">
            <h3>{p.display_name.clone()} " " <small>{p.email.clone()}</small></h3>
            <p class="person-state">{state.join(" · ")}</p>
            <ul class="grants">{grants}</ul>
            <details>
                <summary>{i18n.t("staff-grant-role")}</summary>
                <form method="post" action=act("grant")>
                    <input type="hidden" name="staff" value=id.clone()/>
                    <label for=format!("{form_id}-role")>{i18n.t("staff-role")}</label>
                    <select id=format!("{form_id}-role") name="role">{role_options(i18n)}</select>
                    {scope_fields(i18n, &data, &form_id)}
                    <p><button type="submit">{i18n.t("staff-grant")}</button></p>
                </form>
            </details>
            <div class="person-actions">
                <form method="post" action=act(toggle) class="inline">
                    <input type="hidden" name="staff" value=id.clone()/>
                    <button type="submit" class="secondary small">{toggle_label}</button>
                </form>
                <form method="post" action=act("reset-totp") class="inline">
                    <input type="hidden" name="staff" value=id.clone()/>
                    <button type="submit" class="secondary small">{i18n.t("staff-reset-totp")}</button>
                </form>
                <form method="post" action=act("new-link") class="inline">
                    <input type="hidden" name="staff" value=id.clone()/>
                    <button type="submit" class="secondary small">{i18n.t("staff-new-link")}</button>
                </form>
                <form method="post" action=act("require-totp") class="inline">
                    <input type="hidden" name="staff" value=id.clone()/>
                    <input type="hidden" name="on" value=if p.totp_required { "0" } else { "1" }/>
                    <button type="submit" class="secondary small">
                        {if p.totp_required { i18n.t("staff-totp-optional") } else { i18n.t("staff-totp-require") }}
                    </button>
                </form>
            </div>
        </li>
    }
}

#[component]
pub fn PeoplePage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let form = staff_form();
    if let Some(e) = &form.error {
        super::super::set_status(e.status());
    }
    let link = match form.extra.clone() {
        StaffExtra::Link { email, url } => Some(
            view! {
            <div class="notice link-once" role="status">
                <p>{i18n.t("staff-link-for")} " " <strong>{email}</strong></p>
                <p><code class="one-time-link">{url}</code></p>
                <p>{i18n.t("staff-link-once")}</p>
            </div>
            }
            .into_any(),
        ),
        StaffExtra::Mailed { email } => Some(
            view! {
                <div class="notice" role="status">
                    <p>{i18n.t("staff-link-mailed")} " " <strong>{email}</strong></p>
                </div>
            }
            .into_any(),
        ),
        _ => None,
    };
    let error = form.error.clone();
    view! {
        <StaffLayout>
            <h1>{i18n.t("staff-people-title")}</h1>
            {done_notice()}
            {link}
            {error.map(|e| view! { <ErrorMessage error=e/> })}
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    match load_people().await {
                        Ok(d) => {
                            let people = d.people.iter().cloned().map(|p| view! { <Person p=p data=d.clone()/> }).collect_view();
                            let everyone = d.installation_admin.then(|| view! {
                                <form method="post" action=format!("/{lang}/staff/people/require-totp") class="inline">
                                    <input type="hidden" name="scope" value="all"/>
                                    <input type="hidden" name="on" value="1"/>
                                    <button type="submit" class="secondary small">{i18n.t("staff-totp-require-all")}</button>
                                </form>
                            });
                            view! {
                                <h2>{i18n.t("staff-invite-title")}</h2>
                                <form method="post" action=format!("/{lang}/staff/people/invite")>
                                    <label for="invite-email">{i18n.t("staff-email")}</label>
                                    <input id="invite-email" name="email" type="email" required value=form.value("email")/>
                                    <label for="invite-name">{i18n.t("staff-name")}</label>
                                    <input id="invite-name" name="name" type="text" maxlength="100" required value=form.value("name")/>
                                    <label for="invite-role">{i18n.t("staff-role")}</label>
                                    <select id="invite-role" name="role">{role_options(i18n)}</select>
                                    {scope_fields(i18n, &d, "invite")}
                                    <p><button type="submit">{i18n.t("staff-invite")}</button></p>
                                </form>
                                <h2>{i18n.t("staff-people-list")}</h2>
                                {everyone}
                                <ul class="people">{people}</ul>
                            }
                            .into_any()
                        }
                        Err(e) => view! { <ErrorMessage error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </StaffLayout>
    }
}
