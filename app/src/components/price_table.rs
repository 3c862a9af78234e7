//! A price as lines — each activity's list price, every discount with its reason, rate and
//! amount — and its totals: the three clicks, a quote's page and the staff quote show it.
use crate::domain::format::money;
use crate::domain::names::price_line_label;
use crate::domain::sponsorship::{LineKind, Price};
use crate::i18n::*;
use leptos::prelude::*;
use std::sync::Arc;

/// The name of activity `id` among `names`, or its number.
pub fn name_of(names: &[(i64, String)], id: i64) -> String {
    names.iter().find(|(i, _)| *i == id).map_or_else(|| format!("#{id}"), |(_, n)| n.clone())
}

/// The price as lines: each activity's list price and every discount with its reason, rate
/// and amount, then the totals and the hint for the next tier.
#[component]
pub fn PriceTable(
    price: Price,
    names: Arc<Vec<(i64, String)>>,
    currency: String,
    exponent: u32,
    member: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale();
    let amount = move |minor: i64| money(l, minor, exponent, &currency);
    let list_total = price.list_total();
    let discounts = price.discount_total();
    view! {
        <table class="price-lines">
            <caption class="visually-hidden">{t!(i18n, sponsorship.step_price)}</caption>
            <thead><tr><th scope="col">{t!(i18n, sponsorship.line)}</th><th scope="col" class="amount">{t!(i18n, sponsorship.amount)}</th></tr></thead>
            <tbody>
                {price.lines.iter().map(|line| {
                    // The rate is set apart, so "−5 %" reads the same way in Arabic.
                    let rate = (line.kind != LineKind::ListPrice).then(|| format!("−{} %", line.rate.percent()));
                    let text = price_line_label(i18n, line, &name_of(&names, line.activity));
                    let class = if line.kind == LineKind::ListPrice { "list" } else { "discount" };
                    let after = if member && line.kind == LineKind::MemberDiscount {
                        format!(" ({})", t_string!(i18n, sponsorship.subject_to_verification))
                    } else {
                        String::new()
                    };
                    view! {
                        <tr class=class>
                            <td>{text}{rate.map(|r| view! { " " <bdi dir="ltr">{r}</bdi> })}{after}</td>
                            <td class="amount"><bdi>{amount(line.amount)}</bdi></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
            <tfoot>
                <tr><th scope="row">{t!(i18n, sponsorship.list_total)}</th><td class="amount"><bdi>{amount(list_total)}</bdi></td></tr>
                {(discounts > 0).then(|| view! {
                    <tr><th scope="row">{t!(i18n, sponsorship.discount_total)}</th><td class="amount"><bdi>{amount(-discounts)}</bdi></td></tr>
                })}
                <tr class="total"><th scope="row">{t!(i18n, sponsorship.total)}</th><td class="amount"><strong><bdi>{amount(price.total)}</bdi></strong></td></tr>
            </tfoot>
        </table>
        {price.next_tier.map(|n| view! {
            <p class="next-tier">{t!(i18n, sponsorship.next_tier)} " " <bdi dir="ltr">"−" {n.rate.percent()} " %"</bdi></p>
        })}
    }
}
