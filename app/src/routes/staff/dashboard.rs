//! A programme's dashboard for a closed month: responses (and over the past
//! year), themes, and every question's answers against the month before —
//! each chart with its numbers in a table beside it. Plain links and a GET
//! form choose the programme and the month.
use leptos::prelude::*;

use super::charts::{cell_text, hidden_swatch, swatch, MonthColumns, ShareBars, Sparkline};
use super::layout::StaffLayout;
use super::{query, staff_form};
use crate::api::staff::dashboard::{load_dashboard, load_overview};
use crate::components::error_message::failed_page;
use crate::i18n::{use_i18n, FluentValue};
use crate::model::dashboard::{DashboardData, OverviewData, QuestionStats};
use crate::model::disclosure::Cell;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let (code, month, compare) = (query("p"), query("month"), query("compare").is_some());
    // A refused export comes back here: show the refusal, not a dashboard.
    let refused = staff_form().error;
    view! {
        <StaffLayout>
            <h1>{i18n.t("dash-title")}</h1>
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    if refused.is_none() && code.is_none() {
                        return match load_overview(month.as_deref()).await {
                            Ok(d) => view! { <Overview data=d/> }.into_any(),
                            Err(e) => failed_page(e),
                        };
                    }
                    let loaded = match refused.clone() {
                        Some(e) => Err(e),
                        None => load_dashboard(code.as_deref(), month.as_deref(), compare, i18n.locale).await,
                    };
                    match loaded {
                        Ok(d) => view! { <Dashboard data=d/> }.into_any(),
                        Err(e) => failed_page(e),
                    }
                })}
            </Suspense>
        </StaffLayout>
    }
}

#[component]
fn Dashboard(data: DashboardData) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let tabs = data
        .programmes
        .iter()
        .map(|(code, name)| {
            let current = *code == data.code;
            view! { <li><a href=format!("/{lang}/staff/dashboards?p={code}&month={}", data.month) aria-current=current.then_some("page")>{name.clone()}</a></li> }
        })
        .collect_view();
    let all = view! { <li><a href=format!("/{lang}/staff/dashboards?month={}", data.month)>{i18n.t("dash-overview")}</a></li> };
    let t = data.tracker;
    let tracker = i18n.t_args(
        "dash-tracker-counts",
        &[
            ("planned", FluentValue::from(t[0])),
            ("progress", FluentValue::from(t[1])),
            ("done", FluentValue::from(t[2])),
            ("not", FluentValue::from(t[3])),
            ("drafts", FluentValue::from(t[4])),
        ],
    );
    view! {
        <nav aria-label=i18n.t("pub-programmes")><ul class="tabs">{all}{tabs}</ul></nav>
        <MonthPicker data=data.clone() action=format!("/{lang}/staff/dashboards") code=Some(data.code.clone())/>
        {data.can_export.then(|| view! {
            <form method="post" action=format!("/{lang}/staff/dashboards/export") class="inline export">
                <input type="hidden" name="p" value=data.code.clone()/>
                <input type="hidden" name="month" value=data.month.clone()/>
                <button type="submit" class="small secondary">{i18n.t("dash-export")}</button>
            </form>
        })}
        <a class="button small secondary report-link" href=format!("/{lang}/staff/dashboards/report?p={}&month={}", data.code, data.month)>
            {i18n.t("report-link")}
        </a>
        <Figures data=data.clone()/>
        <Comparison data=data.clone()/>
        <h2>{i18n.t("dash-tracker")}</h2>
        <p class="tracker">{tracker}" "<a href=format!("/{lang}/staff/actions?p={}", data.code)>{i18n.t("dash-tracker-link")}</a></p>
        <p><a href=format!("/{lang}/staff/published?p={}", data.code)>{i18n.t("dash-published-link")}</a></p>
    }
}

