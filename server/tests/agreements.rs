//! The record of partnership agreements on both engines: drafts recorded by editors with
//! every bad field refused and nothing stored, signing and publicity by publishers, current
//! terms through amendments, the search with its organisations table, staff-only agreements
//! kept out of everything public, and the way from a signed expression of interest to an
//! agreement and the concept page's "in partnership with".
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests and benchmarks: a panic is a failed run.
mod common;

use app::domain::agreement::{AgreementForm, AgreementPage, AgreementQuery, AgreementResults};
use app::domain::staff::Role;
use axum::body::Body;
use common::mail::INFRA_AFRICA;
use common::web::{Answer, create_draft, get, post, publish, send, staff_session};
use common::{TestDb, on_every_engine};
use http::{Request, StatusCode, header};

/// An organisation of the registry; its id.
async fn organisation(t: &TestDb, cookie: &str, name: &str, domain: &str) -> i64 {
    let fields = [
        ("locale", "en"),
        ("id", "0"),
        ("form[name]", name),
        ("form[kind]", "foundation"),
        ("form[email_domain]", domain),
        ("form[due_diligence]", "cleared"),
    ];
    let a = send(t, post("/api/staff/organisation_save", &fields, Some(cookie), false)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.body.parse().unwrap()
}

/// The agreement form's fields, over a valid financial agreement with `party` as funder;
/// `pairs` replace or add fields (list fields end in `[]` and may repeat).
fn agreement(id: i64, party: i64, pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    let party = party.to_string();
    let base: Vec<(&str, &str)> = vec![
        ("kind", "voluntary_contribution"),
        ("original_locale", "en"),
        ("title", "Smart villages in the Sahel"),
        ("summary", "Broadband for forty villages and training for their schools."),
        ("agency_role", "accountable"),
        ("agency_signed_on", ""),
        ("effective_on", "2026-01-01"),
        ("expires_on", "2027-12-31"),
        ("contribution", "financial"),
        ("currency", "EUR"),
        ("value", "1000000"),
        ("usd_rate", "1.10"),
        ("rate_on", "2025-12-15"),
        ("party_org][", &party),
        ("party_role][", "funding"),
        ("party_signed][", ""),
        ("area][", "digital_inclusion"),
        ("area_share][", "75"),
        ("area][", "infrastructure"),
        ("area_share][", "25"),
        ("place][", "country:ML"),
        ("place][", "region:africa"),
        ("places_whole", "on"),
    ];
    let replaced: Vec<&str> = pairs.iter().map(|(k, _)| *k).collect();
    let mut fields: Vec<(String, String)> = vec![("locale".into(), "en".into()), ("id".into(), id.to_string())];
    for (k, v) in base.into_iter().filter(|(k, _)| !replaced.contains(k)) {
        fields.push((format!("form[{k}]"), v.to_owned()));
    }
    for (k, v) in pairs {
        fields.push((format!("form[{k}]"), (*v).to_owned()));
    }
    fields
}

async fn save(t: &TestDb, cookie: &str, fields: &[(String, String)]) -> Answer {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    send(t, post("/api/staff/agreement_save", &fields, Some(cookie), false)).await
}

async fn page(t: &TestDb, cookie: &str, id: i64) -> AgreementPage {
    let a =
        send(t, post("/api/staff/agreement", &[("id", &id.to_string()), ("locale", "en")], Some(cookie), false)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    serde_json::from_str(&a.body).unwrap()
}

/// A search as the pages send it (JSON), by staff (`cookie`) or the public.
async fn search(t: &TestDb, cookie: Option<&str>, query: &str) -> AgreementResults {
    let (q, _) = AgreementQuery::from_pairs(query.split('&').filter_map(|p| p.split_once('=')));
    let path = if cookie.is_some() { "/api/staff/agreements" } else { "/api/agreements" };
    serde_json::from_str(&post_json(t, cookie, path, serde_json::json!({ "locale": "en", "query": q })).await).unwrap()
}

/// A server function called as the pages call the JSON ones; the answer's body.
async fn post_json(t: &TestDb, cookie: Option<&str>, path: &str, body: serde_json::Value) -> String {
    let mut req = Request::post(path)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::HOST, "127.0.0.1:3000")
        .header("sec-fetch-site", "same-origin");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let a = send(t, req.body(Body::from(body.to_string())).unwrap()).await;
    assert_eq!(a.status, StatusCode::OK, "{path} {body}: {}", a.body);
    a.body
}

/// The charts of every agreement (staff) or of the public ones.
async fn charts(t: &TestDb, cookie: Option<&str>, counting: &str) -> app::domain::agreement_chart::AgreementCharts {
    let query = AgreementQuery { page: 1, ..Default::default() };
    let path = if cookie.is_some() { "/api/staff/agreement_charts" } else { "/api/agreement_charts" };
    let body = serde_json::json!({ "locale": "en", "query": query, "counting": counting });
    serde_json::from_str(&post_json(t, cookie, path, body).await).unwrap()
}

async fn count(t: &TestDb) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM agreements").fetch_one(t.db.pool()).await.unwrap()
}

async fn act(t: &TestDb, cookie: &str, path: &str, fields: &[(&str, &str)]) -> Answer {
    send(t, post(path, fields, Some(cookie), false)).await
}

