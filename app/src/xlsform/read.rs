//! An XLSForm workbook read into the editor's questions. Each row that
//! cannot become a Siang question is skipped with a reason of its own;
//! the rest are imported. Nothing from the file is trusted: keys are
//! rebuilt, words pass the same checks as typed ones.
use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Range, Reader, Xlsx};

use super::{language_of, RowProblem, SCALE_LIST};
use crate::i18n::Locale;
use crate::model::questionnaire_admin::{problem, OptionEdit, QuestionEdit, AREAS, OPTIONS_MAX};
use crate::model::AppError;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    pub title: Option<String>,
    pub questions: Vec<QuestionEdit>,
    pub problems: Vec<RowProblem>,
}

/// Types that collect what Siang never records about a young person.
const METADATA: [&str; 10] = [
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "audit",
];

/// Columns that change how a question is asked, which Siang does not
/// follow: every question is shown (no skip logic) and every question may
/// be skipped (answering is voluntary). The question is imported without
/// them and the row says so, so nobody believes a condition was kept.
const IGNORED: [&str; 9] = [
    "relevant",
    "required",
    "calculation",
    "choice_filter",
    "default",
    "read_only",
    "repeat_count",
    "trigger",
    "hint",
];

/// A sheet as rows of (column name → text), with each row's 1-based number.
fn table(range: &Range<Data>) -> Vec<(usize, BTreeMap<String, String>)> {
    let mut rows = range.rows();
    let head: Vec<String> = match rows.next() {
        Some(h) => h.iter().map(|c| c.to_string().trim().to_owned()).collect(),
        None => return vec![],
    };
    rows.enumerate()
        .map(|(i, cells)| {
            let map = head
                .iter()
                .zip(cells)
                .filter(|(h, _)| !h.is_empty())
                .map(|(h, c)| (h.clone(), c.to_string().trim().to_owned()))
                .filter(|(_, v)| !v.is_empty())
                .collect();
            (i + 2, map)
        })
        .filter(|(_, m): &(usize, BTreeMap<String, String>)| !m.is_empty())
        .collect()
}

/// Column lookup by XLSForm's case-insensitive names (also `label:English`).
fn get<'a>(row: &'a BTreeMap<String, String>, name: &str) -> Option<&'a str> {
    row.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

fn labels(row: &BTreeMap<String, String>) -> Vec<(String, String)> {
    Locale::ALL
        .iter()
        .map(|l| {
            let text = row
                .iter()
                .find(|(k, _)| {
                    let k = k.replace("::", ":").replacen("label:", "label::", 1);
                    language_of(&k) == Some(*l) || (k.eq_ignore_ascii_case("label") && *l == Locale::En)
                })
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            (l.tag().to_owned(), text)
        })
        .collect()
}

/// A `name` as a Siang key: lower case, `_` for anything else.
fn key_of(name: &str) -> String {
    let mut k: String = name
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '_' })
        .collect();
    if !k.starts_with(|c: char| c.is_ascii_lowercase()) {
        k = format!("q_{k}");
    }
    k.truncate(40);
    k
}

/// The one constraint Siang follows: a free-text length limit.
fn limit_in(constraint: Option<&str>) -> Option<i64> {
    let c = constraint.unwrap_or_default().replace(' ', "");
    c.strip_prefix("string-length(.)<=")
        .and_then(|n| n.parse::<i64>().ok())
        .or_else(|| c.strip_prefix("string-length(.)<").and_then(|n| n.parse::<i64>().ok()).map(|n| n - 1))
}

fn text_limit(constraint: Option<&str>) -> i64 {
    limit_in(constraint).unwrap_or(DEFAULT_LIMIT)
}

/// `hint`, `hint::Khmer (km)` and `required_message` are all that column.
fn column_is(name: &str, column: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.strip_prefix(column)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(':') || rest == "_message")
}

/// A free-text question's limit when the workbook sets none Siang reads.
const DEFAULT_LIMIT: i64 = 500;

