use crate::domain::concept::HomeOverview;
use crate::domain::locale::code_of;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::ssr::db::{concepts, taxonomy};
use crate::ssr::infra::database::Db;

/// How many recent concepts the home page shows.
pub const RECENT: i64 = 6;

pub async fn overview(db: &Db, locale: Locale) -> Result<HomeOverview, AppError> {
    let code = code_of(locale);
    let mut conn = db.pool().acquire().await?;
    Ok(HomeOverview {
        published: concepts::count_published(&mut *conn).await?,
        areas: taxonomy::area_counts(&mut *conn, code).await?,
        regions: taxonomy::region_counts(&mut *conn, code).await?,
        recent: {
            let ids = concepts::recent_published_ids(&mut conn, RECENT).await?;
            concepts::cards(&mut conn, code, &ids).await?
        },
    })
}
