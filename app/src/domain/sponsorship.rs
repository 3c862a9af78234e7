//! Sponsorship: events, the activities sponsors choose, and the indicative price of a choice.
//!
//! [`price`] is the one price function: the server renders its lines, the browser recomputes
//! them as boxes are ticked, and a quote stores what it gave. The rules, in the order they
//! apply (decision 0022):
//! 1. every activity at its **list price** (the price book's);
//! 2. the **member discount**, only at events open to all and only for an organisation that
//!    says it is a member of the agency (subject to verification until staff confirm it);
//! 3. the **multi-sponsorship discount**: activities ranked by list price, dearest first
//!    (ties by id), the k-th one at the rate of the highest tier whose threshold is at most k
//!    — e.g. "from the 2nd activity −5 %, from the 3rd −10 %". So adding an activity never
//!    lowers the total, and the dearest activity is never discounted for quantity.
//!
//! Stacking: an activity's discounts are added, each a share of its list price, never one of
//! another; at most one tier per activity; the rates together at most [`MAX_DISCOUNT`].
//! Rounding: the activity's discounts are rounded once together, half up, to the currency's
//! minor unit; the member line is its own rate rounded half up and the multi-sponsorship line
//! the rest, so the total is exactly the sum of its lines. Amounts are integers of the
//! currency's minor unit; nothing here does I/O.
use crate::code_enum;
use serde::{Deserialize, Serialize};

/// A rate in basis points: 500 is 5 %.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Rate(u32);

/// The most an activity can be discounted, all discounts together: half its list price.
pub const MAX_DISCOUNT: Rate = Rate(5_000);

/// The most activities one quote can hold.
pub const MAX_ACTIVITIES: usize = 40;

/// The dearest list price an activity can have, in minor units (a trillion).
pub const MAX_LIST_PRICE: i64 = 1_000_000_000_000;

impl Rate {
    pub const ZERO: Rate = Rate(0);

    pub fn basis_points(self) -> u32 {
        self.0
    }

    /// A rate of at most 100 %.
    pub fn from_basis_points(bp: u32) -> Option<Rate> {
        (bp <= 10_000).then_some(Rate(bp))
    }

    /// A percentage as typed: `5`, `7.5`, `12.25 %`; at most two decimals, at most 100.
    pub fn parse_percent(raw: &str) -> Option<Rate> {
        let cleaned = raw.trim().trim_end_matches('%').trim().replace(',', ".");
        let bp = crate::domain::agreement::parse_fixed(&cleaned, 2)?;
        Rate::from_basis_points(u32::try_from(bp).ok()?)
    }

    /// The rate as a percentage without trailing zeros: `5`, `7.5`, `12.25`.
    pub fn percent(self) -> String {
        let (whole, fraction) = (self.0 / 100, self.0 % 100);
        match fraction {
            0 => whole.to_string(),
            f if f % 10 == 0 => format!("{whole}.{}", f / 10),
            f => format!("{whole}.{f:02}"),
        }
    }

    /// `amount × rate`, rounded half up (amounts are never negative here).
    fn of(self, amount: i64) -> i64 {
        let scaled = i128::from(amount) * i128::from(self.0);
        i64::try_from((scaled + 5_000).div_euclid(10_000)).unwrap_or(i64::MAX)
    }
}

/// From the `from`-th activity (by rank, dearest first), each is discounted by `rate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tier {
    pub from: u32,
    pub rate: Rate,
}

/// Why a price book's rules were refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RulesError {
    /// A tier from the first activity, or two tiers from the same one.
    TierThreshold,
    /// A later tier with a rate no higher than an earlier one's.
    TierRate,
    /// The member rate and the highest tier together above [`MAX_DISCOUNT`].
    TooMuchDiscount,
}

/// A price book's discount rules, checked: tiers from the 2nd activity on, in increasing
/// thresholds and increasing rates, the member rate and the highest tier within
/// [`MAX_DISCOUNT`] together.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceRules {
    member_rate: Rate,
    tiers: Vec<Tier>,
}

impl PriceRules {
    pub fn new(member_rate: Rate, mut tiers: Vec<Tier>) -> Result<PriceRules, RulesError> {
        tiers.retain(|t| t.rate > Rate::ZERO);
        tiers.sort_by_key(|t| t.from);
        if tiers.iter().any(|t| t.from < 2) || tiers.windows(2).any(|w| w[0].from == w[1].from) {
            return Err(RulesError::TierThreshold);
        }
        if tiers.windows(2).any(|w| w[1].rate <= w[0].rate) {
            return Err(RulesError::TierRate);
        }
        let highest = tiers.last().map_or(0, |t| t.rate.0);
        if member_rate.0 + highest > MAX_DISCOUNT.0 {
            return Err(RulesError::TooMuchDiscount);
        }
        Ok(PriceRules { member_rate, tiers })
    }

