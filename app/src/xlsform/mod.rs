//! XLSForm (the `survey`/`choices`/`settings` workbook that KoBoToolbox and
//! ODK users write) to and from the editor's questions. The workbook itself
//! is read with `calamine` and written with `rust_xlsxwriter`; this module
//! only maps XLSForm's conventions onto Siang's questions:
//!
//! - `select_one L` / `select_multiple L` → one / several choices from list `L`;
//!   `text` → free text (limit from `string-length(.) <= N` in `constraint`);
//!   `select_one` with `appearance` `likert` on five choices 1–5 → a face scale.
//! - `begin group` named after one of Siang's screens puts the questions in it.
//! - `label::Khmer (km)` columns (or a known language name) → that language.
//! - `siang_safeguarding` = `yes` marks the safeguarding question.
//!
//! Anything else (notes, calculations, GPS, photos, repeats…) cannot be
//! asked on Siang's screens: each such row is skipped with its own error.
pub mod read;
pub mod write;

use crate::i18n::Locale;

/// The list name of the face scale in an exported workbook.
pub const SCALE_LIST: &str = "siang_scale";

/// The language tag of a `label::…` column: the code in brackets, or a
/// language's English name.
pub fn language_of(column: &str) -> Option<Locale> {
    let rest = column.strip_prefix("label")?;
    let rest = rest.strip_prefix("::").unwrap_or(rest).trim();
    if rest.is_empty() {
        return Some(Locale::En);
    }
    if let (Some(open), Some(close)) = (rest.rfind('('), rest.rfind(')')) {
        if let Some(l) = Locale::from_tag(rest[open + 1..close].trim()) {
            return Some(l);
        }
    }
    let name = rest.split('(').next().unwrap_or(rest).trim().to_ascii_lowercase();
    match name.as_str() {
        "english" => Some(Locale::En),
        "khmer" | "cambodian" => Some(Locale::Km),
        "lao" | "laotian" => Some(Locale::Lo),
        "burmese" | "myanmar" => Some(Locale::My),
        "thai" => Some(Locale::Th),
        "vietnamese" => Some(Locale::Vi),
        "chinese" | "chinese (simplified)" | "simplified chinese" => Some(Locale::ZhHans),
        _ => None,
    }
}

/// The column heading Siang writes for a language.
pub fn label_column(l: Locale) -> String {
    let name = match l {
        Locale::En => "English",
        Locale::Km => "Khmer",
        Locale::Lo => "Lao",
        Locale::My => "Burmese",
        Locale::Th => "Thai",
        Locale::Vi => "Vietnamese",
        Locale::ZhHans => "Chinese",
    };
    format!("label::{name} ({})", l.tag())
}

/// One row that could not be imported, and why (a Fluent key and what to show).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RowProblem {
    pub sheet: String,
    /// 1-based, as a spreadsheet program numbers rows.
    pub row: usize,
    pub key: String,
    pub detail: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_columns_name_their_language_as_spreadsheets_do() {
        for (column, want) in [
            ("label", Some(Locale::En)),
            ("label::English (en)", Some(Locale::En)),
            ("label::Khmer (km)", Some(Locale::Km)),
            ("label::ភាសាខ្មែរ (km)", Some(Locale::Km)),
            ("label::Burmese", Some(Locale::My)),
            ("label::Thai (th)", Some(Locale::Th)),
            ("label::Chinese (zh-Hans)", Some(Locale::ZhHans)),
            ("label::French (fr)", None),
            ("hint::English (en)", None),
        ] {
            assert_eq!(language_of(column), want, "{column}");
        }
        for l in Locale::ALL {
            assert_eq!(language_of(&label_column(l)), Some(l));
        }
    }
}
