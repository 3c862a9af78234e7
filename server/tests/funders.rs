//! Suggested funders on both engines: ranked from the demo record and the funders' profiles,
//! with their evidence; a funder marked "not a fit" leaves the list with its reason audited,
//! and comes back when staff say so; bad input changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests and benchmarks: a panic is a failed run.
mod common;

use app::domain::funder_fit::{Exclusion, Factor, FunderSuggestions};
use app::domain::staff::Role;
use common::web::{get, post, send, staff_session};
use common::{TestDb, on_every_engine};
use http::StatusCode;

async fn suggestions(t: &TestDb, cookie: &str, concept: i64) -> FunderSuggestions {
    let fields = [("concept", concept.to_string()), ("locale", "en".to_owned())];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let a = send(t, post("/api/staff/funder_suggestions", &fields, Some(cookie), false)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    serde_json::from_str(&a.body).unwrap()
}

async fn mark(t: &TestDb, cookie: &str, concept: i64, organisation: i64, reason: &str) -> common::web::Answer {
    let (concept, organisation) = (concept.to_string(), organisation.to_string());
    let fields = [("concept", concept.as_str()), ("organisation", organisation.as_str()), ("reason", reason)];
    send(t, post("/api/staff/funder_not_a_fit", &fields, Some(cookie), false)).await
}

#[tokio::test]
async fn a_concepts_funders_are_ranked_with_their_evidence_and_one_marked_not_a_fit_leaves() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        app::ssr::seed::agreements(&t.db, app::ssr::infra::clock::now()).await.unwrap();
        let editor = staff_session(&t, Role::Editor).await;
        let pool = t.db.pool();
        // A demo concept whose agreement came from a signed interest: its funder has evidence.
        let (concept, agreement, funder): (i64, i64, i64) = sqlx::query_as(
            "SELECT a.concept_id, a.id, p.organisation_id FROM agreements a \
             JOIN agreement_parties p ON p.agreement_id = a.id AND p.role = 'funding' \
             WHERE a.concept_id IS NOT NULL ORDER BY a.concept_id LIMIT 1",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        let s = suggestions(&t, &editor, concept).await;
        assert!(!s.ranked.is_empty(), "{}", t.engine);
        let scores: Vec<i64> = s.ranked.iter().map(|r| r.score).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "highest first: {scores:?}");
        let ours = s.ranked.iter().find(|r| r.organisation == funder).expect("the concept's own funder");
        assert!(
            ours.factors.iter().any(|f| matches!(f, Factor::PastArea { agreements, .. } if agreements.contains(&agreement))),
            "{:?}",
            ours.factors
        );
        assert!(!s.areas.is_empty() && s.names.iter().any(|(code, _)| code == &format!("area:{}", s.areas[0])));

        // A stated profile counts, and its limitations set a funder apart.
        let area = &s.areas[0];
        let other: i64 = s.ranked.iter().map(|r| r.organisation).find(|o| *o != funder).unwrap();
        let area_id: i64 =
            sqlx::query_scalar("SELECT id FROM areas WHERE code = $1").bind(area).fetch_one(pool).await.unwrap();
        for (organisation, excluded) in [(funder, 0), (other, 1)] {
            let profile: i64 = sqlx::query_scalar(
                "INSERT INTO funder_profiles (organisation_id, original_locale, created_at, updated_at) \
                 VALUES ($1, 'en', 0, 0) RETURNING id",
            )
            .bind(organisation)
            .fetch_one(pool)
            .await
            .unwrap();
            sqlx::query("INSERT INTO funder_areas (profile_id, area_id, weight, excluded) VALUES ($1, $2, 3, $3)")
                .bind(profile)
                .bind(area_id)
                .bind(excluded)
                .execute(pool)
                .await
                .unwrap();
        }
        let s = suggestions(&t, &editor, concept).await;
        let ours = s.ranked.iter().find(|r| r.organisation == funder).unwrap();
        assert_eq!(ours.factors[0], Factor::StatedArea { areas: vec![area.clone()], points: 30 });
        assert!(s.ranked.iter().all(|r| r.organisation != other));
        assert!(s.excluded.iter().any(|(o, _, why)| *o == other && *why == Exclusion::ExcludedArea(area.clone())));

        // "Not a fit" needs a reason; without one nothing is stored.
        let a = mark(&t, &editor, concept, funder, "  ").await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
        assert!(a.body.contains("\"reason\"") && a.body.contains("required"), "{}", a.body);
        let a = mark(&t, &editor, concept, 999_999, "No such funder").await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{}", a.body);
        let marked: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM funder_not_a_fit").fetch_one(pool).await.unwrap();
        assert_eq!(marked, 0);

        let a = mark(&t, &editor, concept, funder, "Their board has just closed the digital window.").await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let s = suggestions(&t, &editor, concept).await;
        assert!(s.ranked.iter().all(|r| r.organisation != funder), "gone from the list");
        assert_eq!(s.not_a_fit.len(), 1);
        assert_eq!(s.not_a_fit[0].reason, "Their board has just closed the digital window.");
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE subject_kind = 'concept' AND subject_id = $1 AND action = 'funder_not_a_fit'",
        )
        .bind(concept)
        .fetch_one(pool)
        .await
        .unwrap();
        assert_eq!(audited, 1);
        let page = send(&t, get(&format!("/en/staff/concepts/{concept}"), Some(&editor))).await;
        assert!(page.body.contains("Suggested funders") && page.body.contains("Marked not a fit"), "{}", t.engine);

        // And back.
        let f = [("concept", concept.to_string()), ("organisation", funder.to_string())];
        let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let a = send(&t, post("/api/staff/funder_fit_again", &f, Some(&editor), false)).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let s = suggestions(&t, &editor, concept).await;
        assert!(s.ranked.iter().any(|r| r.organisation == funder) && s.not_a_fit.is_empty());

        // An unknown concept is not found.
        let f = [("concept", "999999"), ("locale", "en")];
        let a = send(&t, post("/api/staff/funder_suggestions", &f, Some(&editor), false)).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND);
        t
    })
    .await;
}

