//! One database handle for SQLite (the embedded default) and PostgreSQL, chosen by URL, its
//! write transactions and its migrations. It knows no table: the SQL lives in the
//! repositories (`ssr::db`).

use sqlx::AnyConnection;
use sqlx::any::AnyPoolOptions;
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{Any, AnyPool, Executor, Transaction};
use std::borrow::Cow;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, OwnedMutexGuard};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    /// SQLite allows one writer at a time: writers in this process queue here instead of
    /// racing for the file lock, and `BEGIN IMMEDIATE` plus the busy timeout covers other
    /// processes (a CLI command next to the server).
    writer: Arc<Mutex<()>>,
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("DATABASE_URL must start with sqlite:// or postgres://")]
    Scheme,
    #[error("cannot create the folder {0} for the SQLite database: {1}")]
    Folder(String, #[source] std::io::Error),
    #[error("cannot connect to the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("cannot migrate the database: {0}")]
    Migrate(#[source] sqlx::migrate::MigrateError),
    #[error("cannot rebuild the search index: {0}")]
    Index(#[source] sqlx::Error),
}

/// A write transaction: on SQLite it holds the writer slot until commit or drop.
pub struct WriteTx {
    pub tx: Transaction<'static, Any>,
    _writer: Option<OwnedMutexGuard<()>>,
}

impl WriteTx {
    pub fn conn(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }
}

impl Db {
    pub async fn connect(url: &str) -> Result<Self, DbError> {
        sqlx::any::install_default_drivers();
        let backend = backend_of(url).ok_or(DbError::Scheme)?;
        let url = match backend {
            Backend::Sqlite => prepare_sqlite_url(url)?,
            Backend::Postgres => url.to_owned(),
        };
        let options = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 8 } else { 16 })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        for pragma in [
                            "PRAGMA journal_mode = WAL",
                            "PRAGMA synchronous = NORMAL",
                            "PRAGMA foreign_keys = ON",
                            "PRAGMA busy_timeout = 30000",
                        ] {
                            conn.execute(pragma).await?;
                        }
                    }
                    Ok(())
                })
            });
        let pool = options.connect(&url).await.map_err(DbError::Connect)?;
        Ok(Db { pool, backend, writer: Arc::new(Mutex::new(())) })
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Starts a transaction that will write. On SQLite it takes the write lock up front
    /// (`BEGIN IMMEDIATE`), so it cannot fail half-way with `SQLITE_BUSY`.
    pub async fn begin_write(&self) -> Result<WriteTx, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => {
                let guard = self.writer.clone().lock_owned().await;
                let tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
                Ok(WriteTx { tx, _writer: Some(guard) })
            }
            Backend::Postgres => Ok(WriteTx { tx: self.pool.begin().await?, _writer: None }),
        }
    }

    /// Applies the migrations this binary knows that the database lacks. Use
    /// `ssr::db::migrate`, which also brings data derived from the tables up to date.
    pub async fn apply_migrations(&self) -> Result<(), DbError> {
        migrator(self.backend).run(&self.pool).await.map_err(DbError::Migrate)
    }

    /// How many migrations have been applied to the database (0 before the first).
    pub async fn applied_migrations(&self) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success")
            .fetch_one(&self.pool)
            .await
            .unwrap_or(0)
    }

    /// Copies a SQLite database to a new file in one read transaction (`VACUUM INTO`), so
    /// the copy is consistent while others write.
    pub async fn copy_sqlite_to(&self, target: &str) -> Result<(), sqlx::Error> {
        sqlx::query("VACUUM INTO $1").bind(target).execute(&self.pool).await.map(drop)
    }

    /// How many migrations this binary knows.
    pub fn migration_count(&self) -> i64 {
        i64::try_from(migrator(self.backend).iter().count()).unwrap_or(i64::MAX)
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    /// Closes the pool: waits for connections in use to come back, at most ten seconds (a
    /// connection held by a task that never finishes must not stop a shutdown).
    pub async fn close(&self) {
        if tokio::time::timeout(Duration::from_secs(10), self.pool.close()).await.is_err() {
            tracing::warn!(in_use = self.pool.size(), "database connections still in use at close; closing anyway");
        }
    }
}

