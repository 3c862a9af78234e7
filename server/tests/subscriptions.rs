//! Subscriptions and alerts on both engines, through the HTTP endpoints and the delivery
//! worker writing real messages (read back and parsed as a mail client would): double
//! opt-in, one alert per subscriber and concept, digests, one-click unsubscribe, the same
//! answer for known addresses, bad input, retries and failures.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests and benchmarks: a panic is a failed run.
mod common;

use app::domain::staff::Role;
use app::ssr::AppState;
use common::mail::{INFRA_AFRICA, Mail, app_state, rand_suffix, status_of, subscribe, subscription};
use common::on_every_engine;
use common::web::{create_draft, move_concept, post, publish, send_to, staff_session};
use http::{Request, StatusCode, header};

/// Runs the worker until the outbox has nothing due; returns the messages it wrote, parsed.
async fn deliver(state: &AppState, dir: &std::path::Path) -> Vec<Mail> {
    let mailer = app::ssr::infra::mailer::Mailer::from_config(&state.config.mail).unwrap();
    while app::ssr::jobs::delivery_worker::work_once(state, &mailer).await.unwrap() > 0 {}
    common::mail::take(dir)
}

#[tokio::test]
async fn double_opt_in_then_exactly_one_alert_per_concept_in_the_subscribers_language() {
    on_every_engine(|t| async move {
        let (state, dir) = app_state(&t, &[]);
        let editor = staff_session(&t, Role::Editor).await;
        let publisher = staff_session(&t, Role::Publisher).await;
        let email = "lucia.gomez@example.org";
        let a = subscribe(
            &state,
            &subscription(
                email,
                "es",
                "immediate",
                &[("form[areas][]", "infrastructure"), ("form[regions][]", "africa")],
            ),
        )
        .await;
        assert!(a.status.is_redirection(), "{}: {}", t.engine, a.body);
        assert_eq!(a.headers[header::LOCATION], "/es/subscribe/thanks");
        assert_eq!(status_of(&t, email).await, "pending");

        // Nothing but the confirmation reaches an unconfirmed address.
        let early = create_draft(&t, &editor, "Fibre backbone for the Sahel", &INFRA_AFRICA).await;
        publish(&t, &editor, &publisher, early).await;
        let mails = deliver(&state, &dir).await;
        assert_eq!(mails.len(), 1, "{mails:?}");
        let confirm = &mails[0];
        assert_eq!(confirm.to, email);
        assert_eq!(confirm.subject, "Confirme su suscripción a las alertas de asociación");
        let token = confirm.token("https://partners.example.org/es/subscribe/confirm");
        let a =
            send_to(state.clone(), post("/api/subscribe/confirm", &[("locale", "es"), ("token", &token)], None, false))
                .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        assert_eq!(status_of(&t, email).await, "active");
        let again =
            send_to(state.clone(), post("/api/subscribe/confirm", &[("locale", "es"), ("token", &token)], None, false))
                .await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "a confirmation link works once");

        // A matching concept: one alert, in Spanish, saying why, with one-click unsubscribe.
        let matching = create_draft(&t, &editor, "Solar towers for rural schools", &INFRA_AFRICA).await;
        publish(&t, &editor, &publisher, matching).await;
        let mails = deliver(&state, &dir).await;
        assert_eq!(mails.len(), 1, "{mails:?}");
        let alert = &mails[0];
        assert!(alert.subject.starts_with("Nuevo concepto de asociación: Solar towers"), "{}", alert.subject);
        assert!(alert.text.contains("Infraestructura") && alert.text.contains("África"), "{}", alert.text);
        assert!(alert.text.contains("Este concepto aún no está disponible en su idioma"), "falls back to the original");
        assert!(alert.html.contains("lang=\"es\"") && alert.html.contains("lang=\"en\""), "{}", alert.html);
        assert_eq!(alert.list_unsubscribe_post.as_deref(), Some("List-Unsubscribe=One-Click"));
        let unsubscribe = alert.list_unsubscribe.clone().unwrap();
        assert!(unsubscribe.starts_with("<https://partners.example.org/unsubscribe/"), "{unsubscribe}");

        // Edited, closed and published again: no second alert. Not matching: none.
        move_concept(&t, &publisher, matching, "closed").await;
        move_concept(&t, &publisher, matching, "published").await;
        let elsewhere = create_draft(
            &t,
            &editor,
            "Cyber drills in Europe",
            &[("facts[areas][]", "cybersecurity"), ("facts[regions][]", "europe")],
        )
        .await;
        publish(&t, &editor, &publisher, elsewhere).await;
        assert!(deliver(&state, &dir).await.is_empty());
        let alerts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM alerts").fetch_one(t.db.pool()).await.unwrap();
        assert_eq!(alerts, 1, "{}", t.engine);

        // One click from the mail client, without cookies: unsubscribed, no more alerts.
        let token = &unsubscribe["<https://partners.example.org/unsubscribe/".len()..unsubscribe.len() - 1];
        let req = Request::post(format!("/unsubscribe/{token}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(axum::body::Body::from("List-Unsubscribe=One-Click"))
            .unwrap();
        assert_eq!(send_to(state.clone(), req).await.status, StatusCode::OK);
        assert_eq!(status_of(&t, email).await, "unsubscribed");
        let later = create_draft(&t, &editor, "Rural broadband in Africa", &INFRA_AFRICA).await;
        publish(&t, &editor, &publisher, later).await;
        assert!(deliver(&state, &dir).await.is_empty());

        // Coming back: the manage link still works; saving subscribes again.
        let a = send_to(state.clone(), post("/api/subscription/get", &[("token", token)], None, false)).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let mut fields = subscription("ignored@example.org", "fr", "weekly", &[("form[areas][]", "cybersecurity")]);
        fields[0] = ("token", token);
        let a = send_to(state.clone(), post("/api/subscription/save", &fields, None, false)).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        assert_eq!(status_of(&t, email).await, "active");
        let locale: String = sqlx::query_scalar("SELECT locale FROM subscribers WHERE email = $1")
            .bind(email)
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        assert_eq!(locale, "fr", "the address itself cannot change");
        let _ = std::fs::remove_dir_all(dir);
        t
    })
    .await;
}

#[tokio::test]
async fn a_known_address_gets_the_same_answer_and_its_manage_link() {
    on_every_engine(|t| async move {
        let (state, dir) = app_state(&t, &[]);
        let email = "known@example.org";
        let first = subscribe(&state, &subscription(email, "en", "weekly", &[])).await;
        deliver(&state, &dir).await;
        let token: String = {
            // Confirm through the service, as the link would.
            let mails_before = subscribe(&state, &subscription(email, "en", "weekly", &[])).await;
            assert_eq!(mails_before.headers[header::LOCATION], first.headers[header::LOCATION]);
            let mail = deliver(&state, &dir).await.pop().unwrap();
            mail.token("/en/subscribe/confirm")
        };
        app::ssr::services::subscriptions::confirm(&t.db, &token).await.unwrap();
        let again =
            subscribe(&state, &subscription(email, "en", "immediate", &[("form[areas][]", "statistics")])).await;
        assert_eq!(
            (again.status, again.headers[header::LOCATION].clone()),
            (first.status, first.headers[header::LOCATION].clone())
        );
        let mails = deliver(&state, &dir).await;
        assert_eq!(mails.len(), 1);
        assert_eq!(mails[0].subject, "Your subscription to partnership alerts");
        assert!(mails[0].text.contains("https://partners.example.org/en/subscription?token="));
        let frequency: String = sqlx::query_scalar("SELECT frequency FROM subscribers WHERE email = $1")
            .bind(email)
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        assert_eq!(frequency, "weekly", "a form for a known address changes nothing");
        let _ = std::fs::remove_dir_all(dir);
        t
    })
    .await;
}

#[tokio::test]
async fn bad_input_robots_and_floods_store_nothing() {
    on_every_engine(|t| async move {
        let (state, dir) = app_state(&t, &[]);
        let count = || async {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM subscribers").fetch_one(t.db.pool()).await.unwrap()
        };
        let json = send_to(
            state.clone(),
            post("/api/subscribe/new", &subscription("not-an-address", "en", "hourly", &[]), None, false),
        )
        .await;
        assert_eq!(json.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(json.body.contains("invalid_email") && json.body.contains("frequency"), "{}", json.body);
        let unknown = send_to(
            state.clone(),
            post(
                "/api/subscribe/new",
                &subscription("a@example.org", "en", "daily", &[("form[regions][]", "atlantis")]),
                None,
                false,
            ),
        )
        .await;
        assert!(unknown.body.contains("regions"), "{}", unknown.body);
        // A robot filling the hidden field gets the thanks page and nothing else.
        let mut robot = subscription("robot@example.org", "en", "daily", &[]);
        robot.push(("website", "http://spam.example"));
        assert_eq!(subscribe(&state, &robot).await.headers[header::LOCATION], "/en/subscribe/thanks");
        assert_eq!(count().await, 0, "{}", t.engine);
        // The same address many times in an hour: refused after a few.
        let statuses: Vec<StatusCode> = {
            let mut v = Vec::new();
            for _ in 0..4 {
                v.push(
                    send_to(
                        state.clone(),
                        post("/api/subscribe/new", &subscription("flood@example.org", "en", "daily", &[]), None, false),
                    )
                    .await
                    .status,
                );
            }
            v
        };
        assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS), "{statuses:?}");
        // Forged or expired tokens: a clear answer, no change.
        for token in ["0".repeat(64), "not a token".to_owned()] {
            let a = send_to(state.clone(), post("/api/subscription/leave", &[("token", &token)], None, false)).await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(a.body.contains("expired"));
        }
        let _ = std::fs::remove_dir_all(dir);
        t
    })
    .await;
}

