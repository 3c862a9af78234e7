//! `/api/staff/interests.csv`: the partner inbox under the inbox's filters, as CSV, for staff
//! (the path is guarded like every `/api/staff/…` one, and the member is checked again here).
use app::domain::interest::InboxFilter;
use app::ssr::AppState;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode, header};

pub async fn interests_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(filter): Query<InboxFilter>,
) -> Response {
    if let Err(e) = crate::upload::staff_member(&state, &headers).await {
        return crate::security::status_only(&e);
    }
    let Ok(filter) = filter.parse() else {
        let text = "This export asks for filters the inbox does not know.";
        return (StatusCode::BAD_REQUEST, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response();
    };
    match app::ssr::services::interests::csv(&state.db, &filter).await {
        Ok(csv) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"interests.csv\""),
                (header::CACHE_CONTROL, "no-store"),
            ],
            csv,
        )
            .into_response(),
        Err(e) => crate::security::status_only(&e),
    }
}
