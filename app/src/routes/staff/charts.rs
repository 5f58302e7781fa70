//! Charts drawn on the server as SVG: a title and a description for screen
//! readers, every segment labelled or patterned (never colour alone), the
//! numbers in a table beside each chart. Hidden counts are never drawn to
//! size: only their sum, which the shown total and cells give away anyway,
//! as one hatched "hidden" segment.
use leptos::prelude::*;

use crate::i18n::{use_i18n, FluentValue};
use crate::model::disclosure::Cell;

/// Fills for up to eight answers, light to dark, each with a pattern too.
const FILLS: [(&str, &str); 8] = [
    ("#f3d9c4", ""),
    ("#e8b48a", "dots"),
    ("#cfd7cf", "rise"),
    ("#8fb3a3", ""),
    ("#3f7f6f", "dots"),
    ("#d9d9e8", "fall"),
    ("#b8b8cc", "dots"),
    ("#ececec", "rise"),
];

/// How a count reads in text and tables.
pub fn cell_text(c: Cell, k: i64) -> String {
    let i18n = use_i18n();
    match c {
        Cell::Count(n) => n.to_string(),
        Cell::Few => i18n.t_args("dash-few", &[("k", FluentValue::from(k))]),
        Cell::Hidden => i18n.t("dash-hidden"),
    }
}

/// The patterns every chart uses, under ids prefixed with `id`.
fn defs(id: &str) -> impl IntoView {
    view! {
        <defs>
            <pattern id=format!("{id}-dots") width="6" height="6" patternUnits="userSpaceOnUse">
                <circle cx="3" cy="3" r="1.2" fill="#1f2933" fill-opacity="0.45"/>
            </pattern>
            <pattern id=format!("{id}-rise") width="6" height="6" patternUnits="userSpaceOnUse">
                <path d="M0 6 L6 0" stroke="#1f2933" stroke-opacity="0.4"/>
            </pattern>
            <pattern id=format!("{id}-fall") width="6" height="6" patternUnits="userSpaceOnUse">
                <path d="M0 0 L6 6" stroke="#1f2933" stroke-opacity="0.4"/>
            </pattern>
            <pattern id=format!("{id}-hidden") width="8" height="8" patternUnits="userSpaceOnUse">
                <rect width="8" height="8" fill="#ffffff"/>
                <path d="M0 8 L8 0 M0 0 L8 8" stroke="#6b7280" stroke-opacity="0.7"/>
            </pattern>
        </defs>
    }
}

/// A small swatch for the legend beside a chart: the segment's fill and,
/// drawn directly (no pattern definitions repeated on every row), its mark.
pub fn swatch(index: usize) -> impl IntoView {
    let (fill, pattern) = FILLS[index % FILLS.len()];
    let mark = match pattern {
        "dots" => view! { <circle cx="7" cy="7" r="2" fill="#1f2933" fill-opacity="0.5"/> }.into_any(),
        "rise" => view! { <path d="M1 13 L13 1" stroke="#1f2933" stroke-opacity="0.5"/> }.into_any(),
        "fall" => view! { <path d="M1 1 L13 13" stroke="#1f2933" stroke-opacity="0.5"/> }.into_any(),
        _ => ().into_any(),
    };
    view! {
        <svg class="swatch" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
            <rect width="14" height="14" fill=fill stroke="#1f2933" stroke-width="0.5"/>
            {mark}
        </svg>
    }
}

pub fn hidden_swatch() -> impl IntoView {
    view! {
        <svg class="swatch" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
            <rect width="14" height="14" fill="#ffffff" stroke="#1f2933" stroke-width="0.5"/>
            <path d="M0 14 L14 0 M0 0 L14 14" stroke="#6b7280" stroke-opacity="0.7"/>
        </svg>
    }
}

/// One bar: its label, and (the total, the cells) when the month is shown.
pub type Bar = (String, Option<(i64, Vec<Cell>)>);

/// Stacked bars, one per month, each the whole of that month's responses.
/// `bars`: (label, total, cells in the order of `labels`).
#[component]
pub fn ShareBars(id: String, title: String, labels: Vec<String>, bars: Vec<Bar>, k: i64) -> impl IntoView {
    let i18n = use_i18n();
    let (width, row, left) = (640.0_f64, 34.0_f64, 110.0_f64);
    let inner = width - left - 10.0;
    let height = row * bars.len() as f64 + 8.0;
    let mut desc = Vec::new();
    let rows = bars
        .iter()
        .enumerate()
        .map(|(b, (label, data))| {
            let y = 4.0 + row * b as f64;
            let Some((total, cells)) = data else {
                desc.push(format!("{label}: {}", i18n.t_args("dash-not-shown", &[("k", FluentValue::from(k))])));
                return view! {
                    <g>
                        <text x="0" y=y + 19.0 class="axis">{label.clone()}</text>
                        <text x=left y=y + 19.0 class="muted">{i18n.t_args("dash-not-shown", &[("k", FluentValue::from(k))])}</text>
                    </g>
                }
                .into_any();
            };
            let total = (*total).max(1) as f64;
            let mut x = left;
            let mut segments = Vec::new();
            let mut hidden = total;
            for (i, c) in cells.iter().enumerate() {
                let Cell::Count(n) = c else { continue };
                hidden -= *n as f64;
                let w = inner * *n as f64 / total;
                let (fill, pattern) = FILLS[i % FILLS.len()];
                let name = labels.get(i).cloned().unwrap_or_default();
                let pct = (100.0 * *n as f64 / total).round();
                desc.push(format!("{label} · {name}: {n} ({pct}%)"));
                segments.push(view! {
                    <g>
                        <rect x=x y=y width=w height="26" fill=fill stroke="#ffffff"/>
                        {(!pattern.is_empty()).then(|| view! { <rect x=x y=y width=w height="26" fill=format!("url(#{id}-{pattern})")/> })}
                        {(w > 34.0).then(|| view! { <text x=x + 4.0 y=y + 17.0 class="seg">{format!("{pct}%")}</text> })}
                    </g>
                });
                x += w;
            }
            let hidden_view = (hidden > 0.0).then(|| {
                let w = inner * hidden / total;
                desc.push(format!("{label} · {}", i18n.t("dash-hidden-part")));
                view! { <rect x=x y=y width=w height="26" fill=format!("url(#{id}-hidden)") stroke="#6b7280"/> }
            });
            view! {
                <g>
                    <text x="0" y=y + 17.0 class="axis">{label.clone()}</text>
                    {segments}
                    {hidden_view}
                </g>
            }
            .into_any()
        })
        .collect_view();
    let (tid, did) = (format!("{id}-t"), format!("{id}-d"));
    let labelled = format!("{tid} {did}");
    view! {
        <svg class="chart" viewBox=format!("0 0 {width} {height}") role="img" aria-labelledby=labelled>
            <title id=tid>{title}</title>
            <desc id=did>{desc.join("; ")}</desc>
            {defs(&id)}
            {rows}
        </svg>
    }
}

