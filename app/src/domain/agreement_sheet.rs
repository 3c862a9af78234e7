//! The record as a spreadsheet: the columns of the agreements CSV, which the export writes
//! and the import reads back, so an exported file imports as it is. A list (parties, areas,
//! places, transactions) is one cell per facet, its items separated by `; ` and lined up
//! across cells: the third party's role is the third item of `party_roles`. Every code has
//! its label beside it, in the reader's language; labels are written, never read.
use super::agreement::{AgreementForm, AgreementRecord};
use super::agreement_chart::Tally;
use super::catalogue::FacetKind;
use super::names;
use crate::code_enum;
use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

code_enum! {
    /// A column of the agreements sheet, by the code its header cell holds.
    pub enum Column {
        Reference = "reference",
        Amends = "amends",
        Kind = "kind",
        KindLabel = "kind_label",
        Status = "status",
        StatusLabel = "status_label",
        Public = "public",
        Language = "language",
        Title = "title",
        Summary = "summary",
        AgencyRole = "agency_role",
        AgencyRoleLabel = "agency_role_label",
        AgencySignedOn = "agency_signed_on",
        SignedOn = "signed_on",
        EffectiveOn = "effective_on",
        ExpiresOn = "expires_on",
        Contribution = "contribution",
        ContributionLabel = "contribution_label",
        Currency = "currency",
        Value = "value",
        UsdRate = "usd_rate",
        RateOn = "rate_on",
        Usd = "usd",
        PartyIds = "party_ids",
        Parties = "parties",
        PartyRoles = "party_roles",
        PartyRoleLabels = "party_role_labels",
        PartySignedOn = "party_signed_on",
        Areas = "areas",
        AreaLabels = "area_labels",
        AreaShares = "area_shares",
        Places = "places",
        PlaceLabels = "place_labels",
        PlaceShares = "place_shares",
        TxKinds = "tx_kinds",
        TxDates = "tx_dates",
        TxAmounts = "tx_amounts",
    }
}

code_enum! {
    /// Which table of a search a CSV file holds.
    pub enum Table {
        Agreements = "agreements",
        Organisations = "organisations",
        Regions = "regions",
        Areas = "areas",
        Years = "years",
    }
}

/// The most agreements one file lists.
pub const EXPORT_MAX: usize = 20_000;

/// What separates the items of a list in one cell.
pub const SEPARATOR: &str = "; ";

impl Column {
    /// Whether the import reads it: labels, the day the last party signed and the US-dollar
    /// value (both computed) are written only. A reference read is kept (a legacy file's
    /// numbers stay); without one the record assigns the next.
    pub fn read(self) -> bool {
        !matches!(
            self,
            Column::KindLabel
                | Column::StatusLabel
                | Column::AgencyRoleLabel
                | Column::SignedOn
                | Column::ContributionLabel
                | Column::Usd
                | Column::PartyRoleLabels
                | Column::AreaLabels
                | Column::PlaceLabels
        )
    }
}

/// The columns a reader gets: everyone the public ones, staff also whether it is public.
pub fn columns(staff: bool) -> Vec<Column> {
    Column::ALL.iter().copied().filter(|c| staff || *c != Column::Public).collect()
}

fn list(items: impl IntoIterator<Item = String>) -> String {
    items.into_iter().collect::<Vec<_>>().join(SEPARATOR)
}