#[tokio::test]
async fn the_demo_profiles_are_the_record_s_funders_and_give_the_demo_concepts_evidence() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        let now = app::ssr::infra::clock::now();
        app::ssr::seed::agreements(&t.db, now).await.unwrap();
        assert_eq!(app::ssr::seed::funders(&t.db, now).await.unwrap(), 110, "{}", t.engine);
        assert_eq!(app::ssr::seed::funders(&t.db, now).await.unwrap(), 0, "seeded once");
        let pool = t.db.pool();
        let kinds: Vec<(String, i64)> = sqlx::query_as(
            "SELECT CASE WHEN o.kind = 'other_public' THEN 'government' WHEN o.name LIKE '%Bank%' THEN 'bank' \
               WHEN o.kind IN ('ngo', 'academic') THEN 'other' ELSE o.kind END AS k, COUNT(*) \
             FROM funder_profiles f JOIN organisations o ON o.id = f.organisation_id GROUP BY k ORDER BY k",
        )
        .fetch_all(pool)
        .await
        .unwrap();
        let kinds: Vec<(&str, i64)> = kinds.iter().map(|(k, n)| (k.as_str(), *n)).collect();
        assert_eq!(
            kinds,
            [("bank", 8), ("foundation", 12), ("government", 30), ("multilateral", 15), ("other", 10), ("private_sector", 35)]
        );
        // Every stated priority area is one its agreements show, and most profiles state some.
        let stated: i64 = sqlx::query_scalar(
            "SELECT COUNT(DISTINCT profile_id) FROM funder_areas WHERE excluded = 0",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        assert!(stated >= 95, "{stated}");
        let unfounded: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM funder_areas fa JOIN funder_profiles f ON f.id = fa.profile_id WHERE fa.excluded = 0 \
             AND NOT EXISTS (SELECT 1 FROM agreement_parties p JOIN agreement_areas aa ON aa.agreement_id = p.agreement_id \
               WHERE p.organisation_id = f.organisation_id AND p.role = 'funding' AND aa.area_id = fa.area_id)",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        assert_eq!(unfounded, 0);
        // A demo concept's suggestions cite stated priorities and past agreements.
        let editor = staff_session(&t, Role::Editor).await;
        let concept: i64 = sqlx::query_scalar("SELECT MIN(concept_id) FROM agreements WHERE concept_id IS NOT NULL")
            .fetch_one(pool)
            .await
            .unwrap();
        let s = suggestions(&t, &editor, concept).await;
        assert!(s.ranked.len() >= 5, "{}", s.ranked.len());
        // The signed demo interest's page leads to its funder's profile, when it has one.
        let (interest, organisation): (i64, i64) = sqlx::query_as(
            "SELECT id, organisation_id FROM interests WHERE organisation_id IS NOT NULL ORDER BY id LIMIT 1",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        let page = send(&t, get(&format!("/en/staff/interests/{interest}"), Some(&editor))).await;
        let has: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM funder_profiles WHERE organisation_id = $1")
            .bind(organisation)
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(page.body.contains(&format!("/en/staff/funders/{organisation}")), has == 1);
        sqlx::query(
            "INSERT INTO funder_profiles (organisation_id, original_locale, created_at, updated_at) VALUES ($1, 'en', 0, 0) \
             ON CONFLICT (organisation_id) DO NOTHING",
        )
        .bind(organisation)
        .execute(pool)
        .await
        .unwrap();
        let page = send(&t, get(&format!("/en/staff/interests/{interest}"), Some(&editor))).await;
        assert!(page.body.contains(&format!("/en/staff/funders/{organisation}")), "{}", t.engine);
        let top = &s.ranked[0];
        assert!(top.factors.iter().any(|f| matches!(f, Factor::StatedArea { .. })), "{:?}", top.factors);
        assert!(top.factors.iter().any(|f| matches!(f, Factor::PastArea { .. })), "{:?}", top.factors);
        t
    })
    .await;
}

