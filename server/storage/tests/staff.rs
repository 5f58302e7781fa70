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
        organisation_id: None,
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

/// The lock policy: from the 5th failure, 60 s doubling up to an hour.
fn lock_for(n: i64) -> Option<i64> {
    (n >= 5).then(|| (60i64 << (n - 5).min(10)).min(3600))
}

fn failure(actor: Option<i64>, at: i64) -> NewAuditEntry {
    NewAuditEntry {
        at,
        actor_id: actor,
        action: "sign_in_failed".into(),
        target: Some("someone@example.org".into()),
        detail: Some("password".into()),
        ..Default::default()
    }
}

#[tokio::test]
async fn failed_sign_ins_count_lock_and_audit_in_one_step() {
    for t in common::all().await {
        let a = t.db.create_staff("d@example.org", "D", 1).await.unwrap();
        for n in 1..=20 {
            let at = 10_000 * n;
            t.db.record_failed_sign_in(Some(a.id), at, &failure(Some(a.id), at)).await.unwrap();
            let s = t.db.staff(a.id).await.unwrap().unwrap();
            assert_eq!(s.failed_count, n, "{}", t.name);
            assert_eq!(s.locked_until, lock_for(n).map(|l| at + l), "{}: after {n} failures", t.name);
        }
        let s = t.db.staff(a.id).await.unwrap().unwrap();
        assert_eq!(s.locked_until, Some(200_000 + 3600), "{}: the 20th locks for an hour", t.name);
        assert_eq!(lock_for(5), Some(60));
        assert_eq!(lock_for(6), Some(120));
        // Before the 5th failure an earlier lock is left as it is.
        t.db.set_failures(a.id, 2, Some(777)).await.unwrap();
        t.db.record_failed_sign_in(Some(a.id), 500, &failure(Some(a.id), 500)).await.unwrap();
        let s = t.db.staff(a.id).await.unwrap().unwrap();
        assert_eq!((s.failed_count, s.locked_until), (3, Some(777)), "{}", t.name);

        let history = t.db.sign_ins(a.id, 100).await.unwrap();
        assert_eq!(history.len(), 21, "{}", t.name);
        assert!(history.iter().all(|h| !h.success));

        // An unknown account: the audit entry only, in the same one commit.
        t.db.record_failed_sign_in(None, 600, &failure(None, 600)).await.unwrap();
        let entries = t.db.audit_entries(&AuditFilter { limit: 100, ..Default::default() }).await.unwrap();
        assert_eq!(entries.len(), 22, "{}", t.name);
        assert!(entries.iter().all(|e| e.action == "sign_in_failed"));
        assert_eq!(entries[0].actor_id, None);
        assert_eq!(t.db.verify_audit_chain().await.unwrap(), None, "{}", t.name);

        // Errors propagate, and nothing of a failed step is kept.
        let err = t.db.record_failed_sign_in(Some(999_999), 700, &failure(None, 700)).await;
        assert!(err.is_err(), "{}: no such account", t.name);
        let entries = t.db.audit_entries(&AuditFilter { limit: 100, ..Default::default() }).await.unwrap();
        assert_eq!(entries.len(), 22, "{}: the audit entry was rolled back with it", t.name);
    }
}

#[tokio::test]
async fn concurrent_failed_sign_ins_are_all_counted() {
    for t in common::all().await {
        let a = t.db.create_staff("e@example.org", "E", 1).await.unwrap();
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..10 {
            let db = t.db.clone();
            let id = a.id;
            tasks.spawn(async move {
                db.record_failed_sign_in(Some(id), 1000 + i, &failure(Some(id), 1000 + i)).await
            });
        }
        // Unknown accounts at the same time cost the same and are audited too.
        for i in 0..3 {
            let db = t.db.clone();
            tasks.spawn(
                async move { db.record_failed_sign_in(None, 2000 + i, &failure(None, 2000 + i)).await },
            );
        }
        while let Some(done) = tasks.join_next().await {
            done.unwrap().unwrap();
        }
        let s = t.db.staff(a.id).await.unwrap().unwrap();
        assert_eq!(s.failed_count, 10, "{}", t.name);
        assert!(s.locked_until.is_some_and(|l| l > 1000), "{}", t.name);
        assert_eq!(t.db.sign_ins(a.id, 100).await.unwrap().len(), 10, "{}", t.name);
        let entries = t.db.audit_entries(&AuditFilter { limit: 100, ..Default::default() }).await.unwrap();
        assert_eq!(entries.len(), 13, "{}", t.name);
        assert_eq!(t.db.verify_audit_chain().await.unwrap(), None, "{}: the chain holds", t.name);
    }
}

