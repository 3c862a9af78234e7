//! The public catalogue on both engines: filters, facet counts, search in six languages,
//! ordering, pages, and the in-memory catalogue following writes.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests and benchmarks: a panic is a failed run.
mod common;

use app::domain::catalogue::{CataloguePage, CatalogueQuery, FacetKind, PER_PAGE, Sort};
use app::i18n::Locale;
use app::ssr::catalogue_engine::CatalogueCache;
use app::ssr::db::concepts::{self, NewConcept, Tag, Translation};
use app::ssr::services::catalogue::search;
use common::{TestDb, on_every_engine};

fn query() -> CatalogueQuery {
    CatalogueQuery { page: 1, ..Default::default() }
}

fn with(kind: FacetKind, code: &str) -> CatalogueQuery {
    query().toggled(kind, code)
}

fn text(q: &str) -> CatalogueQuery {
    CatalogueQuery { q: q.into(), ..query() }
}

async fn run(t: &TestDb, cache: &CatalogueCache, locale: Locale, q: CatalogueQuery) -> CataloguePage {
    search(&t.db, cache, locale, q).await.unwrap()
}

fn slugs(page: &CataloguePage) -> Vec<&str> {
    page.items.iter().map(|i| i.card.slug.as_str()).collect()
}

async fn published(t: &TestDb) -> usize {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM concepts WHERE status = 'published'")
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    usize::try_from(n).unwrap()
}

#[tokio::test]
async fn every_facet_choice_gives_as_many_results_as_its_count_says() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        let cache = CatalogueCache::default();
        let all = run(&t, &cache, Locale::en, query()).await;
        assert_eq!(all.total, published(&t).await, "{}", t.engine);
        assert_eq!(all.items.len(), PER_PAGE);
        assert_eq!(all.pages, u32::try_from(all.total.div_ceil(PER_PAGE)).unwrap());
        for facet in &all.facets {
            let useful: Vec<_> = facet.options.iter().filter(|o| o.count > 0).collect();
            assert!(!useful.is_empty(), "{:?} has no choice with results on {}", facet.kind, t.engine);
            for option in useful {
                let page = run(&t, &cache, Locale::en, with(facet.kind, &option.code)).await;
                assert_eq!(page.total, option.count, "{:?}={} on {}", facet.kind, option.code, t.engine);
                let chosen = page.facets.iter().find(|f| f.kind == facet.kind).unwrap();
                assert!(chosen.options.iter().any(|o| o.code == option.code && o.chosen));
            }
        }
        // Areas and regions are named in the reader's language, every one listed.
        let fr = run(&t, &cache, Locale::fr, query()).await;
        let regions = fr.facets.iter().find(|f| f.kind == FacetKind::Region).unwrap();
        assert!(regions.options.iter().all(|o| o.name.is_some()));
        assert!(regions.options.iter().any(|o| o.name.as_deref() == Some("Afrique")), "{:?}", regions.options);
        t
    })
    .await;
}

#[tokio::test]
async fn choices_widen_within_a_facet_and_narrow_across_facets() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        let cache = CatalogueCache::default();
        let africa = run(&t, &cache, Locale::en, with(FacetKind::Region, "africa")).await.total;
        let arab = run(&t, &cache, Locale::en, with(FacetKind::Region, "arab_states")).await.total;
        let both = run(&t, &cache, Locale::en, with(FacetKind::Region, "africa").toggled(FacetKind::Region, "arab_states")).await;
        assert!(both.total >= africa.max(arab) && both.total <= africa + arab, "{}", t.engine);
        let narrowed = with(FacetKind::Region, "africa").toggled(FacetKind::Contribution, "funding");
        let page = run(&t, &cache, Locale::en, narrowed).await;
        let expected: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM concepts c WHERE c.status = 'published' \
             AND EXISTS (SELECT 1 FROM concept_regions t JOIN regions r ON r.id = t.region_id WHERE t.concept_id = c.id AND r.code = 'africa') \
             AND EXISTS (SELECT 1 FROM concept_contributions k WHERE k.concept_id = c.id AND k.kind = 'funding')",
        )
        .fetch_one(t.db.pool())
        .await
        .unwrap();
        assert_eq!(page.total, usize::try_from(expected).unwrap(), "{}", t.engine);
        assert!(page.total < africa);
        t
    })
    .await;
}

