//! `/{locale}/concepts`: the catalogue. The URL holds the whole query; the page is a plain GET
//! form that works without JavaScript. Once hydrated, each change navigates in place (the
//! router updates the URL and history, and only the results are fetched again).
use crate::api::catalogue::search_catalogue;
use crate::components::error_notice::ErrorNotice;
use crate::components::head::PageTitle;
use crate::components::hydration::use_hydrated;
use crate::domain::catalogue::{CatalogueItem, CataloguePage, CatalogueQuery, Facet, FacetKind, Fragment, Sort};
use crate::domain::format::{iso_date, local_date, usd};
use crate::domain::locale::{self, code_of, native_name};
use crate::domain::names::{I18n, code_label};
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Link;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

/// The address of a catalogue query.
fn catalogue_url(locale: Locale, query: &CatalogueQuery) -> String {
    let qs = query.to_query_string();
    let base = format!("/{}/concepts", code_of(locale));
    if qs.is_empty() { base } else { format!("{base}?{qs}") }
}

#[component]
pub fn ConceptsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = Memo::new(move |_| CatalogueQuery::from_params(|name| params.read().get_all(name).unwrap_or_default()));
    let results = Resource::new(
        move || (i18n.get_locale(), query.get()),
        |(l, q)| async move {
            match q {
                Ok(q) => search_catalogue(code_of(l).to_owned(), q).await,
                Err(e) => Err(e),
            }
        },
    );
    let base = move || format!("/{}/concepts", code_of(i18n.get_locale()));
    let navigate = use_navigate();
    // Every control asks for a new query; the router fetches its results without a reload.
    let go = Callback::new(move |next: CatalogueQuery| {
        let url = catalogue_url(i18n.get_locale_untracked(), &next);
        navigate(&url, NavigateOptions { scroll: false, ..Default::default() });
    });
    let current = move || query.get().unwrap_or_else(|_| CatalogueQuery { page: 1, ..Default::default() });
    let search_input = NodeRef::<leptos::html::Input>::new();
    // While new results load, the old ones stay, dimmed and marked busy.
    let (pending, set_pending) = signal(false);
    // On a phone the filters start folded, so results come first, and stay as the reader left
    // them while results change; side by side (wide screens) the stylesheet always shows them.
    let filters_open = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut next = current();
        next.q = search_input.get_untracked().map(|i| i.value().trim().to_owned()).unwrap_or_default();
        next.page = 1;
        go.run(next);
    };
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, catalogue.title), t_string!(i18n, app.name)) />
        <Link rel="canonical" href=base() />
        <header class="page-header">
            <h1>{t!(i18n, catalogue.title)}</h1>
            <p class="lead">{t!(i18n, catalogue.intro)}</p>
        </header>
        <form class="catalogue" method="get" action=base role="search" on:submit=on_submit>
            <div class="search-row">
                <label for="catalogue-q">{t!(i18n, catalogue.search_label)}</label>
                <div class="search-field">
                    <input
                        type="search"
                        id="catalogue-q"
                        name="q"
                        node_ref=search_input
                        maxlength="200"
                        prop:value=move || current().q
                        placeholder=move || t_string!(i18n, catalogue.search_placeholder)
                    />
                    <button type="submit">{t!(i18n, catalogue.search_button)}</button>
                </div>
            </div>
            <div class="catalogue-body" aria-busy=move || pending.get().to_string()>
            <Transition set_pending fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match results.await {
                        Ok(page) => view! { <Results page go filters_open /> }.into_any(),
                        Err(AppError::Validation(_)) => view! { <BadQuery /> }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                    }
                })}
            </Transition>
            </div>
        </form>
    }
}

/// A query the URL could not express: the page says so and offers a clean start.
#[component]
fn BadQuery() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::BAD_REQUEST);
    }
    let i18n = use_i18n();
    view! {
        <div class="notice notice-error" role="alert">
            <p>{t!(i18n, catalogue.bad_query)}</p>
            <p><a href=move || format!("/{}/concepts", code_of(i18n.get_locale()))>{t!(i18n, catalogue.start_again)}</a></p>
        </div>
    }
}