#[tokio::test]
async fn editors_record_drafts_and_bad_input_stores_nothing() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        let org = organisation(&t, &editor, "Fondation Sahel Numérique", "sahel.example.org").await;
        let a = save(&t, &editor, &agreement(0, org, &[])).await;
        assert_eq!(a.status, StatusCode::OK, "{}: {}", t.engine, a.body);
        let id: i64 = a.body.parse().unwrap();
        let p = page(&t, &editor, id).await;
        let r = &p.record;
        let year = &app::domain::format::iso_date(app::ssr::infra::clock::now())[0..4];
        assert_eq!(r.reference, format!("{year}-0001"), "references are assigned in order, per year");
        assert_eq!((r.status.code(), r.public), ("draft", false), "a new agreement is a staff-only draft");
        let v = r.value.clone().unwrap();
        assert_eq!((v.currency.as_str(), v.minor, v.usd_cents), ("EUR", 100_000_000, 110_000_000));
        assert_eq!(r.parties.len(), 1);
        assert_eq!(r.parties[0].name, "Fondation Sahel Numérique");
        assert_eq!(
            r.areas.iter().map(|a| (a.code.as_str(), a.share)).collect::<Vec<_>>(),
            [("digital_inclusion", Some(7500)), ("infrastructure", Some(2500))]
        );
        assert_eq!(r.places.iter().map(|p| p.code.as_str()).collect::<Vec<_>>(), ["country:ML", "region:africa"]);
        assert_eq!(r.places[0].name, "Mali", "named in the reader's language");
        assert_eq!(p.history[0].action, "agreement_recorded");
        let second = save(&t, &editor, &agreement(0, org, &[("title", "Second")])).await;
        assert_eq!(page(&t, &editor, second.body.parse().unwrap()).await.record.reference, format!("{year}-0002"));

        // Every bad field is named and nothing is stored.
        let org_text = org.to_string();
        let bad = agreement(
            0,
            org,
            &[
                ("kind", "treaty"),
                ("currency", "XYZ"),
                ("expires_on", "2025-06-30"),
                ("amends", "2015-9999"),
                ("area_share][", "60"),
                ("area_share][", "30"),
                ("party_org][", &org_text),
                ("party_role][", "funding"),
                ("party_signed][", ""),
                ("party_org][", &org_text),
                ("party_role][", "funding"),
                ("party_signed][", ""),
            ],
        );
        let before = count(&t).await;
        let a = save(&t, &editor, &bad).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
        for (field, code) in
            [("kind", "unknown"), ("currency", "unknown"), ("expires_on", "before_start"), ("party_org.1", "duplicate")]
        {
            assert!(a.body.contains(&format!("\"field\":\"{field}\",\"code\":\"{code}\"")), "{field}: {}", a.body);
        }
        let a = save(&t, &editor, &agreement(0, org, &[("amends", "2015-9999")])).await;
        assert!(a.body.contains("\"field\":\"amends\",\"code\":\"unknown\""), "no such agreement: {}", a.body);
        let a = save(&t, &editor, &agreement(0, org, &[("value", "-5")])).await;
        assert!(a.body.contains("invalid_amount"), "{}", a.body);
        let a = save(&t, &editor, &agreement(0, 999_999, &[])).await;
        assert!(a.body.contains("\"field\":\"party_org.0\",\"code\":\"unknown\""), "{}", a.body);
        let mut shares = agreement(0, org, &[]);
        shares.retain(|(k, v)| !(k == "form[area_share][]" && v == "25"));
        shares.push(("form[area_share][]".into(), "20".into()));
        let a = save(&t, &editor, &shares).await;
        assert!(a.body.contains("shares_sum"), "75 + 20 is not 100: {}", a.body);
        assert_eq!(count(&t).await, before, "{}: nothing stored", t.engine);

        // A change is audited with what changed.
        let a = save(&t, &editor, &agreement(id, org, &[("title", "Smart villages in the Sahel, phase 1")])).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let p = page(&t, &editor, id).await;
        assert_eq!(p.record.title, "Smart villages in the Sahel, phase 1");
        let changed = p.history[0].detail.iter().find(|(k, _)| k == "changed").map(|(_, v)| v.clone()).unwrap();
        assert_eq!(changed, "title");
        t
    })
    .await;
}

