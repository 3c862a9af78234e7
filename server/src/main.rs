//! The platform's server: `server` serves the site; `server migrate`, `server seed`,
//! `server generate` and `server help` are the maintenance commands.
use app::ssr::config::Config;
use server::{startup, telemetry};
use std::process::ExitCode;

const HELP: &str = "\
Partnership Opportunities Platform

Usage: server [COMMAND]

Commands:
  serve          Migrate, load reference data, seed demo content into an empty database, and serve (default)
  migrate        Apply database migrations and exit
  seed [--force] Load reference data and demo concepts (--force adds demo concepts missing from a seeded database)
  generate N     Add generated concepts in six languages until there are N of them (for benchmarks)
  generate-agreements N ORGS
                 Add generated organisations and agreements until there are ORGS and N of
                 them (for benchmarks of the record)
  generate-subscribers N
                 Add N generated subscribers (generated-…@example.test), each following one of the
                 first ten areas of action, for benchmarks and fault drills
  staff EMAIL ROLE [NAME]
                 Create a staff account, or reset it (ROLE: editor, publisher or admin); the password
                 comes from POP_STAFF_PASSWORD or is generated and printed once
  mail-sink [ADDRESS]
                 A local SMTP server that writes every message it receives into POP_MAIL_DIR, for
                 trying delivery over real SMTP (default address 127.0.0.1:2525; not a mail server)
  backup FILE    Copy the SQLite database to FILE, consistently, while it serves (PostgreSQL: use pg_dump)
  doctor         Check the configuration, database, migrations, media store and e-mail, and say what is wrong
  sweep-media    Remove stored files no medium refers to any more, and uploads a crash left aside (both
                 when over a day old); run it daily
  help           Show this help

Configuration (environment variables):
  DATABASE_URL    sqlite://data/pop.db (default) or postgres://user:password@host/database
  POP_MEDIA_DIR   media folder (default data/media), unless media are in object storage:
  POP_S3_BUCKET   keep media in this S3-compatible bucket instead; with POP_S3_PREFIX (a folder in it),
                  POP_S3_ENDPOINT (https://… of a non-Amazon server), POP_S3_REGION (us-east-1), and
                  POP_S3_ACCESS_KEY_ID with POP_S3_SECRET_ACCESS_KEY (unset: the machine's role)
  POP_SEED_DEMO   seed demo concepts into an empty database at start: true (default) or false
  POP_PUBLIC_URL  the site's public address (default http://127.0.0.1:3000); https:// makes cookies Secure
  POP_SESSION_IDLE_MINUTES  staff sessions end after this long unused (default 30)
  POP_SESSION_MAX_HOURS     staff sessions end this long after sign-in (default 12)
  POP_BODY_LIMIT  largest request body in bytes outside uploads (default 1048576)
  POP_UPLOAD_DOCUMENT_MB, POP_UPLOAD_VIDEO_MB, POP_UPLOAD_IMAGE_MB, POP_UPLOAD_CAPTIONS_MB
                  largest upload of each sort in MB (defaults 25, 500, 10, 1)
  POP_SMTP_URL    smtp://user:password@host:587?tls=required (unset: e-mails are written to POP_MAIL_DIR)
  POP_MAIL_DIR    e-mails without SMTP (default data/mail); POP_MAIL_FROM the sender
  POP_MAIL_ATTEMPTS, POP_MAIL_CONCURRENCY, POP_MAIL_RATE, POP_SMTP_TIMEOUT_SECONDS, POP_MAIL_LEASE_SECONDS
                  delivery: tries (8), messages at once (4), per second (20), SMTP command timeout (10),
                  seconds before a dead worker's jobs are taken again (300)
  POP_DKIM_DOMAIN, POP_DKIM_SELECTOR, POP_DKIM_KEY_FILE
                  sign e-mails with DKIM (all three, or none); the key file holds an RSA key in PEM
                  (PKCS#1) or an Ed25519 key as base64
  POP_LOG_FORMAT  text (default) or json; RUST_LOG filters (default info)
  POP_METRICS_TOKEN  /metrics wants the header Authorization: Bearer TOKEN; unset, it answers only loopback clients
  LEPTOS_SITE_ADDR address to listen on (default 127.0.0.1:3000)
";

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = args.first().map_or("serve", String::as_str);
    if matches!(command, "help" | "--help" | "-h") {
        print!("{HELP}");
        return ExitCode::SUCCESS;
    }
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    telemetry::init(config.log_json);
    let rest = args.get(1..).unwrap_or_default();
    let result = match (command, rest) {
        ("serve", []) => startup::serve(config).await,
        ("migrate", []) => startup::migrate(&config).await,
        ("seed", rest) if rest.iter().all(|a| a == "--force") => startup::seed(&config, !rest.is_empty()).await,
        ("staff", [email, role]) => startup::staff_account(&config, email, role, None).await,
        ("staff", [email, role, name]) => startup::staff_account(&config, email, role, Some(name)).await,
        ("generate-subscribers", [n]) if n.parse::<u64>().is_ok_and(|n| n <= 10_000_000) => {
            startup::generate_subscribers(&config, n.parse().unwrap_or(0)).await
        }
        ("backup", [file]) => server::ops::backup(&config, file).await,
        ("doctor", []) => server::ops::doctor(&config).await,
        ("sweep-media", []) => server::ops::sweep_media(&config).await,
        ("mail-sink", []) => startup::mail_sink(&config, "127.0.0.1:2525").await,
        ("mail-sink", [addr]) => startup::mail_sink(&config, addr).await,
        ("generate-agreements", [n, orgs])
            if n.parse::<usize>().is_ok_and(|n| n <= 1_000_000)
                && orgs.parse::<usize>().is_ok_and(|o| o <= 200_000) =>
        {
            startup::generate_agreements(&config, n.parse().unwrap_or(0), orgs.parse().unwrap_or(0)).await
        }
        ("generate", [n]) if n.parse::<usize>().is_ok_and(|n| n <= 1_000_000) => {
            startup::generate(&config, n.parse().unwrap_or(0)).await
        }
        _ => {
            eprintln!("server: unknown command {:?}; try `server help`", args.join(" "));
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&*e),
    }
}

/// Prints one line: the error and its causes, no backtrace.
fn fail(error: &dyn std::error::Error) -> ExitCode {
    let mut line = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !line.contains(&text) {
            line.push_str(": ");
            line.push_str(&text);
        }
        source = cause.source();
    }
    eprintln!("server: {}", line.replace('\n', " "));
    ExitCode::FAILURE
}
