//! Delivery over real SMTP, to the platform's SMTP sink listening on loopback, on both
//! engines: the messages as a mail server receives them (DKIM-signed, with one-click
//! unsubscribe), a refused address that does not hold up the others, an SMTP outage during
//! a publish, and a server killed in the middle of a batch.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests and benchmarks: a panic is a failed run.
mod common;

use app::domain::staff::Role;
use app::ssr::AppState;
use common::mail::{INFRA_AFRICA, Mail, app_state, rand_suffix, status_of, subscribe, subscription, take, verify_dkim};
use common::web::{create_draft, move_concept, post, publish, send_to, staff_session};
use common::{TestDb, on_every_engine};
use server::mail_sink::{Sink, SinkOptions};
use std::path::{Path, PathBuf};
use std::time::Duration;

const INFRA: [(&str, &str); 1] = [("form[areas][]", "infrastructure")];

/// A sink on a free loopback port writing into a folder of its own.
async fn sink(options: SinkOptions) -> (Sink, PathBuf) {
    let dir = std::env::temp_dir().join(format!("pop-sink-{}", rand_suffix()));
    let sink = Sink::start("127.0.0.1:0".parse().unwrap(), dir.clone(), options).await.unwrap();
    (sink, dir)
}

/// An Ed25519 DKIM key in a file, and its public half.
fn dkim_key() -> (PathBuf, ed25519_dalek::VerifyingKey) {
    use base64::Engine;
    let seed: [u8; 32] = app::ssr::infra::random::new_token().as_bytes()[..32].try_into().unwrap();
    let key = ed25519_dalek::SigningKey::from_bytes(&seed);
    let file = std::env::temp_dir().join(format!("pop-dkim-{}.key", rand_suffix()));
    std::fs::write(&file, base64::engine::general_purpose::STANDARD.encode(seed)).unwrap();
    (file, key.verifying_key())
}

/// Runs the worker until nothing is due.
async fn drain(state: &AppState) {
    let mailer = app::ssr::infra::mailer::Mailer::from_config(&state.config.mail).unwrap();
    while app::ssr::jobs::delivery_worker::work_once(state, &mailer).await.unwrap() > 0 {}
}

async fn outbox_of(t: &TestDb, email: &str) -> Vec<(String, String, i64)> {
    sqlx::query_as(
        "SELECT o.kind, o.status, o.attempts FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id \
         WHERE s.email = $1 ORDER BY o.id",
    )
    .bind(email)
    .fetch_all(t.db.pool())
    .await
    .unwrap()
}

