use crate::domain::concept::HomeOverview;
use crate::error::AppError;
use leptos::prelude::*;

/// Counts by area of action and by region, and the latest published concepts, named in
/// `locale`. Public: anyone may read what is published.
#[server(endpoint = "home_overview")]
pub async fn get_home_overview(locale: String) -> Result<HomeOverview, AppError> {
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::home::overview(&state.db, locale).await
}
