//! Suggested funders for a concept: the funders' profiles, their agreements with the agency
//! and their relationship with it, scored by `domain::funder_fit`; staff mark one "not a fit"
//! with a reason (audited on the concept) and it leaves the list.
use crate::domain::agreement::AgreementKind;
use crate::domain::agreement::Place;
use crate::domain::catalogue::FacetKind;
use crate::domain::concept::Named;
use crate::domain::funder::{
    Completeness, FunderCard, FunderDirectory, FunderFacts, FunderForm, FunderProfile, FunderQuery, Mechanism,
    ObservedProfile, Relationship, drift,
};
use crate::domain::funder_fit::{
    self, Exclusion, Factor, FunderSuggestions, NotAFit, REASON_MAX, Weights, WeightsForm,
};
use crate::domain::locale;
use crate::domain::names::code_label;
use crate::domain::organisation::OrganisationKind;
use crate::domain::staff::StaffMember;
use crate::domain::subscription::clean_name;
use crate::error::{AppError, FieldCode, FieldError};
use crate::i18n::Locale;
use crate::ssr::db::audit::{self, Subject};
use crate::ssr::db::{app_meta, funders as repo};
use crate::ssr::infra::database::{Db, WriteTx};
use crate::ssr::infra::markdown::to_safe_html;
use serde_json::json;
use std::collections::BTreeMap;
use std::collections::BTreeSet;

/// Where the administrators' weights are kept.
const WEIGHTS_KEY: &str = "funder_weights";

/// The weights in force: the administrators' settings, or the defaults.
pub async fn weights(db: &Db) -> Result<Weights, AppError> {
    let mut conn = db.pool().acquire().await?;
    let kept = app_meta::get(&mut conn, WEIGHTS_KEY).await?;
    Ok(kept.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default())
}

/// The ranked funders for `concept`, those set apart, and those staff marked not a fit, with
/// the names (in `locale`) of the areas and places their badges cite.
pub async fn suggestions(db: &Db, concept: i64, locale: Locale, now: i64) -> Result<FunderSuggestions, AppError> {
    let weights = weights(db).await?;
    let mut conn = db.pool().acquire().await?;
    let needs = repo::needs(&mut conn, concept).await?.ok_or(AppError::NotFound)?;
    let today = crate::domain::format::iso_date(now);
    let year = today.get(..4).and_then(|y| y.parse().ok()).unwrap_or(2026);
    let geography = repo::geography(&mut conn).await?;
    let candidates = repo::candidates(&mut conn, concept, &needs.areas, &today).await?;
    let found = funder_fit::suggest(&needs, &candidates, &geography, &weights, year);
    let not_a_fit = repo::not_a_fit(&mut conn, concept)
        .await?
        .into_iter()
        .map(|(organisation, name, reason, by, at)| NotAFit { organisation, name, reason, by, at })
        .collect();
    let mut cited: BTreeSet<String> = needs.areas.iter().map(|a| format!("area:{a}")).collect();
    for s in &found.ranked {
        for f in &s.factors {
            match f {
                Factor::StatedArea { areas, .. } => cited.extend(areas.iter().map(|a| format!("area:{a}"))),
                Factor::StatedPlace { places, .. } => cited.extend(places.iter().map(Place::code)),
                _ => {}
            }
        }
    }
    for (_, _, why) in &found.excluded {
        match why {
            Exclusion::ExcludedArea(a) => {
                cited.insert(format!("area:{a}"));
            }
            Exclusion::ExcludedPlace(p) => {
                cited.insert(p.code());
            }
            Exclusion::DueDiligenceFailed => {}
        }
    }
    let mut names: Vec<(String, String)> = repo::place_and_area_names(&mut conn, locale::code_of(locale))
        .await?
        .into_iter()
        .filter(|(code, _)| cited.contains(code))
        .collect();
    for code in &cited {
        if let Some(g) = code.strip_prefix("group:")
            && let Some(name) = code_label(locale, FacetKind::Group, g)
        {
            names.push((code.clone(), name));
        }
    }
    Ok(FunderSuggestions {
        concept,
        areas: needs.areas,
        ranked: found.ranked,
        excluded: found.excluded,
        not_a_fit,
        names,
    })
}

