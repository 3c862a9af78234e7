//! Staff accounts over HTTP on both engines: sign-in with and without JavaScript, sessions
//! in the database, expiry, password changes, rate limits, and the authorisation check on
//! every server function (the list comes from the server's own registry, so a new function
//! cannot be forgotten).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests and benchmarks: a panic is a failed run.
mod common;

use app::domain::staff::Role;
use common::web::{ORIGIN, PASSWORD, account, get, post, send, session_cookie, sign_in, signed_in};
use common::{TestDb, on_every_engine};
use http::{StatusCode, header};

async fn who(t: &TestDb, cookie: &str) -> Option<String> {
    let a = send(t, post("/api/session/me", &[], Some(cookie), false)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let v: serde_json::Value = serde_json::from_str(&a.body).unwrap();
    v.get("email").and_then(|e| e.as_str()).map(str::to_owned)
}

#[tokio::test]
async fn a_session_opens_at_sign_in_lives_in_the_database_and_ends_at_sign_out() {
    on_every_engine(|t| async move {
        account(&t, "editor@example.org", Role::Editor).await;
        // Case and spaces in the address do not matter.
        let a = sign_in(&t, "  Editor@Example.org ", PASSWORD).await;
        assert_eq!(a.status, StatusCode::OK, "{}: {}", t.engine, a.body);
        assert_eq!(a.headers[header::LOCATION], "/en/staff", "the hydrated app is told where to go");
        let set = a.headers[header::SET_COOKIE].to_str().unwrap();
        assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Path=/"), "{set}");
        let cookie = session_cookie(&a).unwrap();
        // Every request builds a new router and state: the session lives in the database.
        assert_eq!(who(&t, &cookie).await.as_deref(), Some("editor@example.org"));
        let stored: Vec<String> =
            sqlx::query_scalar("SELECT token_hash FROM staff_sessions").fetch_all(t.db.pool()).await.unwrap();
        assert_eq!(stored.len(), 1);
        assert!(!cookie.contains(&stored[0]), "only a hash of the token is stored");
        // A new session id at every sign-in.
        let again = signed_in(&t, "editor@example.org", PASSWORD).await;
        assert_ne!(again, cookie);

        let page = send(&t, get("/en/staff", Some(&cookie))).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("editor@example.org") && page.body.contains("Editor"), "{}", page.body);
        let page = send(&t, get("/fr/staff", None)).await;
        assert_eq!(page.status, StatusCode::FOUND, "no session: to the sign-in page");
        assert_eq!(page.headers[header::LOCATION], "/fr/staff/sign-in?next=/fr/staff");

        let out = send(&t, post("/api/session/sign_out", &[("locale", "en")], Some(&cookie), false)).await;
        assert_eq!(out.status, StatusCode::OK);
        assert!(out.headers[header::SET_COOKIE].to_str().unwrap().contains("Max-Age=0"));
        assert_eq!(who(&t, &cookie).await, None);
        assert_eq!(who(&t, &again).await.as_deref(), Some("editor@example.org"), "other sessions stay");
        t
    })
    .await;
}

#[tokio::test]
async fn without_javascript_sign_in_redirects_to_the_page_or_back_with_the_error() {
    on_every_engine(|t| async move {
        account(&t, "editor@example.org", Role::Editor).await;
        let fields =
            [("locale", "fr"), ("email", "editor@example.org"), ("password", PASSWORD), ("next", "/fr/staff?tab=2")];
        let a = send(&t, post("/api/session/sign_in", &fields, None, true)).await;
        assert_eq!(a.status, StatusCode::FOUND, "{}", a.body);
        assert_eq!(a.headers[header::LOCATION], "/fr/staff?tab=2");
        assert!(session_cookie(&a).is_some());
        // An address elsewhere is not followed.
        let fields =
            [("locale", "fr"), ("email", "editor@example.org"), ("password", PASSWORD), ("next", "//evil.example")];
        let a = send(&t, post("/api/session/sign_in", &fields, None, true)).await;
        assert_eq!(a.headers[header::LOCATION], "/fr/staff");

        let wrong = [("locale", "en"), ("email", "editor@example.org"), ("password", "not the password")];
        let a = send(&t, post("/api/session/sign_in", &wrong, None, true)).await;
        assert_eq!(a.status, StatusCode::FOUND);
        assert!(session_cookie(&a).is_none());
        let back = a.headers[header::LOCATION].to_str().unwrap().to_owned();
        assert!(back.starts_with(&format!("{ORIGIN}/en/staff/sign-in?")) && back.contains("__err="), "{back}");
        let page = send(&t, get(back.strip_prefix(ORIGIN).unwrap(), None)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("do not match an active account"), "the error is shown on the page");
        t
    })
    .await;
}

