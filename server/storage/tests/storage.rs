//! The same behaviour, checked on SQLite and on PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use chrono::NaiveDate;
use siang_storage::*;

fn spec(key: &str, kind: &str, screen: i64) -> QuestionSpec {
    QuestionSpec {
        key: key.into(),
        area: "safety".into(),
        screen,
        position: 1,
        kind: kind.into(),
        max_chars: 500,
        restricted: false,
        texts: vec![("en".into(), format!("Prompt {key}"), true), ("km".into(), format!("km {key}"), false)],
        options: if kind == "single" {
            vec![OptionSpec { key: "yes".into(), texts: vec![("en".into(), "Yes".into(), true)] }]
        } else {
            vec![]
        },
    }
}

async fn programme(db: &Db, code: &str) -> (Programme, QuestionnaireVersion) {
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

fn submission(p: &Programme, v: &QuestionnaireVersion, key: &str) -> NewSubmission {
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
        safeguarding: Some(NewSafeguarding { answer: "yes".into(), body: None }),
    }
}

#[tokio::test]
async fn migrations_apply_twice_and_settings_persist() {
    for t in common::all().await {
        t.db.migrate().await.unwrap();
        t.db.ping().await.unwrap();
        assert_eq!(t.db.setting("x").await.unwrap(), None, "{}", t.name);
        t.db.put_setting("x", "1").await.unwrap();
        t.db.put_setting("x", "2").await.unwrap();
        assert_eq!(t.db.setting("x").await.unwrap().as_deref(), Some("2"), "{}", t.name);
        assert_eq!(t.db.setting_or_insert("salt", "first").await.unwrap(), "first");
        assert_eq!(t.db.setting_or_insert("salt", "second").await.unwrap(), "first", "{}", t.name);
    }
}

#[tokio::test]
async fn programme_codes_are_case_insensitive_and_unique() {
    for t in common::all().await {
        let (p, _) = programme(&t.db, "ab3x").await;
        assert_eq!(p.code, "AB3X");
        let found = t.db.programme_by_code(" ab3X ").await.unwrap().unwrap();
        assert_eq!(found.id, p.id, "{}", t.name);
        assert!(t.db.programme_by_code("NOPE").await.unwrap().is_none());
        assert_eq!(found.language_list(), vec!["km", "en"]);
        t.db.put_programme_text(
            p.id,
            &ProgrammeText { locale: "km".into(), name: "ក".into(), about: "ខ".into() },
        )
        .await
        .unwrap();
        t.db.put_programme_text(
            p.id,
            &ProgrammeText { locale: "km".into(), name: "គ".into(), about: "ឃ".into() },
        )
        .await
        .unwrap();
        let texts = t.db.programme_texts(p.id).await.unwrap();
        assert_eq!(texts.len(), 1, "{}", t.name);
        assert_eq!(texts[0].name, "គ");
    }
}

#[tokio::test]
async fn a_new_questionnaire_version_leaves_old_answers_intact() {
    for t in common::all().await {
        let (p, v1) = programme(&t.db, "VER1").await;
        let outcome = t.db.submit(submission(&p, &v1, "old")).await.unwrap();
        let SubmitOutcome::Stored { id } = outcome else { panic!("{outcome:?}") };
        let (_, v2id) =
            t.db.publish_questionnaire_version(Some(p.organisation_id), "q", "Q", &[spec("c", "single", 1)])
                .await
                .unwrap();
        let current = t.db.current_version(p.questionnaire_id).await.unwrap().unwrap();
        assert_eq!(current.id, v2id, "{}", t.name);
        assert_eq!(current.version, 2);
        assert_eq!(current.options.len(), 1);
        let old = t.db.version(v1.id).await.unwrap().unwrap();
        assert_eq!(old.questions.len(), 2, "{}", t.name);
        assert_eq!(old.question_texts.len(), 4);
        let answers = t.db.answers_of(id).await.unwrap();
        assert_eq!(answers.len(), 2);
        assert_eq!(answers[0].rating, Some(4));
        assert_eq!(answers[0].question_id, v1.questions[0].id);
    }
}

#[tokio::test]
async fn the_same_key_is_stored_once_and_a_withdrawal_cannot_be_replayed() {
    for t in common::all().await {
        let (p, v) = programme(&t.db, "IDEM").await;
        let first = t.db.submit(submission(&p, &v, "k1")).await.unwrap();
        let SubmitOutcome::Stored { id } = first else { panic!("{first:?}") };
        let again = t.db.submit(submission(&p, &v, "k1")).await.unwrap();
        assert_eq!(again, SubmitOutcome::Duplicate, "{}", t.name);
        assert_eq!(t.db.count_submissions(Some(p.id)).await.unwrap(), 1);

        let spans = t.db.redactions_of(id).await.unwrap();
        assert_eq!(spans.len(), 1, "{}", t.name);
        assert_eq!((spans[0].start_at, spans[0].end_at, spans[0].kind.as_str()), (5, 16, "phone"));
        assert_eq!(spans[0].state, "suggested");
        let concern = t.db.concern_of(id).await.unwrap().unwrap();
        assert_eq!(concern.answer.as_deref(), Some("yes"), "{}", t.name);
        assert!(concern.urgent);
        let view = t.db.receipt("receipt-k1").await.unwrap().unwrap();
        assert_eq!(view.submission_id, id);
        assert_eq!(view.status, "received");
        assert!(t.db.withdraw(id).await.unwrap());
        assert!(!t.db.withdraw(id).await.unwrap(), "{}: second withdrawal finds nothing", t.name);
        assert!(t.db.receipt("receipt-k1").await.unwrap().is_none());
        assert!(t.db.answers_of(id).await.unwrap().is_empty(), "{}: answers are deleted", t.name);
        assert!(t.db.concern_of(id).await.unwrap().is_none(), "{}: the concern goes too", t.name);
        assert_eq!(t.db.count_submissions(Some(p.id)).await.unwrap(), 0);
        let replay = t.db.submit(submission(&p, &v, "k1")).await.unwrap();
        assert_eq!(replay, SubmitOutcome::Withdrawn, "{}", t.name);
        assert_eq!(t.db.count_submissions(Some(p.id)).await.unwrap(), 0);
    }
}