#[tokio::test]
async fn weekly_subscribers_get_one_digest_grouped_by_area_and_none_when_nothing_matched() {
    on_every_engine(|t| async move {
        let (state, dir) = app_state(&t, &[]);
        let editor = staff_session(&t, Role::Editor).await;
        let publisher = staff_session(&t, Role::Publisher).await;
        let email = "weekly@example.org";
        subscribe(&state, &subscription(email, "en", "weekly", &[])).await;
        let token = deliver(&state, &dir).await.pop().unwrap().token("/en/subscribe/confirm");
        app::ssr::services::subscriptions::confirm(&t.db, &token).await.unwrap();
        let queue = || async {
            let mut tx = t.db.begin_write().await.unwrap();
            let n = app::ssr::db::outbox::queue_digests(tx.conn(), app::ssr::infra::clock::now()).await.unwrap();
            tx.commit().await.unwrap();
            n
        };
        assert_eq!(queue().await, 0, "nothing owed, no digest");
        for (title, tags) in [
            ("Data for development", [("facts[areas][]", "statistics"), ("facts[regions][]", "global")]),
            (
                "Submarine cables for islands",
                [("facts[areas][]", "infrastructure"), ("facts[regions][]", "asia_pacific")],
            ),
        ] {
            let id = create_draft(&t, &editor, title, &tags).await;
            publish(&t, &editor, &publisher, id).await;
        }
        assert!(deliver(&state, &dir).await.is_empty(), "weekly subscribers get no immediate alerts");
        assert_eq!(queue().await, 1);
        assert_eq!(queue().await, 0, "one digest waits at a time");
        let mails = deliver(&state, &dir).await;
        assert_eq!(mails.len(), 1);
        let digest = &mails[0];
        assert_eq!(digest.subject, "New partnership concepts for you");
        let (cables, data) =
            (digest.text.find("Submarine cables").unwrap(), digest.text.find("Data for development").unwrap());
        assert!(cables < data, "newest first: {}", digest.text);
        assert!(
            digest.text.contains("== Infrastructure ==") && digest.text.contains("== Statistics"),
            "{}",
            digest.text
        );
        assert_eq!(queue().await, 0, "the week has not passed and nothing is owed");
        let _ = std::fs::remove_dir_all(dir);
        t
    })
    .await;
}