fn backend_of(url: &str) -> Option<Backend> {
    if url.starts_with("sqlite:") {
        Some(Backend::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Some(Backend::Postgres)
    } else {
        None
    }
}

/// Creates the folder of a SQLite file and asks SQLite to create the file if missing.
fn prepare_sqlite_url(url: &str) -> Result<String, DbError> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path != ":memory:"
        && !path.is_empty()
        && let Some(parent) = std::path::Path::new(path).parent().filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent).map_err(|e| DbError::Folder(parent.display().to_string(), e))?;
    }
    Ok(if query.contains("mode=") {
        url.to_owned()
    } else if query.is_empty() {
        format!("{url}?mode=rwc")
    } else {
        format!("{url}&mode=rwc")
    })
}

/// The migrations of each engine, compiled into the binary: the same versions and names in
/// `migrations/sqlite` and `migrations/postgres` (a test checks no file is left out).
macro_rules! migrations {
    ($($version:literal $name:literal),* $(,)?) => {
        fn migrator(backend: Backend) -> Migrator {
            use sqlx::SqlSafeStr;
            let sql: Vec<&'static str> = match backend {
                Backend::Sqlite => vec![$(include_str!(concat!("../../../../migrations/sqlite/", $name, ".sql"))),*],
                Backend::Postgres => vec![$(include_str!(concat!("../../../../migrations/postgres/", $name, ".sql"))),*],
            };
            let names: [(i64, &'static str); 0 $(+ { let _ = $version; 1 })*] = [$(($version, $name)),*];
            Migrator::with_migrations(
                names
                    .into_iter()
                    .zip(sql)
                    .map(|((version, name), sql)| {
                        Migration::new(
                            version,
                            Cow::Borrowed(name),
                            MigrationType::Simple,
                            sqlx::AssertSqlSafe(sql).into_sql_str(),
                            false,
                        )
                    })
                    .collect(),
            )
        }

        #[cfg(test)]
        const MIGRATION_NAMES: &[&str] = &[$($name),*];
    };
}

migrations!(
    1 "0001_taxonomy_and_concepts",
    2 "0002_search_index",
    3 "0003_staff",
    4 "0004_two_factor",
    5 "0005_translation_state",
    6 "0006_subscribers",
    7 "0007_alerts_and_outbox",
    8 "0008_rate_events",
    9 "0009_interests",
    10 "0010_organisations",
    11 "0011_agreements",
    12 "0012_country_group_periods",
    13 "0013_obligation_reminders",
    14 "0014_agreement_documents",
    15 "0015_funder_profiles",
    16 "0016_sponsorship",
    17 "0017_sponsorship_quotes",
    18 "0018_sponsorships"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_migration_file_is_compiled_in_for_both_engines() {
        for engine in ["sqlite", "postgres"] {
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../migrations/");
            let mut files: Vec<String> = std::fs::read_dir(format!("{dir}{engine}"))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().trim_end_matches(".sql").to_owned())
                .collect();
            files.sort();
            assert_eq!(files, MIGRATION_NAMES, "{engine}");
        }
    }

    #[test]
    fn the_url_scheme_chooses_the_engine() {
        assert_eq!(backend_of("sqlite://data/pop.db"), Some(Backend::Sqlite));
        assert_eq!(backend_of("sqlite::memory:"), Some(Backend::Sqlite));
        assert_eq!(backend_of("postgres://u@localhost/pop"), Some(Backend::Postgres));
        assert_eq!(backend_of("postgresql://u@localhost/pop"), Some(Backend::Postgres));
        assert_eq!(backend_of("mysql://x"), None);
        assert_eq!(backend_of("data/pop.db"), None);
    }

    #[test]
    fn sqlite_urls_create_the_file() {
        assert_eq!(prepare_sqlite_url("sqlite::memory:").unwrap(), "sqlite::memory:?mode=rwc");
        let dir = std::env::temp_dir().join(format!("pop-url-{}", std::process::id()));
        let url = format!("sqlite://{}/x.db", dir.display());
        assert_eq!(prepare_sqlite_url(&url).unwrap(), format!("{url}?mode=rwc"));
        assert!(dir.is_dir());
        assert_eq!(prepare_sqlite_url(&format!("{url}?mode=ro")).unwrap(), format!("{url}?mode=ro"));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