#[tokio::test]
async fn unknown_accounts_and_wrong_passwords_get_one_answer_and_attempts_are_limited() {
    on_every_engine(|t| async move {
        account(&t, "editor@example.org", Role::Editor).await;
        account(&t, "gone@example.org", Role::Editor).await;
        sqlx::query("UPDATE staff_users SET disabled_at = 1 WHERE email = 'gone@example.org'")
            .execute(t.db.pool())
            .await
            .unwrap();
        let wrong = sign_in(&t, "editor@example.org", "not the password at all").await;
        let unknown = sign_in(&t, "nobody@example.org", "not the password at all").await;
        let disabled = sign_in(&t, "gone@example.org", PASSWORD).await;
        let malformed = sign_in(&t, "not an address", "x").await;
        for a in [&unknown, &disabled, &malformed] {
            assert_eq!((a.status, &a.body), (wrong.status, &wrong.body), "{}", t.engine);
        }
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(wrong.body.contains("wrong_credentials"));
        // Five failures for an account: even the right password waits.
        for _ in 0..4 {
            sign_in(&t, "editor@example.org", "still not it, sorry").await;
        }
        assert_eq!(sign_in(&t, "editor@example.org", PASSWORD).await.status, StatusCode::TOO_MANY_REQUESTS);
        // The same for an address nobody has, so the limit tells nothing either.
        for _ in 0..4 {
            sign_in(&t, "nobody@example.org", "guess").await;
        }
        assert_eq!(sign_in(&t, "nobody@example.org", "guess").await.status, StatusCode::TOO_MANY_REQUESTS);
        t
    })
    .await;
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions_and_disabling_ends_all() {
    on_every_engine(|t| async move {
        account(&t, "editor@example.org", Role::Editor).await;
        let here = signed_in(&t, "editor@example.org", PASSWORD).await;
        let elsewhere = signed_in(&t, "editor@example.org", PASSWORD).await;
        let change = |current: &'static str, new: &'static str| {
            post("/api/staff/change_password", &[("current", current), ("new", new)], Some(&here), false)
        };
        let a = send(&t, change("wrong current password", "a brand new passphrase")).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(a.body.contains("wrong_password"), "{}", a.body);
        let a = send(&t, change(PASSWORD, "passwordpassword")).await;
        assert!(a.body.contains("common"), "{}", a.body);
        let a = send(&t, change(PASSWORD, "short")).await;
        assert!(a.body.contains("too_short"), "{}", a.body);
        assert_eq!(who(&t, &elsewhere).await.as_deref(), Some("editor@example.org"), "failed changes end nothing");

        let a = send(&t, change(PASSWORD, "a brand new passphrase")).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        assert_eq!(who(&t, &here).await.as_deref(), Some("editor@example.org"));
        assert_eq!(who(&t, &elsewhere).await, None);
        assert_eq!(sign_in(&t, "editor@example.org", PASSWORD).await.status, StatusCode::UNPROCESSABLE_ENTITY);
        let fresh = signed_in(&t, "editor@example.org", "a brand new passphrase").await;

        sqlx::query("UPDATE staff_users SET disabled_at = 1").execute(t.db.pool()).await.unwrap();
        assert_eq!(who(&t, &here).await, None);
        assert_eq!(who(&t, &fresh).await, None);
        let actions: Vec<String> =
            sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id").fetch_all(t.db.pool()).await.unwrap();
        assert_eq!(actions.iter().filter(|a| *a == "password_changed").count(), 1, "{actions:?}");
        assert!(actions.contains(&"account_created".to_owned()) && actions.contains(&"signed_in".to_owned()));
        t
    })
    .await;
}

#[tokio::test]
async fn sessions_end_when_idle_too_long_and_at_their_absolute_end() {
    on_every_engine(|t| async move {
        account(&t, "editor@example.org", Role::Editor).await;
        let idle = signed_in(&t, "editor@example.org", PASSWORD).await;
        let now = app::ssr::infra::clock::now();
        sqlx::query("UPDATE staff_sessions SET last_seen_at = $1")
            .bind(now - 31 * 60)
            .execute(t.db.pool())
            .await
            .unwrap();
        assert_eq!(who(&t, &idle).await, None, "30 minutes idle by default");
        let old = signed_in(&t, "editor@example.org", PASSWORD).await;
        sqlx::query("UPDATE staff_sessions SET expires_at = $1").bind(now - 1).execute(t.db.pool()).await.unwrap();
        assert_eq!(who(&t, &old).await, None);
        // A forged or malformed cookie is simply no session.
        assert_eq!(who(&t, &format!("pop_session={}", "0".repeat(64))).await, None);
        assert_eq!(who(&t, "pop_session=<script>").await, None);
        t
    })
    .await;
}

/// Server functions anyone may call. Every other one must sit under a path that needs a
/// role; adding a public one means adding it here, on purpose.
const PUBLIC: [&str; 24] = [
    "/api/home_overview",
    "/api/concept",
    "/api/catalogue",
    "/api/session/sign_in",
    "/api/session/sign_out",
    "/api/session/me",
    "/api/subscribe/choices",
    "/api/subscribe/dry_run",
    "/api/subscribe/new",
    "/api/subscribe/confirm",
    "/api/subscription/get",
    "/api/subscription/save",
    "/api/subscription/leave",
    "/api/interest/new",
    "/api/agreements",
    "/api/agreement",
    "/api/agreement_choices",
    "/api/agreement_charts",
    "/api/funders",
    "/api/funder_profile",
    "/api/sponsorship_events",
    "/api/sponsorship_event",
    "/api/sponsorship_quote/new",
    "/api/sponsorship_quote/get",
];

#[tokio::test]
async fn every_server_function_needs_its_role_unless_it_is_public() {
    on_every_engine(|t| async move {
        account(&t, "editor@example.org", Role::Editor).await;
        account(&t, "publisher@example.org", Role::Publisher).await;
        let editor = signed_in(&t, "editor@example.org", PASSWORD).await;
        let publisher = signed_in(&t, "publisher@example.org", PASSWORD).await;
        let paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path).collect();
        assert!(paths.len() >= PUBLIC.len(), "{paths:?}");
        for path in PUBLIC {
            assert!(paths.contains(&path), "{path} is not a server function any more");
        }
        for path in paths.iter().copied().filter(|p| !PUBLIC.contains(p)) {
            let needed = app::api::required_role(path)
                .unwrap_or_else(|| panic!("{path} is neither public nor under a path that needs a role"));
            // No session: 401, whatever the arguments.
            let a = send(&t, post(path, &[], None, false)).await;
            assert_eq!(a.status, StatusCode::UNAUTHORIZED, "{path} on {}: {}", t.engine, a.body);
            assert_eq!(a.body, "\"Unauthorised\"");
            // Without JavaScript: to the sign-in page.
            let a = send(&t, post(path, &[], None, true)).await;
            assert_eq!(a.status, StatusCode::SEE_OTHER, "{path}");
            assert_eq!(a.headers[header::LOCATION], "/en/staff/sign-in");
            // Too small a role: 403.
            for (role, cookie) in [(Role::Editor, &editor), (Role::Publisher, &publisher)] {
                let a = send(&t, post(path, &[], Some(cookie), false)).await;
                if role.includes(needed) {
                    assert_ne!(a.status, StatusCode::FORBIDDEN, "{path} as {role:?}");
                    assert_ne!(a.status, StatusCode::UNAUTHORIZED, "{path} as {role:?}");
                } else {
                    assert_eq!(a.status, StatusCode::FORBIDDEN, "{path} as {role:?}");
                }
            }
        }
        t
    })
    .await;
}

