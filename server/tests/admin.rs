//! Administration over HTTP on both engines: staff accounts are created, change role, are
//! disabled (their sessions end) and enabled again, never deleted; the last administrator
//! cannot be demoted or disabled; every change is in the audit log, which publishers read.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests and benchmarks: a panic is a failed run.
mod common;

use app::domain::staff::{AuditEntry, Role, StaffAccount};
use common::web::{get, post, send, sign_in, signed_in, staff_session};
use common::{TestDb, on_every_engine};
use http::StatusCode;

async fn call(t: &TestDb, cookie: &str, path: &str, fields: &[(&str, &str)]) -> common::web::Answer {
    send(t, post(&format!("/api/{path}"), fields, Some(cookie), false)).await
}

async fn accounts(t: &TestDb, cookie: &str) -> Vec<StaffAccount> {
    let a = call(t, cookie, "admin/staff_list", &[]).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    serde_json::from_str(&a.body).unwrap()
}

#[tokio::test]
async fn an_administrator_creates_promotes_disables_and_enables_an_account() {
    on_every_engine(|t| async move {
        let admin = staff_session(&t, Role::Admin).await;
        let a = call(
            &t,
            &admin,
            "admin/staff_create",
            &[("email", " Nadia@Example.org "), ("name", "Nadia Haddad"), ("role", "editor")],
        )
        .await;
        assert_eq!(a.status, StatusCode::OK, "{}: {}", t.engine, a.body);
        let handed: serde_json::Value = serde_json::from_str(&a.body).unwrap();
        assert_eq!(handed["email"], "nadia@example.org");
        let password = handed["password"].as_str().unwrap().to_owned();
        assert!(password.len() >= 20);

        // The same address again, or bad input: refused, nothing created.
        let a = call(
            &t,
            &admin,
            "admin/staff_create",
            &[("email", "nadia@example.org"), ("name", "N"), ("role", "editor")],
        )
        .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(a.body.contains("taken"));
        let a =
            call(&t, &admin, "admin/staff_create", &[("email", "not-an-address"), ("name", " "), ("role", "editor")])
                .await;
        assert!(a.body.contains("invalid_email") && a.body.contains("required"), "{}", a.body);
        let a = call(&t, &admin, "admin/staff_create", &[("email", "x@example.org"), ("name", "X"), ("role", "root")])
            .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(accounts(&t, &admin).await.len(), 2);

        let nadia_session = signed_in(&t, "nadia@example.org", &password).await;
        let nadia = accounts(&t, &admin).await.into_iter().find(|a| a.email == "nadia@example.org").unwrap();
        assert_eq!((nadia.role, nadia.disabled), (Role::Editor, false));
        let id = nadia.id.to_string();

        let a = call(&t, &admin, "admin/staff_role", &[("id", &id), ("role", "publisher")]).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        // Publishers read the audit log.
        let a = call(&t, &nadia_session, "publisher/audit_list", &[]).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);

        // Disabled: the session ends at once and signing in fails like a wrong password.
        let a = call(&t, &admin, "admin/staff_enabled", &[("id", &id), ("enabled", "false")]).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let a = call(&t, &nadia_session, "publisher/audit_list", &[]).await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED);
        assert_eq!(sign_in(&t, "nadia@example.org", &password).await.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(accounts(&t, &admin).await.iter().any(|a| a.email == "nadia@example.org" && a.disabled));

        let a = call(&t, &admin, "admin/staff_enabled", &[("id", &id), ("enabled", "true")]).await;
        assert_eq!(a.status, StatusCode::OK);
        // A new password: the old one stops working.
        let a = call(&t, &admin, "admin/staff_reset_password", &[("id", &id)]).await;
        let new_password =
            serde_json::from_str::<serde_json::Value>(&a.body).unwrap()["password"].as_str().unwrap().to_owned();
        assert_eq!(sign_in(&t, "nadia@example.org", &password).await.status, StatusCode::UNPROCESSABLE_ENTITY);
        signed_in(&t, "nadia@example.org", &new_password).await;

        // Every step is in the log, named in the reader's language on the audit page.
        let a = call(&t, &admin, "publisher/audit_list", &[]).await;
        let log: Vec<AuditEntry> = serde_json::from_str(&a.body).unwrap();
        let about_nadia: Vec<&str> = log
            .iter()
            .filter(|e| e.subject_id == Some(nadia.id) && e.subject_kind == "staff_user")
            .map(|e| e.action.as_str())
            .collect();
        for action in ["account_created", "role_changed", "account_disabled", "account_enabled", "password_reset"] {
            assert!(about_nadia.contains(&action), "{action} not in {about_nadia:?}");
        }
        assert!(log.iter().all(|e| e.subject_kind != "staff_user" || e.subject_name.is_some()));
        let page = send(&t, get("/fr/staff/audit", Some(&admin))).await;
        assert!(page.body.contains("Journal d&#x27;audit") || page.body.contains("Journal d'audit"), "{}", t.engine);
        assert!(page.body.contains("Compte désactivé") && page.body.contains("Nadia Haddad"));
        t
    })
    .await;
}

