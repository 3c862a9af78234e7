//! Start-up: connect, migrate, load reference data, seed, build the router, serve.
use crate::security;
use app::domain::staff::Role;
use app::error::AppError;
use app::ssr::config::Config;
use app::ssr::infra::clock::now;
use app::ssr::infra::database::Db;
use app::ssr::infra::media_store::MediaStore;
use app::ssr::services::staff;
use app::ssr::{AppState, seed};
use app::{App, shell};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use leptos::config::LeptosOptions;
use leptos::nonce::Nonce;
use leptos::prelude::{provide_context, use_context};
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::error::Error;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::{DefaultOnResponse, TraceLayer};

pub type BoxError = Box<dyn Error + Send + Sync>;

/// Connects and migrates the database, loads the taxonomy and, on a new database, the demo
/// concepts.
pub async fn prepare(config: Config, leptos_options: LeptosOptions) -> Result<AppState, BoxError> {
    let db = Db::connect(&config.database_url).await?;
    app::ssr::db::migrate(&db).await?;
    seed::taxonomy(&db).await?;
    let media = MediaStore::from_config(&config)?;
    if config.seed_demo {
        let added = seed::demo(&db, &media, false, now()).await?;
        if added > 0 {
            tracing::info!(added, "seeded demo concepts into the new database");
            demo_admin(&db).await?;
            let agreements = seed::agreements(&db, now()).await?;
            tracing::info!(agreements, "seeded the demo agreements record");
            let funders = seed::funders(&db, now()).await?;
            tracing::info!(funders, "seeded the demo funder profiles");
            let events = seed::sponsorship(&db, now()).await?;
            tracing::info!(events, "seeded the demo sponsorship events");
        }
    }
    Ok(AppState {
        leptos_options,
        typesetter: app::ssr::infra::typesetter::Typesetter::new(config.font_dir.clone()),
        config: Arc::new(config),
        db,
        media,
        catalogue: Default::default(),
        record: Default::default(),
    })
}

