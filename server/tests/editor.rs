//! The concept editor over HTTP on both engines: write, translate, review, publish; the
//! version check; roles per move; bad input that changes nothing; scripts that stay inert.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests and benchmarks: a panic is a failed run.
mod common;

use app::domain::catalogue::CatalogueQuery;
use app::domain::staff::Role;
use app::i18n::Locale;
use app::ssr::catalogue_engine::CatalogueCache;
use common::web::{get, post, send, staff_session};
use common::{TestDb, on_every_engine};
use http::{StatusCode, header};

const FR_TITLE: &str = "Laboratoires de fibre optique pour les écoles du Sahel";

fn facts<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("facts[original_locale]", "fr"),
        ("facts[budget]", "2 400 000"),
        ("facts[starts_on]", "2027-03-01"),
        ("facts[ends_on]", "2029-02-28"),
        ("facts[focal_name]", "Awa Traoré"),
        ("facts[focal_email]", "awa.traore@example.org"),
        ("facts[areas][]", "infrastructure"),
        ("facts[areas][]", "capacity_building"),
        ("facts[regions][]", "africa"),
        ("facts[countries][]", "ML"),
        ("facts[countries][]", "NE"),
        ("facts[groups][]", "ldc"),
        ("facts[contributions][]", "funding"),
        ("facts[sdgs][]", "9"),
        ("facts[sdgs][]", "4"),
    ];
    f.extend_from_slice(extra);
    f
}

fn text<'a>(title: &'a str, summary: &'a str, body: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("text[title]", title),
        ("text[summary]", summary),
        ("text[objectives]", ""),
        ("text[beneficiaries]", ""),
        ("text[body]", body),
    ]
}

async fn create(t: &TestDb, cookie: &str, fields: &[(&str, &str)]) -> common::web::Answer {
    let mut all = vec![("locale", "fr")];
    all.extend_from_slice(fields);
    send(t, post("/api/staff/concept_create", &all, Some(cookie), false)).await
}

async fn version(t: &TestDb, id: i64) -> i64 {
    sqlx::query_scalar("SELECT version FROM concepts WHERE id = $1").bind(id).fetch_one(t.db.pool()).await.unwrap()
}

async fn status(t: &TestDb, id: i64) -> String {
    sqlx::query_scalar("SELECT status FROM concepts WHERE id = $1").bind(id).fetch_one(t.db.pool()).await.unwrap()
}

async fn move_to(t: &TestDb, cookie: &str, id: i64, to: &str) -> StatusCode {
    let v = version(t, id).await.to_string();
    let id = id.to_string();
    send(t, post("/api/staff/concept_move", &[("id", &id), ("version", &v), ("to", to)], Some(cookie), false))
        .await
        .status
}

async fn found(t: &TestDb, locale: Locale, q: &str) -> Vec<String> {
    let query = CatalogueQuery { q: q.into(), page: 1, ..Default::default() };
    let page = app::ssr::services::catalogue::search(&t.db, &CatalogueCache::default(), locale, query).await.unwrap();
    page.items.into_iter().map(|i| i.card.title).collect()
}

