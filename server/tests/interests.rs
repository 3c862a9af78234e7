//! Expressions of interest on both engines: the public form (acknowledgement and notices
//! through the outbox, robots, resends, bad input, closed concepts, floods), and the staff
//! side (pipeline, notes, dashboard, CSV export, audit, a partner's data exported and erased).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests and benchmarks: a panic is a failed run.
mod common;

use app::domain::staff::Role;
use app::ssr::AppState;
use common::mail::{INFRA_AFRICA, Mail, app_state, take};
use common::web::{ORIGIN, create_draft, get, move_concept, post, publish, send_to, staff_session};
use common::{TestDb, on_every_engine};
use http::{StatusCode, header};

async fn deliver(state: &AppState, dir: &std::path::Path) -> Vec<Mail> {
    let mailer = app::ssr::infra::mailer::Mailer::from_config(&state.config.mail).unwrap();
    while app::ssr::jobs::delivery_worker::work_once(state, &mailer).await.unwrap() > 0 {}
    take(dir)
}

fn shown_at(seconds_ago: i64) -> String {
    (app::ssr::infra::clock::now() - seconds_ago).to_string()
}

/// The form as a Spanish-speaking partner fills it in.
fn interest<'a>(slug: &'a str, email: &'a str, shown: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("locale", "es"),
        ("slug", slug),
        ("form[organisation]", "Fundación Andina para el Desarrollo"),
        ("form[entity_type]", "foundation"),
        ("form[country]", "PE"),
        ("form[contact_name]", "Rosa Quispe"),
        ("form[email]", email),
        ("form[role]", "Directora de programas"),
        ("form[contribution]", "funding"),
        ("form[amount]", "250000"),
        ("form[message]", "Nos interesa cofinanciar la fase piloto."),
        ("form[consent]", "on"),
        ("form[website]", ""),
        ("form[shown_at]", shown),
    ]
}

async fn express(state: &AppState, fields: &[(&str, &str)]) -> common::web::Answer {
    send_to(state.clone(), post("/api/interest/new", fields, None, true)).await
}

async fn count(t: &TestDb) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM interests").fetch_one(t.db.pool()).await.unwrap()
}

async fn slug_of(t: &TestDb, id: i64) -> String {
    sqlx::query_scalar("SELECT slug FROM concepts WHERE id = $1").bind(id).fetch_one(t.db.pool()).await.unwrap()
}

