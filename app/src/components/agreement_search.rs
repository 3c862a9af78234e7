//! The search of the agreements record, shared by the public page and the staff record: a
//! GET form (works without JavaScript, filters in the address), the list with its totals,
//! and the table of organisations behind the agreements found; and the pieces both of an
//! agreement's pages (staff and public) show alike.
use crate::components::pager::Pager;
use crate::domain::agreement::{
    AgreementChoices, AgreementKind, AgreementQuery, AgreementResults, AgreementStatus, Covered, Transaction, Value,
    currency_exponent,
};
use crate::domain::agreement_sheet::Table;
use crate::domain::format::{money, usd};
use crate::domain::locale::code_of;
use crate::domain::names::{
    I18n, agreement_kind_name, agreement_status_name, organisation_kind_name, transaction_kind_name,
};
use crate::i18n::*;
use leptos::prelude::*;

/// US cents as whole dollars in the reader's writing.
pub fn dollars(i18n: I18n, cents: i64) -> String {
    usd(i18n.get_locale(), (cents + 50).div_euclid(100))
}

/// A share in hundredths of a per cent, as `33.33 %`, or the whole value to each.
pub fn share_text(i18n: I18n, share: Option<u32>) -> String {
    match share {
        Some(s) => format!("{} %", crate::domain::agreement::format_fixed(i128::from(s), 2)),
        None => t_string!(i18n, agreement.whole_to_each).to_owned(),
    }
}

/// An agreement's value in its own currency, and its US-dollar equivalent with the rate and
/// the rate's date (empty for a value in US dollars).
pub fn value_texts(i18n: I18n, v: &Value) -> (String, String) {
    let exponent = currency_exponent(&v.currency).unwrap_or(2);
    let rate = crate::domain::agreement::format_fixed(i128::from(v.rate), 9);
    let on = v.rate_on.clone().map(|d| format!(", {d}")).unwrap_or_default();
    let usd = if v.currency == "USD" { String::new() } else { format!("{} ({rate}{on})", dollars(i18n, v.usd_cents)) };
    (money(i18n.get_locale(), v.minor, exponent, &v.currency), usd)
}

/// What an agreement covers and what has moved under it, as both its pages list them: its
/// areas and places with their shares, and its transactions in `currency` and US dollars.
#[component]
pub fn Coverage(
    areas: Vec<Covered>,
    places: Vec<Covered>,
    transactions: Vec<Transaction>,
    currency: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let exponent = currency_exponent(&currency).unwrap_or(2);
    let list = |items: Vec<Covered>| {
        items.into_iter().map(|c| view! { <li>{c.name} " · " {share_text(i18n, c.share)}</li> }).collect_view()
    };
    view! {
        <h3>{t!(i18n, agreement.areas)}</h3>
        <ul class="linked">{list(areas)}</ul>
        <h3>{t!(i18n, agreement.places)}</h3>
        <ul class="linked">{list(places)}</ul>
        {(!transactions.is_empty()).then(|| view! {
            <h3>{t!(i18n, agreement.transactions)}</h3>
            <ul class="linked">
                {transactions.into_iter().map(|t| view! {
                    <li>{transaction_kind_name(i18n, t.kind)} " · " <span dir="ltr">{t.on.clone()}</span> " · "
                        {money(i18n.get_locale(), t.minor, exponent, &currency)} " (" {dollars(i18n, t.usd_cents)} ")"</li>
                }).collect_view()}
            </ul>
        })}
    }
}

/// Every place a form offers, as `(Place::code, name)`: the regions, the country groups,
/// then the countries.
pub fn place_choices(i18n: I18n, choices: &AgreementChoices) -> Vec<(String, String)> {
    let mut places: Vec<(String, String)> =
        choices.regions.iter().map(|n| (format!("region:{}", n.code), n.name.clone())).collect();
    places.extend(crate::domain::subscription::GROUPS.iter().map(|g| {
        let name = crate::domain::names::code_label(i18n, crate::domain::catalogue::FacetKind::Group, g)
            .unwrap_or_else(|| g.to_uppercase());
        (format!("group:{g}"), name)
    }));
    places.extend(choices.countries.iter().map(|n| (format!("country:{}", n.code), n.name.clone())));
    places
}