#[tokio::test]
async fn publishers_sign_and_publish_and_staff_only_agreements_stay_out_of_public_answers() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        let publisher = staff_session(&t, Role::Publisher).await;
        let admin = staff_session(&t, Role::Admin).await;
        let org = organisation(&t, &editor, "Fondation Sahel Numérique", "sahel.example.org").await;
        let secret_org = organisation(&t, &editor, "Banque Confidentielle", "secret.example.org").await;
        let id: i64 = save(&t, &editor, &agreement(0, org, &[])).await.body.parse().unwrap();
        let secret: i64 =
            save(&t, &editor, &agreement(0, secret_org, &[("title", "Undisclosed grant"), ("value", "5000000")]))
                .await
                .body
                .parse()
                .unwrap();

        // Signing needs every signature date.
        let a =
            act(&t, &publisher, "/api/publisher/agreement_status", &[("id", &id.to_string()), ("status", "signed")])
                .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
        assert!(a.body.contains("agency_signed_on") && a.body.contains("party_signed.0"), "{}", a.body);
        let a =
            act(&t, &publisher, "/api/publisher/agreement_status", &[("id", &id.to_string()), ("status", "active")])
                .await;
        assert!(a.body.contains("not_allowed"), "draft cannot skip to active: {}", a.body);
        for agreement_id in [id, secret] {
            let party = if agreement_id == id { org } else { secret_org };
            let signed = agreement(
                agreement_id,
                party,
                &[
                    ("agency_signed_on", "2026-02-10"),
                    ("party_signed][", "2026-02-03"),
                    ("value", if agreement_id == id { "1000000" } else { "5000000" }),
                    ("title", if agreement_id == id { "Smart villages in the Sahel" } else { "Undisclosed grant" }),
                ],
            );
            let signed: Vec<(String, String)> =
                signed.into_iter().filter(|(k, v)| !(k == "form[party_signed][]" && v.is_empty())).collect();
            assert_eq!(save(&t, &editor, &signed).await.status, StatusCode::OK);
            let a = act(
                &t,
                &publisher,
                "/api/publisher/agreement_status",
                &[("id", &agreement_id.to_string()), ("status", "signed")],
            )
            .await;
            assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        }
        let r = page(&t, &editor, id).await.record;
        assert_eq!((r.status.code(), r.signed_on.as_deref()), ("signed", Some("2026-02-10")), "the last signature");
        // Editors no longer change a signed agreement.
        let a = save(&t, &editor, &agreement(id, org, &[("agency_signed_on", "2026-02-10"), ("title", "x")])).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);

        // Nothing is public until a publisher says so, and the staff-only one never is.
        assert_eq!(search(&t, None, "").await.total, 0);
        let a = act(&t, &publisher, "/api/publisher/agreement_public", &[("id", &id.to_string()), ("public", "true")])
            .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let public = search(&t, None, "").await;
        assert_eq!(public.rows.iter().map(|r| r.id).collect::<Vec<_>>(), [id]);
        assert_eq!(public.usd_cents, 110_000_000, "the staff-only value is not in the public total");
        assert_eq!(public.partners.iter().map(|p| p.id).collect::<Vec<_>>(), [org]);
        for q in ["q=undisclosed", "q=grant", &format!("party={secret_org}"), "min=5000000"] {
            let found = search(&t, None, q).await;
            assert_eq!((found.total, found.partners.len()), (0, 0), "{q} finds nothing public");
        }
        // CSV: the public file has the public agreement only, codes with labels in the
        // reader's language; staff get both and whether each is public; strangers get no
        // staff file.
        let public_csv = send(&t, get("/api/agreements.csv?lang=fr", None)).await;
        assert_eq!(public_csv.status, StatusCode::OK);
        let public_lines: Vec<&str> = public_csv.body.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(public_lines.len(), 2, "a header and one agreement: {}", public_csv.body);
        assert!(public_lines[0].starts_with("reference,amends,kind,kind_label,status,status_label,language,title"));
        assert!(!public_lines[0].contains("public"), "the public file does not say what is staff-only");
        for cell in [
            "\"voluntary_contribution\"",
            "\"Accord de contribution volontaire\"",
            "\"country:ML; region:africa\"",
            "\"Fondation Sahel Numérique\"",
            "\"funding\"",
            "\"1100000\"",
            "\"EUR\"",
        ] {
            assert!(public_lines[1].contains(cell), "{cell} in {}", public_lines[1]);
        }
        assert!(!public_csv.body.contains("Undisclosed") && !public_csv.body.contains("Banque"));
        let partners_csv = send(&t, get("/api/agreements.csv?table=organisations&lang=en", None)).await;
        assert!(partners_csv.body.contains("Fondation Sahel Numérique") && !partners_csv.body.contains("Banque"));
        assert!(partners_csv.body.contains("\"foundation\",\"Foundation\""), "{}", partners_csv.body);
        let regions_csv = send(&t, get("/api/agreements.csv?table=regions&counting=each", None)).await;
        assert!(
            regions_csv.body.contains("\"africa\",\"Africa\",\"each\",\"1\",\"0\",\"1100000\",\"0\""),
            "{}",
            regions_csv.body
        );
        assert_eq!(send(&t, get("/api/agreements.csv?table=secrets", None)).await.status, StatusCode::BAD_REQUEST);
        let refused = send(&t, get("/api/staff/agreements.csv", None)).await;
        // A browser is sent to sign in; nothing of the record comes with it.
        assert!(matches!(refused.status.as_u16(), 303 | 401 | 403), "{}", refused.status);
        assert!(!refused.body.contains("Undisclosed") && !refused.body.contains("reference,"));
        let staff_csv = send(&t, get("/api/staff/agreements.csv?lang=en", Some(&editor))).await;
        assert_eq!(staff_csv.status, StatusCode::OK);
        assert_eq!(staff_csv.body.lines().count(), 3, "{}", staff_csv.body);
        assert!(staff_csv.body.contains("Undisclosed grant") && staff_csv.body.contains(",public,"));
        let staff_only = send(&t, get("/api/staff/agreements.csv?q=undisclosed", Some(&editor))).await;
        assert_eq!(staff_only.body.lines().count(), 2, "the search's filters apply: {}", staff_only.body);

        // The public charts count only the public agreement; staff charts count both.
        let africa = |c: &app::domain::agreement_chart::AgreementCharts| {
            c.by_region.iter().find(|r| r.code == "africa").map(|r| (r.new, r.new_cents)).unwrap()
        };
        let public_charts = charts(&t, None, "each").await;
        assert_eq!(africa(&public_charts), (app::domain::agreement_chart::ONE, 110_000_000));
        let staff_charts = charts(&t, Some(&editor), "each").await;
        assert_eq!(africa(&staff_charts).0, 2 * app::domain::agreement_chart::ONE);
        let split = charts(&t, Some(&editor), "split").await;
        let all: i64 = split.by_region.iter().map(|r| r.new).sum();
        assert_eq!(all, 2 * app::domain::agreement_chart::ONE, "split by share, two agreements stay two");
        let staff = search(&t, Some(&editor), "").await;
        assert_eq!(staff.total, 2, "staff see both");
        assert_eq!(search(&t, Some(&editor), "q=undisclosed").await.rows[0].id, secret);

        // Filters: area × country group, and the organisations table behind them.
        let found = search(&t, Some(&editor), "area=digital_inclusion&group=ldc").await;
        assert_eq!(found.total, 2, "Mali is a least developed country");
        assert_eq!((found.partners.len(), found.partners_total), (2, 2));
        assert!(found.partners.iter().all(|p| p.agreements == 1));
        assert_eq!(search(&t, Some(&editor), "area=cybersecurity").await.total, 0);
        assert_eq!(search(&t, Some(&editor), "region=africa&from=2026&to=2026").await.total, 2);
        assert_eq!(search(&t, Some(&editor), "region=europe").await.total, 0);
        assert_eq!(search(&t, Some(&editor), "min=2000000").await.rows[0].id, secret, "5.5 M USD");
        let smart = search(&t, Some(&editor), "q=smart").await;
        assert_eq!(smart.rows.iter().map(|r| r.id).collect::<Vec<_>>(), [id], "a word of one title");

        // An amendment adds value and extends the end date; the original shows the terms.
        let reference = page(&t, &editor, id).await.record.reference;
        let amendment: i64 = save(
            &t,
            &editor,
            &agreement(
                0,
                org,
                &[
                    ("amends", &reference),
                    ("title", "Smart villages, second phase"),
                    ("value", "500000"),
                    ("expires_on", "2028-12-31"),
                    ("agency_signed_on", "2026-06-01"),
                    ("party_signed][", "2026-05-20"),
                ],
            ),
        )
        .await
        .body
        .parse()
        .unwrap();
        let a = act(
            &t,
            &publisher,
            "/api/publisher/agreement_status",
            &[("id", &amendment.to_string()), ("status", "signed")],
        )
        .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let p = page(&t, &editor, id).await;
        assert_eq!(p.amendments.iter().map(|a| a.id).collect::<Vec<_>>(), [amendment]);
        let now = p.terms.last().unwrap();
        assert_eq!((now.usd_cents, now.expires_on.as_deref()), (165_000_000, Some("2028-12-31")));

        // Merging organisations moves their parts in agreements.
        let duplicate = organisation(&t, &editor, "Fondation Sahel Numerique (doublon)", "").await;
        let dup_agreement: i64 = save(&t, &editor, &agreement(0, duplicate, &[("title", "Through the duplicate")]))
            .await
            .body
            .parse()
            .unwrap();
        let through = |r: AgreementResults| (r.total, r.partners.iter().map(|p| p.id).collect::<Vec<_>>());
        // Every request of a test shares what the server holds in memory, so each answer
        // below also says the write before it was seen.
        assert_eq!(through(search(&t, Some(&editor), "q=duplicate").await), (1, vec![duplicate]));
        let a = act(
            &t,
            &admin,
            "/api/admin/organisation_merge",
            &[("survivor", &org.to_string()), ("duplicate", &duplicate.to_string())],
        )
        .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        assert_eq!(page(&t, &editor, dup_agreement).await.record.parties[0].organisation, org);
        assert_eq!(through(search(&t, Some(&editor), "q=duplicate").await), (1, vec![org]), "merged: the survivor");
        assert_eq!(search(&t, Some(&editor), &format!("party={org}")).await.total, 3);
        // The organisations table shows the registry's name as it is now.
        let renamed = [
            ("locale", "en"),
            ("id", &org.to_string()),
            ("form[name]", "Fondation Sahel Digitale"),
            ("form[kind]", "foundation"),
            ("form[email_domain]", "sahel.example.org"),
            ("form[due_diligence]", "cleared"),
        ];
        assert_eq!(
            send(&t, post("/api/staff/organisation_save", &renamed, Some(&editor), false)).await.status,
            StatusCode::OK
        );
        let names: Vec<String> = search(&t, None, "").await.partners.into_iter().map(|p| p.name).collect();
        assert_eq!(names, ["Fondation Sahel Digitale"]);
        let a = act(&t, &editor, "/api/staff/organisation", &[("id", &org.to_string()), ("locale", "en")]).await;
        let registry: app::domain::organisation::OrganisationPage = serde_json::from_str(&a.body).unwrap();
        assert_eq!(registry.agreements, 3, "the original, its amendment and the duplicate's, merged");

        // Administrators delete; the audit log keeps it.
        let a = act(&t, &admin, "/api/admin/agreement_delete", &[("id", &dup_agreement.to_string())]).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        assert_eq!(search(&t, Some(&editor), "q=duplicate").await.total, 0, "deleted: gone from the search");
        let a = send(
            &t,
            post("/api/staff/agreement", &[("id", &dup_agreement.to_string()), ("locale", "en")], Some(&editor), false),
        )
        .await;
        assert_eq!(a.status, StatusCode::NOT_FOUND);
        t
    })
    .await;
}