#[tokio::test]
async fn a_message_that_cannot_leave_is_retried_then_failed_and_others_still_go() {
    on_every_engine(|t| async move {
        // The mail folder is a file: every write fails, as with an SMTP server that is down.
        let blocked = std::env::temp_dir().join(format!("pop-blocked-{}", rand_suffix()));
        std::fs::write(&blocked, b"not a folder").unwrap();
        let state = t.state_with(&[("POP_MAIL_DIR", &blocked.display().to_string()), ("POP_MAIL_ATTEMPTS", "2")]);
        subscribe(&state, &subscription("retry@example.org", "en", "daily", &[])).await;
        let mailer = app::ssr::infra::mailer::Mailer::from_config(&state.config.mail).unwrap();
        assert_eq!(app::ssr::jobs::delivery_worker::work_once(&state, &mailer).await.unwrap(), 1);
        let (status, attempts, next, error): (String, i64, i64, Option<String>) =
            sqlx::query_as("SELECT status, attempts, next_attempt_at, last_error FROM outbox")
                .fetch_one(t.db.pool())
                .await
                .unwrap();
        assert_eq!((status.as_str(), attempts), ("queued", 1));
        assert!(next > app::ssr::infra::clock::now() + 30 && error.is_some(), "waits before trying again");
        // Due again: the second attempt is the last.
        sqlx::query("UPDATE outbox SET next_attempt_at = 0").execute(t.db.pool()).await.unwrap();
        app::ssr::jobs::delivery_worker::work_once(&state, &mailer).await.unwrap();
        let status: String = sqlx::query_scalar("SELECT status FROM outbox").fetch_one(t.db.pool()).await.unwrap();
        assert_eq!(status, "failed", "{}", t.engine);
        // A job whose worker died (its lease ran out) is taken again.
        let (state2, dir) = app_state(&t, &[]);
        subscribe(&state2, &subscription("lease@example.org", "en", "daily", &[])).await;
        sqlx::query("UPDATE outbox SET locked_until = 1, attempts = 1 WHERE status = 'queued'")
            .execute(t.db.pool())
            .await
            .unwrap();
        assert_eq!(deliver(&state2, &dir).await.len(), 1);
        let _ = std::fs::remove_file(blocked);
        let _ = std::fs::remove_dir_all(dir);
        t
    })
    .await;
}

