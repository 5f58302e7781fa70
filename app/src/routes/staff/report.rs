//! The printable report of a programme's month (`dashboards/report`):
//! the dashboard's figures, the month's published summaries and the
//! actions, on A4 with the print stylesheet (navigation and forms drop out).
use leptos::prelude::*;

use super::dashboard::Figures;
use super::layout::StaffLayout;
use super::query;
use crate::api::staff::report::load_report;
use crate::components::error_message::ErrorMessage;
use crate::components::heard::HeardSection;
use crate::i18n::{use_i18n, FluentValue};
use crate::model::report::ReportData;

#[component]
pub fn ReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let (code, month) = (query("p"), query("month"));
    view! {
        <StaffLayout>
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    match load_report(code.as_deref(), month.as_deref(), i18n.locale).await {
                        Ok(d) => view! { <Report data=d/> }.into_any(),
                        Err(e) => {
                            crate::routes::set_status(e.status());
                            view! { <h1>{i18n.t("report-title")}</h1><ErrorMessage error=e/> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </StaffLayout>
    }
}

#[component]
fn Report(data: ReportData) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let f = &data.figures;
    let back = format!("/{lang}/staff/dashboards?p={}&month={}", f.code, f.month);
    let printed = i18n.t_args("report-printed", &[("date", FluentValue::from(data.printed_on.clone()))]);
    let summaries = data
        .summaries
        .iter()
        .map(|s| {
            view! {
                <article class="summary">
                    <h3>{s.period.clone()}" "<small>{i18n.t("sum-published-on")}" "{s.published_on.clone()}</small></h3>
                    <div class="words">{s.text.clone()}</div>
                </article>
            }
        })
        .collect_view();
    let mut heard = data.heard.clone();
    // The month's own summaries are below; the latest one would repeat or confuse.
    heard.summary = None;
    view! {
        <div class="report">
            <p class="crumbs no-print"><a href=back>{i18n.t("report-back")}</a>" · "{i18n.t("report-print-hint")}</p>
            <h1>{i18n.t("report-title")}": "{f.name.clone()}" · "{f.month.clone()}</h1>
            <p class="hint">{printed}" · "{i18n.t_args("dash-rules", &[("k", FluentValue::from(f.k))])}</p>
            <Figures data=data.figures.clone()/>
            <h2>{i18n.t("sum-title")}</h2>
            {data.summaries.is_empty().then(|| view! { <p class="empty">{i18n.t("pub-no-summaries")}</p> })}
            {summaries}
            <HeardSection heard=heard/>
        </div>
    }
}
