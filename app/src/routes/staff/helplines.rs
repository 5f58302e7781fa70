//! Helplines for administrators: every line young people are shown, by
//! country, with the day it was last confirmed; installation
//! administrators correct, confirm, add and remove them.
use leptos::prelude::*;

use super::layout::StaffLayout;
use super::moderation::language_name;
use super::{done_notice, staff_form};
use crate::api::staff::helplines::load_helplines;
use crate::components::error_message::failed_page;
use crate::i18n::use_i18n;
use crate::model::programme_admin::{HelplineAdmin, HelplinesData, COUNTRIES};

#[component]
pub fn HelplinesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <StaffLayout>
            <p class="crumbs"><a href=format!("/{}/staff/programmes", i18n.locale.tag())>{i18n.t("staff-programmes-title")}</a></p>
            <h1>{i18n.t("lines-title")}</h1>
            <p class="lead">{i18n.t("lines-intro")}</p>
            {done_notice()}
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    match load_helplines().await {
                        Ok(d) => view! { <Lines data=d/> }.into_any(),
                        Err(e) => failed_page(e),
                    }
                })}
            </Suspense>
        </StaffLayout>
    }
}

fn country_options(chosen: &str) -> impl IntoView {
    let i18n = use_i18n();
    COUNTRIES
        .iter()
        .chain(&["INT"])
        .map(|c| {
            let name = i18n.t(&format!("country-{}", c.to_ascii_lowercase()));
            view! { <option value=*c selected=chosen == *c>{name}</option> }
        })
        .collect_view()
}

/// The fields of one line; after a refused post, what was typed for that line.
fn line_fields(h: &HelplineAdmin, prefix: &str) -> impl IntoView {
    let i18n = use_i18n();
    let form = staff_form();
    let typed = form.error.is_some() && form.value("line").as_deref() == Some(&h.id.to_string());
    let v = |k: &str, stored: &str| if typed { form.value(k).unwrap_or_default() } else { stored.to_owned() };
    let id = |f: &str| format!("{prefix}-{f}");
    let names = h
        .names
        .iter()
        .filter(|(tag, _)| tag != "en")
        .map(|(tag, name)| {
            let key = format!("name_{tag}");
            view! {
                <div>
                    <label for=id(&key)><span lang=tag.clone()>{language_name(tag)}</span></label>
                    <input type="text" id=id(&key) name=key.clone() lang=tag.clone() maxlength="120" value=v(&key, name)/>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="row">
            <div>
                <label for=id("country")>{i18n.t("setup-country")}</label>
                <select id=id("country") name="country">{country_options(&v("country", &h.country))}</select>
            </div>
            <div>
                <label for=id("name")>{i18n.t("lines-name")}</label>
                <input type="text" id=id("name") name="name" required maxlength="120" value=v("name", &h.name)/>
            </div>
        </div>
        <div class="row">
            <div>
                <label for=id("phone")>{i18n.t("lines-phone")}</label>
                <input type="text" id=id("phone") name="phone" required maxlength="60" value=v("phone", &h.phone)/>
            </div>
            <div>
                <label for=id("url")>{i18n.t("lines-url")}</label>
                <input type="url" id=id("url") name="url" maxlength="300" value=v("url", &h.url)/>
            </div>
            <div>
                <label for=id("hours")>{i18n.t("lines-hours")}</label>
                <input type="text" id=id("hours") name="hours" maxlength="60" value=v("hours", &h.hours)/>
            </div>
        </div>
        {(!h.names.is_empty()).then(|| view! {
            <fieldset class="codes">
                <legend>{i18n.t("lines-names")}</legend>
                <div class="row">{names}</div>
            </fieldset>
        })}
    }
}

#[component]
fn Lines(data: HelplinesData) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let form = staff_form();
    let error = form.error.clone().map(failed_page);
    let rows = data
        .lines
        .iter()
        .map(|h| {
            let country = i18n.t(&format!("country-{}", h.country.to_ascii_lowercase()));
            let checked = match &h.verified_on {
                Some(day) => view! { <span class="verified">{i18n.t_args("lines-verified-on", &[("day", day.clone().into())])}</span> }.into_any(),
                None => view! { <span class="unverified">{i18n.t("lines-unverified")}</span> }.into_any(),
            };
            let line = h.id.to_string();
            let edit = data.can_edit.then(|| {
                let open = form.error.is_some() && form.value("line").as_deref() == Some(line.as_str());
                view! {
                    <details class="line-edit" open=open>
                        <summary>{i18n.t("lines-edit")}</summary>
                        <form method="post" action=format!("/{lang}/staff/helplines/save") class="stack">
                            <input type="hidden" name="line" value=line.clone()/>
                            <input type="hidden" name="was" value=h.phone.clone()/>
                            {line_fields(h, &format!("line-{}", h.id))}
                            <p><button type="submit">{i18n.t("lines-save")}</button></p>
                        </form>
                        <form method="post" action=format!("/{lang}/staff/helplines/remove") class="inline-row">
                            <input type="hidden" name="line" value=line.clone()/>
                            <input type="hidden" name="was" value=h.phone.clone()/>
                            <label class="check"><input type="checkbox" name="confirm" value="1" required/>" "{i18n.t("lines-remove-confirm")}</label>
                            <button type="submit" class="small link">{i18n.t("lines-remove")}</button>
                        </form>
                    </details>
                    <form method="post" action=format!("/{lang}/staff/helplines/verify") class="inline">
                        <input type="hidden" name="line" value=line.clone()/>
                        <input type="hidden" name="was" value=h.phone.clone()/>
                        {if h.verified_on.is_some() {
                            view! { <button type="submit" name="verified" value="0" class="small secondary">{i18n.t("lines-unverify")}</button> }.into_any()
                        } else {
                            view! { <button type="submit" name="verified" value="1" class="small">{i18n.t("lines-verify")}</button> }.into_any()
                        }}
                    </form>
                }
            });
            view! {
                <tr class:unchecked=h.verified_on.is_none()>
                    <td>{country}</td>
                    <th scope="row">{h.name.clone()}</th>
                    <td><code>{h.phone.clone()}</code></td>
                    <td>{checked}</td>
                    <td>{edit}</td>
                </tr>
            }
        })
        .collect_view();
    let blank = HelplineAdmin {
        id: 0,
        country: "KH".into(),
        name: String::new(),
        phone: String::new(),
        url: String::new(),
        hours: String::new(),
        verified_on: None,
        names: vec![],
    };
    let add = data.can_edit.then(|| {
        view! {
            <section class="setup-form" id="add-line">
                <h2>{i18n.t("lines-add")}</h2>
                <p class="hint">{i18n.t("lines-add-hint")}</p>
                <form method="post" action=format!("/{lang}/staff/helplines/add") class="stack">
                    <input type="hidden" name="line" value="0"/>
                    {line_fields(&blank, "new-line")}
                    <p><button type="submit">{i18n.t("lines-add-button")}</button></p>
                </form>
            </section>
        }
    });
    view! {
        {error}
        <div class="table-wrap" tabindex="0">
            <table class="data helplines-admin">
                <thead><tr>
                    <th scope="col">{i18n.t("setup-country")}</th>
                    <th scope="col">{i18n.t("lines-name")}</th>
                    <th scope="col">{i18n.t("lines-phone")}</th>
                    <th scope="col">{i18n.t("lines-checked")}</th>
                    <th scope="col"><span class="visually-hidden">{i18n.t("lines-edit")}</span></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {add}
    }
}