/// An agreement's cells for `columns`, labels in `language` (the record's names of
/// organisations, areas and places are already in it).
pub fn cells(record: &AgreementRecord, columns: &[Column], language: Locale) -> Vec<String> {
    let form = record.form(0);
    let share = |s: Option<u32>| s.map(|s| super::agreement::format_fixed(i128::from(s), 2)).unwrap_or_default();
    let place_label = |code: &str, name: &str| match code.strip_prefix("group:") {
        Some(group) => names::code_label(language, FacetKind::Group, group).unwrap_or_else(|| name.to_owned()),
        None => name.to_owned(),
    };
    columns
        .iter()
        .map(|c| match c {
            Column::Reference => record.reference.clone(),
            Column::Amends => form.amends.clone(),
            Column::Kind => form.kind.clone(),
            Column::KindLabel => names::agreement_kind_name(language, record.kind).to_owned(),
            Column::Status => record.status.code().to_owned(),
            Column::StatusLabel => names::agreement_status_name(language, record.status).to_owned(),
            Column::Public => if record.public { "yes" } else { "no" }.to_owned(),
            Column::Language => form.original_locale.clone(),
            Column::Title => record.title.clone(),
            Column::Summary => record.summary.clone(),
            Column::AgencyRole => form.agency_role.clone(),
            Column::AgencyRoleLabel => names::party_role_name(language, record.agency_role).to_owned(),
            Column::AgencySignedOn => form.agency_signed_on.clone(),
            Column::SignedOn => record.signed_on.clone().unwrap_or_default(),
            Column::EffectiveOn => form.effective_on.clone(),
            Column::ExpiresOn => form.expires_on.clone(),
            Column::Contribution => form.contribution.clone(),
            Column::ContributionLabel => names::contribution_type_name(language, record.contribution).to_owned(),
            Column::Currency => form.currency.clone(),
            Column::Value => form.value.clone(),
            Column::UsdRate => form.usd_rate.clone(),
            Column::RateOn => form.rate_on.clone(),
            Column::Usd => record
                .value
                .as_ref()
                .map(|v| super::agreement::format_fixed(i128::from(v.usd_cents), 2))
                .unwrap_or_default(),
            Column::PartyIds => list(form.party_org.clone()),
            Column::Parties => list(record.parties.iter().map(|p| p.name.clone())),
            Column::PartyRoles => list(form.party_role.clone()),
            Column::PartyRoleLabels => {
                list(record.parties.iter().map(|p| names::party_role_name(language, p.role).to_owned()))
            }
            Column::PartySignedOn => list(form.party_signed.clone()),
            Column::Areas => list(form.area.clone()),
            Column::AreaLabels => list(record.areas.iter().map(|a| a.name.clone())),
            Column::AreaShares => list(record.areas.iter().map(|a| share(a.share))),
            Column::Places => list(form.place.clone()),
            Column::PlaceLabels => list(record.places.iter().map(|p| place_label(&p.code, &p.name))),
            Column::PlaceShares => list(record.places.iter().map(|p| share(p.share))),
            Column::TxKinds => list(form.tx_kind.clone()),
            Column::TxDates => list(form.tx_on.clone()),
            Column::TxAmounts => list(form.tx_amount.clone()),
        })
        .collect()
}

/// The header of the organisations table.
pub const PARTNER_COLUMNS: &[&str] = &[
    "id",
    "name",
    "acronym",
    "kind",
    "kind_label",
    "country",
    "country_label",
    "agreements",
    "usd",
    "latest_signed_on",
];

/// The header of a chart's table.
pub const TALLY_COLUMNS: &[&str] =
    &["code", "label", "counting", "new_agreements", "amendments", "new_usd", "amendments_usd"];

/// A chart's row: counts in agreements (fractions where split by shares), money in dollars.
pub fn tally_cells(t: &Tally, counting: &str) -> Vec<String> {
    use super::agreement::format_fixed;
    vec![
        t.code.clone(),
        t.name.clone(),
        counting.to_owned(),
        format_fixed(i128::from(t.new), 4),
        format_fixed(i128::from(t.amendments), 4),
        format_fixed(i128::from(t.new_cents), 2),
        format_fixed(i128::from(t.amendment_cents), 2),
    ]
}

/// A row of a sheet read back into the agreement form it stands for, with the state and
/// visibility it asks for and the parties' names (for a party given by name, not id).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SheetRow {
    pub reference: String,
    pub form: AgreementForm,
    pub status: String,
    pub public: String,
    pub party_names: Vec<String>,
}

/// Splits a list cell into its items; an empty cell is no items, an empty item stays (so
/// the lists keep lined up).
pub fn items(cell: &str) -> Vec<String> {
    if cell.trim().is_empty() { Vec::new() } else { cell.split(';').map(|s| s.trim().to_owned()).collect() }
}