/// The agreement form over [`agreement`] with every signature date, ready to be signed.
fn signed_agreement(id: i64, party: i64, pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut all = vec![("agency_signed_on", "2026-02-10"), ("party_signed][", "2026-02-03")];
    all.extend_from_slice(pairs);
    agreement(id, party, &all).into_iter().filter(|(k, v)| !(k == "form[party_signed][]" && v.is_empty())).collect()
}

/// The public page's data of agreement `reference` in `locale`.
async fn public_page(t: &TestDb, locale: &str, reference: &str) -> Answer {
    send(t, post("/api/agreement", &[("locale", locale), ("reference", reference)], None, false)).await
}

#[tokio::test]
async fn a_public_agreement_has_its_page_in_the_readers_language_and_translations_are_kept_apart() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        let publisher = staff_session(&t, Role::Publisher).await;
        let org = organisation(&t, &editor, "Fondation Lumière", "lumiere.example.org").await;
        let id: i64 = save(&t, &editor, &signed_agreement(0, org, &[])).await.body.parse().unwrap();
        let reference = page(&t, &editor, id).await.record.reference;
        let translate = |cookie: String, language: &'static str, title: &'static str, summary: &'static str| {
            let t = &t;
            async move {
                let fields = [
                    ("id", id.to_string()),
                    ("language", language.into()),
                    ("title", title.into()),
                    ("summary", summary.into()),
                ];
                let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                send(t, post("/api/staff/agreement_translation_save", &fields, Some(&cookie), false)).await
            }
        };

        // Editors translate a draft; bad translations are refused, field by field.
        let a =
            translate(editor.clone(), "fr", "Villages lumineux du Sahel", "Haut débit pour quarante villages.").await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let a = translate(editor.clone(), "en", "Smart", "").await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(a.body.contains("locale") && a.body.contains("original"), "{}", a.body);
        let a = translate(editor.clone(), "es", "", "Solo un resumen").await;
        assert!(a.status == StatusCode::UNPROCESSABLE_ENTITY && a.body.contains("required"), "{}", a.body);
        let a = translate(editor.clone(), "de", "Dörfer", "").await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
        let p = page(&t, &editor, id).await;
        assert_eq!(p.translations.iter().map(|(l, _, _)| l.as_str()).collect::<Vec<_>>(), ["en", "fr"]);
        assert_eq!(p.record.title, "Smart villages in the Sahel", "staff edit the text as written");
        assert!(p.history.iter().any(|h| h.action == "agreement_translated"));
        // The staff search finds it by a word of the translation.
        assert_eq!(search(&t, Some(&editor), "q=lumineux").await.rows.iter().map(|r| r.id).collect::<Vec<_>>(), [id]);

        // Not public until signed and made public.
        assert_eq!(public_page(&t, "en", &reference).await.status, StatusCode::NOT_FOUND);
        let status = [("id", id.to_string()), ("status", "signed".to_owned())];
        let status: Vec<(&str, &str)> = status.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(act(&t, &publisher, "/api/publisher/agreement_status", &status).await.status, StatusCode::OK);
        assert_eq!(public_page(&t, "en", &reference).await.status, StatusCode::NOT_FOUND, "signed, still staff-only");
        let a = act(&t, &publisher, "/api/publisher/agreement_public", &[("id", &id.to_string()), ("public", "true")])
            .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);

        // Editors no longer translate a signed agreement; publishers do.
        assert_eq!(translate(editor.clone(), "ar", "قرى ذكية", "").await.status, StatusCode::FORBIDDEN);
        assert_eq!(translate(publisher.clone(), "ar", "قرى الساحل الذكية", "").await.status, StatusCode::OK);

        // A staff-only amendment does not count in the public terms.
        let amendment: i64 = save(
            &t,
            &editor,
            &signed_agreement(
                0,
                org,
                &[("amends", &reference), ("title", "Confidential top-up"), ("value", "9000000")],
            ),
        )
        .await
        .body
        .parse()
        .unwrap();
        let status = [("id", amendment.to_string()), ("status", "signed".to_owned())];
        let status: Vec<(&str, &str)> = status.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(act(&t, &publisher, "/api/publisher/agreement_status", &status).await.status, StatusCode::OK);

        let read = |a: Answer| -> app::domain::agreement::PublicAgreement {
            assert_eq!(a.status, StatusCode::OK, "{}", a.body);
            assert!(!a.body.contains("Confidential") && !a.body.contains("9000000"), "{}", a.body);
            serde_json::from_str(&a.body).unwrap()
        };
        let en = read(public_page(&t, "en", &reference).await);
        assert_eq!((en.title.as_str(), en.text_locale.as_str()), ("Smart villages in the Sahel", "en"));
        assert!(en.terms.is_empty(), "no public amendment, no timeline");
        assert_eq!(en.value.as_ref().map(|v| v.usd_cents), Some(110_000_000));
        let fr = read(public_page(&t, "fr", &reference).await);
        assert_eq!((fr.title.as_str(), fr.text_locale.as_str()), ("Villages lumineux du Sahel", "fr"));
        let ru = read(public_page(&t, "ru", &reference).await);
        assert_eq!(ru.text_locale, "en", "no Russian text: shown as written");
        let amendment_reference = page(&t, &editor, amendment).await.record.reference;
        assert_eq!(public_page(&t, "en", &amendment_reference).await.status, StatusCode::NOT_FOUND);
        assert_eq!(public_page(&t, "en", "not-a-reference").await.status, StatusCode::NOT_FOUND);

        // Server-rendered, and linked from the public list.
        let html = send(&t, get(&format!("/ar/agreements/{reference}"), None)).await;
        assert_eq!(html.status, StatusCode::OK);
        assert!(html.body.contains("قرى الساحل الذكية") && html.body.contains("Fondation Lumière"), "{}", t.engine);
        assert!(!html.body.contains("Confidential top-up"));
        let list = send(&t, get("/en/agreements", None)).await;
        assert!(list.body.contains(&format!("href=\"/en/agreements/{reference}\"")), "the list links to the page");
        assert_eq!(
            send(&t, get(&format!("/en/agreements/{amendment_reference}"), None)).await.status,
            StatusCode::NOT_FOUND
        );

        // Emptying a translation removes it.
        assert_eq!(translate(publisher.clone(), "fr", "", "").await.status, StatusCode::OK);
        assert_eq!(read(public_page(&t, "fr", &reference).await).text_locale, "en");
        t
    })
    .await;
}

