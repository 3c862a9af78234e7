//! Reading published concepts.
use crate::domain::concept::{ConceptPage, Medium};
use crate::domain::locale::code_of;
use crate::domain::video::ExternalVideo;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::ssr::db::concepts::{self, Tag};
use crate::ssr::db::media::{self as media_repo, MediumRecord};
use crate::ssr::infra::database::Db;
use crate::ssr::infra::markdown::to_safe_html;

/// How many related concepts a page suggests.
pub const RELATED: i64 = 3;

/// A published concept in the reader's language (or its original); `NotFound` for a slug
/// that does not exist or is not published.
pub async fn page(db: &Db, locale: Locale, slug: &str) -> Result<ConceptPage, AppError> {
    let code = code_of(locale);
    let mut conn = db.pool().acquire().await?;
    let row = concepts::published_by_slug(&mut conn, slug).await?.ok_or(AppError::NotFound)?;
    let mut texts = concepts::texts(&mut conn, row.id).await?;
    texts.retain(concepts::TextRow::public);
    let text = texts
        .iter()
        .find(|t| t.locale == code)
        .or_else(|| texts.iter().find(|t| t.locale == row.original_locale))
        .ok_or_else(|| {
            tracing::error!(slug, "published concept without its original text");
            AppError::Internal
        })?;
    let media = media_repo::list(&mut conn, row.id).await?;
    let related_ids = concepts::related_ids(&mut conn, row.id, RELATED).await?;
    Ok(ConceptPage {
        slug: slug.to_owned(),
        served_at: crate::ssr::infra::clock::now(),
        locale: text.locale.clone(),
        original_locale: row.original_locale.clone(),
        locales: texts.iter().map(|t| t.locale.clone()).collect(),
        title: text.title.clone(),
        summary: text.summary.clone(),
        objectives: text.objectives.clone(),
        beneficiaries: text.beneficiaries.clone(),
        body_html: to_safe_html(&text.body),
        areas: concepts::tag_names(&mut conn, row.id, Tag::Area, code).await?,
        regions: concepts::tag_names(&mut conn, row.id, Tag::Region, code).await?,
        countries: concepts::tag_names(&mut conn, row.id, Tag::Country, code).await?,
        groups: concepts::tag_names(&mut conn, row.id, Tag::Group, code).await?.into_iter().map(|n| n.code).collect(),
        contributions: concepts::tag_names(&mut conn, row.id, Tag::Contribution, code)
            .await?
            .into_iter()
            .map(|n| n.code)
            .collect(),
        sdgs: concepts::tag_names(&mut conn, row.id, Tag::Sdg, code).await?.into_iter().map(|n| n.code).collect(),
        budget_usd: row.budget_usd,
        starts_on: row.starts_on,
        ends_on: row.ends_on,
        focal_point_name: row.focal_point_name,
        focal_point_email: row.focal_point_email,
        published_at: row.published_at,
        media: public_media(&media),
        related: concepts::cards(&mut conn, code, &related_ids).await?,
        partners: crate::ssr::db::agreements::public_partners_of_concept(&mut conn, row.id).await?,
    })
}

/// `/media/{key}/{file name}`: the key finds the file, the name is what browsers save it as.
pub fn media_url(key: &str, file_name: &str) -> String {
    let safe: String = file_name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '-' })
        .collect();
    format!("/media/{key}/{safe}")
}

/// The media a reader sees: documents and videos, each video with its poster and captions.
fn public_media(rows: &[MediumRecord]) -> Vec<Medium> {
    let url = |r: &MediumRecord| Some(media_url(r.storage_key.as_deref()?, r.file_name.as_deref()?));
    let poster = rows.iter().find(|r| r.kind == "poster").and_then(url);
    let captions: Vec<(String, String)> =
        rows.iter().filter(|r| r.kind == "captions").filter_map(|r| Some((r.locale.clone()?, url(r)?))).collect();
    rows.iter()
        .filter(|r| matches!(r.kind.as_str(), "concept_note" | "slides" | "video" | "brochure"))
        .filter_map(|r| {
            let external = r.external_url.as_deref().and_then(ExternalVideo::parse);
            let stored = url(r);
            if external.is_none() && stored.is_none() {
                return None;
            }
            let is_stored_video = r.kind == "video" && stored.is_some();
            Some(Medium {
                kind: r.kind.clone(),
                title: r.title.clone(),
                locale: r.locale.clone(),
                url: stored,
                content_type: r.content_type.clone(),
                byte_size: r.byte_size,
                external,
                poster_url: if is_stored_video { poster.clone() } else { None },
                captions: if is_stored_video { captions.clone() } else { Vec::new() },
            })
        })
        .collect()
}
