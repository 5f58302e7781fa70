//! A month (`2027-03`) as people say it in the page's language ("March 2027").
use crate::i18n::{FluentValue, I18n};

pub fn month_name(i18n: &I18n, month: &str) -> String {
    let (year, m) = month.split_once('-').unwrap_or_default();
    match m.parse::<u32>() {
        // The year as text: a number would be grouped ("2,027") in some languages.
        Ok(m @ 1..=12) => i18n.t_args(&format!("month-{m}"), &[("year", FluentValue::from(year.to_owned()))]),
        _ => month.to_owned(),
    }
}