    pub fn member_rate(&self) -> Rate {
        self.member_rate
    }

    pub fn tiers(&self) -> &[Tier] {
        &self.tiers
    }

    /// The multi-sponsorship rate of the activity ranked `rank` (1 = dearest).
    pub fn tier_rate(&self, rank: u32) -> Rate {
        self.tiers.iter().rev().find(|t| t.from <= rank).map_or(Rate::ZERO, |t| t.rate)
    }
}

code_enum! {
    /// Who may sponsor at an event: anyone (members get their discount), or members only.
    pub enum Access {
        Open = "open",
        MembersOnly = "members",
    }
}

code_enum! {
    /// An event's state: drafts and suspended or closed events take no quotes.
    pub enum EventState {
        Draft = "draft",
        Open = "open",
        Suspended = "suspended",
        Closed = "closed",
    }
}

code_enum! {
    /// What an activity is.
    pub enum ActivityKind {
        SideEvent = "side_event",
        Reception = "reception",
        CoffeeBreak = "coffee_break",
        Lunch = "lunch",
        LanyardsBags = "lanyards_bags",
        WifiApp = "wifi_app",
        Exhibition = "exhibition",
        Award = "award",
        Other = "other",
    }
}

code_enum! {
    /// What a sponsor receives for an activity (each with a quantity).
    pub enum BenefitKind {
        LogoOnSignage = "logo_on_signage",
        LogoOnline = "logo_online",
        Passes = "passes",
        SpeakingSlot = "speaking_slot",
        Booth = "booth",
        ProgrammeMention = "programme_mention",
        SocialMedia = "social_media",
        BrandedItems = "branded_items",
    }
}

/// An activity as the price function sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chosen {
    pub activity: i64,
    /// In minor units, never negative.
    pub list_price: i64,
}

code_enum! {
    /// What a line of a price is.
    pub enum LineKind {
        ListPrice = "list_price",
        MemberDiscount = "member_discount",
        MultiDiscount = "multi_discount",
    }
}

/// One line: an activity's list price (positive) or one of its discounts (negative), with
/// the rate behind a discount and, for the multi-sponsorship one, the activity's rank.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceLine {
    pub activity: i64,
    pub kind: LineKind,
    pub rate: Rate,
    pub rank: u32,
    pub amount: i64,
}

/// What one more activity would get: the rank it would take and that rank's rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextTier {
    pub rank: u32,
    pub rate: Rate,
}

/// An indicative price: its lines in rule order per activity (dearest activity first), the
/// total, and the next tier one more activity would reach.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Price {
    pub lines: Vec<PriceLine>,
    pub total: i64,
    pub next_tier: Option<NextTier>,
}

impl Price {
    /// The sum of the list prices.
    pub fn list_total(&self) -> i64 {
        self.lines.iter().filter(|l| l.kind == LineKind::ListPrice).map(|l| l.amount).sum()
    }

    /// The sum of the discounts, as a positive amount.
    pub fn discount_total(&self) -> i64 {
        self.list_total() - self.total
    }
}

/// The indicative price of `chosen` under `rules` at an event of `access`, for an
/// organisation that says it is (`member`) or is not a member of the agency.
pub fn price(rules: &PriceRules, access: Access, member: bool, chosen: &[Chosen]) -> Price {
    let mut ranked: Vec<Chosen> = chosen.to_vec();
    ranked.sort_by(|a, b| b.list_price.cmp(&a.list_price).then(a.activity.cmp(&b.activity)));
    let member_rate = if member && access == Access::Open { rules.member_rate } else { Rate::ZERO };
    let mut lines = Vec::with_capacity(ranked.len() * 3);
    let mut total = 0_i64;
    for (rank, c) in (1_u32..).zip(&ranked) {
        let list = c.list_price.clamp(0, MAX_LIST_PRICE);
        let tier_rate = rules.tier_rate(rank);
        let together = Rate(member_rate.0 + tier_rate.0).of(list);
        let member_part = member_rate.of(list);
        let line = |kind, rate, amount| PriceLine { activity: c.activity, kind, rate, rank, amount };
        lines.push(line(LineKind::ListPrice, Rate::ZERO, list));
        if member_rate > Rate::ZERO {
            lines.push(line(LineKind::MemberDiscount, member_rate, -member_part));
        }
        if tier_rate > Rate::ZERO {
            lines.push(line(LineKind::MultiDiscount, tier_rate, -(together - member_part)));
        }
        total += list - together;
    }
    let count = u32::try_from(ranked.len()).unwrap_or(u32::MAX);
    let next = count.saturating_add(1);
    let next_tier = (count > 0 && rules.tier_rate(next) > rules.tier_rate(count))
        .then(|| NextTier { rank: next, rate: rules.tier_rate(next) });
    Price { lines, total, next_tier }
}