#[component]
fn Results(page: CataloguePage, go: Callback<CatalogueQuery>, filters_open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let hydrated = use_hydrated();
    let query = page.query.clone();
    let href = move |q: &CatalogueQuery| catalogue_url(i18n.get_locale_untracked(), q);
    let facets = page.facets.clone();
    let chips = chosen_chips(i18n, &page.facets);
    let chosen_count = chips.len();
    let cleared = CatalogueQuery { q: query.q.clone(), sort: query.sort, page: 1, ..Default::default() };
    let total = page.total;
    let empty = page.items.is_empty();
    let sort_query = query.clone();
    let on_sort = move |ev: leptos::ev::Event| {
        let mut next = sort_query.clone();
        next.sort = Sort::parse(&event_target_value(&ev)).unwrap_or_default();
        next.page = 1;
        go.run(next);
    };
    let subscribe_query = query.clone();
    let effective = query.effective_sort();
    let has_text = !query.q.is_empty();
    view! {
        <div class="catalogue-layout">
            <details class="filters" open=move || filters_open.get() on:toggle=move |ev| {
                use leptos::wasm_bindgen::JsCast;
                let open = ev.target().and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok()).is_some_and(|d| d.has_attribute("open"));
                filters_open.set(open);
            }>
                <summary>
                    <h2 id="filters-heading">{t!(i18n, catalogue.filters)}</h2>
                    {(chosen_count > 0).then(|| view! { <span class="count">{chosen_count}</span> })}
                </summary>
                {facets.into_iter().map(|f| view! { <FacetControl facet=f query=query.clone() go /> }).collect_view()}
                // Without JavaScript, filters apply when the form is sent; after hydration
                // each change applies at once.
                <button type="submit" class="button apply" hidden=move || hydrated.get()>{t!(i18n, catalogue.apply)}</button>
            </details>
            <section class="results" aria-labelledby="results-heading">
                <div class="results-bar">
                    <h2 id="results-heading">
                        <span role="status">{t!(i18n, catalogue.found)} ": " <strong>{total}</strong></span>
                    </h2>
                    <label class="sort">
                        <span>{t!(i18n, catalogue.sort_label)}</span>
                        <select name="sort" on:change=on_sort>
                            {Sort::ALL
                                .into_iter()
                                .filter(move |s| *s != Sort::Relevance || has_text)
                                .map(|s| view! {
                                    <option value=s.param() selected=s == effective>{move || sort_label(i18n, s)}</option>
                                })
                                .collect_view()}
                        </select>
                    </label>
                </div>
                <p class="feed-link">
                    <a href=feed_url(i18n.get_locale_untracked(), &query) type="application/atom+xml">{t!(i18n, catalogue.feed)}</a>
                </p>
                {(!chips.is_empty()).then(|| {
                    let chips = chips.clone();
                    let query = query.clone();
                    view! {
                        <ul class="chosen" aria-label=move || t_string!(i18n, catalogue.chosen)>
                            {chips.into_iter().map(|(kind, code, name)| {
                                let link = href(&query.toggled(kind, &code));
                                view! {
                                    <li>
                                        <a href=link aria-label=format!("{}: {name}", t_string!(i18n, catalogue.remove))>
                                            {name.clone()} <span aria-hidden="true">" ×"</span>
                                        </a>
                                    </li>
                                }
                            }).collect_view()}
                            <li><a class="clear" href=href(&cleared)>{t!(i18n, catalogue.clear)}</a></li>
                        </ul>
                        <p class="subscribe-search">
                            <a href=subscribe_url(i18n.get_locale_untracked(), &query)>{t!(i18n, subscribe.this_search)}</a>
                        </p>
                    }
                })}
                <Show when=move || !empty fallback=move || view! { <EmptyResults subscribe=subscribe_url(i18n.get_locale_untracked(), &subscribe_query) /> }>
                    <ol class="result-list">
                        {page.items.clone().into_iter().map(|item| view! { <ResultItem item /> }).collect_view()}
                    </ol>
                    <Pager query=query.clone() pages=page.pages />
                </Show>
            </section>
        </div>
    }
}

/// The chosen values of every facet, named, for the "remove this filter" list.
fn chosen_chips(i18n: I18n, facets: &[Facet]) -> Vec<(FacetKind, String, String)> {
    facets
        .iter()
        .flat_map(|f| {
            f.options.iter().filter(|o| o.chosen).map(move |o| {
                let name =
                    o.name.clone().or_else(|| code_label(i18n, f.kind, &o.code)).unwrap_or_else(|| o.code.clone());
                (f.kind, o.code.clone(), name)
            })
        })
        .collect()
}