#[tokio::test]
async fn the_dry_run_counts_what_criteria_would_have_brought_with_empty_lists_meaning_all() {
    on_every_engine(|t| async move {
        t.seed_demo().await;
        let state = t.state();
        let dry = |fields: Vec<(&'static str, &'static str)>| {
            let state = state.clone();
            async move {
                let a = send_to(state, post("/api/subscribe/dry_run", &fields, None, false)).await;
                assert_eq!(a.status, StatusCode::OK, "{}", a.body);
                serde_json::from_str::<app::domain::subscription::DryRun>(&a.body).unwrap()
            }
        };
        // Nothing chosen (no list in the request at all): everything published in 90 days.
        let all = dry(vec![("locale", "fr")]).await;
        let recent: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM concepts WHERE status = 'published' AND published_at >= $1")
                .bind(app::ssr::infra::clock::now() - 90 * 86_400)
                .fetch_one(t.db.pool())
                .await
                .unwrap();
        assert_eq!(all.total, recent, "{}", t.engine);
        assert!(all.total > 0 && all.concepts.len() as i64 == all.total.min(10));
        let narrow =
            dry(vec![("locale", "fr"), ("criteria[areas][]", "cybersecurity"), ("criteria[regions][]", "europe")])
                .await;
        assert!(narrow.total < all.total, "{} < {}", narrow.total, all.total);
        let unknown = dry(vec![("locale", "fr"), ("criteria[countries][]", "XX")]).await;
        assert_eq!(unknown.total, all.total, "unknown codes are left out, as in the catalogue");
        t
    })
    .await;
}

