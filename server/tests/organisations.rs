//! The organisation registry on both engines: entries recorded and changed by editors with
//! every bad field refused and nothing stored, an interest's organisation suggested by
//! e-mail domain and name and linked only when staff say so, duplicates merged by an
//! administrator with everything moved, all of it in the audit log.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests and benchmarks: a panic is a failed run.
mod common;

use app::domain::interest::InterestDetail;
use app::domain::organisation::OrganisationPage;
use app::domain::staff::Role;
use common::mail::INFRA_AFRICA;
use common::web::{create_draft, post, publish, send, staff_session};
use common::{TestDb, on_every_engine};
use http::StatusCode;

/// The registry form's fields, from `pairs` over a valid foundation.
fn entry<'a>(id: &'a str, pairs: &[(&'a str, &'a str)]) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = [
        ("name", "Fundación Andina para el Desarrollo"),
        ("acronym", "FAD"),
        ("kind", "foundation"),
        ("country", "PE"),
        ("website", "https://andina.example.org"),
        ("email_domain", "andina.example.org"),
        ("membership", ""),
        ("member_since", ""),
        ("due_diligence", "pending"),
        ("due_diligence_on", "2026-11-02"),
        ("parent", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), pairs.iter().find(|(p, _)| *p == k).map_or(v, |(_, v)| *v).to_owned()))
    .collect();
    fields = fields.into_iter().map(|(k, v)| (format!("form[{k}]"), v)).collect();
    fields.insert(0, ("id".into(), id.into()));
    fields.insert(0, ("locale".into(), "en".into()));
    fields
}

async fn save(t: &TestDb, cookie: &str, fields: &[(String, String)]) -> common::web::Answer {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    send(t, post("/api/staff/organisation_save", &fields, Some(cookie), false)).await
}

async fn page(t: &TestDb, cookie: &str, id: i64) -> OrganisationPage {
    let a = send(t, post("/api/staff/organisation", &[("id", &id.to_string()), ("locale", "en")], Some(cookie), false))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    serde_json::from_str(&a.body).unwrap()
}

async fn interest_detail(t: &TestDb, cookie: &str, id: i64) -> InterestDetail {
    let a =
        send(t, post("/api/staff/interest", &[("id", &id.to_string()), ("locale", "en")], Some(cookie), false)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    serde_json::from_str(&a.body).unwrap()
}

async fn count(t: &TestDb) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM organisations").fetch_one(t.db.pool()).await.unwrap()
}

/// An expression of interest from `email` for `organisation`, on a published concept.
async fn interest(t: &TestDb, editor: &str, publisher: &str, organisation: &str, email: &str) -> i64 {
    let concept = create_draft(t, editor, &format!("Concept for {email}"), &INFRA_AFRICA).await;
    publish(t, editor, publisher, concept).await;
    let slug: String = sqlx::query_scalar("SELECT slug FROM concepts WHERE id = $1")
        .bind(concept)
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    let shown = (app::ssr::infra::clock::now() - 30).to_string();
    let fields = [
        ("locale", "es"),
        ("slug", slug.as_str()),
        ("form[organisation]", organisation),
        ("form[entity_type]", "foundation"),
        ("form[country]", "PE"),
        ("form[contact_name]", "Rosa Quispe"),
        ("form[email]", email),
        ("form[role]", "Directora"),
        ("form[contribution]", "funding"),
        ("form[amount]", ""),
        ("form[message]", "Nos interesa."),
        ("form[consent]", "on"),
        ("form[website]", ""),
        ("form[shown_at]", shown.as_str()),
    ];
    let a = send(t, post("/api/interest/new", &fields, None, true)).await;
    assert!(a.status.is_redirection(), "{}", a.body);
    sqlx::query_scalar("SELECT MAX(id) FROM interests").fetch_one(t.db.pool()).await.unwrap()
}