/// An activity on offer, as a choice is checked against it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    pub id: i64,
    pub list_price: i64,
    /// How many sponsors it takes (1: exclusive).
    pub capacity: u32,
    /// How many places are reserved.
    pub taken: u32,
    /// The activities it cannot be sponsored with.
    pub conflicts: Vec<i64>,
}

impl Offer {
    pub fn places_left(&self) -> u32 {
        self.capacity.saturating_sub(self.taken)
    }
}

/// Why a choice of activities cannot be priced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChoiceError {
    /// No activity chosen.
    Empty,
    /// More than [`MAX_ACTIVITIES`].
    TooMany,
    /// Not an activity of this event.
    Unknown(i64),
    /// Every place is taken.
    SoldOut(i64),
    /// Chosen with an activity it conflicts with (the first one named).
    Conflict(i64, i64),
}

/// The chosen activities as the price function takes them, or every reason they cannot be:
/// each id counted once, in the order chosen.
pub fn check_choice(offers: &[Offer], chosen: &[i64]) -> Result<Vec<Chosen>, Vec<ChoiceError>> {
    let mut ids: Vec<i64> = Vec::with_capacity(chosen.len());
    for id in chosen {
        if !ids.contains(id) {
            ids.push(*id);
        }
    }
    if ids.is_empty() {
        return Err(vec![ChoiceError::Empty]);
    }
    if ids.len() > MAX_ACTIVITIES {
        return Err(vec![ChoiceError::TooMany]);
    }
    let mut errors = Vec::new();
    let mut out = Vec::with_capacity(ids.len());
    for (i, id) in ids.iter().enumerate() {
        let Some(offer) = offers.iter().find(|o| o.id == *id) else {
            errors.push(ChoiceError::Unknown(*id));
            continue;
        };
        if offer.places_left() == 0 {
            errors.push(ChoiceError::SoldOut(*id));
        }
        let conflicting = |other: &i64| offer.conflicts.contains(other) || conflicts_with(offers, *other, *id);
        if let Some(other) = ids[..i].iter().find(|o| conflicting(o)) {
            errors.push(ChoiceError::Conflict(*id, *other));
        }
        out.push(Chosen { activity: *id, list_price: offer.list_price });
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

fn conflicts_with(offers: &[Offer], id: i64, other: i64) -> bool {
    offers.iter().any(|o| o.id == id && o.conflicts.contains(&other))
}

/// What an activity's money goes to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Seeds {
    /// The activity itself.
    Activity,
    /// Seed funding for a published concept.
    Concept { slug: String, title: String },
    /// Seed funding for a project not yet published.
    Project,
    /// Seed funding for the agency's initiative in a region (its name).
    Region(String),
}

/// An activity as the public sees it: its name and description in the reader's language
/// where there are any (`text_locale` and `description_locale` say which), its benefits, what it costs and how many places are left.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityOffer {
    pub kind: ActivityKind,
    pub name: String,
    pub text_locale: String,
    pub description: String,
    pub description_locale: String,
    pub benefits: Vec<(BenefitKind, u32)>,
    pub offer: Offer,
    pub seeds: Seeds,
}

/// An event as the list of events shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventCard {
    pub slug: String,
    pub name: String,
    pub text_locale: String,
    pub starts_on: String,
    pub ends_on: String,
    pub city: String,
    /// The country's name in the reader's language.
    pub country: Option<String>,
    pub access: Access,
    pub currency: String,
    /// The digits of the currency's minor unit.
    pub exponent: u32,
    pub sales_until: String,
    /// Whether it gives quotes now: open, and the sales deadline not passed.
    pub selling: bool,
    /// The lowest list price of an activity with a place left.
    pub from_price: Option<i64>,
    pub places_left: u32,
}

