//! The storage layer behaves the same on SQLite and PostgreSQL.
mod common;

use app::domain::locale::UN_ORDER;
use app::i18n::Locale;
use app::ssr::db::{Db, DbError, concepts, taxonomy};
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
        assert_eq!(count(db, "SELECT COUNT(*) FROM country_groups WHERE grp = 'ldc'").await, 45);
        assert_eq!(count(db, "SELECT COUNT(*) FROM country_groups WHERE grp = 'lldc'").await, 32);
        assert_eq!(count(db, "SELECT COUNT(*) FROM country_groups WHERE grp = 'sids'").await, 38);
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