/// Marks `organisation` not a fit for `concept`, with the reason; audited on the concept.
pub async fn mark_not_a_fit(
    db: &Db,
    member: &StaffMember,
    concept: i64,
    organisation: i64,
    reason: &str,
) -> Result<(), AppError> {
    let reason = clean_name(reason, REASON_MAX).map_err(|code| AppError::invalid("reason", code))?;
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let name = name_of(&mut tx, concept, organisation).await?;
    if repo::mark_not_a_fit(tx.conn(), concept, organisation, &reason, member.id, now).await? {
        let detail = json!({ "organisation": organisation, "name": name, "reason": reason });
        audit::record(tx.conn(), Some(member.id), Subject::Concept(concept), "funder_not_a_fit", &detail, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Takes a "not a fit" back; audited on the concept.
pub async fn clear_not_a_fit(db: &Db, member: &StaffMember, concept: i64, organisation: i64) -> Result<(), AppError> {
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let name = name_of(&mut tx, concept, organisation).await?;
    if repo::clear_not_a_fit(tx.conn(), concept, organisation).await? {
        let detail = json!({ "organisation": organisation, "name": name });
        audit::record(tx.conn(), Some(member.id), Subject::Concept(concept), "funder_fit_again", &detail, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The organisation's name, when both it and the concept exist.
async fn name_of(tx: &mut WriteTx, concept: i64, organisation: i64) -> Result<String, AppError> {
    repo::name_with_concept(tx.conn(), concept, organisation).await?.ok_or(AppError::NotFound)
}

/// The names of every area, region and country in `locale`, by code (`area:…`, `region:…`,
/// `country:…`), and a function naming a code or a place with them.
struct Names(BTreeMap<String, String>);

impl Names {
    async fn read(conn: &mut sqlx::AnyConnection, locale: Locale) -> Result<Names, AppError> {
        Ok(Names(repo::place_and_area_names(conn, locale::code_of(locale)).await?.into_iter().collect()))
    }

    fn named(&self, key: &str, code: &str, locale: Locale) -> Named {
        let name = match key.strip_prefix("group:") {
            Some(g) => code_label(locale, FacetKind::Group, g),
            None => self.0.get(key).cloned(),
        };
        Named { code: code.to_owned(), name: name.unwrap_or_else(|| code.to_owned()) }
    }

    fn area(&self, code: &str, locale: Locale) -> Named {
        self.named(&format!("area:{code}"), code, locale)
    }

    fn place(&self, place: &Place, locale: Locale) -> Named {
        self.named(&place.code(), &place.code(), locale)
    }

    fn region(&self, code: &str, locale: Locale) -> Named {
        self.named(&format!("region:{code}"), code, locale)
    }
}

/// A page of the public directory (public fields only).
pub async fn directory(db: &Db, q: &FunderQuery, locale: Locale) -> Result<FunderDirectory, AppError> {
    let mut conn = db.pool().acquire().await?;
    let (rows, total) = repo::directory(&mut conn, q).await?;
    let profiles: Vec<i64> = rows.iter().map(|r| r.1).collect();
    let parts = repo::filled_parts(&mut conn, &profiles).await?;
    let stated = repo::stated_codes(&mut conn, &profiles).await?;
    let names = Names::read(&mut conn, locale).await?;
    let cards = rows
        .into_iter()
        .map(|(organisation, profile, name, name_locale, kind, country)| {
            let (areas, places, funding_types) = stated.get(&profile).cloned().unwrap_or_default();
            FunderCard {
                organisation,
                name,
                name_locale,
                kind: OrganisationKind::parse(&kind).unwrap_or(OrganisationKind::Other),
                country: country.map(|c| names.named(&format!("country:{c}"), &c, locale).name),
                areas: areas.iter().filter(|a| !a.2).map(|a| names.area(&a.0, locale)).collect(),
                regions: places.iter().filter(|p| !p.1).map(|p| names.place(&p.0, locale)).collect(),
                funding_types,
                completeness: Completeness::of(parts.get(&profile).map_or(&[][..], Vec::as_slice)).percent,
            }
        })
        .collect();
    Ok(FunderDirectory { cards, total, per_page: repo::PAGE })
}

/// A funder's profile page in `locale`: stated, observed beside it, and the relationship for
/// staff only (`staff`). For anyone else the observed profile counts public agreements only.
pub async fn profile(db: &Db, organisation: i64, locale: Locale, staff: bool) -> Result<FunderProfile, AppError> {
    let mut conn = db.pool().acquire().await?;
    let row = repo::profile_row(&mut conn, organisation).await?.ok_or(AppError::NotFound)?;
    let entry = crate::ssr::db::organisations::get(&mut conn, organisation).await?.ok_or(AppError::NotFound)?;
    let (
        profile,
        original,
        low,
        high,
        currency,
        cycle,
        limitations,
        source,
        reviewed_on,
        owner,
        contacts,
        notes,
        contact,
    ) = row;
    let names = Names::read(&mut conn, locale).await?;
    let texts = repo::texts(&mut conn, profile).await?;
    let shown = texts
        .iter()
        .find(|(l, m, _)| l == locale::code_of(locale) && !m.is_empty())
        .or_else(|| texts.iter().find(|(l, _, _)| *l == original))
        .or_else(|| texts.first());
    let stated = repo::stated_codes(&mut conn, &[profile]).await?.remove(&profile).unwrap_or_default();
    let parts = repo::filled_parts(&mut conn, &[profile]).await?.remove(&profile).unwrap_or_default();
    let (areas, places, funding_types) = stated;
    let stated_regions: Vec<Named> = places
        .iter()
        .filter(|(_, excluded)| !excluded)
        .filter_map(|(p, _)| match p {
            Place::Region(r) => Some(names.region(r, locale)),
            _ => None,
        })
        .collect();
    let observed = observed(&mut conn, organisation, !staff, &names, locale).await?;
    let mechanisms = repo::mechanisms(&mut conn, profile).await?.iter().filter_map(|m| Mechanism::parse(m)).collect();
    Ok(FunderProfile {
        organisation,
        name: entry.name,
        name_locale: entry.name_locale,
        acronym: entry.acronym,
        kind: Some(entry.kind),
        country: entry.country.map(|c| names.named(&format!("country:{c}"), &c, locale)),
        website: entry.website,
        text_locale: shown.map(|t| t.0.clone()),
        mandate_html: shown.map(|t| to_safe_html(&t.1)).unwrap_or_default(),
        strategy_html: shown.map(|t| to_safe_html(&t.2)).unwrap_or_default(),
        areas: areas.iter().filter(|a| !a.2).map(|a| (names.area(&a.0, locale), a.1)).collect(),
        places: places.iter().filter(|p| !p.1).map(|p| names.place(&p.0, locale)).collect(),
        excluded_areas: areas.iter().filter(|a| a.2).map(|a| names.area(&a.0, locale)).collect(),
        excluded_places: places.iter().filter(|p| p.1).map(|p| names.place(&p.0, locale)).collect(),
        sdgs: repo::sdgs(&mut conn, profile).await?,
        funding_types,
        mechanisms,
        amount_usd_cents: (low, high),
        currency,
        funding_cycle: cycle,
        limitations,
        source,
        reviewed_on,
        completeness: Completeness::of(&parts),
        drift: drift(&stated_regions, &observed.1),
        observed: observed.0,
        relationship: staff.then_some(Relationship { owner, contacts, notes, last_contact_on: contact }),
    })
}

/// What the record shows of a funder, and the regions of each of its agreements, newest first.
async fn observed(
    conn: &mut sqlx::AnyConnection,
    organisation: i64,
    public_only: bool,
    names: &Names,
    locale: Locale,
) -> Result<(ObservedProfile, Vec<Vec<Named>>), AppError> {
    let funded = repo::funded(conn, organisation, public_only).await?;
    let ids: Vec<i64> = funded.iter().map(|f| f.0).collect();
    let areas = repo::areas_of(conn, &ids).await?;
    let regions = repo::regions_of(conn, &ids).await?;
    // Each agreement counts once in each of its areas and regions; most first.
    fn tally(pairs: &[(i64, String)]) -> Vec<(String, i64)> {
        let distinct: BTreeSet<(i64, &String)> = pairs.iter().map(|(a, c)| (*a, c)).collect();
        let mut counts: BTreeMap<&String, i64> = BTreeMap::new();
        for (_, c) in distinct {
            *counts.entry(c).or_default() += 1;
        }
        let mut v: Vec<(String, i64)> = counts.into_iter().map(|(c, n)| (c.clone(), n)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }
    let mut kinds: BTreeMap<String, i64> = BTreeMap::new();
    for (_, _, kind, _) in &funded {
        *kinds.entry(kind.clone()).or_default() += 1;
    }
    let mut kinds: Vec<(AgreementKind, i64)> =
        kinds.into_iter().filter_map(|(k, n)| AgreementKind::parse(&k).map(|k| (k, n))).collect();
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut values: Vec<i64> = funded.iter().map(|f| f.3).filter(|v| *v > 0).collect();
    values.sort_unstable();
    let recent: Vec<Vec<Named>> = ids
        .iter()
        .map(|id| regions.iter().filter(|(a, _)| a == id).map(|(_, r)| names.region(r, locale)).collect())
        .collect();
    let o = ObservedProfile {
        count: i64::try_from(funded.len()).unwrap_or(0),
        total_usd_cents: funded.iter().map(|f| f.3).sum(),
        typical_usd_cents: values.get(values.len() / 2).copied(),
        first_signed: funded.last().and_then(|f| f.1.clone()),
        latest_signed: funded.first().and_then(|f| f.1.clone()),
        areas: tally(&areas).into_iter().map(|(c, n)| (names.area(&c, locale), n)).collect(),
        regions: tally(&regions).into_iter().map(|(c, n)| (names.region(&c, locale), n)).collect(),
        kinds,
        cosignatories: repo::cosignatories(conn, organisation, &ids).await?,
    };
    Ok((o, recent))
}

/// Every funder matching `q` as CSV (public fields, codes and labels in `locale`).
pub async fn csv(db: &Db, q: &FunderQuery, locale: Locale) -> Result<String, AppError> {
    let mut sheet = crate::ssr::infra::spreadsheet::Sheet::new(&[
        "organisation",
        "name",
        "kind",
        "kind_label",
        "country",
        "areas",
        "area_labels",
        "places",
        "place_labels",
        "funding_types",
        "funding_type_labels",
        "completeness_percent",
    ]);
    let mut page = FunderQuery { page: 1, ..q.clone() };
    loop {
        let d = directory(db, &page, locale).await?;
        for c in &d.cards {
            let join = |v: Vec<String>| v.join("; ");
            sheet.row(&[
                c.organisation.to_string(),
                c.name.clone(),
                c.kind.code().to_owned(),
                crate::domain::names::organisation_kind_name(locale, c.kind).to_owned(),
                c.country.clone().unwrap_or_default(),
                join(c.areas.iter().map(|a| a.code.clone()).collect()),
                join(c.areas.iter().map(|a| a.name.clone()).collect()),
                join(c.regions.iter().map(|a| a.code.clone()).collect()),
                join(c.regions.iter().map(|a| a.name.clone()).collect()),
                join(c.funding_types.iter().map(|t| t.code().to_owned()).collect()),
                join(
                    c.funding_types
                        .iter()
                        .map(|t| crate::domain::names::funding_type_name(locale, *t).to_owned())
                        .collect(),
                ),
                c.completeness.to_string(),
            ]);
        }
        if page.page * d.per_page >= d.total {
            break;
        }
        page.page += 1;
    }
    Ok(sheet.finish())
}

/// Sets the weights of the suggestions' factors (administrators); audited on the admin.
pub async fn set_weights(db: &Db, admin: &StaffMember, form: &WeightsForm) -> Result<Weights, AppError> {
    let w = form.parse().map_err(AppError::Validation)?;
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let json = json!(w);
    app_meta::set(tx.conn(), WEIGHTS_KEY, &json.to_string()).await?;
    audit::record(tx.conn(), Some(admin.id), Subject::StaffUser(admin.id), "funder_weights", &json, now).await?;
    tx.commit().await?;
    Ok(w)
}

/// Checks the codes and ids a profile names against the database; errors go on the form's
/// row they came from.
async fn resolve(tx: &mut WriteTx, f: &FunderFacts) -> Result<repo::ResolvedFunder, AppError> {
    use crate::ssr::db::{agreements, taxonomy};
    let mut errors = Vec::new();
    let conn = tx.conn();
    let mut areas = Vec::new();
    for ((code, _), row) in f.areas.iter().zip(&f.area_rows) {
        match agreements::area_id(&mut *conn, code).await? {
            Some(id) => areas.push(id),
            None => errors.push(FieldError::new(format!("area.{row}"), FieldCode::Unknown)),
        }
    }
    let mut regions = Vec::new();
    for ((place, _), row) in f.places.iter().zip(&f.place_rows) {
        let (region, known) = match place {
            Place::Region(code) => {
                let id = agreements::region_id(&mut *conn, code).await?;
                (id, id.is_some())
            }
            Place::Country(code) => (None, taxonomy::known_country(&mut *conn, code).await?),
            Place::Group(_) => (None, true),
        };
        regions.push(region);
        if !known {
            errors.push(FieldError::new(format!("place.{row}"), FieldCode::Unknown));
        }
    }
    if let Some(owner) = f.owner
        && !agreements::staff_exists(&mut *conn, owner).await?
    {
        errors.push(FieldError::new("owner", FieldCode::Unknown));
    }
    if errors.is_empty() { Ok(repo::ResolvedFunder { areas, regions }) } else { Err(AppError::Validation(errors)) }
}

/// Records a new profile for organisation `organisation` (`create`: refused when it has one)
/// or changes its profile (editors); audited on the organisation.
pub async fn save_profile(
    db: &Db,
    member: &StaffMember,
    organisation: i64,
    create: bool,
    form: &FunderForm,
) -> Result<(), AppError> {
    let facts = form.parse().map_err(AppError::Validation)?;
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    if !crate::ssr::db::organisations::exists(tx.conn(), organisation).await? {
        return Err(AppError::NotFound);
    }
    let before = repo::form_of(tx.conn(), organisation).await?;
    match (&before, create) {
        (Some(_), true) => return Err(AppError::invalid("organisation", FieldCode::ProfileExists)),
        (None, false) => return Err(AppError::NotFound),
        _ => {}
    }
    let resolved = resolve(&mut tx, &facts).await?;
    repo::save_profile(tx.conn(), organisation, &facts, &resolved, now).await?;
    let changed = match before {
        None => vec!["created".to_owned()],
        Some(b) => changed_parts(&b, &repo::form_of(tx.conn(), organisation).await?.unwrap_or_default()),
    };
    if !changed.is_empty() {
        let detail = json!({ "changed": changed.join(", ") });
        audit::record(
            tx.conn(),
            Some(member.id),
            Subject::Organisation(organisation),
            "funder_profile_saved",
            &detail,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The fields of a profile form that differ.
fn changed_parts(a: &FunderForm, b: &FunderForm) -> Vec<String> {
    let (a, b) = (json!(a), json!(b));
    let (Some(a), Some(b)) = (a.as_object(), b.as_object()) else { return Vec::new() };
    a.iter().filter(|(k, v)| b.get(*k) != Some(*v)).map(|(k, _)| k.clone()).collect()
}

/// Marks organisation `organisation`'s profile reviewed today (publishers); audited.
pub async fn mark_reviewed(db: &Db, publisher: &StaffMember, organisation: i64) -> Result<(), AppError> {
    if !publisher.role.includes(crate::domain::staff::Role::Publisher) {
        return Err(AppError::Forbidden);
    }
    let now = crate::ssr::infra::clock::now();
    let day = crate::domain::format::iso_date(now);
    let mut tx = db.begin_write().await?;
    if !repo::set_reviewed(tx.conn(), organisation, &day, now).await? {
        return Err(AppError::NotFound);
    }
    let detail = json!({ "reviewed_on": day });
    audit::record(tx.conn(), Some(publisher.id), Subject::Organisation(organisation), "funder_reviewed", &detail, now)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The edit form of organisation `organisation`'s profile (blank when it has none: `false`).
pub async fn form(db: &Db, organisation: i64) -> Result<(FunderForm, bool), AppError> {
    let mut conn = db.pool().acquire().await?;
    if !crate::ssr::db::organisations::exists(&mut conn, organisation).await? {
        return Err(AppError::NotFound);
    }
    Ok(match repo::form_of(&mut conn, organisation).await? {
        Some(f) => (f, true),
        None => (FunderForm { original_locale: "en".into(), ..Default::default() }, false),
    })
}
