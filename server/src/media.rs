//! `/media/{key}/{name}`: stored files of published concepts (and, for signed-in staff,
//! of concepts not yet public, never cached). The key is the SHA-256 of the
//! content, so the ETag is the key and the file never changes (cached for a year). Range
//! requests are answered with 206 (or 416), so videos seek.
use app::error::AppError;
use app::ssr::AppState;
use app::ssr::db::concepts;
use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};
use tower::ServiceExt;
use tower_http::services::ServeFile;

pub async fn serve(
    State(state): State<AppState>,
    Path((key, _name)): Path<(String, String)>,
    req: Request,
) -> Response {
    let Some(path) = state.media.path_of(&key) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let file = match lookup(&state, &key, req.headers()).await {
        Ok(Some(file)) => file,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        // Logged where the database error became an `AppError`.
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let cache = if file.public { "public, max-age=31536000, immutable" } else { "private, no-store" };
    let etag = format!("\"{key}\"");
    let matches = req.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()).is_some_and(|v| {
        v.split(',').any(|t| {
            let t = t.trim();
            t == "*" || t == etag || t.strip_prefix("W/") == Some(etag.as_str())
        })
    });
    let mut res = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        match ServeFile::new(path).oneshot(req).await {
            Ok(res) => res.into_response(),
            Err(never) => match never {},
        }
    };
    let status = res.status();
    if status.is_success() || status == StatusCode::NOT_MODIFIED {
        let h = res.headers_mut();
        if let Ok(v) = HeaderValue::from_str(&etag) {
            h.insert(header::ETAG, v);
        }
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
        if status != StatusCode::NOT_MODIFIED {
            if let Ok(v) = HeaderValue::from_str(&file.content_type) {
                h.insert(header::CONTENT_TYPE, v);
            }
            if let Ok(v) = HeaderValue::from_str(&content_disposition(&file.file_name)) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
        }
    }
    res
}

struct Found {
    content_type: String,
    file_name: String,
    /// A file of a published concept; others are served to signed-in staff only.
    public: bool,
}

async fn lookup(state: &AppState, key: &str, headers: &http::HeaderMap) -> Result<Option<Found>, AppError> {
    let mut conn = state.db.pool().acquire().await?;
    if let Some(f) = concepts::public_file(&mut conn, key).await? {
        return Ok(Some(Found { content_type: f.content_type, file_name: f.file_name, public: true }));
    }
    drop(conn);
    if app::ssr::auth::member_from_headers(state, headers).await?.is_none() {
        return Ok(None);
    }
    let mut conn = state.db.pool().acquire().await?;
    let file = app::ssr::db::media::any_file(&mut conn, key).await?;
    Ok(file.map(|(content_type, file_name)| Found { content_type, file_name, public: false }))
}

/// `inline`, with an ASCII file name for old clients and the real one (RFC 6266/8187) for the rest.
fn content_disposition(name: &str) -> String {
    let encoded: String = safe_name_chars(name)
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("inline; filename=\"{}\"; filename*=UTF-8''{encoded}", safe_file_name(name))
}

/// The name without path separators, control characters or leading dots, at most 120 characters.
fn safe_name_chars(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if c.is_control() || matches!(c, '/' | '\\') { '_' } else { c }).collect();
    let trimmed = cleaned.trim_start_matches('.');
    if trimmed.is_empty() { "file".into() } else { trimmed.chars().take(120).collect() }
}

/// A file name that is safe in a header and on any file system.
fn safe_file_name(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' }).collect();
    let trimmed = cleaned.trim_start_matches('.');
    if trimmed.is_empty() { "file".into() } else { trimmed.chars().take(120).collect() }
}

#[cfg(test)]
mod tests {
    use super::{content_disposition, safe_file_name};

    #[test]
    fn file_names_cannot_break_headers_or_paths() {
        assert_eq!(safe_file_name("note.pdf"), "note.pdf");
        assert_eq!(safe_file_name("a\"; b=\r\n.pdf"), "a___b___.pdf");
        assert_eq!(safe_file_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_file_name("..."), "file");
        assert_eq!(safe_file_name("تقرير.pdf"), "_____.pdf");
    }

    #[test]
    fn content_disposition_keeps_non_ascii_names_encoded() {
        assert_eq!(
            content_disposition("تقرير.pdf"),
            "inline; filename=\"_____.pdf\"; filename*=UTF-8''%D8%AA%D9%82%D8%B1%D9%8A%D8%B1.pdf"
        );
        assert_eq!(
            content_disposition("a b\r\n/../x.pdf"),
            "inline; filename=\"a_b___.._x.pdf\"; filename*=UTF-8''a%20b___.._x.pdf"
        );
    }
}
