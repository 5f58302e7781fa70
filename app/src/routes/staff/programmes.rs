//! Programmes and helplines as young people see them, and which of their
//! names and descriptions still lack a translation: a youth page shows the
//! English text where a language has none, and this page says so.
use leptos::prelude::*;

use super::done_notice;
use super::layout::StaffLayout;
use super::programme_new::SetupSection;
use crate::api::staff::catalogue::load_programmes;
use crate::api::staff::organisations::load_choices;
use crate::components::error_message::failed_page;
use crate::i18n::{use_i18n, Locale};

#[component]
pub fn ProgrammesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <StaffLayout>
            <h1>{i18n.t("staff-programmes-title")}</h1>
            <p class="lead">{i18n.t("staff-programmes-intro")}</p>
            {done_notice()}
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    match (load_programmes().await, load_choices().await) {
                        (Ok(d), Ok(choices)) => {
                            let heads = Locale::ALL
                                .iter()
                                .map(|l| view! { <th scope="col" lang=l.tag()>{l.tag()}</th> })
                                .collect_view();
                            let rows = d
                                .programmes
                                .into_iter()
                                .map(|p| {
                                    let cells = p
                                        .missing
                                        .into_iter()
                                        .map(|m| {
                                            let text = if m.is_empty() {
                                                i18n.t("staff-translated")
                                            } else {
                                                m.iter().map(|k| i18n.t(&format!("staff-missing-{k}"))).collect::<Vec<_>>().join(", ")
                                            };
                                            view! { <td class:missing=!m.is_empty()>{text}</td> }
                                        })
                                        .collect_view();
                                    let safety = format!("/{}/staff/programmes/safety?p={}", i18n.locale.tag(), p.code);
                                    let edit = format!("/{}/staff/programmes/edit?p={}", i18n.locale.tag(), p.code);
                                    view! {
                                        <tr>
                                            <th scope="row">{p.name}" " <code>{p.code}</code><br/>
                                                <a href=edit class="small">{i18n.t("setup-edit")}</a>" · "<a href=safety class="small">{i18n.t("safety-link")}</a>
                                            </th>
                                            <td>{p.country}</td>{cells}
                                        </tr>
                                    }
                                })
                                .collect_view();
                            let lines = d
                                .helplines
                                .into_iter()
                                .map(|h| {
                                    let cells = h
                                        .translated
                                        .into_iter()
                                        .map(|t| view! {
                                            <td class:missing=!t>{if t { i18n.t("staff-translated") } else { i18n.t("staff-missing-name") }}</td>
                                        })
                                        .collect_view();
                                    view! { <tr><th scope="row">{h.name}</th><td>{h.country}</td>{cells}</tr> }
                                })
                                .collect_view();
                            view! {
                                <div class="table-wrap" tabindex="0">
                                    <table class="data">
                                        <caption>{i18n.t("staff-programmes-caption")}</caption>
                                        <thead><tr><th scope="col">{i18n.t("staff-col-programme")}</th><th scope="col">{i18n.t("staff-col-country")}</th>{heads.clone()}</tr></thead>
                                        <tbody>{rows}</tbody>
                                    </table>
                                </div>
                                <div class="table-wrap" tabindex="0">
                                    <table class="data">
                                        <caption>{i18n.t("staff-helplines-caption")}</caption>
                                        <thead><tr><th scope="col">{i18n.t("staff-col-helpline")}</th><th scope="col">{i18n.t("staff-col-country")}</th>{heads}</tr></thead>
                                        <tbody>{lines}</tbody>
                                    </table>
                                </div>
                                <p><a href=format!("/{}/staff/helplines", i18n.locale.tag())>{i18n.t("lines-link")}</a></p>
                                <SetupSection choices=choices/>
                            }
                            .into_any()
                        }
                        (Err(e), _) | (_, Err(e)) => failed_page(e),
                    }
                })}
            </Suspense>
        </StaffLayout>
    }
}
