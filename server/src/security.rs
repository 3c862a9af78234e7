//! Security headers on every response, and the guard that refuses cross-site writes.
use app::error::AppError;
use app::ssr::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use leptos::nonce::Nonce;

/// Adds the response headers every page needs. The Content-Security-Policy allows scripts
/// only from this origin and the inline hydration script that carries this request's nonce
/// (handed to Leptos through the request's extensions).
pub async fn headers(mut req: Request, next: Next) -> Response {
    let nonce = Nonce::new();
    let https = is_https(req.headers(), req.uri());
    let media = req.uri().path().starts_with("/media/");
    req.extensions_mut().insert(nonce.clone());
    let mut res = next.run(req).await;
    let (csp, frames) = if media {
        // Documents are shown inline in our own pages, and only there.
        ("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'".to_owned(), "SAMEORIGIN")
    } else {
        let csp = format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
             img-src 'self' data:; media-src 'self'; font-src 'self'; connect-src 'self'; \
             frame-src 'self' https://www.youtube-nocookie.com https://player.vimeo.com; object-src 'none'; \
             base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        );
        (csp, "DENY")
    };
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static(frames));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    h.insert("permissions-policy", HeaderValue::from_static("camera=(), microphone=(), geolocation=()"));
    if https {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    res
}

/// Served over TLS, directly or behind a proxy that says so.
fn is_https(headers: &HeaderMap, uri: &http::Uri) -> bool {
    uri.scheme_str() == Some("https")
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// Refuses state-changing requests that a browser sends on behalf of another site: Fetch
/// Metadata (`Sec-Fetch-Site`) first, else `Origin` against `Host`. Same-origin fetches and
/// plain `<form>` posts pass; so do requests that are not from a browser (no such headers),
/// which cannot carry a visitor's cookies.
pub async fn same_origin_writes(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) || is_same_origin(req.headers()) {
        next.run(req).await
    } else {
        tracing::warn!(method = %req.method(), path = %req.uri().path(), "cross-site write refused");
        (StatusCode::FORBIDDEN, "Cross-site requests are not allowed.").into_response()
    }
}

pub fn is_same_origin(headers: &HeaderMap) -> bool {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = text("sec-fetch-site") {
        return matches!(site, "same-origin" | "none");
    }
    match (text("origin"), text("host")) {
        (None, _) => true,
        (Some(origin), Some(host)) => {
            origin.split_once("://").is_some_and(|(_, authority)| authority.eq_ignore_ascii_case(host))
        }
        (Some(_), None) => false,
    }
}

/// Staff endpoints (`/api/staff/…`, `/api/publisher/…`, `/api/admin/…`) need a live
/// session whose role is enough, checked here before the function runs: 401 without a
/// session, 403 with too small a role. A plain form post without JavaScript is sent to the
/// sign-in page instead. The functions check again themselves.
pub async fn staff_guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(needed) = app::api::required_role(req.uri().path()) else {
        return next.run(req).await;
    };
    let member = app::ssr::auth::member_from_headers(&state, req.headers()).await;
    let error = match member {
        Ok(Some(m)) if m.role.includes(needed) => return next.run(req).await,
        Ok(Some(_)) => AppError::Forbidden,
        Ok(None) => AppError::Unauthorised,
        Err(e) => e,
    };
    let accepts_html =
        req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"));
    if accepts_html && error == AppError::Unauthorised {
        let locale = req
            .headers()
            .get(header::REFERER)
            .and_then(|v| v.to_str().ok())
            .and_then(app::domain::locale::locale_of_url)
            .unwrap_or(app::i18n::Locale::en);
        let to = format!("/{}/staff/sign-in", app::domain::locale::code_of(locale));
        return (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response();
    }
    error_response(&error)
}

/// An error as JSON with its own status, for the routes outside server functions.
pub fn error_response(error: &AppError) -> Response {
    let body = serde_json::to_string(error).unwrap_or_default();
    with_status(error, (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// An error's own status with no body (and `Retry-After` when the service is unavailable).
pub fn status_only(error: &AppError) -> Response {
    with_status(error, ().into_response())
}

/// `res` with the error's status, and `Retry-After` when the service is unavailable.
pub fn with_status(error: &AppError, mut res: Response) -> Response {
    *res.status_mut() = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if *error == AppError::Unavailable {
        res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static(app::error::RETRY_AFTER_SECONDS));
    }
    res
}

/// Server functions answer every error with status 500; this gives each `AppError` its own
/// status (422 for invalid input, 404, 403, …), so clients and logs see what happened.
pub async fn server_fn_status(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR || !res.headers().contains_key("serverfnerror") {
        return res;
    }
    let (parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response();
    };
    let error = serde_json::from_slice::<AppError>(&bytes);
    let res = Response::from_parts(parts, Body::from(bytes));
    match error {
        Ok(error) => with_status(&error, res),
        Err(_) => res,
    }
}

/// Compares a secret given by a client with the expected one, in time that does not depend
/// on where they differ.
pub fn same_secret(given: &str, expected: &str) -> bool {
    let (a, b) = (given.as_bytes(), expected.as_bytes());
    let mut diff = a.len() ^ b.len();
    for (i, byte) in b.iter().enumerate() {
        diff |= usize::from(a.get(i).copied().unwrap_or(0) ^ byte);
    }
    diff == 0
}

#[cfg(test)]
mod tests {
    use super::is_same_origin;
    use http::HeaderMap;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs.iter().map(|(k, v)| (k.parse().unwrap(), v.parse().unwrap())).collect()
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        assert!(is_same_origin(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(is_same_origin(&headers(&[("sec-fetch-site", "none")])));
        assert!(!is_same_origin(&headers(&[("sec-fetch-site", "cross-site"), ("origin", "http://a"), ("host", "a")])));
        assert!(!is_same_origin(&headers(&[("sec-fetch-site", "same-site")])));
    }

    #[test]
    fn origin_must_match_host_without_fetch_metadata() {
        assert!(is_same_origin(&headers(&[("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")])));
        assert!(!is_same_origin(&headers(&[("origin", "https://evil.example"), ("host", "127.0.0.1:3000")])));
        assert!(!is_same_origin(&headers(&[("origin", "null"), ("host", "127.0.0.1:3000")])));
        assert!(is_same_origin(&headers(&[])));
    }
}