#[tokio::test]
async fn recovery_codes_are_found_by_their_index() {
    for t in common::all().await {
        let a = t.db.create_staff("f@example.org", "F", 1).await.unwrap();
        let b = t.db.create_staff("g@example.org", "G", 1).await.unwrap();
        // Codes written before indexes existed.
        t.db.replace_recovery_codes(a.id, &["old1".into(), "old2".into()]).await.unwrap();
        let legacy = t.db.legacy_recovery_codes(a.id).await.unwrap();
        assert_eq!(
            legacy.iter().map(|(_, h)| h.as_str()).collect::<Vec<_>>(),
            ["old1", "old2"],
            "{}",
            t.name
        );
        assert_eq!(t.db.recovery_code_by_index(a.id, "i1").await.unwrap(), None);

        let codes: Vec<(String, String)> = (1..=10).map(|i| (format!("i{i}"), format!("hash{i}"))).collect();
        t.db.replace_recovery_codes_indexed(a.id, &codes).await.unwrap();
        t.db.replace_recovery_codes_indexed(b.id, &[("i1".into(), "b-hash1".into())]).await.unwrap();
        assert!(
            t.db.legacy_recovery_codes(a.id).await.unwrap().is_empty(),
            "{}: replaced, old ones too",
            t.name
        );
        let (id, hash) = t.db.recovery_code_by_index(a.id, "i3").await.unwrap().unwrap();
        assert_eq!(hash, "hash3", "{}", t.name);
        assert_eq!(
            t.db.recovery_code_by_index(b.id, "i1").await.unwrap().unwrap().1,
            "b-hash1",
            "{}",
            t.name
        );
        assert_eq!(
            t.db.recovery_code_by_index(b.id, "i3").await.unwrap(),
            None,
            "{}: another person's",
            t.name
        );
        assert_eq!(t.db.recovery_code_by_index(a.id, "nope").await.unwrap(), None);
        assert!(t.db.use_recovery_code(id, 50).await.unwrap());
        assert_eq!(
            t.db.recovery_code_by_index(a.id, "i3").await.unwrap(),
            None,
            "{}: used codes are gone",
            t.name
        );
        assert_eq!(t.db.recovery_codes(a.id).await.unwrap().len(), 9, "{}", t.name);

        // A row without index next to indexed ones: only it is legacy.
        let raw = t.raw().await;
        raw.exec(&format!("INSERT INTO recovery_codes (staff_id, code_hash) VALUES ({}, 'old3')", a.id))
            .await;
        let legacy = t.db.legacy_recovery_codes(a.id).await.unwrap();
        assert_eq!(legacy.iter().map(|(_, h)| h.as_str()).collect::<Vec<_>>(), ["old3"], "{}", t.name);
        t.db.use_recovery_code(legacy[0].0, 60).await.unwrap();
        assert!(t.db.legacy_recovery_codes(a.id).await.unwrap().is_empty(), "{}: unused only", t.name);
        raw.close().await;
    }
}

/// The hash as it was computed before organisations were recorded.
fn old_chain_hash(prev: &str, e: &NewAuditEntry) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for part in [
        prev.to_owned(),
        e.at.to_string(),
        e.actor_id.map(|a| a.to_string()).unwrap_or_default(),
        e.action.clone(),
        e.programme_id.map(|p| p.to_string()).unwrap_or_default(),
        e.target.clone().unwrap_or_default(),
        e.detail.clone().unwrap_or_default(),
    ] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn org_entry(i: i64) -> NewAuditEntry {
    NewAuditEntry {
        at: 5000 + i,
        actor_id: None,
        action: if i % 2 == 0 { "export".into() } else { "view".into() },
        programme_id: None,
        organisation_id: Some(if i % 3 == 0 { 1 } else { 2 }),
        target: Some(format!("t{i}")),
        detail: None,
    }
}

