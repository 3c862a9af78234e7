//! The storage layer behaves the same on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests and benchmarks: a panic is a failed run.
mod common;

use app::domain::locale::UN_ORDER;
use app::i18n::Locale;
use app::ssr::db::{concepts, taxonomy};
use app::ssr::infra::database::{Db, DbError};
use app::ssr::seed;
use app::ssr::services::home;
use common::{TestDb, on_every_engine};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// A bare concept in `status`, written in English.
fn concept<'a>(slug: &'a str, status: &'a str) -> concepts::NewConcept<'a> {
    let published = status == "published";
    concepts::NewConcept {
        slug,
        original_locale: "en",
        status,
        budget_usd: None,
        starts_on: None,
        ends_on: None,
        focal_point_name: "",
        focal_point_email: "",
        created_at: 1,
        published_at: published.then_some(1),
    }
}

async fn count(db: &Db, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db.pool()).await.unwrap()
}

#[tokio::test]
async fn the_taxonomy_is_complete_in_six_languages_and_loads_idempotently() {
    on_every_engine(|t| async move {
        seed::taxonomy(&t.db).await.unwrap(); // a second time: no error, no duplicates
        let db = &t.db;
        assert_eq!(count(db, "SELECT COUNT(*) FROM areas").await, 11, "{}", t.engine);
        assert_eq!(count(db, "SELECT COUNT(*) FROM regions").await, 7);
        assert_eq!(count(db, "SELECT COUNT(*) FROM countries").await, 195);
        assert_eq!(count(db, "SELECT COUNT(*) FROM area_names").await, 11 * 6);
        assert_eq!(count(db, "SELECT COUNT(*) FROM region_names").await, 7 * 6);
        assert_eq!(count(db, "SELECT COUNT(*) FROM country_names").await, 195 * 6);
        // 44 since São Tomé and Príncipe graduated (December 2024).
        assert_eq!(count(db, "SELECT COUNT(*) FROM country_groups WHERE grp = 'ldc'").await, 44);
        assert_eq!(count(db, "SELECT COUNT(*) FROM country_groups WHERE grp = 'lldc'").await, 32);
        assert_eq!(count(db, "SELECT COUNT(*) FROM country_groups WHERE grp = 'sids'").await, 38);
        // Today's memberships and the seven graduations since 2000, each once.
        assert_eq!(count(db, "SELECT COUNT(*) FROM country_group_periods").await, 44 + 32 + 38 + 7);
        let name: String =
            sqlx::query_scalar("SELECT name FROM country_names WHERE country_code = 'CI' AND locale = 'zh'")
                .fetch_one(db.pool())
                .await
                .unwrap();
        assert_eq!(name, "科特迪瓦");
        t
    })
    .await;
}

/// Expected counts computed from the demo file itself, independently of SQL.
fn expected_from_demo() -> (i64, BTreeMap<String, i64>, Vec<(String, i64)>) {
    let demo: Vec<Value> = serde_json::from_str(seed::DEMO_CONCEPTS).unwrap();
    let published: Vec<&Value> =
        demo.iter().filter(|c| c.get("status").and_then(Value::as_str).unwrap_or("published") == "published").collect();
    let mut areas = BTreeMap::new();
    for c in &published {
        for a in c["areas"].as_array().unwrap() {
            *areas.entry(a.as_str().unwrap().to_owned()).or_insert(0) += 1;
        }
    }
    let mut recent: Vec<(String, i64)> =
        published.iter().map(|c| (c["slug"].as_str().unwrap().to_owned(), c["days_ago"].as_i64().unwrap())).collect();
    recent.sort_by_key(|(_, days)| *days);
    (published.len() as i64, areas, recent)
}

#[tokio::test]
async fn demo_content_seeds_once_and_the_home_overview_counts_it() {
    on_every_engine(|t| async move {
        assert_eq!(t.seed_demo().await, 26, "{}", t.engine);
        assert_eq!(t.seed_demo().await, 0, "a second start seeds nothing");
        assert_eq!(seed::demo(&t.db, &t.media(), true, 0).await.unwrap(), 0, "force adds only missing concepts");
        assert_eq!(count(&t.db, "SELECT COUNT(*) FROM media WHERE kind = 'concept_note'").await, 26);
        assert!(count(&t.db, "SELECT COUNT(*) FROM media WHERE external_url IS NOT NULL").await >= 2);

        let (published, areas, recent) = expected_from_demo();
        let overview = home::overview(&t.db, Locale::en).await.unwrap();
        assert_eq!(overview.published, published);
        let got: BTreeMap<String, i64> =
            overview.areas.iter().filter(|a| a.count > 0).map(|a| (a.code.clone(), a.count)).collect();
        assert_eq!(got, areas);
        assert_eq!(overview.areas.len(), 11, "every area is listed, with zero counts too");
        let slugs: Vec<&str> = overview.recent.iter().map(|c| c.slug.as_str()).collect();
        let want: Vec<&str> = recent.iter().take(6).map(|(s, _)| s.as_str()).collect();
        assert_eq!(slugs, want, "newest first");
        assert!(overview.recent.iter().all(|c| !c.areas.is_empty()));
        let europe = overview.regions.iter().find(|r| r.code == "europe").unwrap();
        assert_eq!(europe.count, 2, "tagged with the region itself");
        t
    })
    .await;
}

