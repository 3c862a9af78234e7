//! The record of agreements held in memory: which agreements a search gives, their totals,
//! the organisations behind them and the charts.
//!
//! Asked of SQL, every filter was an `EXISTS` probe per agreement and every public page ran
//! six statements over the whole record (seconds at 100,000 agreements). The facts a search
//! reads (dates, states, values, shares, parties, places resolved to their regions and to the
//! country groups they were members of on the day signed and today) take a few tens of
//! megabytes at that size, so they are loaded once into a [`Snapshot`] and loaded again only
//! when the stored record version changes: every write that touches them bumps it, in its
//! transaction. A search then costs the version lookup, the search-term lookups and the shown
//! page's rows. This module does no I/O: the agreements repository reads the rows
//! ([`Sources`]) and the agreements service hands them over.
use crate::domain::agreement::{AgreementKind, AgreementQuery, AgreementStatus, GLOBAL, PartnerRow};
use crate::domain::agreement_chart::{AgreementCharts, Bar, By, ChartAgreement, Counting, per_year, tally};
use crate::domain::organisation::OrganisationKind;
use crate::ssr::db::agreements::{Head, Membership, PartyOrganisation, Sources};
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

/// How many charts a snapshot remembers; when full it forgets them all and starts again.
const CHARTS_REMEMBERED: usize = 64;

/// The small number a snapshot gives a code.
type Key = u16;

/// The codes of one kind (areas, regions, countries or groups), numbered as first seen.
#[derive(Debug, Default)]
struct Codes(HashMap<String, Key>);

impl Codes {
    fn key(&mut self, code: &str) -> Key {
        if let Some(key) = self.0.get(code) {
            return *key;
        }
        let key = Key::try_from(self.0.len()).unwrap_or(Key::MAX);
        self.0.insert(code.to_owned(), key);
        key
    }

    fn find(&self, code: &str) -> Option<Key> {
        self.0.get(code).copied()
    }
}

/// What a search knows of one agreement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    /// The day signed as the number `YYYYMMDD` (0: unsigned), compared as a number.
    pub day: u32,
    pub year: i64,
    pub kind: AgreementKind,
    pub status: AgreementStatus,
    pub public: bool,
    pub amendment: bool,
    pub usd_cents: i64,
    pub updated_at: i64,
    /// Its areas with their shares, in the snapshot's `shares`.
    areas: Span,
    /// The regions a chart counts it in, in `shares`: each place's region, a country's
    /// region, global for a country group or a country of no region.
    chart_regions: Span,
    /// The regions a search by region finds it in (its regions and its countries'), in `keys`.
    regions: Span,
    countries: Span,
    /// The groups it was for on the day signed (or today, when unsigned), and today, in `keys`.
    groups_signed: Span,
    groups_today: Span,
    /// Its parties, in `parties`: indexes into the snapshot's organisations.
    parties: Span,
}

/// Where one entry's list lies in one of the snapshot's arenas. The lists live side by side
/// in entry order rather than each in its own allocation, so a scan over every agreement
/// reads memory in order instead of chasing a pointer per agreement (a cache miss each: the
/// charts over 100,000 agreements spent most of their time on them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// Appends `items` to `arena`, keeping where they went.
    fn push<T: Copy>(arena: &mut Vec<T>, items: &[T]) -> Span {
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let start = at(arena.len());
        arena.extend_from_slice(items);
        Span { start, end: at(arena.len()) }
    }

    fn of<T>(self, arena: &[T]) -> &[T] {
        let at = |n: u32| usize::try_from(n).unwrap_or(usize::MAX);
        arena.get(at(self.start)..at(self.end)).unwrap_or(&[])
    }
}

