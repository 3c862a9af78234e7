//! The matching rule on both engines, through the reach a publisher sees before publishing:
//! areas, regions (directly or through their countries), countries, groups (directly or
//! through member countries), Global, "nothing chosen means all", active subscribers only.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests and benchmarks: a panic is a failed run.
mod common;

use app::domain::staff::Role;
use common::web::{create_draft, post, send, staff_session};
use common::{TestDb, on_every_engine};
use http::StatusCode;

/// A subscriber following `criteria` (`area:code`, `region:code`, `country:XX`, `group:ldc`).
async fn subscriber(t: &TestDb, n: usize, status: &str, criteria: &[&str]) {
    let email = format!("s{n}@example.org");
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO subscribers (email, organisation, entity_type, contact_name, locale, frequency, status, created_at) \
         VALUES ($1, 'Org', 'ngo', 'Contact', 'en', 'immediate', $2, 0) RETURNING id",
    )
    .bind(&email)
    .bind(status)
    .fetch_one(t.db.pool())
    .await
    .unwrap();
    for c in criteria {
        let (kind, code) = c.split_once(':').unwrap();
        let sql = match kind {
            "area" => "INSERT INTO subscriber_areas (subscriber_id, area_id) SELECT $1, id FROM areas WHERE code = $2",
            "region" => {
                "INSERT INTO subscriber_regions (subscriber_id, region_id) SELECT $1, id FROM regions WHERE code = $2"
            }
            "country" => "INSERT INTO subscriber_countries (subscriber_id, country_code) VALUES ($1, $2)",
            _ => "INSERT INTO subscriber_groups (subscriber_id, grp) VALUES ($1, $2)",
        };
        let done = sqlx::query(sql).bind(id).bind(code.to_owned()).execute(t.db.pool()).await.unwrap();
        assert_eq!(done.rows_affected(), 1, "{c}");
    }
}

async fn reach(t: &TestDb, id: i64) -> i64 {
    let mut conn = t.db.pool().acquire().await.unwrap();
    app::ssr::db::matching::reach(&mut conn, id).await.unwrap()
}

#[tokio::test]
async fn the_matching_rule_counts_exactly_the_subscribers_a_concept_alerts() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        // Mali (Africa; LDC and LLDC), infrastructure.
        let mali = create_draft(
            &t,
            &editor,
            "Fibre for Mali",
            &[("facts[areas][]", "infrastructure"), ("facts[regions][]", "africa"), ("facts[countries][]", "ML")],
        )
        .await;
        let global = create_draft(
            &t,
            &editor,
            "A global toolkit",
            &[("facts[areas][]", "cybersecurity"), ("facts[regions][]", "global")],
        )
        .await;
        let fiji = create_draft(
            &t,
            &editor,
            "Island resilience",
            &[("facts[areas][]", "infrastructure"), ("facts[regions][]", "asia_pacific"), ("facts[groups][]", "sids")],
        )
        .await;
        assert_eq!(reach(&t, mali).await, 0, "nobody subscribed yet");

        // (criteria, matches Mali, matches the global concept, matches the island concept)
        let cases: [(&[&str], bool, bool, bool); 12] = [
            (&[], true, true, true),
            (&["area:infrastructure"], true, false, true),
            (&["area:cybersecurity"], false, true, false),
            (&["region:africa"], true, true, false),
            (&["region:europe"], false, true, false),
            (&["country:ML"], true, true, false),
            (&["country:FR"], false, true, false),
            (&["group:lldc"], true, true, false),
            (&["group:sids"], false, true, true),
            (&["area:infrastructure", "region:europe"], false, false, false),
            (&["area:infrastructure", "area:cybersecurity", "country:FJ"], false, true, false),
            (&["area:infrastructure", "group:sids", "region:africa"], true, false, true),
        ];
        for (n, (criteria, ..)) in cases.iter().enumerate() {
            subscriber(&t, n, "active", criteria).await;
        }
        // Not alerted whatever they follow: unconfirmed and unsubscribed addresses.
        subscriber(&t, 100, "pending", &[]).await;
        subscriber(&t, 101, "unsubscribed", &["country:ML"]).await;

        let expected = |pick: fn(&(&[&str], bool, bool, bool)) -> bool| cases.iter().filter(|c| pick(c)).count() as i64;
        assert_eq!(reach(&t, mali).await, expected(|c| c.1), "Mali on {}", t.engine);
        assert_eq!(reach(&t, global).await, expected(|c| c.2), "global on {}", t.engine);
        assert_eq!(reach(&t, fiji).await, expected(|c| c.3), "islands on {}", t.engine);

        // A publisher sees the reach in the editor before publishing.
        let publisher = staff_session(&t, Role::Publisher).await;
        let v: i64 = sqlx::query_scalar("SELECT version FROM concepts WHERE id = $1")
            .bind(mali)
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        let fields = [("id", mali.to_string()), ("version", v.to_string()), ("to", "in_review".to_owned())];
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(
            send(&t, post("/api/staff/concept_move", &fields, Some(&editor), false)).await.status,
            StatusCode::OK
        );
        let a = send(&t, post("/api/staff/concept_load", &[("id", &mali.to_string())], Some(&publisher), false)).await;
        let loaded: app::domain::editor::EditableConcept = serde_json::from_str(&a.body).unwrap();
        assert_eq!(loaded.reach, Some(expected(|c| c.1)));
        let a = send(&t, post("/api/staff/concept_load", &[("id", &mali.to_string())], Some(&editor), false)).await;
        let loaded: app::domain::editor::EditableConcept = serde_json::from_str(&a.body).unwrap();
        assert_eq!(loaded.reach, None, "editors cannot publish");
        t
    })
    .await;
}
