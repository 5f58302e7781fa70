//! XLSForm over HTTP (issue 11): a workbook written the way KoBoToolbox
//! users write them in a spreadsheet program (several `label::` languages,
//! choice lists, numbers typed as numbers, groups, device metadata, a GPS
//! question and a note) is imported as a draft with each unsupported row
//! named; exported again it reads back as the same questions; words that
//! look like formulas stay words; a file that is not a workbook is refused.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::model::staff::Role;
use rust_xlsxwriter::Workbook;

use crate::common::TestServer;

fn kobo_workbook() -> Vec<u8> {
    let mut wb = Workbook::new();
    let survey = wb.add_worksheet().set_name("survey").unwrap();
    let rows: &[&[&str]] = &[
        &[
            "type",
            "name",
            "label::English (en)",
            "label::Khmer (km)",
            "label::Thai (th)",
            "required",
            "constraint",
            "appearance",
            "hint::English (en)",
            "relevant",
        ],
        &["start", "start"],
        &["deviceid", "deviceid"],
        &["begin_group", "safety", "Safety"],
        &[
            "select_one yesno",
            "Q_Safe",
            "Do you feel safe?",
            "តើអ្នកមានអារម្មណ៍សុវត្ថិភាពទេ?",
            "คุณรู้สึกปลอดภัยไหม",
            "yes",
        ],
        &["select_one likert5", "sleep", "I sleep well.", "ខ្ញុំគេងលក់ស្រួល។", "ฉันนอนหลับสบาย", "", "", "likert"],
        &["geopoint", "where", "Where are you?"],
        &["end_group"],
        &["note", "thanks", "Thank you!"],
        &[
            "select_multiple needs",
            "needs",
            "=HYPERLINK(\"http://x\",\"What do you need?\")",
            "",
            "คุณต้องการอะไร",
            "",
            "",
            "",
            "",
            "${Q_Safe} = 'no'",
        ],
        &["text", "comments", "Anything else?", "មានអ្វីទៀតទេ?", "มีอะไรอีกไหม", "", "string-length(.) <= 300"],
        &["end", "end"],
    ];
    for (r, cells) in rows.iter().enumerate() {
        for (c, text) in cells.iter().enumerate() {
            survey.write_string(r as u32, c as u16, *text).unwrap();
        }
    }
    let choices = wb.add_worksheet().set_name("choices").unwrap();
    let head = ["list_name", "name", "label::English (en)", "label::Khmer (km)", "label::Thai (th)"];
    for (c, h) in head.iter().enumerate() {
        choices.write_string(0, c as u16, *h).unwrap();
    }
    let mut r = 1;
    for (list, name, en, km, th) in [
        ("yesno", "yes", "Yes", "បាទ/ចាស", "ใช่"),
        ("yesno", "no", "No", "ទេ", "ไม่ใช่"),
        ("needs", "food", "Food", "អាហារ", "อาหาร"),
        ("needs", "school", "School", "សាលា", "โรงเรียน"),
        ("needs", "work", "Work", "ការងារ", "งาน"),
    ] {
        for (c, v) in [list, name, en, km, th].iter().enumerate() {
            choices.write_string(r, c as u16, *v).unwrap();
        }
        r += 1;
    }
    // A spreadsheet stores 1–5 typed in a cell as numbers.
    for n in 1..=5 {
        choices.write_string(r, 0, "likert5").unwrap();
        choices.write_number(r, 1, f64::from(n)).unwrap();
        choices.write_string(r, 2, format!("Level {n}")).unwrap();
        r += 1;
    }
    let settings = wb.add_worksheet().set_name("settings").unwrap();
    settings.write_string(0, 0, "form_title").unwrap();
    settings.write_string(0, 1, "form_id").unwrap();
    settings.write_string(1, 0, "Shelter survey (KoBo)").unwrap();
    settings.write_string(1, 1, "shelter_2026").unwrap();
    wb.save_to_buffer().unwrap()
}

async fn upload(s: &TestServer, cookie: &str, bytes: &[u8]) -> crate::common::staff::Page {
    let boundary = "----siangtestboundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"owner\"\r\n\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"shelter.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let res = s
        .client
        .post(format!("{}/en/staff/questionnaires/import", s.base))
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .header("sec-fetch-site", "same-origin")
        .header("cookie", cookie)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    crate::common::staff::Page {
        status,
        location: None,
        set_cookie: None,
        html: res.text().await.unwrap(),
        headers,
    }
}

