//! The suggested funders of a concept (staff): ranked, each factor of its score a badge that
//! says why and links to the agreements behind it; a "not a fit" form with its reason; the
//! funders set apart (failed due diligence, stated limitations) and those marked not a fit.
use crate::api::funders::{FitAgain, MarkNotAFit};
use crate::components::form_messages::{field_message, form_message};
use crate::domain::agreement::Place;
use crate::domain::format::{local_date, usd};
use crate::domain::funder_fit::{Exclusion, Factor, FunderSuggestions, REASON_MAX, SizeBasis, Suggestion};
use crate::domain::locale::code_of;
use crate::domain::names::{I18n, funding_type_name};
use crate::i18n::*;
use leptos::prelude::*;

/// The staff agreements search for one funder, with `filter` (`area=…`, `region=…`, …).
fn agreements_of(i18n: I18n, organisation: i64, filter: &str) -> String {
    let base = format!("/{}/staff/agreements?party={organisation}", code_of(i18n.get_locale()));
    if filter.is_empty() { base } else { format!("{base}&{filter}") }
}

/// A badge's words, and the link to its evidence when it has one.
fn badge(i18n: I18n, s: &FunderSuggestions, organisation: i64, f: &Factor) -> (String, Option<String>) {
    let l = i18n.get_locale();
    let list = |codes: Vec<String>| codes.iter().map(|c| s.name(c)).collect::<Vec<_>>().join(", ");
    let count = |n: usize| format!("{} {n}", t_string!(i18n, funder.agreements));
    match f {
        Factor::StatedArea { areas, .. } => (
            format!(
                "{}: {}",
                t_string!(i18n, funder.badge_stated_area),
                list(areas.iter().map(|a| format!("area:{a}")).collect())
            ),
            None,
        ),
        Factor::PastArea { areas, agreements, usd_cents, .. } => (
            format!(
                "{} · {} · {}",
                t_string!(i18n, funder.badge_past_area),
                count(agreements.len()),
                usd(l, usd_cents / 100)
            ),
            // The search filters by one area: by it when the evidence lies in one of the
            // concept's areas, else every agreement of the funder.
            Some(agreements_of(
                i18n,
                organisation,
                &match areas.as_slice() {
                    [one] => format!("area={one}"),
                    _ => String::new(),
                },
            )),
        ),
        Factor::StatedPlace { places, .. } => (
            format!(
                "{}: {}",
                t_string!(i18n, funder.badge_stated_place),
                list(places.iter().map(Place::code).collect())
            ),
            None,
        ),
        Factor::PastPlace { agreements, .. } => (
            format!("{} · {}", t_string!(i18n, funder.badge_past_place), count(agreements.len())),
            // A place filter would miss agreements for a wider place (Global meets every
            // country): every agreement of the funder.
            Some(agreements_of(i18n, organisation, "")),
        ),
        Factor::FundingType { types, .. } => (
            format!(
                "{}: {}",
                t_string!(i18n, funder.badge_funding_type),
                types.iter().map(|t| funding_type_name(i18n, *t)).collect::<Vec<_>>().join(", ")
            ),
            None,
        ),
        Factor::Size { basis, .. } => (
            match basis {
                SizeBasis::Stated { low, high } => format!(
                    "{}: {} – {}",
                    t_string!(i18n, funder.badge_size_stated),
                    usd(l, low / 100),
                    if *high == i64::MAX { "…".to_owned() } else { usd(l, high / 100) }
                ),
                SizeBasis::Typical { median } => {
                    format!("{}: {}", t_string!(i18n, funder.badge_size_typical), usd(l, median / 100))
                }
            },
            None,
        ),
        Factor::Active { agreements, .. } => (
            format!("{} · {}", t_string!(i18n, funder.badge_active), count(agreements.len())),
            Some(agreements_of(i18n, organisation, "status=active")),
        ),
        Factor::Member { .. } => (t_string!(i18n, funder.badge_member).to_owned(), None),
        Factor::RecentContact { days, .. } => {
            (format!("{} ({days} {})", t_string!(i18n, funder.badge_contact), t_string!(i18n, funder.days)), None)
        }
        Factor::DueDiligencePending { .. } => (t_string!(i18n, funder.badge_pending).to_owned(), None),
    }
}

/// Why a funder is set apart, in words.
fn exclusion_text(i18n: I18n, s: &FunderSuggestions, why: &Exclusion) -> String {
    match why {
        Exclusion::DueDiligenceFailed => t_string!(i18n, funder.excluded_due_diligence).to_owned(),
        Exclusion::ExcludedArea(a) => {
            format!("{}: {}", t_string!(i18n, funder.excluded_area), s.name(&format!("area:{a}")))
        }
        Exclusion::ExcludedPlace(p) => format!("{}: {}", t_string!(i18n, funder.excluded_place), s.name(&p.code())),
    }
}

/// How many funders the panel shows before "more".
const SHOWN: usize = 10;

