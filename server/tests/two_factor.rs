//! Two-step sign-in over HTTP on both engines: set-up with a code from the app, recovery
//! codes that work once, codes never accepted twice, and the administrators' policy.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests and benchmarks: a panic is a failed run.
mod common;

use app::domain::staff::Role;
use app::ssr::infra::totp::code_at;
use common::web::{PASSWORD, post, send, session_cookie, signed_in, staff_session};
use common::{TestDb, on_every_engine};
use http::StatusCode;

async fn call(t: &TestDb, cookie: &str, path: &str, fields: &[(&str, &str)]) -> common::web::Answer {
    send(t, post(&format!("/api/{path}"), fields, Some(cookie), false)).await
}

async fn sign_in_with(t: &TestDb, email: &str, code: &str) -> common::web::Answer {
    let fields = [("locale", "en"), ("email", email), ("password", PASSWORD), ("code", code)];
    send(t, post("/api/session/sign_in", &fields, None, false)).await
}

async fn pending_secret(t: &TestDb, email: &str) -> String {
    sqlx::query_scalar("SELECT totp_pending FROM staff_users WHERE email = $1")
        .bind(email)
        .fetch_one(t.db.pool())
        .await
        .unwrap()
}

/// Sets up a second factor for the signed-in member; returns its secret and recovery codes.
async fn set_up(t: &TestDb, cookie: &str, email: &str) -> (String, Vec<String>) {
    let a = call(t, cookie, "staff/two_factor_begin", &[]).await;
    assert_eq!(a.status, StatusCode::OK, "{}: {}", t.engine, a.body);
    assert!(a.body.contains("otpauth://totp/") && a.body.contains("<svg"), "{}", a.body);
    let secret = pending_secret(t, email).await;
    let a = call(t, cookie, "staff/two_factor_confirm", &[("code", "000000")]).await;
    let wrong = code_at(&secret, app::ssr::infra::clock::now()).unwrap() == "000000";
    if !wrong {
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
    }
    let code = code_at(&secret, app::ssr::infra::clock::now()).unwrap();
    let a = call(t, cookie, "staff/two_factor_confirm", &[("code", &code)]).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    (secret, serde_json::from_str(&a.body).unwrap())
}

#[tokio::test]
async fn a_member_sets_up_two_step_sign_in_and_then_needs_a_code() {
    on_every_engine(|t| async move {
        let cookie = staff_session(&t, Role::Editor).await;
        let email = "editor@example.org";
        let (secret, codes) = set_up(&t, &cookie, email).await;
        assert_eq!(codes.len(), 10);

        // The password alone no longer signs in; a wrong or reused code neither.
        let a = sign_in_with(&t, email, "").await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(a.body.contains("code_required"), "{}", a.body);
        assert!(session_cookie(&a).is_none());
        let used = code_at(&secret, app::ssr::infra::clock::now()).unwrap();
        let a = sign_in_with(&t, email, &used).await;
        assert!(a.body.contains("wrong_code"), "the code used to confirm is spent: {}", a.body);
        // The next step's code is accepted once.
        let next = code_at(&secret, app::ssr::infra::clock::now() + 30).unwrap();
        let a = sign_in_with(&t, email, &next).await;
        assert_eq!(a.status, StatusCode::OK, "{}: {}", t.engine, a.body);
        assert!(session_cookie(&a).is_some());
        assert!(sign_in_with(&t, email, &next).await.body.contains("wrong_code"));

        // A recovery code works once, typed in any case.
        let a = sign_in_with(&t, email, &codes[3].to_uppercase()).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        assert!(sign_in_with(&t, email, &codes[3]).await.body.contains("wrong_code"));
        let a = call(&t, &cookie, "staff/two_factor_status", &[]).await;
        assert!(a.body.contains("\"recovery_codes_left\":9"), "{}", a.body);

        // Turning it off needs the password.
        let a = call(&t, &cookie, "staff/two_factor_off", &[("password", "not the password at all")]).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
        let a = call(&t, &cookie, "staff/two_factor_off", &[("password", PASSWORD)]).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        assert_eq!(sign_in_with(&t, email, "").await.status, StatusCode::OK);
        t
    })
    .await;
}

#[tokio::test]
async fn administrators_can_require_a_second_factor_of_publishers_and_administrators() {
    on_every_engine(|t| async move {
        let admin = staff_session(&t, Role::Admin).await;
        let publisher = staff_session(&t, Role::Publisher).await;
        let editor = staff_session(&t, Role::Editor).await;
        // An administrator without a second factor cannot require one of others.
        let a = call(&t, &admin, "admin/two_factor_require", &[("required", "true")]).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
        set_up(&t, &admin, "admin@example.org").await;
        let a = call(&t, &admin, "admin/two_factor_require", &[("required", "true")]).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);

        // A publisher without one may only manage their own account.
        let a = call(&t, &publisher, "publisher/audit_list", &[]).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN);
        assert_eq!(a.body, "\"TwoFactorDue\"");
        assert_eq!(call(&t, &publisher, "staff/concepts", &[("locale", "en")]).await.status, StatusCode::FORBIDDEN);
        let a = call(&t, &publisher, "staff/two_factor_status", &[]).await;
        assert!(a.body.contains("\"required\":true"), "{}", a.body);
        // Editors are not concerned.
        assert_eq!(call(&t, &editor, "staff/concepts", &[("locale", "en")]).await.status, StatusCode::OK);

        set_up(&t, &publisher, "publisher@example.org").await;
        assert_eq!(call(&t, &publisher, "publisher/audit_list", &[]).await.status, StatusCode::OK);
        // Required: it cannot be turned off by its holder.
        let a = call(&t, &publisher, "staff/two_factor_off", &[("password", PASSWORD)]).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);

        // Lost phone: an administrator removes it; the publisher signs in with the password
        // and must set it up again.
        let id: i64 = sqlx::query_scalar("SELECT id FROM staff_users WHERE email = 'publisher@example.org'")
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        let a = call(&t, &admin, "admin/two_factor_remove", &[("id", &id.to_string())]).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let again = signed_in(&t, "publisher@example.org", PASSWORD).await;
        assert_eq!(call(&t, &again, "publisher/audit_list", &[]).await.status, StatusCode::FORBIDDEN);
        t
    })
    .await;
}
