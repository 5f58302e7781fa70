//! Questionnaire drafts on both backends: a draft copies the current
//! version (each question continuing its original), is replaced whole,
//! cannot go live without the sign-off it needs, and once published is
//! never edited; answers keep the version they were given to.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::NaiveDate;
use common::fixtures::{programme, spec, submission};
use siang_storage::*;

#[tokio::test]
async fn a_draft_copies_the_current_version_and_goes_live_only_when_signed_off() {
    for t in common::all().await {
        let n = t.name;
        let (p, v1) = programme(&t.db, "DRAFT").await;
        let stored = t.db.submit(submission(&p, &v1, "a")).await.unwrap();
        assert!(matches!(stored, SubmitOutcome::Stored { .. }), "{n}");
        let draft = t.db.start_draft(p.questionnaire_id).await.unwrap();
        assert_eq!(t.db.start_draft(p.questionnaire_id).await.unwrap(), draft, "{n}: one draft at a time");
        let copy = t.db.version(draft).await.unwrap().unwrap();
        assert_eq!(copy.version, 2, "{n}");
        let keys: Vec<(&str, Option<i64>)> =
            copy.questions.iter().map(|q| (q.key.as_str(), q.same_as)).collect();
        assert_eq!(keys, vec![("a", Some(v1.questions[0].id)), ("b", Some(v1.questions[1].id))], "{n}");
        let mut texts: Vec<(String, String, bool)> = copy
            .question_texts
            .iter()
            .filter(|x| x.question_id == copy.questions[0].id)
            .map(|x| (x.locale.clone(), x.prompt.clone(), x.reviewed))
            .collect();
        texts.sort();
        assert_eq!(
            texts,
            vec![("en".into(), "Prompt a".into(), true), ("km".into(), "km a".into(), false)],
            "{n}"
        );
        assert_eq!(
            t.db.current_version(p.questionnaire_id).await.unwrap().unwrap().id,
            v1.id,
            "{n}: the draft is not live"
        );

        // Edited: b removed, a choice question added first.
        let mut a = spec("a", "scale", 1);
        a.same_as = Some(v1.questions[0].id);
        a.position = 2;
        let c = spec("c", "single", 1);
        t.db.replace_draft(draft, &[c, a]).await.unwrap();
        let edited = t.db.version(draft).await.unwrap().unwrap();
        assert_eq!(
            edited.questions.iter().map(|q| q.key.as_str()).collect::<Vec<_>>(),
            vec!["c", "a"],
            "{n}"
        );
        assert_eq!(edited.options.len(), 1, "{n}");

        // It needs the youth advisory group first.
        assert!(t.db.set_needs_signoff(draft, true).await.unwrap(), "{n}");
        let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        assert!(matches!(t.db.publish_draft(draft, day).await, Err(StorageError::Conflict(_))), "{n}");
        t.db.record_signoff(&Signoff {
            version_id: draft,
            group_name: "Youth advisory group, Phnom Penh".into(),
            approved_on: day,
            comments: Some("Shorter words in question 2".into()),
        })
        .await
        .unwrap();
        t.db.publish_draft(draft, day).await.unwrap();
        let live = t.db.current_version(p.questionnaire_id).await.unwrap().unwrap();
        assert_eq!(live.id, draft, "{n}");
        let versions: Vec<(i64, String)> =
            t.db.versions_of(p.questionnaire_id)
                .await
                .unwrap()
                .into_iter()
                .map(|v| (v.version, v.status))
                .collect();
        assert_eq!(versions, vec![(2, "published".into()), (1, "retired".into())], "{n}");
        assert_eq!(
            t.db.signoff(draft).await.unwrap().unwrap().group_name,
            "Youth advisory group, Phnom Penh",
            "{n}"
        );
        // Published is final; the old version still reads as it was answered.
        assert!(matches!(t.db.replace_draft(draft, &[]).await, Err(StorageError::Conflict(_))), "{n}");
        assert!(matches!(t.db.publish_draft(draft, day).await, Err(StorageError::Conflict(_))), "{n}");
        assert_eq!(t.db.version(v1.id).await.unwrap().unwrap().questions.len(), 2, "{n}");

        // A draft can be thrown away.
        let third = t.db.start_draft(p.questionnaire_id).await.unwrap();
        assert!(t.db.discard_draft(third).await.unwrap(), "{n}");
        assert!(!t.db.discard_draft(draft).await.unwrap(), "{n}: never a published version");
        assert_eq!(t.db.versions_of(p.questionnaire_id).await.unwrap().len(), 2, "{n}");
    }
}