/// An event with its activities and the price book in force.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventOffer {
    /// The event's id, for the server only.
    #[serde(skip)]
    pub id: i64,
    pub card: EventCard,
    pub description: String,
    pub price_book: i64,
    pub rules: PriceRules,
    pub activities: Vec<ActivityOffer>,
    /// When the server read it (seconds since the epoch), for the quote form's robot check.
    pub served_at: i64,
}

impl EventOffer {
    /// The indicative price of activities `chosen` (ids, as asked) for a self-declared
    /// `member`, or why they cannot be priced.
    pub fn price_of(&self, chosen: &[i64], member: bool) -> Result<Price, Vec<ChoiceError>> {
        let offers: Vec<Offer> = self.activities.iter().map(|a| a.offer.clone()).collect();
        check_choice(&offers, chosen).map(|c| price(&self.rules, self.card.access, member, &c))
    }

    pub fn activity(&self, id: i64) -> Option<&ActivityOffer> {
        self.activities.iter().find(|a| a.offer.id == id)
    }
}

/// What the sponsorship page asks, read from its address: the event (by slug), the
/// activities ticked (`a`, repeated) and whether the organisation says it is a member.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceQuery {
    pub event: Option<String>,
    pub activities: Vec<i64>,
    pub member: bool,
}

impl ChoiceQuery {
    /// Unknown keys and unreadable ids are left out (an id of no activity is reported by
    /// [`check_choice`]); at most [`MAX_ACTIVITIES`] + 1 ids are kept, enough to say "too many".
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> ChoiceQuery {
        let mut q = ChoiceQuery::default();
        for (key, value) in pairs {
            match key {
                "event" => {
                    let slug = value.trim();
                    let fits = !slug.is_empty() && slug.len() <= 120;
                    q.event = fits.then(|| slug.to_owned());
                }
                "a" if q.activities.len() <= MAX_ACTIVITIES => {
                    if let Ok(id) = value.trim().parse::<i64>() {
                        q.activities.push(id);
                    }
                }
                "member" => q.member = matches!(value, "1" | "on" | "true"),
                _ => {}
            }
        }
        q
    }

    /// The address query that asks the same (`event=…&a=…&member=1`).
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(e) = &self.event {
            pairs.push(("event", e.clone()));
        }
        pairs.extend(self.activities.iter().map(|a| ("a", a.to_string())));
        if self.member {
            pairs.push(("member", "1".to_owned()));
        }
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(member: u32, tiers: &[(u32, u32)]) -> PriceRules {
        let tiers = tiers.iter().map(|&(from, bp)| Tier { from, rate: Rate(bp) }).collect();
        PriceRules::new(Rate(member), tiers).expect("valid rules")
    }

    fn basket(prices: &[i64]) -> Vec<Chosen> {
        (1..).zip(prices).map(|(activity, &list_price)| Chosen { activity, list_price }).collect()
    }

    #[test]
    fn lines_show_each_list_price_and_every_discount_with_its_rate() {
        let book = rules(1_000, &[(2, 500), (3, 1_000)]);
        let p = price(&book, Access::Open, true, &basket(&[2_000_000, 5_000_000, 1_000_000]));
        let lines: Vec<(i64, LineKind, u32, i64)> =
            p.lines.iter().map(|l| (l.activity, l.kind, l.rate.0, l.amount)).collect();
        assert_eq!(
            lines,
            [
                (2, LineKind::ListPrice, 0, 5_000_000),
                (2, LineKind::MemberDiscount, 1_000, -500_000),
                (1, LineKind::ListPrice, 0, 2_000_000),
                (1, LineKind::MemberDiscount, 1_000, -200_000),
                (1, LineKind::MultiDiscount, 500, -100_000),
                (3, LineKind::ListPrice, 0, 1_000_000),
                (3, LineKind::MemberDiscount, 1_000, -100_000),
                (3, LineKind::MultiDiscount, 1_000, -100_000),
            ],
            "the dearest first; the second at 5 %, the third at 10 %, the member's 10 % on each"
        );
        assert_eq!((p.total, p.list_total(), p.discount_total()), (7_000_000, 8_000_000, 1_000_000));
        assert_eq!(p.next_tier, None, "no tier above the third");
    }

    #[test]
    fn the_member_discount_is_only_for_members_at_open_events() {
        let book = rules(1_000, &[]);
        let chosen = basket(&[100_000]);
        assert_eq!(price(&book, Access::Open, true, &chosen).total, 90_000);
        assert_eq!(price(&book, Access::Open, false, &chosen).total, 100_000);
        assert_eq!(price(&book, Access::MembersOnly, true, &chosen).total, 100_000);
    }

