//! What every request is served with: configuration, the database, the media store and the
//! catalogue and the agreements record held in memory.
use crate::error::AppError;
use crate::ssr::catalogue_engine::CatalogueCache;
use crate::ssr::config::Config;
use crate::ssr::infra::database::Db;
use crate::ssr::infra::media_store::MediaStore;
use crate::ssr::infra::typesetter::Typesetter;
use crate::ssr::record_engine::RecordCache;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use leptos::prelude::use_context;
use std::sync::Arc;

/// Shared by every request: cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub config: Arc<Config>,
    pub db: Db,
    pub media: MediaStore,
    pub catalogue: CatalogueCache,
    pub record: RecordCache,
    /// Sets PDFs (a quote's), with the fonts read on first use.
    pub typesetter: Typesetter,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The application state, as handed to server functions and SSR through context.
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("application state missing from the request context");
        AppError::Internal
    })
}
