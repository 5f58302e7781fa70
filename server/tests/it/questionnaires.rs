//! The questionnaire editor over HTTP (issue 11): a questionnaire started
//! from the default bank, questions edited in two languages, added, moved
//! and removed; refused input changes nothing; a version that needs the
//! youth advisory group cannot go live without it; a new version copies
//! the live one, and words changed without "same meaning" make a new
//! question; answers keep their version; other roles are refused.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::model::staff::Role;
use siang_storage::*;

use crate::common::TestServer;
use crate::moderation::audit_of;

/// The form a browser posts for question `key` of the page, with `changes`.
fn question_fields(
    page: &crate::common::staff::Page,
    key: &str,
    changes: &[(&str, &str)],
) -> Vec<(String, String)> {
    let doc = page.doc();
    let form = scraper::Selector::parse(&format!("details#q-{key} form.stack")).unwrap();
    let form = doc.select(&form).next().unwrap_or_else(|| panic!("no form for {key}"));
    let mut fields = Vec::new();
    let inputs = scraper::Selector::parse("input, select").unwrap();
    for e in form.select(&inputs) {
        let v = e.value();
        let Some(name) = v.attr("name") else { continue };
        if v.name() == "select" {
            let opt = scraper::Selector::parse("option[selected]").unwrap();
            let chosen = e.select(&opt).next().and_then(|o| o.value().attr("value")).unwrap_or_default();
            fields.push((name.to_owned(), chosen.to_owned()));
        } else if v.attr("type") == Some("checkbox") {
            if v.attr("checked").is_some() {
                fields.push((name.to_owned(), v.attr("value").unwrap_or("on").to_owned()));
            }
        } else {
            fields.push((name.to_owned(), v.attr("value").unwrap_or_default().to_owned()));
        }
    }
    for (k, v) in changes {
        fields.retain(|(n, _)| n != k);
        if !v.is_empty() || !k.starts_with("r_") && *k != "same" {
            fields.push(((*k).to_owned(), (*v).to_owned()));
        }
    }
    fields
}

async fn post(
    who: &mut crate::common::staff::Account,
    s: &TestServer,
    path: &str,
    fields: &[(String, String)],
) -> crate::common::staff::Page {
    let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    who.browser.post(s, path, &f).await
}

async fn live(s: &TestServer, q: i64) -> QuestionnaireVersion {
    s.db.current_version(q).await.unwrap().unwrap()
}