#[tokio::test]
async fn a_kobo_workbook_comes_in_as_a_draft_and_goes_out_the_same() {
    let s = crate::common::start().await;
    let admin = s.signed_in("root@x.org", Role::Admin, None, None).await;
    let cookie = admin.browser.cookie.clone().unwrap();
    let page = upload(&s, &cookie, &kobo_workbook()).await;
    assert_eq!(page.status, 200, "{}", page.html);
    let report = page.text_of("#import-report li");
    // Rows as a spreadsheet numbers them: 2 start, 3 deviceid, 5 "required" left
    // out, 7 geopoint, 9 note, 10 a condition left out, 12 end.
    let rows: Vec<&str> = report.iter().map(|l| l.split(':').next().unwrap()).collect();
    assert_eq!(
        rows,
        vec![
            "Sheet survey, row 2",
            "Sheet survey, row 3",
            "Sheet survey, row 5",
            "Sheet survey, row 7",
            "Sheet survey, row 9",
            "Sheet survey, row 10",
            "Sheet survey, row 12"
        ],
        "{report:?}"
    );
    assert!(report[3].contains("geopoint") && report[4].contains("note"), "{report:?}");
    assert!(report[2].contains("imported without the column required:"), "{report:?}");
    assert!(report[5].contains("imported without the column relevant:"), "{report:?}");
    for metadata in [0, 1, 6] {
        assert!(report[metadata].contains("device or the time"), "{report:?}");
    }
    let qn =
        s.db.all_questionnaires()
            .await
            .unwrap()
            .into_iter()
            .find(|q| q.name == "Shelter survey (KoBo)")
            .unwrap();
    let draft = s.db.start_draft(qn.id).await.unwrap();
    let v = s.db.version(draft).await.unwrap().unwrap();
    let shape: Vec<(&str, &str, &str, i64)> =
        v.questions.iter().map(|q| (q.key.as_str(), q.kind.as_str(), q.area.as_str(), q.max_chars)).collect();
    assert_eq!(
        shape,
        vec![
            ("q_safe", "single", "safety", 0),
            ("sleep", "scale", "safety", 0),
            ("needs", "multi", "safety", 0),
            ("comments", "text", "safety", 300),
        ]
    );
    let km =
        v.question_texts.iter().find(|t| t.question_id == v.questions[0].id && t.locale == "km").unwrap();
    assert_eq!(km.prompt, "តើអ្នកមានអារម្មណ៍សុវត្ថិភាពទេ?");
    let keys: Vec<&str> =
        v.options.iter().filter(|o| o.question_id == v.questions[2].id).map(|o| o.key.as_str()).collect();
    assert_eq!(keys, vec!["food", "school", "work"]);

    // Out as a workbook, and back: the same questions, nothing skipped.
    let mut admin = admin;
    let res = s
        .client
        .post(format!("{}/en/staff/questionnaires/export", s.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .header("cookie", &cookie)
        .body(format!("q={}", qn.id))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-type"], app::api::staff::questionnaire_xlsform::XLSX);
    let bytes = res.bytes().await.unwrap().to_vec();
    let back = app::xlsform::read::workbook(&bytes).unwrap();
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    assert_eq!(back.title.as_deref(), Some("Shelter survey (KoBo)"));
    let before = app::api::staff::questionnaire_load::edits_of(&v);
    let shape = |qs: &[app::model::questionnaire_admin::QuestionEdit]| {
        qs.iter()
            .map(|q| {
                let labels: Vec<Vec<String>> =
                    q.options.iter().map(|o| o.labels.iter().map(|l| l.1.clone()).collect()).collect();
                (
                    q.key.clone(),
                    q.kind.clone(),
                    q.area.clone(),
                    q.max_chars,
                    q.texts.iter().map(|t| t.1.clone()).collect::<Vec<_>>(),
                    labels,
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(shape(&back.questions), shape(&before));
    // A label that looks like a formula is a string cell, never a formula.
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let formulas = wb.worksheet_formula("survey").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no formulas in an exported workbook");
    let _ = admin.browser.get(&s, "/en/staff/questionnaires").await;

    // Not a workbook: refused, nothing created.
    let count = s.db.all_questionnaires().await.unwrap().len();
    let page = upload(&s, &cookie, b"PK\x03\x04 not really a zip").await;
    assert!(page.html.contains("E-XLSFORM-UNREADABLE"), "{}", page.html);
    assert_eq!(s.db.all_questionnaires().await.unwrap().len(), count);
}
