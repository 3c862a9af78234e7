//! Administrators rename areas of action and regions in the six languages. Codes never
//! change (URLs, subscriptions and filters hold them); names do, audited.
use crate::domain::locale::CODES;
use crate::domain::staff::StaffMember;
use crate::domain::taxonomy::{NamesForm, TermNames};
use crate::error::AppError;
use crate::ssr::db::audit::{self, Subject};
use crate::ssr::db::taxonomy::{self as repo, Term};
use crate::ssr::db::{Db, catalogue};
use serde_json::json;

/// `area` or `region`.
pub fn parse_term(kind: &str) -> Result<Term, AppError> {
    match kind {
        "area" => Ok(Term::Area),
        "region" => Ok(Term::Region),
        _ => Err(AppError::invalid("kind", "unknown_choice")),
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
    let now = crate::ssr::now();
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
    // Facets and cards show these names.
    catalogue::bump_version(tx.conn()).await?;
    tx.commit().await?;
    Ok(())
}
