//! `POST /api/staff/concepts/{id}/media`: a file upload, streamed to the media store (and
//! `POST /api/staff/agreements/{id}/documents`, an agreement's document, checked the same way).
//!
//! The form (multipart) sends `kind`, `title`, `locale`, optionally `replace` (a medium to
//! put the file in place of) and `lang` (the page's language), then `file`. The size limit
//! of the kind is enforced while the file streams, and tightened to its type's limit as soon
//! as the first bytes tell the type; a file whose first bytes match no accepted type is
//! refused before the rest is read. Nothing is kept of a refused file.
//!
//! Browsers that run the editor's script ask for JSON (`Accept: application/json`) and show
//! progress; a plain form post gets a redirect back to the editor, with the error if any.
use app::domain::agreement::DocumentKind;
use app::domain::locale;
use app::domain::media::{self, FileType, HEAD_LEN, MediaKind, Refusal};
use app::domain::staff::{Role, StaffMember};
use app::error::{AppError, FieldCode};
use app::ssr::AppState;
use app::ssr::infra::media_store::StoredBlob;
use app::ssr::services::agreement_documents::{attach, parse_title};
use app::ssr::services::media::{CheckedFile, MediumMeta, attach_file};
use axum::extract::multipart::{Field, MultipartRejection};
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode, header};

/// Longest text field (title, kind, …) in bytes.
const TEXT_FIELD_MAX: usize = 4096;

pub async fn upload(
    State(state): State<AppState>,
    Path(concept_id): Path<i64>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let mut lang = "en".to_owned();
    let result = match multipart {
        Ok(multipart) => receive(&state, concept_id, &headers, multipart, &mut lang).await,
        Err(_) => Err(AppError::invalid("request", FieldCode::Malformed)),
    };
    answer(result, &headers, &lang, &format!("staff/concepts/{concept_id}"), "media")
}

/// The answer to an upload: JSON for the page's script (`Accept: application/json`);
/// otherwise a redirect back to `/{lang}/{page}`, at `#{anchor}` with `?{anchor}=saved` or
/// `?{anchor}_error=code` (or to sign in).
fn answer(result: Result<i64, AppError>, headers: &HeaderMap, lang: &str, page: &str, anchor: &str) -> Response {
    let json =
        headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("application/json"));
    let back = format!("/{lang}/{page}");
    match (result, json) {
        (Ok(id), true) => (StatusCode::CREATED, axum::Json(serde_json::json!({ "id": id }))).into_response(),
        (Ok(_), false) => redirect(&format!("{back}?{anchor}=saved#{anchor}")),
        (Err(error), true) => (status_of(&error), axum::Json(error)).into_response(),
        (Err(AppError::Unauthorised), false) => redirect(&format!("/{lang}/staff/sign-in")),
        (Err(error), false) => redirect(&format!("{back}?{anchor}_error={}#{anchor}", error_code(&error))),
    }
}

async fn receive(
    state: &AppState,
    concept_id: i64,
    headers: &HeaderMap,
    mut multipart: Multipart,
    lang: &mut String,
) -> Result<i64, AppError> {
    let member = staff_member(state, headers).await?;
    let (mut kind, mut title, mut locale, mut replace) = (None, String::new(), String::new(), None);
    while let Some(field) = multipart.next_field().await.map_err(multipart_error)? {
        match field.name().unwrap_or("") {
            "kind" => {
                kind =
                    Some(MediaKind::parse(&text(field).await?).ok_or(AppError::invalid("kind", FieldCode::Required))?)
            }
            "title" => title = text(field).await?,
            "locale" => locale = text(field).await?,
            "lang" => {
                if let Some(l) = locale::parse(&text(field).await?) {
                    *lang = locale::code_of(l).to_owned();
                }
            }
            "replace" => {
                replace = match text(field).await?.trim() {
                    "" => None,
                    id => Some(id.parse::<i64>().map_err(|_| AppError::invalid("replace", FieldCode::Invalid))?),
                }
            }
            "file" => {
                let kind = kind.ok_or(AppError::invalid("kind", FieldCode::Required))?;
                let file_name = media::clean_file_name(field.file_name().unwrap_or(""));
                // An empty title takes the file's name.
                let meta = if title.trim().is_empty() {
                    MediumMeta::parse(&file_name, &locale)?
                } else {
                    MediumMeta::parse(&title, &locale)?
                };
                return store(state, &member, concept_id, kind, &meta, field, &file_name, replace).await;
            }
            _ => drop(text(field).await?),
        }
    }
    Err(AppError::invalid("file", FieldCode::Required))
}

#[allow(clippy::too_many_arguments)]
async fn store(
    state: &AppState,
    member: &StaffMember,
    concept_id: i64,
    kind: MediaKind,
    meta: &MediumMeta,
    field: Field<'_>,
    file_name: &str,
    replace: Option<i64>,
) -> Result<i64, AppError> {
    let (blob, file_type) = checked(state, kind, field, file_name).await?;
    let file = CheckedFile { blob: &blob, file_type, file_name };
    attach_file(&state.db, member, concept_id, kind, meta, &file, replace).await
}