#[tokio::test]
async fn search_works_in_every_script_and_ignores_accents_and_diacritics() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        let cache = CatalogueCache::default();
        for (q, slug) in [
            ("competences numeriques", "centres-competences-numeriques-jeunes-sahel"),
            ("COMPÉTENCES", "centres-competences-numeriques-jeunes-sahel"),
            ("reglementaire", "partage-infrastructures-afrique-centrale"),
            ("إنذار", "multi-hazard-early-warning-arab-region"),
            ("إِنْذَار", "multi-hazard-early-warning-arab-region"),
            ("انذار", "multi-hazard-early-warning-arab-region"),
            ("الإنذار المبكر", "multi-hazard-early-warning-arab-region"),
            ("光缆", "submarine-cable-resilience-pacific"),
            ("农业", "iot-smart-agriculture-pilots"),
            ("ИНФРАСТРУКТУРЫ", "critical-information-infrastructure-protection"),
            ("цифровой экономики", "digital-economy-statistics-harmonisation"),
            ("infrastruc", "critical-information-infrastructure-protection"),
        ] {
            let page = run(&t, &cache, Locale::en, text(q)).await;
            assert!(slugs(&page).contains(&slug), "{q:?} should find {slug} on {}: {:?}", t.engine, slugs(&page));
        }
        // Found through its Chinese title, shown in the reader's English.
        let page = run(&t, &cache, Locale::en, text("光缆")).await;
        let item = page.items.iter().find(|i| i.card.slug == "submarine-cable-resilience-pacific").unwrap();
        assert_eq!(item.card.locale, "en");
        // The matched words are marked in the reader's language.
        let page = run(&t, &cache, Locale::fr, text("competences")).await;
        let first = &page.items[0];
        assert_eq!(first.card.slug, "centres-competences-numeriques-jeunes-sahel", "title matches rank first");
        assert!(first.title.iter().any(|f| f.hit && f.text == "compétences"), "{:?}", first.title);
        // Nothing matches a word no concept has; drafts are never found.
        assert_eq!(run(&t, &cache, Locale::en, text("zzyzx")).await.total, 0);
        let page = run(&t, &cache, Locale::fr, text("télé-enseignement réfugiés")).await;
        assert!(!slugs(&page).contains(&"tele-enseignement-refugies"), "{}", t.engine);
        t
    })
    .await;
}

#[tokio::test]
async fn results_sort_by_budget_and_date_and_come_in_pages() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        let cache = CatalogueCache::default();
        let mut q = query();
        q.sort = Sort::BudgetHigh;
        let page = run(&t, &cache, Locale::en, q.clone()).await;
        let budgets: Vec<i64> = page.items.iter().filter_map(|i| i.budget_usd).collect();
        assert!(budgets.windows(2).all(|w| w[0] >= w[1]), "{budgets:?}");
        q.sort = Sort::BudgetLow;
        let page = run(&t, &cache, Locale::en, q).await;
        let budgets: Vec<i64> = page.items.iter().filter_map(|i| i.budget_usd).collect();
        assert!(budgets.windows(2).all(|w| w[0] <= w[1]), "{budgets:?}");

        let first = run(&t, &cache, Locale::en, query()).await;
        let dates: Vec<i64> = first.items.iter().map(|i| i.card.published_at).collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first: {dates:?}");
        let second = run(&t, &cache, Locale::en, CatalogueQuery { page: 2, ..query() }).await;
        assert!(second.items.iter().all(|i| !slugs(&first).contains(&i.card.slug.as_str())));
        assert_eq!(first.items.len() + second.items.len(), first.total.min(2 * PER_PAGE));
        let beyond = run(&t, &cache, Locale::en, CatalogueQuery { page: 999, ..query() }).await;
        assert_eq!(beyond.query.page, first.pages, "a page past the end shows the last one");
        t
    })
    .await;
}