/// Reads a row under its header; columns it does not read are ignored, missing ones empty.
pub fn read_row(header: &[Option<Column>], cells: &[String]) -> SheetRow {
    let mut row = SheetRow::default();
    let f = &mut row.form;
    for (column, cell) in header.iter().zip(cells) {
        let Some(column) = column else { continue };
        let text = cell.trim().to_owned();
        match column {
            Column::Reference => row.reference = text,
            Column::Amends => f.amends = text,
            Column::Kind => f.kind = text,
            Column::Status => row.status = text,
            Column::Public => row.public = text,
            Column::Language => f.original_locale = text,
            Column::Title => f.title = text,
            Column::Summary => f.summary = text,
            Column::AgencyRole => f.agency_role = text,
            Column::AgencySignedOn => f.agency_signed_on = text,
            Column::EffectiveOn => f.effective_on = text,
            Column::ExpiresOn => f.expires_on = text,
            Column::Contribution => f.contribution = text,
            Column::Currency => f.currency = text,
            Column::Value => f.value = text,
            Column::UsdRate => f.usd_rate = text,
            Column::RateOn => f.rate_on = text,
            Column::PartyIds => f.party_org = items(&text),
            Column::Parties => row.party_names = items(&text),
            Column::PartyRoles => f.party_role = items(&text),
            Column::PartySignedOn => f.party_signed = items(&text),
            Column::Areas => f.area = items(&text),
            Column::AreaShares => f.area_share = items(&text),
            Column::Places => f.place = items(&text),
            Column::PlaceShares => f.place_share = items(&text),
            Column::TxKinds => f.tx_kind = items(&text),
            Column::TxDates => f.tx_on = items(&text),
            Column::TxAmounts => f.tx_amount = items(&text),
            _ => {}
        }
    }
    // No shares at all: the whole value counts for each.
    if !f.area.is_empty() && f.area_share.iter().all(|s| s.is_empty()) {
        f.areas_whole = "on".into();
    }
    if !f.place.is_empty() && f.place_share.iter().all(|s| s.is_empty()) {
        f.places_whole = "on".into();
    }
    // Lists line up: the longest of a facet's cells sets the number of lines.
    let parties = f.party_org.len().max(row.party_names.len()).max(f.party_role.len());
    for v in [&mut f.party_org, &mut f.party_role, &mut f.party_signed, &mut row.party_names] {
        v.resize(parties, String::new());
    }
    let areas = f.area.len();
    f.area_share.resize(areas, String::new());
    let places = f.place.len();
    f.place_share.resize(places, String::new());
    let txs = f.tx_kind.len().max(f.tx_on.len()).max(f.tx_amount.len());
    for v in [&mut f.tx_kind, &mut f.tx_on, &mut f.tx_amount] {
        v.resize(txs, String::new());
    }
    row
}

/// The most rows one import reads.
pub const IMPORT_MAX: usize = 5_000;

/// What an import found: every row's errors, and whether it stored the file (only when
/// asked to and every row is clean: one bad row stores nothing).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// Rows read, the header aside.
    pub rows: usize,
    /// Header cells that name no column: nothing is stored while one is there, so a
    /// misspelt column cannot drop its data unnoticed.
    pub unknown_columns: Vec<String>,
    /// The file has more rows than one import reads.
    pub too_many: bool,
    /// The rows with errors.
    pub problems: Vec<RowProblem>,
    /// The references the rows have or would get, in the file's order (when clean).
    pub references: Vec<String>,
    pub stored: bool,
}

impl ImportReport {
    pub fn clean(&self) -> bool {
        self.unknown_columns.is_empty() && !self.too_many && self.problems.is_empty() && self.rows > 0
    }
}

/// A row with errors: its line in the file, its title, and each error under the column it
/// is about (`parties.2`: the second party of the row).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    pub line: u64,
    pub title: String,
    pub errors: Vec<crate::error::FieldError>,
}

