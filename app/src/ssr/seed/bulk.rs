//! A data generator for benchmarks: many published concepts, each in all six languages,
//! tagged across the whole taxonomy, with media records. The texts are the demo texts
//! recombined, so search meets real words in every script. Deterministic: the same count
//! gives the same data.
use crate::domain::locale::CODES;
use crate::ssr::db::concepts::{self, NewConcept, Tag, Translation};
use crate::ssr::db::media::{self as media_repo, NewMedium};
use crate::ssr::db::taxonomy;
use crate::ssr::infra::database::Db;
use crate::ssr::infra::media_store::MediaStore;
use crate::ssr::seed::error::SeedError;
use crate::ssr::seed::{demo, pdf};

/// Concepts written per transaction.
const BATCH: usize = 250;
const CONTRIBUTIONS: [&str; 3] = ["funding", "in_kind", "expertise"];
const GROUPS: [&str; 3] = ["ldc", "lldc", "sids"];

/// Adds generated concepts (slugs `generated-00001`, …) until there are `count` of them;
/// returns how many were added.
pub async fn bulk(db: &Db, media: &MediaStore, count: usize, now: i64) -> Result<usize, SeedError> {
    let sources = demo::demo_concepts()?;
    // Every language's texts, from whichever demo concepts have them.
    let pools: Vec<(&str, Vec<&demo::Text>)> =
        CODES.iter().map(|&locale| (locale, sources.iter().filter_map(|c| c.t.get(locale)).collect())).collect();
    if let Some((locale, _)) = pools.iter().find(|(_, texts)| texts.is_empty()) {
        return Err(SeedError::Data(format!("no demo text in {locale}")));
    }
    let mut conn = db.pool().acquire().await?;
    let areas = taxonomy::area_codes(&mut conn).await?;
    let regions = taxonomy::regions_by_id(&mut conn).await?;
    let countries = taxonomy::countries_by_region(&mut conn).await?;
    if areas.is_empty() || regions.is_empty() || countries.is_empty() {
        return Err(SeedError::Data("load the taxonomy first".into()));
    }
    let existing = concepts::count_with_slug_prefix(&mut conn, "generated-").await?;
    drop(conn);
    let first = usize::try_from(existing).unwrap_or(0);
    let note = media.put(&pdf::document("Concept note", &[("Summary", "A generated concept for benchmarks.")])).await?;

    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    // Draw the numbers of the concepts already there, so a second run continues the sequence.
    for _ in 0..first {
        draw(&mut rng, &areas, &regions, &countries, pools.iter().map(|(_, p)| p.len()));
    }
    let mut added = 0;
    for start in (first..count).step_by(BATCH) {
        let mut tx = db.begin_write().await?;
        let conn = tx.conn();
        for i in start..count.min(start + BATCH) {
            let d = draw(&mut rng, &areas, &regions, &countries, pools.iter().map(|(_, p)| p.len()));
            let slug = format!("generated-{:05}", i + 1);
            let published_at = now - d.days_ago * 86_400;
            let id = concepts::insert(
                conn,
                &NewConcept {
                    slug: &slug,
                    original_locale: CODES[d.original],
                    status: "published",
                    budget_usd: d.budget,
                    starts_on: None,
                    ends_on: None,
                    focal_point_name: "Focal point",
                    focal_point_email: "partnerships@example.org",
                    created_at: published_at - 86_400,
                    published_at: Some(published_at),
                },
            )
            .await?;
            for ((locale, pool), pick) in pools.iter().zip(&d.texts) {
                let t = pool[*pick];
                let title = format!("{} ({})", t.title, i + 1);
                let translation = Translation {
                    locale,
                    title: &title,
                    summary: &t.summary,
                    objectives: &t.objectives,
                    beneficiaries: &t.beneficiaries,
                    body: &t.body,
                };
                concepts::upsert_translation(conn, id, &translation, published_at).await?;
            }
            for code in &d.areas {
                concepts::add_tag(conn, id, Tag::Area, code).await?;
            }
            for code in &d.regions {
                concepts::add_tag(conn, id, Tag::Region, code).await?;
            }
            for code in &d.countries {
                concepts::add_tag(conn, id, Tag::Country, code).await?;
            }
            for code in &d.groups {
                concepts::add_tag(conn, id, Tag::Group, code).await?;
            }
            for code in &d.contributions {
                concepts::add_tag(conn, id, Tag::Contribution, code).await?;
            }
            let file_name = format!("{slug}-concept-note.pdf");
            let mut media_rows = vec![NewMedium {
                kind: "concept_note",
                locale: Some("en"),
                title: "Concept note",
                storage_key: Some(&note.key),
                content_type: Some("application/pdf"),
                byte_size: Some(note.size),
                file_name: Some(&file_name),
                external_url: None,
                position: 0,
            }];
            if d.video {
                media_rows.push(NewMedium {
                    kind: "video",
                    locale: None,
                    title: "Video",
                    storage_key: None,
                    content_type: None,
                    byte_size: None,
                    file_name: None,
                    external_url: Some("https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"),
                    position: 1,
                });
            }
            for m in &media_rows {
                media_repo::add(conn, id, m, published_at).await?;
            }
            crate::ssr::db::catalogue::reindex(conn, id).await?;
            added += 1;
        }
        crate::ssr::db::catalogue::bump_version(conn).await?;
        tx.commit().await?;
    }
    Ok(added)
}