#[tokio::test]
async fn a_concept_published_later_is_found_by_a_server_that_already_answered() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        let cache = CatalogueCache::default();
        let before = run(&t, &cache, Locale::en, query()).await.total;
        assert_eq!(run(&t, &cache, Locale::en, text("quokka")).await.total, 0);

        let mut tx = t.db.begin_write().await.unwrap();
        let conn = tx.conn();
        let now = app::ssr::infra::clock::now();
        let id = concepts::insert(
            conn,
            &NewConcept {
                slug: "quokka-habitat-sensors",
                original_locale: "en",
                status: "published",
                budget_usd: Some(10),
                starts_on: None,
                ends_on: None,
                focal_point_name: "A",
                focal_point_email: "a@example.org",
                created_at: now,
                published_at: Some(now),
            },
        )
        .await
        .unwrap();
        let translation = Translation {
            locale: "en",
            title: "Quokka habitat sensors",
            summary: "Low-power sensors.",
            objectives: "",
            beneficiaries: "",
            body: "",
        };
        concepts::upsert_translation(conn, id, &translation, now).await.unwrap();
        concepts::add_tag(conn, id, Tag::Region, "asia_pacific").await.unwrap();
        app::ssr::db::catalogue::reindex(conn, id).await.unwrap();
        app::ssr::db::catalogue::bump_version(conn).await.unwrap();
        tx.commit().await.unwrap();

        let page = run(&t, &cache, Locale::en, text("quokka")).await;
        assert_eq!(slugs(&page), ["quokka-habitat-sensors"], "{}", t.engine);
        assert_eq!(run(&t, &cache, Locale::en, query()).await.total, before + 1);
        let newest = run(&t, &cache, Locale::en, query()).await;
        assert_eq!(newest.items[0].card.slug, "quokka-habitat-sensors");
        t
    })
    .await;
}

#[tokio::test]
async fn the_generator_fills_the_catalogue_in_six_languages_and_continues_where_it_stopped() {
    on_every_engine(|t| async move {
        app::ssr::seed::taxonomy(&t.db).await.unwrap();
        let media = t.media();
        assert_eq!(app::ssr::seed::bulk(&t.db, &media, 30, 1_700_000_000).await.unwrap(), 30, "{}", t.engine);
        assert_eq!(app::ssr::seed::bulk(&t.db, &media, 45, 1_700_000_000).await.unwrap(), 15, "{}", t.engine);
        assert_eq!(published(&t).await, 45);
        let cache = CatalogueCache::default();
        let all = run(&t, &cache, Locale::en, query()).await;
        assert_eq!(all.total, 45, "{}", t.engine);
        // Every concept is readable in every language, so each language facet counts them all.
        let languages = all.facets.iter().find(|f| f.kind == FacetKind::Language).unwrap();
        assert!(languages.options.iter().all(|o| o.count == 45), "{:?}", languages.options);
        let areas = all.facets.iter().find(|f| f.kind == FacetKind::Area).unwrap();
        assert!(areas.options.iter().filter(|o| o.count > 0).count() > 3, "{:?}", areas.options);
        // The generated texts are indexed: two characters of a Chinese title find it.
        let title: String = sqlx::query_scalar(
            "SELECT title FROM concept_translations WHERE locale = 'zh' ORDER BY concept_id LIMIT 1",
        )
        .fetch_one(t.db.pool())
        .await
        .unwrap();
        let word: String = title.chars().take(2).collect();
        assert!(run(&t, &cache, Locale::zh, text(&word)).await.total >= 1, "{word} on {}", t.engine);
        let slugs: Vec<String> =
            sqlx::query_scalar("SELECT slug FROM concepts ORDER BY slug").fetch_all(t.db.pool()).await.unwrap();
        assert_eq!(slugs.first().map(String::as_str), Some("generated-00001"));
        assert_eq!(slugs.last().map(String::as_str), Some("generated-00045"));
        t
    })
    .await;
}