#[tokio::test]
async fn a_signed_interest_becomes_a_draft_and_the_concept_names_its_partner() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        let publisher = staff_session(&t, Role::Publisher).await;
        let concept = create_draft(&t, &editor, "Rural broadband for Mali", &INFRA_AFRICA).await;
        publish(&t, &editor, &publisher, concept).await;
        let slug: String = sqlx::query_scalar("SELECT slug FROM concepts WHERE id = $1")
            .bind(concept)
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        let shown = (app::ssr::infra::clock::now() - 30).to_string();
        let fields = [
            ("locale", "fr"),
            ("slug", slug.as_str()),
            ("form[organisation]", "Fondation Sahel Numérique"),
            ("form[entity_type]", "foundation"),
            ("form[country]", "ML"),
            ("form[contact_name]", "Awa Keïta"),
            ("form[email]", "awa@sahel.example.org"),
            ("form[role]", "Directrice"),
            ("form[contribution]", "funding"),
            ("form[amount]", "250000"),
            ("form[message]", "Nous voulons financer."),
            ("form[consent]", "on"),
            ("form[website]", ""),
            ("form[shown_at]", shown.as_str()),
        ];
        assert!(send(&t, post("/api/interest/new", &fields, None, true)).await.status.is_redirection());
        let interest: i64 = sqlx::query_scalar("SELECT MAX(id) FROM interests").fetch_one(t.db.pool()).await.unwrap();
        let org = organisation(&t, &editor, "Fondation Sahel Numérique", "sahel.example.org").await;
        let a = act(
            &t,
            &editor,
            "/api/staff/interest_organisation",
            &[("interest", &interest.to_string()), ("organisation", &org.to_string())],
        )
        .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let a = act(
            &t,
            &publisher,
            "/api/publisher/interest_move",
            &[
                ("id", &interest.to_string()),
                ("form[stage]", "signed"),
                ("form[owner]", ""),
                ("form[agreed]", "240000"),
            ],
        )
        .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);

        // The draft is filled from the interest.
        let a = act(&t, &editor, "/api/staff/agreement_draft", &[("interest", &interest.to_string())]).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let draft: AgreementForm = serde_json::from_str(&a.body).unwrap();
        assert_eq!(draft.party_org, [org.to_string()]);
        assert_eq!((draft.concept.clone(), draft.interest.clone()), (concept.to_string(), interest.to_string()));
        assert_eq!((draft.currency.as_str(), draft.value.as_str()), ("USD", "240000"), "the amount agreed");
        assert_eq!(draft.area, ["infrastructure"]);
        assert_eq!(draft.place, ["region:africa"]);
        assert_eq!(draft.original_locale, "fr", "in the partner's language");

        // Recorded as it was offered (with the signatures), signed and made public.
        let mut fields = vec![("locale".to_owned(), "en".to_owned()), ("id".to_owned(), "0".to_owned())];
        let mut form = draft.clone();
        form.agency_signed_on = "2026-03-01".into();
        form.party_signed = vec!["2026-02-27".into()];
        let one = |k: &str, v: &str| (format!("form[{k}]"), v.to_owned());
        for (k, v) in [
            ("kind", &form.kind),
            ("original_locale", &form.original_locale),
            ("title", &form.title),
            ("concept", &form.concept),
            ("interest", &form.interest),
            ("agency_role", &form.agency_role),
            ("agency_signed_on", &form.agency_signed_on),
            ("contribution", &form.contribution),
            ("currency", &form.currency),
            ("value", &form.value),
            ("areas_whole", &form.areas_whole),
            ("places_whole", &form.places_whole),
        ] {
            fields.push(one(k, v));
        }
        for (list, values) in [
            ("party_org", &form.party_org),
            ("party_role", &form.party_role),
            ("party_signed", &form.party_signed),
            ("area", &form.area),
            ("area_share", &form.area_share),
            ("place", &form.place),
            ("place_share", &form.place_share),
        ] {
            for v in values {
                fields.push((format!("form[{list}][]"), v.clone()));
            }
        }
        let a = save(&t, &editor, &fields).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let id: i64 = a.body.parse().unwrap();
        for (path, key, value) in [
            ("/api/publisher/agreement_status", "status", "signed"),
            ("/api/publisher/agreement_public", "public", "true"),
        ] {
            let a = act(&t, &publisher, path, &[("id", &id.to_string()), (key, value)]).await;
            assert_eq!(a.status, StatusCode::OK, "{path}: {}", a.body);
        }
        let a = send(
            &t,
            post("/api/staff/interest", &[("id", &interest.to_string()), ("locale", "en")], Some(&editor), false),
        )
        .await;
        let detail: app::domain::interest::InterestDetail = serde_json::from_str(&a.body).unwrap();
        assert_eq!(detail.agreements.len(), 1, "the interest names the agreement recorded from it");

        // The concept page names its partner.
        let page = send(&t, common::web::get(&format!("/en/concepts/{slug}"), None)).await;
        assert!(page.body.contains("In partnership with"), "{}", t.engine);
        assert!(page.body.contains("Fondation Sahel Numérique"));
        t
    })
    .await;
}

#[tokio::test]
async fn the_demo_record_reproduces_the_agencys_report_for_2014_to_2017() {
    on_every_engine(|t| async move {
        let added = app::ssr::seed::agreements(&t.db, app::ssr::infra::clock::now()).await.unwrap();
        assert!(added > 900, "{added}");
        assert_eq!(app::ssr::seed::agreements(&t.db, 0).await.unwrap(), 0, "seeded once");
        // 2017's sponsorship agreements come from the sponsorship platform's history.
        app::ssr::seed::sponsorship(&t.db, app::ssr::infra::clock::now()).await.unwrap();
        let pool = t.db.pool();
        let (new, amendments, cents): (i64, i64, i64) = sqlx::query_as(
            "SELECT CAST(SUM(CASE WHEN amends_id IS NULL THEN 1 ELSE 0 END) AS BIGINT), \
               CAST(SUM(CASE WHEN amends_id IS NULL THEN 0 ELSE 1 END) AS BIGINT), CAST(SUM(usd_cents) AS BIGINT) \
             FROM agreements WHERE signed_on >= '2014-01-01' AND signed_on <= '2017-12-31'",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        assert_eq!((new, amendments), (197, 35), "{}", t.engine);
        assert_eq!(cents, app::ssr::seed::REPORT_TOTAL_CENTS, "US$36.6 million");
        let until_2017: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM agreements WHERE signed_on < '2018-01-01'")
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(until_2017, 990);
        let centres: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM agreements a JOIN agreement_areas aa ON aa.agreement_id = a.id \
             JOIN areas t ON t.id = aa.area_id JOIN agreement_parties p ON p.agreement_id = a.id \
             JOIN organisations o ON o.id = p.organisation_id \
             WHERE a.signed_on LIKE '2015-%' AND t.code = 'capacity_building' AND o.name LIKE '%Centre of Excellence%'",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        assert_eq!(centres, app::ssr::seed::CENTRES_2015 as i64);
        let demo: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM organisations WHERE demo = 1").fetch_one(pool).await.unwrap();
        assert_eq!(demo, 450 + app::ssr::seed::SPONSORED_2017 as i64, "fictional organisations and 2017's sponsors, marked as demo");
        // The staff search says the same.
        let editor = staff_session(&t, Role::Editor).await;
        let found = search(&t, Some(&editor), "from=2014&to=2017").await;
        assert_eq!((found.total, found.usd_cents), (232, app::ssr::seed::REPORT_TOTAL_CENTS));
        t
    })
    .await;
}

#[tokio::test]
async fn the_demo_record_is_tied_to_the_demo_concepts_through_their_interests() {
    on_every_engine(|t| async move {
        let concepts = t.seed_demo().await;
        assert!(concepts >= 6, "{concepts}");
        app::ssr::seed::agreements(&t.db, app::ssr::infra::clock::now()).await.unwrap();
        let pool = t.db.pool();
        // Six public agreements of the record came from signed interests in six concepts,
        // linked to the funder's entry and covering exactly the concept's areas.
        let tied: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT a.concept_id, c.slug, o.name FROM agreements a JOIN concepts c ON c.id = a.concept_id \
             JOIN interests i ON i.id = a.interest_id JOIN organisations o ON o.id = i.organisation_id \
             WHERE a.public = 1 AND i.stage = 'signed' AND i.concept_id = a.concept_id ORDER BY a.concept_id",
        )
        .fetch_all(pool)
        .await
        .unwrap();
        assert_eq!(tied.len(), 6, "{}", t.engine);
        let strays: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM agreements a JOIN agreement_areas aa ON aa.agreement_id = a.id \
             WHERE a.concept_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM concept_areas ca \
               WHERE ca.concept_id = a.concept_id AND ca.area_id = aa.area_id)",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        assert_eq!(strays, 0, "a tied agreement covers its concept's areas");
        // Open leads wait in the inbox, unlinked, and no e-mail is queued for the demo.
        let open: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM interests WHERE stage <> 'signed' AND organisation_id IS NULL")
                .fetch_one(pool)
                .await
                .unwrap();
        assert!(open >= 6, "{open}");
        let mails: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE interest_id IS NOT NULL")
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(mails, 0);
        // The concept page names its partner.
        let (_, slug, name) = &tied[0];
        let page = send(&t, get(&format!("/en/concepts/{slug}"), None)).await;
        assert!(page.body.contains("In partnership with"), "{}", t.engine);
        // (Up to any character HTML may escape.)
        let plain = name.split(['\'', '&', '"']).max_by_key(|p| p.len()).unwrap_or_default();
        assert!(page.body.contains(plain), "{name}");
        t
    })
    .await;
}