#[tokio::test]
async fn cards_use_the_readers_language_or_fall_back_to_the_original() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        for locale in UN_ORDER {
            let overview = home::overview(&t.db, locale).await.unwrap();
            let code = app::domain::locale::code_of(locale);
            for card in &overview.recent {
                assert!(card.locale == code || card.locale == card.original_locale, "{card:?} in {code}");
            }
            let area_names: BTreeSet<&str> = overview.areas.iter().map(|a| a.name.as_str()).collect();
            assert_eq!(area_names.len(), 11, "names in {code}");
        }
        let ar = home::overview(&t.db, Locale::ar).await.unwrap();
        let first = &ar.recent[0];
        assert_eq!(first.slug, "solar-connectivity-rural-health-centres");
        assert_eq!(first.locale, "en", "no Arabic translation: shown in its original English");
        assert!(ar.areas.iter().any(|a| a.name == "الأمن السيبراني"));
        t
    })
    .await;
}

#[tokio::test]
async fn concurrent_writers_all_commit() {
    on_every_engine(|t| async move {
        let mut tasks = Vec::new();
        for i in 0..24 {
            let db = t.db.clone();
            tasks.push(tokio::spawn(async move {
                let mut tx = db.begin_write().await?;
                let slug = format!("concurrent-{i}");
                let id = concepts::insert(tx.conn(), &concept(&slug, "draft")).await?;
                concepts::add_tag(tx.conn(), id, concepts::Tag::Area, "innovation").await?;
                tokio::task::yield_now().await;
                tx.commit().await
            }));
        }
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        assert_eq!(concepts::count_all(t.db.pool()).await.unwrap(), 24, "{}", t.engine);
        t
    })
    .await;
}

#[tokio::test]
async fn unknown_tags_are_refused() {
    on_every_engine(|t| async move {
        let mut tx = t.db.begin_write().await.unwrap();
        let id = concepts::insert(tx.conn(), &concept("x", "draft")).await.unwrap();
        assert!(concepts::add_tag(tx.conn(), id, concepts::Tag::Area, "astrology").await.is_err());
        drop(tx);
        let mut tx = t.db.begin_write().await.unwrap();
        assert!(concepts::add_tag(tx.conn(), id, concepts::Tag::Group, "g20").await.is_err(), "{}", t.engine);
        drop(tx);
        assert_eq!(concepts::count_all(t.db.pool()).await.unwrap(), 0, "rolled back");
        let areas = taxonomy::area_counts(t.db.pool(), "fr").await.unwrap();
        assert_eq!(areas[0].name, "Changements climatiques et déchets électroniques");
        t
    })
    .await;
}

#[tokio::test]
async fn bad_database_urls_fail_with_a_clear_error() {
    assert!(matches!(Db::connect("mysql://localhost/x").await, Err(DbError::Scheme)));
    assert!(matches!(Db::connect("data/pop.db").await, Err(DbError::Scheme)));
    let unreachable = Db::connect("postgres://nobody:secret@127.0.0.1:1/nothing").await;
    let Err(error) = unreachable else { panic!("connected to nothing") };
    let text = error.to_string();
    assert!(text.starts_with("cannot connect to the database"), "{text}");
    assert!(!text.contains("secret"), "no password in the message: {text}");
}

#[tokio::test]
async fn a_fresh_database_with_concepts_of_its_own_gets_no_demo_content() {
    let t = TestDb::sqlite().await;
    let mut tx = t.db.begin_write().await.unwrap();
    concepts::insert(tx.conn(), &concept("ours", "published")).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(t.seed_demo().await, 0);
    t.drop_db().await;
}