/// The face questions against the organisation's other programmes (on request).
#[component]
fn Comparison(data: DashboardData) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let k = FluentValue::from(data.k);
    let Some(comparison) = data.comparison.clone() else {
        let href = format!("/{lang}/staff/dashboards?p={}&month={}&compare=1#compare", data.code, data.month);
        return view! { <p id="compare"><a href=href>{i18n.t("cmp-link")}</a></p> }.into_any();
    };
    if comparison.is_empty() {
        return view! { <h2 id="compare">{i18n.t("cmp-title")}</h2><p class="empty">{i18n.t("cmp-none")}</p> }.into_any();
    }
    let pct = |v: Option<i64>| v.map_or_else(|| i18n.t("dash-hidden"), |v| format!("{v}%"));
    let rows = comparison
        .iter()
        .map(|r| {
            let of = i18n.t_args(
                "cmp-counted",
                &[("n", FluentValue::from(r.counted)), ("of", FluentValue::from(r.of))],
            );
            view! {
                <tr>
                    <th scope="row">{r.question.clone()}</th>
                    <td class="num this">{pct(r.this)}</td>
                    <td class="num others">{pct(r.others)}</td>
                    <td class="hint">{of}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section id="compare">
            <h2>{i18n.t("cmp-title")}</h2>
            <p class="hint">{i18n.t_args("cmp-rules", &[("k", k)])}</p>
            <div class="table-wrap">
                <table class="data compare">
                    <thead><tr>
                        <th scope="col">{i18n.t("csv-question")}</th>
                        <th scope="col" class="num">{data.name.clone()}</th>
                        <th scope="col" class="num">{i18n.t("cmp-others")}</th>
                        <th scope="col">{i18n.t("cmp-counted-head")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

/// A GET form choosing the closed month, and the rules of what is hidden.
#[component]
pub fn MonthPicker(data: DashboardData, action: String, code: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let months = data
        .months
        .iter()
        .map(|m| view! { <option value=m.clone() selected=*m == data.month>{m.clone()}</option> })
        .collect_view();
    let open = i18n.t_args("dash-open-month", &[("month", FluentValue::from(data.open_month.clone()))]);
    view! {
        <form method="get" action=action class="filters">
            {code.map(|c| view! { <input type="hidden" name="p" value=c/> })}
            <div><label for="d-month">{i18n.t("dash-month")}</label>
                <select id="d-month" name="month">{months}</select></div>
            <div><button type="submit" class="small">{i18n.t("dash-show")}</button></div>
            <p class="hint">{open}</p>
        </form>
        <p class="hint rules">{i18n.t_args("dash-rules", &[("k", FluentValue::from(data.k))])}</p>
    }
}

/// A programme's figures for the month: responses, the year's trend,
/// themes and every question — the same on staff and public pages.
#[component]
pub fn Figures(data: DashboardData) -> impl IntoView {
    let i18n = use_i18n();
    let k = data.k;
    let kv = || [("k", FluentValue::from(k))];
    let versions = (data.versions.len() > 1).then(|| {
        let rows = data
            .versions
            .iter()
            .map(|v| view! { <tr><th scope="row">{v.version}</th><td class="num">{cell_text(v.this, k)}</td><td class="num">{cell_text(v.last, k)}</td></tr> })
            .collect_view();
        view! {
            <table class="data compact">
                <thead><tr><th scope="col">{i18n.t("dash-version")}</th><th scope="col" class="num">{data.month.clone()}</th><th scope="col" class="num">{data.previous.clone()}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    let trend_rows = data
        .trend
        .iter()
        .map(|(m, c)| view! { <tr><th scope="row">{m.clone()}</th><td class="num">{cell_text(*c, k)}</td></tr> })
        .collect_view();
    // The frequent themes in a table; the rest named in one line, in alphabetical order.
    let themes = data
        .themes
        .iter()
        .filter_map(|(label, c)| {
            c.count().map(|n| view! { <tr><th scope="row">{label.clone()}</th><td class="num">{n}</td></tr> })
        })
        .collect_view();
    let has_frequent = data.themes.iter().any(|(_, c)| c.count().is_some());
    let rare: Vec<String> =
        data.themes.iter().filter(|(_, c)| c.count().is_none()).map(|(l, _)| l.clone()).collect();
    let rare = (!rare.is_empty()).then(
        || view! { <p class="rare-themes">{i18n.t_args("dash-themes-few", &kv())}" "{rare.join(", ")}</p> },
    );
    let questions = data
        .questions
        .iter()
        .cloned()
        .map(|q| view! { <Question q=q month=data.month.clone() previous=data.previous.clone() k=k/> })
        .collect_view();
    view! {
        <h2>{data.name.clone()}" · "{data.month.clone()}</h2>
        <section class="dash-row">
            <dl class="facts-row big">
                <div><dt>{i18n.t("dash-responses")}" · "{data.month.clone()}</dt><dd class="this-month">{cell_text(data.this, k)}</dd></div>
                <div><dt>{data.previous.clone()}</dt><dd class="last-month">{cell_text(data.last, k)}</dd></div>
            </dl>
            {versions}
        </section>
        <section class="dash-row">
            <figure class="chart-box">
                <figcaption>{i18n.t("dash-trend")}</figcaption>
                <MonthColumns id="trend".into() title=i18n.t("dash-trend") months=data.trend.clone() k=k/>
            </figure>
            <table class="data compact trend">
                <thead><tr><th scope="col">{i18n.t("dash-month")}</th><th scope="col" class="num">{i18n.t("dash-responses")}</th></tr></thead>
                <tbody>{trend_rows}</tbody>
            </table>
        </section>
        <h2>{i18n.t("dash-themes")}</h2>
        {data.themes.is_empty().then(|| view! { <p class="empty">{i18n.t("dash-themes-none")}</p> })}
        {has_frequent.then(|| view! {
            <table class="data compact themes">
                <thead><tr><th scope="col">{i18n.t("code-facet-theme")}</th><th scope="col" class="num">{i18n.t("dash-coded")}</th></tr></thead>
                <tbody>{themes}</tbody>
            </table>
        })}
        {rare}
        <h2>{i18n.t("dash-questions")}</h2>
        {questions}
    }
}

#[component]
fn Question(q: QuestionStats, month: String, previous: String, k: i64) -> impl IntoView {
    let i18n = use_i18n();
    let (this_n, last_n) = (q.this_n, q.last_n);
    let labels: Vec<String> = q.rows.iter().map(|(_, l)| l.clone()).collect();
    let bars = vec![
        (month.clone(), q.this.clone().zip(this_n).map(|(c, n)| (n, c))),
        (previous.clone(), q.last.clone().zip(last_n).map(|(c, n)| (n, c))),
    ];
    let not_shown = i18n.t_args("dash-not-shown", &[("k", FluentValue::from(k))]);
    let column = |cells: &Option<Vec<Cell>>, i: usize| match cells {
        Some(c) => c.get(i).map_or_else(String::new, |c| cell_text(*c, k)),
        None => "—".to_owned(),
    };
    let rows = labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            view! {
                <tr>
                    <th scope="row">{swatch(i)}" "{label.clone()}</th>
                    <td class="num">{column(&q.this, i)}</td>
                    <td class="num">{column(&q.last, i)}</td>
                </tr>
            }
        })
        .collect_view();
    let missing =
        (q.this.is_none() || q.last.is_none()).then(|| view! { <p class="hint">"— "{not_shown.clone()}</p> });
    let options = (!q.options.is_empty()).then(|| {
        let rows = q
            .options
            .iter()
            .map(|(label, c)| view! { <tr><th scope="row">{label.clone()}</th><td class="num">{cell_text(*c, k)}</td></tr> })
            .collect_view();
        view! {
            <table class="data compact options">
                <caption>{i18n.t("dash-options")}" · "{month.clone()}</caption>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    let pooled = (q.versions.len() > 1).then(|| {
        let versions = q.versions.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
        view! { <p class="hint pooled">{i18n.t_args("dash-versions-pooled", &[("versions", FluentValue::from(versions))])}</p> }
    });
    view! {
        <section class="question" id=format!("q{}", q.id)>
            <h3>{q.prompt.clone()}</h3>
            {pooled}
            <div class="dash-row">
                <figure class="chart-box">
                    <ShareBars id=format!("c{}", q.id) title=q.prompt.clone() labels=labels.clone() bars=bars k=k/>
                    <figcaption class="legend"><span>{hidden_swatch()}" "{i18n.t("dash-hidden-part")}</span></figcaption>
                </figure>
                <div>
                    <table class="data compact answers-table">
                        <thead><tr>
                            <th scope="col">{i18n.t("dash-answer")}</th>
                            <th scope="col" class="num">{month.clone()}</th>
                            <th scope="col" class="num">{previous.clone()}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    {missing}
                    {options}
                </div>
            </div>
        </section>
    }
}

/// Every programme the reader may see, side by side, for one closed month.
#[component]
fn Overview(data: OverviewData) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.locale.tag();
    let k = data.k;
    let months = data
        .months
        .iter()
        .map(|m| view! { <option value=m.clone() selected=*m == data.month>{m.clone()}</option> })
        .collect_view();
    let open = i18n.t_args("dash-open-month", &[("month", FluentValue::from(data.open_month.clone()))]);
    let rows = data
        .rows
        .iter()
        .map(|r| {
            view! {
                <tr>
                    <th scope="row"><a href=format!("/{lang}/staff/dashboards?p={}&month={}", r.code, data.month)>{r.name.clone()}</a></th>
                    <td class="num this-month">{cell_text(r.this, k)}</td>
                    <td class="num">{cell_text(r.last, k)}</td>
                    <td><Sparkline id=format!("s-{}", r.code) title=format!("{} · {}", r.name, i18n.t("dash-trend")) months=r.trend.clone() k=k/></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <nav aria-label=i18n.t("pub-programmes")><ul class="tabs">
            <li><a href=format!("/{lang}/staff/dashboards?month={}", data.month) aria-current="page">{i18n.t("dash-overview")}</a></li>
        </ul></nav>
        <form method="get" action=format!("/{lang}/staff/dashboards") class="filters">
            <div><label for="d-month">{i18n.t("dash-month")}</label>
                <select id="d-month" name="month">{months}</select></div>
            <div><button type="submit" class="small">{i18n.t("dash-show")}</button></div>
            <p class="hint">{open}</p>
        </form>
        <p class="hint rules">{i18n.t_args("dash-rules", &[("k", FluentValue::from(k))])}</p>
        <h2>{i18n.t("dash-overview")}" · "{data.month.clone()}</h2>
        <div class="table-wrap">
            <table class="data overview">
                <thead><tr>
                    <th scope="col">{i18n.t("dash-programme")}</th>
                    <th scope="col" class="num">{data.month.clone()}</th>
                    <th scope="col" class="num">{data.previous.clone()}</th>
                    <th scope="col">{i18n.t("dash-trend")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