pub async fn serve(config: Config) -> Result<(), BoxError> {
    let leptos_options = leptos_options_from_env()?;
    let addr = leptos_options.site_addr;
    // Listening at once: while the database is migrated, the server says it is alive but
    // not ready, so a load balancer waits for it.
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let app = Arc::new(OnceLock::new());
    // The peer address reaches handlers (sign-in rate limits per address).
    let service = starting(app.clone()).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let server =
        tokio::spawn(async move { axum::serve(listener, service).with_graceful_shutdown(shutdown_signal()).await });
    let state = match prepare(config, leptos_options).await {
        Ok(state) => state,
        Err(e) => {
            server.abort();
            return Err(e);
        }
    };
    let mailer = app::ssr::infra::mailer::Mailer::from_config(&state.config.mail)?;
    match mailer.folder() {
        Some(dir) => println!("No SMTP server configured (POP_SMTP_URL): e-mails are written to {}", dir.display()),
        None => tracing::info!("e-mails are sent over SMTP"),
    }
    // Every server process delivers; leases keep them from taking the same job.
    let (stop_worker, stop) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(app::ssr::jobs::delivery_worker::run(state.clone(), mailer, stop));
    let _ = app.set(router(state.clone()));
    tracing::info!(%addr, "listening");
    println!("Partnership Opportunities Platform is serving on http://{addr}");
    server.await.map_err(|e| format!("the server stopped: {e}"))??;
    // Requests have finished; now the e-mails under way, and the claimed ones given back.
    let _ = stop_worker.send(true);
    let grace = std::time::Duration::from_secs(state.config.mail.smtp_timeout_seconds.saturating_mul(3).max(5));
    if tokio::time::timeout(grace, worker).await.is_err() {
        tracing::warn!("the delivery worker did not stop in time; its claimed e-mails come back when their lease ends");
    }
    state.db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// The service a server answers with from its first moment: the app once `app` is set;
/// before, while it migrates and loads reference data, `/healthz` answers and everything
/// else, `/readyz` included, says 503 "starting" with a `Retry-After`.
pub fn starting(app: Arc<OnceLock<Router>>) -> Router {
    Router::new().fallback(move |req: axum::extract::Request| {
        let app = app.clone();
        async move {
            use tower::ServiceExt;
            match app.get() {
                Some(router) => router.clone().oneshot(req).await.into_response(),
                None if req.uri().path() == "/healthz" => "ok".into_response(),
                None => crate::security::with_status(
                    &app::error::AppError::Unavailable,
                    "starting: preparing the database".into_response(),
                ),
            }
        }
    })
}

/// Leptos's settings from the variables cargo-leptos sets (`LEPTOS_SITE_ADDR`,
/// `LEPTOS_SITE_ROOT`, `LEPTOS_SITE_PKG_DIR`), with the defaults of this project, so the
/// binary also runs on its own.
pub fn leptos_options_from_env() -> Result<LeptosOptions, BoxError> {
    let var = |name: &str, default: &str| {
        std::env::var(name).ok().filter(|v| !v.is_empty()).unwrap_or_else(|| default.to_owned())
    };
    let addr = var("LEPTOS_SITE_ADDR", "127.0.0.1:3000");
    let site_addr: std::net::SocketAddr = addr
        .parse()
        .map_err(|_| format!("LEPTOS_SITE_ADDR is invalid: {addr:?} is not an address like 127.0.0.1:3000"))?;
    Ok(LeptosOptions::builder()
        .output_name(option_env!("LEPTOS_OUTPUT_NAME").unwrap_or("pop"))
        .site_root(var("LEPTOS_SITE_ROOT", "target/site"))
        .site_pkg_dir(var("LEPTOS_SITE_PKG_DIR", "pkg"))
        .site_addr(site_addr)
        .build())
}

pub async fn migrate(config: &Config) -> Result<(), BoxError> {
    let db = Db::connect(&config.database_url).await?;
    app::ssr::db::migrate(&db).await?;
    seed::taxonomy(&db).await?;
    println!("database migrated");
    Ok(())
}

pub async fn seed(config: &Config, force: bool) -> Result<(), BoxError> {
    let db = Db::connect(&config.database_url).await?;
    app::ssr::db::migrate(&db).await?;
    seed::taxonomy(&db).await?;
    let added = seed::demo(&db, &MediaStore::from_config(config)?, force, now()).await?;
    println!("{added} demo concepts added");
    let agreements = seed::agreements(&db, now()).await?;
    println!("{agreements} demo agreements added");
    let funders = seed::funders(&db, now()).await?;
    println!("{funders} demo funder profiles added");
    let events = seed::sponsorship(&db, now()).await?;
    println!("{events} demo sponsorship events added");
    if added > 0 && !force {
        demo_admin(&db).await?;
    }
    Ok(())
}

/// The demo's administrator, created with the demo content; the password is printed once.
async fn demo_admin(db: &Db) -> Result<(), BoxError> {
    const EMAIL: &str = "admin@example.org";
    let password = staff::generated_password();
    let email = app::domain::staff::Email::parse(EMAIL).ok_or("bad demo e-mail")?;
    if app::ssr::db::staff::credentials(db.pool(), &email).await?.is_some() {
        return Ok(());
    }
    staff::upsert_account(db, EMAIL, "Demo administrator", Role::Admin, &password).await.map_err(explain)?;
    println!("Demo staff account (shown once): {EMAIL} / {password}");
    println!("  sign in at /en/staff; reset it with: server staff {EMAIL} admin");
    Ok(())
}

/// Creates a staff account or resets an existing one (new password, role, name; enabled
/// again; signed out everywhere). The password comes from `POP_STAFF_PASSWORD`, or is
/// generated and printed.
pub async fn staff_account(config: &Config, email: &str, role: &str, name: Option<&str>) -> Result<(), BoxError> {
    let role = Role::parse(role).ok_or_else(|| format!("the role must be editor, publisher or admin, not {role:?}"))?;
    let db = Db::connect(&config.database_url).await?;
    app::ssr::db::migrate(&db).await?;
    let given = std::env::var("POP_STAFF_PASSWORD").ok().filter(|p| !p.is_empty());
    let password = given.clone().unwrap_or_else(staff::generated_password);
    let name = name.map_or_else(|| email.split('@').next().unwrap_or(email).to_owned(), str::to_owned);
    let done = staff::upsert_account(&db, email, &name, role, &password).await.map_err(explain)?;
    match done {
        staff::Upserted::Created(_) => println!("created {email} as {}", role.code()),
        staff::Upserted::Reset(_) => println!("reset {email} as {} (its sessions have ended)", role.code()),
    }
    if given.is_none() {
        println!("password (shown once): {password}");
    }
    Ok(())
}

/// An operator-readable line for a refused account.
fn explain(error: AppError) -> BoxError {
    match error {
        AppError::Validation(fields) => fields
            .iter()
            .map(|f| match (f.field.as_str(), f.code.as_str()) {
                (_, "too_short") => "the password needs at least 12 characters".to_owned(),
                (_, "too_long") => "the password may have at most 256 characters".to_owned(),
                (_, "common") => "the password is one of the most common ones".to_owned(),
                (field, code) => format!("{field} is {code}"),
            })
            .collect::<Vec<_>>()
            .join("; ")
            .into(),
        other => other.to_string().into(),
    }
}

/// Runs the local SMTP sink until stopped, writing messages into the mail folder.
pub async fn mail_sink(config: &Config, addr: &str) -> Result<(), BoxError> {
    let addr: std::net::SocketAddr = addr.parse().map_err(|e| format!("{addr:?} is not an address and port: {e}"))?;
    let sink = crate::mail_sink::Sink::start(addr, config.mail.dir.clone(), Default::default())
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    println!(
        "SMTP sink on {} writing messages to {} (use POP_SMTP_URL=smtp://{})",
        sink.addr,
        config.mail.dir.display(),
        sink.addr
    );
    tokio::select! {
        () = sink.run() => {}
        () = shutdown_signal() => {}
    }
    Ok(())
}

/// Fills the database with `count` generated concepts (benchmarks).
pub async fn generate(config: &Config, count: usize) -> Result<(), BoxError> {
    let db = Db::connect(&config.database_url).await?;
    app::ssr::db::migrate(&db).await?;
    seed::taxonomy(&db).await?;
    let added = seed::bulk(&db, &MediaStore::from_config(config)?, count, now()).await?;
    println!("{added} generated concepts added");
    Ok(())
}

/// Adds generated organisations and agreements until there are `organisations` and `count`
/// of them (benchmarks of the record).
pub async fn generate_agreements(config: &Config, count: usize, organisations: usize) -> Result<(), BoxError> {
    let db = Db::connect(&config.database_url).await?;
    app::ssr::db::migrate(&db).await?;
    seed::taxonomy(&db).await?;
    let added = seed::generated_agreements(&db, count, organisations, now()).await?;
    println!("{added} generated agreements added");
    Ok(())
}

/// Adds `count` generated subscribers (benchmarks, fault drills).
pub async fn generate_subscribers(config: &Config, count: u64) -> Result<(), BoxError> {
    let db = Db::connect(&config.database_url).await?;
    app::ssr::db::migrate(&db).await?;
    seed::taxonomy(&db).await?;
    let added = seed::subscribers(&db, count, now()).await?;
    println!("{added} generated subscribers added");
    Ok(())
}

/// Every route: the locale redirect, health checks, static files, the Leptos pages and
/// server functions, and the layers around them.
pub fn router(state: AppState) -> Router {
    let options = state.leptos_options.clone();
    let site_root = PathBuf::from(&*options.site_root);
    // Hands the request's CSP nonce to Leptos, which puts it on its inline scripts.
    let context = || {
        if let Some(nonce) = use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<Nonce>().cloned()) {
            provide_context(nonce);
        }
    };
    let app_shell = {
        let options = options.clone();
        move || shell(options.clone())
    };
    let favicon = ServeFile::new(site_root.join("favicon.svg"));
    Router::new()
        .route("/", get(redirect_to_locale))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route_service("/favicon.svg", favicon.clone())
        .route_service("/favicon.ico", favicon)
        .route("/robots.txt", get(robots))
        .route("/sitemap.xml", get(sitemap))
        .route("/iati/activities.xml", get(iati_activities))
        .route("/unsubscribe/{token}", get(crate::unsubscribe::page).post(crate::unsubscribe::one_click))
        .route("/{lang}/feeds/concepts.atom", get(crate::feed::concepts))
        .route("/{lang}/sponsorship/quotes/{token}/quote.pdf", get(crate::quote_pdf::serve))
        .route("/api/staff/interests.csv", get(crate::export::interests_csv))
        .route("/api/staff/sponsorship-quotes.csv", get(crate::export::sponsorship_quotes_csv))
        .route("/api/agreements.csv", get(crate::export::public_agreements_csv))
        .route("/api/funders.csv", get(crate::export::funders_csv))
        .route("/api/staff/agreements.csv", get(crate::export::staff_agreements_csv))
        .route("/api/staff/agreement_template.csv", get(crate::export::agreement_template))
        .route("/metrics", get(crate::metrics::serve))
        .nest_service("/pkg", ServeDir::new(site_root.join(&*options.site_pkg_dir)))
        .leptos_routes_with_context(&state, generate_route_list(App), context, app_shell)
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(
            {
                // Unknown addresses render the app's 404 page, which may ask the server too.
                let state = state.clone();
                move || {
                    provide_context(state.clone());
                    context();
                }
            },
            shell,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), security::staff_guard))
        .layer(middleware::from_fn(security::server_fn_status))
        .layer(middleware::from_fn(security::same_origin_writes))
        .layer(RequestBodyLimitLayer::new(state.config.body_limit))
        .layer(CompressionLayer::new())
        // Media are already compressed (video, PDF, images) and must answer byte ranges.
        .route("/media/{key}/{name}", get(crate::media::serve))
        .merge(upload_routes(&state))
        .layer(middleware::from_fn(crate::canonical::trailing_slash))
        .layer(middleware::from_fn(security::headers))
        .layer(middleware::from_fn(crate::metrics::track))
        .layer(TraceLayer::new_for_http().on_response(DefaultOnResponse::new().level(tracing::Level::INFO)))
        .with_state(state)
}