/// The `href` of every entry's link in an Atom feed, in order.
fn feed_links(feed: &str) -> Vec<String> {
    feed.split("<entry ")
        .skip(1)
        .map(|e| {
            let at = e.find("<link rel=\"alternate\" type=\"text/html\" href=\"").unwrap() + 45;
            e[at..at + e[at..].find('"').unwrap()].to_owned()
        })
        .collect()
}

#[tokio::test]
async fn the_atom_feed_lists_what_the_catalogue_finds_newest_first() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        let state = t.state();
        let get =
            |uri: &str| common::web::send_to(state.clone(), http::Request::get(uri).body(Default::default()).unwrap());
        let a = get("/en/feeds/concepts.atom").await;
        assert_eq!(a.status, http::StatusCode::OK, "{}", a.body);
        assert_eq!(a.headers[http::header::CONTENT_TYPE], "application/atom+xml; charset=utf-8");
        assert!(a.body.starts_with("<?xml") && a.body.trim_end().ends_with("</feed>"));
        let newest = run(&t, &state.catalogue, Locale::en, CatalogueQuery { sort: Sort::Newest, ..query() }).await;
        let expected: Vec<String> =
            slugs(&newest).iter().map(|s| format!("http://127.0.0.1:3000/en/concepts/{s}")).collect();
        assert_eq!(feed_links(&a.body), expected, "{}", t.engine);
        assert_eq!(expected.len(), PER_PAGE.min(published(&t).await));

        // The same filters as the catalogue, in the reader's language, linking back to it.
        let a = get("/es/feeds/concepts.atom?area=cybersecurity&q=").await;
        assert_eq!(a.status, http::StatusCode::OK);
        let filtered = run(
            &t,
            &state.catalogue,
            Locale::es,
            CatalogueQuery { sort: Sort::Newest, ..with(FacetKind::Area, "cybersecurity") },
        )
        .await;
        assert!(!filtered.items.is_empty() && filtered.total < published(&t).await);
        let expected: Vec<String> =
            slugs(&filtered).iter().map(|s| format!("http://127.0.0.1:3000/es/concepts/{s}")).collect();
        assert_eq!(feed_links(&a.body), expected);
        assert!(a.body.contains("xml:lang=\"es\""));
        assert!(a.body.contains("href=\"http://127.0.0.1:3000/es/concepts?area=cybersecurity\""), "{}", a.body);

        // Text is escaped; malformed filters and unknown languages are refused.
        let mut conn = t.db.pool().acquire().await.unwrap();
        sqlx::query("UPDATE concept_translations SET title = 'R&D <labs> \"open\"' WHERE locale = 'en'")
            .execute(&mut *conn)
            .await
            .unwrap();
        app::ssr::db::catalogue::bump_version(&mut conn).await.unwrap();
        drop(conn);
        let a = get("/en/feeds/concepts.atom").await;
        assert!(a.body.contains("R&amp;D &lt;labs&gt; &quot;open&quot;") && !a.body.contains("<labs>"), "{}", t.engine);
        assert_eq!(get("/en/feeds/concepts.atom?sort=sideways").await.status, http::StatusCode::BAD_REQUEST);
        assert_eq!(get("/en/feeds/concepts.atom?area=%3Cscript%3E").await.status, http::StatusCode::BAD_REQUEST);
        assert_eq!(get("/xx/feeds/concepts.atom").await.status, http::StatusCode::NOT_FOUND);
        t
    })
    .await;
}
