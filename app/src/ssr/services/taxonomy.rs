//! Administrators rename areas of action and regions in the six languages. Codes never
//! change (URLs, subscriptions and filters hold them); names do, audited.
use crate::domain::catalogue::FacetKind;
use crate::domain::locale::CODES;
use crate::domain::staff::StaffMember;
use crate::domain::taxonomy::{NamesForm, TermNames};
use crate::error::{AppError, FieldCode, FieldError};
use crate::ssr::db::audit::{self, Subject};
use crate::ssr::db::taxonomy::{self as repo, Term};
use crate::ssr::infra::database::Db;
use serde_json::json;
use sqlx::AnyConnection;
use std::collections::{HashMap, HashSet};

/// `area` or `region`.
pub fn parse_term(kind: &str) -> Result<Term, AppError> {
    match kind {
        "area" => Ok(Term::Area),
        "region" => Ok(Term::Region),
        _ => Err(AppError::invalid("kind", FieldCode::Unknown)),
    }
}

pub async fn list(db: &Db, term: Term) -> Result<Vec<TermNames>, AppError> {
    let mut conn = db.pool().acquire().await?;
    let terms = repo::terms_with_names(&mut conn, term).await?;
    Ok(terms
        .into_iter()
        .map(|(_, code, names)| TermNames {
            code,
            names: CODES
                .iter()
                .map(|l| {
                    let name = names.iter().find(|(locale, _)| locale == l).map(|(_, n)| n.clone()).unwrap_or_default();
                    ((*l).to_owned(), name)
                })
                .collect(),
        })
        .collect())
}

pub async fn rename(db: &Db, admin: &StaffMember, term: Term, code: &str, form: &NamesForm) -> Result<(), AppError> {
    let names = form.parse().map_err(AppError::Validation)?;
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let (id, _, old) = repo::terms_with_names(tx.conn(), term)
        .await?
        .into_iter()
        .find(|(_, c, _)| c == code)
        .ok_or(AppError::NotFound)?;
    let mut changed = Vec::new();
    for (locale, name) in &names {
        if !old.iter().any(|(l, n)| l == locale && n == name) {
            repo::set_term_name(tx.conn(), term, id, locale, name).await?;
            changed.push(*locale);
        }
    }
    if changed.is_empty() {
        return Ok(());
    }
    let subject = match term {
        Term::Area => Subject::Area(id),
        Term::Region => Subject::Region(id),
    };
    let detail = json!({ "code": code, "changed": changed });
    audit::record(tx.conn(), Some(admin.id), subject, "names_changed", &detail, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The fields whose chosen codes the platform does not know: `(field, vocabulary, chosen
/// codes)` in, one `unknown` error per such field out. Areas, regions and countries are
/// checked against the taxonomy, the fixed vocabularies (groups, contributions) against
/// their lists.
pub async fn unknown_choices(
    conn: &mut AnyConnection,
    fields: &[(&str, FacetKind, &[String])],
) -> Result<Vec<FieldError>, sqlx::Error> {
    let mut known: HashMap<FacetKind, HashSet<String>> = HashMap::new();
    let mut errors = Vec::new();
    for (field, kind, chosen) in fields {
        if chosen.is_empty() {
            continue;
        }
        if !known.contains_key(kind) {
            let codes = match kind.fixed_choices() {
                Some(codes) => codes.iter().map(|c| (*c).to_owned()).collect(),
                None => repo::codes(&mut *conn, *kind).await?.into_iter().collect(),
            };
            known.insert(*kind, codes);
        }
        if chosen.iter().any(|c| !known[kind].contains(c)) {
            errors.push(FieldError::new(*field, FieldCode::Unknown));
        }
    }
    Ok(errors)
}
