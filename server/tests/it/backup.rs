//! `siang backup` and `siang restore` on the backend under test: a
//! populated database round-trips table by table, a backup taken while
//! submissions keep arriving holds every one acknowledged before it began
//! and is a consistent snapshot, and a restore never writes over data.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crate::dashboard::{programme, responses};
use siang_storage::*;

async fn digests(db: &Db) -> Vec<(String, i64, String)> {
    let mut out = Vec::new();
    for t in db.user_tables().await.unwrap() {
        let (n, d) = db.table_digest(&t).await.unwrap();
        out.push((t, n, d));
    }
    out
}

#[tokio::test]
async fn a_populated_database_round_trips_and_a_restore_refuses_a_database_with_data() {
    let s = crate::common::start().await;
    s.signed_in("admin@x.org", app::model::staff::Role::Admin, None, None).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("siang.backup");
    server::backup::backup(&s.url, &file).await.unwrap();
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600, "owner only");
    assert!(server::backup::backup(&s.url, &file).await.is_err(), "an existing file is never overwritten");

    let target = crate::common::fresh_database_url(dir.path()).await;
    server::backup::restore(&target, &file).await.unwrap();
    let copy = connect(&target).await.unwrap();
    let (from, to) = (digests(&s.db).await, digests(&copy).await);
    assert!(from.len() > 30, "{} tables", from.len());
    assert!(from.iter().any(|(t, n, _)| t == "submissions" && *n > 0));
    for ((t, n, d), (t2, n2, d2)) in from.iter().zip(&to) {
        assert_eq!((t, n, d), (t2, n2, d2), "table {t} differs after the round trip");
    }
    assert_eq!(from.len(), to.len());

    // Not a backup at all: refused, and the empty database stays empty.
    let junk = dir.path().join("junk.backup");
    std::fs::write(&junk, b"not a database").unwrap();
    let empty = crate::common::fresh_database_url(&dir.path().join("other")).await;
    std::fs::create_dir_all(dir.path().join("other")).unwrap();
    assert!(server::backup::restore(&empty, &junk).await.is_err());

    // Restoring again, into what now holds data, is refused and changes nothing.
    let again = server::backup::restore(&target, &file).await.unwrap_err();
    assert!(format!("{again:#}").contains("not empty"), "{again:#}");
    assert_eq!(digests(&copy).await, to);
}

#[tokio::test]
async fn a_backup_during_a_write_load_holds_every_acknowledged_submission_and_is_consistent() {
    let s = crate::common::start().await;
    let (p, version, q) = programme(&s, "LOAD1").await;
    let today = s.clock.today();
    let load = responses(&p, version, q, today, [40, 40, 40, 40, 40], "w");
    let acknowledged = Arc::new(std::sync::Mutex::new(Vec::new()));
    let done = Arc::new(AtomicUsize::new(0));
    let writer = {
        let (db, acknowledged, done) = (s.db.clone(), acknowledged.clone(), done.clone());
        tokio::spawn(async move {
            for sub in load {
                if let SubmitOutcome::Stored { id } = db.submit(sub).await.unwrap() {
                    acknowledged.lock().unwrap().push(id);
                }
                done.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    // Start once the load is under way.
    while done.load(Ordering::SeqCst) < 50 {
        tokio::task::yield_now().await;
    }
    let before: Vec<i64> = acknowledged.lock().unwrap().clone();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("during.backup");
    server::backup::backup(&s.url, &file).await.unwrap();
    writer.await.unwrap();
    assert_eq!(acknowledged.lock().unwrap().len(), 200, "every submission of the load was stored");

    let target = crate::common::fresh_database_url(dir.path()).await;
    server::backup::restore(&target, &file).await.unwrap();
    let copy = connect(&target).await.unwrap();
    for id in &before {
        assert!(
            copy.submission(*id).await.unwrap().is_some(),
            "submission {id} was acknowledged before the backup"
        );
    }
    // One snapshot: the roll-ups it holds are exactly a recount of the answers it holds.
    let held = digests(&copy).await;
    copy.rebuild_rollups().await.unwrap();
    let recounted = digests(&copy).await;
    for ((t, n, d), (_, n2, d2)) in
        held.iter().zip(&recounted).filter(|((t, ..), _)| t.starts_with("rollup_"))
    {
        assert_eq!((n, d), (n2, d2), "{t}: the backup caught a write half-done");
    }
}