#[tokio::test]
async fn concurrent_submissions_are_all_stored_exactly_once() {
    for t in common::all().await {
        let (p, v) = programme(&t.db, "LOAD").await;
        let mut tasks = Vec::new();
        for i in 0..200 {
            let db = t.db.clone();
            // Every key is sent twice at the same time, as a double tap would.
            let s = submission(&p, &v, &format!("c{}", i / 2));
            tasks.push(tokio::spawn(async move { db.submit(s).await }));
        }
        let mut stored = Vec::new();
        let mut duplicates = 0;
        for task in tasks {
            match task.await.unwrap().unwrap() {
                SubmitOutcome::Stored { id } => stored.push(id),
                SubmitOutcome::Duplicate => duplicates += 1,
                SubmitOutcome::Withdrawn => panic!("nothing was withdrawn"),
            }
        }
        assert_eq!((stored.len(), duplicates), (100, 100), "{}", t.name);
        assert_eq!(t.db.count_submissions(Some(p.id)).await.unwrap(), 100);
        // Submissions stored together in one group keep their own redaction
        // suggestions, on their own free-text answer.
        for id in stored {
            let text = t.db.answers_of(id).await.unwrap().into_iter().find(|a| a.body.is_some()).unwrap();
            let spans = t.db.redactions_of(id).await.unwrap();
            assert_eq!(spans.len(), 1, "{}: submission {id}", t.name);
            assert_eq!(spans[0].answer_id, text.id, "{}: submission {id}", t.name);
        }
    }
}

#[tokio::test]
async fn a_failing_submission_does_not_fail_its_group() {
    for t in common::all().await {
        let (p, v) = programme(&t.db, "GRP").await;
        let mut bad = submission(&p, &v, "bad");
        bad.answers[0].question_id = 999_999; // no such question: foreign key refuses it
        let good = submission(&p, &v, "good");
        let (a, b) = tokio::join!(t.db.submit(bad), t.db.submit(good));
        assert!(a.is_err(), "{}", t.name);
        assert!(matches!(b.unwrap(), SubmitOutcome::Stored { .. }), "{}", t.name);
        assert_eq!(t.db.count_submissions(Some(p.id)).await.unwrap(), 1);
    }
}

#[tokio::test]
async fn helplines_filter_by_country() {
    for t in common::all().await {
        for c in ["KH", "TH"] {
            t.db.add_helpline(&NewHelpline {
                country: c.into(),
                name: format!("Line {c}"),
                phone: "1280".into(),
                url: None,
                hours: None,
                verified: false,
            })
            .await
            .unwrap();
        }
        assert_eq!(t.db.helplines(None).await.unwrap().len(), 2);
        let kh = t.db.helplines(Some("KH")).await.unwrap();
        assert_eq!(kh.len(), 1, "{}", t.name);
        assert_eq!(kh[0].name, "Line KH");
    }
}

#[tokio::test]
async fn replies_and_published_answers_reach_the_receipt_holder() {
    for t in common::all().await {
        let (p, v) = programme(&t.db, "RPLY").await;
        let SubmitOutcome::Stored { id } = t.db.submit(submission(&p, &v, "r")).await.unwrap() else {
            panic!()
        };
        t.db.mark_read(id).await.unwrap();
        assert_eq!(t.db.receipt("receipt-r").await.unwrap().unwrap().status, "read", "{}", t.name);
        t.db.add_reply(id, None, "Thank you, we fixed the lamp.").await.unwrap();
        t.db.mark_read(id).await.unwrap();
        assert_eq!(t.db.receipt("receipt-r").await.unwrap().unwrap().status, "replied", "{}", t.name);
        assert_eq!(t.db.replies_of(id).await.unwrap()[0].body, "Thank you, we fixed the lamp.");
        let draft = NewAction {
            programme_id: p.id,
            you_said: "Nights are lonely".into(),
            we_did: "A night worker is on duty".into(),
            state: "done".into(),
            reason: None,
            publish: false,
        };
        t.db.add_action(&draft, None).await.unwrap();
        assert!(t.db.published_actions(p.id).await.unwrap().is_empty(), "{}: drafts stay hidden", t.name);
        t.db.add_action(&NewAction { publish: true, ..draft }, None).await.unwrap();
        assert_eq!(t.db.published_actions(p.id).await.unwrap().len(), 1);
        // Withdrawal deletes the replies with the submission.
        t.db.withdraw(id).await.unwrap();
        assert!(t.db.replies_of(id).await.unwrap().is_empty(), "{}", t.name);
    }
}