#[component]
pub fn FunderSuggestionsPanel(
    suggestions: FunderSuggestions,
    not_a_fit: ServerAction<MarkNotAFit>,
    fit_again: ServerAction<FitAgain>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || not_a_fit.value().get().and_then(Result::err));
    let reason_error = Signal::derive(move || error.get().and_then(|e| field_message(i18n, &e, "reason")));
    let s = suggestions;
    let concept = s.concept;
    let card = {
        let s = s.clone();
        move |(rank, r): (usize, Suggestion)| {
            let org = r.organisation;
            let heading_id = format!("funder-{org}");
            let labelled_by = heading_id.clone();
            let reason_id = format!("funder-{org}-reason");
            let badges = r
                .factors
                .iter()
                .map(|f| {
                    let (text, link) = badge(i18n, &s, org, f);
                    let points = f.points();
                    let class = if points < 0 { "badge badge-minus" } else { "badge" };
                    let sign = if points < 0 { format!("−{}", -points) } else { format!("+{points}") };
                    let body =
                        view! { <span dir="auto">{text}</span> " " <span class="points" dir="ltr">{sign}</span> };
                    match link {
                        Some(href) => view! { <li class=class><a href=href>{body}</a></li> }.into_any(),
                        None => view! { <li class=class>{body}</li> }.into_any(),
                    }
                })
                .collect_view();
            view! {
                <li class="funder" aria-labelledby=labelled_by>
                    <h3 id=heading_id>
                        <span class="rank" dir="ltr">{rank + 1} "."</span> " "
                        <a href=format!("/{}/staff/organisations/{org}", code_of(i18n.get_locale())) dir="auto">{r.name.clone()}</a>
                        " " <span class="score" dir="ltr">{r.score}</span>
                        <span class="visually-hidden">" " {t!(i18n, funder.points)}</span>
                    </h3>
                    <ul class="badges">{badges}</ul>
                    <details class="not-a-fit">
                        <summary>{t!(i18n, funder.not_a_fit)}</summary>
                        <ActionForm action=not_a_fit attr:class="inline-form">
                            <input type="hidden" name="concept" value=concept />
                            <input type="hidden" name="organisation" value=org />
                            <label for=reason_id.clone()>{t!(i18n, funder.reason)}</label>
                            <input id=reason_id name="reason" required maxlength=REASON_MAX.to_string() dir="auto" />
                            <button class="button secondary small" type="submit">{t!(i18n, funder.mark_not_a_fit)}</button>
                        </ActionForm>
                    </details>
                </li>
            }
        }
    };
    let excluded = s
        .excluded
        .iter()
        .map(|(org, name, why)| {
            view! {
                <li>
                    <a href=format!("/{}/staff/organisations/{org}", code_of(i18n.get_locale())) dir="auto">{name.clone()}</a>
                    " · " {exclusion_text(i18n, &s, why)}
                </li>
            }
        })
        .collect_view();
    let marked = s
        .not_a_fit
        .iter()
        .map(|n| {
            let who = n.by.clone().unwrap_or_default();
            let organisation = n.organisation;
            view! {
                <li>
                    <span dir="auto">{n.name.clone()}</span> " · " <q dir="auto">{n.reason.clone()}</q>
                    " · " {who} " · " {local_date(i18n.get_locale(), n.at)}
                    <ActionForm action=fit_again attr:class="inline-form">
                        <input type="hidden" name="concept" value=concept />
                        <input type="hidden" name="organisation" value=organisation />
                        <button class="button secondary small" type="submit">{t!(i18n, funder.fit_again)}</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    let has_excluded = !s.excluded.is_empty();
    let has_marked = !s.not_a_fit.is_empty();
    view! {
        <section class="funder-suggestions" aria-labelledby="funders-title" id="funders">
            <h2 id="funders-title">{t!(i18n, funder.suggested_title)}</h2>
            <p class="hint">
                {t!(i18n, funder.suggested_intro)} " "
                <a href=format!("/{}/staff/funder-weights", code_of(i18n.get_locale()))>{t!(i18n, funder.weights_title)}</a>
            </p>
            {move || error.get().filter(|_| reason_error.get().is_none()).and_then(|e| form_message(i18n, &e)).map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
            {move || reason_error.get().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
            {if s.ranked.is_empty() {
                view! { <p class="empty">{t!(i18n, funder.none)}</p> }.into_any()
            } else {
                // The first ten at once; the rest a click away.
                let mut ranked: Vec<(usize, Suggestion)> = s.ranked.clone().into_iter().enumerate().collect();
                let rest = ranked.split_off(ranked.len().min(SHOWN));
                let more = rest.len();
                let card_rest = card.clone();
                view! {
                    <ol class="funders">{ranked.into_iter().map(card).collect_view()}</ol>
                    {(more > 0).then(|| view! {
                        <details class="more-funders">
                            <summary>{t!(i18n, funder.more)} " (" {more} ")"</summary>
                            <ol class="funders" start=(SHOWN + 1).to_string()>{rest.into_iter().map(card_rest).collect_view()}</ol>
                        </details>
                    })}
                }.into_any()
            }}
            {has_excluded.then(|| view! {
                <h3>{t!(i18n, funder.excluded_title)}</h3>
                <ul class="funders-apart">{excluded}</ul>
            })}
            {has_marked.then(|| view! {
                <h3>{t!(i18n, funder.marked_title)}</h3>
                <ul class="funders-apart">{marked}</ul>
            })}
        </section>
    }
}