/// What one generated concept is made of.
struct Drawn {
    original: usize,
    days_ago: i64,
    budget: Option<i64>,
    /// Index into each language's pool of texts.
    texts: Vec<usize>,
    areas: Vec<String>,
    regions: Vec<String>,
    countries: Vec<String>,
    groups: Vec<String>,
    contributions: Vec<String>,
    video: bool,
}

fn draw(
    rng: &mut Rng,
    areas: &[String],
    regions: &[(i64, String)],
    countries: &[(i64, String)],
    pool_sizes: impl Iterator<Item = usize>,
) -> Drawn {
    let texts = pool_sizes.map(|n| rng.below(n)).collect();
    let (n_areas, n_regions) = (1 + rng.below(2), 1 + rng.below(2));
    let (n_countries, n_groups, n_contributions) = (rng.below(4), usize::from(rng.below(3) == 0), 1 + rng.below(2));
    let area_picks = pick_distinct(rng, areas.len(), n_areas);
    let region_picks = pick_distinct(rng, regions.len(), n_regions);
    let chosen_regions: Vec<i64> = region_picks.iter().map(|&i| regions[i].0).collect();
    let in_regions: Vec<&String> =
        countries.iter().filter(|(region, _)| chosen_regions.contains(region)).map(|(_, code)| code).collect();
    let country_picks = pick_distinct(rng, in_regions.len(), n_countries);
    let group_picks = pick_distinct(rng, GROUPS.len(), n_groups);
    let contribution_picks = pick_distinct(rng, CONTRIBUTIONS.len(), n_contributions);
    Drawn {
        original: rng.below(CODES.len()),
        days_ago: i64::try_from(rng.below(1500)).unwrap_or(0),
        budget: (rng.below(10) > 0).then(|| i64::try_from(50_000 + rng.below(200) * 25_000).unwrap_or(0)),
        texts,
        areas: area_picks.into_iter().map(|i| areas[i].clone()).collect(),
        regions: region_picks.into_iter().map(|i| regions[i].1.clone()).collect(),
        countries: country_picks.into_iter().map(|i| in_regions[i].clone()).collect(),
        groups: group_picks.into_iter().map(|i| GROUPS[i].to_owned()).collect(),
        contributions: contribution_picks.into_iter().map(|i| CONTRIBUTIONS[i].to_owned()).collect(),
        video: rng.below(3) == 0,
    }
}

/// Up to `k` distinct indexes below `n`.
fn pick_distinct(rng: &mut Rng, n: usize, k: usize) -> Vec<usize> {
    let mut out = Vec::new();
    while out.len() < k.min(n) {
        let i = rng.below(n);
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// xorshift64*: small, fast and reproducible; not for anything secret.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        usize::try_from(x >> 33).unwrap_or(0) % n.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_are_reproducible_and_within_the_taxonomy() {
        let areas: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        let regions = vec![(1, "r1".to_owned()), (2, "r2".to_owned())];
        let countries = vec![(1, "AA".to_owned()), (1, "BB".to_owned()), (2, "CC".to_owned())];
        let run = || {
            let mut rng = Rng(7);
            (0..200).map(|_| draw(&mut rng, &areas, &regions, &countries, [2, 3].into_iter())).collect::<Vec<_>>()
        };
        let (a, b) = (run(), run());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!((&x.areas, &x.countries, x.budget), (&y.areas, &y.countries, y.budget));
        }
        for d in &a {
            assert!(!d.areas.is_empty() && d.areas.len() <= 2);
            assert!(!d.regions.is_empty() && !d.contributions.is_empty());
            assert!(d.texts[0] < 2 && d.texts[1] < 3);
            // Countries lie in the concept's regions.
            for c in &d.countries {
                let region = countries.iter().find(|(_, code)| code == c).unwrap().0;
                assert!(d.regions.contains(&format!("r{region}")));
            }
        }
        assert!(a.iter().any(|d| d.video) && a.iter().any(|d| !d.video));
        assert!(a.iter().any(|d| d.budget.is_none()));
    }
}
