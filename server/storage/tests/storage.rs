//! The same behaviour, checked on SQLite and on PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::fixtures::{concerned as submission, programme, spec};

use chrono::NaiveDate;
use siang_storage::*;

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
            &ProgrammeText { locale: "km".into(), name: "ក".into(), about: "ខ".into(), team_name: None },
        )
        .await
        .unwrap();
        t.db.put_programme_text(
            p.id,
            &ProgrammeText { locale: "km".into(), name: "គ".into(), about: "ឃ".into(), team_name: None },
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
                other @ (SubmitOutcome::Withdrawn | SubmitOutcome::Abandoned) => panic!("{other:?}"),
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
async fn replies_reach_the_receipt_holder() {
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
        // Withdrawal deletes the replies with the submission.
        t.db.withdraw(id).await.unwrap();
        assert!(t.db.replies_of(id).await.unwrap().is_empty(), "{}", t.name);
    }
}

#[tokio::test]
async fn actions_keep_words_per_language_and_publish_on_their_own() {
    for t in common::all().await {
        let (p, _) = programme(&t.db, "ACTS").await;
        let (other, _) = programme(&t.db, "ACTO").await;
        let fields = ActionFields {
            tag_id: None,
            state: "planned".into(),
            due_month: Some("2027-03".into()),
            done_month: None,
        };
        let words = |locale: &str, machine: bool| ActionWords {
            locale: locale.into(),
            you_said: format!("nights {locale}"),
            we_did: format!("night worker {locale}"),
            reason: None,
            machine,
        };
        let id = t.db.add_action(p.id, &fields, &words("en", false), None, 10).await.unwrap();
        assert!(t.db.actions_of(p.id, true).await.unwrap().is_empty(), "{}: a new action is a draft", t.name);
        assert!(t.db.put_action_text(p.id, id, &words("km", true), None, 11).await.unwrap());
        // Another programme's id is not this programme's action.
        assert!(
            !t.db.put_action_text(other.id, id, &words("th", false), None, 12).await.unwrap(),
            "{}",
            t.name
        );
        assert!(!t.db.publish_action(other.id, id, Some(day(2026, 12, 2))).await.unwrap());
        assert!(!t.db.update_action(other.id, id, &fields, &words("th", false), None, 12).await.unwrap());
        let texts = t.db.action_texts(p.id).await.unwrap();
        assert_eq!(
            texts.iter().map(|x| (x.locale.as_str(), x.machine)).collect::<Vec<_>>(),
            [("en", false), ("km", true)]
        );
        // Reviewing replaces the machine draft.
        assert!(t.db.put_action_text(p.id, id, &words("km", false), None, 13).await.unwrap());
        assert!(!t.db.action_texts(p.id).await.unwrap().iter().any(|x| x.machine), "{}", t.name);
        let done =
            ActionFields { state: "done".into(), done_month: Some("2027-02".into()), ..fields.clone() };
        assert!(t.db.update_action(p.id, id, &done, &words("en", false), None, 14).await.unwrap());
        assert!(t.db.publish_action(p.id, id, Some(day(2026, 12, 2))).await.unwrap());
        let shown = t.db.actions_of(p.id, true).await.unwrap();
        assert_eq!(shown.len(), 1, "{}", t.name);
        assert_eq!((shown[0].state.as_str(), shown[0].done_month.as_deref()), ("done", Some("2027-02")));
        assert_eq!(shown[0].published_on, Some(day(2026, 12, 2)));
        assert!(!t.db.delete_action(p.id, id).await.unwrap(), "{}: a published action stays", t.name);
        assert!(t.db.publish_action(p.id, id, None).await.unwrap());
        assert!(t.db.actions_of(p.id, true).await.unwrap().is_empty());
        assert!(t.db.delete_action(p.id, id).await.unwrap());
        assert!(t.db.action_texts(p.id).await.unwrap().is_empty(), "{}: its words go with it", t.name);
        assert!(!t.db.programme(p.id).await.unwrap().unwrap().public_results);
        t.db.set_public_results(p.id, true).await.unwrap();
        assert!(t.db.programme(p.id).await.unwrap().unwrap().public_results, "{}", t.name);
    }
}

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn rises(ids: &[i64]) -> bool {
    ids.windows(2).all(|w| w[0] < w[1])
}

fn falls(ids: &[i64]) -> bool {
    ids.windows(2).all(|w| w[0] > w[1])
}

