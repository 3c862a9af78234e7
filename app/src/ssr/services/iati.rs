//! `/iati/activities.xml`: the public, signed agreements as IATI 2.03 activities — the
//! agency as reporting organisation, every party with its IATI role and type, the agency's
//! areas of action as a reporting-organisation sector vocabulary beside DAC 5-digit sectors,
//! recipient countries and regions with percentages, the value as a budget, and the
//! transactions. Staff-only agreements are never read.
use crate::domain::agreement::{
    AgreementQuery, AgreementRecord, AgreementStatus, Place, currency_exponent, format_fixed,
};
use crate::domain::format::{rfc3339, xml};
use crate::domain::organisation::OrganisationKind;
use crate::error::AppError;
use crate::ssr::db::agreements as repo;
use crate::ssr::infra::database::Db;
use crate::ssr::record_engine::RecordCache;
use std::fmt::Write;

/// Who reports: the agency's IATI organisation identifier and name.
pub struct Reporter<'a> {
    pub reference: &'a str,
    pub name: &'a str,
    /// The agency's site, for the vocabulary of its areas of action.
    pub public_url: &'a str,
}

/// The DAC 5-digit sector closest to an area of action.
fn dac_sector(area: &str) -> &'static str {
    match area {
        "statistics" => "16062",
        "enabling_environment" => "22010",
        "climate_change" => "41010",
        "emergency_telecommunications" => "72050",
        "capacity_building" => "22040",
        _ => "22040",
    }
}

/// The OECD DAC region (IATI region vocabulary 1) of a region of the agency.
fn dac_region(region: &str) -> &'static str {
    match region {
        "africa" => "298",
        "americas" => "498",
        "arab_states" => "589",
        "asia_pacific" => "798",
        "cis" => "619",
        "europe" => "89",
        _ => "998",
    }
}

/// The IATI activity status of an agreement's state.
fn activity_status(status: AgreementStatus) -> &'static str {
    match status {
        AgreementStatus::Draft => "1",
        AgreementStatus::Signed | AgreementStatus::Active => "2",
        AgreementStatus::Expired => "4",
        AgreementStatus::Terminated => "5",
    }
}

/// Percentages of a list of shares (hundredths of a per cent; equal parts where none are
/// given), written with two decimals, summing to exactly 100.
fn percentages(shares: &[Option<u32>]) -> Vec<String> {
    let n = u32::try_from(shares.len()).unwrap_or(1).max(1);
    let whole = crate::domain::agreement::WHOLE;
    let parts: Vec<u32> = if shares.iter().all(Option::is_some) {
        shares.iter().map(|s| s.unwrap_or(0)).collect()
    } else {
        (0..n).map(|i| whole / n + if i == 0 { whole % n } else { 0 }).collect()
    };
    parts.into_iter().map(|p| format!("{}.{:02}", p / 100, p % 100)).collect()
}

