//! The concept editor's use cases: create, change facts and texts, add or remove
//! translations, move through the workflow. Each change is one transaction that checks the
//! version the editor started from, records itself in the audit log, and keeps the search
//! index and the public catalogue current.
use crate::domain::catalogue::FacetKind;
use crate::domain::editor::{EditableConcept, FactsForm, Status, TextForm, invalid};
use crate::domain::staff::{AuditEntry, StaffMember};
use crate::error::{AppError, FieldCode, FieldError};
use crate::i18n::Locale;
use crate::ssr::db::audit::{self, Subject};
use crate::ssr::db::editor as repo;
use crate::ssr::infra::database::{Db, WriteTx};
use serde_json::json;

/// The concept with what `member` may do to it.
pub async fn load(db: &Db, member: &StaffMember, id: i64) -> Result<EditableConcept, AppError> {
    let mut conn = db.pool().acquire().await?;
    let stored = repo::load(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    let texts = repo::texts(&mut conn, id, &stored.facts.original_locale).await?;
    let drafts = repo::draft_locales(&mut conn, id).await?;
    let moves = stored.status.moves_for(member.role);
    let reach = if moves.contains(&Status::Published) {
        Some(crate::ssr::db::matching::reach(&mut conn, id).await?)
    } else {
        None
    };
    Ok(EditableConcept {
        id,
        slug: stored.slug,
        status: stored.status,
        version: stored.version,
        moves,
        facts: stored.facts,
        texts,
        drafts,
        reach,
    })
}

/// Creates a draft written in `facts.original_locale`; returns its id.
pub async fn create(db: &Db, member: &StaffMember, facts: &FactsForm, text: &TextForm) -> Result<i64, AppError> {
    let (facts, text) = parse_both(facts, text)?;
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    check_tags(&mut tx, &facts).await?;
    let slug = free_slug(&mut tx, &text.title).await?;
    let id = repo::insert_draft(tx.conn(), &slug, &facts, now).await?;
    repo::save_text(tx.conn(), id, &facts.original_locale, &text, now).await?;
    let detail = json!({ "slug": slug, "original_locale": facts.original_locale, "title": text.title });
    audit::record(tx.conn(), Some(member.id), Subject::Concept(id), "created", &detail, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// One change to a stored concept, in one write transaction: the concept as it was, the
/// version the editor started from claimed, and the change audited at commit. The
/// repository functions keep the search index and the public catalogue current.
struct Change {
    tx: WriteTx,
    id: i64,
    version: i64,
    now: i64,
    before: repo::Stored,
}

impl Change {
    async fn begin(db: &Db, id: i64, version: i64) -> Result<Self, AppError> {
        let now = crate::ssr::infra::clock::now();
        let mut tx = db.begin_write().await?;
        let before = repo::load(tx.conn(), id).await?.ok_or(AppError::NotFound)?;
        Ok(Change { tx, id, version, now, before })
    }

    /// Takes the next version or reports that someone else changed the concept first.
    async fn claim(&mut self) -> Result<(), AppError> {
        if repo::claim_version(self.tx.conn(), self.id, self.version, self.now).await? {
            Ok(())
        } else {
            Err(AppError::Conflict)
        }
    }

    /// Records the change in the audit log and commits; returns the new version.
    async fn finish(mut self, member: &StaffMember, action: &str, detail: &serde_json::Value) -> Result<i64, AppError> {
        audit::record(self.tx.conn(), Some(member.id), Subject::Concept(self.id), action, detail, self.now).await?;
        self.tx.commit().await?;
        Ok(self.version + 1)
    }
}

/// Saves the facts and the original-language texts; returns the new version.
pub async fn update(
    db: &Db,
    member: &StaffMember,
    id: i64,
    version: i64,
    facts: &FactsForm,
    text: &TextForm,
) -> Result<i64, AppError> {
    let (facts, text) = parse_both(facts, text)?;
    let mut change = Change::begin(db, id, version).await?;
    check_tags(&mut change.tx, &facts).await?;
    change.claim().await?;
    let original = change.before.facts.original_locale.clone();
    let conn = change.tx.conn();
    let old_text =
        repo::texts(&mut *conn, id, &original).await?.into_iter().find(|(l, _)| *l == original).map(|(_, t)| t);
    repo::update_facts(&mut *conn, id, &crate::domain::editor::Facts { original_locale: original.clone(), ..facts })
        .await?;
    repo::save_text(&mut *conn, id, &original, &text, change.now).await?;
    let after = repo::load(conn, id).await?.ok_or(AppError::NotFound)?;
    let mut changed = changed_facts(&change.before.facts, &after.facts);
    if let Some(old) = old_text {
        changed.extend(changed_texts(&old, &text).into_iter().map(|f| format!("{original}.{f}")));
    }
    change.finish(member, "updated", &json!({ "changed": changed })).await
}

/// Adds or changes the texts in another language; returns the new version.
pub async fn save_translation(
    db: &Db,
    member: &StaffMember,
    id: i64,
    version: i64,
    locale: Locale,
    text: &TextForm,
    complete: bool,
) -> Result<i64, AppError> {
    let locale = crate::domain::locale::code_of(locale);
    let text = text.parse().map_err(invalid)?;
    let mut change = Change::begin(db, id, version).await?;
    if change.before.facts.original_locale == locale {
        return Err(AppError::invalid("locale", FieldCode::Original));
    }
    change.claim().await?;
    let conn = change.tx.conn();
    let old = repo::texts(&mut *conn, id, locale).await?.into_iter().find(|(l, _)| l == locale).map(|(_, t)| t);
    let was_complete = old.is_some() && !repo::draft_locales(&mut *conn, id).await?.iter().any(|l| l == locale);
    repo::save_text(&mut *conn, id, locale, &text, change.now).await?;
    repo::set_text_state(conn, id, locale, complete).await?;
    let (action, mut changed) = match &old {
        Some(old) => ("translation_updated", changed_texts(old, &text)),
        None => ("translation_added", vec!["title".to_owned()]),
    };
    if old.is_some() && was_complete != complete {
        changed.push("state".to_owned());
    }
    change.finish(member, action, &json!({ "locale": locale, "changed": changed, "complete": complete })).await
}

/// Removes a translation (never the original); returns the new version.
pub async fn delete_translation(
    db: &Db,
    member: &StaffMember,
    id: i64,
    version: i64,
    locale: Locale,
) -> Result<i64, AppError> {
    let locale = crate::domain::locale::code_of(locale);
    let mut change = Change::begin(db, id, version).await?;
    if change.before.facts.original_locale == locale {
        return Err(AppError::invalid("locale", FieldCode::Original));
    }
    if !repo::texts(change.tx.conn(), id, locale).await?.iter().any(|(l, _)| l == locale) {
        return Err(AppError::NotFound);
    }
    change.claim().await?;
    repo::delete_text(change.tx.conn(), id, locale).await?;
    change.finish(member, "translation_removed", &json!({ "locale": locale })).await
}

/// Moves a concept through the workflow, if `member`'s role allows that move.
pub async fn move_to(db: &Db, member: &StaffMember, id: i64, version: i64, to: Status) -> Result<i64, AppError> {
    let mut change = Change::begin(db, id, version).await?;
    let from = change.before.status;
    let needed = from.move_needs(to).ok_or(AppError::invalid("status", FieldCode::NotAllowed))?;
    if !member.role.includes(needed) {
        return Err(AppError::Forbidden);
    }
    change.claim().await?;
    repo::set_status(change.tx.conn(), id, from, to, change.now).await?;
    if to == Status::Published {
        // In the same transaction: the alerts owed to every matching subscriber (none twice).
        let alerts = crate::ssr::db::matching::write_alerts(change.tx.conn(), id, change.now).await?;
        tracing::info!(concept = id, alerts, "published");
    }
    change.finish(member, "status_changed", &json!({ "from": from.code(), "to": to.code() })).await
}

/// The concept's audit log, newest first.
pub async fn history(db: &Db, id: i64) -> Result<Vec<AuditEntry>, AppError> {
    let mut conn = db.pool().acquire().await?;
    Ok(audit::list(&mut conn, Some(Subject::Concept(id)), None, 200).await?)
}

fn parse_both(facts: &FactsForm, text: &TextForm) -> Result<(crate::domain::editor::Facts, TextForm), AppError> {
    let mut errors: Vec<FieldError> = Vec::new();
    let facts = facts.parse().map_err(|e| errors.extend(e)).ok();
    let text = text.parse().map_err(|e| errors.extend(e)).ok();
    match (facts, text) {
        (Some(f), Some(t)) if errors.is_empty() => Ok((f, t)),
        _ => Err(invalid(errors)),
    }
}

async fn check_tags(tx: &mut WriteTx, facts: &crate::domain::editor::Facts) -> Result<(), AppError> {
    let unknown = crate::ssr::services::taxonomy::unknown_choices(
        tx.conn(),
        &[
            ("areas", FacetKind::Area, &facts.areas),
            ("regions", FacetKind::Region, &facts.regions),
            ("countries", FacetKind::Country, &facts.countries),
            ("groups", FacetKind::Group, &facts.groups),
            ("contributions", FacetKind::Contribution, &facts.contributions),
        ],
    )
    .await?;
    if unknown.is_empty() { Ok(()) } else { Err(invalid(unknown)) }
}

/// A slug from the title (Latin letters and digits; `concept` for other scripts), unique.
async fn free_slug(tx: &mut WriteTx, title: &str) -> Result<String, AppError> {
    let base = slug_of(title);
    for n in 1..1000 {
        let candidate = if n == 1 { base.clone() } else { format!("{base}-{n}") };
        if !repo::slug_taken(tx.conn(), &candidate).await? {
            return Ok(candidate);
        }
    }
    Ok(format!("{base}-{}", crate::ssr::infra::random::new_token().get(..8).unwrap_or("x")))
}

pub fn slug_of(title: &str) -> String {
    let folded = crate::ssr::infra::text_index::fold(title);
    let mut slug = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= 80 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.len() < 3 { "concept".to_owned() } else { slug }
}

fn changed_facts(a: &FactsForm, b: &FactsForm) -> Vec<String> {
    let pairs: [(&str, bool); 11] = [
        ("budget", a.budget != b.budget),
        ("starts_on", a.starts_on != b.starts_on),
        ("ends_on", a.ends_on != b.ends_on),
        ("focal_name", a.focal_name != b.focal_name),
        ("focal_email", a.focal_email != b.focal_email),
        ("areas", a.areas != b.areas),
        ("regions", a.regions != b.regions),
        ("countries", a.countries != b.countries),
        ("groups", a.groups != b.groups),
        ("contributions", a.contributions != b.contributions),
        ("sdgs", a.sdgs != b.sdgs),
    ];
    pairs.into_iter().filter(|(_, changed)| *changed).map(|(f, _)| f.to_owned()).collect()
}

fn changed_texts(a: &TextForm, b: &TextForm) -> Vec<String> {
    let pairs: [(&str, bool); 5] = [
        ("title", a.title != b.title),
        ("summary", a.summary != b.summary),
        ("objectives", a.objectives != b.objectives),
        ("beneficiaries", a.beneficiaries != b.beneficiaries),
        ("body", a.body != b.body),
    ];
    pairs.into_iter().filter(|(_, changed)| *changed).map(|(f, _)| f.to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::slug_of;

    #[test]
    fn slugs_come_from_latin_titles() {
        assert_eq!(slug_of("Énergie solaire pour les écoles rurales"), "energie-solaire-pour-les-ecoles-rurales");
        assert_eq!(slug_of("  5G -- pilots!  "), "5g-pilots");
        assert_eq!(slug_of("مراكز البيانات"), "concept");
        assert_eq!(slug_of("海底光缆"), "concept");
        assert!(slug_of(&"word ".repeat(40)).len() <= 80);
    }
}