/// What a schema says of one table, in terms both engines share.
#[derive(Debug, Default, PartialEq)]
struct Table {
    /// name → (type class, not null, default as written without casts); primary-key
    /// columns carry no default (SQLite's rowid and PostgreSQL's identity differ in form only).
    columns: BTreeMap<String, (&'static str, bool, Option<String>)>,
    primary_key: Vec<String>,
    /// (columns, unique, partial), primary keys aside.
    indexes: BTreeSet<(String, bool, bool)>,
    /// (column, referenced table, referenced column, on delete).
    foreign_keys: BTreeSet<(String, String, String, String)>,
    checks: i64,
}

fn type_class(declared: &str) -> &'static str {
    let t = declared.to_ascii_lowercase();
    if t.contains("int") {
        "integer"
    } else if t.contains("char") || t.contains("text") || t.contains("clob") {
        "text"
    } else if t.contains("real") || t.contains("floa") || t.contains("doub") || t.contains("numeric") {
        "real"
    } else if t.contains("bool") {
        "boolean"
    } else if t.contains("blob") || t.contains("bytea") {
        "blob"
    } else {
        "other"
    }
}

/// A default without casts, outer parentheses or case: `'queued'::text` and `'queued'` agree.
fn default_meaning(raw: Option<String>) -> Option<String> {
    let mut d = raw?.trim().to_owned();
    while let Some(cast) = d.rfind("::") {
        if d[cast..].contains('\'') {
            break;
        }
        d.truncate(cast);
    }
    while d.starts_with('(') && d.ends_with(')') {
        d = d[1..d.len() - 1].to_owned();
    }
    Some(d.to_ascii_lowercase())
}

async fn sqlite_schema(db: &Db) -> BTreeMap<String, Table> {
    let tables: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(db.pool())
    .await
    .unwrap();
    let mut schema = BTreeMap::new();
    for (name, sql) in tables {
        let mut t = Table::default();
        let columns: Vec<(String, String, i64, Option<String>, i64)> =
            sqlx::query_as("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info($1) ORDER BY cid")
                .bind(&name)
                .fetch_all(db.pool())
                .await
                .unwrap();
        let mut pk: Vec<(i64, String)> = Vec::new();
        for (column, declared, not_null, default, in_pk) in columns {
            let default = if in_pk > 0 { None } else { default_meaning(default) };
            t.columns.insert(column.clone(), (type_class(&declared), not_null == 1 || in_pk > 0, default));
            if in_pk > 0 {
                pk.push((in_pk, column));
            }
        }
        pk.sort();
        t.primary_key = pk.into_iter().map(|(_, c)| c).collect();
        let indexes: Vec<(String, i64, String, i64)> =
            sqlx::query_as("SELECT name, \"unique\", origin, partial FROM pragma_index_list($1)")
                .bind(&name)
                .fetch_all(db.pool())
                .await
                .unwrap();
        for (index, unique, _origin, partial) in indexes.into_iter().filter(|i| i.2 != "pk") {
            let columns: Vec<Option<String>> =
                sqlx::query_scalar("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                    .bind(&index)
                    .fetch_all(db.pool())
                    .await
                    .unwrap();
            let columns: Vec<String> =
                columns.into_iter().map(|c| c.unwrap_or_else(|| "(expression)".into())).collect();
            t.indexes.insert((columns.join(","), unique == 1, partial == 1));
        }
        let keys: Vec<(String, String, Option<String>, String)> =
            sqlx::query_as("SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list($1)")
                .bind(&name)
                .fetch_all(db.pool())
                .await
                .unwrap();
        for (from, table, to, on_delete) in keys {
            // A reference without a column names the other table's primary key.
            let to = match to {
                Some(to) => to,
                None => "id".to_owned(),
            };
            t.foreign_keys.insert((from, table, to, on_delete.to_ascii_uppercase()));
        }
        t.checks = i64::try_from(
            sql.to_ascii_uppercase().matches("CHECK (").count() + sql.to_ascii_uppercase().matches("CHECK(").count(),
        )
        .unwrap();
        schema.insert(name, t);
    }
    schema
}

async fn postgres_schema(db: &Db) -> BTreeMap<String, Table> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' \
         AND table_type = 'BASE TABLE' AND table_name <> '_sqlx_migrations' ORDER BY 1",
    )
    .fetch_all(db.pool())
    .await
    .unwrap();
    let mut schema = BTreeMap::new();
    for name in tables {
        let primary_key: Vec<String> = sqlx::query_scalar(
            "SELECT a.attname::text FROM pg_index i \
             JOIN unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord) ON true \
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum \
             WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY k.ord",
        )
        .bind(&name)
        .fetch_all(db.pool())
        .await
        .unwrap();
        let mut t = Table { primary_key, ..Table::default() };
        let columns: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
            "SELECT column_name::text, data_type::text, is_nullable::text, column_default::text \
             FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1",
        )
        .bind(&name)
        .fetch_all(db.pool())
        .await
        .unwrap();
        for (column, declared, nullable, default) in columns {
            let in_pk = t.primary_key.contains(&column);
            let default = if in_pk { None } else { default_meaning(default) };
            t.columns.insert(column, (type_class(&declared), nullable == "NO", default));
        }
        let indexes: Vec<(bool, bool, String)> = sqlx::query_as(
            "SELECT i.indisunique, i.indpred IS NOT NULL, \
               COALESCE((SELECT string_agg(COALESCE(a.attname::text, '(expression)'), ',' ORDER BY k.ord) \
                 FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord) \
                 LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0), '') \
             FROM pg_index i WHERE i.indrelid = $1::regclass AND NOT i.indisprimary",
        )
        .bind(&name)
        .fetch_all(db.pool())
        .await
        .unwrap();
        t.indexes = indexes.into_iter().map(|(unique, partial, columns)| (columns, unique, partial)).collect();
        let keys: Vec<(String, String, String, String)> = sqlx::query_as(
            "SELECT a.attname::text, r.relname::text, ra.attname::text, \
               CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'r' THEN 'RESTRICT' \
                 WHEN 'd' THEN 'SET DEFAULT' ELSE 'NO ACTION' END \
             FROM pg_constraint c \
             JOIN unnest(c.conkey) WITH ORDINALITY k(attnum, ord) ON true \
             JOIN unnest(c.confkey) WITH ORDINALITY fk(attnum, ord) ON fk.ord = k.ord \
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum \
             JOIN pg_class r ON r.oid = c.confrelid \
             JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = fk.attnum \
             WHERE c.conrelid = $1::regclass AND c.contype = 'f'",
        )
        .bind(&name)
        .fetch_all(db.pool())
        .await
        .unwrap();
        t.foreign_keys = keys.into_iter().collect();
        t.checks =
            sqlx::query_scalar("SELECT COUNT(*) FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'c'")
                .bind(&name)
                .fetch_one(db.pool())
                .await
                .unwrap();
        schema.insert(name, t);
    }
    schema
}