pub fn workbook(bytes: &[u8]) -> Result<Imported, AppError> {
    let mut wb: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| AppError::XlsformUnreadable)?;
    let survey = wb.worksheet_range("survey").map_err(|_| AppError::XlsformUnreadable)?;
    let choices = wb.worksheet_range("choices").ok().map(|r| table(&r)).unwrap_or_default();
    let title = wb
        .worksheet_range("settings")
        .ok()
        .and_then(|r| table(&r).into_iter().next())
        .and_then(|(_, row)| get(&row, "form_title").map(str::to_owned));
    let mut lists: BTreeMap<String, Vec<OptionEdit>> = BTreeMap::new();
    for (_, row) in &choices {
        let (Some(list), Some(name)) = (get(row, "list_name").or(get(row, "list name")), get(row, "name"))
        else {
            continue;
        };
        lists.entry(list.to_owned()).or_default().push(OptionEdit { key: key_of(name), labels: labels(row) });
    }
    let mut out = Imported { title, ..Default::default() };
    let mut area = "overall".to_owned();
    let skip = |out: &mut Imported, row: usize, key: &str, detail: &str| {
        out.problems.push(RowProblem { sheet: "survey".into(), row, key: key.into(), detail: detail.into() });
    };
    for (n, row) in table(&survey) {
        // "select_one list", "select one list", "begin_group", "begin group"…
        let raw = get(&row, "type").unwrap_or_default();
        let mut words = raw.split_whitespace();
        let first = words.next().unwrap_or_default().to_ascii_lowercase();
        let (head, list) = match first.as_str() {
            "begin" | "end" | "select" => match words.next() {
                Some(second) => {
                    (format!("{first}_{}", second.to_ascii_lowercase()), words.next().unwrap_or_default())
                }
                None => (first.clone(), ""),
            },
            _ => (first.clone(), words.next().unwrap_or_default()),
        };
        let name = get(&row, "name").unwrap_or_default();
        match head.as_str() {
            "begin_group" => {
                let key = key_of(name);
                if AREAS.contains(&key.as_str()) {
                    area = key;
                } else {
                    // Siang's screens are fixed; the questions go on "overall".
                    area = "overall".into();
                    skip(&mut out, n, "xlsform-group-unknown", name);
                }
                continue;
            }
            "end_group" | "" => continue,
            _ => {}
        }
        if METADATA.contains(&head.as_str()) {
            skip(&mut out, n, "xlsform-metadata", &head);
            continue;
        }
        let siang_kind = match head.as_str() {
            "select_one" => "single",
            "select_multiple" => "multi",
            "text" => "text",
            _ => {
                skip(&mut out, n, "xlsform-unsupported", raw);
                continue;
            }
        };
        let mut options = Vec::new();
        let mut siang_kind = siang_kind;
        if siang_kind != "text" {
            let Some(found) = lists.get(list).filter(|l| !l.is_empty()) else {
                skip(&mut out, n, "xlsform-list-missing", list);
                continue;
            };
            let likert = get(&row, "appearance").is_some_and(|a| a.contains("likert"));
            let one_to_five = found.iter().map(|o| o.key.as_str()).eq(["q_1", "q_2", "q_3", "q_4", "q_5"]);
            if siang_kind == "single" && (list == SCALE_LIST || (likert && one_to_five)) {
                siang_kind = "scale";
            } else if found.len() > OPTIONS_MAX {
                skip(&mut out, n, "xlsform-too-many-choices", list);
                continue;
            } else {
                options = found.clone();
            }
        }
        let key = key_of(name);
        if out.questions.iter().any(|q| q.key == key) {
            skip(&mut out, n, "xlsform-duplicate", name);
            continue;
        }
        let q = QuestionEdit {
            key,
            area: area.clone(),
            kind: siang_kind.to_owned(),
            max_chars: if siang_kind == "text" { text_limit(get(&row, "constraint")) } else { 0 },
            restricted: get(&row, "siang_safeguarding")
                .is_some_and(|v| matches!(v.to_ascii_lowercase().as_str(), "yes" | "true" | "1")),
            continues: false,
            texts: labels(&row).into_iter().map(|(l, t)| (l, t, false)).collect(),
            options,
        };
        if problem(&q).is_some() {
            skip(&mut out, n, "xlsform-invalid", name);
            continue;
        }
        let mut ignored: Vec<&str> =
            IGNORED.iter().filter(|c| row.keys().any(|k| column_is(k, c))).copied().collect();
        let constraint = get(&row, "constraint");
        if constraint.is_some() && (siang_kind != "text" || limit_in(constraint).is_none()) {
            ignored.push("constraint");
        }
        if !ignored.is_empty() {
            skip(&mut out, n, "xlsform-ignored", &ignored.join(", "));
        }
        out.questions.push(q);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_is_known_in_its_language_and_message_forms_only() {
        for name in ["hint", "HINT", "hint::Khmer (km)", "hint:English", "required_message"] {
            let column = if name.starts_with('r') { "required" } else { "hint" };
            assert!(column_is(name, column), "{name}");
        }
        for name in ["hints", "label", "relevant_x", "requiredness"] {
            assert!(
                !column_is(name, "hint") && !column_is(name, "required") && !column_is(name, "relevant"),
                "{name}"
            );
        }
    }

    #[test]
    fn only_a_length_limit_is_a_constraint_siang_reads() {
        assert_eq!(limit_in(Some("string-length(.) <= 300")), Some(300));
        assert_eq!(limit_in(Some("string-length(.)<301")), Some(300));
        assert_eq!(limit_in(Some(". > 3")), None);
        assert_eq!(text_limit(None), DEFAULT_LIMIT);
    }
}
