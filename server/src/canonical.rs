//! One address per page: a page asked for with a trailing slash (`/en/`, `/ar/concepts/`)
//! is sent (308) to the address without it, its query kept, so links, bookmarks and search
//! engines meet one address and never a 404 that shows the page.
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, Method, StatusCode, header};

pub async fn trailing_slash(req: Request, next: Next) -> Response {
    match canonical(req.method(), req.uri()) {
        Some(location) => match HeaderValue::from_str(&location) {
            Ok(v) => (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, v)]).into_response(),
            Err(_) => next.run(req).await,
        },
        None => next.run(req).await,
    }
}

/// Where a page request with a trailing slash belongs; `None` for everything else (other
/// methods, the root, server functions, build files and media).
fn canonical(method: &Method, uri: &http::Uri) -> Option<String> {
    let path = uri.path();
    let page = matches!(*method, Method::GET | Method::HEAD)
        && path.len() > 1
        && path.ends_with('/')
        && !["/api/", "/pkg/", "/media/"].iter().any(|p| path.starts_with(p));
    if !page {
        return None;
    }
    // Exactly one leading slash: `//other.example/` must not become an address on another site.
    let target = format!("/{}", path.trim_matches('/'));
    Some(match uri.query() {
        Some(q) => format!("{target}?{q}"),
        None => target,
    })
}

#[cfg(test)]
mod tests {
    use super::canonical;
    use http::Method;

    fn at(uri: &str) -> Option<String> {
        canonical(&Method::GET, &uri.parse().unwrap())
    }

    #[test]
    fn pages_with_a_trailing_slash_have_one_address() {
        assert_eq!(at("/en/").as_deref(), Some("/en"));
        assert_eq!(
            at("/ar/concepts/?area=infrastructure&page=2").as_deref(),
            Some("/ar/concepts?area=infrastructure&page=2")
        );
        assert_eq!(at("/en/concepts/some-slug//").as_deref(), Some("/en/concepts/some-slug"));
        assert_eq!(at("//evil.example/").as_deref(), Some("/evil.example"), "never another site");
        assert_eq!(at("/"), None);
        assert_eq!(at("/en/concepts"), None);
        assert_eq!(at("/api/staff/x/"), None);
        assert_eq!(canonical(&Method::POST, &"/en/subscribe/".parse().unwrap()), None);
    }
}