/// The column of the sheet a form field stands for, with the item (from 1) of a list:
/// `party_org.2` → `parties.3`, `area_share` (the shares' sum) → `area_shares`.
pub fn column_of(field: &str) -> String {
    let (name, item) = match field.split_once('.') {
        Some((name, i)) => (name, i.parse::<usize>().ok().map(|i| i + 1)),
        None => (field, None),
    };
    let column = match name {
        "original_locale" => "language",
        "party_org" | "parties" => "parties",
        "party_role" => "party_roles",
        "party_signed" => "party_signed_on",
        "area" | "areas" => "areas",
        "area_share" => "area_shares",
        "place" | "places" => "places",
        "place_share" => "place_shares",
        "tx_kind" => "tx_kinds",
        "tx_on" => "tx_dates",
        "tx_amount" => "tx_amounts",
        other => other,
    };
    match item {
        Some(i) => format!("{column}.{i}"),
        None => column.to_owned(),
    }
}

/// The import template: the columns the import reads, and one example row that a reader
/// replaces (its party must be in the registry under that name for it to import).
pub fn template() -> (Vec<&'static str>, Vec<String>) {
    let example = |c: Column| match c {
        Column::Kind => "cooperation",
        Column::Status => "signed",
        Column::Public => "no",
        Column::Language => "en",
        Column::Title => "Digital skills for rural schools",
        Column::Summary => "Training for 300 teachers and connectivity for 40 schools.",
        Column::AgencyRole => "accountable",
        Column::AgencySignedOn => "2016-03-14",
        Column::EffectiveOn => "2016-04-01",
        Column::ExpiresOn => "2018-03-31",
        Column::Contribution => "financial",
        Column::Currency => "EUR",
        Column::Value => "250000",
        Column::UsdRate => "1.1127",
        Column::RateOn => "2016-03-01",
        Column::Parties => "Example Foundation",
        Column::PartyRoles => "funding",
        Column::PartySignedOn => "2016-03-10",
        Column::Areas => "digital_inclusion; capacity_building",
        Column::AreaShares => "60; 40",
        Column::Places => "country:KE; region:africa",
        Column::TxKinds => "commitment; received",
        Column::TxDates => "2016-03-14; 2016-06-30",
        Column::TxAmounts => "250000; 125000",
        _ => "",
    };
    let columns: Vec<Column> = Column::ALL.iter().copied().filter(|c| c.read()).collect();
    (columns.iter().map(|c| c.code()).collect(), columns.iter().map(|c| example(*c).to_owned()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_name_the_sheets_columns_with_items_from_one() {
        assert_eq!(column_of("party_org.2"), "parties.3");
        assert_eq!(column_of("area_share"), "area_shares");
        assert_eq!(column_of("place.0"), "places.1");
        assert_eq!(column_of("original_locale"), "language");
        assert_eq!(column_of("currency"), "currency");
    }

    #[test]
    fn the_template_reads_back_into_the_form_it_shows() {
        let (header, example) = template();
        assert!(header.iter().all(|c| Column::parse(c).is_some_and(Column::read)));
        let header: Vec<Option<Column>> = header.iter().map(|c| Column::parse(c)).collect();
        let row = read_row(&header, &example);
        assert_eq!((row.status.as_str(), row.form.kind.as_str()), ("signed", "cooperation"));
        assert_eq!(row.party_names, ["Example Foundation"]);
        assert_eq!(row.form.party_org, [""], "lined up with the names");
        assert_eq!(row.form.area, ["digital_inclusion", "capacity_building"]);
        assert_eq!((row.form.area_share.clone(), row.form.areas_whole.as_str()), (vec!["60".into(), "40".into()], ""));
        assert_eq!((row.form.place_share.clone(), row.form.places_whole.as_str()), (vec![String::new(); 2], "on"));
        assert_eq!(row.form.tx_amount, ["250000", "125000"]);
        assert_eq!(items(" "), Vec::<String>::new());
        assert_eq!(items("a;;b"), ["a", "", "b"], "an empty item keeps the lists lined up");
    }

    #[test]
    fn labels_are_written_but_never_read() {
        for c in Column::ALL {
            assert_eq!(c.read(), !c.code().contains("_label") && !matches!(c, Column::SignedOn | Column::Usd), "{c:?}");
        }
        assert!(!columns(false).contains(&Column::Public) && columns(true).contains(&Column::Public));
    }
}