/// Writes one activity.
fn activity(out: &mut String, r: &AgreementRecord, kinds: &[(i64, String)], reporter: &Reporter, updated: i64) {
    let id = format!("{}-{}", reporter.reference, r.reference);
    let lang = &r.original_locale;
    let _ = writeln!(
        out,
        "  <iati-activity last-updated-datetime=\"{}\" xml:lang=\"{}\" default-currency=\"{}\">",
        rfc3339(updated),
        xml(lang),
        xml(r.value.as_ref().map_or("USD", |v| v.currency.as_str()))
    );
    let _ = writeln!(out, "    <iati-identifier>{}</iati-identifier>", xml(&id));
    let _ = writeln!(
        out,
        "    <reporting-org ref=\"{}\" type=\"40\"><narrative>{}</narrative></reporting-org>",
        xml(reporter.reference),
        xml(reporter.name)
    );
    let _ = writeln!(out, "    <title><narrative>{}</narrative></title>", xml(&r.title));
    let summary = if r.summary.is_empty() { &r.title } else { &r.summary };
    let _ = writeln!(out, "    <description type=\"1\"><narrative>{}</narrative></description>", xml(summary));
    let agency_role = r.agency_role.iati_code();
    let _ = writeln!(
        out,
        "    <participating-org ref=\"{}\" type=\"40\" role=\"{agency_role}\"><narrative>{}</narrative></participating-org>",
        xml(reporter.reference),
        xml(reporter.name)
    );
    for p in &r.parties {
        let kind = kinds
            .iter()
            .find(|(id, _)| *id == p.organisation)
            .and_then(|(_, k)| OrganisationKind::parse(k))
            .map_or("90", OrganisationKind::iati_code);
        let _ = writeln!(
            out,
            "    <participating-org type=\"{kind}\" role=\"{}\"><narrative>{}</narrative></participating-org>",
            p.role.iati_code(),
            xml(&p.name)
        );
    }
    let _ = writeln!(out, "    <activity-status code=\"{}\"/>", activity_status(r.status));
    let start = r.effective_on.clone().or_else(|| r.signed_on.clone());
    if let Some(d) = &start {
        let _ = writeln!(out, "    <activity-date type=\"2\" iso-date=\"{}\"/>", xml(d));
    }
    if let Some(d) = &r.expires_on {
        let kind = if r.status == AgreementStatus::Expired { "4" } else { "3" };
        let _ = writeln!(out, "    <activity-date type=\"{kind}\" iso-date=\"{}\"/>", xml(d));
    }
    if start.is_none() && r.expires_on.is_none() {
        let _ =
            writeln!(out, "    <activity-date type=\"1\" iso-date=\"{}\"/>", crate::domain::format::iso_date(updated));
    }
    // Countries and regions share 100 %; country groups have no IATI code and are left out.
    let places: Vec<(Place, Option<u32>)> = r
        .places
        .iter()
        .filter_map(|c| Place::parse(&c.code).map(|p| (p, c.share)))
        .filter(|(p, _)| !matches!(p, Place::Group(_)))
        .collect();
    let shares: Vec<Option<u32>> = places.iter().map(|(_, s)| *s).collect();
    let percent = percentages(&shares);
    for ((p, _), pc) in places.iter().zip(&percent) {
        if let Place::Country(code) = p {
            let _ = writeln!(out, "    <recipient-country code=\"{}\" percentage=\"{pc}\"/>", xml(code));
        }
    }
    for ((p, _), pc) in places.iter().zip(&percent) {
        if let Place::Region(code) = p {
            let _ = writeln!(
                out,
                "    <recipient-region code=\"{}\" vocabulary=\"1\" percentage=\"{pc}\"/>",
                dac_region(code)
            );
        }
    }
    let area_shares: Vec<Option<u32>> = r.areas.iter().map(|a| a.share).collect();
    let area_percent = percentages(&area_shares);
    let vocabulary = format!("{}/en/agreements", reporter.public_url);
    for (a, pc) in r.areas.iter().zip(&area_percent) {
        let _ = writeln!(
            out,
            "    <sector vocabulary=\"99\" vocabulary-uri=\"{}\" code=\"{}\" percentage=\"{pc}\"><narrative>{}</narrative></sector>",
            xml(&vocabulary),
            xml(&a.code),
            xml(&a.name)
        );
    }
    // The DAC sectors of the areas, their percentages added where two areas share one.
    let mut dac: Vec<(&str, u32)> = Vec::new();
    for (a, pc) in r.areas.iter().zip(&area_percent) {
        let hundredths: u32 = pc.replace('.', "").parse().unwrap_or(0);
        match dac.iter_mut().find(|(code, _)| *code == dac_sector(&a.code)) {
            Some((_, total)) => *total += hundredths,
            None => dac.push((dac_sector(&a.code), hundredths)),
        }
    }
    for (code, hundredths) in dac {
        let _ = writeln!(
            out,
            "    <sector vocabulary=\"1\" code=\"{code}\" percentage=\"{}.{:02}\"/>",
            hundredths / 100,
            hundredths % 100
        );
    }
    if let Some(v) = &r.value {
        let exponent = currency_exponent(&v.currency).unwrap_or(2);
        let amount = format_fixed(i128::from(v.minor), exponent);
        let value_date = v.rate_on.clone().or_else(|| r.signed_on.clone()).or_else(|| start.clone());
        if let (Some(from), Some(to), Some(date)) = (&start, &r.expires_on, &value_date) {
            let _ = writeln!(
                out,
                "    <budget type=\"1\" status=\"2\"><period-start iso-date=\"{}\"/><period-end iso-date=\"{}\"/>\
                 <value currency=\"{}\" value-date=\"{}\">{amount}</value></budget>",
                xml(from),
                xml(to),
                xml(&v.currency),
                xml(date)
            );
        }
        for t in &r.transactions {
            let _ = writeln!(
                out,
                "    <transaction><transaction-type code=\"{}\"/><transaction-date iso-date=\"{}\"/>\
                 <value currency=\"{}\" value-date=\"{}\">{}</value></transaction>",
                t.kind.iati_code(),
                xml(&t.on),
                xml(&v.currency),
                xml(&t.on),
                format_fixed(i128::from(t.minor), exponent)
            );
        }
    }
    if let Some((_, original)) = &r.amends {
        let _ = writeln!(
            out,
            "    <related-activity ref=\"{}\" type=\"1\"/>",
            xml(&format!("{}-{original}", reporter.reference))
        );
    }
    out.push_str("  </iati-activity>\n");
}

/// Every public, signed agreement as IATI 2.03 activities, in English names.
pub async fn activities(db: &Db, cache: &RecordCache, reporter: &Reporter<'_>, now: i64) -> Result<String, AppError> {
    let everything = AgreementQuery { page: 1, ..Default::default() };
    let mut ids = crate::ssr::services::agreements::matching(db, cache, &everything, true, usize::MAX).await?;
    let mut conn = db.pool().acquire().await?;
    ids.sort_unstable();
    let mut out = String::new();
    let _ = writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    let _ = writeln!(out, "<iati-activities version=\"2.03\" generated-datetime=\"{}\">", rfc3339(now));
    for (id, updated) in ids {
        let Some(record) = repo::get(&mut conn, id, "en").await? else { continue };
        if !record.public || record.status == AgreementStatus::Draft {
            continue;
        }
        let kinds = repo::party_kinds(&mut conn, id).await?;
        activity(&mut out, &record, &kinds, reporter, updated);
    }
    out.push_str("</iati-activities>\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn percentages_always_sum_to_a_hundred() {
        assert_eq!(super::percentages(&[None, None, None]), ["33.34", "33.33", "33.33"]);
        assert_eq!(super::percentages(&[Some(7500), Some(2500)]), ["75.00", "25.00"]);
        assert_eq!(super::percentages(&[Some(10000)]), ["100.00"]);
    }
}