#[tokio::test]
async fn identifiers_carry_no_order_of_arrival() {
    for t in common::all().await {
        let (p, v) = programme(&t.db, "ORDR").await;
        // One at a time, in a known order (each its own group on SQLite).
        let mut ids = Vec::new();
        for i in 0..40 {
            let SubmitOutcome::Stored { id } =
                t.db.submit(submission(&p, &v, &format!("o{i}"))).await.unwrap()
            else {
                panic!()
            };
            ids.push(id);
        }
        // And in bulk, the demo-data path.
        let batch: Vec<NewSubmission> = (0..40).map(|i| submission(&p, &v, &format!("b{i}"))).collect();
        let bulk: Vec<i64> =
            t.db.insert_submissions(batch)
                .await
                .unwrap()
                .into_iter()
                .map(|o| match o {
                    SubmitOutcome::Stored { id } => id,
                    other => panic!("{other:?}"),
                })
                .collect();
        let mut answers = Vec::new();
        let mut spans = Vec::new();
        let mut concerns = Vec::new();
        for id in ids.iter().chain(&bulk) {
            answers.extend(t.db.answers_of(*id).await.unwrap().into_iter().map(|a| a.id));
            spans.extend(t.db.redactions_of(*id).await.unwrap().into_iter().map(|r| r.id));
            concerns.push(t.db.concern_of(*id).await.unwrap().unwrap().id);
        }
        for (what, list) in [
            ("submissions", &ids),
            ("bulk submissions", &bulk),
            ("answers", &answers),
            ("redactions", &spans),
            ("concerns", &concerns),
        ] {
            assert!(list.iter().all(|id| *id > 0), "{}: {what} ids are positive", t.name);
            assert!(
                !rises(list) && !falls(list),
                "{}: {what} ids follow the order of arrival: {list:?}",
                t.name
            );
            let mut distinct = list.clone();
            distinct.sort_unstable();
            distinct.dedup();
            assert_eq!(distinct.len(), list.len(), "{}: {what}", t.name);
        }
        // Random 63-bit numbers, not small counters: with 80 of them, some
        // are far above anything a sequence would have reached.
        assert!(ids.iter().chain(&bulk).any(|id| *id > 1 << 40), "{}: {ids:?}", t.name);
    }
}

#[tokio::test]
async fn key_states_sent_withdrawn_and_abandoned() {
    for t in common::all().await {
        let (p, v) = programme(&t.db, "KEYS").await;
        let day = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        assert_eq!(t.db.key_state("key-never").await.unwrap(), None, "{}", t.name);

        // Left with quick exit, then the same form arrives anyway: nothing is stored.
        t.db.abandon_key("key-left", day).await.unwrap();
        assert_eq!(t.db.key_state("key-left").await.unwrap(), Some(KeyState::Abandoned), "{}", t.name);
        let late = t.db.submit(submission(&p, &v, "left")).await.unwrap();
        assert_eq!(late, SubmitOutcome::Abandoned, "{}", t.name);
        assert!(t.db.receipt("receipt-left").await.unwrap().is_none(), "{}", t.name);
        assert_eq!(t.db.count_submissions(Some(p.id)).await.unwrap(), 0);
        let bulk = t.db.insert_submissions(vec![submission(&p, &v, "left")]).await.unwrap();
        assert_eq!(bulk, vec![SubmitOutcome::Abandoned], "{}: the bulk path too", t.name);
        assert_eq!(t.db.key_state("key-left").await.unwrap(), Some(KeyState::Abandoned), "{}", t.name);

        // Sent: abandoning it afterwards changes nothing.
        let SubmitOutcome::Stored { id } = t.db.submit(submission(&p, &v, "sent")).await.unwrap() else {
            panic!()
        };
        assert_eq!(t.db.key_state("key-sent").await.unwrap(), Some(KeyState::Sent), "{}", t.name);
        t.db.abandon_key("key-sent", day).await.unwrap();
        assert_eq!(t.db.key_state("key-sent").await.unwrap(), Some(KeyState::Sent), "{}", t.name);
        assert_eq!(t.db.submit(submission(&p, &v, "sent")).await.unwrap(), SubmitOutcome::Duplicate);
        assert!(t.db.receipt("receipt-sent").await.unwrap().is_some(), "{}: still there", t.name);

        // Withdrawn: marked with the deletion; abandoning it changes nothing.
        assert!(t.db.withdraw(id).await.unwrap());
        assert_eq!(t.db.key_state("key-sent").await.unwrap(), Some(KeyState::Withdrawn), "{}", t.name);
        t.db.abandon_key("key-sent", day).await.unwrap();
        assert_eq!(t.db.key_state("key-sent").await.unwrap(), Some(KeyState::Withdrawn), "{}", t.name);
        assert_eq!(t.db.submit(submission(&p, &v, "sent")).await.unwrap(), SubmitOutcome::Withdrawn);

        // Two members of one bulk group with the same key: stored once.
        let twice =
            t.db.insert_submissions(vec![submission(&p, &v, "twice"), submission(&p, &v, "twice")]).await;
        let twice = twice.unwrap();
        assert!(matches!(twice[0], SubmitOutcome::Stored { .. }), "{}: {twice:?}", t.name);
        assert_eq!(twice[1], SubmitOutcome::Duplicate, "{}", t.name);
        assert_eq!(t.db.count_submissions(Some(p.id)).await.unwrap(), 1, "{}", t.name);
    }
}

