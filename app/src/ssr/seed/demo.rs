//! Demo concepts for a new database: realistic content in several languages, with a PDF
//! concept note, PDF slides, and a video (an uploaded file or an external link).
use crate::ssr::db::concepts::{self, NewConcept, Tag, Translation};
use crate::ssr::db::media::{self as media_repo, NewMedium};
use crate::ssr::infra::database::Db;
use crate::ssr::infra::media_store::MediaStore;
use crate::ssr::seed::error::SeedError;
use crate::ssr::seed::pdf;
use serde::Deserialize;
use std::collections::BTreeMap;

pub const DEMO_CONCEPTS: &str = include_str!("../../../seed/concepts.json");
const VIDEO: &[u8] = include_bytes!("../../../seed/media/demo-video.webm");
const POSTER: &[u8] = include_bytes!("../../../seed/media/demo-poster.jpg");
const CAPTIONS_EN: &[u8] = include_bytes!("../../../seed/media/demo-captions.en.vtt");

#[derive(Deserialize)]
pub(super) struct DemoConcept {
    slug: String,
    original: String,
    #[serde(default = "published")]
    status: String,
    days_ago: i64,
    areas: Vec<String>,
    regions: Vec<String>,
    #[serde(default)]
    countries: Vec<String>,
    #[serde(default)]
    groups: Vec<String>,
    contributions: Vec<String>,
    #[serde(default)]
    sdgs: Vec<i64>,
    budget: Option<i64>,
    starts: Option<String>,
    ends: Option<String>,
    focal: (String, String),
    /// Language of the PDF concept note and slides (Latin script).
    note: String,
    /// `"file"` for the demo video file, a URL for an external video, or absent.
    video: Option<String>,
    pub(super) t: BTreeMap<String, Text>,
}

fn published() -> String {
    "published".into()
}

#[derive(Deserialize)]
pub(super) struct Text {
    pub(super) title: String,
    pub(super) summary: String,
    pub(super) objectives: String,
    pub(super) beneficiaries: String,
    pub(super) body: String,
}

/// The demo concepts, as written in `seed/concepts.json`.
pub(super) fn demo_concepts() -> Result<Vec<DemoConcept>, SeedError> {
    serde_json::from_str(DEMO_CONCEPTS).map_err(|e| SeedError::Data(e.to_string()))
}

/// Seeds the demo concepts into a database that has none (a marker in `app_meta`
/// remembers it was done), or again when `force` is set; concepts whose slug exists are left alone. Returns how many
/// concepts were added.
pub async fn demo(db: &Db, media: &MediaStore, force: bool, now: i64) -> Result<usize, SeedError> {
    let marker = crate::ssr::db::app_meta::get(&mut *db.pool().acquire().await?, "demo_seeded").await?;
    // Never into a database that has concepts of its own, unless asked.
    if !force && (marker.is_some() || crate::ssr::db::concepts::count_all(db.pool()).await? > 0) {
        return Ok(0);
    }
    let demo = demo_concepts()?;
    let video = media.put(VIDEO).await?;
    let poster = media.put(POSTER).await?;
    let captions = media.put(CAPTIONS_EN).await?;

    // Files first (content-addressed, so a retry stores nothing twice), then one transaction.
    let mut files = Vec::new();
    for c in &demo {
        let text =
            c.t.get(&c.note).ok_or_else(|| SeedError::Data(format!("{}: no {} text for the note", c.slug, c.note)))?;
        let note = pdf::document(
            &text.title,
            &[
                (heading(&c.note, 0), &text.summary),
                (heading(&c.note, 1), &text.objectives),
                (heading(&c.note, 2), &text.beneficiaries),
                (heading(&c.note, 3), &text.body),
            ],
        );
        let deck = pdf::slides(&[
            pdf::Page { heading: text.title.clone(), lines: pdf::wrap(&text.summary, 60) },
            pdf::Page { heading: heading(&c.note, 1).into(), lines: pdf::wrap(&text.objectives, 60) },
            pdf::Page { heading: heading(&c.note, 2).into(), lines: pdf::wrap(&text.beneficiaries, 60) },
        ]);
        files.push((media.put(&note).await?, media.put(&deck).await?));
    }

    let mut tx = db.begin_write().await?;
    let conn = tx.conn();
    let mut added = 0;
    for (c, (note, deck)) in demo.iter().zip(files) {
        if crate::ssr::db::editor::slug_taken(&mut *conn, &c.slug).await? {
            continue;
        }
        let published_at = now - c.days_ago * 86_400;
        let id = concepts::insert(
            conn,
            &NewConcept {
                slug: &c.slug,
                original_locale: &c.original,
                status: &c.status,
                budget_usd: c.budget,
                starts_on: c.starts.as_deref(),
                ends_on: c.ends.as_deref(),
                focal_point_name: &c.focal.0,
                focal_point_email: &c.focal.1,
                created_at: published_at - 30 * 86_400,
                published_at: matches!(c.status.as_str(), "published" | "closed" | "archived").then_some(published_at),
            },
        )
        .await?;
        for (locale, t) in &c.t {
            let translation = Translation {
                locale,
                title: &t.title,
                summary: &t.summary,
                objectives: &t.objectives,
                beneficiaries: &t.beneficiaries,
                body: &t.body,
            };
            concepts::upsert_translation(conn, id, &translation, published_at).await?;
        }
        let tags = [
            (Tag::Area, &c.areas),
            (Tag::Region, &c.regions),
            (Tag::Country, &c.countries),
            (Tag::Group, &c.groups),
            (Tag::Contribution, &c.contributions),
        ];
        for (tag, codes) in tags {
            for code in codes {
                concepts::add_tag(conn, id, tag, code)
                    .await
                    .map_err(|e| SeedError::Data(format!("{}: {tag:?} {code}: {e}", c.slug)))?;
            }
        }
        for sdg in &c.sdgs {
            concepts::add_sdg(conn, id, *sdg).await?;
        }
        let note_title = format!("{} — {}", heading(&c.note, 4), c.t[&c.note].title);
        let mut media_rows = vec![
            stored(
                "concept_note",
                Some(&c.note),
                &note_title,
                &note,
                "application/pdf",
                &format!("{}-concept-note.pdf", c.slug),
            ),
            stored(
                "slides",
                Some(&c.note),
                heading(&c.note, 5),
                &deck,
                "application/pdf",
                &format!("{}-slides.pdf", c.slug),
            ),
        ];
        match c.video.as_deref() {
            Some("file") => {
                media_rows.push(stored(
                    "video",
                    None,
                    heading(&c.note, 6),
                    &video,
                    "video/webm",
                    &format!("{}.webm", c.slug),
                ));
                media_rows.push(stored(
                    "poster",
                    None,
                    heading(&c.note, 6),
                    &poster,
                    "image/jpeg",
                    &format!("{}.jpg", c.slug),
                ));
                media_rows.push(stored(
                    "captions",
                    Some("en"),
                    "English",
                    &captions,
                    "text/vtt",
                    &format!("{}.en.vtt", c.slug),
                ));
            }
            Some(url) => media_rows.push(OwnedMedium {
                kind: "video",
                locale: None,
                title: heading(&c.note, 6).into(),
                storage: None,
                external_url: Some(url.into()),
            }),
            None => {}
        }
        for (position, m) in (0..).zip(&media_rows) {
            media_repo::add(conn, id, &m.as_new(position), published_at).await?;
        }
        crate::ssr::db::catalogue::reindex(conn, id).await?;
        added += 1;
    }
    crate::ssr::db::catalogue::bump_version(conn).await?;
    crate::ssr::db::app_meta::set(&mut *conn, "demo_seeded", &now.to_string()).await?;
    tx.commit().await?;
    Ok(added)
}