fn sort_label(i18n: I18n, sort: Sort) -> &'static str {
    match sort {
        Sort::Relevance => t_string!(i18n, catalogue.sort_relevance),
        Sort::Newest => t_string!(i18n, catalogue.sort_newest),
        Sort::BudgetHigh => t_string!(i18n, catalogue.sort_budget_high),
        Sort::BudgetLow => t_string!(i18n, catalogue.sort_budget_low),
    }
}

fn facet_heading(i18n: I18n, kind: FacetKind) -> &'static str {
    match kind {
        FacetKind::Area => t_string!(i18n, catalogue.facet_area),
        FacetKind::Region => t_string!(i18n, catalogue.facet_region),
        FacetKind::Country => t_string!(i18n, catalogue.facet_country),
        FacetKind::Group => t_string!(i18n, catalogue.facet_group),
        FacetKind::Media => t_string!(i18n, catalogue.facet_media),
        FacetKind::Contribution => t_string!(i18n, catalogue.facet_contribution),
        FacetKind::Language => t_string!(i18n, catalogue.facet_language),
    }
}

/// A facet as checkboxes, or for countries (too many for boxes) as a list to choose from.
#[component]
fn FacetControl(facet: Facet, query: CatalogueQuery, go: Callback<CatalogueQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let kind = facet.kind;
    let param = kind.param();
    if kind == FacetKind::Country {
        let id = "facet-country";
        let chosen = query.chosen(kind).first().cloned().unwrap_or_default();
        let on_change = move |ev: leptos::ev::Event| {
            let mut next = query.clone();
            let value = event_target_value(&ev);
            next.chosen[kind.index()] = if value.is_empty() { Vec::new() } else { vec![value] };
            next.page = 1;
            go.run(next);
        };
        return view! {
            <div class="facet">
                <label class="facet-heading" for=id>{move || facet_heading(i18n, kind)}</label>
                <select id=id name=param on:change=on_change>
                    <option value="" selected=chosen.is_empty()>{t!(i18n, catalogue.any_country)}</option>
                    {facet.options.into_iter().map(|o| {
                        let selected = o.code == chosen;
                        let label = format!("{} ({})", o.name.clone().unwrap_or_else(|| o.code.clone()), o.count);
                        view! { <option value=o.code selected=selected disabled=o.count == 0 && !selected>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
        .into_any();
    }
    view! {
        <fieldset class="facet">
            <legend class="facet-heading">{move || facet_heading(i18n, kind)}</legend>
            <ul>
                {facet.options.into_iter().map(|o| {
                    let id = format!("facet-{param}-{}", o.code);
                    let next = query.toggled(kind, &o.code);
                    let code = o.code.clone();
                    let name = o.name.clone();
                    let label = move || name.clone().or_else(|| code_label(i18n, kind, &code)).unwrap_or_else(|| code.clone());
                    let lang = (kind == FacetKind::Language).then(|| o.code.clone());
                    view! {
                        <li class:empty=o.count == 0 && !o.chosen>
                            <input
                                type="checkbox"
                                id=id.clone()
                                name=param
                                value=o.code.clone()
                                checked=o.chosen
                                on:change=move |_| go.run(next.clone())
                            />
                            <label for=id>
                                <span class="option-name" lang=lang>{label}</span>
                                <span class="count">{o.count}</span>
                            </label>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </fieldset>
    }
    .into_any()
}

/// Text with the search's matches marked.
fn marked(fragments: Vec<Fragment>) -> impl IntoView {
    fragments
        .into_iter()
        .map(|f| if f.hit { view! { <mark>{f.text}</mark> }.into_any() } else { f.text.into_any() })
        .collect_view()
}

#[component]
fn ResultItem(item: CatalogueItem) -> impl IntoView {
    let i18n = use_i18n();
    let card = item.card;
    let slug = card.slug.clone();
    let href = move || format!("/{}/concepts/{}", code_of(i18n.get_locale()), slug);
    let shown_in = locale::parse(&card.locale);
    let foreign = move || shown_in.is_some_and(|l| l != i18n.get_locale());
    let dir = shown_in.map_or("auto", locale::dir_of);
    let budget = item.budget_usd;
    let media = item.media.clone();
    let published = card.published_at;
    let lang = card.locale.clone();
    view! {
        <li class="result">
            <article>
                <h3 lang=card.locale.clone() dir=dir><a href=href>{marked(item.title)}</a></h3>
                <Show when=foreign>
                    <p class="language-note">
                        {t!(i18n, concept.original_in)} ": "
                        <span lang=lang.clone()>{shown_in.map(native_name).unwrap_or_default()}</span>
                    </p>
                </Show>
                <p class="summary" lang=card.locale.clone() dir=dir>{marked(item.snippet)}</p>
                <ul class="chips">
                    {card.areas.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}
                    {item.regions.into_iter().map(|r| view! { <li class="region">{r}</li> }).collect_view()}
                </ul>
                <p class="meta">
                    <span>
                        {t!(i18n, concept.published_on)} " "
                        <time datetime=iso_date(published)>{move || local_date(i18n.get_locale(), published)}</time>
                    </span>
                    {budget.map(|b| view! { <span>{t!(i18n, concept.budget)} ": " {move || usd(i18n.get_locale(), b)}</span> })}
                    {(!media.is_empty()).then(|| {
                        let media = media.clone();
                        view! {
                            <span>
                                {move || media.iter().filter_map(|m| code_label(i18n, FacetKind::Media, m)).collect::<Vec<_>>().join(" · ")}
                            </span>
                        }
                    })}
                    <span>
                        {item.locales.iter().map(|l| {
                            let name = locale::parse(l).map(native_name).unwrap_or_default();
                            view! { <span class="lang-tag" lang=l.clone()>{name}</span> }
                        }).collect_view()}
                    </span>
                </p>
            </article>
        </li>
    }
}

#[component]
fn EmptyResults(subscribe: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="empty-results">
            <h3>{t!(i18n, catalogue.empty_title)}</h3>
            <p>{t!(i18n, catalogue.empty_body)}</p>
            <p><a class="button secondary" href=subscribe>{t!(i18n, catalogue.empty_subscribe)}</a></p>
        </div>
    }
}

/// The Atom feed of this search's text and filters.
fn feed_url(locale: Locale, query: &CatalogueQuery) -> String {
    let qs = query.filters_only().to_query_string();
    let base = format!("/{}/feeds/concepts.atom", code_of(locale));
    if qs.is_empty() { base } else { format!("{base}?{qs}") }
}

/// The subscribe page with this search's areas, regions, countries and groups chosen.
fn subscribe_url(locale: Locale, query: &CatalogueQuery) -> String {
    let pairs: Vec<String> = [FacetKind::Area, FacetKind::Region, FacetKind::Country, FacetKind::Group]
        .into_iter()
        .flat_map(|kind| query.chosen[kind.index()].iter().map(move |code| format!("{}={code}", kind.param())))
        .collect();
    let base = format!("/{}/subscribe", code_of(locale));
    if pairs.is_empty() { base } else { format!("{base}?{}", pairs.join("&")) }
}

/// Page links: previous, numbers around the current page, next.
#[component]
fn Pager(query: CatalogueQuery, pages: u32) -> impl IntoView {
    let i18n = use_i18n();
    let current = query.page;
    let link = move |page: u32| {
        let mut q = query.clone();
        q.page = page;
        catalogue_url(i18n.get_locale_untracked(), &q)
    };
    let numbers: Vec<u32> = (1..=pages).filter(|p| *p == 1 || *p == pages || p.abs_diff(current) <= 2).collect();
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=move || t_string!(i18n, catalogue.pages)>
                {(current > 1).then(|| view! { <a rel="prev" href=link(current - 1)>{t!(i18n, catalogue.previous)}</a> })}
                <ul>
                    {numbers.windows(2).map(|w| (w[0], w[1] - w[0] > 1)).chain(numbers.last().map(|l| (*l, false))).map(|(p, gap_after)| view! {
                        <li>
                            {if p == current {
                                view! { <span aria-current="page">{p}</span> }.into_any()
                            } else {
                                view! { <a href=link(p)>{p}</a> }.into_any()
                            }}
                        </li>
                        {gap_after.then(|| view! { <li aria-hidden="true">"…"</li> })}
                    }).collect_view()}
                </ul>
                {(current < pages).then(|| view! { <a rel="next" href=link(current + 1)>{t!(i18n, catalogue.next)}</a> })}
            </nav>
        }
    })
}
