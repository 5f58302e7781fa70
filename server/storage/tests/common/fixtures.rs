//! A small programme and a typical submission, shared by the storage suites.
use chrono::NaiveDate;
use siang_storage::*;

pub fn spec(key: &str, kind: &str, screen: i64) -> QuestionSpec {
    QuestionSpec {
        key: key.into(),
        area: "safety".into(),
        screen,
        position: 1,
        kind: kind.into(),
        max_chars: 500,
        restricted: false,
        same_as: None,
        texts: vec![("en".into(), format!("Prompt {key}"), true), ("km".into(), format!("km {key}"), false)],
        options: if kind == "single" {
            vec![OptionSpec { key: "yes".into(), texts: vec![("en".into(), "Yes".into(), true)] }]
        } else {
            vec![]
        },
    }
}

pub async fn programme(db: &Db, code: &str) -> (Programme, QuestionnaireVersion) {
    let org = db.upsert_organisation("org", "Org").await.unwrap();
    let (qid, _) = db
        .publish_questionnaire_version(Some(org.id), "q", "Q", &[spec("a", "scale", 1), spec("b", "text", 2)])
        .await
        .unwrap();
    let p = db
        .create_programme(&NewProgramme {
            organisation_id: org.id,
            code: code.into(),
            name: "P".into(),
            country: "KH".into(),
            languages: vec!["km".into(), "en".into()],
            opens_on: None,
            closes_on: None,
            questionnaire_id: qid,
            team_name: "Team".into(),
            response_days: 14,
        })
        .await
        .unwrap();
    let v = db.current_version(qid).await.unwrap().unwrap();
    (p, v)
}

pub fn submission(p: &Programme, v: &QuestionnaireVersion, key: &str) -> NewSubmission {
    NewSubmission {
        programme_id: p.id,
        version_id: v.id,
        locale: "km".into(),
        submitted_on: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        receipt_hash: format!("receipt-{key}"),
        key_hash: format!("key-{key}"),
        answers: vec![
            NewAnswer { question_id: v.questions[0].id, value: AnswerValue::Rating(4), suggestions: vec![] },
            NewAnswer {
                question_id: v.questions[1].id,
                value: AnswerValue::Text("call 012 345 678".into()),
                suggestions: vec![(5, 16, "phone".into())],
            },
        ],
        safeguarding: None,
    }
}

/// The same, with the safeguarding question answered "yes" (at 15:47 UTC).
pub fn concerned(p: &Programme, v: &QuestionnaireVersion, key: &str) -> NewSubmission {
    let raised_at = NaiveDate::from_ymd_opt(2026, 11, 2)
        .and_then(|d| d.and_hms_opt(15, 47, 12))
        .map_or(0, |t| t.and_utc().timestamp());
    NewSubmission {
        safeguarding: Some(NewSafeguarding { answer: "yes".into(), body: None, raised_at }),
        ..submission(p, v, key)
    }
}