#[tokio::test]
async fn the_two_engines_migrations_build_the_same_schema() {
    let Some(url) = common::postgres_admin_url() else { return };
    let (sqlite, postgres) = (TestDb::sqlite().await, TestDb::postgres(&url).await);
    let (a, b) = (sqlite_schema(&sqlite.db).await, postgres_schema(&postgres.db).await);
    assert!(a.len() > 20, "tables found: {:?}", a.keys());
    let mut differences = Vec::new();
    for name in a.keys().chain(b.keys()).collect::<BTreeSet<_>>() {
        match (a.get(name), b.get(name)) {
            (Some(x), Some(y)) if x == y => {}
            (Some(x), Some(y)) => {
                for (column, spec) in &x.columns {
                    if y.columns.get(column) != Some(spec) {
                        differences
                            .push(format!("{name}.{column}: SQLite {spec:?}, PostgreSQL {:?}", y.columns.get(column)));
                    }
                }
                for column in y.columns.keys().filter(|c| !x.columns.contains_key(*c)) {
                    differences.push(format!("{name}.{column}: only in PostgreSQL"));
                }
                if x.primary_key != y.primary_key {
                    differences.push(format!("{name} primary key: {:?} / {:?}", x.primary_key, y.primary_key));
                }
                for i in x.indexes.symmetric_difference(&y.indexes) {
                    let side = if x.indexes.contains(i) { "SQLite" } else { "PostgreSQL" };
                    differences.push(format!("{name} index (columns, unique, partial) {i:?} only in {side}"));
                }
                for k in x.foreign_keys.symmetric_difference(&y.foreign_keys) {
                    let side = if x.foreign_keys.contains(k) { "SQLite" } else { "PostgreSQL" };
                    differences.push(format!("{name} foreign key {k:?} only in {side}"));
                }
                if x.checks != y.checks {
                    differences.push(format!("{name} checks: SQLite {}, PostgreSQL {}", x.checks, y.checks));
                }
            }
            (Some(_), None) => differences.push(format!("table {name} only in SQLite")),
            (None, _) => differences.push(format!("table {name} only in PostgreSQL")),
        }
    }
    sqlite.drop_db().await;
    postgres.drop_db().await;
    assert!(differences.is_empty(), "the schemas differ:\n{}", differences.join("\n"));
}

#[test]
fn defaults_compare_by_meaning() {
    assert_eq!(default_meaning(Some("'queued'::text".into())), Some("'queued'".into()));
    assert_eq!(default_meaning(Some("(0)".into())), Some("0".into()));
    assert_eq!(default_meaning(Some("'a::b'".into())), Some("'a::b'".into()));
    assert_eq!(type_class("BIGINT"), type_class("integer"));
    assert_ne!(type_class("TEXT"), type_class("INTEGER"));
}