struct OwnedMedium {
    kind: &'static str,
    locale: Option<String>,
    title: String,
    /// Key, size, content type, file name.
    storage: Option<(String, i64, &'static str, String)>,
    external_url: Option<String>,
}

impl OwnedMedium {
    fn as_new(&self, position: i64) -> NewMedium<'_> {
        NewMedium {
            kind: self.kind,
            locale: self.locale.as_deref(),
            title: &self.title,
            storage_key: self.storage.as_ref().map(|s| s.0.as_str()),
            byte_size: self.storage.as_ref().map(|s| s.1),
            content_type: self.storage.as_ref().map(|s| s.2),
            file_name: self.storage.as_ref().map(|s| s.3.as_str()),
            external_url: self.external_url.as_deref(),
            position,
        }
    }
}

fn stored(
    kind: &'static str,
    locale: Option<&str>,
    title: &str,
    blob: &crate::ssr::infra::media_store::StoredBlob,
    content_type: &'static str,
    file_name: &str,
) -> OwnedMedium {
    OwnedMedium {
        kind,
        locale: locale.map(Into::into),
        title: title.into(),
        storage: Some((blob.key.clone(), blob.size, content_type, file_name.into())),
        external_url: None,
    }
}

/// Headings of the demo documents in the languages they are written in.
fn heading(locale: &str, i: usize) -> &'static str {
    const EN: [&str; 7] = ["Summary", "Objectives", "Beneficiaries", "The concept", "Concept note", "Slides", "Video"];
    const FR: [&str; 7] =
        ["Résumé", "Objectifs", "Bénéficiaires", "Le concept", "Note conceptuelle", "Présentation", "Vidéo"];
    const ES: [&str; 7] =
        ["Resumen", "Objetivos", "Beneficiarios", "El concepto", "Nota conceptual", "Diapositivas", "Vídeo"];
    match locale {
        "fr" => FR[i],
        "es" => ES[i],
        _ => EN[i],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_data_is_complete_and_varied() {
        let demo: Vec<DemoConcept> = serde_json::from_str(DEMO_CONCEPTS).unwrap();
        assert!(demo.len() >= 24, "{} demo concepts", demo.len());
        for c in &demo {
            assert!(c.t.contains_key(&c.original), "{}: no text in its original language", c.slug);
            assert!(["en", "fr", "es"].contains(&c.note.as_str()) && c.t.contains_key(&c.note), "{}", c.slug);
            assert!(!c.areas.is_empty() && !c.regions.is_empty() && !c.contributions.is_empty(), "{}", c.slug);
        }
        let originals: std::collections::BTreeSet<_> = demo.iter().map(|c| c.original.as_str()).collect();
        assert_eq!(originals.len(), 6, "every language is an original language somewhere: {originals:?}");
        assert!(demo.iter().any(|c| c.video.as_deref() == Some("file")));
        assert!(demo.iter().any(|c| { c.video.as_deref().is_some_and(|v| v.starts_with("https://")) }));
    }
}