#[tokio::test]
async fn alerts_reach_a_real_smtp_server_signed_once_each_and_survive_an_outage() {
    on_every_engine(|t| async move {
        let refusing = SinkOptions { refuse: Some("bounce@".into()), ..Default::default() };
        let (sink_a, sink_dir) = sink(refusing.clone()).await;
        let addr = sink_a.addr;
        let (key_file, public) = dkim_key();
        let url = format!("smtp://{addr}");
        let key = key_file.display().to_string();
        let (state, _) = app_state(
            &t,
            &[
                ("POP_SMTP_URL", &url),
                ("POP_DKIM_DOMAIN", "partners.example.org"),
                ("POP_DKIM_SELECTOR", "pop2026"),
                ("POP_DKIM_KEY_FILE", &key),
            ],
        );
        let editor = staff_session(&t, Role::Editor).await;
        let publisher = staff_session(&t, Role::Publisher).await;

        // Two people subscribe; the server refuses one address for good (550).
        let good = "amina@example.org";
        let bounce = "bounce@example.org";
        for email in [good, bounce] {
            assert!(subscribe(&state, &subscription(email, "fr", "immediate", &INFRA)).await.status.is_redirection());
        }
        drain(&state).await;
        let mails = take(&sink_dir);
        assert_eq!(mails.len(), 1, "{}: {mails:?}", t.engine);
        assert_eq!(mails[0].to, good);
        assert_eq!(
            outbox_of(&t, bounce).await,
            [("confirm".into(), "failed".into(), 1)],
            "a permanent refusal is not retried"
        );
        let token = mails[0].token("https://partners.example.org/fr/subscribe/confirm");
        let a =
            send_to(state.clone(), post("/api/subscribe/confirm", &[("locale", "fr"), ("token", &token)], None, false))
                .await;
        assert!(a.status.is_success(), "{}", a.body);
        // The refused address had confirmed some other way: its alerts fail, the others go.
        sqlx::query("UPDATE subscribers SET status = 'active' WHERE email = $1")
            .bind(bounce)
            .execute(t.db.pool())
            .await
            .unwrap();

        // Publishing: exactly one alert, signed, with one-click unsubscribe.
        let concept = create_draft(&t, &editor, "Rural roads maintenance fund", &INFRA_AFRICA).await;
        publish(&t, &editor, &publisher, concept).await;
        drain(&state).await;
        let mails = take(&sink_dir);
        assert_eq!(mails.len(), 1, "{mails:?}");
        let alert: &Mail = &mails[0];
        assert_eq!(alert.to, good);
        assert!(alert.subject.contains("Rural roads maintenance fund"), "{}", alert.subject);
        assert!(alert.text.contains("Infrastructure"), "says why: {}", alert.text);
        assert_eq!(alert.list_unsubscribe_post.as_deref(), Some("List-Unsubscribe=One-Click"));
        assert!(alert.list_unsubscribe.as_deref().unwrap().starts_with("<https://partners.example.org/unsubscribe/"));
        let tags = verify_dkim(&alert.raw.0, &public).unwrap_or_else(|e| panic!("{}: {e}", t.engine));
        let signed = &tags.iter().find(|(k, _)| k == "h").unwrap().1;
        assert!(signed.contains("list-unsubscribe:list-unsubscribe-post"), "h={signed}");
        assert!(tags.contains(&("d".into(), "partners.example.org".into())));
        assert_eq!(outbox_of(&t, bounce).await.last().unwrap().1, "failed");

        // Closed and published again: nothing more.
        move_concept(&t, &publisher, concept, "closed").await;
        move_concept(&t, &publisher, concept, "published").await;
        drain(&state).await;
        assert!(take(&sink_dir).is_empty());

        // The SMTP server goes down during a publish: the job waits, the site still answers.
        sink_a.stop();
        let second = create_draft(&t, &editor, "Bridges for flood-prone districts", &INFRA_AFRICA).await;
        publish(&t, &editor, &publisher, second).await;
        drain(&state).await;
        let waiting = outbox_of(&t, good).await;
        assert_eq!(waiting.last().unwrap().1, "queued", "{waiting:?}");
        let page = send_to(state.clone(), http::Request::get("/en/concepts").body(Default::default()).unwrap()).await;
        assert_eq!(page.status, http::StatusCode::OK);
        // It comes back on the same address; once the retry is due, the alert arrives once.
        let sink_b = Sink::start(addr, sink_dir.clone(), refusing).await.unwrap();
        sqlx::query("UPDATE outbox SET next_attempt_at = 0 WHERE status = 'queued'")
            .execute(t.db.pool())
            .await
            .unwrap();
        drain(&state).await;
        let mails = take(&sink_dir);
        assert_eq!(mails.len(), 1, "{mails:?}");
        assert!(mails[0].subject.contains("Bridges for flood-prone districts"));
        assert_eq!(outbox_of(&t, good).await.last().unwrap().1, "sent");
        assert_eq!(status_of(&t, good).await, "active");
        sink_b.stop();
        let _ = std::fs::remove_dir_all(sink_dir);
        let _ = std::fs::remove_file(key_file);
        t
    })
    .await;
}

/// A free loopback port.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The server binary serving `t`'s database, delivering to `smtp`; a dead server's jobs
/// are taken again after `lease` seconds.
fn start_server(t: &TestDb, smtp: std::net::SocketAddr, media: &Path, lease: &str) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("serve")
        .env("DATABASE_URL", &t.url)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{}", free_port()))
        .env("POP_MEDIA_DIR", media)
        .env("POP_SEED_DEMO", "false")
        .env("POP_SMTP_URL", format!("smtp://{smtp}"))
        .env("POP_MAIL_CONCURRENCY", "2")
        .env("POP_MAIL_RATE", "1000")
        .env("POP_MAIL_LEASE_SECONDS", lease)
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