#[tokio::test]
async fn staff_see_delivery_per_concept_send_failed_ones_again_and_read_the_mail_folder() {
    on_every_engine(|t| async move {
        // Over plain HTTP, as the staff sessions of the test harness are.
        let (state, dir) = app_state(&t, &[("POP_PUBLIC_URL", common::web::ORIGIN)]);
        let editor = staff_session(&t, Role::Editor).await;
        let publisher = staff_session(&t, Role::Publisher).await;
        let email = "folder.reader@example.org";
        subscribe(&state, &subscription(email, "en", "immediate", &[("form[areas][]", "infrastructure")])).await;
        // The confirmation stays in the folder, to be read on the staff page.
        let mailer = app::ssr::infra::mailer::Mailer::from_config(&state.config.mail).unwrap();
        while app::ssr::jobs::delivery_worker::work_once(&state, &mailer).await.unwrap() > 0 {}
        sqlx::query("UPDATE subscribers SET status = 'active'").execute(t.db.pool()).await.unwrap();
        let concept = create_draft(&t, &editor, "Port logistics platform", &INFRA_AFRICA).await;
        publish(&t, &editor, &publisher, concept).await;
        sqlx::query("UPDATE outbox SET status = 'failed', attempts = 8, last_error = '554 refused' WHERE kind = 'alert'")
            .execute(t.db.pool())
            .await
            .unwrap();

        let overview = |cookie: &str| send_to(state.clone(), post("/api/publisher/mail_overview", &[], Some(cookie), false));
        assert_eq!(overview(&editor).await.status, StatusCode::FORBIDDEN);
        let a = overview(&publisher).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let o: app::domain::delivery::DeliveryOverview = serde_json::from_str(&a.body).unwrap();
        assert_eq!(o.concepts.len(), 1, "{}: {o:?}", t.engine);
        assert_eq!((o.concepts[0].id, o.concepts[0].title.as_str()), (concept, "Port logistics platform"));
        assert_eq!((o.concepts[0].counts.queued, o.concepts[0].counts.sent, o.concepts[0].counts.failed), (0, 0, 1));
        assert_eq!(o.other.sent, 1, "the confirmation");
        let folder = o.folder.expect("no SMTP: the folder is listed");
        assert_eq!(folder.len(), 1);
        assert_eq!(folder[0].to, email);

        // The message reads as plain text; only names in the folder open.
        let read = |name: &str| {
            send_to(state.clone(), post("/api/publisher/mail_message", &[("name", name)], Some(&publisher), false))
        };
        let a = read(&folder[0].name).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        assert!(a.body.contains("/en/subscribe/confirm?token="), "{}", a.body);
        for bad in ["../test.db", "/etc/passwd", "missing.eml", ""] {
            assert_eq!(read(bad).await.status, StatusCode::NOT_FOUND, "{bad}");
        }
        let page = send_to(state.clone(), common::web::get("/en/staff/mail", Some(&publisher))).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Port logistics platform") && page.body.contains(email), "{}", page.body);
        common::mail::take(&dir);

        // Failed ones go back in the queue, once, and the concept's history says so.
        let retry = |concept: i64| {
            let c = concept.to_string();
            send_to(state.clone(), post("/api/publisher/mail_retry", &[("concept", &c)], Some(&publisher), false))
        };
        let a = retry(concept).await;
        assert_eq!((a.status, a.body.as_str()), (StatusCode::OK, "1"));
        assert_eq!(retry(concept).await.body, "0");
        assert_eq!(retry(-1).await.status, StatusCode::UNPROCESSABLE_ENTITY);
        let (status, attempts): (String, i64) =
            sqlx::query_as("SELECT status, attempts FROM outbox WHERE kind = 'alert'").fetch_one(t.db.pool()).await.unwrap();
        assert_eq!((status.as_str(), attempts), ("queued", 0));
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'mail_retried' AND subject_kind = 'concept' AND subject_id = $1",
        )
        .bind(concept)
        .fetch_one(t.db.pool())
        .await
        .unwrap();
        assert_eq!(audited, 1);
        assert_eq!(deliver(&state, &dir).await.len(), 1, "the alert goes out");

        // Over SMTP there is no folder to read.
        let smtp = t.state_with(&[("POP_SMTP_URL", "smtp://127.0.0.1:9")]);
        let a = send_to(smtp.clone(), post("/api/publisher/mail_overview", &[], Some(&publisher), false)).await;
        let o: app::domain::delivery::DeliveryOverview = serde_json::from_str(&a.body).unwrap();
        assert!(o.folder.is_none());
        let a = send_to(smtp, post("/api/publisher/mail_message", &[("name", &folder[0].name)], Some(&publisher), false)).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND);
        let _ = std::fs::remove_dir_all(dir);
        t
    })
    .await;
}
