//! A questionnaire version as an XLSForm workbook: one `begin group` per
//! screen, the face scale as a `likert` list of five, a `label::` column per
//! shipped language, and the safeguarding question marked in its own column.
//! Every cell is written as a string, so no text can become a formula.
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::{label_column, SCALE_LIST};
use crate::i18n::{Locale, CATALOG};
use crate::model::questionnaire_admin::QuestionEdit;

fn texts(key: &str) -> Vec<String> {
    Locale::ALL.iter().map(|l| CATALOG.format(*l, key, None).unwrap_or_default()).collect()
}

fn row(ws: &mut Worksheet, r: u32, cells: &[String], bold: Option<&Format>) -> Result<(), XlsxError> {
    for (c, text) in cells.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        match bold {
            Some(f) => ws.write_string_with_format(r, c, text, f)?,
            None => ws.write_string(r, c, text)?,
        };
    }
    Ok(())
}

fn list_of(q: &QuestionEdit) -> String {
    if q.kind == "scale" {
        SCALE_LIST.to_owned()
    } else {
        q.key.clone()
    }
}

/// The workbook's bytes.
pub fn workbook(title: &str, version: i64, questions: &[QuestionEdit]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let labels: Vec<String> = Locale::ALL.iter().map(|l| label_column(*l)).collect();

    let survey = wb.add_worksheet();
    survey.set_name("survey")?;
    let head: Vec<String> = ["type", "name"]
        .iter()
        .map(|s| (*s).to_owned())
        .chain(labels.iter().cloned())
        .chain(["constraint", "appearance", "siang_safeguarding"].iter().map(|s| (*s).to_owned()))
        .collect();
    row(survey, 0, &head, Some(&bold))?;
    let mut r = 1;
    let mut area: Option<&str> = None;
    for q in questions {
        if area != Some(q.area.as_str()) {
            if area.is_some() {
                row(survey, r, &["end group".to_owned()], None)?;
                r += 1;
            }
            let mut cells = vec!["begin group".to_owned(), q.area.clone()];
            cells.extend(texts(&format!("area-{}", q.area)));
            row(survey, r, &cells, None)?;
            r += 1;
            area = Some(&q.area);
        }
        let kind = match q.kind.as_str() {
            "scale" | "single" => format!("select_one {}", list_of(q)),
            "multi" => format!("select_multiple {}", list_of(q)),
            _ => "text".to_owned(),
        };
        let mut cells = vec![kind, q.key.clone()];
        cells.extend(Locale::ALL.iter().map(|l| q.prompt(l.tag()).to_owned()));
        cells.push(if q.kind == "text" {
            format!("string-length(.) <= {}", q.max_chars)
        } else {
            String::new()
        });
        cells.push(if q.kind == "scale" { "likert".to_owned() } else { String::new() });
        cells.push(if q.restricted { "yes".to_owned() } else { String::new() });
        row(survey, r, &cells, None)?;
        r += 1;
    }
    if area.is_some() {
        row(survey, r, &["end group".to_owned()], None)?;
    }

    let choices = wb.add_worksheet();
    choices.set_name("choices")?;
    let head: Vec<String> =
        ["list_name", "name"].iter().map(|s| (*s).to_owned()).chain(labels.iter().cloned()).collect();
    row(choices, 0, &head, Some(&bold))?;
    let mut r = 1;
    if questions.iter().any(|q| q.kind == "scale") {
        for n in 1..=5 {
            let mut cells = vec![SCALE_LIST.to_owned(), n.to_string()];
            cells.extend(texts(&format!("scale-{n}")));
            row(choices, r, &cells, None)?;
            r += 1;
        }
    }
    for q in questions.iter().filter(|q| matches!(q.kind.as_str(), "single" | "multi")) {
        for o in &q.options {
            let mut cells = vec![q.key.clone(), o.key.clone()];
            cells.extend(Locale::ALL.iter().map(|l| {
                o.labels.iter().find(|(t, _)| t == l.tag()).map(|(_, v)| v.clone()).unwrap_or_default()
            }));
            row(choices, r, &cells, None)?;
            r += 1;
        }
    }

    let settings = wb.add_worksheet();
    settings.set_name("settings")?;
    let head = ["form_title", "form_id", "version", "default_language"].map(str::to_owned);
    row(settings, 0, &head, Some(&bold))?;
    let id: String =
        title.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    row(
        settings,
        1,
        &[
            title.to_owned(),
            if id.is_empty() { "siang".into() } else { id },
            version.to_string(),
            label_column(Locale::En)[7..].to_owned(),
        ],
        None,
    )?;
    wb.save_to_buffer()
}