/// Streams a file into the media store while checking it: its size against the kind's
/// limit, tightened to its type's once the first bytes tell the type; its type against the
/// kind and its name. Nothing is kept of a refused file.
async fn checked(
    state: &AppState,
    kind: MediaKind,
    mut field: Field<'_>,
    file_name: &str,
) -> Result<(StoredBlob, FileType), AppError> {
    let limits = state.config.upload_limits;
    let mut limit = limits.for_kind(kind);
    let mut upload = state.media.begin().await.map_err(io_error)?;
    let mut typed = false;
    while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
        if upload.size() + chunk.len() as u64 > limit {
            return Err(refused(Refusal::TooLarge));
        }
        upload.write(&chunk).await.map_err(io_error)?;
        if !typed && upload.head().len() >= HEAD_LEN {
            typed = true;
            match media::sniff(upload.head(), &[]) {
                Some(found) => limit = limit.min(limits.of(found.size_class())),
                // Slides in a ZIP are only told apart at the end; anything else is refused now.
                None if upload.head().starts_with(b"PK\x03\x04") => {}
                None => return Err(refused(Refusal::Unknown)),
            }
            if upload.size() > limit {
                return Err(refused(Refusal::TooLarge));
            }
        }
    }
    if upload.size() == 0 {
        return Err(refused(Refusal::Empty));
    }
    let file_type = media::check(kind, media::sniff(upload.head(), upload.tail()), file_name).map_err(refused)?;
    if upload.size() > limits.of(file_type.size_class()) {
        return Err(refused(Refusal::TooLarge));
    }
    Ok((upload.finish().await.map_err(io_error)?, file_type))
}

/// `POST /api/staff/agreements/{id}/documents`: a document of an agreement (a PDF: the
/// signed text, an annex), sent as `kind`, `title`, `lang`, then `file`; answered with a
/// redirect back to the agreement (JSON for scripts).
pub async fn upload_document(
    State(state): State<AppState>,
    Path(agreement_id): Path<i64>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let mut lang = "en".to_owned();
    let result = match multipart {
        Ok(multipart) => receive_document(&state, agreement_id, &headers, multipart, &mut lang).await,
        Err(_) => Err(AppError::invalid("request", FieldCode::Malformed)),
    };
    answer(result, &headers, &lang, &format!("staff/agreements/{agreement_id}"), "documents")
}

async fn receive_document(
    state: &AppState,
    agreement_id: i64,
    headers: &HeaderMap,
    mut multipart: Multipart,
    lang: &mut String,
) -> Result<i64, AppError> {
    let member = staff_member(state, headers).await?;
    let (mut kind, mut title) = (DocumentKind::Signed, String::new());
    while let Some(field) = multipart.next_field().await.map_err(multipart_error)? {
        match field.name().unwrap_or("") {
            "kind" => {
                kind = DocumentKind::parse(text(field).await?.trim())
                    .ok_or(AppError::invalid("kind", FieldCode::Unknown))?
            }
            "title" => title = text(field).await?,
            "lang" => {
                if let Some(l) = locale::parse(&text(field).await?) {
                    *lang = locale::code_of(l).to_owned();
                }
            }
            "file" => {
                let file_name = media::clean_file_name(field.file_name().unwrap_or(""));
                let title = parse_title(if title.trim().is_empty() { &file_name } else { &title })?;
                // Documents are PDFs, under the documents' size limit.
                let (blob, file_type) = checked(state, MediaKind::ConceptNote, field, &file_name).await?;
                let file = CheckedFile { blob: &blob, file_type, file_name: &file_name };
                return attach(&state.db, &member, agreement_id, kind, &title, &file).await;
            }
            _ => drop(text(field).await?),
        }
    }
    Err(AppError::invalid("file", FieldCode::Required))
}

/// The signed-in editor (or more) sending the request.
pub(crate) async fn staff_member(state: &AppState, headers: &HeaderMap) -> Result<StaffMember, AppError> {
    app::ssr::auth::allowed(app::ssr::auth::member_from_headers(state, headers).await?, Role::Editor)
}

/// A short text field, at most `TEXT_FIELD_MAX` bytes.
async fn text(mut field: Field<'_>) -> Result<String, AppError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
        if bytes.len() + chunk.len() > TEXT_FIELD_MAX {
            return Err(AppError::invalid(field.name().unwrap_or("field"), FieldCode::TooLong));
        }
        bytes.extend_from_slice(&chunk);
    }
    String::from_utf8(bytes).map_err(|_| AppError::invalid("request", FieldCode::Malformed))
}

fn refused(refusal: Refusal) -> AppError {
    AppError::invalid("file", refusal.code())
}

fn multipart_error(error: axum::extract::multipart::MultipartError) -> AppError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        refused(Refusal::TooLarge)
    } else {
        tracing::info!(%error, "unreadable upload");
        AppError::invalid("request", FieldCode::Malformed)
    }
}

fn io_error(error: std::io::Error) -> AppError {
    tracing::error!(%error, "media store write failed");
    AppError::Internal
}

/// 413 for a file over its limit; otherwise the error's own status.
fn status_of(error: &AppError) -> StatusCode {
    let too_large = matches!(error, AppError::Validation(f) if f.iter().any(|f| f.code == "too_large"));
    if too_large {
        StatusCode::PAYLOAD_TOO_LARGE
    } else {
        StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

/// The code the editor translates after a plain form post.
fn error_code(error: &AppError) -> String {
    match error {
        AppError::Validation(fields) => {
            fields.first().map_or_else(|| FieldCode::Invalid.as_str().to_owned(), |f| f.code.as_str().to_owned())
        }
        AppError::NotFound => "not_found".into(),
        AppError::Forbidden => "forbidden".into(),
        _ => "failed".into(),
    }
}

fn redirect(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_owned())]).into_response()
}
