//! The agency's charts of agreements, computed from the record: agreements signed per
//! beneficiary region, per area of action and per year, new agreements and amendments apart,
//! as counts and as US dollars. An agreement that covers several regions (areas) is either
//! split by its shares ("split") or counted whole in each ("each"): the reader chooses, and
//! the methodology note says which is shown. Exact integers throughout: a count is kept in
//! ten-thousandths of an agreement, money in cents times ten thousand.
use crate::code_enum;
use serde::{Deserialize, Serialize};

code_enum! {
    /// How an agreement that covers several regions or areas is counted.
    pub enum Counting {
        /// By its shares (equal parts where it gives the whole value to each).
        Split = "split",
        /// Whole, in each.
        Each = "each",
    }
}

/// One agreement as the charts see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartAgreement {
    pub year: i64,
    pub amendment: bool,
    pub usd_cents: i64,
    /// Area codes with their shares (hundredths of a per cent; `None`: the whole value to each).
    pub areas: Vec<(String, Option<u32>)>,
    /// Region codes (a country counts in its region, a country group as global) with shares.
    pub regions: Vec<(String, Option<u32>)>,
}

/// The whole, in the units counts are kept in.
pub const ONE: i64 = 10_000;

/// One bar of a chart: what it stands for and what it adds up to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// A region's or an area's code, or a year.
    pub code: String,
    pub name: String,
    /// New agreements and amendments, in [`ONE`]ths.
    pub new: i64,
    pub amendments: i64,
    /// Their value, in US cents.
    pub new_cents: i64,
    pub amendment_cents: i64,
}

/// Each item's weight in [`ONE`]ths: its share, equal parts where none is given, or the
/// whole to each; an item listed twice (two countries of one region) adds up, once in "each".
fn weights(items: &[(String, Option<u32>)], counting: Counting) -> Vec<(String, i64)> {
    let mut out: Vec<(String, i64)> = Vec::new();
    let n = i64::try_from(items.len()).unwrap_or(1).max(1);
    for (i, (code, share)) in items.iter().enumerate() {
        let w = match counting {
            Counting::Each => ONE,
            Counting::Split => match share {
                Some(s) => i64::from(*s),
                // Equal parts; the first takes what division leaves.
                None => ONE / n + if i == 0 { ONE % n } else { 0 },
            },
        };
        match out.iter_mut().find(|(c, _)| c == code) {
            Some((_, total)) if counting == Counting::Split => *total += w,
            Some(_) => {}
            None => out.push((code.clone(), w)),
        }
    }
    out
}

/// Which of an agreement's lists a chart reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    Region,
    Area,
}

/// Tallies per region or area, in the order of `names` (`(code, name)`); codes the names do
/// not know are left out.
pub fn tally(agreements: &[ChartAgreement], by: By, counting: Counting, names: &[(String, String)]) -> Vec<Tally> {
    let mut rows: Vec<Tally> = names
        .iter()
        .map(|(code, name)| Tally { code: code.clone(), name: name.clone(), ..Default::default() })
        .collect();
    for a in agreements {
        let items = match by {
            By::Region => &a.regions,
            By::Area => &a.areas,
        };
        for (code, w) in weights(items, counting) {
            if let Some(row) = rows.iter_mut().find(|r| r.code == code) {
                add(row, a, w);
            }
        }
    }
    rows
}

/// Tallies per year signed, from `first` to `last`.
pub fn per_year(agreements: &[ChartAgreement], first: i64, last: i64) -> Vec<Tally> {
    let mut rows: Vec<Tally> =
        (first..=last).map(|y| Tally { code: y.to_string(), name: y.to_string(), ..Default::default() }).collect();
    for a in agreements {
        if let Some(row) = rows.iter_mut().find(|r| r.code == a.year.to_string()) {
            add(row, a, ONE);
        }
    }
    rows
}

fn add(row: &mut Tally, a: &ChartAgreement, w: i64) {
    let cents = i64::try_from(i128::from(a.usd_cents) * i128::from(w) / i128::from(ONE)).unwrap_or(i64::MAX);
    if a.amendment {
        row.amendments += w;
        row.amendment_cents += cents;
    } else {
        row.new += w;
        row.new_cents += cents;
    }
}

/// A count kept in [`ONE`]ths, as a reader writes it: `12`, `12.5` (one decimal where split).
pub fn count_text(count: i64) -> String {
    let tenths = (count * 10 + ONE / 2) / ONE;
    if tenths % 10 == 0 { (tenths / 10).to_string() } else { format!("{}.{}", tenths / 10, tenths % 10) }
}

/// The three charts of a search, counted one way.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementCharts {
    /// `split` or `each`.
    pub counting: String,
    pub by_region: Vec<Tally>,
    pub by_area: Vec<Tally>,
    pub by_year: Vec<Tally>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agreement(year: i64, amendment: bool, usd: i64, regions: &[(&str, Option<u32>)]) -> ChartAgreement {
        ChartAgreement {
            year,
            amendment,
            usd_cents: usd,
            areas: vec![("capacity_building".into(), None)],
            regions: regions.iter().map(|(c, s)| ((*c).to_owned(), *s)).collect(),
        }
    }

    fn names() -> Vec<(String, String)> {
        ["africa", "europe", "global"].iter().map(|c| ((*c).to_owned(), c.to_uppercase())).collect()
    }

    #[test]
    fn split_agreements_add_up_to_one_and_each_counts_them_everywhere() {
        let list = [
            agreement(2015, false, 10_000, &[("africa", Some(7500)), ("europe", Some(2500))]),
            agreement(2015, false, 3_000, &[("africa", None), ("europe", None), ("global", None)]),
            agreement(2016, true, 5_000, &[("africa", Some(5000)), ("africa", Some(5000))]),
        ];
        let split = tally(&list, By::Region, Counting::Split, &names());
        let total: i64 = split.iter().map(|t| t.new + t.amendments).sum();
        assert_eq!(total, 3 * ONE, "split, three agreements stay three");
        assert_eq!(split[0].new, 7500 + 3334);
        assert_eq!(split[0].amendments, ONE, "two countries of one region count once, whole");
        assert_eq!(split[0].new_cents, 7_500 + 1_000);
        let each = tally(&list, By::Region, Counting::Each, &names());
        assert_eq!((each[0].new, each[1].new, each[2].new), (2 * ONE, 2 * ONE, ONE));
        assert_eq!(each[0].amendments, ONE);
        assert_eq!(count_text(split[0].new), "1.1");
        assert_eq!(count_text(2 * ONE), "2");
        let years = per_year(&list, 2014, 2016);
        assert_eq!(years.iter().map(|y| (y.new, y.amendments)).collect::<Vec<_>>(), [(0, 0), (2 * ONE, 0), (0, ONE)]);
    }
}
