//! Migrations: existing youth rows are renumbered by 0002 with every reference
//! intact, and both backends end up with the same schema.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::Raw;
use siang_storage::*;

/// Submissions the "before" database holds.
const N: i64 = 30;

/// Rows as version 1 stored them: sequential ids in arrival order (one
/// script for both backends: literals only).
fn version_1_rows() -> String {
    let mut sql = String::from(
        "INSERT INTO organisations (id, slug, name, created_on) VALUES (1, 'org', 'Org', '2026-01-01');
         INSERT INTO questionnaires (id, organisation_id, slug, name) VALUES (1, 1, 'q', 'Q');
         INSERT INTO questionnaire_versions (id, questionnaire_id, version, status, published_on)
             VALUES (1, 1, 1, 'published', '2026-01-01');
         INSERT INTO questions (id, version_id, key, area, screen, position, kind, max_chars, restricted)
             VALUES (1, 1, 'a', 'safety', 1, 1, 'scale', 0, FALSE), (2, 1, 'b', 'safety', 2, 1, 'text', 500, FALSE);
         INSERT INTO programmes (id, organisation_id, code, name, country, languages, questionnaire_id, team_name,
             response_days, created_on) VALUES (1, 1, 'MIG', 'P', 'KH', 'km,en', 1, 'Team', 14, '2026-01-01');
         INSERT INTO tags (id, organisation_id, facet, key) VALUES (1, NULL, 'theme', 'safety');
         INSERT INTO staff (id, email, display_name, created_at) VALUES (1, 'm@example.org', 'M', 1);
         INSERT INTO submission_keys (key_hash, submission_id, created_on) VALUES ('key-gone', NULL, '2026-11-01');
         INSERT INTO recovery_codes (staff_id, code_hash) VALUES (1, 'old');
         INSERT INTO programme_texts (programme_id, locale, name, about) VALUES (1, 'km', 'n', 'a');
        ",
    );
    for i in 1..=N {
        let (rating, text) = (2 * i - 1, 2 * i);
        sql.push_str(&format!(
            "INSERT INTO submissions (id, programme_id, version_id, locale, submitted_on, receipt_hash)
                 VALUES ({i}, 1, 1, 'km', '2026-11-02', 'receipt-{i}');
             INSERT INTO answers (id, submission_id, question_id, state, rating) VALUES ({rating}, {i}, 1, 'value', {r});
             INSERT INTO answers (id, submission_id, question_id, state, body) VALUES ({text}, {i}, 2, 'value', 'body {i}');
             INSERT INTO redactions (id, answer_id, start_at, end_at, kind) VALUES ({i}, {text}, 0, 4, 'name');
             INSERT INTO safeguarding_flags (id, programme_id, submission_id, source, answer, body, created_on)
                 VALUES ({i}, 1, {i}, 'question', 'yes', 'concern {i}', '2026-11-02');
             INSERT INTO submission_tags (submission_id, tag_id) VALUES ({i}, 1);
             INSERT INTO replies (id, submission_id, staff_id, body, created_on) VALUES ({i}, {i}, 1, 'reply {i}', '2026-11-03');
             INSERT INTO quotes (id, programme_id, answer_id, body, month) VALUES ({i}, 1, {text}, 'quote {i}', '2026-11');
             INSERT INTO submission_keys (key_hash, submission_id, created_on) VALUES ('key-{i}', {i}, '2026-11-02');
            ",
            r = i % 5 + 1,
        ));
    }
    sql
}