/// The filters, as a GET form to `action`; staff also filter by status, party and amount.
#[component]
pub fn SearchForm(query: AgreementQuery, choices: AgreementChoices, staff: bool, action: String) -> impl IntoView {
    let i18n = use_i18n();
    let q = query;
    let select = move |name: &'static str, label: String, chosen: Option<String>, options: Vec<(String, String)>| {
        let id = format!("ag-{name}");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <select id=id name=name>
                    <option value="">{t!(i18n, interest.any)}</option>
                    {options.into_iter().map(|(code, text)| {
                        let is = chosen.as_deref() == Some(code.as_str());
                        view! { <option value=code selected=is>{text}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let named = |list: &[crate::domain::concept::Named]| {
        list.iter().map(|n| (n.code.clone(), n.name.clone())).collect::<Vec<_>>()
    };
    let groups = crate::domain::subscription::GROUPS
        .iter()
        .map(|g| {
            let name = crate::domain::names::code_label(i18n, crate::domain::catalogue::FacetKind::Group, g)
                .unwrap_or_else(|| g.to_uppercase());
            ((*g).to_owned(), name)
        })
        .collect();
    let kinds =
        AgreementKind::ALL.iter().map(|k| (k.code().to_owned(), agreement_kind_name(i18n, *k).to_owned())).collect();
    let statuses = AgreementStatus::ALL
        .iter()
        .map(|s| (s.code().to_owned(), agreement_status_name(i18n, *s).to_owned()))
        .collect();
    let number = move |name: &'static str, label: String, value: Option<i64>| {
        let id = format!("ag-{name}");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id name=name inputmode="numeric" dir="ltr" maxlength="15" value=value.map(|v| v.to_string()).unwrap_or_default() />
            </div>
        }
    };
    view! {
        <form class="inbox-filters agreement-filters" method="get" action=action role="search" aria-label=move || t_string!(i18n, agreement.search)>
            <div class="field wide">
                <label for="ag-q">{t!(i18n, agreement.search_words)}</label>
                <input id="ag-q" type="search" name="q" maxlength="200" dir="auto" value=q.q.clone() />
            </div>
            {select("area", t_string!(i18n, agreement.area).to_owned(), q.area.clone(), named(&choices.areas))}
            {select("region", t_string!(i18n, agreement.region).to_owned(), q.region.clone(), named(&choices.regions))}
            {select("country", t_string!(i18n, agreement.country).to_owned(), q.country.clone(), named(&choices.countries))}
            {select("group", t_string!(i18n, agreement.group).to_owned(), q.group.clone(), groups)}
            <div class="field">
                <label for="ag-groups">{t!(i18n, agreement.groups_on)}</label>
                <select id="ag-groups" name="groups">
                    <option value="signed" selected=!q.groups_today>{t!(i18n, agreement.groups_signed)}</option>
                    <option value="today" selected=q.groups_today>{t!(i18n, agreement.groups_today)}</option>
                </select>
            </div>
            {select("kind", t_string!(i18n, agreement.kind).to_owned(), q.kind.map(|k| k.code().to_owned()), kinds)}
            {number("from", t_string!(i18n, agreement.from_year).to_owned(), q.from_year)}
            {number("to", t_string!(i18n, agreement.to_year).to_owned(), q.to_year)}
            {staff.then(|| view! {
                {select("status", t_string!(i18n, agreement.status).to_owned(), q.status.map(|s| s.code().to_owned()), statuses)}
                {number("party", t_string!(i18n, agreement.party_number).to_owned(), q.party)}
                {number("min", t_string!(i18n, agreement.min_usd).to_owned(), q.min_usd)}
                {number("max", t_string!(i18n, agreement.max_usd).to_owned(), q.max_usd)}
            })}
            <button class="button" type="submit">{t!(i18n, catalogue.apply)}</button>
        </form>
    }
}

/// The list found, its totals, the organisations table and the pages. `base` is the page's
/// path (`/en/agreements`); staff rows link to the record.
#[component]
pub fn Results(results: AgreementResults, query: AgreementQuery, base: String, staff: bool) -> impl IntoView {
    let i18n = use_i18n();
    let pages = (results.total + results.per_page - 1) / results.per_page.max(1);
    let page = query.page;
    let filters = query.to_query_string();
    let link = {
        let base = base.clone();
        move |to: i64| {
            let sep = if filters.is_empty() { "" } else { "&" };
            format!("{base}?{filters}{sep}page={to}")
        }
    };
    let locale = move || code_of(i18n.get_locale());
    let staff_path = move |rest: String| format!("/{}/staff/{rest}", locale());
    let party_link = {
        let base = base.clone();
        let query = query.clone();
        move |id: i64| {
            let q = AgreementQuery { party: Some(id), page: 1, ..query.clone() };
            format!("{base}?{}", q.to_query_string())
        }
    };
    let partners = results.partners.clone();
    let (shown, partners_total) = (i64::try_from(partners.len()).unwrap_or(0), results.partners_total);
    let all_partners = format!(
        "{base}?{}#partners-heading",
        AgreementQuery { all_partners: true, page: 1, ..query.clone() }.to_query_string()
    );
    let csv = move |table: Table| csv_address(&query, table, "split", staff, code_of(i18n.get_locale_untracked()));
    view! {
        <p role="status" class="search-totals">
            {t!(i18n, agreement.found)} ": " <strong>{results.total}</strong>
            " · " {t!(i18n, agreement.total_value)} ": " <strong>{dollars(i18n, results.usd_cents)}</strong>
            " " <CsvLink href=csv(Table::Agreements) label=t_string!(i18n, agreement.csv_agreements).to_owned() />
        </p>
        {if results.rows.is_empty() {
            view! { <p class="empty">{t!(i18n, agreement.none_found)}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="inbox agreements-list">
                        <caption class="visually-hidden">{t!(i18n, agreement.list_caption)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, agreement.reference)}</th>
                                <th scope="col">{t!(i18n, agreement.title)}</th>
                                <th scope="col">{t!(i18n, agreement.parties)}</th>
                                <th scope="col">{t!(i18n, agreement.kind)}</th>
                                <th scope="col">{t!(i18n, agreement.signed_on)}</th>
                                <th scope="col" class="number">{t!(i18n, agreement.value_usd)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {results.rows.into_iter().map(|r| {
                                let id = r.id;
                                let reference = r.reference.clone();
                                view! {
                                    <tr>
                                        <th scope="row" dir="ltr">
                                            {if staff {
                                                view! { <a href=move || staff_path(format!("agreements/{id}"))>{reference.clone()}</a> }.into_any()
                                            } else {
                                                let href = format!("{base}/{reference}");
                                                view! { <a href=href>{reference.clone()}</a> }.into_any()
                                            }}
                                        </th>
                                        <td dir="auto">
                                            {r.title.clone()}
                                            {r.amendment.then(|| view! { " " <span class="badge">{t!(i18n, agreement.amendment)}</span> })}
                                            {(staff && !r.public).then(|| view! { " " <span class="badge confidential">{t!(i18n, agreement.staff_only)}</span> })}
                                            {(staff && r.status == AgreementStatus::Draft).then(|| view! { " " <span class="badge">{t!(i18n, agreement.status_draft)}</span> })}
                                        </td>
                                        <td dir="auto">{r.parties.join(", ")}</td>
                                        <td>{agreement_kind_name(i18n, r.kind)}</td>
                                        <td dir="ltr">{r.signed_on.clone().unwrap_or_default()}</td>
                                        <td class="number">{dollars(i18n, r.usd_cents)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <Pager page pages link=Callback::new(link) />
        <section class="partners" aria-labelledby="partners-heading">
            <h2 id="partners-heading">{t!(i18n, agreement.partners_title)} " " <CsvLink href=csv(Table::Organisations) label=t_string!(i18n, agreement.csv_partners).to_owned() /></h2>
            <p class="hint">{t!(i18n, agreement.partners_intro)}</p>
            {if partners.is_empty() {
                view! { <p class="empty">{t!(i18n, agreement.no_partners)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="inbox partners-table">
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, agreement.organisation)}</th>
                                    <th scope="col">{t!(i18n, organisation.kind)}</th>
                                    <th scope="col">{t!(i18n, organisation.country)}</th>
                                    <th scope="col" class="number">{t!(i18n, agreement.count)}</th>
                                    <th scope="col" class="number">{t!(i18n, agreement.value_usd)}</th>
                                    <th scope="col">{t!(i18n, agreement.latest)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {partners.into_iter().map(|p| {
                                    let href = party_link(p.id);
                                    let id = p.id;
                                    view! {
                                        <tr>
                                            <th scope="row" dir="auto">
                                                <a href=href>{p.name.clone()}</a>
                                                {p.acronym.clone().map(|a| view! { " (" {a} ")" })}
                                                {staff.then(|| view! { " · " <a class="secondary-link" href=move || staff_path(format!("organisations/{id}"))>{t!(i18n, agreement.registry_link)}</a> })}
                                            </th>
                                            <td>{organisation_kind_name(i18n, p.kind)}</td>
                                            <td>{p.country.clone().unwrap_or_default()}</td>
                                            <td class="number">{p.agreements}</td>
                                            <td class="number">{dollars(i18n, p.usd_cents)}</td>
                                            <td dir="ltr">{p.latest.clone().unwrap_or_default()}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            {(shown < partners_total).then(|| view! {
                <p class="more"><a href=all_partners>{t!(i18n, agreement.all_partners)} " (" {partners_total} ")"</a></p>
            })}
        </section>
    }
}

/// The address of one table of a search as a CSV file, labels in the page's language; staff
/// files hold every agreement, the public's only public ones.
pub fn csv_address(query: &AgreementQuery, table: Table, counting: &str, staff: bool, language: &str) -> String {
    let root = if staff { "/api/staff/agreements.csv" } else { "/api/agreements.csv" };
    let qs = AgreementQuery { page: 1, ..query.clone() }.to_query_string();
    let sep = if qs.is_empty() { "" } else { "&" };
    format!("{root}?{qs}{sep}table={}&counting={counting}&lang={language}", table.code())
}

/// A link that downloads a CSV file, named for what it holds.
#[component]
pub fn CsvLink(href: String, label: String) -> impl IntoView {
    view! { <a class="csv-link" href=href download="" aria-label=label>"CSV"</a> }
}

/// The search in the page's address, read forgivingly.
pub fn query_of(params: &leptos_router::params::ParamsMap) -> AgreementQuery {
    let pairs: Vec<(String, String)> = [
        "q", "area", "region", "country", "group", "groups", "kind", "status", "from", "to", "party", "min", "max",
        "partners", "page",
    ]
    .iter()
    .filter_map(|k| params.get(k).map(|v| ((*k).to_owned(), v)))
    .collect();
    AgreementQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).0
}
