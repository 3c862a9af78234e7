use crate::api::home::get_home_overview;
use crate::components::concept_card::ConceptCardView;
use crate::components::error_notice::ErrorNotice;
use crate::components::head::PageTitle;
use crate::components::hydration::use_hydrated;
use crate::domain::concept::HomeOverview;
use crate::domain::locale::code_of;
use crate::domain::taxonomy::CountedTerm;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let overview = Resource::new(move || i18n.get_locale(), |l| get_home_overview(code_of(l).to_owned()));
    let code = move || code_of(i18n.get_locale());
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, app.name), t_string!(i18n, app.tagline)) />
        <section class="hero">
            <h1>{t!(i18n, home.title)}</h1>
            <p class="lead">{t!(i18n, home.intro)}</p>
            <p class="actions">
                <a class="button" href=move || format!("/{}/concepts", code())>{t!(i18n, home.browse)}</a>
                <a class="button secondary" href=move || format!("/{}/subscribe", code())>{t!(i18n, home.alerts)}</a>
            </p>
        </section>
        <Transition fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(o) => view! { <Overview overview=o /> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Overview(overview: HomeOverview) -> impl IntoView {
    let i18n = use_i18n();
    let code = move || code_of(i18n.get_locale());
    let areas_with_concepts = overview.areas.iter().filter(|a| a.count > 0).count();
    let regions_with_concepts = overview.regions.iter().filter(|r| r.count > 0).count();
    let empty = overview.recent.is_empty();
    view! {
        <section class="stats">
            <p><strong>{overview.published}</strong> <span>{t!(i18n, home.stat_concepts)}</span></p>
            <p><strong>{areas_with_concepts}</strong> <span>{t!(i18n, home.stat_areas)}</span></p>
            <p><strong>{regions_with_concepts}</strong> <span>{t!(i18n, home.stat_regions)}</span></p>
        </section>
        <BrowseBy areas=overview.areas regions=overview.regions />
        <section class="recent" aria-labelledby="recent-heading">
            <h2 id="recent-heading">{t!(i18n, home.recent)}</h2>
            <Show
                when=move || !empty
                fallback=move || view! { <p class="empty">{t!(i18n, home.empty)}</p> }
            >
                <div class="card-grid">
                    {overview.recent.clone().into_iter().map(|card| view! { <ConceptCardView card /> }).collect_view()}
                </div>
                <p><a href=move || format!("/{}/concepts", code())>{t!(i18n, home.all_concepts)}</a></p>
            </Show>
        </section>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Facet {
    Area,
    Region,
}

/// Counts by area of action and by region. Without JavaScript both lists show; once the
/// page is hydrated they become two tabs (arrow keys move between them).
#[component]
fn BrowseBy(areas: Vec<CountedTerm>, regions: Vec<CountedTerm>) -> impl IntoView {
    let i18n = use_i18n();
    let hydrated = use_hydrated();
    let (facet, set_facet) = signal(Facet::Area);
    let area_tab = NodeRef::<leptos::html::Button>::new();
    let region_tab = NodeRef::<leptos::html::Button>::new();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if matches!(ev.key().as_str(), "ArrowLeft" | "ArrowRight" | "Home" | "End") {
            ev.prevent_default();
            let next = if facet.get_untracked() == Facet::Area { Facet::Region } else { Facet::Area };
            set_facet.set(next);
            let tab = if next == Facet::Area { area_tab } else { region_tab };
            if let Some(el) = tab.get_untracked() {
                let _ = el.focus();
            }
        }
    };
    let tab = move |which: Facet, node: NodeRef<leptos::html::Button>, id: &'static str, panel: &'static str| {
        let selected = move || facet.get() == which;
        view! {
            <button
                type="button"
                role="tab"
                id=id
                node_ref=node
                aria-controls=panel
                aria-selected=move || selected().to_string()
                tabindex=move || if selected() { "0" } else { "-1" }
                on:click=move |_| set_facet.set(which)
                on:keydown=on_key
            >
                {move || match which {
                    Facet::Area => t_string!(i18n, home.by_area),
                    Facet::Region => t_string!(i18n, home.by_region),
                }}
            </button>
        }
    };
    view! {
        <section class="browse-by" aria-labelledby="browse-heading">
            <h2 id="browse-heading">{t!(i18n, home.browse_by)}</h2>
            <div class="tabs" role="tablist" aria-labelledby="browse-heading" hidden=move || !hydrated.get()>
                {tab(Facet::Area, area_tab, "tab-areas", "panel-areas")}
                {tab(Facet::Region, region_tab, "tab-regions", "panel-regions")}
            </div>
            <TermPanel id="panel-areas" tab="tab-areas" param="area" terms=areas
                hidden=Signal::derive(move || hydrated.get() && facet.get() != Facet::Area)
                heading=Signal::derive(move || t_string!(i18n, home.by_area).to_string()) />
            <TermPanel id="panel-regions" tab="tab-regions" param="region" terms=regions
                hidden=Signal::derive(move || hydrated.get() && facet.get() != Facet::Region)
                heading=Signal::derive(move || t_string!(i18n, home.by_region).to_string()) />
        </section>
    }
}

#[component]
fn TermPanel(
    id: &'static str,
    tab: &'static str,
    param: &'static str,
    terms: Vec<CountedTerm>,
    hidden: Signal<bool>,
    heading: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let hydrated = use_hydrated();
    view! {
        <div
            class="tab-panel"
            id=id
            role=move || hydrated.get().then_some("tabpanel")
            aria-labelledby=move || hydrated.get().then_some(tab)
            hidden=move || hidden.get()
        >
            <h3 class="panel-heading" hidden=move || hydrated.get()>{move || heading.get()}</h3>
            <ul class="term-list">
                {terms
                    .into_iter()
                    .map(|term| {
                        let href = move || format!("/{}/concepts?{param}={}", code_of(i18n.get_locale()), term.code);
                        view! {
                            <li>
                                <a href=href>
                                    <span class="term-name">{term.name}</span>
                                    <span class="count" aria-label=move || format!("{}: {}", t_string!(i18n, home.count_label), term.count)>
                                        {term.count}
                                    </span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}