#[tokio::test]
async fn editors_record_and_change_entries_and_bad_fields_store_nothing() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        let a = save(&t, &editor, &entry("0", &[])).await;
        assert_eq!(a.status, StatusCode::OK, "{}: {}", t.engine, a.body);
        let id: i64 = a.body.parse().unwrap();
        let p = page(&t, &editor, id).await;
        assert_eq!(p.record.name, "Fundación Andina para el Desarrollo");
        assert_eq!((p.record.kind.code(), p.record.country.as_deref()), ("foundation", Some("PE")));
        assert_eq!(p.record.country_name.as_deref(), Some("Peru"), "named in the reader's language");
        assert_eq!(p.record.due_diligence.code(), "pending");
        assert!(!p.record.demo);
        assert_eq!(p.history.len(), 1, "the creation is audited");
        assert_eq!(p.history[0].action, "organisation_created");

        // Every bad field is named, and nothing changes.
        let bad = entry(
            &id.to_string(),
            &[
                ("name", ""),
                ("kind", "club"),
                ("website", "ftp://x"),
                ("due_diligence_on", "2026-02-30"),
                ("country", "PER"),
            ],
        );
        let a = save(&t, &editor, &bad).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
        for field in ["name", "kind", "website", "due_diligence_on", "country"] {
            assert!(a.body.contains(&format!("\"{field}\"")), "{field}: {}", a.body);
        }
        assert_eq!(page(&t, &editor, id).await.record.name, "Fundación Andina para el Desarrollo");
        let a = save(&t, &editor, &entry("0", &[("membership", ""), ("member_since", "2010-01-01")])).await;
        assert!(a.body.contains("membership") && a.body.contains("required"), "{}", a.body);
        assert_eq!(count(&t).await, 1, "{}: nothing stored", t.engine);

        // A parent must exist and must not be the entry itself or below it.
        let child: i64 = save(&t, &editor, &entry("0", &[("name", "Andina Perú"), ("parent", &id.to_string())]))
            .await
            .body
            .parse()
            .unwrap();
        let a = save(&t, &editor, &entry(&id.to_string(), &[("parent", &child.to_string())])).await;
        assert!(a.body.contains("parent"), "a loop is refused: {}", a.body);
        let a = save(&t, &editor, &entry(&id.to_string(), &[("parent", "999999")])).await;
        assert!(a.body.contains("parent"), "{}", a.body);
        assert_eq!(page(&t, &editor, id).await.children, [(child, "Andina Perú".to_owned())]);

        // A change is saved and audited with what changed.
        let a = save(
            &t,
            &editor,
            &entry(&id.to_string(), &[("due_diligence", "cleared"), ("membership", "sector_member")]),
        )
        .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let p = page(&t, &editor, id).await;
        assert_eq!(
            (p.record.due_diligence.code(), p.record.membership.map(|m| m.code())),
            ("cleared", Some("sector_member"))
        );
        let changed = &p.history[0];
        assert_eq!(changed.action, "organisation_updated");
        let list = changed.detail.iter().find(|(k, _)| k == "changed").map(|(_, v)| v.clone()).unwrap();
        assert!(list.contains("due_diligence") && list.contains("membership") && !list.contains("name"), "{list}");

        // The list finds it by name without accents, by acronym and by domain.
        for q in ["andina para", "FAD", "andina.example"] {
            let a = send(
                &t,
                post("/api/staff/organisations", &[("q", q), ("kind", ""), ("page", "1")], Some(&editor), false),
            )
            .await;
            let list: app::api::organisations::OrganisationList = serde_json::from_str(&a.body).unwrap();
            assert!(list.rows.iter().any(|r| r.id == id), "{q} on {}: {}", t.engine, a.body);
        }
        let a = send(
            &t,
            post("/api/staff/organisations", &[("q", ""), ("kind", "club"), ("page", "1")], Some(&editor), false),
        )
        .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
        t
    })
    .await;
}