#[tokio::test]
async fn the_directory_filters_and_public_profiles_never_show_the_relationship_or_confidential_agreements() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        let now = app::ssr::infra::clock::now();
        app::ssr::seed::agreements(&t.db, now).await.unwrap();
        app::ssr::seed::funders(&t.db, now).await.unwrap();
        let pool = t.db.pool();
        let directory = |query: &'static str| {
            let t = &t;
            async move {
                let body = format!(r#"{{"locale":"en","query":{query}}}"#);
                let req = http::Request::post("/api/funders")
                    .header(http::header::CONTENT_TYPE, "application/json")
                    .header(http::header::HOST, "127.0.0.1:3000")
                    .header("sec-fetch-site", "same-origin")
                    .body(axum::body::Body::from(body))
                    .unwrap();
                let a = send(t, req).await;
                assert_eq!(a.status, StatusCode::OK, "{}", a.body);
                serde_json::from_str::<app::domain::funder::FunderDirectory>(&a.body).unwrap()
            }
        };
        let all = directory(r#"{"q":"","page":1}"#).await;
        assert_eq!(all.total, 110, "{}", t.engine);
        assert_eq!(all.cards.len(), 20, "a page");
        let filtered =
            directory(r#"{"q":"","kind":"foundation","area":"digital_inclusion","region":"africa","page":1}"#).await;
        assert!(filtered.total > 0 && filtered.total < 12, "{}", filtered.total);
        let expected: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM funder_profiles f JOIN organisations o ON o.id = f.organisation_id \
             WHERE o.kind = 'foundation' \
             AND EXISTS (SELECT 1 FROM funder_areas a JOIN areas t ON t.id = a.area_id \
               WHERE a.profile_id = f.id AND a.excluded = 0 AND t.code = 'digital_inclusion') \
             AND EXISTS (SELECT 1 FROM funder_places p LEFT JOIN countries c ON c.code = p.country_code \
               JOIN regions r ON r.id = COALESCE(p.region_id, c.region_id) \
               WHERE p.profile_id = f.id AND p.excluded = 0 AND r.code IN ('africa', 'global'))",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        assert_eq!(filtered.total, expected);
        for c in &filtered.cards {
            assert!(c.areas.iter().any(|a| a.code == "digital_inclusion"));
            assert!(c.completeness <= 100);
        }

        // A funder with a confidential agreement and notes: the public sees neither.
        let (organisation, profile): (i64, i64) = sqlx::query_as(
            "SELECT f.organisation_id, f.id FROM funder_profiles f WHERE EXISTS (SELECT 1 FROM agreement_parties p \
               JOIN agreements a ON a.id = p.agreement_id WHERE p.organisation_id = f.organisation_id \
               AND p.role = 'funding' AND a.public = 0 AND a.amends_id IS NULL) ORDER BY f.id LIMIT 1",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        sqlx::query("UPDATE funder_profiles SET notes = 'Confidential: board seat negotiations' WHERE id = $1")
            .bind(profile)
            .execute(pool)
            .await
            .unwrap();
        let org = organisation.to_string();
        let fields = [("locale", "en"), ("organisation", org.as_str())];
        let public = send(&t, post("/api/funder_profile", &fields, None, false)).await;
        assert_eq!(public.status, StatusCode::OK, "{}", public.body);
        assert!(!public.body.contains("board seat"), "no notes in the public JSON");
        let public: app::domain::funder::FunderProfile = serde_json::from_str(&public.body).unwrap();
        assert_eq!(public.relationship, None);
        let editor = staff_session(&t, Role::Editor).await;
        let staff = send(&t, post("/api/staff/funder_profile", &fields, Some(&editor), false)).await;
        let staff: app::domain::funder::FunderProfile = serde_json::from_str(&staff.body).unwrap();
        assert_eq!(staff.relationship.unwrap().notes, "Confidential: board seat negotiations");
        assert!(staff.observed.count > public.observed.count, "the confidential agreement counts for staff only");
        assert!(staff.observed.total_usd_cents >= public.observed.total_usd_cents);
        let html = send(&t, get(&format!("/en/funders/{organisation}"), None)).await;
        assert_eq!(html.status, StatusCode::OK);
        assert!(html.body.contains(&public.name.split('\'').next().unwrap().to_owned()));
        assert!(!html.body.contains("board seat"), "nor in the public page or its serialized state");
        let html = send(&t, get(&format!("/en/staff/funders/{organisation}"), Some(&editor))).await;
        assert!(html.body.contains("board seat"), "staff see it");
        let anonymous = send(&t, get(&format!("/en/staff/funders/{organisation}"), None)).await;
        assert!(!anonymous.body.contains("board seat"));
        // The directory as CSV: the same funders, public fields only.
        let csv =
            send(&t, get("/api/funders.csv?kind=foundation&area=digital_inclusion&region=africa&lang=fr", None)).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert_eq!(csv.body.lines().count() as i64, filtered.total + 1, "{}", csv.body);
        assert!(csv.body.contains("Inclusion numérique") && !csv.body.contains("board seat"));

        // An unknown funder is not found.
        let a =
            send(&t, post("/api/funder_profile", &[("locale", "en"), ("organisation", "999999")], None, false)).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND);
        t
    })
    .await;
}