/// Applies migration 0001 only (a migrator over a folder holding just that file).
async fn migrate_to_version_1(raw: &Raw, backend: &str) {
    let dir = tempfile::tempdir().unwrap();
    let from = format!("{}/migrations/{backend}/0001_schema.sql", env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(from, dir.path().join("0001_schema.sql")).unwrap();
    let migrator = sqlx::migrate::Migrator::new(dir.path()).await.unwrap();
    assert_eq!(migrator.iter().count(), 1);
    match raw {
        Raw::Sqlite(p) => migrator.run(p).await.unwrap(),
        Raw::Pg(p) => migrator.run(p).await.unwrap(),
    }
}

fn rises(ids: &[i64]) -> bool {
    ids.windows(2).all(|w| w[0] < w[1])
}

#[tokio::test]
async fn migration_2_renumbers_youth_rows_and_keeps_every_reference() {
    for (name, url, _dir) in common::empty_databases().await {
        let backend = if name == "sqlite" { "sqlite" } else { "postgres" };
        let raw = Raw::connect(&url).await;
        migrate_to_version_1(&raw, backend).await;
        raw.exec(&version_1_rows()).await;
        assert_eq!(raw.ints("SELECT id FROM submissions ORDER BY id").await.len(), N as usize);

        let db = siang_storage::connect(&url).await.unwrap();
        db.migrate().await.unwrap();

        let mut ids = Vec::new();
        let mut answer_ids = Vec::new();
        for i in 1..=N {
            let view = db.receipt(&format!("receipt-{i}")).await.unwrap().unwrap();
            let id = view.submission_id;
            ids.push(id);
            let answers = db.answers_of(id).await.unwrap();
            assert_eq!(answers.len(), 2, "{name}: submission {i}");
            assert_eq!(answers[0].rating, Some(i % 5 + 1), "{name}: submission {i}");
            assert_eq!(answers[1].body.as_deref(), Some(format!("body {i}").as_str()), "{name}");
            answer_ids.extend(answers.iter().map(|a| a.id));
            let spans = db.redactions_of(id).await.unwrap();
            assert_eq!(spans.len(), 1, "{name}: submission {i}");
            assert_eq!(spans[0].answer_id, answers[1].id, "{name}: the span stays on its answer");
            // Migration 10 gave each span its submission (the queue's filter reads it).
            let owner =
                raw.ints(&format!("SELECT submission_id FROM redactions WHERE id = {}", spans[0].id)).await;
            assert_eq!(owner, vec![Some(id)], "{name}: submission {i}");
            let concern = db.concern_of(id).await.unwrap().unwrap();
            assert_eq!(concern.body.as_deref(), Some(format!("concern {i}").as_str()), "{name}");
            assert_eq!(db.replies_of(id).await.unwrap()[0].body, format!("reply {i}"), "{name}");
            assert_eq!(db.key_state(&format!("key-{i}")).await.unwrap(), Some(KeyState::Sent), "{name}");
            let key = raw
                .int(&format!("SELECT submission_id FROM submission_keys WHERE key_hash = 'key-{i}'"))
                .await;
            assert_eq!(key, Some(id), "{name}: the key follows its submission");
            let quote = raw.int(&format!("SELECT answer_id FROM quotes WHERE body = 'quote {i}'")).await;
            assert_eq!(quote, Some(answers[1].id), "{name}: the quote follows its answer");
        }
        // Renumbered: no old number left, and no order of arrival.
        for (what, list, old_max) in [("submissions", &ids, N), ("answers", &answer_ids, 2 * N)] {
            assert!(list.iter().all(|id| *id > old_max), "{name}: {what} kept small ids: {list:?}");
            assert!(!rises(list), "{name}: {what} still in arrival order: {list:?}");
        }
        for table in ["redactions", "safeguarding_flags"] {
            let left = raw.ints(&format!("SELECT id FROM {table} WHERE id <= {N}")).await;
            assert!(left.is_empty(), "{name}: {table} kept old ids {left:?}");
            assert_eq!(raw.ints(&format!("SELECT id FROM {table}")).await.len(), N as usize, "{name}");
        }
        let mut tagged: Vec<i64> =
            raw.ints("SELECT submission_id FROM submission_tags").await.into_iter().flatten().collect();
        tagged.sort_unstable();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(tagged, sorted, "{name}: tags follow their submissions");
        // No reference left dangling, and nothing else changed.
        for (child, column, parent) in [
            ("answers", "submission_id", "submissions"),
            ("submission_keys", "submission_id", "submissions"),
            ("safeguarding_flags", "submission_id", "submissions"),
            ("submission_tags", "submission_id", "submissions"),
            ("replies", "submission_id", "submissions"),
            ("redactions", "answer_id", "answers"),
            ("quotes", "answer_id", "answers"),
        ] {
            let dangling = raw
                .int(&format!(
                    "SELECT COUNT(*) FROM {child} WHERE {column} IS NOT NULL \
                     AND {column} NOT IN (SELECT id FROM {parent})"
                ))
                .await;
            assert_eq!(dangling, Some(0), "{name}: {child}.{column}");
        }
        if backend == "sqlite" {
            assert!(raw.ints("PRAGMA foreign_key_check").await.is_empty(), "{name}");
            assert!(raw.try_exec("SELECT rowid FROM submission_keys").await.is_err(), "WITHOUT ROWID");
        }
        assert_eq!(raw.int("SELECT COUNT(*) FROM answers").await, Some(2 * N), "{name}");
        assert_eq!(db.key_state("key-gone").await.unwrap(), Some(KeyState::Withdrawn), "{name}");
        assert_eq!(db.legacy_recovery_codes(1).await.unwrap().len(), 1, "{name}: old codes have no index");
        assert_eq!(db.programme_texts(1).await.unwrap()[0].team_name, None, "{name}");

        // The migrated database works as a new one: withdraw, submit.
        assert!(db.withdraw(ids[0]).await.unwrap(), "{name}");
        assert_eq!(db.key_state("key-1").await.unwrap(), Some(KeyState::Withdrawn), "{name}");
        assert!(db.answers_of(ids[0]).await.unwrap().is_empty());
        let outcome = db
            .submit(NewSubmission {
                programme_id: 1,
                version_id: 1,
                locale: "km".into(),
                submitted_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 3).unwrap(),
                receipt_hash: "receipt-new".into(),
                key_hash: "key-new".into(),
                answers: vec![NewAnswer {
                    question_id: 1,
                    value: AnswerValue::Rating(5),
                    suggestions: vec![],
                }],
                safeguarding: None,
            })
            .await
            .unwrap();
        assert!(matches!(outcome, SubmitOutcome::Stored { id } if id > N), "{name}: {outcome:?}");
        db.close().await;
        raw.close().await;
    }
}