/// The whole record, in the order lists show it: newest signature first, unsigned last.
#[derive(Debug, Default)]
pub struct Snapshot {
    entries: Vec<Entry>,
    /// How many of `entries` are signed: they come first, newest first.
    signed: usize,
    /// The organisations party to an agreement, in the order of their ids.
    organisations: Vec<PartyOrganisation>,
    /// The entries' lists ([`Span`]): codes with shares, codes, organisation indexes.
    shares: Vec<(Key, Option<u32>)>,
    keys: Vec<Key>,
    parties: Vec<u32>,
    /// Charts already drawn from this snapshot, by what was asked ([`Snapshot::remembered`]).
    charts_drawn: Mutex<HashMap<String, AgreementCharts>>,
    areas: Codes,
    regions: Codes,
    countries: Codes,
    groups: Codes,
}

/// A query's codes as the snapshot numbers them; `None` where a code is unknown, so nothing
/// can match.
struct Wanted {
    area: Option<Key>,
    region: Option<Key>,
    country: Option<Key>,
    group: Option<Key>,
}

fn share(s: Option<i64>) -> Option<u32> {
    s.and_then(|s| u32::try_from(s).ok())
}

fn dedup<T: Ord>(mut keys: Vec<T>) -> Vec<T> {
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// `YYYY-MM-DD` as the number `YYYYMMDD`; 0 for anything else.
fn day_number(day: &str) -> u32 {
    let digits: String = day.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 8 { digits.parse().unwrap_or(0) } else { 0 }
}

/// The number `YYYYMMDD` as `YYYY-MM-DD`.
fn day_text(day: u32) -> String {
    format!("{:04}-{:02}-{:02}", day / 10_000, day / 100 % 100, day % 100)
}

impl Snapshot {
    pub fn build(sources: Sources) -> Self {
        let mut s = Snapshot::default();
        let global = s.regions.key(GLOBAL);
        let mut at: HashMap<i64, usize> = HashMap::with_capacity(sources.heads.len());
        let heads = sources.heads;
        // Built as vectors, then boxed: the lines come grouped by agreement but not sorted.
        type Lines =
            (Vec<(Key, Option<u32>)>, Vec<(Key, Option<u32>)>, Vec<Key>, Vec<Key>, Vec<Key>, Vec<Key>, Vec<u32>);
        let mut lines: Vec<Lines> = Vec::with_capacity(heads.len());
        let mut periods: HashMap<&str, Vec<&Membership>> = HashMap::new();
        for m in &sources.periods {
            periods.entry(m.country.as_str()).or_default().push(m);
        }
        let mut today: HashMap<&str, Vec<&str>> = HashMap::new();
        for (country, group) in &sources.today {
            today.entry(country.as_str()).or_default().push(group.as_str());
        }
        for (i, h) in heads.iter().enumerate() {
            at.insert(h.id, i);
            lines.push(Default::default());
        }
        for (id, code, sh) in &sources.areas {
            if let Some(i) = at.get(id) {
                let key = s.areas.key(code);
                lines[*i].0.push((key, share(*sh)));
            }
        }
        for p in &sources.places {
            let Some(i) = at.get(&p.agreement_id) else { continue };
            let region = p.region.as_deref().or(p.country_region.as_deref()).map(|r| s.regions.key(r));
            let line = &mut lines[*i];
            line.1.push((region.unwrap_or(global), share(p.share)));
            line.2.extend(region);
            if let Some(group) = &p.group {
                let key = s.groups.key(group);
                line.4.push(key);
                line.5.push(key);
            }
            if let Some(country) = &p.country {
                line.3.push(s.countries.key(country));
                // Membership on the day signed; an unsigned agreement by today's.
                let day = heads[*i].signed_on.as_deref().unwrap_or("9999");
                for m in periods.get(country.as_str()).into_iter().flatten() {
                    if m.since.as_deref().is_none_or(|since| since <= day) && m.until.as_deref().is_none_or(|u| u > day)
                    {
                        line.4.push(s.groups.key(&m.group));
                    }
                }
                for g in today.get(country.as_str()).into_iter().flatten() {
                    line.5.push(s.groups.key(g));
                }
            }
        }
        let used: HashSet<i64> = sources.parties.iter().map(|(_, o)| *o).collect();
        s.organisations = sources.organisations.into_iter().filter(|o| used.contains(&o.id)).collect();
        s.organisations.sort_by_key(|o| o.id);
        s.organisations.dedup_by_key(|o| o.id);
        for (id, organisation) in &sources.parties {
            let index = s.organisations.binary_search_by_key(organisation, |o| o.id);
            if let (Some(i), Ok(index)) = (at.get(id), index) {
                lines[*i].6.push(u32::try_from(index).unwrap_or(u32::MAX));
            }
        }
        let mut rows: Vec<(u32, Head, Lines)> = heads
            .into_iter()
            .zip(lines)
            .map(|(h, lines)| (h.signed_on.as_deref().map(day_number).unwrap_or(0), h, lines))
            .collect();
        rows.sort_unstable_by(|(a, x, _), (b, y, _)| (*a == 0).cmp(&(*b == 0)).then(b.cmp(a)).then(y.id.cmp(&x.id)));
        s.entries = Vec::with_capacity(rows.len());
        for (day, h, (areas, chart_regions, regions, countries, signed, now, parties)) in rows {
            let entry = Entry {
                id: h.id,
                day,
                year: i64::from(day / 10_000),
                kind: AgreementKind::parse(&h.kind).unwrap_or(AgreementKind::Other),
                status: AgreementStatus::parse(&h.status).unwrap_or(AgreementStatus::Draft),
                public: h.public,
                amendment: h.amendment,
                usd_cents: h.usd_cents,
                updated_at: h.updated_at,
                areas: Span::push(&mut s.shares, &areas),
                chart_regions: Span::push(&mut s.shares, &chart_regions),
                regions: Span::push(&mut s.keys, &dedup(regions)),
                countries: Span::push(&mut s.keys, &dedup(countries)),
                groups_signed: Span::push(&mut s.keys, &dedup(signed)),
                groups_today: Span::push(&mut s.keys, &dedup(now)),
                parties: Span::push(&mut s.parties, &dedup(parties)),
            };
            s.entries.push(entry);
        }
        s.signed = s.entries.partition_point(|e| e.day != 0);
        s
    }

    /// The charts drawn earlier from this snapshot for `key` (everything they depend on
    /// besides the snapshot: the search, how it counts, who asks and in what language).
    /// Every visitor of the record's page asks for the same charts until the record changes,
    /// and a changed record is a new snapshot: nothing remembered can be stale.
    pub fn remembered(&self, key: &str) -> Option<AgreementCharts> {
        self.charts_drawn.lock().ok().and_then(|m| m.get(key).cloned())
    }

    /// Keeps `charts` for [`Snapshot::remembered`]; when full, forgets everything first.
    pub fn remember(&self, key: String, charts: &AgreementCharts) {
        if let Ok(mut m) = self.charts_drawn.lock() {
            if m.len() >= CHARTS_REMEMBERED {
                m.clear();
            }
            m.insert(key, charts.clone());
        }
    }

    /// How many agreements the snapshot holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The query's codes as numbered here; `None` when one of them is unknown.
    fn wanted(&self, q: &AgreementQuery) -> Option<Wanted> {
        let key = |codes: &Codes, code: &Option<String>| match code {
            None => Some(None),
            Some(c) => codes.find(c).map(Some),
        };
        Some(Wanted {
            area: key(&self.areas, &q.area)?,
            region: key(&self.regions, &q.region)?,
            country: key(&self.countries, &q.country)?,
            group: key(&self.groups, &q.group)?,
        })
    }

    /// The agreements a search gives, in list order: `public_only` keeps the public, signed
    /// ones; `found`, when the search has words, the ids its words found.
    pub fn matching(&self, q: &AgreementQuery, public_only: bool, found: Option<&HashSet<i64>>) -> Vec<&Entry> {
        let Some(w) = self.wanted(q) else { return Vec::new() };
        // Signed agreements come first, newest first: a period is a slice of them.
        let range = if q.from_year.is_none() && q.to_year.is_none() {
            &self.entries[..]
        } else {
            let year = |y: i64| u32::try_from(y.clamp(0, 9_999)).unwrap_or(0);
            let signed = &self.entries[..self.signed];
            let start = q.to_year.map_or(0, |y| signed.partition_point(|e| e.day > year(y) * 10_000 + 1_231));
            let end = q.from_year.map_or(signed.len(), |y| signed.partition_point(|e| e.day >= year(y) * 10_000 + 101));
            &signed[start..end.max(start)]
        };
        let has = |list: &[Key], key: Option<Key>| key.is_none_or(|k| list.contains(&k));
        let party = q.party.map(|p| self.organisations.binary_search_by_key(&p, |o| o.id));
        if matches!(party, Some(Err(_))) {
            return Vec::new();
        }
        range
            .iter()
            .filter(|e| {
                (!public_only || (e.public && e.status != AgreementStatus::Draft))
                    && q.kind.is_none_or(|k| e.kind == k)
                    && q.status.is_none_or(|s| e.status == s)
                    && q.min_usd.is_none_or(|m| e.usd_cents >= m.saturating_mul(100))
                    && q.max_usd.is_none_or(|m| e.usd_cents <= m.saturating_mul(100))
                    && w.area.is_none_or(|k| e.areas.of(&self.shares).iter().any(|(a, _)| *a == k))
                    && has(e.regions.of(&self.keys), w.region)
                    && has(e.countries.of(&self.keys), w.country)
                    && has(if q.groups_today { e.groups_today } else { e.groups_signed }.of(&self.keys), w.group)
                    && party.is_none_or(|p| {
                        p.is_ok_and(|i| e.parties.of(&self.parties).contains(&u32::try_from(i).unwrap_or(u32::MAX)))
                    })
                    && found.is_none_or(|f| f.contains(&e.id))
            })
            .collect()
    }

    /// The organisations party to `matched`: how many of them each, their total value and
    /// the latest signature; most agreements first, then the most value, then by name; at
    /// most `limit`, with how many there are in all.
    pub fn partners(&self, matched: &[&Entry], limit: usize) -> (Vec<PartnerRow>, usize) {
        // Agreements, value and latest day, per organisation index.
        let mut tallies: Vec<(i64, i64, u32)> = vec![(0, 0, 0); self.organisations.len()];
        for e in matched {
            for party in e.parties.of(&self.parties) {
                if let Some(row) = usize::try_from(*party).ok().and_then(|i| tallies.get_mut(i)) {
                    row.0 += 1;
                    row.1 = row.1.saturating_add(e.usd_cents);
                    row.2 = row.2.max(e.day);
                }
            }
        }
        let mut rows: Vec<(&PartyOrganisation, (i64, i64, u32))> =
            self.organisations.iter().zip(tallies).filter(|(_, t)| t.0 > 0).collect();
        let order = |(a, x): &(&PartyOrganisation, (i64, i64, u32)), (b, y): &(&PartyOrganisation, (i64, i64, u32))| {
            y.0.cmp(&x.0).then(y.1.cmp(&x.1)).then_with(|| a.name.cmp(&b.name)).then(a.id.cmp(&b.id))
        };
        let total = rows.len();
        if rows.len() > limit && limit > 0 {
            rows.select_nth_unstable_by(limit - 1, order);
        }
        rows.truncate(limit);
        rows.sort_by(order);
        let rows = rows
            .into_iter()
            .map(|(o, (agreements, usd_cents, latest))| PartnerRow {
                id: o.id,
                name: o.name.clone(),
                acronym: o.acronym.clone(),
                kind: OrganisationKind::parse(&o.kind).unwrap_or(OrganisationKind::Other),
                country: o.country.clone(),
                agreements,
                usd_cents,
                latest: (latest != 0).then(|| day_text(latest)),
            })
            .collect();
        (rows, total)
    }

    /// The charts of `matched` (signed agreements only), counted as `counting` says, with a
    /// bar for each of `regions` and `areas` (`(code, name)`, in the reader's language), and
    /// a year from `from` (or the first signed) to `to` (or the last), forty at most.
    pub fn charts(
        &self,
        matched: &[&Entry],
        counting: Counting,
        regions: &[(String, String)],
        areas: &[(String, String)],
        from: Option<i64>,
        to: Option<i64>,
    ) -> AgreementCharts {
        let signed: Vec<&Entry> =
            matched.iter().copied().filter(|e| e.day != 0 && e.status != AgreementStatus::Draft).collect();
        let charted = || {
            signed.iter().map(|e| ChartAgreement {
                year: e.year,
                amendment: e.amendment,
                usd_cents: e.usd_cents,
                areas: e.areas.of(&self.shares),
                regions: e.chart_regions.of(&self.shares),
            })
        };
        let bars = |codes: &Codes, names: &[(String, String)]| -> Vec<Bar<Key>> {
            names.iter().map(|(code, name)| (codes.find(code), code.clone(), name.clone())).collect()
        };
        let first = from.or_else(|| signed.iter().map(|e| e.year).min()).unwrap_or(0);
        let last = to.or_else(|| signed.iter().map(|e| e.year).max()).unwrap_or(0);
        AgreementCharts {
            counting: counting.code().to_owned(),
            by_region: tally(charted(), By::Region, counting, &bars(&self.regions, regions)),
            by_area: tally(charted(), By::Area, counting, &bars(&self.areas, areas)),
            by_year: if signed.is_empty() { Vec::new() } else { per_year(charted(), first.max(last - 39), last) },
        }
    }
}

/// How many agreements, worth how much in US cents.
pub fn totals(matched: &[&Entry]) -> (i64, i64) {
    let usd: i128 = matched.iter().map(|e| i128::from(e.usd_cents)).sum();
    (i64::try_from(matched.len()).unwrap_or(i64::MAX), i64::try_from(usd).unwrap_or(i64::MAX))
}

/// The snapshot this server holds, with the record version it was read at.
pub type RecordCache = crate::ssr::infra::snapshot_cache::SnapshotCache<Snapshot>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::agreement_chart::ONE;
    use crate::ssr::db::agreements::PlaceRow;

    fn head(id: i64, signed_on: Option<&str>, status: &str, public: bool, usd_cents: i64) -> Head {
        Head {
            id,
            signed_on: signed_on.map(str::to_owned),
            kind: "cooperation".into(),
            status: status.into(),
            public,
            amendment: false,
            usd_cents,
            updated_at: id * 10,
        }
    }

    fn place(agreement_id: i64, f: impl FnOnce(&mut PlaceRow)) -> PlaceRow {
        let mut p = PlaceRow { agreement_id, ..Default::default() };
        f(&mut p);
        p
    }

    fn organisation(id: i64, name: &str) -> PartyOrganisation {
        PartyOrganisation { id, name: name.into(), acronym: None, kind: "foundation".into(), country: None }
    }

    /// 1: Vanuatu (a small island, least developed until 2020) in 2015, public; 2: Vanuatu in
    /// 2022, public; 3: Africa by region and Kenya, staff-only; 4: a draft for the least
    /// developed countries as a group, unsigned.
    fn snapshot() -> Snapshot {
        Snapshot::build(Sources {
            heads: vec![
                head(3, Some("2021-06-01"), "signed", false, 5_000),
                head(1, Some("2015-03-01"), "active", true, 1_000),
                head(4, None, "draft", false, 0),
                head(2, Some("2022-01-10"), "signed", true, 2_000),
            ],
            areas: vec![
                (1, "digital_inclusion".into(), None),
                (2, "digital_inclusion".into(), Some(2_500)),
                (2, "cybersecurity".into(), Some(7_500)),
                (3, "cybersecurity".into(), None),
                (9, "cybersecurity".into(), None),
            ],
            places: vec![
                place(1, |p| {
                    p.country = Some("VU".into());
                    p.country_region = Some("asia_pacific".into());
                }),
                place(2, |p| {
                    p.country = Some("VU".into());
                    p.country_region = Some("asia_pacific".into());
                }),
                place(3, |p| {
                    p.region = Some("africa".into());
                    p.share = Some(5_000);
                }),
                place(3, |p| {
                    p.country = Some("KE".into());
                    p.country_region = Some("africa".into());
                    p.share = Some(5_000);
                }),
                place(4, |p| p.group = Some("ldc".into())),
            ],
            parties: vec![(1, 10), (2, 10), (2, 11), (3, 11), (3, 11), (4, 12)],
            organisations: vec![organisation(10, "Sahel"), organisation(11, "Baltic"), organisation(12, "Andes")],
            periods: vec![
                Membership { country: "VU".into(), group: "ldc".into(), since: None, until: Some("2020-12-04".into()) },
                Membership { country: "VU".into(), group: "sids".into(), since: None, until: None },
            ],
            today: vec![("VU".into(), "sids".into())],
        })
    }

    fn query(pairs: &[(&str, &str)]) -> AgreementQuery {
        AgreementQuery::from_pairs(pairs.iter().copied()).0
    }

    fn ids(matched: &[&Entry]) -> Vec<i64> {
        matched.iter().map(|e| e.id).collect()
    }

    #[test]
    fn lists_run_newest_signature_first_with_the_unsigned_last() {
        let s = snapshot();
        assert_eq!(ids(&s.matching(&query(&[]), false, None)), [2, 3, 1, 4]);
        assert_eq!(ids(&s.matching(&query(&[]), true, None)), [2, 1], "the public see public, signed ones");
    }

    #[test]
    fn filters_read_areas_places_parties_years_and_amounts() {
        let s = snapshot();
        let find = |pairs: &[(&str, &str)]| ids(&s.matching(&query(pairs), false, None));
        assert_eq!(find(&[("area", "cybersecurity")]), [2, 3]);
        assert_eq!(find(&[("region", "africa")]), [3]);
        assert_eq!(find(&[("region", "asia_pacific")]), [2, 1], "a country counts in its region");
        assert_eq!(find(&[("country", "KE")]), [3]);
        assert_eq!(find(&[("party", "11")]), [2, 3]);
        assert_eq!(find(&[("from", "2016"), ("to", "2021")]), [3]);
        assert_eq!(find(&[("from", "2000")]), [2, 3, 1], "a year range leaves the unsigned out");
        assert_eq!(find(&[("min", "15"), ("max", "30")]), [2]);
        assert_eq!(find(&[("status", "draft")]), [4]);
        assert_eq!(find(&[("area", "no_such_area")]), Vec::<i64>::new(), "an unknown code finds nothing");
        assert_eq!(find(&[("area", "cybersecurity"), ("region", "africa")]), [3]);
        let words: HashSet<i64> = [1, 3].into_iter().collect();
        assert_eq!(ids(&s.matching(&query(&[]), false, Some(&words))), [3, 1]);
    }

    #[test]
    fn a_period_takes_whole_years_at_both_ends() {
        let s = snapshot();
        let find = |pairs: &[(&str, &str)]| ids(&s.matching(&query(pairs), false, None));
        assert_eq!(find(&[("from", "2022")]), [2], "1 January of the first year counts");
        assert_eq!(find(&[("to", "2015")]), [1], "31 December of the last year counts");
        assert_eq!(find(&[("from", "2021"), ("to", "2021")]), [3]);
        assert_eq!(find(&[("from", "2016"), ("to", "2020")]), Vec::<i64>::new());
        assert_eq!(find(&[("from", "2022"), ("to", "2015")]), [2, 3, 1], "a period upside down is read both ways");
        assert_eq!(find(&[("to", "1999")]), Vec::<i64>::new());
        assert_eq!((day_number("2021-06-01"), day_text(20_210_601)), (20_210_601, "2021-06-01".to_owned()));
        assert_eq!(day_number("2021-6-1"), 0, "anything but a full date is unsigned");
    }

    #[test]
    fn charts_are_remembered_per_snapshot_and_forgotten_when_too_many() {
        let s = snapshot();
        let all = s.matching(&query(&[]), false, None);
        let charts = s.charts(&all, Counting::Each, &[], &[], None, None);
        assert!(s.remembered("a").is_none());
        s.remember("a".into(), &charts);
        assert_eq!(s.remembered("a").map(|c| c.by_year.len()), Some(charts.by_year.len()));
        for n in 1..CHARTS_REMEMBERED {
            s.remember(n.to_string(), &charts);
        }
        assert!(s.remembered("a").is_some(), "{CHARTS_REMEMBERED} fit");
        s.remember("one more".into(), &charts);
        assert!(s.remembered("a").is_none() && s.remembered("one more").is_some());
        assert!(snapshot().remembered("one more").is_none(), "a new snapshot remembers nothing");
    }

    #[test]
    fn country_groups_count_by_membership_on_the_day_signed_or_today() {
        let s = snapshot();
        let find = |pairs: &[(&str, &str)]| ids(&s.matching(&query(pairs), false, None));
        assert_eq!(find(&[("group", "ldc")]), [1, 4], "Vanuatu graduated in 2020; a group place counts");
        assert_eq!(find(&[("group", "ldc"), ("groups", "today")]), [4]);
        assert_eq!(find(&[("group", "sids")]), [2, 1]);
    }

    #[test]
    fn the_organisations_table_counts_each_agreement_once_per_organisation() {
        let s = snapshot();
        let all = s.matching(&query(&[]), false, None);
        let rows: Vec<(i64, i64, i64, Option<String>)> =
            s.partners(&all, 10).0.into_iter().map(|p| (p.id, p.agreements, p.usd_cents, p.latest)).collect();
        assert_eq!(
            rows,
            [(11, 2, 7_000, Some("2022-01-10".into())), (10, 2, 3_000, Some("2022-01-10".into())), (12, 1, 0, None)]
        );
        let (first, total) = s.partners(&all, 1);
        assert_eq!((first.len(), total), (1, 3));
        assert_eq!(totals(&all), (4, 8_000));
    }

    #[test]
    fn charts_count_signed_agreements_by_region_area_and_year() {
        let s = snapshot();
        let all = s.matching(&query(&[]), false, None);
        let names = |codes: &[&str]| codes.iter().map(|c| ((*c).to_owned(), c.to_uppercase())).collect::<Vec<_>>();
        let regions = names(&["africa", "asia_pacific", "global", "europe"]);
        let areas = names(&["digital_inclusion", "cybersecurity"]);
        let split = s.charts(&all, Counting::Split, &regions, &areas, None, None);
        let new = |t: &[crate::domain::agreement_chart::Tally]| t.iter().map(|t| t.new).collect::<Vec<_>>();
        assert_eq!(new(&split.by_region), [ONE, 2 * ONE, 0, 0], "the draft is not charted; Kenya counts in Africa");
        assert_eq!(new(&split.by_area), [ONE + 2_500, 7_500 + ONE]);
        assert_eq!(split.by_area[1].new_cents, 1_500 + 5_000);
        assert_eq!(split.by_year.first().map(|y| y.code.as_str()), Some("2015"));
        assert_eq!(split.by_year.len(), 8);
        assert_eq!(new(&split.by_year)[0], ONE);
        let each = s.charts(&all, Counting::Each, &regions, &areas, Some(2020), Some(2022));
        assert_eq!(new(&each.by_area), [2 * ONE, 2 * ONE]);
        assert_eq!(new(&each.by_year), [0, ONE, ONE]);
        let none = s.charts(&[], Counting::Each, &regions, &areas, None, None);
        assert!(none.by_year.is_empty() && none.by_region.iter().all(|t| t.new == 0));
    }
}
