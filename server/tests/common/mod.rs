//! Test harness: a fresh database per test on every engine, and the app around it.
#![allow(dead_code)]
pub mod mail;
pub mod web;
use app::ssr::catalogue_engine::CatalogueCache;
use app::ssr::config::Config;
use app::ssr::infra::database::Db;
use app::ssr::infra::media_store::MediaStore;
use app::ssr::record_engine::RecordCache;
use app::ssr::{AppState, seed};
use leptos::config::LeptosOptions;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

/// A fresh, migrated database with the taxonomy loaded, and an empty media store: a local
/// folder beside SQLite; S3-compatible object storage beside PostgreSQL when the test
/// command has started one (`POP_TEST_S3_ENDPOINT`), as in the scale-out set-up.
pub struct TestDb {
    pub engine: &'static str,
    pub db: Db,
    pub url: String,
    dir: PathBuf,
    pg_name: Option<String>,
    /// The settings that choose the media store.
    media_settings: Vec<(&'static str, String)>,
    /// What the server holds in memory, shared by every request of the test as a running
    /// server shares it, so a test that writes and then reads sees whether the write made
    /// the snapshots be read again.
    catalogue: CatalogueCache,
    record: RecordCache,
}

static NEXT: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    format!("{prefix}_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Settings for a fresh place in the test object store, when there is one.
pub fn s3_settings() -> Option<Vec<(&'static str, String)>> {
    let endpoint = std::env::var("POP_TEST_S3_ENDPOINT").ok().filter(|u| !u.is_empty());
    if endpoint.is_none() {
        eprintln!("warning: POP_TEST_S3_ENDPOINT is not set: object storage tests skipped (scripts/test sets it)");
    }
    let bucket = std::env::var("POP_TEST_S3_BUCKET").unwrap_or_else(|_| "pop-test".into());
    endpoint.map(|endpoint| {
        vec![
            ("POP_S3_BUCKET", bucket),
            ("POP_S3_PREFIX", unique("t").replace('_', "-")),
            ("POP_S3_ENDPOINT", endpoint),
            ("POP_S3_ACCESS_KEY_ID", "test".into()),
            ("POP_S3_SECRET_ACCESS_KEY", "test".into()),
        ]
    })
}

/// The PostgreSQL server for tests, when `POP_TEST_POSTGRES_URL` names one (the test
/// command always does). Without it the PostgreSQL half is skipped with a warning.
pub fn postgres_admin_url() -> Option<String> {
    let url = std::env::var("POP_TEST_POSTGRES_URL").ok().filter(|u| !u.is_empty());
    if url.is_none() {
        eprintln!("warning: POP_TEST_POSTGRES_URL is not set: PostgreSQL tests skipped (scripts/test sets it)");
    }
    url
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = std::env::temp_dir().join(unique("pop_test"));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}/test.db", dir.display());
        let media = vec![("POP_MEDIA_DIR", dir.join("media").display().to_string())];
        TestDb::open("sqlite", url, dir, None, media).await
    }

    pub async fn postgres(admin_url: &str) -> TestDb {
        let name = unique("pop_t");
        let admin = Db::connect(admin_url).await.expect("connect to the PostgreSQL test server");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(admin.pool()).await.unwrap();
        admin.close().await;
        let (base, _) = admin_url.rsplit_once('/').unwrap();
        let dir = std::env::temp_dir().join(unique("pop_test"));
        std::fs::create_dir_all(&dir).unwrap();
        let media = s3_settings().unwrap_or_else(|| vec![("POP_MEDIA_DIR", dir.join("media").display().to_string())]);
        TestDb::open("postgres", format!("{base}/{name}"), dir, Some(name), media).await
    }

    async fn open(
        engine: &'static str,
        url: String,
        dir: PathBuf,
        pg_name: Option<String>,
        media_settings: Vec<(&'static str, String)>,
    ) -> TestDb {
        let db = Db::connect(&url).await.unwrap();
        app::ssr::db::migrate(&db).await.unwrap();
        seed::taxonomy(&db).await.unwrap();
        TestDb {
            engine,
            db,
            url,
            dir,
            pg_name,
            media_settings,
            catalogue: Default::default(),
            record: Default::default(),
        }
    }

    pub fn media(&self) -> MediaStore {
        MediaStore::from_config(&self.config(&[])).unwrap()
    }

    /// Where media are kept: `folder` or `object storage`.
    pub fn media_kind(&self) -> &'static str {
        if self.media_settings.iter().any(|(k, _)| *k == "POP_S3_BUCKET") { "object storage" } else { "folder" }
    }

    pub async fn seed_demo(&self) -> usize {
        seed::demo(&self.db, &self.media(), false, app::ssr::infra::clock::now()).await.unwrap()
    }

    pub fn state(&self) -> AppState {
        self.state_with(&[])
    }

    /// The configuration of this test's database and media store, with some other settings.
    pub fn config(&self, settings: &[(&str, &str)]) -> Config {
        Config::from_lookup(|k| match k {
            "DATABASE_URL" => Some(self.url.clone()),
            _ => self
                .media_settings
                .iter()
                .find(|(name, _)| *name == k)
                .map(|(_, v)| v.clone())
                .or_else(|| settings.iter().find(|(name, _)| *name == k).map(|(_, v)| (*v).to_owned())),
        })
        .unwrap()
    }

    /// The app's state with some settings other than the defaults.
    pub fn state_with(&self, settings: &[(&str, &str)]) -> AppState {
        let config = self.config(settings);
        let leptos_options = LeptosOptions::builder().output_name("pop").site_root("target/site").build();
        AppState {
            leptos_options,
            typesetter: app::ssr::infra::typesetter::Typesetter::new(config.font_dir.clone()),
            config: Arc::new(config),
            db: self.db.clone(),
            media: self.media(),
            catalogue: self.catalogue.clone(),
            record: self.record.clone(),
        }
    }

    pub async fn drop_db(self) {
        self.db.close().await;
        let _ = std::fs::remove_dir_all(&self.dir);
        if let (Some(name), Some(admin_url)) = (self.pg_name, postgres_admin_url()) {
            let admin = Db::connect(&admin_url).await.unwrap();
            // An autovacuum worker of the server's own role may be in the database for a
            // moment, and FORCE may not end it: try again, then leave the database behind.
            for attempt in 1..=20 {
                let dropped = sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")))
                    .execute(admin.pool())
                    .await;
                match dropped {
                    Ok(_) => break,
                    Err(e) if attempt == 20 => eprintln!("warning: test database {name} left behind: {e}"),
                    Err(_) => tokio::time::sleep(std::time::Duration::from_millis(250)).await,
                }
            }
            admin.close().await;
        }
    }
}

/// Runs `test` on a fresh SQLite database and on a fresh PostgreSQL database.
pub async fn on_every_engine<F, Fut>(test: F)
where
    F: Fn(TestDb) -> Fut,
    Fut: Future<Output = TestDb>,
{
    let t = test(TestDb::sqlite().await).await;
    t.drop_db().await;
    if let Some(url) = postgres_admin_url() {
        let t = test(TestDb::postgres(&url).await).await;
        t.drop_db().await;
    }
}