#[tokio::test]
async fn administrators_set_the_weights_and_suggestions_follow_them() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        let now = app::ssr::infra::clock::now();
        app::ssr::seed::agreements(&t.db, now).await.unwrap();
        app::ssr::seed::funders(&t.db, now).await.unwrap();
        let admin = staff_session(&t, Role::Admin).await;
        let concept: i64 = sqlx::query_scalar("SELECT MIN(concept_id) FROM agreements WHERE concept_id IS NOT NULL")
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        let before = suggestions(&t, &admin, concept).await;
        assert!(before.ranked.iter().any(|r| r.factors.iter().any(|f| matches!(f, Factor::StatedArea { .. }))));
        let weights = |stated: &'static str, size: &'static str| {
            vec![
                ("form[stated_area]", stated),
                ("form[past_area]", "25"),
                ("form[place]", "20"),
                ("form[funding_type]", "10"),
                ("form[size]", size),
                ("form[relationship]", "15"),
                ("form[pending_due_diligence]", "20"),
            ]
        };
        // Out of range: named, nothing changes.
        let a = send(&t, post("/api/admin/funder_weights_save", &weights("0", "101"), Some(&admin), false)).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
        assert!(a.body.contains("\"size\"") && !a.body.contains("stated_area"), "{}", a.body);
        assert_eq!(suggestions(&t, &admin, concept).await, before);
        // Stated priorities switched off: no funder is suggested for them any more.
        let a = send(&t, post("/api/admin/funder_weights_save", &weights("0", "10"), Some(&admin), false)).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let after = suggestions(&t, &admin, concept).await;
        assert!(after.ranked.iter().all(|r| r.factors.iter().all(|f| !matches!(f, Factor::StatedArea { .. }))));
        let a = send(&t, post("/api/staff/funder_weights", &[], Some(&admin), false)).await;
        let w: app::domain::funder_fit::Weights = serde_json::from_str(&a.body).unwrap();
        assert_eq!(w.stated_area, 0);
        let audited: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'funder_weights'")
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        assert_eq!(audited, 1);
        t
    })
    .await;
}

