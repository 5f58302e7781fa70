//! A list of helplines, each a tap away.
use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::model::programme::HelplineCard;

#[component]
pub fn HelplineList(lines: Vec<HelplineCard>) -> impl IntoView {
    let i18n = use_i18n();
    let items = lines
        .into_iter()
        .map(|h| {
            let country = i18n.t(&format!("country-{}", h.country.to_ascii_lowercase()));
            // A website when the line has one, otherwise the number to call.
            let href = h.url.clone().unwrap_or_else(|| format!("tel:{}", h.phone.replace(' ', "")));
            view! {
                <li class="helpline">
                    <span class="country">{country}</span>
                    <strong lang=h.lang.clone()>{h.name}</strong>
                    <a class="phone" href=href>{h.phone}</a>
                    {h.hours.map(|hours| view! { <span class="hours" lang=h.lang.clone()>{hours}</span> })}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="helplines">{items}</ul> }
}