#[tokio::test]
async fn a_partner_is_acknowledged_in_their_language_and_staff_are_told_once() {
    on_every_engine(|t| async move {
        let (state, dir) = app_state(&t, &[("POP_PUBLIC_URL", ORIGIN)]);
        let editor = staff_session(&t, Role::Editor).await;
        let publisher = staff_session(&t, Role::Publisher).await;
        let concept = create_draft(&t, &editor, "Solar microgrids for health centres", &INFRA_AFRICA).await;
        publish(&t, &editor, &publisher, concept).await;
        let slug = slug_of(&t, concept).await;
        let shown = shown_at(30);

        let a = express(&state, &interest(&slug, "rosa@example.org", &shown)).await;
        assert!(a.status.is_redirection(), "{}: {} {}", t.engine, a.status, a.body);
        assert_eq!(a.headers[header::LOCATION], format!("/es/concepts/{slug}?interest=sent#interest"));
        // A double click, a resend: still one record, one acknowledgement.
        assert_eq!(express(&state, &interest(&slug, "ROSA@example.org", &shown)).await.status, StatusCode::FOUND);
        assert_eq!(count(&t).await, 1);
        let (stage, locale, amount): (String, String, Option<i64>) =
            sqlx::query_as("SELECT stage, locale, amount_usd FROM interests").fetch_one(t.db.pool()).await.unwrap();
        assert_eq!((stage.as_str(), locale.as_str(), amount), ("new", "es", Some(250_000)));

        let mut mails = deliver(&state, &dir).await;
        mails.sort_by(|a, b| a.to.cmp(&b.to));
        let to: Vec<&str> = mails.iter().map(|m| m.to.as_str()).collect();
        assert_eq!(to, ["awa.traore@example.org", "publisher@example.org", "rosa@example.org"], "{}", t.engine);
        let ack = &mails[2];
        assert_eq!(ack.subject, "Hemos recibido su interés en: Solar microgrids for health centres");
        assert!(ack.text.contains("Rosa Quispe") && ack.text.contains("Nos interesa cofinanciar"), "{}", ack.text);
        assert!(ack.list_unsubscribe.is_none(), "a reply to them, not a list");
        let notice = &mails[1];
        assert!(notice.subject.contains("Fundación Andina para el Desarrollo"), "{}", notice.subject);
        let id: i64 = sqlx::query_scalar("SELECT id FROM interests").fetch_one(t.db.pool()).await.unwrap();
        assert!(notice.text.contains(&format!("{ORIGIN}/en/staff/interests/{id}")), "{}", notice.text);

        // Robots: the hidden field filled in, or faster than a person. Same answer, nothing kept.
        let mut robot = interest(&slug, "bot@example.org", &shown);
        robot[12] = ("form[website]", "http://spam.example");
        assert_eq!(express(&state, &robot).await.status, StatusCode::FOUND);
        let now = shown_at(0);
        assert_eq!(express(&state, &interest(&slug, "fast@example.org", &now)).await.status, StatusCode::FOUND);
        assert_eq!(count(&t).await, 1);
        assert!(deliver(&state, &dir).await.is_empty());
        t
    })
    .await;
}

#[tokio::test]
async fn bad_input_closed_concepts_and_floods_store_nothing() {
    on_every_engine(|t| async move {
        let (state, dir) = app_state(&t, &[("POP_PUBLIC_URL", ORIGIN)]);
        let editor = staff_session(&t, Role::Editor).await;
        let publisher = staff_session(&t, Role::Publisher).await;
        let concept = create_draft(&t, &editor, "Coastal resilience atlas", &INFRA_AFRICA).await;
        publish(&t, &editor, &publisher, concept).await;
        let slug = slug_of(&t, concept).await;
        let shown = shown_at(30);
        let long = "x".repeat(5001);
        let cases: [(&str, &str, &str); 6] = [
            ("form[email]", "not an address", "email"),
            ("form[consent]", "", "consent"),
            ("form[message]", &long, "message"),
            ("form[amount]", "lots", "amount"),
            ("form[country]", "ZZ", "country"),
            ("form[entity_type]", "cartel", "entity_type"),
        ];
        for (name, value, field) in cases {
            let mut fields = interest(&slug, "rosa@example.org", &shown);
            fields.iter_mut().find(|(k, _)| *k == name).unwrap().1 = value;
            let a = send_to(state.clone(), post("/api/interest/new", &fields, None, false)).await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}: {}", a.body);
            assert!(a.body.contains(&format!("\"field\":\"{field}\"")), "{name}: {}", a.body);
        }
        let unknown = send_to(
            state.clone(),
            post("/api/interest/new", &interest("no-such-concept", "rosa@example.org", &shown), None, false),
        )
        .await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
        move_concept(&t, &publisher, concept, "closed").await;
        let closed = send_to(
            state.clone(),
            post("/api/interest/new", &interest(&slug, "rosa@example.org", &shown), None, false),
        )
        .await;
        assert_eq!(closed.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(closed.body.contains("\"code\":\"closed\""), "{}", closed.body);
        assert_eq!(count(&t).await, 0);
        assert!(deliver(&state, &dir).await.is_empty());

        // A flood from one address is cut off.
        move_concept(&t, &publisher, concept, "published").await;
        let mut last = StatusCode::OK;
        for i in 0..12 {
            let email = format!("sender{i}@example.org");
            last = send_to(state.clone(), post("/api/interest/new", &interest(&slug, &email, &shown), None, false))
                .await
                .status;
        }
        assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(count(&t).await, app::ssr::services::interests::PER_IP);
        let _ = std::fs::remove_dir_all(dir);
        t
    })
    .await;
}

