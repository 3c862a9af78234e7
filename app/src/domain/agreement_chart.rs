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

/// One agreement as the charts see it; `K` names its regions and areas (a code, or the
/// small number a snapshot gives each code).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChartAgreement<'a, K> {
    pub year: i64,
    pub amendment: bool,
    pub usd_cents: i64,
    /// Areas with their shares (hundredths of a per cent; `None`: the whole value to each).
    pub areas: &'a [(K, Option<u32>)],
    /// Regions (a country counts in its region, a country group as global) with shares.
    pub regions: &'a [(K, Option<u32>)],
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

/// Each item's weight in [`ONE`]ths, into `out`: its share, equal parts where none is given,
/// or the whole to each; an item listed twice (two countries of one region) adds up, once in
/// "each".
fn weights<K: PartialEq + Copy>(items: &[(K, Option<u32>)], counting: Counting, out: &mut Vec<(K, i64)>) {
    out.clear();
    let n = i64::try_from(items.len()).unwrap_or(1).max(1);
    for (i, (key, share)) in items.iter().enumerate() {
        let w = match counting {
            Counting::Each => ONE,
            Counting::Split => match share {
                Some(s) => i64::from(*s),
                // Equal parts; the first takes what division leaves.
                None => ONE / n + if i == 0 { ONE % n } else { 0 },
            },
        };
        match out.iter_mut().find(|(k, _)| k == key) {
            Some((_, total)) if counting == Counting::Split => *total += w,
            Some(_) => {}
            None => out.push((*key, w)),
        }
    }
}

/// Which of an agreement's lists a chart reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    Region,
    Area,
}

/// One bar a chart may have: the key its agreements name it by (`None`: no agreement does,
/// the bar stays empty), its code and its name in the reader's language.
pub type Bar<K> = (Option<K>, String, String);

/// A bar's sums while counting: counts in [`ONE`]ths, money in cents times [`ONE`], so the
/// division (and its rounding down) happens once per bar, not once per agreement.
#[derive(Clone, Copy, Default)]
struct Sums {
    new: i64,
    amendments: i64,
    new_cents: i128,
    amendment_cents: i128,
}

impl Sums {
    fn add<K>(&mut self, a: &ChartAgreement<'_, K>, w: i64) {
        let cents = i128::from(a.usd_cents) * i128::from(w);
        if a.amendment {
            self.amendments += w;
            self.amendment_cents += cents;
        } else {
            self.new += w;
            self.new_cents += cents;
        }
    }

    fn into_tally(self, code: String, name: String) -> Tally {
        let cents = |c: i128| i64::try_from(c / i128::from(ONE)).unwrap_or(i64::MAX);
        Tally {
            code,
            name,
            new: self.new,
            amendments: self.amendments,
            new_cents: cents(self.new_cents),
            amendment_cents: cents(self.amendment_cents),
        }
    }
}

/// Tallies per region or area, in the order of `bars`; items no bar names are left out.
pub fn tally<'a, K: PartialEq + Copy + 'a>(
    agreements: impl IntoIterator<Item = ChartAgreement<'a, K>>,
    by: By,
    counting: Counting,
    bars: &[Bar<K>],
) -> Vec<Tally> {
    let keys: Vec<Option<K>> = bars.iter().map(|(k, _, _)| *k).collect();
    let mut sums = vec![Sums::default(); bars.len()];
    let mut shares = Vec::new();
    for a in agreements {
        let items = match by {
            By::Region => a.regions,
            By::Area => a.areas,
        };
        weights(items, counting, &mut shares);
        for (key, w) in &shares {
            if let Some(i) = keys.iter().position(|k| *k == Some(*key)) {
                sums[i].add(&a, *w);
            }
        }
    }
    sums.into_iter().zip(bars).map(|(sum, (_, code, name))| sum.into_tally(code.clone(), name.clone())).collect()
}

/// Tallies per year signed, from `first` to `last`.
pub fn per_year<'a, K: 'a>(
    agreements: impl IntoIterator<Item = ChartAgreement<'a, K>>,
    first: i64,
    last: i64,
) -> Vec<Tally> {
    let mut sums = vec![Sums::default(); usize::try_from(last - first + 1).unwrap_or(0)];
    for a in agreements {
        if let Some(sum) = usize::try_from(a.year - first).ok().and_then(|i| sums.get_mut(i)) {
            sum.add(&a, ONE);
        }
    }
    sums.into_iter().zip(first..).map(|(sum, y)| sum.into_tally(y.to_string(), y.to_string())).collect()
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

    type Items = Vec<(&'static str, Option<u32>)>;

    fn agreement<'a>(
        year: i64,
        amendment: bool,
        usd: i64,
        areas: &'a Items,
        regions: &'a Items,
    ) -> ChartAgreement<'a, &'static str> {
        ChartAgreement { year, amendment, usd_cents: usd, areas, regions }
    }

    fn bars() -> Vec<Bar<&'static str>> {
        ["africa", "europe", "global", "asia"]
            .iter()
            .map(|c| ((*c != "asia").then_some(*c), (*c).to_owned(), c.to_uppercase()))
            .collect()
    }

    #[test]
    fn split_agreements_add_up_to_one_and_each_counts_them_everywhere() {
        let areas: Items = vec![("capacity_building", None)];
        let regions: [Items; 3] = [
            vec![("africa", Some(7500)), ("europe", Some(2500))],
            vec![("africa", None), ("europe", None), ("global", None)],
            vec![("africa", Some(5000)), ("africa", Some(5000))],
        ];
        let list = [
            agreement(2015, false, 10_000, &areas, &regions[0]),
            agreement(2015, false, 3_000, &areas, &regions[1]),
            agreement(2016, true, 5_000, &areas, &regions[2]),
        ];
        let split = tally(list, By::Region, Counting::Split, &bars());
        let total: i64 = split.iter().map(|t| t.new + t.amendments).sum();
        assert_eq!(total, 3 * ONE, "split, three agreements stay three");
        assert_eq!(split[0].new, 7500 + 3334);
        assert_eq!(split[0].amendments, ONE, "two countries of one region count once, whole");
        assert_eq!(split[0].new_cents, 7_500 + 1_000);
        let each = tally(list, By::Region, Counting::Each, &bars());
        assert_eq!((each[0].new, each[1].new, each[2].new), (2 * ONE, 2 * ONE, ONE));
        assert_eq!(each[0].amendments, ONE);
        assert_eq!((each[3].code.as_str(), each[3].new), ("asia", 0), "a bar no agreement names stays empty");
        assert_eq!(count_text(split[0].new), "1.1");
        assert_eq!(count_text(2 * ONE), "2");
        let years = per_year(list, 2014, 2016);
        assert_eq!(years.iter().map(|y| (y.new, y.amendments)).collect::<Vec<_>>(), [(0, 0), (2 * ONE, 0), (0, ONE)]);
    }
}