#[tokio::test]
async fn editors_record_and_change_profiles_publishers_mark_them_reviewed_and_bad_input_stores_nothing() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        let publisher = staff_session(&t, Role::Publisher).await;
        let fields = [
            ("locale", "en"),
            ("id", "0"),
            ("form[name]", "Fonds Horizon"),
            ("form[kind]", "foundation"),
            ("form[due_diligence]", "cleared"),
        ];
        let a = send(&t, post("/api/staff/organisation_save", &fields, Some(&editor), false)).await;
        let organisation: i64 = a.body.parse().unwrap();
        let org = organisation.to_string();
        let save = |cookie: String, create: &'static str, extra: Vec<(&'static str, &'static str)>| {
            let (t, org) = (&t, org.clone());
            async move {
                let mut fields: Vec<(&str, &str)> = vec![
                    ("organisation", org.as_str()),
                    ("create", create),
                    ("form[original_locale]", "fr"),
                    ("form[mandate]", "Soutenir l’inclusion **numérique** en Afrique."),
                    ("form[area][]", "digital_inclusion"),
                    ("form[area_weight][]", "3"),
                    ("form[area][]", "cybersecurity"),
                    ("form[area_weight][]", "excluded"),
                    ("form[place][]", "region:africa"),
                    ("form[place_mode][]", "focus"),
                    ("form[sdg][]", "9"),
                    ("form[funding_type][]", "grant"),
                    ("form[mechanism][]", "pooled_fund"),
                    ("form[amount_low]", "50000"),
                    ("form[currency]", "EUR"),
                    ("form[source]", "Annual report 2025"),
                    ("form[notes]", "Private: met the board in October"),
                ];
                fields.extend(extra);
                send(t, post("/api/staff/funder_profile_save", &fields, Some(&cookie), false)).await
            }
        };
        let rows = || async {
            let n: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM funder_profiles").fetch_one(t.db.pool()).await.unwrap();
            n
        };

        // Bad input: every field named, nothing stored.
        let a = save(
            editor.clone(),
            "true",
            vec![
                ("form[amount_high]", "1000"),
                ("form[area][]", "no_such_area"),
                ("form[area_weight][]", "2"),
                ("form[place][]", "country:QQ"),
                ("form[place_mode][]", "focus"),
            ],
        )
        .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
        assert!(a.body.contains("range_upside_down"), "{}", a.body);
        assert_eq!(rows().await, 0);
        let a =
            save(editor.clone(), "true", vec![("form[area][]", "no_such_area"), ("form[area_weight][]", "2")]).await;
        assert!(a.body.contains("area.2") && a.body.contains("unknown"), "{}", a.body);
        assert_eq!(rows().await, 0);

        // Recorded; a second profile for the same organisation is refused.
        let a = save(editor.clone(), "true", vec![("form[amount_high]", "2000000")]).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let a = save(editor.clone(), "true", vec![]).await;
        assert!(a.status == StatusCode::UNPROCESSABLE_ENTITY && a.body.contains("profile_exists"), "{}", a.body);
        assert_eq!(rows().await, 1);
        let form =
            send(&t, post("/api/staff/funder_profile_form", &[("organisation", &org)], Some(&editor), false)).await;
        let (form, exists): (app::domain::funder::FunderForm, bool) = serde_json::from_str(&form.body).unwrap();
        assert!(exists);
        assert_eq!(
            (form.area.as_slice(), form.area_weight.as_slice()),
            (
                &["digital_inclusion".to_owned(), "cybersecurity".to_owned()][..],
                &["3".to_owned(), "excluded".to_owned()][..]
            )
        );
        assert_eq!((form.amount_low.as_str(), form.amount_high.as_str()), ("50000", "2000000"));

        // Changed; the public see the stated profile, never the notes.
        let a = save(editor.clone(), "false", vec![("form[amount_high]", "3000000")]).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let public =
            send(&t, post("/api/funder_profile", &[("locale", "en"), ("organisation", &org)], None, false)).await;
        assert!(!public.body.contains("met the board"), "{}", public.body);
        let public: app::domain::funder::FunderProfile = serde_json::from_str(&public.body).unwrap();
        assert_eq!(public.amount_usd_cents, (Some(5_000_000), Some(300_000_000)));
        assert_eq!(
            public.areas.iter().map(|(n, w)| (n.code.as_str(), *w)).collect::<Vec<_>>(),
            [("digital_inclusion", 3)]
        );
        assert_eq!(public.excluded_areas.iter().map(|n| n.code.as_str()).collect::<Vec<_>>(), ["cybersecurity"]);
        assert_eq!(public.reviewed_on, None);
        let html = send(&t, get(&format!("/en/funders/{organisation}"), None)).await;
        assert!(html.body.contains("Fonds Horizon") && !html.body.contains("met the board"));

        // Publishers mark it reviewed; editors may not.
        let a = send(&t, post("/api/publisher/funder_reviewed", &[("organisation", &org)], Some(&editor), false)).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN);
        let a =
            send(&t, post("/api/publisher/funder_reviewed", &[("organisation", &org)], Some(&publisher), false)).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let public =
            send(&t, post("/api/funder_profile", &[("locale", "en"), ("organisation", &org)], None, false)).await;
        let public: app::domain::funder::FunderProfile = serde_json::from_str(&public.body).unwrap();
        assert_eq!(public.reviewed_on, Some(app::domain::format::iso_date(app::ssr::infra::clock::now())));
        let audited: Vec<String> = sqlx::query_scalar(
            "SELECT action FROM audit_log WHERE subject_kind = 'organisation' AND subject_id = $1 ORDER BY id",
        )
        .bind(organisation)
        .fetch_all(t.db.pool())
        .await
        .unwrap();
        assert!(
            audited.ends_with(&[
                "funder_profile_saved".into(),
                "funder_profile_saved".into(),
                "funder_reviewed".into()
            ]),
            "{audited:?}"
        );
        // An unknown organisation has no form and gets no profile.
        let a =
            send(&t, post("/api/staff/funder_profile_form", &[("organisation", "999999")], Some(&editor), false)).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND);
        t
    })
    .await;
}