/// `count` generated subscribers, and a concept published in the ten areas they follow in
/// turn, so that it alerts them all.
async fn publish_to_generated(t: &TestDb, count: usize, title: &str) {
    app::ssr::seed::subscribers(&t.db, count as u64, app::ssr::infra::clock::now()).await.unwrap();
    let areas: Vec<String> =
        sqlx::query_scalar("SELECT code FROM areas ORDER BY id LIMIT 10").fetch_all(t.db.pool()).await.unwrap();
    let mut tags: Vec<(&str, &str)> = areas.iter().map(|a| ("facts[areas][]", a.as_str())).collect();
    tags.push(("facts[regions][]", "africa"));
    let editor = staff_session(t, Role::Editor).await;
    let publisher = staff_session(t, Role::Publisher).await;
    let concept = create_draft(t, &editor, title, &tags).await;
    publish(t, &editor, &publisher, concept).await;
}

fn files_in(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|d| d.flatten().filter(|e| e.path().extension().is_some_and(|x| x == "eml")).count())
        .unwrap_or(0)
}

async fn queued(t: &TestDb) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE status = 'queued'").fetch_one(t.db.pool()).await.unwrap()
}

#[tokio::test]
async fn a_server_killed_in_the_middle_of_a_batch_loses_no_alert() {
    on_every_engine(|t| async move {
        const SUBSCRIBERS: usize = 24;
        // A slow mail server, so that the kill lands while messages are on their way.
        let (sink, sink_dir) = sink(SinkOptions { delay: Duration::from_millis(150), ..Default::default() }).await;
        publish_to_generated(&t, SUBSCRIBERS, "Digital public infrastructure").await;
        assert_eq!(queued(&t).await, SUBSCRIBERS as i64, "{}", t.engine);

        let media = std::env::temp_dir().join(format!("pop-media-{}", rand_suffix()));
        let mut first = start_server(&t, sink.addr, &media, "2");
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        while files_in(&sink_dir) < 4 {
            assert!(tokio::time::Instant::now() < deadline, "no delivery started");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        first.kill().unwrap(); // SIGKILL: no chance to tidy up.
        first.wait().unwrap();
        let held: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE status = 'queued' AND locked_until IS NOT NULL")
                .fetch_one(t.db.pool())
                .await
                .unwrap();
        assert!(held > 0, "the kill landed in the middle of a batch ({})", t.engine);
        assert!(files_in(&sink_dir) < SUBSCRIBERS, "some were still to send");

        // Another start takes the dead worker's jobs once their lease has run out.
        let mut second = start_server(&t, sink.addr, &media, "2");
        while queued(&t).await > 0 {
            assert!(tokio::time::Instant::now() < deadline, "the queue did not drain");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        second.kill().unwrap();
        second.wait().unwrap();
        let mails = take(&sink_dir);
        let mut recipients: Vec<&str> = mails.iter().map(|m| m.to.as_str()).collect();
        recipients.sort_unstable();
        recipients.dedup();
        assert_eq!(recipients.len(), SUBSCRIBERS, "every subscriber got the alert ({})", t.engine);
        // At least once: only a message the sink took just as the process died may come twice,
        // and then as the same message (one Message-ID), which mail clients show once.
        assert!(mails.len() - SUBSCRIBERS <= 2, "{} messages for {SUBSCRIBERS}", mails.len());
        let mut ids: Vec<&str> = mails.iter().map(|m| m.message_id.as_deref().unwrap()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), SUBSCRIBERS, "one message per subscriber, whatever was sent twice");
        let sent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE status = 'sent'")
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        assert_eq!(sent, SUBSCRIBERS as i64);
        sink.stop();
        let _ = std::fs::remove_dir_all(sink_dir);
        let _ = std::fs::remove_dir_all(media);
        t
    })
    .await;
}

#[tokio::test]
async fn a_server_asked_to_stop_finishes_its_sends_and_gives_back_the_rest() {
    on_every_engine(|t| async move {
        const SUBSCRIBERS: usize = 16;
        let (sink, sink_dir) = sink(SinkOptions { delay: Duration::from_millis(400), ..Default::default() }).await;
        publish_to_generated(&t, SUBSCRIBERS, "Open data for agriculture").await;

        let media = std::env::temp_dir().join(format!("pop-media-{}", rand_suffix()));
        // A long lease: only giving jobs back lets the next server send them soon.
        let mut server = start_server(&t, sink.addr, &media, "300");
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        while files_in(&sink_dir) < 1 {
            assert!(tokio::time::Instant::now() < deadline, "no delivery started");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let term = std::process::Command::new("kill").arg("-TERM").arg(server.id().to_string()).status().unwrap();
        assert!(term.success());
        // Waited for without blocking: the sink answering the last sends runs on this thread.
        let status = loop {
            if let Some(status) = server.try_wait().unwrap() {
                break status;
            }
            assert!(tokio::time::Instant::now() < deadline, "the server did not stop");
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        assert!(status.success(), "a clean exit on SIGTERM: {status}");
        // Nothing is left held by the stopped server; what it sent is recorded as sent.
        let held: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE status = 'queued' AND locked_until IS NOT NULL")
                .fetch_one(t.db.pool())
                .await
                .unwrap();
        assert_eq!(held, 0, "claimed jobs are given back ({})", t.engine);
        let sent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE status = 'sent'")
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        assert_eq!(sent as usize, files_in(&sink_dir), "every message the sink took is recorded");
        assert!((sent as usize) < SUBSCRIBERS, "the stop came in the middle");

        // The next server sends the rest at once (no lease to wait out), each once.
        let mut next = start_server(&t, sink.addr, &media, "300");
        while queued(&t).await > 0 {
            assert!(tokio::time::Instant::now() < deadline, "the queue did not drain");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        next.kill().unwrap();
        next.wait().unwrap();
        let mails = take(&sink_dir);
        let mut recipients: Vec<&str> = mails.iter().map(|m| m.to.as_str()).collect();
        recipients.sort_unstable();
        recipients.dedup();
        assert_eq!((recipients.len(), mails.len()), (SUBSCRIBERS, SUBSCRIBERS), "each alert exactly once");
        sink.stop();
        let _ = std::fs::remove_dir_all(sink_dir);
        let _ = std::fs::remove_dir_all(media);
        t
    })
    .await;
}

#[tokio::test]
async fn a_message_sent_while_the_database_is_away_is_recorded_when_it_returns_and_not_sent_again() {
    on_every_engine(|t| async move {
        // The mail server takes a while to accept, and while it does the outbox goes away.
        let (sink, sink_dir) = sink(SinkOptions { delay: Duration::from_millis(800), ..Default::default() }).await;
        let url = format!("smtp://{}", sink.addr);
        let (state, _) = app_state(&t, &[("POP_SMTP_URL", &url), ("POP_MAIL_LEASE_SECONDS", "60")]);
        let email = "nadia@example.org";
        assert!(subscribe(&state, &subscription(email, "ar", "immediate", &INFRA)).await.status.is_redirection());
        let worker = {
            let state = state.clone();
            tokio::spawn(async move {
                let mailer = app::ssr::infra::mailer::Mailer::from_config(&state.config.mail).unwrap();
                app::ssr::jobs::delivery_worker::work_once(&state, &mailer).await
            })
        };
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        while outbox_of(&t, email).await.first().is_none_or(|(_, _, attempts)| *attempts == 0) {
            assert!(tokio::time::Instant::now() < deadline, "the job was not taken");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        sqlx::query("ALTER TABLE outbox RENAME TO outbox_away").execute(t.db.pool()).await.unwrap();
        while files_in(&sink_dir) == 0 {
            assert!(tokio::time::Instant::now() < deadline, "the message did not arrive");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        // Sent, and its record failing for a while.
        tokio::time::sleep(Duration::from_millis(1200)).await;
        assert!(!worker.is_finished(), "the worker waits for the database ({})", t.engine);
        sqlx::query("ALTER TABLE outbox_away RENAME TO outbox").execute(t.db.pool()).await.unwrap();
        assert_eq!(worker.await.unwrap().unwrap(), 1);
        assert_eq!(outbox_of(&t, email).await, [("confirm".into(), "sent".into(), 1)], "{}", t.engine);
        let mails = take(&sink_dir);
        assert_eq!(mails.len(), 1);
        let id = mails[0].message_id.clone().unwrap();
        assert!(id.starts_with("<pop.") && id.ends_with("@localhost>"), "{id}");
        sink.stop();
        let _ = std::fs::remove_dir_all(sink_dir);
        t
    })
    .await;
}
