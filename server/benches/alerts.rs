//! Alerts at scale, on SQLite and PostgreSQL:
//!
//! 1. with SUBSCRIBERS generated subscribers (default 1,000,000, each following one of ten
//!    areas), publishing a concept in one area — a tenth of them match — through the same
//!    service staff use: the time to commit the publish with all its alert work; next to it,
//!    in the same run, a bare `INSERT … SELECT` of the same (subscriber, concept) rows into a
//!    table with the same key, and the ratio of the two;
//! 2. delivery throughput: MESSAGES (default 2,000) of those alerts rendered and sent over
//!    SMTP to the platform's sink on loopback by the delivery worker.
//!
//! `cargo bench -p server --bench alerts`; PostgreSQL is measured when
//! `POP_BENCH_POSTGRES_URL` names a server where databases may be created (`bench/alerts`
//! sets it up). Prints a Markdown table.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests and benchmarks: a panic is a failed run.
use app::domain::editor::Status;
use app::domain::staff::{Role, StaffMember};
use app::ssr::config::Config;
use app::ssr::db::concepts::{self, NewConcept, Tag, Translation};
use app::ssr::infra::clock::now;
use app::ssr::infra::database::Db;
use app::ssr::infra::media_store::MediaStore;
use app::ssr::services::{editor, staff};
use app::ssr::{AppState, seed};
use leptos::config::LeptosOptions;
use server::mail_sink::{Sink, SinkOptions};
use std::sync::Arc;
use std::time::Instant;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let subscribers = setting("SUBSCRIBERS", 1_000_000);
    let messages = setting("MESSAGES", 2_000);
    let dir = std::env::temp_dir().join(format!("pop-bench-alerts-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    println!("| engine | subscribers | alerts written | publish committed | bare INSERT … SELECT | ratio | delivery |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let sqlite = format!("sqlite://{}/bench.db", dir.display());
    engine("SQLite", &sqlite, subscribers, messages, &dir).await?;
    if let Some(admin) = std::env::var("POP_BENCH_POSTGRES_URL").ok().filter(|u| !u.is_empty()) {
        let name = format!("pop_bench_{}", std::process::id());
        let admin_db = Db::connect(&admin).await?;
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(admin_db.pool()).await?;
        let (base, _) = admin.rsplit_once('/').ok_or("POP_BENCH_POSTGRES_URL has no database")?;
        let result = engine("PostgreSQL", &format!("{base}/{name}"), subscribers, messages, &dir).await;
        sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")))
            .execute(admin_db.pool())
            .await?;
        result?;
    } else {
        eprintln!("POP_BENCH_POSTGRES_URL is not set: PostgreSQL not measured");
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

async fn engine(
    label: &str,
    url: &str,
    subscribers: u64,
    messages: u64,
    dir: &std::path::Path,
) -> Result<(), BoxError> {
    let db = Db::connect(url).await?;
    app::ssr::db::migrate(&db).await?;
    seed::taxonomy(&db).await?;
    let started = Instant::now();
    seed::subscribers(&db, subscribers, now()).await?;
    eprintln!("{label}: {subscribers} subscribers generated in {:.1} s", started.elapsed().as_secs_f64());

    let (concept, area) = concept_in_review(&db).await?;
    let publisher = publisher(&db).await?;
    let version: i64 =
        sqlx::query_scalar("SELECT version FROM concepts WHERE id = $1").bind(concept).fetch_one(db.pool()).await?;
    let started = Instant::now();
    editor::move_to(&db, &publisher, concept, version, Status::Published).await.map_err(|e| format!("{e:?}"))?;
    let publish = started.elapsed().as_secs_f64();
    let written: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM alerts WHERE concept_id = $1")
        .bind(concept)
        .fetch_one(db.pool())
        .await?;

    sqlx::query(
        "CREATE TABLE bench_alerts (subscriber_id BIGINT NOT NULL, concept_id BIGINT NOT NULL, \
         created_at BIGINT NOT NULL, PRIMARY KEY (subscriber_id, concept_id))",
    )
    .execute(db.pool())
    .await?;
    let started = Instant::now();
    let mut tx = db.begin_write().await?;
    let bare_rows = sqlx::query(
        "INSERT INTO bench_alerts (subscriber_id, concept_id, created_at) \
         SELECT sa.subscriber_id, $1, $2 FROM subscriber_areas sa JOIN areas a ON a.id = sa.area_id WHERE a.code = $3",
    )
    .bind(concept)
    .bind(now())
    .bind(&area)
    .execute(&mut *tx.conn())
    .await?
    .rows_affected();
    tx.commit().await?;
    let bare = started.elapsed().as_secs_f64();
    if i64::try_from(bare_rows)? != written {
        return Err(format!("the bare insert wrote {bare_rows} rows, the publish {written}").into());
    }

    let throughput = deliver(&db, url, messages, dir).await?;
    println!(
        "| {label} | {subscribers} | {written} | {publish:.2} s | {bare:.2} s | {:.1}× | {throughput:.0} messages/s |",
        publish / bare
    );
    db.close().await;
    Ok(())
}

/// A concept in review, in English, tagged with the first area; its id and that area.
async fn concept_in_review(db: &Db) -> Result<(i64, String), BoxError> {
    let area: String = sqlx::query_scalar("SELECT code FROM areas ORDER BY id LIMIT 1").fetch_one(db.pool()).await?;
    let mut tx = db.begin_write().await?;
    let concept = NewConcept {
        slug: "benchmark-concept",
        original_locale: "en",
        status: "in_review",
        budget_usd: None,
        starts_on: None,
        ends_on: None,
        focal_point_name: "Benchmark",
        focal_point_email: "focal@example.test",
        created_at: now(),
        published_at: None,
    };
    let id = concepts::insert(tx.conn(), &concept).await?;
    let text = Translation {
        locale: "en",
        title: "Benchmark concept",
        summary: "A concept that a tenth of the subscribers follow.",
        objectives: "",
        beneficiaries: "",
        body: "",
    };
    concepts::upsert_translation(tx.conn(), id, &text, now()).await?;
    concepts::add_tag(tx.conn(), id, Tag::Area, &area).await?;
    tx.commit().await?;
    Ok((id, area))
}

async fn publisher(db: &Db) -> Result<StaffMember, BoxError> {
    let email = "bench.publisher@example.test";
    let id = match staff::upsert_account(db, email, "Benchmark", Role::Publisher, "a long benchmark passphrase")
        .await
        .map_err(|e| format!("{e:?}"))?
    {
        staff::Upserted::Created(id) | staff::Upserted::Reset(id) => id,
    };
    Ok(StaffMember {
        id,
        email: email.into(),
        name: "Benchmark".into(),
        role: Role::Publisher,
        two_factor: false,
        two_factor_due: false,
    })
}

/// Sends `messages` of the queued alerts to a sink on loopback; messages per second.
async fn deliver(db: &Db, url: &str, messages: u64, dir: &std::path::Path) -> Result<f64, BoxError> {
    let mail_dir = dir.join("mail");
    let sink = Sink::start("127.0.0.1:0".parse()?, mail_dir.clone(), SinkOptions::default()).await?;
    let smtp = format!("smtp://{}", sink.addr);
    let config = Config::from_lookup(|k| match k {
        "DATABASE_URL" => Some(url.to_owned()),
        "POP_MEDIA_DIR" => Some(dir.join("media").display().to_string()),
        "POP_SMTP_URL" => Some(smtp.clone()),
        "POP_MAIL_CONCURRENCY" => Some("8".into()),
        "POP_MAIL_RATE" => Some("100000".into()),
        _ => None,
    })?;
    let state = AppState {
        leptos_options: LeptosOptions::builder().output_name("pop").site_root("target/site").build(),
        config: Arc::new(config),
        db: db.clone(),
        media: MediaStore::local(dir.join("media"))?,
        catalogue: Default::default(),
        record: Default::default(),
        typesetter: Default::default(),
    };
    let mailer = app::ssr::infra::mailer::Mailer::from_config(&state.config.mail)?;
    let started = Instant::now();
    let mut sent = 0;
    while sent < messages {
        let handled =
            app::ssr::jobs::delivery_worker::work_once(&state, &mailer).await.map_err(|e| format!("{e:?}"))?;
        if handled == 0 {
            break;
        }
        sent += handled as u64;
    }
    let seconds = started.elapsed().as_secs_f64();
    let delivered: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE status = 'sent'").fetch_one(db.pool()).await?;
    sink.stop();
    let _ = std::fs::remove_dir_all(mail_dir);
    Ok(delivered as f64 / seconds)
}
