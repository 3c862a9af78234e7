//! The record as CSV: any search's agreements, its organisations table or one of its charts'
//! tables, codes with their labels in the reader's language (`domain::agreement_sheet` says
//! which columns); the public get only public, signed agreements and the public columns.
//! And the way back: a file in the same columns imported whole or not at all.
use super::agreements;
use crate::domain::agreement::{AgreementQuery, AgreementStatus, format_fixed, parse_reference, reference};
use crate::domain::agreement_chart::Counting;
use crate::domain::agreement_sheet::{
    self as sheet, Column, EXPORT_MAX, IMPORT_MAX, ImportReport, PARTNER_COLUMNS, RowProblem, SheetRow, TALLY_COLUMNS,
    Table,
};
use crate::domain::names;
use crate::domain::staff::{Role, StaffMember};
use crate::error::{AppError, FieldCode, FieldError};
use crate::i18n::Locale;
use crate::ssr::db::agreements as repo;
use crate::ssr::db::organisations;
use crate::ssr::infra::database::{Db, WriteTx};
use crate::ssr::infra::spreadsheet::Sheet;
use crate::ssr::record_engine::RecordCache;

/// One table of a search as CSV; `public_only` for what anyone may see.
pub async fn export(
    db: &Db,
    cache: &RecordCache,
    query: &AgreementQuery,
    table: Table,
    counting: Counting,
    public_only: bool,
    reader: Locale,
) -> Result<String, AppError> {
    let locale = crate::domain::locale::code_of(reader);
    match table {
        Table::Agreements => {
            let columns = sheet::columns(!public_only);
            let header: Vec<&str> = columns.iter().map(|c| c.code()).collect();
            let mut out = Sheet::new(&header);
            let ids = agreements::matching(db, cache, query, public_only, EXPORT_MAX).await?;
            let mut conn = db.pool().acquire().await?;
            for (id, _) in ids {
                let Some(record) = repo::get(&mut conn, id, locale).await? else { continue };
                out.row(&sheet::cells(&record, &columns, reader));
            }
            Ok(out.finish())
        }
        Table::Organisations => {
            let every = AgreementQuery { all_partners: true, ..query.clone() };
            let partners = agreements::search(db, cache, &every, public_only, reader).await?.partners;
            let mut conn = db.pool().acquire().await?;
            let countries = crate::ssr::db::editor::all_countries(&mut conn, locale).await?;
            let country_name = |code: &str| countries.iter().find(|(c, _)| c == code).map(|(_, n)| n.clone());
            let mut out = Sheet::new(PARTNER_COLUMNS);
            for p in partners {
                let country = p.country.unwrap_or_default();
                out.row(&[
                    p.id.to_string(),
                    p.name,
                    p.acronym.unwrap_or_default(),
                    p.kind.code().to_owned(),
                    names::organisation_kind_name(reader, p.kind).to_owned(),
                    country.clone(),
                    country_name(&country).unwrap_or_default(),
                    p.agreements.to_string(),
                    format_fixed(i128::from(p.usd_cents), 2),
                    p.latest.unwrap_or_default(),
                ]);
            }
            Ok(out.finish())
        }
        Table::Regions | Table::Areas | Table::Years => {
            let charts = agreements::charts(db, cache, query, counting, public_only, reader).await?;
            let rows = match table {
                Table::Regions => charts.by_region,
                Table::Areas => charts.by_area,
                _ => charts.by_year,
            };
            let mut out = Sheet::new(TALLY_COLUMNS);
            for t in &rows {
                out.row(&sheet::tally_cells(t, counting.code()));
            }
            Ok(out.finish())
        }
    }
}