/// The upload route streams bodies far larger than the general limit; it checks sizes
/// itself while reading, under an outer cap of the largest file allowed plus the form.
fn upload_routes(state: &AppState) -> Router<AppState> {
    let limits = state.config.upload_limits;
    let largest = [limits.document, limits.video, limits.image, limits.captions].into_iter().max().unwrap_or(0);
    let cap = usize::try_from(largest).unwrap_or(usize::MAX).saturating_add(1024 * 1024);
    Router::new()
        .route("/api/staff/concepts/{id}/media", post(crate::upload::upload))
        .route("/api/staff/agreements/{id}/documents", post(crate::upload::upload_document))
        .layer(DefaultBodyLimit::disable())
        .layer(RequestBodyLimitLayer::new(cap))
        .layer(middleware::from_fn_with_state(state.clone(), security::staff_guard))
        .layer(middleware::from_fn(security::same_origin_writes))
}

/// `/` sends the visitor to the home page in the best language their browser asks for.
async fn redirect_to_locale(headers: HeaderMap) -> impl IntoResponse {
    let wanted = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let locale = app::domain::locale::negotiate(wanted);
    (
        StatusCode::FOUND,
        [
            (header::LOCATION, format!("/{}", app::domain::locale::code_of(locale))),
            (header::VARY, "Accept-Language".to_owned()),
        ],
    )
}

/// Liveness: the process answers.
async fn robots(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        app::ssr::services::sitemap::robots(&state.config.public_url),
    )
}

async fn sitemap(State(state): State<AppState>) -> axum::response::Response {
    match app::ssr::services::sitemap::sitemap(&state.db, &state.config.public_url).await {
        Ok(xml) => ([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], xml).into_response(),
        Err(e) => crate::security::status_only(&e),
    }
}

/// The public, signed agreements as IATI 2.03 activities.
async fn iati_activities(State(state): State<AppState>) -> axum::response::Response {
    let reporter = app::ssr::services::iati::Reporter {
        reference: &state.config.iati_org_ref,
        name: &state.config.iati_org_name,
        public_url: &state.config.public_url,
    };
    match app::ssr::services::iati::activities(&state.db, &state.record, &reporter, now()).await {
        Ok(xml) => ([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], xml).into_response(),
        Err(e) => crate::security::status_only(&e),
    }
}

async fn healthz() -> &'static str {
    "ok"
}

/// Readiness: the database answers.
async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    if state.db.ping().await {
        (StatusCode::OK, "ready").into_response()
    } else {
        crate::security::with_status(&app::error::AppError::Unavailable, "database unavailable".into_response())
    }
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
