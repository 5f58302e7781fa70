//! Programme codes on both backends: a replaced code is retired, never
//! handed out again, so an old poster cannot lead to another programme.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::fixtures::programme;

#[tokio::test]
async fn a_replaced_code_is_retired_and_never_given_to_another_programme() {
    for t in common::all().await {
        let n = t.name;
        let (a, _) = programme(&t.db, "OLDA").await;
        let (b, _) = programme(&t.db, "OLDB").await;
        assert!(!t.db.code_taken("NEWA").await.unwrap(), "{n}");
        assert!(t.db.set_programme_code(a.id, "NEWA").await.unwrap(), "{n}");
        assert!(t.db.programme_by_code("OLDA").await.unwrap().is_none(), "{n}: the old code stops working");
        assert_eq!(t.db.programme_by_code("NEWA").await.unwrap().unwrap().id, a.id, "{n}");
        for code in ["OLDA", "NEWA", "OLDB"] {
            assert!(t.db.code_taken(code).await.unwrap(), "{n}: {code}");
        }
        // Neither a retired code nor a live one can be given to another programme.
        let retired = t.db.set_programme_code(b.id, "OLDA").await.unwrap_err();
        assert!(retired.is_unique_violation(), "{n}: {retired:?}");
        let live = t.db.set_programme_code(b.id, "NEWA").await.unwrap_err();
        assert!(live.is_unique_violation(), "{n}: {live:?}");
        assert_eq!(t.db.programme(b.id).await.unwrap().unwrap().code, "OLDB", "{n}: nothing changed");
        assert!(!t.db.code_taken("OLDX").await.unwrap(), "{n}");
        assert!(!t.db.set_programme_code(9_999_999, "NEWX").await.unwrap(), "{n}: no such programme");
    }
}