#[tokio::test]
async fn a_concept_is_written_in_french_translated_reviewed_and_published() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        let publisher = staff_session(&t, Role::Publisher).await;
        let mut fields = facts(&[]);
        fields.extend(text(
            FR_TITLE,
            "Former les enseignants à la fibre optique.",
            "## Plan\n\nDes **laboratoires** mobiles.",
        ));
        let a = create(&t, &editor, &fields).await;
        assert_eq!(a.status, StatusCode::OK, "{}: {}", t.engine, a.body);
        let id: i64 = a.body.parse().unwrap();
        assert_eq!(a.headers[header::LOCATION], format!("/fr/staff/concepts/{id}"));
        assert_eq!(status(&t, id).await, "draft");
        let slug: String = sqlx::query_scalar("SELECT slug FROM concepts WHERE id = $1")
            .bind(id)
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        assert_eq!(slug, "laboratoires-de-fibre-optique-pour-les-ecoles-du-sahel");

        // The editor page shows it, its tabs and its history.
        let page = send(&t, get(&format!("/fr/staff/concepts/{id}"), Some(&editor))).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(FR_TITLE) && page.body.contains("Soumettre pour relecture"), "{}", t.engine);
        assert!(page.body.contains("Historique") && page.body.contains("Créé"));

        // The Arabic translation, a draft at first.
        let ids = id.to_string();
        let save_arabic = |complete: bool| {
            let (t, editor, ids) = (&t, editor.clone(), ids.clone());
            async move {
                let v = version(t, id).await.to_string();
                let mut fields = vec![("id", ids.as_str()), ("version", v.as_str()), ("locale", "ar")];
                fields.extend(text("مختبرات الألياف البصرية لمدارس الساحل", "تدريب المعلمين على الألياف البصرية.", ""));
                if complete {
                    fields.push(("complete", "on"));
                }
                send(t, post("/api/staff/translation_save", &fields, Some(&editor), false)).await
            }
        };
        let a = save_arabic(false).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);

        assert_eq!(
            move_to(&t, &editor, id, "published").await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "drafts go through review"
        );
        assert_eq!(move_to(&t, &editor, id, "in_review").await, StatusCode::OK);
        assert_eq!(move_to(&t, &editor, id, "published").await, StatusCode::FORBIDDEN);
        assert!(found(&t, Locale::fr, "fibre").await.is_empty(), "not public before publication");
        assert_eq!(move_to(&t, &publisher, id, "published").await, StatusCode::OK);
        assert_eq!(status(&t, id).await, "published");
        assert_eq!(move_to(&t, &publisher, id, "in_review").await, StatusCode::UNPROCESSABLE_ENTITY, "no such move");

        // The draft translation is not public: Arabic readers get the French original.
        assert_eq!(found(&t, Locale::fr, "fibre").await, [FR_TITLE]);
        assert!(found(&t, Locale::ar, "الألياف").await.is_empty());
        let arabic = send(&t, get(&format!("/ar/concepts/{slug}"), None)).await;
        assert!(arabic.body.contains(FR_TITLE) && !arabic.body.contains("مختبرات الألياف"), "{}", t.engine);
        let tabs = send(&t, get(&format!("/en/staff/concepts/{id}"), Some(&editor))).await;
        assert!(tabs.body.contains(">draft<"), "the Arabic tab says draft");

        // Complete: public in both languages, found by search in each.
        assert_eq!(save_arabic(true).await.status, StatusCode::OK);
        assert_eq!(found(&t, Locale::ar, "الألياف").await, ["مختبرات الألياف البصرية لمدارس الساحل"]);
        let arabic = send(&t, get(&format!("/ar/concepts/{slug}"), None)).await;
        assert!(arabic.body.contains("مختبرات الألياف البصرية لمدارس الساحل"), "{}", t.engine);
        let public = send(&t, get(&format!("/fr/concepts/{slug}"), None)).await;
        assert_eq!(public.status, StatusCode::OK);
        assert!(public.body.contains("<strong>laboratoires</strong>") && public.body.contains("USD"), "{}", t.engine);
        // Goals in order, named in the reader's language.
        let (four, nine) = ("4. Éducation de qualité", "9. Industrie, innovation et infrastructure");
        assert!(public.body.contains(four) && public.body.find(four) < public.body.find(nine), "{}", t.engine);

        let history = send(&t, post("/api/staff/concept_history", &[("id", &ids)], Some(&editor), false)).await;
        let entries: Vec<app::domain::staff::AuditEntry> = serde_json::from_str(&history.body).unwrap();
        let actions: Vec<&str> = entries.iter().rev().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            ["created", "translation_added", "status_changed", "status_changed", "translation_updated"],
            "{}",
            t.engine
        );
        assert_eq!(entries[0].actor.as_deref(), Some("Amina Diallo"));
        assert!(entries[0].detail.contains(&("changed".to_owned(), "state".to_owned())), "{:?}", entries[0].detail);
        assert!(entries[1].detail.contains(&("to".to_owned(), "published".to_owned())));
        t
    })
    .await;
}

#[tokio::test]
async fn two_people_cannot_silently_overwrite_each_other() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        let mut fields = facts(&[]);
        fields.extend(text(FR_TITLE, "Résumé.", ""));
        let id: i64 = create(&t, &editor, &fields).await.body.parse().unwrap();
        let started_from = version(&t, id).await.to_string();
        let ids = id.to_string();
        let save = |title: &'static str| {
            let mut f = vec![("id", ids.as_str()), ("version", started_from.as_str())];
            f.extend(facts(&[]));
            f.extend(text(title, "Résumé.", ""));
            post("/api/staff/concept_update", &f, Some(&editor), false)
        };
        let first = send(&t, save("La première version")).await;
        assert_eq!(first.status, StatusCode::OK, "{}", first.body);
        let second = send(&t, save("La seconde version")).await;
        assert_eq!(second.status, StatusCode::CONFLICT, "{}", t.engine);
        let title: String = sqlx::query_scalar("SELECT title FROM concept_translations WHERE concept_id = $1")
            .bind(id)
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        assert_eq!(title, "La première version");
        t
    })
    .await;
}

