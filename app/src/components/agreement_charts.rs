//! The agency's charts of agreements, drawn on the server as SVG: per beneficiary region, per
//! area of action and per year, new agreements and amendments apart, as counts or US
//! dollars; each with the table of its numbers beside it, each bar leading to the agreements
//! behind it, and a note saying how agreements that cover several regions are counted.
use crate::components::agreement_search::{CsvLink, csv_address, dollars};
use crate::components::bar_chart::BarChart;
use crate::domain::agreement::AgreementQuery;
use crate::domain::agreement_chart::{AgreementCharts, Tally, count_text};
use crate::domain::agreement_sheet::Table;
use crate::domain::locale;
use crate::i18n::*;
use leptos::prelude::*;

/// What the bars measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    Count,
    Usd,
}

impl Measure {
    pub fn parse(raw: Option<String>) -> Self {
        if raw.as_deref() == Some("usd") { Measure::Usd } else { Measure::Count }
    }
    fn code(self) -> &'static str {
        match self {
            Measure::Count => "count",
            Measure::Usd => "usd",
        }
    }
}

/// The address of a search with the charts' own settings.
fn address(base: &str, query: &AgreementQuery, counting: &str, measure: Measure) -> String {
    let qs = query.to_query_string();
    let sep = if qs.is_empty() { "" } else { "&" };
    format!("{base}?{qs}{sep}counting={counting}&measure={}", measure.code())
}

#[component]
pub fn Charts(
    charts: AgreementCharts,
    query: AgreementQuery,
    base: String,
    measure: Measure,
    public: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let rtl = locale::is_rtl(i18n.get_locale_untracked());
    let counting = charts.counting.clone();
    let switch = |label: String, href: String, current: bool| {
        view! { <a class={if current { "switch current" } else { "switch" }} href=href aria-current=current.then_some("true")>{label}</a> }
    };
    let split = counting == "split";
    let q = AgreementQuery { page: 1, ..query.clone() };
    let switches = view! {
        <div class="chart-switches">
            <span class="switch-group" role="group" aria-label=move || t_string!(i18n, agreement.counting_label)>
                {switch(t_string!(i18n, agreement.counting_split).to_owned(), address(&base, &q, "split", measure), split)}
                {switch(t_string!(i18n, agreement.counting_each).to_owned(), address(&base, &q, "each", measure), !split)}
            </span>
            <span class="switch-group" role="group" aria-label=move || t_string!(i18n, agreement.measure_label)>
                {switch(t_string!(i18n, agreement.measure_count).to_owned(), address(&base, &q, &counting, Measure::Count), measure == Measure::Count)}
                {switch(t_string!(i18n, agreement.measure_usd).to_owned(), address(&base, &q, &counting, Measure::Usd), measure == Measure::Usd)}
            </span>
        </div>
    };
    let language = locale::code_of(i18n.get_locale_untracked());
    let block =
        |id: &'static str, table: Table, title: String, rows: Vec<Tally>, link: &dyn Fn(&str) -> AgreementQuery| {
            let csv = csv_address(&q, table, &counting, !public, language);
            let csv_label = format!("{} — CSV", title);
            let series = vec![
                (t_string!(i18n, agreement.series_new).to_owned(), "bar-a"),
                (t_string!(i18n, agreement.series_amendments).to_owned(), "bar-b"),
            ];
            let value = |count: i64, cents: i64| if measure == Measure::Count { count } else { cents };
            let text = |count: i64, cents: i64| {
                if measure == Measure::Count { count_text(count) } else { dollars(i18n, cents) }
            };
            let bars: Vec<(String, Vec<i64>)> = rows
                .iter()
                .map(|t| (t.name.clone(), vec![value(t.new, t.new_cents), value(t.amendments, t.amendment_cents)]))
                .collect();
            let texts: Vec<Vec<String>> =
                rows.iter().map(|t| vec![text(t.new, t.new_cents), text(t.amendments, t.amendment_cents)]).collect();
            let links: Vec<String> = rows.iter().map(|t| address(&base, &link(&t.code), &counting, measure)).collect();
            let (a, b) = (series[0].0.clone(), series[1].0.clone());
            let table_rows = rows
                .iter()
                .zip(&links)
                .map(|(t, href)| {
                    let total = text(t.new + t.amendments, t.new_cents + t.amendment_cents);
                    view! {
                        <tr>
                            <th scope="row"><a href=href.clone()>{t.name.clone()}</a></th>
                            <td class="number">{text(t.new, t.new_cents)}</td>
                            <td class="number">{text(t.amendments, t.amendment_cents)}</td>
                            <td class="number">{total}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <section class="dashboard-block" aria-labelledby=id>
                    <h3 id=id>{title.clone()} " " <CsvLink href=csv label=csv_label /></h3>
                    <div class="chart-and-table">
                        <BarChart title=title.clone() rows=bars series rtl links texts />
                        <table class="numbers">
                            <caption class="visually-hidden">{title}</caption>
                            <thead><tr>
                                <th scope="col"></th>
                                <th scope="col" class="number">{a}</th>
                                <th scope="col" class="number">{b}</th>
                                <th scope="col" class="number">{t!(i18n, agreement.total)}</th>
                            </tr></thead>
                            <tbody>{table_rows}</tbody>
                        </table>
                    </div>
                </section>
            }
        };
    let by_region = block(
        "chart-region",
        Table::Regions,
        t_string!(i18n, agreement.by_region).to_owned(),
        charts.by_region.clone(),
        &|code| AgreementQuery { region: Some(code.to_owned()), page: 1, ..query.clone() },
    );
    let by_area = block(
        "chart-area",
        Table::Areas,
        t_string!(i18n, agreement.by_area).to_owned(),
        charts.by_area.clone(),
        &|code| AgreementQuery { area: Some(code.to_owned()), page: 1, ..query.clone() },
    );
    let by_year = block(
        "chart-year",
        Table::Years,
        t_string!(i18n, agreement.by_year).to_owned(),
        charts.by_year.clone(),
        &|code| {
            let year = code.parse().ok();
            AgreementQuery { from_year: year, to_year: year, page: 1, ..query.clone() }
        },
    );
    view! {
        <section class="agreement-charts" aria-labelledby="charts-heading">
            <h2 id="charts-heading">{t!(i18n, agreement.charts_title)}</h2>
            {switches}
            {by_region}
            {by_area}
            {by_year}
            <aside class="methodology" aria-labelledby="method-heading">
                <h3 id="method-heading">{t!(i18n, agreement.method_title)}</h3>
                <p>{if split { t_string!(i18n, agreement.method_split) } else { t_string!(i18n, agreement.method_each) }}</p>
                <p>{t!(i18n, agreement.method_places)}</p>
                {public.then(|| view! { <p>{t!(i18n, agreement.method_public)}</p> })}
            </aside>
        </section>
    }
}

/// The counting the page's address asks for (`split` unless it says `each`).
pub fn counting_of(raw: Option<String>) -> String {
    if raw.as_deref() == Some("each") { "each".into() } else { "split".into() }
}