    #[test]
    fn one_more_activity_is_hinted_when_it_reaches_a_tier() {
        let book = rules(0, &[(2, 500), (4, 1_000)]);
        let hint = |n: usize| price(&book, Access::Open, false, &basket(&vec![100; n])).next_tier;
        assert_eq!(hint(0), None, "nothing chosen yet");
        assert_eq!(hint(1), Some(NextTier { rank: 2, rate: Rate(500) }));
        assert_eq!(hint(2), None, "the third is at the same 5 %");
        assert_eq!(hint(3), Some(NextTier { rank: 4, rate: Rate(1_000) }));
        assert_eq!(hint(4), None);
    }

    #[test]
    fn discounts_round_once_per_activity_half_up() {
        let book = rules(1_000, &[(2, 1_000)]);
        // 5 × 10 % = 0.5 → 1 for the member; both together 5 × 20 % = 1: the tier line gets 0.
        let p = price(&book, Access::Open, true, &basket(&[5, 5]));
        assert_eq!(p.lines.iter().map(|l| l.amount).collect::<Vec<_>>(), [5, -1, 5, -1, 0]);
        assert_eq!(p.total, 8);
        // 15 × 5 % = 0.75 → 1; 25 × 5 % = 1.25 → 1; 10 × 5 % = 0.5 → 1.
        assert_eq!(Rate(500).of(15), 1);
        assert_eq!(Rate(500).of(25), 1);
        assert_eq!(Rate(500).of(10), 1);
        assert_eq!(Rate(500).of(9), 0);
    }

    #[test]
    fn rules_refuse_what_would_stack_beyond_the_policy() {
        let tier = |from, bp| Tier { from, rate: Rate(bp) };
        assert_eq!(PriceRules::new(Rate(0), vec![tier(1, 500)]), Err(RulesError::TierThreshold));
        assert_eq!(PriceRules::new(Rate(0), vec![tier(2, 500), tier(2, 700)]), Err(RulesError::TierThreshold));
        assert_eq!(PriceRules::new(Rate(0), vec![tier(2, 500), tier(3, 500)]), Err(RulesError::TierRate));
        assert_eq!(PriceRules::new(Rate(3_000), vec![tier(2, 2_001)]), Err(RulesError::TooMuchDiscount));
        assert!(PriceRules::new(Rate(3_000), vec![tier(3, 2_000), tier(2, 1_000), tier(5, 0)]).is_ok());
    }

    #[test]
    fn rates_read_and_write_as_percentages() {
        assert_eq!(Rate::parse_percent("5"), Some(Rate(500)));
        assert_eq!(Rate::parse_percent(" 7,5 % "), Some(Rate(750)));
        assert_eq!(Rate::parse_percent("12.25"), Some(Rate(1_225)));
        assert_eq!(Rate::parse_percent("100.01"), None);
        assert_eq!(Rate::parse_percent("-5"), None);
        assert_eq!(Rate::parse_percent("1.234"), None);
        assert_eq!(
            (Rate(500).percent(), Rate(750).percent(), Rate(1_225).percent()),
            ("5".into(), "7.5".into(), "12.25".into())
        );
    }

    #[test]
    fn a_choice_is_checked_for_unknown_sold_out_and_conflicting_activities() {
        let offer = |id, capacity, taken, conflicts: &[i64]| Offer {
            id,
            list_price: id * 100,
            capacity,
            taken,
            conflicts: conflicts.to_vec(),
        };
        let offers = [offer(1, 3, 2, &[]), offer(2, 1, 1, &[]), offer(3, 1, 0, &[4]), offer(4, 2, 0, &[])];
        assert_eq!(offers[0].places_left(), 1);
        assert_eq!(check_choice(&offers, &[1, 1, 4]).map(|c| c.len()), Ok(2), "an activity counts once");
        assert_eq!(check_choice(&offers, &[]), Err(vec![ChoiceError::Empty]));
        assert_eq!(
            check_choice(&offers, &[4, 2, 9, 3]),
            Err(vec![ChoiceError::SoldOut(2), ChoiceError::Unknown(9), ChoiceError::Conflict(3, 4)]),
            "every reason, a conflict named from either side"
        );
        let many: Vec<i64> = (1..=41).collect();
        assert_eq!(check_choice(&offers, &many), Err(vec![ChoiceError::TooMany]));
    }