#[tokio::test]
async fn staff_take_an_interest_to_a_signed_agreement_and_the_numbers_follow() {
    on_every_engine(|t| async move {
        let (state, dir) = app_state(&t, &[("POP_PUBLIC_URL", ORIGIN)]);
        let editor = staff_session(&t, Role::Editor).await;
        let publisher = staff_session(&t, Role::Publisher).await;
        let admin = staff_session(&t, Role::Admin).await;
        let concept = create_draft(&t, &editor, "Regional data exchange", &INFRA_AFRICA).await;
        publish(&t, &editor, &publisher, concept).await;
        let slug = slug_of(&t, concept).await;
        let shown = shown_at(30);
        express(&state, &interest(&slug, "rosa@example.org", &shown)).await;
        let mut other = interest(&slug, "li.wei@example.org", &shown);
        other[2] = ("form[organisation]", "发展基金会");
        other[8] = ("form[contribution]", "expertise");
        express(&state, &other).await;
        let ids: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM interests ORDER BY id").fetch_all(t.db.pool()).await.unwrap();
        let (rosa, li) = (ids[0].to_string(), ids[1].to_string());
        let call = |path: &'static str, fields: Vec<(&'static str, String)>, cookie: String| {
            let state = state.clone();
            async move {
                let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                send_to(state, post(path, &fields, Some(&cookie), false)).await
            }
        };

        // Publishers move it; editors read and write notes; signing needs the amount.
        let signed = vec![
            ("id", rosa.clone()),
            ("form[stage]", "signed".into()),
            ("form[owner]", String::new()),
            ("form[agreed]", String::new()),
        ];
        assert_eq!(
            call("/api/publisher/interest_move", signed.clone(), editor.clone()).await.status,
            StatusCode::FORBIDDEN
        );
        let a = call("/api/publisher/interest_move", signed.clone(), publisher.clone()).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(a.body.contains("amount_required"), "{}", a.body);
        let mut signed = signed;
        signed[3].1 = "1,200,000".into();
        let a = call("/api/publisher/interest_move", signed, publisher.clone()).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let declined = vec![
            ("id", li.clone()),
            ("form[stage]", "declined".into()),
            ("form[owner]", "999".into()),
            ("form[agreed]", String::new()),
        ];
        let a = call("/api/publisher/interest_move", declined, publisher.clone()).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "an owner who is not staff");
        let a = call(
            "/api/staff/interest_note",
            vec![("id", rosa.clone()), ("note", "Called Rosa; MoU drafted.".into())],
            editor.clone(),
        )
        .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let a = call("/api/staff/interest", vec![("id", rosa.clone()), ("locale", "es".into())], editor.clone()).await;
        let detail: app::domain::interest::InterestDetail = serde_json::from_str(&a.body).unwrap();
        assert_eq!(detail.country_name.as_deref(), Some("Perú"), "the partner's country, named in Spanish");
        let a = call("/api/staff/interest", vec![("id", rosa.clone()), ("locale", "xx".into())], editor.clone()).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "an unknown language is refused: {}", a.body);
        assert_eq!((detail.row.stage.as_str(), detail.row.agreed_usd), ("signed", Some(1_200_000)));
        assert_eq!(detail.notes[0].body, "Called Rosa; MoU drafted.");
        let actions: Vec<&str> = detail.history.iter().map(|e| e.action.as_str()).collect();
        assert!(
            ["interest_received", "pipeline_changed", "note_added"].iter().all(|a| actions.contains(a)),
            "{actions:?}"
        );

        // The dashboard counts from the data: two interested, one signed, in Africa and Infrastructure.
        let a = call("/api/staff/dashboard", vec![("locale", "en".into())], editor.clone()).await;
        let d: app::domain::interest::Dashboard = serde_json::from_str(&a.body).unwrap();
        assert_eq!((d.total, d.signed, d.signed_usd, d.conversion_permille()), (2, 1, 1_200_000, 500), "{}", t.engine);
        assert_eq!(d.by_stage.iter().find(|(s, _)| s == "new").unwrap().1, 1);
        let africa = d.by_region.iter().find(|r| r.code == "africa").unwrap();
        assert_eq!((africa.interest, africa.signed), (2, 1));
        assert!(d.by_region.iter().filter(|r| r.code != "africa").all(|r| r.interest == 0));
        let infra = d.by_area.iter().find(|r| r.code == "infrastructure").unwrap();
        assert_eq!((infra.interest, infra.signed), (2, 1));
        let page = send_to(state.clone(), get("/en/staff/dashboard", Some(&editor))).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains("data-value=\"2\" data-series=\"Expressions of interest\""),
            "the chart draws the count"
        );

        // The export: the filtered rows, UTF-8 with a byte-order mark.
        let csv = send_to(state.clone(), get("/api/staff/interests.csv?stage=signed", Some(&editor))).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert_eq!(csv.headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
        assert!(csv.body.starts_with("\u{feff}id,received,concept,"), "{}", csv.body);
        let lines: Vec<&str> = csv.body.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[1].contains("\"Fundación Andina para el Desarrollo\"") && lines[1].contains("\"1200000\""));
        let all = send_to(state.clone(), get("/api/staff/interests.csv", Some(&editor))).await;
        assert!(all.body.contains("\"发展基金会\""));
        assert_eq!(send_to(state.clone(), get("/api/staff/interests.csv", None)).await.status, StatusCode::SEE_OTHER);
        assert_eq!(
            send_to(state.clone(), get("/api/staff/interests.csv?stage=lost", Some(&editor))).await.status,
            StatusCode::BAD_REQUEST
        );
        let a = call(
            "/api/staff/interests",
            vec![("filter[region]", "africa".into()), ("filter[stage]", "declined".into())],
            editor.clone(),
        )
        .await;
        let inbox: app::api::interests::InboxPage = serde_json::from_str(&a.body).unwrap();
        assert_eq!(inbox.total, 0);

        // The partner's data: exported, then erased; the counts stay.
        assert_eq!(
            call("/api/admin/interest_export", vec![("id", rosa.clone())], publisher.clone()).await.status,
            StatusCode::FORBIDDEN
        );
        let a = call("/api/admin/interest_export", vec![("id", rosa.clone())], admin.clone()).await;
        assert!(a.body.contains("rosa@example.org") && a.body.contains("MoU drafted"), "{}", a.body);
        let a = call("/api/admin/interest_erase", vec![("id", rosa.clone())], admin.clone()).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let (email, org, erased): (String, String, Option<i64>) =
            sqlx::query_as("SELECT email, organisation, erased_at FROM interests WHERE id = $1")
                .bind(ids[0])
                .fetch_one(t.db.pool())
                .await
                .unwrap();
        assert!(email.is_empty() && org.is_empty() && erased.is_some());
        let notes: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM interest_notes").fetch_one(t.db.pool()).await.unwrap();
        assert_eq!(notes, 0);
        let a = call("/api/staff/dashboard", vec![("locale", "en".into())], editor.clone()).await;
        let after: app::domain::interest::Dashboard = serde_json::from_str(&a.body).unwrap();
        assert_eq!((after.total, after.signed, after.signed_usd), (2, 1, 1_200_000));
        let csv = send_to(state.clone(), get("/api/staff/interests.csv", Some(&editor))).await;
        assert!(!csv.body.contains("rosa@example.org") && !csv.body.contains("Andina"));
        let _ = std::fs::remove_dir_all(dir);
        t
    })
    .await;
}