#[tokio::test]
async fn cross_site_posts_cannot_act_for_a_signed_in_member() {
    let t = TestDb::sqlite().await;
    account(&t, "editor@example.org", Role::Editor).await;
    let cookie = signed_in(&t, "editor@example.org", PASSWORD).await;
    let mut req = post(
        "/api/staff/change_password",
        &[("current", PASSWORD), ("new", "an attacker's passphrase")],
        Some(&cookie),
        true,
    );
    req.headers_mut().insert("sec-fetch-site", "cross-site".parse().unwrap());
    req.headers_mut().insert(header::ORIGIN, "https://evil.example".parse().unwrap());
    assert_eq!(send(&t, req).await.status, StatusCode::FORBIDDEN);
    assert!(!sign_in(&t, "editor@example.org", "an attacker's passphrase").await.status.is_success());
    t.drop_db().await;
}

#[tokio::test]
async fn staff_see_every_concept_whatever_its_status() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        account(&t, "editor@example.org", Role::Editor).await;
        let cookie = signed_in(&t, "editor@example.org", PASSWORD).await;
        let a = send(&t, post("/api/staff/concepts", &[("locale", "fr")], Some(&cookie), false)).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let rows: Vec<app::domain::staff::StaffConceptRow> = serde_json::from_str(&a.body).unwrap();
        let all = app::ssr::db::concepts::count_all(t.db.pool()).await.unwrap();
        assert_eq!(rows.len(), usize::try_from(all).unwrap(), "{}", t.engine);
        for status in ["draft", "in_review", "published"] {
            assert!(rows.iter().any(|r| r.status == status), "{status} on {}", t.engine);
        }
        // Titled in French where translated, in the original language otherwise.
        assert!(rows.iter().any(|r| r.locale == "fr") && rows.iter().any(|r| r.locale != "fr"));
        assert!(rows.iter().all(|r| r.languages.contains(&r.original_locale)));
        let page = send(&t, get("/fr/staff", Some(&cookie))).await;
        assert!(page.body.contains("Brouillon") && page.body.contains("En relecture"), "statuses are translated");
        t
    })
    .await;
}