#[tokio::test]
async fn an_interest_is_linked_only_when_staff_choose_a_suggestion_and_merges_move_everything() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        let publisher = staff_session(&t, Role::Publisher).await;
        let admin = staff_session(&t, Role::Admin).await;
        let by_domain: i64 =
            save(&t, &editor, &entry("0", &[("name", "Andean Development Foundation")])).await.body.parse().unwrap();
        let by_name: i64 = save(
            &t,
            &editor,
            &entry("0", &[("name", "Fundacion Andina para el Desarrollo"), ("email_domain", ""), ("acronym", "")]),
        )
        .await
        .body
        .parse()
        .unwrap();
        let unrelated: i64 = save(
            &t,
            &editor,
            &entry("0", &[("name", "Pacific Telecom"), ("email_domain", "pacific.example"), ("acronym", "PT")]),
        )
        .await
        .body
        .parse()
        .unwrap();
        let id =
            interest(&t, &editor, &publisher, "Fundación Andina para el Desarrollo", "rosa@andina.example.org").await;

        // Suggested, not linked: the same domain first, then the same name (accents aside).
        let d = interest_detail(&t, &editor, id).await;
        assert_eq!(d.organisation, None, "{}: never linked automatically", t.engine);
        let ids: Vec<i64> = d.suggestions.iter().map(|s| s.id).collect();
        assert_eq!(ids, [by_domain, by_name], "{}", t.engine);
        assert!(d.suggestions[0].same_domain && d.suggestions[1].same_name && !d.suggestions[1].same_domain);
        assert!(!ids.contains(&unrelated));

        // Linking names the entry on the interest, and both remember it.
        let link = |org: i64| {
            post(
                "/api/staff/interest_organisation",
                &[("interest", &id.to_string()), ("organisation", &org.to_string())],
                Some(&editor),
                false,
            )
        };
        assert_eq!(send(&t, link(999_999)).await.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(send(&t, link(by_name)).await.status, StatusCode::OK);
        let d = interest_detail(&t, &editor, id).await;
        assert_eq!(d.organisation.as_ref().map(|o| o.id), Some(by_name));
        assert!(!d.suggestions.iter().any(|s| s.id == by_name), "the linked one is not suggested again");
        assert!(d.history.iter().any(|h| h.action == "organisation_linked"));
        let p = page(&t, &editor, by_name).await;
        assert_eq!(p.interests.len(), 1);
        assert!(p.history.iter().any(|h| h.action == "interest_linked"));

        // Merging: administrators only; everything moves to the survivor, the duplicate goes.
        let merge = |cookie: &str, survivor: i64, duplicate: i64| {
            post(
                "/api/admin/organisation_merge",
                &[("survivor", &survivor.to_string()), ("duplicate", &duplicate.to_string())],
                Some(cookie),
                false,
            )
        };
        assert_eq!(send(&t, merge(&editor, by_domain, by_name)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(send(&t, merge(&admin, by_domain, by_domain)).await.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(send(&t, merge(&admin, by_domain, 999_999)).await.status, StatusCode::UNPROCESSABLE_ENTITY);
        let a = send(&t, merge(&admin, by_domain, by_name)).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        assert_eq!(interest_detail(&t, &editor, id).await.organisation.map(|o| o.id), Some(by_domain));
        assert_eq!(count(&t).await, 2, "{}: the duplicate is gone", t.engine);
        let p = page(&t, &editor, by_domain).await;
        assert_eq!(p.interests.len(), 1);
        let merged = p.history.iter().find(|h| h.action == "organisation_merged").expect("the merge is audited");
        assert!(merged.detail.contains(&("interests".into(), "1".into())), "{:?}", merged.detail);
        assert!(merged.detail.contains(&("merged".into(), "Fundacion Andina para el Desarrollo".into())));
        t
    })
    .await;
}

#[tokio::test]
async fn subscribers_are_offered_by_domain_and_name_and_linked_only_by_hand() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        let a = save(&t, &editor, &entry("0", &[])).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let org: i64 = a.body.parse().unwrap();
        let (state, _dir) = common::mail::app_state(&t, &[]);
        // One at the entry's domain, one typing its name, one neither.
        for (email, organisation) in [
            ("ana@andina.example.org", "Andina"),
            ("luis@gmail.example.com", "fundacion andina para el desarrollo"),
            ("zoe@other.example.net", "Otra Fundación"),
        ] {
            let mut fields = common::mail::subscription(email, "es", "weekly", &[("form[areas][]", "infrastructure")]);
            fields[1] = ("form[organisation]", organisation);
            let a = common::mail::subscribe(&state, &fields).await;
            assert!(a.status.is_redirection(), "{}: {}", a.status, a.body);
        }
        let p = page(&t, &editor, org).await;
        let offered: Vec<(&str, bool, bool, bool)> =
            p.subscriber_links.iter().map(|s| (s.email.as_str(), s.linked, s.same_domain, s.same_name)).collect();
        assert_eq!(
            offered,
            [("ana@andina.example.org", false, true, false), ("luis@gmail.example.com", false, false, true)]
        );
        assert_eq!(p.subscribers, 0, "offered, never linked on its own");

        // Linked by hand, counted and listed first; unlinked again; both audited.
        let ana = p.subscriber_links[0].id.to_string();
        let link = |to: i64| vec![("subscriber".to_owned(), ana.clone()), ("organisation".to_owned(), to.to_string())];
        let fields = link(org);
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let refused = send(&t, post("/api/staff/subscriber_organisation", &fields, None, false)).await;
        assert!(matches!(refused.status.as_u16(), 401 | 303), "{}", refused.status);
        let a = send(&t, post("/api/staff/subscriber_organisation", &fields, Some(&editor), false)).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let p = page(&t, &editor, org).await;
        assert_eq!(p.subscribers, 1);
        assert_eq!(
            (p.subscriber_links[0].email.as_str(), p.subscriber_links[0].linked),
            ("ana@andina.example.org", true)
        );
        assert_eq!(p.subscriber_links.iter().filter(|s| !s.linked).count(), 1, "the other is still offered");
        let unknown = link(999_999);
        let unknown: Vec<(&str, &str)> = unknown.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let a = send(&t, post("/api/staff/subscriber_organisation", &unknown, Some(&editor), false)).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
        let fields = link(0);
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            send(&t, post("/api/staff/subscriber_organisation", &fields, Some(&editor), false)).await.status,
            StatusCode::OK
        );
        let p = page(&t, &editor, org).await;
        assert_eq!(p.subscribers, 0);
        assert_eq!(p.history.iter().filter(|h| h.action == "subscriber_linked").count(), 2);
        t
    })
    .await;
}