#[tokio::test]
async fn bad_input_gets_field_errors_and_changes_nothing() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        let count = || async {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM concepts").fetch_one(t.db.pool()).await.unwrap()
        };
        let cases: [(&[(&str, &str)], &str, &str); 6] = [
            (&[("facts[sdgs][]", "18")], "sdgs", "unknown"),
            (&[("facts[areas][]", "astrology")], "areas", "unknown"),
            (&[("facts[countries][]", "XX")], "countries", "unknown"),
            (&[("facts[groups][]", "g20")], "groups", "unknown"),
            (&[("facts[budget]", "a lot")], "budget", "invalid"),
            (&[("facts[ends_on]", "2020-01-01")], "ends_on", "before_start"),
        ];
        for (extra, field, code) in cases {
            let mut fields: Vec<(&str, &str)> = facts(&[])
                .into_iter()
                .filter(|(k, _)| !extra.iter().any(|(e, _)| e == k && !k.ends_with("[]")))
                .collect();
            fields.extend_from_slice(extra);
            fields.extend(text(FR_TITLE, "Résumé.", ""));
            let a = create(&t, &editor, &fields).await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {}", a.body);
            assert!(a.body.contains(field) && a.body.contains(code), "{field}: {}", a.body);
        }
        let mut fields = facts(&[]);
        fields.extend(text("", "", ""));
        let a = create(&t, &editor, &fields).await;
        assert!(a.body.contains("title") && a.body.contains("required"), "{}", a.body);
        assert_eq!(count().await, 0, "nothing was stored on {}", t.engine);
        // Missing arguments altogether: a clear 422, never a 500.
        let a = send(&t, post("/api/staff/concept_create", &[("locale", "fr")], Some(&editor), false)).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
        t
    })
    .await;
}

const XSS: [&str; 5] = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "\"><svg onload=alert(1)>",
    "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
];

#[tokio::test]
async fn scripts_in_any_field_stay_inert_on_every_page() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        let publisher = staff_session(&t, Role::Publisher).await;
        let payload = XSS.join(" ");
        let mut fields = facts(&[("facts[focal_name]", XSS[1])]);
        fields.retain(|(k, v)| *k != "facts[focal_name]" || *v == XSS[1]);
        let title = format!("Safe title {} </title><script>alert(2)</script>", XSS[3]);
        fields.extend(text(&title, &payload, &payload));
        let a = create(&t, &editor, &fields).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let id: i64 = a.body.parse().unwrap();
        move_to(&t, &editor, id, "in_review").await;
        assert_eq!(move_to(&t, &publisher, id, "published").await, StatusCode::OK);
        let slug: String = sqlx::query_scalar("SELECT slug FROM concepts WHERE id = $1")
            .bind(id)
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        for page in [
            format!("/fr/concepts/{slug}"),
            "/fr/concepts".to_owned(),
            "/fr".to_owned(),
            format!("/fr/staff/concepts/{id}"),
        ] {
            let cookie = page.contains("staff").then_some(editor.as_str());
            let a = send(&t, get(&page, cookie)).await;
            assert_eq!(a.status, StatusCode::OK, "{page}");
            // The title element holds text only (RCDATA): it must not be closed early.
            assert_eq!(a.body.matches("</title>").count(), 1, "{page} on {}", t.engine);
            let (head, rest) = a.body.split_at(a.body.find("<title>").unwrap_or(0));
            let body = format!("{head}{}", rest.split_once("</title>").map_or(rest, |(_, after)| after));
            // As text the payloads may show (escaped); as markup, never.
            for bad in ["<script>alert", "<img src=x", "<svg onload", "<a href=\"javascript", "<a href=\"data:"] {
                let at = body.find(bad).unwrap_or(0);
                let context =
                    &body[body.floor_char_boundary(at.saturating_sub(300))..body.floor_char_boundary(at + 100)];
                assert!(!body.contains(bad), "{page} on {}: {bad} in …{context}…", t.engine);
            }
        }
        t
    })
    .await;
}

async fn remove(t: &TestDb, cookie: &str, id: i64, locale: &str) -> common::web::Answer {
    let (ids, v) = (id.to_string(), version(t, id).await.to_string());
    send(
        t,
        post(
            "/api/staff/translation_delete",
            &[("id", &ids), ("version", &v), ("locale", locale)],
            Some(cookie),
            false,
        ),
    )
    .await
}

#[tokio::test]
async fn the_original_text_cannot_be_removed_and_translations_can() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        let mut fields = facts(&[]);
        fields.extend(text(FR_TITLE, "Résumé.", ""));
        let id: i64 = create(&t, &editor, &fields).await.body.parse().unwrap();
        let ids = id.to_string();
        let a = remove(&t, &editor, id, "fr").await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
        assert_eq!(remove(&t, &editor, id, "es").await.status, StatusCode::NOT_FOUND);
        let v = version(&t, id).await.to_string();
        let mut f = vec![("id", ids.as_str()), ("version", v.as_str()), ("locale", "es")];
        f.extend(text("Laboratorios de fibra óptica", "Resumen.", ""));
        assert_eq!(
            send(&t, post("/api/staff/translation_save", &f, Some(&editor), false)).await.status,
            StatusCode::OK
        );
        assert_eq!(remove(&t, &editor, id, "es").await.status, StatusCode::OK);
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM concept_translations WHERE concept_id = $1")
            .bind(id)
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        assert_eq!(n, 1);
        t
    })
    .await;
}