/// Columns over months; a month under k is an outline marked "fewer than k".
#[component]
pub fn MonthColumns(id: String, title: String, months: Vec<(String, Cell)>, k: i64) -> impl IntoView {
    let (width, height, base) = (640.0_f64, 200.0_f64, 170.0_f64);
    let top = months.iter().filter_map(|(_, c)| c.count()).max().unwrap_or(k).max(k) as f64;
    let step = width / months.len().max(1) as f64;
    let mut desc = Vec::new();
    let columns = months
        .iter()
        .enumerate()
        .map(|(i, (m, c))| {
            let x = i as f64 * step + 4.0;
            let w = step - 8.0;
            let short = m.get(5..).unwrap_or(m).to_owned();
            desc.push(format!("{m}: {}", cell_text(*c, k)));
            let bar = match c {
                Cell::Count(n) => {
                    let h = (base - 24.0) * *n as f64 / top;
                    view! {
                        <rect x=x y=base - h width=w height=h fill="#3f7f6f"/>
                        <text x=x + w / 2.0 y=base - h - 4.0 class="val" text-anchor="middle">{n.to_string()}</text>
                    }
                    .into_any()
                }
                _ => {
                    let h = (base - 24.0) * k as f64 / top;
                    view! {
                        <rect x=x y=base - h width=w height=h fill=format!("url(#{id}-hidden)") stroke="#6b7280" stroke-dasharray="3 2"/>
                        <text x=x + w / 2.0 y=base - h - 4.0 class="val" text-anchor="middle">{format!("<{k}")}</text>
                    }
                    .into_any()
                }
            };
            view! {
                <g>
                    {bar}
                    <text x=x + w / 2.0 y=base + 18.0 class="axis" text-anchor="middle">{short}</text>
                </g>
            }
        })
        .collect_view();
    let (tid, did) = (format!("{id}-t"), format!("{id}-d"));
    let labelled = format!("{tid} {did}");
    view! {
        <svg class="chart" viewBox=format!("0 0 {width} {height}") role="img" aria-labelledby=labelled>
            <title id=tid>{title}</title>
            <desc id=did>{desc.join("; ")}</desc>
            {defs(&id)}
            <line x1="0" y1=base x2=width y2=base stroke="#6b7280"/>
            {columns}
        </svg>
    }
}

/// A row-sized column chart of months (the overview): the same figures as
/// the programme's own chart; a month under k is a dashed outline.
#[component]
pub fn Sparkline(id: String, title: String, months: Vec<(String, Cell)>, k: i64) -> impl IntoView {
    let (width, height) = (180.0_f64, 36.0_f64);
    let top = months.iter().filter_map(|(_, c)| c.count()).max().unwrap_or(k).max(k) as f64;
    let step = width / months.len().max(1) as f64;
    let desc: Vec<String> = months.iter().map(|(m, c)| format!("{m}: {}", cell_text(*c, k))).collect();
    let bars = months
        .iter()
        .enumerate()
        .map(|(i, (_, c))| {
            let x = i as f64 * step + 1.0;
            match c {
                Cell::Count(n) => {
                    let h = (height - 4.0) * *n as f64 / top;
                    view! { <rect x=x y=height - h width=step - 2.0 height=h fill="#3f7f6f"/> }.into_any()
                }
                _ => {
                    let h = (height - 4.0) * k as f64 / top;
                    view! { <rect x=x y=height - h width=step - 2.0 height=h fill="none" stroke="#6b7280" stroke-dasharray="2 2"/> }
                        .into_any()
                }
            }
        })
        .collect_view();
    let (tid, did) = (format!("{id}-t"), format!("{id}-d"));
    let labelled = format!("{tid} {did}");
    view! {
        <svg class="spark" width="180" height="36" viewBox=format!("0 0 {width} {height}") role="img" aria-labelledby=labelled>
            <title id=tid>{title}</title>
            <desc id=did>{desc.join("; ")}</desc>
            {bars}
        </svg>
    }
}
