//! Staff, sessions, one-time tokens and the audit chain on both backends.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use siang_storage::*;

#[tokio::test]
async fn staff_accounts_grants_and_sign_ins() {
    for t in common::all().await {
        let a = t.db.create_staff("Ana@Example.org ", "Ana", 100).await.unwrap();
        assert_eq!(a.email, "ana@example.org");
        assert!(
            t.db.create_staff("ana@EXAMPLE.org", "Other", 101).await.unwrap_err().is_unique_violation(),
            "{}",
            t.name
        );
        assert_eq!(t.db.staff_by_email("ANA@example.org").await.unwrap().unwrap().id, a.id);
        t.db.set_password(a.id, "hash").await.unwrap();
        t.db.set_failures(a.id, 3, Some(500)).await.unwrap();
        let s = t.db.staff(a.id).await.unwrap().unwrap();
        assert_eq!((s.failed_count, s.locked_until), (3, Some(500)));
        t.db.set_password(a.id, "hash2").await.unwrap();
        let s = t.db.staff(a.id).await.unwrap().unwrap();
        assert_eq!(
            (s.password_hash.as_deref(), s.failed_count, s.locked_until),
            (Some("hash2"), 0, None),
            "{}",
            t.name
        );

        let g = t.db.add_grant(a.id, "moderator", None, None, 1).await.unwrap();
        t.db.add_grant(a.id, "designer", None, None, 1).await.unwrap();
        assert_eq!(t.db.grants_of(a.id).await.unwrap().len(), 2);
        assert_eq!(t.db.remove_grant(g.id).await.unwrap().unwrap().role, "moderator");
        assert!(t.db.remove_grant(g.id).await.unwrap().is_none());
        assert_eq!(t.db.grants_of(a.id).await.unwrap().len(), 1, "{}", t.name);

        for (at, ok) in [(10, false), (20, true), (30, true)] {
            t.db.record_sign_in(a.id, at, ok).await.unwrap();
        }
        let history = t.db.sign_ins(a.id, 2).await.unwrap();
        assert_eq!(history, vec![SignInRow { at: 30, success: true }, SignInRow { at: 20, success: true }]);
    }
}

#[tokio::test]
async fn totp_steps_tokens_and_recovery_codes_are_single_use() {
    for t in common::all().await {
        let a = t.db.create_staff("b@example.org", "B", 1).await.unwrap();
        t.db.set_totp_secret(a.id, Some("SECRET")).await.unwrap();
        assert!(t.db.use_totp_step(a.id, 1000).await.unwrap());
        assert!(!t.db.use_totp_step(a.id, 1000).await.unwrap(), "{}: a code is accepted once", t.name);
        assert!(!t.db.use_totp_step(a.id, 999).await.unwrap(), "{}: no older code either", t.name);
        assert!(t.db.use_totp_step(a.id, 1001).await.unwrap());

        t.db.add_token("tok1", "h", a.id, "set_password", 5000).await.unwrap();
        assert!(t.db.use_token("tok1", 10).await.unwrap());
        assert!(!t.db.use_token("tok1", 11).await.unwrap(), "{}", t.name);
        t.db.add_token("tok2", "h", a.id, "set_password", 5000).await.unwrap();
        t.db.revoke_tokens_of(a.id, 12).await.unwrap();
        assert!(t.db.token("tok2").await.unwrap().unwrap().used_at.is_some(), "{}", t.name);

        t.db.replace_recovery_codes(a.id, &["r1".into(), "r2".into()]).await.unwrap();
        let codes = t.db.recovery_codes(a.id).await.unwrap();
        assert_eq!(codes.len(), 2);
        assert!(t.db.use_recovery_code(codes[0].0, 5).await.unwrap());
        assert!(!t.db.use_recovery_code(codes[0].0, 6).await.unwrap());
        assert_eq!(t.db.recovery_codes(a.id).await.unwrap().len(), 1, "{}", t.name);
    }
}

#[tokio::test]
async fn sessions_end_one_at_a_time_or_everywhere() {
    for t in common::all().await {
        let a = t.db.create_staff("c@example.org", "C", 1).await.unwrap();
        t.db.create_session("s1", a.id, 100, false).await.unwrap();
        t.db.create_session("s2", a.id, 100, true).await.unwrap();
        t.db.touch_session("s2", 150).await.unwrap();
        let s2 = t.db.session("s2").await.unwrap().unwrap();
        assert_eq!((s2.created_at, s2.last_seen_at, s2.verified), (100, 150, true), "{}", t.name);
        t.db.delete_session("s1").await.unwrap();
        assert!(t.db.session("s1").await.unwrap().is_none());
        t.db.create_session("s3", a.id, 100, true).await.unwrap();
        assert_eq!(t.db.delete_sessions_of(a.id).await.unwrap(), 2, "{}", t.name);
    }
}

fn entry(i: i64) -> NewAuditEntry {
    NewAuditEntry {
        at: 1000 + i,
        actor_id: None,
        action: if i % 2 == 0 { "sign_in".into() } else { "grant".into() },
        programme_id: (i % 3 == 0).then_some(7),
        target: Some(format!("t{i}")),
        detail: None,
    }
}

#[tokio::test]
async fn the_audit_log_is_append_only_and_chained() {
    for t in common::all().await {
        let mut tasks = Vec::new();
        for i in 0..40 {
            let db = t.db.clone();
            tasks.push(tokio::spawn(async move { db.append_audit(&entry(i)).await }));
        }
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        assert_eq!(
            t.db.verify_audit_chain().await.unwrap(),
            None,
            "{}: concurrent appends keep the chain",
            t.name
        );
        let grants = t
            .db
            .audit_entries(&AuditFilter { action: Some("grant".into()), limit: 100, ..Default::default() })
            .await
            .unwrap();
        assert_eq!(grants.len(), 20, "{}", t.name);
        let p7 =
            t.db.audit_entries(&AuditFilter { programme_id: Some(7), limit: 100, ..Default::default() })
                .await
                .unwrap();
        assert_eq!(p7.len(), 14);
        let window =
            t.db.audit_entries(&AuditFilter {
                since: Some(1010),
                until: Some(1019),
                limit: 100,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(window.len(), 10);
        assert!(window[0].id > window[9].id, "newest first");
    }
}

#[tokio::test]
async fn tampering_with_the_audit_log_is_refused_or_detected() {
    let t = common::sqlite().await;
    for i in 0..5 {
        t.db.append_audit(&entry(i)).await.unwrap();
    }
    let path = t.path.clone().unwrap();
    let mut conn = <sqlx::SqliteConnection as sqlx::Connection>::connect(&path).await.unwrap();
    let refused =
        sqlx::query("UPDATE audit_log SET action = 'nothing' WHERE id = 3").execute(&mut conn).await;
    assert!(refused.is_err(), "the trigger refuses updates");
    assert!(sqlx::query("DELETE FROM audit_log WHERE id = 3").execute(&mut conn).await.is_err());
    // Someone with file access drops the trigger and rewrites history:
    sqlx::query("DROP TRIGGER audit_log_no_update").execute(&mut conn).await.unwrap();
    sqlx::query("UPDATE audit_log SET action = 'nothing' WHERE id = 3").execute(&mut conn).await.unwrap();
    assert_eq!(t.db.verify_audit_chain().await.unwrap(), Some(3), "the chain shows where");
}