/// Reads a file of agreements in the sheet's columns and checks every row as the form
/// would, against the database too (inside one write transaction, so an amendment may
/// amend a row above it); stores the whole file when `store` is asked and every row is
/// clean, and nothing otherwise. Editors import drafts; rows that are signed or later, or
/// public, need a publisher. Parties are registry ids or names (a name, translation or
/// acronym that names exactly one organisation).
pub async fn import(db: &Db, member: &StaffMember, text: &str, store: bool) -> Result<ImportReport, AppError> {
    let mut report = ImportReport::default();
    let mut reader =
        csv::ReaderBuilder::new().flexible(true).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<Option<Column>> = match reader.headers() {
        Ok(h) => h
            .iter()
            .map(|cell| {
                let code = cell.trim().to_lowercase();
                let column = Column::parse(&code);
                if column.is_none() && !code.is_empty() {
                    report.unknown_columns.push(cell.trim().chars().take(60).collect());
                }
                column
            })
            .collect(),
        // No header to read: a file with no rows, and the report says so.
        Err(_) => return Ok(report),
    };
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    for record in reader.records() {
        report.rows += 1;
        if report.rows > IMPORT_MAX {
            report.too_many = true;
            break;
        }
        let line = record.as_ref().ok().and_then(|r| r.position()).map_or(report.rows as u64 + 1, |p| p.line());
        let cells: Vec<String> = match record {
            Ok(r) => r.iter().map(str::to_owned).collect(),
            Err(_) => {
                let errors = vec![FieldError::new("row", FieldCode::Invalid)];
                report.problems.push(RowProblem { line, title: String::new(), errors });
                continue;
            }
        };
        let row = sheet::read_row(&header, &cells);
        let title = row.form.title.chars().take(120).collect();
        match import_row(&mut tx, member, row, now).await {
            Ok(reference) => report.references.push(reference),
            Err(AppError::Validation(errors)) => {
                let errors = errors.into_iter().map(|e| FieldError::new(sheet::column_of(&e.field), e.code)).collect();
                report.problems.push(RowProblem { line, title, errors });
            }
            Err(e) => return Err(e),
        }
    }
    report.stored = store && report.clean();
    if report.stored {
        tx.commit().await?;
    }
    // Otherwise the transaction ends unwritten: nothing of the file is stored.
    Ok(report)
}

/// Checks and records one row in the import's transaction; its reference.
async fn import_row(tx: &mut WriteTx, member: &StaffMember, mut row: SheetRow, now: i64) -> Result<String, AppError> {
    let mut errors = Vec::new();
    // Parties given by name are looked up in the registry. A name that names no single
    // entry (none, or two) stands as no organisation, which the form's checks refuse on its
    // line; that refusal is then said as what it is.
    let mut unnamed = Vec::new();
    for (i, name) in row.party_names.iter().enumerate() {
        if row.form.party_org[i].is_empty() && !name.is_empty() {
            match organisations::by_name(tx.conn(), name).await?.as_slice() {
                [one] => row.form.party_org[i] = one.to_string(),
                _ => {
                    row.form.party_org[i] = "0".into();
                    unnamed.push(format!("party_org.{i}"));
                }
            }
        }
    }
    let status = match row.status.as_str() {
        "" => AgreementStatus::Draft,
        code => AgreementStatus::parse(code).unwrap_or_else(|| {
            errors.push(FieldError::new("status", FieldCode::Unknown));
            AgreementStatus::Draft
        }),
    };
    let public = match row.public.to_lowercase().as_str() {
        "" | "no" | "false" | "0" => false,
        "yes" | "true" | "1" => true,
        _ => {
            errors.push(FieldError::new("public", FieldCode::Unknown));
            false
        }
    };
    let publisher = member.role.includes(Role::Publisher);
    if status != AgreementStatus::Draft && !publisher {
        errors.push(FieldError::new("status", FieldCode::NotAllowed));
    }
    if public && (!publisher || status == AgreementStatus::Draft) {
        errors.push(FieldError::new("public", FieldCode::NotAllowed));
    }
    let reference = match row.reference.trim() {
        "" => None,
        raw => match parse_reference(raw) {
            Some((year, n)) if repo::reference_taken(tx.conn(), &reference(year, n)).await? => {
                errors.push(FieldError::new("reference", FieldCode::Duplicate));
                None
            }
            Some(r) => Some(r),
            None => {
                errors.push(FieldError::new("reference", FieldCode::Invalid));
                None
            }
        },
    };
    let a = match row.form.parse() {
        Ok(a) => Some(a),
        Err(e) => {
            errors.extend(e.into_iter().map(|mut e| {
                if e.code == FieldCode::Unknown && unnamed.contains(&e.field) {
                    e.code = FieldCode::NotInRegistry;
                }
                e
            }));
            None
        }
    };
    if let Some(a) = &a
        && status != AgreementStatus::Draft
    {
        errors.extend(a.unsigned_fields());
    }
    let Some(a) = a.filter(|_| errors.is_empty()) else { return Err(AppError::Validation(errors)) };
    let (id, reference) = agreements::record(tx, Some(member.id), &a, reference, "agreement_imported", now).await?;
    if status != AgreementStatus::Draft {
        repo::set_status(tx.conn(), id, status, now).await?;
    }
    if public {
        repo::set_public(tx.conn(), id, true, now).await?;
    }
    Ok(reference)
}
