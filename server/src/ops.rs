//! Operations commands: `server backup PATH` (a consistent copy of a SQLite database taken
//! while it serves), `server doctor` (configuration, database, media store and e-mail
//! checked, with what is wrong said plainly) and `server sweep-media` (files no medium
//! refers to any more, removed).
use crate::startup::BoxError;
use app::ssr::config::Config;
use app::ssr::infra::database::{Backend, Db};
use app::ssr::infra::media_store::MediaStore;
use std::path::Path;

/// Copies the SQLite database to `target` with `VACUUM INTO`: one read transaction, so the
/// copy is consistent even while servers write. PostgreSQL is backed up with its own tools.
pub async fn backup(config: &Config, target: &str) -> Result<(), BoxError> {
    let db = Db::connect(&config.database_url).await?;
    if db.backend() == Backend::Postgres {
        return Err("PostgreSQL is backed up with pg_dump or continuous archiving (see docs/deployment.md)".into());
    }
    if Path::new(target).exists() {
        return Err(format!("{target} exists already; choose a new file").into());
    }
    db.copy_sqlite_to(target).await.map_err(|e| format!("backup failed: {e}"))?;
    db.close().await;
    println!("backed up to {target}");
    Ok(())
}

/// One line per check; an error when any failed.
pub async fn doctor(config: &Config) -> Result<(), BoxError> {
    let mut failed = 0;
    let mut report = |what: &str, outcome: Result<String, String>| match outcome {
        Ok(detail) => println!("ok    {what}: {detail}"),
        Err(problem) => {
            failed += 1;
            println!("FAIL  {what}: {problem}");
        }
    };
    report("configuration", Ok(format!("public address {}", config.public_url)));
    let db = Db::connect(&config.database_url).await;
    match &db {
        Ok(db) => {
            report("database", Ok(format!("{:?} answers", db.backend())));
            report("migrations", migrations(db).await);
        }
        Err(e) => report("database", Err(e.to_string())),
    }
    let media = match MediaStore::from_config(config) {
        Ok(store) => store.check().await,
        Err(e) => Err(e.to_string()),
    };
    report("media store", media);
    let mail = match app::ssr::infra::mailer::Mailer::from_config(&config.mail) {
        Ok(mailer) => mailer.check().await,
        Err(e) => Err(e),
    };
    report("e-mail", mail);
    if let Ok(db) = db {
        db.close().await;
    }
    if failed > 0 { Err(format!("{failed} check(s) failed").into()) } else { Ok(()) }
}

/// Whether every migration this binary knows has been applied.
async fn migrations(db: &Db) -> Result<String, String> {
    let known = db.migration_count();
    let applied = db.applied_migrations().await;
    match applied.cmp(&known) {
        std::cmp::Ordering::Equal => Ok(format!("{applied} applied, up to date")),
        std::cmp::Ordering::Less => {
            Err(format!("{applied} of {known} applied: run `server migrate` (or start the server)"))
        }
        std::cmp::Ordering::Greater => {
            Err(format!("{applied} applied but this binary knows {known}: it is older than the database"))
        }
    }
}

/// Files kept this long before a sweep may take them: longer than any upload takes to be
/// recorded after it is stored.
const SWEEP_GRACE_SECONDS: i64 = 24 * 3600;

/// Removes the stored files no medium refers to (replaced or removed media) and uploads a
/// crash left aside, once over a day old.
pub async fn sweep_media(config: &Config) -> Result<(), BoxError> {
    let db = Db::connect(&config.database_url).await?;
    let store = MediaStore::from_config(config)?;
    let mut conn = db.pool().acquire().await?;
    let in_use = app::ssr::db::media::keys_in_use(&mut conn).await?;
    drop(conn);
    let swept = store.sweep(&in_use, SWEEP_GRACE_SECONDS, app::ssr::infra::clock::now()).await?;
    db.close().await;
    println!(
        "{}: {} unreferenced file(s) and {} abandoned upload(s) removed, {} kept",
        store.place(),
        swept.unreferenced,
        swept.abandoned,
        swept.kept
    );
    Ok(())
}