/// Validates `xml` against the IATI 2.03 activity schema with `xmllint` (from libxml2;
/// `scripts/test` installs it and sets `POP_TEST_REQUIRE_XMLLINT`, so there it cannot be
/// skipped).
fn assert_valid_iati(xml: &str) {
    let schema = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/iati/iati-activities-schema.xsd");
    let file = std::env::temp_dir().join(format!("iati-{}-{}.xml", std::process::id(), xml.len()));
    std::fs::write(&file, xml).unwrap();
    let out = match std::process::Command::new("xmllint").arg("--noout").arg("--schema").arg(schema).arg(&file).output()
    {
        Ok(out) => out,
        Err(e) => {
            assert!(std::env::var_os("POP_TEST_REQUIRE_XMLLINT").is_none(), "xmllint is needed: {e}");
            eprintln!("warning: xmllint not installed: the IATI export was not checked against the schema");
            return;
        }
    };
    let _ = std::fs::remove_file(&file);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr).chars().take(3000).collect::<String>());
}

#[tokio::test]
async fn the_iati_export_has_public_agreements_only_and_validates_against_the_schema() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        let publisher = staff_session(&t, Role::Publisher).await;
        let org = organisation(&t, &editor, "Fondation Sahel Numérique & Partenaires", "sahel.example.org").await;
        let mut ids = Vec::new();
        for title in ["Smart villages <in> the Sahel", "Confidential grant for Ruritania"] {
            let fields = agreement(
                0,
                org,
                &[
                    ("title", title),
                    ("agency_signed_on", "2026-02-10"),
                    ("party_signed][", "2026-02-03"),
                    ("tx_kind][", "received"),
                    ("tx_on][", "2026-03-01"),
                    ("tx_amount][", "250000.50"),
                ],
            );
            let id: i64 = save(&t, &editor, &fields).await.body.parse().unwrap();
            let a = act(
                &t,
                &publisher,
                "/api/publisher/agreement_status",
                &[("id", &id.to_string()), ("status", "signed")],
            )
            .await;
            assert_eq!(a.status, StatusCode::OK, "{}", a.body);
            ids.push(id);
        }
        let a =
            act(&t, &publisher, "/api/publisher/agreement_public", &[("id", &ids[0].to_string()), ("public", "true")])
                .await;
        assert_eq!(a.status, StatusCode::OK);
        let a = send(&t, common::web::get("/iati/activities.xml", None)).await;
        assert_eq!(a.status, StatusCode::OK);
        assert!(a.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/xml"));
        let xml = a.body;
        assert!(xml.contains("Smart villages &lt;in&gt; the Sahel"), "{xml}");
        assert!(!xml.contains("Ruritania"), "a staff-only agreement is not exported");
        assert!(xml.contains("<recipient-country code=\"ML\" percentage=\"50.00\"/>"), "{xml}");
        assert!(xml.contains("<recipient-region code=\"298\" vocabulary=\"1\" percentage=\"50.00\"/>"), "{xml}");
        assert!(xml.contains("code=\"digital_inclusion\" percentage=\"75.00\""), "{xml}");
        assert!(xml.contains("<sector vocabulary=\"1\" code=\"22040\" percentage=\"100.00\"/>"), "{xml}");
        assert!(xml.contains("<transaction-type code=\"1\"/>") && xml.contains(">250000.5</value>"), "{xml}");
        assert!(xml.contains("role=\"1\""), "the funder's IATI role");
        assert_valid_iati(&xml);
        t
    })
    .await;
}

#[tokio::test]
async fn the_whole_demo_record_exports_as_valid_iati() {
    let t = TestDb::sqlite().await;
    app::ssr::seed::agreements(&t.db, app::ssr::infra::clock::now()).await.unwrap();
    let a = send(&t, common::web::get("/iati/activities.xml", None)).await;
    assert_eq!(a.status, StatusCode::OK);
    let activities = a.body.matches("<iati-activity ").count();
    assert!(activities > 800, "{activities}");
    assert_valid_iati(&a.body);
    t.drop_db().await;
}

#[tokio::test]
async fn country_groups_count_by_membership_on_the_day_signed_or_today() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        let org = organisation(&t, &editor, "Pacific Connect", "pacific.example.org").await;
        let mut ids = Vec::new();
        // Vanuatu left the least developed countries on 4 December 2020.
        for (day, place) in [("2019-05-01", "country:VU"), ("2021-05-01", "country:VU"), ("2021-05-01", "country:SN")] {
            let fields = agreement(
                0,
                org,
                &[("agency_signed_on", day), ("party_signed][", day), ("place][", place), ("places_whole", "on")],
            );
            let a = save(&t, &editor, &fields).await;
            assert_eq!(a.status, StatusCode::OK, "{}", a.body);
            ids.push(a.body.parse::<i64>().unwrap());
        }
        let found = |r: AgreementResults| {
            let mut v: Vec<i64> = r.rows.iter().map(|r| r.id).collect();
            v.sort();
            v
        };
        assert_eq!(found(search(&t, Some(&editor), "group=ldc").await), [ids[0], ids[2]], "{}", t.engine);
        assert_eq!(found(search(&t, Some(&editor), "group=ldc&groups=today").await), [ids[2]]);
        assert_eq!(found(search(&t, Some(&editor), "group=sids").await), [ids[0], ids[1]], "still small islands");
        // São Tomé and Príncipe graduated in 2024: today it is no least developed country.
        let today: Vec<String> =
            sqlx::query_scalar("SELECT grp FROM country_groups WHERE country_code = 'ST' ORDER BY grp")
                .fetch_all(t.db.pool())
                .await
                .unwrap();
        assert_eq!(today, ["sids"]);
        t
    })
    .await;
}