#[tokio::test]
async fn audit_entries_carry_their_organisation_and_old_entries_still_verify() {
    assert_eq!(
        chain_hash(GENESIS, &entry(4)),
        old_chain_hash(GENESIS, &entry(4)),
        "no organisation: the old hash"
    );
    assert_ne!(chain_hash(GENESIS, &org_entry(4)), old_chain_hash(GENESIS, &org_entry(4)));
    for t in common::all().await {
        // Old-style entries (no organisation), then new ones, in one chain.
        for i in 0..5 {
            let row = t.db.append_audit(&entry(i)).await.unwrap();
            assert_eq!(row.hash, old_chain_hash(&row.prev_hash, &entry(i)), "{}", t.name);
            assert_eq!(row.organisation_id, None);
        }
        for i in 0..5 {
            let row = t.db.append_audit(&org_entry(i)).await.unwrap();
            assert_eq!(row.organisation_id, org_entry(i).organisation_id, "{}", t.name);
        }
        assert_eq!(t.db.verify_audit_chain().await.unwrap(), None, "{}", t.name);
        assert_eq!(t.db.verify_audit_chain_incremental().await.unwrap(), None, "{}", t.name);

        // The organisation is covered by the hash.
        let raw = t.raw().await;
        drop_audit_triggers(&raw).await;
        let last =
            t.db.audit_entries(&AuditFilter { limit: 1, ..Default::default() }).await.unwrap()[0].clone();
        raw.exec(&format!("UPDATE audit_log SET organisation_id = 99 WHERE id = {}", last.id)).await;
        assert_eq!(t.db.verify_audit_chain().await.unwrap(), Some(last.id), "{}", t.name);
        raw.close().await;
    }
}

async fn drop_audit_triggers(raw: &common::Raw) {
    match raw {
        common::Raw::Sqlite(_) => {
            raw.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete").await;
        }
        common::Raw::Pg(_) => raw.exec("DROP TRIGGER audit_log_no_change ON audit_log").await,
    }
}

#[tokio::test]
async fn audit_filters_apply_before_the_page_is_cut() {
    for t in common::all().await {
        for i in 0..120 {
            let mut e = org_entry(i);
            e.programme_id = (i % 10 == 1).then_some(7);
            t.db.append_audit(&e).await.unwrap();
        }
        let page = |organisations: Option<Vec<i64>>, action: Option<&str>, limit: i64, offset: i64| {
            AuditFilter { organisations, action: action.map(Into::into), limit, offset, ..Default::default() }
        };
        let first = t.db.audit_entries(&page(Some(vec![1]), None, 50, 0)).await.unwrap();
        assert_eq!(first.len(), 40, "{}: every matching entry, not the matches among the last 50", t.name);
        assert!(first.iter().all(|e| e.organisation_id == Some(1)));
        assert!(first.windows(2).all(|w| w[0].id > w[1].id), "newest first");

        let org2 = t.db.audit_entries(&page(Some(vec![2]), None, 50, 0)).await.unwrap();
        assert_eq!(org2.len(), 50, "{}: a full page", t.name);
        let org2_next = t.db.audit_entries(&page(Some(vec![2]), None, 50, 50)).await.unwrap();
        assert_eq!(org2_next.len(), 30, "{}", t.name);
        assert!(org2_next.iter().all(|e| e.organisation_id == Some(2) && e.id < org2[49].id));

        assert_eq!(t.db.audit_entries(&page(Some(vec![1, 2]), None, 200, 0)).await.unwrap().len(), 120);
        assert!(t.db.audit_entries(&page(Some(vec![]), None, 50, 0)).await.unwrap().is_empty(), "{}", t.name);
        assert!(t.db.audit_entries(&page(Some(vec![3]), None, 50, 0)).await.unwrap().is_empty());
        assert_eq!(t.db.audit_entries(&page(None, None, 0, 0)).await.unwrap().len(), 100, "0 means 100");

        // Organisation and action together: i % 3 == 0 and even → i % 6 == 0.
        let both = t.db.audit_entries(&page(Some(vec![1]), Some("export"), 50, 0)).await.unwrap();
        assert_eq!(both.len(), 20, "{}", t.name);
        assert!(both.iter().all(|e| e.action == "export" && e.organisation_id == Some(1)));
        // A narrower view: organisation 1, or programme 7 (set on a few entries of organisation 2 too).
        let scoped = |orgs: Vec<i64>, programmes: Vec<i64>, limit: i64| AuditFilter {
            scope: Some((orgs, programmes)),
            limit,
            ..Default::default()
        };
        let got = t.db.audit_entries(&scoped(vec![1], vec![], 50)).await.unwrap();
        assert_eq!(got.len(), 40, "{}", t.name);
        let got = t.db.audit_entries(&scoped(vec![1], vec![7], 50)).await.unwrap();
        let want = (0..120).filter(|i| i % 3 == 0 || i % 10 == 1).count();
        assert_eq!(got.len(), want, "{}: organisation 1 or programme 7", t.name);
        assert!(got.iter().all(|e| e.organisation_id == Some(1) || e.programme_id == Some(7)));
        let got = t.db.audit_entries(&scoped(vec![], vec![7], 50)).await.unwrap();
        assert_eq!(got.len(), 12, "{}: programme 7 only", t.name);
        assert!(t.db.audit_entries(&scoped(vec![], vec![], 50)).await.unwrap().is_empty(), "{}", t.name);
        let with_orgs = AuditFilter { organisations: Some(vec![2]), ..scoped(vec![1], vec![7], 50) };
        assert_eq!(t.db.audit_entries(&with_orgs).await.unwrap().len(), 8, "{}: both apply", t.name);

        let window = AuditFilter {
            since: Some(5010),
            until: Some(5039),
            organisations: Some(vec![1]),
            limit: 5,
            offset: 5,
            ..Default::default()
        };
        let got: Vec<i64> = t.db.audit_entries(&window).await.unwrap().iter().map(|e| e.at).collect();
        // i in 10..=39 with i % 3 == 0: 39, 36, 33, 30, 27 | 24, 21, 18, 15, 12.
        assert_eq!(got, vec![5024, 5021, 5018, 5015, 5012], "{}", t.name);
    }
}