#[tokio::test]
async fn programme_team_names_and_helplines_are_translatable() {
    for t in common::all().await {
        let (p, _) = programme(&t.db, "TEXT").await;
        let text = |locale: &str, team: Option<&str>| ProgrammeText {
            locale: locale.into(),
            name: format!("name {locale}"),
            about: format!("about {locale}"),
            team_name: team.map(Into::into),
        };
        t.db.put_programme_text(p.id, &text("km", Some("ក្រុម"))).await.unwrap();
        t.db.put_programme_text(p.id, &text("th", None)).await.unwrap();
        let texts = t.db.programme_texts(p.id).await.unwrap();
        assert_eq!(texts, vec![text("km", Some("ក្រុម")), text("th", None)], "{}", t.name);
        // Replacing a text replaces its team name too, back to untranslated.
        t.db.put_programme_text(p.id, &text("km", None)).await.unwrap();
        t.db.put_programme_text(p.id, &text("th", Some("ทีม"))).await.unwrap();
        let texts = t.db.programme_texts(p.id).await.unwrap();
        assert_eq!(texts, vec![text("km", None), text("th", Some("ทีม"))], "{}", t.name);

        let mut lines = Vec::new();
        for c in ["KH", "TH", "VN"] {
            let h =
                t.db.add_helpline(&NewHelpline {
                    country: c.into(),
                    name: format!("Line {c}"),
                    phone: "1280".into(),
                    url: None,
                    hours: Some("24/7".into()),
                    verified: false,
                })
                .await
                .unwrap();
            lines.push(h.id);
        }
        t.db.put_helpline_text(lines[0], "km", "ខ្សែ", Some("២៤ ម៉ោង")).await.unwrap();
        t.db.put_helpline_text(lines[0], "en", "Line", None).await.unwrap();
        t.db.put_helpline_text(lines[1], "th", "สาย", None).await.unwrap();
        t.db.put_helpline_text(lines[2], "vi", "Đường dây", None).await.unwrap();
        t.db.put_helpline_text(lines[0], "km", "ខ្សែជំនួយ", None).await.unwrap(); // replaces
        let got = t.db.helpline_texts(&lines[..2]).await.unwrap();
        let line = |id: i64, locale: &str, name: &str, hours: Option<&str>| HelplineText {
            helpline_id: id,
            locale: locale.into(),
            name: name.into(),
            hours: hours.map(Into::into),
        };
        let mut want = vec![
            line(lines[0], "en", "Line", None),
            line(lines[0], "km", "ខ្សែជំនួយ", None),
            line(lines[1], "th", "สาย", None),
        ];
        want.sort_by_key(|h| (h.helpline_id, h.locale.clone()));
        assert_eq!(got, want, "{}", t.name);
        assert!(t.db.helpline_texts(&[]).await.unwrap().is_empty());
        assert!(t.db.helpline_texts(&[999_999]).await.unwrap().is_empty());
        // A helpline's texts go with it.
        let raw = t.raw().await;
        raw.exec(&format!("DELETE FROM helplines WHERE id = {}", lines[0])).await;
        assert_eq!(t.db.helpline_texts(&lines).await.unwrap().len(), 2, "{}", t.name);
        raw.close().await;
    }
}

#[tokio::test]
async fn a_released_month_keeps_its_counts_when_a_response_is_withdrawn_later() {
    for t in common::all().await {
        let (p, v) = programme(&t.db, "RELS").await;
        let SubmitOutcome::Stored { id } =
            t.db.submit(common::fixtures::submission(&p, &v, "w")).await.unwrap()
        else {
            panic!()
        };
        t.db.submit(common::fixtures::submission(&p, &v, "x")).await.unwrap();
        let month = t.db.first_month(p.id).await.unwrap().expect("a month with responses");
        t.db.release_months(&[p.id], std::slice::from_ref(&month)).await.unwrap();
        let released = t.db.released_responses(&[p.id], &month, &month).await.unwrap();
        assert_eq!(released.iter().map(|r| r.n).sum::<i64>(), 2, "{}", t.name);
        let answers = t.db.released_answers(p.id, &month, &month).await.unwrap();
        assert!(t.db.withdraw(id).await.unwrap());
        let live = t.db.rollup_responses(&[p.id], &month, &month).await.unwrap();
        assert_eq!(live.iter().map(|r| r.n).sum::<i64>(), 1, "{}: the live count follows", t.name);
        // Released again (a second process asking): nothing moves.
        t.db.release_months(&[p.id], std::slice::from_ref(&month)).await.unwrap();
        assert_eq!(t.db.released_responses(&[p.id], &month, &month).await.unwrap(), released, "{}", t.name);
        assert_eq!(t.db.released_answers(p.id, &month, &month).await.unwrap(), answers);
    }
}