// ---------------------------------------------------------------------------
// Schema comparison.
//
// Deliberate differences, normalised away below (with the reason):
// - Dates: PostgreSQL `DATE`, SQLite `TEXT` (SQLite has no date type; sqlx
//   stores chrono's NaiveDate as 'YYYY-MM-DD' text). Compared as "text".
// - Primary-key columns count as NOT NULL on SQLite: an INTEGER PRIMARY KEY
//   is the rowid (never NULL); a TEXT PRIMARY KEY of a rowid table would
//   accept NULL (a SQLite quirk) but the code never writes one.
// - `submission_keys` is WITHOUT ROWID on SQLite (its hidden rowid rose in
//   arrival order); PostgreSQL has no rowids. Not visible in what is compared.
// - Identity: PostgreSQL's staff-side ids are identity columns, SQLite's are
//   rowids; youth ids have no identity on PostgreSQL (checked separately),
//   while SQLite would still pick a rowid if the code ever left one out.
// - The append-only triggers differ in form (SQLite: two triggers raising;
//   PostgreSQL: one trigger calling a function): compared by which tables
//   have triggers.
// ---------------------------------------------------------------------------

#[derive(Debug, PartialEq, Eq)]
struct Column {
    ty: String,
    not_null: bool,
    check: bool,
}

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct ForeignKey {
    columns: Vec<String>,
    table: String,
    references: Vec<String>,
    on_delete: String,
    on_update: String,
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Table {
    columns: BTreeMap<String, Column>,
    primary_key: Vec<String>,
    uniques: BTreeSet<Vec<String>>,
    foreign_keys: BTreeSet<ForeignKey>,
    /// name → (columns, unique)
    indexes: BTreeMap<String, (Vec<String>, bool)>,
    triggers: bool,
}

fn normal_type(declared: &str) -> String {
    match declared.to_ascii_lowercase().as_str() {
        "integer" | "bigint" | "int" | "int8" | "smallint" => "int",
        "text" | "character varying" | "varchar" => "text",
        "boolean" | "bool" => "bool",
        "date" => "text", // see above: SQLite keeps dates as text
        other => return other.to_owned(),
    }
    .to_owned()
}

/// Which columns of a SQLite `CREATE TABLE` carry a CHECK (column or table constraint).
fn sqlite_checks(sql: &str, columns: &[String]) -> BTreeSet<String> {
    let sql: String = sql.lines().map(|l| l.split("--").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
    let body = &sql[sql.find('(').unwrap() + 1..sql.rfind(')').unwrap()];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in body.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&body[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&body[start..]);
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let mut out = BTreeSet::new();
    for part in parts {
        let w = words(part);
        if !w.iter().any(|w| w == "check") {
            continue;
        }
        let Some(first) = w.first() else { continue };
        if ["constraint", "check", "primary", "unique", "foreign"].contains(&first.as_str()) {
            out.extend(columns.iter().filter(|c| w.contains(c)).cloned());
        } else {
            out.insert(first.clone());
        }
    }
    out
}

async fn sqlite_schema(raw: &Raw) -> BTreeMap<String, Table> {
    let Raw::Sqlite(pool) = raw else { unreachable!() };
    let tables: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut out = BTreeMap::new();
    for (name, sql) in tables {
        let mut t = Table::default();
        let cols: Vec<(String, String, bool, i64)> =
            sqlx::query_as("SELECT name, type, \"notnull\", pk FROM pragma_table_info($1)")
                .bind(&name)
                .fetch_all(pool)
                .await
                .unwrap();
        let names: Vec<String> = cols.iter().map(|c| c.0.to_lowercase()).collect();
        let checks = sqlite_checks(&sql, &names);
        let mut pk: Vec<(i64, String)> = Vec::new();
        for (col, ty, not_null, pk_pos) in cols {
            if pk_pos > 0 {
                pk.push((pk_pos, col.clone()));
            }
            let check = checks.contains(&col.to_lowercase());
            t.columns.insert(col, Column { ty: normal_type(&ty), not_null: not_null || pk_pos > 0, check });
        }
        pk.sort();
        t.primary_key = pk.into_iter().map(|(_, c)| c).collect();
        let indexes: Vec<(String, bool, String)> =
            sqlx::query_as("SELECT name, \"unique\", origin FROM pragma_index_list($1)")
                .bind(&name)
                .fetch_all(pool)
                .await
                .unwrap();
        for (index, unique, origin) in indexes {
            let columns: Vec<String> =
                sqlx::query_scalar("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                    .bind(&index)
                    .fetch_all(pool)
                    .await
                    .unwrap();
            match origin.as_str() {
                "pk" => {}
                "u" => {
                    t.uniques.insert(columns);
                }
                _ => {
                    t.indexes.insert(index, (columns, unique));
                }
            }
        }
        let fks: Vec<(i64, String, String, Option<String>, String, String)> = sqlx::query_as(
            "SELECT id, \"table\", \"from\", \"to\", on_delete, on_update FROM pragma_foreign_key_list($1) ORDER BY id, seq",
        )
        .bind(&name)
        .fetch_all(pool)
        .await
        .unwrap();
        let mut grouped: BTreeMap<i64, ForeignKey> = BTreeMap::new();
        for (id, table, from, to, on_delete, on_update) in fks {
            let fk = grouped.entry(id).or_insert_with(|| ForeignKey {
                columns: vec![],
                table,
                references: vec![],
                on_delete: on_delete.to_uppercase(),
                on_update: on_update.to_uppercase(),
            });
            fk.columns.push(from);
            fk.references.push(to.unwrap_or_else(|| "<primary key>".into()));
        }
        t.foreign_keys = grouped.into_values().collect();
        let triggers: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = $1")
                .bind(&name)
                .fetch_one(pool)
                .await
                .unwrap();
        t.triggers = triggers > 0;
        out.insert(name, t);
    }
    out
}

fn pg_action(code: &str) -> String {
    match code {
        "a" => "NO ACTION",
        "r" => "RESTRICT",
        "c" => "CASCADE",
        "n" => "SET NULL",
        "d" => "SET DEFAULT",
        other => other,
    }
    .to_owned()
}

/// (kind, columns, referenced table, referenced columns, on delete, on update)
type ConstraintRow = (String, Vec<String>, Option<String>, Vec<String>, String, String);

async fn pg_schema(raw: &Raw) -> BTreeMap<String, Table> {
    let Raw::Pg(pool) = raw else { unreachable!() };
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' \
         AND table_type = 'BASE TABLE' AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut out = BTreeMap::new();
    for name in tables {
        let mut t = Table::default();
        let cols: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT column_name::text, data_type::text, is_nullable::text FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name = $1",
        )
        .bind(&name)
        .fetch_all(pool)
        .await
        .unwrap();
        let constraints: Vec<ConstraintRow> = sqlx::query_as(
            "SELECT c.contype::text, \
                ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i) \
                      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i), \
                CASE WHEN c.confrelid = 0 THEN NULL ELSE c.confrelid::regclass::text END, \
                ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i) \
                      JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i), \
                c.confdeltype::text, c.confupdtype::text \
             FROM pg_constraint c WHERE c.conrelid = $1::regclass",
        )
        .bind(&name)
        .fetch_all(pool)
        .await
        .unwrap();
        let mut checks = BTreeSet::new();
        for (kind, columns, table, references, on_delete, on_update) in constraints {
            match kind.as_str() {
                "p" => t.primary_key = columns,
                "u" => {
                    t.uniques.insert(columns);
                }
                "f" => {
                    t.foreign_keys.insert(ForeignKey {
                        columns,
                        table: table.unwrap(),
                        references,
                        on_delete: pg_action(&on_delete),
                        on_update: pg_action(&on_update),
                    });
                }
                "c" => checks.extend(columns),
                other => panic!("{name}: constraint kind {other}"),
            }
        }
        for (col, ty, nullable) in cols {
            let check = checks.contains(&col);
            t.columns.insert(col, Column { ty: normal_type(&ty), not_null: nullable == "NO", check });
        }
        let indexes: Vec<(String, Vec<String>, bool)> = sqlx::query_as(
            "SELECT i.relname::text, \
                ARRAY(SELECT a.attname::text FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(n, o) \
                      JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n ORDER BY k.o), \
                x.indisunique \
             FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid \
             WHERE x.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c \
                WHERE c.conrelid = x.indrelid AND c.conindid = x.indexrelid AND c.contype IN ('p', 'u', 'x'))",
        )
        .bind(&name)
        .fetch_all(pool)
        .await
        .unwrap();
        for (index, columns, unique) in indexes {
            t.indexes.insert(index, (columns, unique));
        }
        let triggers: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal",
        )
        .bind(&name)
        .fetch_one(pool)
        .await
        .unwrap();
        t.triggers = triggers > 0;
        out.insert(name, t);
    }
    out
}

#[tokio::test]
async fn both_backends_have_the_same_schema() {
    let dbs = common::all().await;
    let Some(pg) = dbs.iter().find(|t| t.name == "postgres") else {
        eprintln!("SKIPPING the schema comparison: no PostgreSQL");
        return;
    };
    let sqlite = dbs.iter().find(|t| t.name == "sqlite").unwrap();
    let (lite_raw, pg_raw) = (sqlite.raw().await, pg.raw().await);
    let lite = sqlite_schema(&lite_raw).await;
    let post = pg_schema(&pg_raw).await;

    // The comparison sees what it should (a broken query would compare two empty schemas).
    assert!(lite.len() >= 30, "{:?}", lite.keys());
    let keys = &lite["submission_keys"];
    assert_eq!(keys.columns["state"], Column { ty: "text".into(), not_null: true, check: true });
    assert_eq!(
        lite["answers"].uniques,
        BTreeSet::from([vec!["submission_id".to_owned(), "question_id".to_owned()]])
    );
    assert_eq!(post["audit_checkpoint"].primary_key, ["id"]);
    assert!(post["audit_log"].triggers);
    assert_eq!(
        post["redactions"].foreign_keys.iter().find(|f| f.table == "answers").map(|f| f.on_delete.as_str()),
        Some("CASCADE")
    );

    assert_eq!(lite.keys().collect::<Vec<_>>(), post.keys().collect::<Vec<_>>(), "tables");
    for (name, table) in &lite {
        assert_eq!(table, &post[name], "table {name}: SQLite (left) and PostgreSQL (right) differ");
    }

    // Youth ids come from the application: no identity, no default on PostgreSQL.
    for table in ["submissions", "answers", "redactions", "safeguarding_flags"] {
        let Raw::Pg(pool) = &pg_raw else { unreachable!() };
        let (identity, default): (String, Option<String>) = sqlx::query_as(
            "SELECT is_identity::text, column_default::text FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name = $1 AND column_name = 'id'",
        )
        .bind(table)
        .fetch_one(pool)
        .await
        .unwrap();
        assert_eq!((identity.as_str(), default), ("NO", None), "{table}");
    }
    lite_raw.close().await;
    pg_raw.close().await;
}

#[test]
fn sqlite_checks_are_found_per_column() {
    let sql = "CREATE TABLE t (
        id INTEGER PRIMARY KEY CHECK (id = 1), -- a comment, with (parens), and CHECK
        a TEXT NOT NULL CHECK (a IN ('x', 'y')),
        b INTEGER,
        c INTEGER,
        CHECK (c > 0)
    )";
    let columns = ["id", "a", "b", "c"].map(String::from);
    assert_eq!(sqlite_checks(sql, &columns), BTreeSet::from(["id", "a", "c"].map(String::from)));
}