#[tokio::test]
async fn the_audit_chain_is_verified_incrementally_from_a_checkpoint() {
    for t in common::all().await {
        let raw = t.raw().await;
        let checkpoint = || async { raw.ints("SELECT last_id FROM audit_checkpoint").await };
        assert_eq!(t.db.verify_audit_chain_incremental().await.unwrap(), None, "{}: empty log", t.name);
        assert!(checkpoint().await.is_empty());

        let mut rows = Vec::new();
        for i in 0..10 {
            rows.push(t.db.append_audit(&entry(i)).await.unwrap());
        }
        assert_eq!(t.db.verify_audit_chain_incremental().await.unwrap(), None, "{}", t.name);
        assert_eq!(
            checkpoint().await,
            vec![Some(rows[9].id)],
            "{}: the checkpoint is the newest entry",
            t.name
        );
        for i in 10..20 {
            rows.push(t.db.append_audit(&entry(i)).await.unwrap());
        }
        assert_eq!(t.db.verify_audit_chain_incremental().await.unwrap(), None, "{}", t.name);
        assert_eq!(checkpoint().await, vec![Some(rows[19].id)], "{}: it advances", t.name);
        for i in 20..30 {
            rows.push(t.db.append_audit(&org_entry(i)).await.unwrap());
        }

        drop_audit_triggers(&raw).await;
        // A new entry (after the checkpoint) changed: found, and the checkpoint stays.
        raw.exec(&format!("UPDATE audit_log SET target = 'x' WHERE id = {}", rows[25].id)).await;
        assert_eq!(t.db.verify_audit_chain_incremental().await.unwrap(), Some(rows[25].id), "{}", t.name);
        assert_eq!(checkpoint().await, vec![Some(rows[19].id)], "{}", t.name);
        raw.exec(&format!("UPDATE audit_log SET target = 't25' WHERE id = {}", rows[25].id)).await;
        assert_eq!(t.db.verify_audit_chain_incremental().await.unwrap(), None, "{}: put back", t.name);
        assert_eq!(checkpoint().await, vec![Some(rows[29].id)], "{}", t.name);

        // An entry behind the checkpoint changed: the page-view check does
        // not read it again (that is its point); the full check finds it.
        raw.exec(&format!("UPDATE audit_log SET action = 'nothing' WHERE id = {}", rows[3].id)).await;
        assert_eq!(t.db.verify_audit_chain_incremental().await.unwrap(), None, "{}", t.name);
        assert_eq!(t.db.verify_audit_chain().await.unwrap(), Some(rows[3].id), "{}", t.name);

        // The checkpoint entry itself changed, or removed: found.
        raw.exec(&format!("UPDATE audit_log SET detail = 'x' WHERE id = {}", rows[29].id)).await;
        assert_eq!(t.db.verify_audit_chain_incremental().await.unwrap(), Some(rows[29].id), "{}", t.name);
        raw.exec(&format!("UPDATE audit_log SET detail = NULL WHERE id = {}", rows[29].id)).await;
        assert_eq!(t.db.verify_audit_chain_incremental().await.unwrap(), None, "{}", t.name);
        raw.exec(&format!("DELETE FROM audit_log WHERE id = {}", rows[29].id)).await;
        assert_eq!(t.db.verify_audit_chain_incremental().await.unwrap(), Some(rows[29].id), "{}", t.name);
        raw.close().await;
    }
}
