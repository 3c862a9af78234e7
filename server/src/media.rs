//! `/media/{key}/{name}`: stored files of published concepts and public documents of public
//! agreements (and, for signed-in staff, every file, never cached). The key is the SHA-256 of the
//! content, so the ETag is the key and the file never changes (cached for a year). Range
//! requests are answered with 206 (or 416), so videos seek; the bytes stream from the media
//! store, a local folder or object storage alike.
use app::error::AppError;
use app::ssr::AppState;
use app::ssr::db::agreement_documents;
use app::ssr::db::concepts::{self, ServedFile};
use app::ssr::infra::media_store::MediaStore;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use std::ops::Range;

pub async fn serve(
    State(state): State<AppState>,
    Path((key, _name)): Path<(String, String)>,
    req: Request,
) -> Response {
    if !MediaStore::is_key(&key) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let (file, public) = match lookup(&state, &key, req.headers()).await {
        Ok(Some(found)) => found,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        // Logged where the database error became an `AppError`.
        Err(error) => return crate::security::status_only(&error),
    };
    let etag = format!("\"{key}\"");
    let cache = if public { "public, max-age=31536000, immutable" } else { "private, no-store" };
    let mut common = HeaderMap::new();
    common.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        common.insert(header::ETAG, v);
    }
    let headers = req.headers();
    if etag_in(headers.get(header::IF_NONE_MATCH), &etag, true) {
        return (StatusCode::NOT_MODIFIED, common).into_response();
    }
    let size = match file.byte_size.and_then(|n| u64::try_from(n).ok()) {
        Some(size) => size,
        None => match state.media.size(&key).await {
            Ok(Some(size)) => size,
            Ok(None) => return missing(&key),
            Err(error) => return unavailable(&key, &error),
        },
    };
    // A range only holds for the version the client has (RFC 9110 §13.1.5); ours never change.
    let range_header = headers.get(header::RANGE).and_then(|v| v.to_str().ok());
    let if_range_ok = headers.get(header::IF_RANGE).is_none_or(|v| etag_in(Some(v), &etag, false));
    let (status, range) = match wanted(range_header.filter(|_| if_range_ok), size) {
        Wanted::Whole => (StatusCode::OK, 0..size),
        Wanted::Part(range) => (StatusCode::PARTIAL_CONTENT, range),
        Wanted::Unsatisfiable => {
            let mut res = (StatusCode::RANGE_NOT_SATISFIABLE, common).into_response();
            if let Ok(v) = HeaderValue::from_str(&format!("bytes */{size}")) {
                res.headers_mut().insert(header::CONTENT_RANGE, v);
            }
            return res;
        }
    };
    let body = if req.method() == Method::HEAD || range.is_empty() {
        Body::empty()
    } else {
        match state.media.read(&key, Some(range.clone())).await {
            Ok(Some(reading)) => Body::from_stream(reading.body),
            Ok(None) => return missing(&key),
            Err(error) => return unavailable(&key, &error),
        }
    };
    let mut res = (status, common, body).into_response();
    let h = res.headers_mut();
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(range.end - range.start));
    if status == StatusCode::PARTIAL_CONTENT
        && let Ok(v) = HeaderValue::from_str(&format!("bytes {}-{}/{size}", range.start, range.end - 1))
    {
        h.insert(header::CONTENT_RANGE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&file.content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&content_disposition(&file.file_name)) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// The file, and whether it belongs to a published concept; files of others are served to
/// signed-in staff only.
async fn lookup(state: &AppState, key: &str, headers: &HeaderMap) -> Result<Option<(ServedFile, bool)>, AppError> {
    let mut conn = state.db.pool().acquire().await?;
    if let Some(file) = concepts::public_file(&mut conn, key).await? {
        return Ok(Some((file, true)));
    }
    // A public document of a public agreement may turn staff-only again: never cached for long.
    if let Some(file) = agreement_documents::public_file(&mut conn, key).await? {
        return Ok(Some((file, false)));
    }
    drop(conn);
    if app::ssr::auth::member_from_headers(state, headers).await?.is_none() {
        return Ok(None);
    }
    let mut conn = state.db.pool().acquire().await?;
    let file = match app::ssr::db::media::any_file(&mut conn, key).await? {
        Some(file) => Some(file),
        None => agreement_documents::any_file(&mut conn, key).await?,
    };
    Ok(file.map(|file| (file, false)))
}

/// A file the database knows but the store has lost: said loudly, answered as not found.
fn missing(key: &str) -> Response {
    tracing::error!(key, "a stored file is missing from the media store");
    StatusCode::NOT_FOUND.into_response()
}

/// The media store did not answer (object storage down): the client may try again soon.
fn unavailable(key: &str, error: &std::io::Error) -> Response {
    tracing::error!(key, %error, "the media store failed to read a file");
    crate::security::status_only(&AppError::Unavailable)
}

/// Whether an `If-None-Match` (`weak`: W/ tags match too) or `If-Range` header names `etag`.
fn etag_in(value: Option<&HeaderValue>, etag: &str, weak: bool) -> bool {
    let Some(value) = value.and_then(|v| v.to_str().ok()) else { return false };
    value
        .split(',')
        .map(str::trim)
        .any(|tag| (weak && tag == "*") || tag == etag || (weak && tag.strip_prefix("W/") == Some(etag)))
}

/// What a `Range` header asks of a file of `size` bytes.
#[derive(Debug, PartialEq, Eq)]
enum Wanted {
    Whole,
    Part(Range<u64>),
    Unsatisfiable,
}

/// One range of bytes (RFC 9110 §14.1.2): `a-b`, `a-` or the last `-n`. Several ranges, or a
/// header that cannot be read, are ignored and the whole file is sent, as the RFC allows.
fn wanted(range: Option<&str>, size: u64) -> Wanted {
    let Some(spec) = range.and_then(|r| r.trim().strip_prefix("bytes=")) else { return Wanted::Whole };
    let Some((first, last)) = spec.split_once('-') else { return Wanted::Whole };
    let number = |v: &str| {
        let v = v.trim();
        if v.bytes().all(|b| b.is_ascii_digit()) { v.parse::<u64>().ok() } else { None }
    };
    if spec.contains(',') {
        return Wanted::Whole;
    }
    if first.trim().is_empty() {
        return match number(last) {
            None => Wanted::Whole,
            Some(0) => Wanted::Unsatisfiable,
            Some(_) if size == 0 => Wanted::Unsatisfiable,
            Some(n) => Wanted::Part(size.saturating_sub(n)..size),
        };
    }
    let Some(start) = number(first) else { return Wanted::Whole };
    let end = if last.trim().is_empty() {
        size
    } else {
        match number(last) {
            Some(last) if last >= start => last.saturating_add(1).min(size),
            _ => return Wanted::Whole,
        }
    };
    if start >= size { Wanted::Unsatisfiable } else { Wanted::Part(start..end) }
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
    use super::{Wanted, content_disposition, etag_in, safe_file_name, wanted};
    use http::HeaderValue;

    #[test]
    fn one_range_is_served_and_anything_else_gets_the_whole_file() {
        let part = |r: std::ops::Range<u64>| Wanted::Part(r);
        assert_eq!(wanted(Some("bytes=0-99"), 1000), part(0..100));
        assert_eq!(wanted(Some("bytes=990-2000"), 1000), part(990..1000), "clamped to the end");
        assert_eq!(wanted(Some("bytes=500-"), 1000), part(500..1000));
        assert_eq!(wanted(Some("bytes=-100"), 1000), part(900..1000));
        assert_eq!(wanted(Some("bytes=-5000"), 1000), part(0..1000), "a suffix longer than the file");
        assert_eq!(wanted(Some("bytes=999-999"), 1000), part(999..1000));
        assert_eq!(wanted(Some("bytes=1000-"), 1000), Wanted::Unsatisfiable);
        assert_eq!(wanted(Some("bytes=-0"), 1000), Wanted::Unsatisfiable);
        for ignored in [
            None,
            Some("bytes=0-1,5-6"),
            Some("bytes=5-3"),
            Some("items=0-1"),
            Some("bytes=a-b"),
            Some("bytes=+1-2"),
            Some("bytes=0"),
        ] {
            assert_eq!(wanted(ignored, 1000), Wanted::Whole, "{ignored:?}");
        }
    }

    #[test]
    fn entity_tags_compare_weakly_for_caches_and_strongly_for_ranges() {
        let etag = "\"abc\"";
        let h = HeaderValue::from_static;
        assert!(etag_in(Some(&h("\"x\", \"abc\"")), etag, true));
        assert!(etag_in(Some(&h("W/\"abc\"")), etag, true));
        assert!(etag_in(Some(&h("*")), etag, true));
        assert!(!etag_in(Some(&h("W/\"abc\"")), etag, false), "If-Range wants a strong match");
        assert!(!etag_in(Some(&h("Tue, 01 Dec 2026 10:00:00 GMT")), etag, false));
        assert!(!etag_in(None, etag, true));
    }

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