/// An import as the page sends it; the report.
async fn import(t: &TestDb, cookie: &str, file: &str, store: bool) -> app::domain::agreement_sheet::ImportReport {
    let store = if store { "true" } else { "false" };
    let a = act(t, cookie, "/api/staff/agreement_import", &[("file", file), ("store", store)]).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    serde_json::from_str(&a.body).unwrap()
}

#[tokio::test]
async fn a_csv_import_lists_every_rows_errors_and_stores_the_whole_file_or_nothing() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        let publisher = staff_session(&t, Role::Publisher).await;
        let org = organisation(&t, &editor, "Fondation Sahel Numérique", "sahel.example.org").await;
        let header = "reference,amends,kind,status,public,language,title,agency_role,agency_signed_on,contribution,\
                      currency,value,usd_rate,rate_on,parties,party_roles,party_signed_on,areas,area_shares,places";
        let original = "2015-0007,,cooperation,signed,yes,fr,Villages connectés,accountable,2015-03-02,financial,\
                        EUR,\"250,000.50\",1.10,2015-03-01,Fondation Sahel Numérique,funding,2015-02-27,\
                        digital_inclusion; infrastructure,60; 40,country:ML";
        let bad = ",,cooperation,,,en,Broken row,accountable,,financial,XYZ,100,1,2015-01-01,\
                   Nobody Anywhere,funding,,digital_inclusion; infrastructure,60; 30,country:ML";
        let amendment = ",2015-0007,cooperation,signed,,fr,Villages connectés — avenant,accountable,2016-01-10,\
                         financial,EUR,50000,1.08,2016-01-05,Fondation Sahel Numérique,funding,2016-01-08,\
                         digital_inclusion,,region:africa";

        // One bad row: every error of it listed under its column, nothing stored.
        let file = format!("{header}\n{original}\n{bad}\n{amendment}\n");
        let r = import(&t, &publisher, &file, true).await;
        assert_eq!((r.rows, r.stored, r.problems.len()), (3, false, 1), "{r:?}");
        let p = &r.problems[0];
        assert_eq!((p.line, p.title.as_str()), (3, "Broken row"));
        let errors: Vec<(String, String)> =
            p.errors.iter().map(|e| (e.field.clone(), serde_json::to_string(&e.code).unwrap())).collect();
        for expected in
            [("currency", "\"unknown\""), ("area_shares", "\"shares_sum\""), ("parties.1", "\"not_in_registry\"")]
        {
            assert!(errors.contains(&(expected.0.into(), expected.1.into())), "{expected:?} in {errors:?}");
        }
        assert_eq!(count(&t).await, 0, "a file with a bad row stores nothing");

        // Editors import drafts only.
        let clean = format!("{header}\n{original}\n{amendment}\n");
        let r = import(&t, &editor, &clean, true).await;
        assert!(!r.stored && r.problems.iter().all(|p| p.errors.iter().any(|e| e.field == "status")), "{r:?}");
        assert_eq!(count(&t).await, 0);

        // A check stores nothing; storing keeps the file's reference, and the amendment
        // amends the row above it.
        let r = import(&t, &publisher, &clean, false).await;
        assert!(r.clean() && !r.stored, "{r:?}");
        assert_eq!(count(&t).await, 0, "a check alone stores nothing");
        let r = import(&t, &publisher, &clean, true).await;
        assert!(r.stored, "{r:?}");
        assert_eq!(r.references[0], "2015-0007");
        assert_eq!(count(&t).await, 2);
        let found = search(&t, Some(&editor), "q=villages").await;
        let original_id = found.rows.iter().find(|r| r.reference == "2015-0007").unwrap().id;
        let record = page(&t, &editor, original_id).await;
        assert_eq!(record.record.status.code(), "signed");
        assert!(record.record.public);
        assert_eq!(record.record.parties[0].organisation, org);
        assert_eq!(record.record.value.as_ref().unwrap().minor, 25_000_050, "exact minor units");
        assert_eq!(record.amendments.len(), 1, "the amendment amends the original");
        assert!(record.history.iter().any(|h| h.action == "agreement_imported"));
        let public = search(&t, None, "").await;
        assert_eq!(public.rows.iter().map(|r| r.reference.as_str()).collect::<Vec<_>>(), ["2015-0007"]);

        // The same file again: its reference is taken, nothing stored. An exported file reads
        // back with no error but the references it already has.
        let r = import(&t, &publisher, &clean, true).await;
        assert!(!r.stored && r.problems[0].errors.iter().any(|e| e.field == "reference"), "{r:?}");
        let exported = send(&t, get("/api/staff/agreements.csv", Some(&editor))).await.body;
        let r = import(&t, &publisher, &exported, false).await;
        assert!(r.unknown_columns.is_empty(), "{r:?}");
        assert_eq!(r.rows, 2);
        for p in &r.problems {
            let fields: Vec<&str> = p.errors.iter().map(|e| e.field.as_str()).collect();
            assert_eq!(fields, ["reference"], "only the references already taken: {p:?}");
        }
        let template = send(&t, get("/api/staff/agreement_template.csv", Some(&editor))).await;
        assert_eq!(template.status, StatusCode::OK);
        assert!(template.body.contains("Example Foundation"));

        // A misspelt column stores nothing.
        let r = import(&t, &publisher, "kind,titel,language\ncooperation,x,en\n", true).await;
        assert_eq!((r.unknown_columns.clone(), r.stored), (vec!["titel".to_owned()], false));
        assert_eq!(count(&t).await, 2);
        t
    })
    .await;
}