#[tokio::test]
async fn the_last_administrator_stays_and_nobody_disables_themselves() {
    on_every_engine(|t| async move {
        let admin = staff_session(&t, Role::Admin).await;
        let me = accounts(&t, &admin).await[0].id.to_string();
        let a = call(&t, &admin, "admin/staff_role", &[("id", &me), ("role", "editor")]).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(a.body.contains("last_admin"));
        let a = call(&t, &admin, "admin/staff_enabled", &[("id", &me), ("enabled", "false")]).await;
        assert!(a.body.contains("self"), "{}", a.body);
        let a = call(&t, &admin, "admin/staff_role", &[("id", "999999"), ("role", "editor")]).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND);
        // With a second administrator, the first may step down.
        let a = call(
            &t,
            &admin,
            "admin/staff_create",
            &[("email", "second@example.org"), ("name", "Second"), ("role", "admin")],
        )
        .await;
        assert_eq!(a.status, StatusCode::OK);
        let a = call(&t, &admin, "admin/staff_role", &[("id", &me), ("role", "publisher")]).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let a = call(&t, &admin, "admin/staff_list", &[]).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "no longer an administrator");
        t
    })
    .await;
}

#[tokio::test]
async fn administrators_rename_areas_in_six_languages_and_readers_see_it() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        let admin = staff_session(&t, Role::Admin).await;
        let a = call(&t, &admin, "admin/taxonomy", &[("kind", "area")]).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let terms: Vec<app::domain::taxonomy::TermNames> = serde_json::from_str(&a.body).unwrap();
        let infra = terms.iter().find(|t| t.code == "infrastructure").expect("seeded area");
        assert_eq!(
            infra.names.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>(),
            ["ar", "zh", "en", "fr", "ru", "es"]
        );

        let names = |fr: &'static str| {
            [
                ("kind", "area"),
                ("code", "infrastructure"),
                ("names[ar]", "البنية التحتية الرقمية"),
                ("names[zh]", "数字基础设施"),
                ("names[en]", "Digital infrastructure"),
                ("names[fr]", fr),
                ("names[ru]", "Цифровая инфраструктура"),
                ("names[es]", "Infraestructura digital"),
            ]
        };
        let a = call(&t, &admin, "admin/taxonomy_rename", &names(" ")).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(a.body.contains("names[fr]") && a.body.contains("required"), "{}", a.body);
        let mut unknown = names("Infrastructure numérique");
        unknown[1] = ("code", "astrology");
        assert_eq!(call(&t, &admin, "admin/taxonomy_rename", &unknown).await.status, StatusCode::NOT_FOUND);
        unknown[0] = ("kind", "planet");
        assert_eq!(call(&t, &admin, "admin/taxonomy_rename", &unknown).await.status, StatusCode::UNPROCESSABLE_ENTITY);

        let a = call(&t, &admin, "admin/taxonomy_rename", &names("Infrastructure numérique")).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let page = send(&t, get("/fr/concepts", None)).await;
        assert!(page.body.contains("Infrastructure numérique"), "the catalogue's filters use the new name");
        let a = call(&t, &admin, "publisher/audit_list", &[]).await;
        let log: Vec<AuditEntry> = serde_json::from_str(&a.body).unwrap();
        let entry = log.iter().find(|e| e.action == "names_changed").expect("audited");
        assert_eq!(entry.subject_name.as_deref(), Some("infrastructure"));
        assert!(entry.detail.contains(&("changed".to_owned(), "ar,zh,en,fr,ru,es".to_owned())), "{:?}", entry.detail);
        t
    })
    .await;
}