    #[test]
    fn the_address_says_the_event_the_activities_and_membership() {
        let q = ChoiceQuery::from_pairs([
            ("event", " summit-2027 "),
            ("a", "3"),
            ("a", "x"),
            ("a", "5"),
            ("member", "on"),
            ("z", "1"),
        ]);
        assert_eq!(q, ChoiceQuery { event: Some("summit-2027".into()), activities: vec![3, 5], member: true });
        assert_eq!(
            q.to_pairs(),
            [("event", "summit-2027".into()), ("a", "3".into()), ("a", "5".into()), ("member", "1".into())]
        );
        let many: Vec<(&str, String)> = (0..100).map(|i| ("a", i.to_string())).collect();
        let q = ChoiceQuery::from_pairs(many.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(q.activities.len(), MAX_ACTIVITIES + 1);
        assert_eq!(ChoiceQuery::from_pairs([("event", "")]).event, None);
    }

    /// A small deterministic generator, so a failing case is found again from its seed.
    struct Random(u64);

    impl Random {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }

        fn rules(&mut self) -> PriceRules {
            let member = Rate(u32::try_from(self.below(2_001)).unwrap_or(0));
            let mut tiers = Vec::new();
            let (mut from, mut rate) = (1_u32, 0_u32);
            for _ in 0..self.below(4) {
                from += 1 + u32::try_from(self.below(3)).unwrap_or(0);
                rate += 1 + u32::try_from(self.below(1_000)).unwrap_or(0);
                if member.0 + rate <= MAX_DISCOUNT.0 {
                    tiers.push(Tier { from, rate: Rate(rate) });
                }
            }
            PriceRules::new(member, tiers).expect("generated within the policy")
        }

        fn basket(&mut self, first_id: i64) -> Vec<Chosen> {
            let n = self.below(8);
            (first_id..).take(usize::try_from(n).unwrap_or(0)).map(|activity| self.chosen(activity)).collect()
        }

        fn chosen(&mut self, activity: i64) -> Chosen {
            // Small prices find rounding edges, large ones overflow.
            let list_price = match self.below(3) {
                0 => i64::try_from(self.below(50)).unwrap_or(0),
                1 => i64::try_from(self.below(10_000_000)).unwrap_or(0),
                _ => MAX_LIST_PRICE - i64::try_from(self.below(1_000)).unwrap_or(0),
            };
            Chosen { activity, list_price }
        }
    }

    #[test]
    fn random_baskets_keep_the_price_rules() {
        let mut random = Random(0x5eed_cafe_f00d_0001);
        for case in 0..20_000 {
            let book = random.rules();
            let access = if random.below(2) == 0 { Access::Open } else { Access::MembersOnly };
            let member = random.below(2) == 0;
            let chosen = random.basket(1);
            let p = price(&book, access, member, &chosen);
            let context = format!("case {case}: {book:?} {access:?} member {member} {chosen:?}");
            assert_eq!(p.total, p.lines.iter().map(|l| l.amount).sum::<i64>(), "total is its lines: {context}");
            assert!(p.total >= 0, "never negative: {context}");
            for c in &chosen {
                let own: Vec<&PriceLine> = p.lines.iter().filter(|l| l.activity == c.activity).collect();
                let discount: i64 =
                    -own.iter().filter(|l| l.kind != LineKind::ListPrice).map(|l| l.amount).sum::<i64>();
                let rates: u32 = own.iter().filter(|l| l.kind != LineKind::ListPrice).map(|l| l.rate.0).sum();
                assert!(own.len() <= 3 && rates <= MAX_DISCOUNT.0, "no stacking beyond the policy: {context}");
                assert!(discount <= Rate(rates).of(c.list_price) && discount >= 0, "{context}");
                let member_lines = own.iter().filter(|l| l.kind == LineKind::MemberDiscount).count();
                assert_eq!(
                    member_lines > 0,
                    member && access == Access::Open && book.member_rate() > Rate::ZERO,
                    "{context}"
                );
            }
            let more = random.chosen(100);
            let bigger = price(&book, access, member, &[chosen.clone(), vec![more]].concat());
            assert!(bigger.total >= p.total, "adding {more:?} lowered the total: {context}");
            let mut shuffled = chosen.clone();
            shuffled.reverse();
            assert_eq!(price(&book, access, member, &shuffled), p, "the order chosen does not matter: {context}");
        }
    }
}