#[tokio::test]
async fn obligations_are_reminded_once_through_the_outbox_in_the_owners_language() {
    on_every_engine(|t| async move {
        let (state, dir) = common::mail::app_state(&t, &[]);
        let editor = staff_session(&t, Role::Editor).await;
        // The owner uses the staff area in French: signing in says so.
        common::web::account(&t, "owner@example.org", Role::Publisher).await;
        let fields = [("locale", "fr"), ("email", "owner@example.org"), ("password", common::web::PASSWORD)];
        assert_eq!(send(&t, post("/api/session/sign_in", &fields, None, false)).await.status, StatusCode::OK);
        let owner: i64 = sqlx::query_scalar("SELECT id FROM staff_users WHERE email = 'owner@example.org'")
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        let org = organisation(&t, &editor, "Fondation Sahel Numérique", "sahel.example.org").await;
        let now = app::ssr::infra::clock::now();
        let day = |offset: i64| app::domain::format::iso_date(now + offset * 86_400);
        let (soon, later, past) = (day(10), day(60), day(-3));
        let owner = owner.to_string();
        // Due in ten days, reminded fourteen before: due now. Due in sixty: not yet. Past
        // due: never (an old record does not flood its owners). No owner: nobody to tell.
        let unowned = day(5);
        let obligations = [
            ("ob_kind][", "report"),
            ("ob_due][", soon.as_str()),
            ("ob_owner][", owner.as_str()),
            ("ob_remind][", "14"),
            ("ob_kind][", "renewal"),
            ("ob_due][", later.as_str()),
            ("ob_owner][", owner.as_str()),
            ("ob_remind][", "14"),
            ("ob_kind][", "expiry"),
            ("ob_due][", past.as_str()),
            ("ob_owner][", owner.as_str()),
            ("ob_remind][", "14"),
            ("ob_kind][", "report"),
            ("ob_due][", unowned.as_str()),
            ("ob_owner][", ""),
            ("ob_remind][", "14"),
        ];
        let id: i64 = save(&t, &editor, &agreement(0, org, &obligations)).await.body.parse().unwrap();
        let sweep = app::ssr::jobs::delivery_worker::queue_reminders(&state, now).await.unwrap();
        assert_eq!(sweep, 1, "only the report due in ten days");
        assert_eq!(app::ssr::jobs::delivery_worker::queue_reminders(&state, now + 60).await.unwrap(), 0, "once");
        let mailer = app::ssr::infra::mailer::Mailer::from_config(&state.config.mail).unwrap();
        while app::ssr::jobs::delivery_worker::work_once(&state, &mailer).await.unwrap() > 0 {}
        let mails = common::mail::take(&dir);
        assert_eq!(mails.len(), 1, "{mails:?}");
        let m = &mails[0];
        assert_eq!(m.to, "owner@example.org");
        let reference = page(&t, &editor, id).await.record.reference;
        assert!(m.subject.starts_with("Rappel") && m.subject.contains(&reference), "{}", m.subject);
        assert!(m.text.contains("Rapport") && m.text.contains(&format!("/fr/staff/agreements/{id}")), "{}", m.text);
        assert!(m.html.contains("lang=\"fr\""));
        // The record says the reminder went; saving the agreement again keeps it so.
        let p = page(&t, &editor, id).await;
        let reminded: Vec<bool> = p.record.obligations.iter().map(|o| o.reminded_at.is_some()).collect();
        assert_eq!(reminded.iter().filter(|r| **r).count(), 1, "{reminded:?}");
        assert_eq!(save(&t, &editor, &agreement(id, org, &obligations)).await.status, StatusCode::OK);
        assert_eq!(app::ssr::jobs::delivery_worker::queue_reminders(&state, now + 120).await.unwrap(), 0);
        t
    })
    .await;
}

#[tokio::test]
async fn generated_agreements_for_benchmarks_fill_the_record_once() {
    on_every_engine(|t| async move {
        let now = app::ssr::infra::clock::now();
        assert_eq!(app::ssr::seed::generated_agreements(&t.db, 1_200, 30, now).await.unwrap(), 1_200);
        assert_eq!(app::ssr::seed::generated_agreements(&t.db, 1_200, 30, now).await.unwrap(), 0, "until there are N");
        assert_eq!(count(&t).await, 1_200);
        let orgs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organisations WHERE name LIKE 'Generated %'")
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        assert_eq!(orgs, 30);
        let found = search(&t, None, "area=infrastructure&region=africa").await;
        assert!(found.total > 0 && !found.partners.is_empty(), "{} found", found.total);
        t
    })
    .await;
}

#[tokio::test]
async fn documents_stay_staff_only_until_a_publisher_makes_them_public_with_a_public_agreement() {
    on_every_engine(|t| async move {
        let editor = staff_session(&t, Role::Editor).await;
        let publisher = staff_session(&t, Role::Publisher).await;
        organisation(&t, &editor, "Fondation Sahel Numérique", "sahel.example.org").await;
        let file = "reference,kind,status,public,language,title,agency_role,agency_signed_on,contribution,parties,\
                    party_roles,party_signed_on,areas,places\n2016-0001,cooperation,signed,yes,en,With documents,\
                    accountable,2016-03-01,in_kind,Fondation Sahel Numérique,funding,2016-02-27,infrastructure,country:KE\n";
        assert!(import(&t, &publisher, file, true).await.stored);
        let id = search(&t, Some(&editor), "q=documents").await.rows[0].id;
        let uri = format!("/api/staff/agreements/{id}/documents");
        let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

        // Only PDFs, only staff; a refused file stores nothing.
        let fields = [("kind", "signed"), ("title", "Signed text"), ("lang", "en")];
        let a = send(&t, common::web::multipart(&uri, &fields, Some(("photo.png", b"\x89PNG\r\n\x1a\nxx")), Some(&editor), true)).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
        let a = send(&t, common::web::multipart(&uri, &fields, Some(("signed.pdf", pdf)), None, true)).await;
        assert!(matches!(a.status.as_u16(), 303 | 401 | 403), "{}", a.status);
        assert!(page(&t, &editor, id).await.documents.is_empty());
        let a = send(&t, common::web::multipart(&uri, &fields, Some(("signed.pdf", pdf)), Some(&editor), true)).await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
        // A plain form post comes back to the agreement.
        let annex = [("kind", "annex"), ("title", ""), ("lang", "fr")];
        let a = send(&t, common::web::multipart(&uri, &annex, Some(("budget annex.pdf", b"%PDF-1.7\nannex")), Some(&editor), false)).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER);
        assert_eq!(a.headers[header::LOCATION], format!("/fr/staff/agreements/{id}?documents=saved#documents"));
        let docs = page(&t, &editor, id).await.documents;
        assert_eq!(docs.iter().map(|d| (d.kind.code(), d.title.as_str(), d.public)).collect::<Vec<_>>(),
            [("signed", "Signed text", false), ("annex", "budget annex.pdf", false)]);
        let url = docs[0].url.clone();
        let key = url.split('/').nth(2).unwrap().to_owned();
        assert!(app::ssr::db::media::keys_in_use(&mut t.db.pool().acquire().await.unwrap()).await.unwrap().contains(&key),
            "the media sweep keeps a document's file");

        // Staff-only: strangers get nothing, staff the file.
        assert_eq!(send(&t, get(&url, None)).await.status, StatusCode::NOT_FOUND);
        assert_eq!(send(&t, get(&url, Some(&editor))).await.status, StatusCode::OK);
        // Editors do not publish documents; publishers do.
        let doc = docs[0].id.to_string();
        let a = act(&t, &editor, "/api/publisher/agreement_document_public", &[("id", &doc), ("public", "true")]).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN);
        let a = act(&t, &publisher, "/api/publisher/agreement_document_public", &[("id", &doc), ("public", "true")]).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let served = send(&t, get(&url, None)).await;
        assert_eq!(served.status, StatusCode::OK);
        assert_eq!(served.headers[header::CACHE_CONTROL], "private, no-store", "it may turn staff-only again");
        // A public document of an agreement made staff-only is staff-only again.
        let a = act(&t, &publisher, "/api/publisher/agreement_public", &[("id", &id.to_string()), ("public", "false")]).await;
        assert_eq!(a.status, StatusCode::OK);
        assert_eq!(send(&t, get(&url, None)).await.status, StatusCode::NOT_FOUND);
        // Removing it is audited; the annex stays.
        let a = act(&t, &publisher, "/api/publisher/agreement_document_delete", &[("id", &doc)]).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let p = page(&t, &editor, id).await;
        assert_eq!(p.documents.len(), 1);
        for action in ["agreement_document_added", "agreement_document_public", "agreement_document_removed"] {
            assert!(p.history.iter().any(|h| h.action == action), "{action}");
        }
        t
    })
    .await;
}