#[tokio::test]
async fn an_administrator_edits_signs_off_and_publishes_a_questionnaire() {
    let s = crate::common::start().await;
    let mut admin = s.signed_in("root@x.org", Role::Admin, None, None).await;
    let r = admin
        .browser
        .post(&s, "/en/staff/questionnaires/create", &[("owner", ""), ("name", "Shelter check-in")])
        .await;
    let to = r.location.clone().unwrap_or_else(|| panic!("{:?}", r.error_codes()));
    let q: i64 = to.split("q=").nth(1).unwrap().split('&').next().unwrap().parse().unwrap();
    let page = admin.browser.get(&s, &format!("/en/staff/questionnaires/edit?q={q}")).await;
    assert_eq!(page.status, 200);
    let bank = s.db.questionnaire_id(None, "default").await.unwrap().unwrap();
    let bank_len = live(&s, bank).await.questions.len();
    assert_eq!(page.text_of("details.question-edit").len(), bank_len, "the draft starts as the whole bank");
    assert!(s.db.current_version(q).await.unwrap().is_none(), "nothing is live before publishing");

    // Words in English and Thai; Thai checked by a person.
    let key = page.text_of("details.question-edit").len(); // every bank question has an editor
    assert!(key > 3);
    let first = live(&s, bank).await.questions[0].key.clone();
    let fields = question_fields(
        &page,
        &first,
        &[("p_en", "Do you feel safe where you sleep?"), ("p_th", "คุณรู้สึกปลอดภัยในที่ที่คุณนอนไหม"), ("r_th", "1")],
    );
    let r = post(
        &mut admin,
        &s,
        "/en/staff/questionnaires/question/save",
        &[vec![("q".into(), q.to_string())], fields].concat(),
    )
    .await;
    assert!(
        r.location.as_deref().is_some_and(|l| l.contains("done=question-saved")),
        "{:?}",
        r.error_codes()
    );
    let draft = s.db.versions_of(q).await.unwrap()[0].id;
    let v = s.db.version(draft).await.unwrap().unwrap();
    let qid = v.questions.iter().find(|x| x.key == first).unwrap().id;
    let th = v.question_texts.iter().find(|t| t.question_id == qid && t.locale == "th").unwrap();
    assert_eq!((th.prompt.as_str(), th.reviewed), ("คุณรู้สึกปลอดภัยในที่ที่คุณนอนไหม", true));

    // Refused: no English words; one choice only. Nothing changes.
    let before = s.db.version(draft).await.unwrap().unwrap();
    let page = admin.browser.get(&s, &format!("/en/staff/questionnaires/edit?q={q}")).await;
    let no_words = question_fields(&page, &first, &[("p_en", "")]);
    let r = post(
        &mut admin,
        &s,
        "/en/staff/questionnaires/question/save",
        &[vec![("q".into(), q.to_string())], no_words].concat(),
    )
    .await;
    assert_eq!(r.error_codes(), vec!["E-QUESTION-INVALID"]);
    let r = admin
        .browser
        .post(
            &s,
            "/en/staff/questionnaires/question/add",
            &[("q", &q.to_string()), ("prompt", "Which meal is best?"), ("area", "home"), ("kind", "single")],
        )
        .await;
    assert!(r.location.is_some(), "{:?}", r.error_codes());
    let page = admin.browser.get(&s, &format!("/en/staff/questionnaires/edit?q={q}")).await;
    let one_choice = question_fields(&page, "q1", &[("o1_key", ""), ("o1_en", "")]);
    let r = post(
        &mut admin,
        &s,
        "/en/staff/questionnaires/question/save",
        &[vec![("q".into(), q.to_string())], one_choice].concat(),
    )
    .await;
    assert_eq!(r.error_codes(), vec!["E-QUESTION-INVALID"]);
    let after = s.db.version(draft).await.unwrap().unwrap();
    assert_eq!(
        after.questions.len(),
        before.questions.len() + 1,
        "only the added question changed the draft"
    );
    // Choices renamed and a third added (its key made from the English words).
    let three =
        question_fields(&page, "q1", &[("o0_en", "Breakfast"), ("o1_en", "Dinner"), ("o2_en", "Late snack")]);
    let r = post(
        &mut admin,
        &s,
        "/en/staff/questionnaires/question/save",
        &[vec![("q".into(), q.to_string())], three].concat(),
    )
    .await;
    assert!(r.location.is_some(), "{:?}", r.error_codes());
    let v = s.db.version(draft).await.unwrap().unwrap();
    let q1 = v.questions.iter().find(|x| x.key == "q1").unwrap().id;
    let keys: Vec<&str> = v.options.iter().filter(|o| o.question_id == q1).map(|o| o.key.as_str()).collect();
    assert_eq!(keys, vec!["yes", "no", "late_snack"]);
    // Moved up once, then removed.
    admin
        .browser
        .post(
            &s,
            "/en/staff/questionnaires/question/move",
            &[("q", &q.to_string()), ("k", "q1"), ("dir", "up")],
        )
        .await;
    let v = s.db.version(draft).await.unwrap().unwrap();
    assert_eq!(v.questions[v.questions.len() - 2].key, "q1");
    admin
        .browser
        .post(&s, "/en/staff/questionnaires/question/remove", &[("q", &q.to_string()), ("k", "q1")])
        .await;
    assert!(!s.db.version(draft).await.unwrap().unwrap().questions.iter().any(|x| x.key == "q1"));

    // The youth advisory group first.
    admin
        .browser
        .post(&s, "/en/staff/questionnaires/signoff", &[("q", &q.to_string()), ("do", "require")])
        .await;
    let r = admin.browser.post(&s, "/en/staff/questionnaires/publish", &[("q", &q.to_string())]).await;
    assert_eq!(r.error_codes(), vec!["E-SIGNOFF-NEEDED"]);
    assert!(s.db.current_version(q).await.unwrap().is_none());
    let r = admin
        .browser
        .post(
            &s,
            "/en/staff/questionnaires/signoff",
            &[
                ("q", &q.to_string()),
                ("do", "record"),
                ("group", "Youth panel, Chiang Mai"),
                ("day", "2026-11-20"),
                ("comments", "Simpler words for question 3"),
            ],
        )
        .await;
    assert!(r.location.is_some(), "{:?}", r.error_codes());
    let r = admin.browser.post(&s, "/en/staff/questionnaires/publish", &[("q", &q.to_string())]).await;
    assert!(
        r.location.as_deref().is_some_and(|l| l.contains("questionnaire-published")),
        "{:?}",
        r.error_codes()
    );
    let v1 = live(&s, q).await;
    assert_eq!(v1.id, draft);
    assert_eq!(audit_of(&s, "questionnaire_published").await[0].detail.as_deref(), Some("v1"));
    // A programme on it tells young people the questions were checked.
    let p = s.db.programme_by_code("TALK7").await.unwrap().unwrap();
    let mut fields = s.db.programme(p.id).await.unwrap().unwrap();
    fields.questionnaire_id = q;
    s.db.update_programme(
        p.id,
        &ProgrammeFields {
            name: fields.name.clone(),
            country: fields.country.clone(),
            languages: fields.language_list().iter().map(|l| (*l).to_owned()).collect(),
            opens_on: fields.opens_on,
            closes_on: fields.closes_on,
            questionnaire_id: q,
            team_name: fields.team_name.clone(),
            response_days: fields.response_days,
        },
    )
    .await
    .unwrap();
    s.state().await.forget_programme("TALK7");
    let youth = s.get("/th/p/TALK7").await.text().await.unwrap();
    assert!(youth.contains("คำถามเหล่านี้ได้รับการตรวจโดยเยาวชนแล้ว"), "{youth}");
    // A journey begun now answers version 1.
    let one = s.consent("th", "TALK7").await;
    assert!(one.html.contains("คุณรู้สึกปลอดภัยในที่ที่คุณนอนไหม"), "the checked Thai words are asked");

    // Version 2: a copy; published words are final.
    let r = admin
        .browser
        .post(&s, "/en/staff/questionnaires/question/save", &[("q", &q.to_string()), ("k", &first)])
        .await;
    assert_eq!(r.error_codes(), vec!["E-NOT-A-DRAFT"]);
    admin.browser.post(&s, "/en/staff/questionnaires/start", &[("q", &q.to_string())]).await;
    let page = admin.browser.get(&s, &format!("/en/staff/questionnaires/edit?q={q}")).await;
    let second = v1.questions[1].key.clone();
    // New words without "same meaning": a new question; with it: the same.
    let a = question_fields(&page, &first, &[("p_en", "Is the place you sleep safe?")]);
    post(
        &mut admin,
        &s,
        "/en/staff/questionnaires/question/save",
        &[vec![("q".into(), q.to_string())], a].concat(),
    )
    .await;
    let b =
        question_fields(&page, &second, &[("p_en", "A clearer wording of the same question"), ("same", "1")]);
    post(
        &mut admin,
        &s,
        "/en/staff/questionnaires/question/save",
        &[vec![("q".into(), q.to_string())], b].concat(),
    )
    .await;
    admin.browser.post(&s, "/en/staff/questionnaires/publish", &[("q", &q.to_string())]).await;
    let v2 = live(&s, q).await;
    assert_eq!(v2.version, 2);
    let same_as = |k: &str| v2.questions.iter().find(|x| x.key == k).unwrap().same_as;
    assert_eq!(same_as(&first), None, "changed words: a different question");
    assert_eq!(same_as(&second), Some(v1.questions[1].id), "marked as the same meaning");
    // The journey begun on version 1 is sent as version 1.
    let mut page = s.step("th", "TALK7", &one, &[], "next").await;
    while page.field("s").as_deref() != Some("review") {
        page = s.step("th", "TALK7", &page, &[], "next").await;
    }
    let done = s.step("th", "TALK7", &page, &[], "send").await;
    assert!(done.receipt().is_some(), "{}", done.html);

    // Others are refused.
    let other = s.db.organisations().await.unwrap()[0].id;
    let mut theirs = s.signed_in("org@x.org", Role::Admin, Some(other), None).await;
    let r = theirs.browser.post(&s, "/en/staff/questionnaires/start", &[("q", &q.to_string())]).await;
    assert_eq!(
        r.error_codes(),
        vec!["E-FORBIDDEN"],
        "an organisation's admin cannot change the installation's"
    );
    let mut m = s.signed_in("mod@x.org", Role::Moderator, None, None).await;
    assert_eq!(m.browser.get(&s, "/en/staff/questionnaires").await.status, 403);
}
