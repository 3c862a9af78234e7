//! `/{locale}/concepts/{slug}`: one concept, its facts and its media.
use crate::api::concepts::get_concept;
use crate::api::subscriptions::subscribe_choices;
use crate::components::concept_card::ConceptCardView;
use crate::components::error_notice::ErrorNotice;
use crate::components::not_found::NotFoundPage;
use crate::components::raw_text::raw_text;
use crate::domain::catalogue::FacetKind;
use crate::domain::concept::{ConceptPage as Page, Medium, Named};
use crate::domain::format::{iso_date, local_date, usd};
use crate::domain::locale::{self, code_of, native_name};
use crate::domain::names::{code_label, sdg_name};
use crate::error::AppError;
use crate::i18n::*;
use crate::pages::interest::InterestSection;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn ConceptPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let concept = Resource::new(
        move || (i18n.get_locale(), params.read().get("slug").unwrap_or_default()),
        |(l, slug)| get_concept(code_of(l).to_owned(), slug),
    );
    // The countries of the interest form, asked for with the concept.
    let choices = Resource::new(move || i18n.get_locale(), |l| subscribe_choices(code_of(l).to_owned()));
    view! {
        <Transition fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match concept.await {
                    Ok(c) => {
                        let countries = choices
                            .await
                            .map(|ch| ch.countries.into_iter().map(|n| (n.code, n.name)).collect())
                            .unwrap_or_default();
                        view! { <ConceptView concept=c countries /> }.into_any()
                    }
                    Err(AppError::NotFound) => view! { <NotFoundPage /> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ConceptView(concept: Page, countries: Vec<(String, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let c = concept;
    let shown = locale::parse(&c.locale);
    let dir = shown.map_or("auto", locale::dir_of);
    let untranslated = move || shown.is_some_and(|l| l != i18n.get_locale());
    let canonical = format!("/{}/concepts/{}", code_of(i18n.get_locale_untracked()), c.slug);
    let alternates = c.locales.clone();
    let slug = c.slug.clone();
    let title = c.title.clone();
    let summary = c.summary.clone();
    view! {
        <Title text=format!("{} — {}", raw_text(&c.title), t_string!(i18n, app.name)) />
        <Meta name="description" content=c.summary.clone() />
        <Meta property="og:title" content=c.title.clone() />
        <Meta property="og:description" content=c.summary.clone() />
        <Meta property="og:type" content="article" />
        <Meta name="twitter:card" content="summary" />
        <Link rel="canonical" href=canonical />
        {alternates
            .iter()
            .map(|l| view! { <Link rel="alternate" hreflang=l.clone() href=format!("/{l}/concepts/{}", slug) /> })
            .collect_view()}
        <p class="breadcrumb">
            <a href=move || format!("/{}/concepts", code_of(i18n.get_locale()))>{t!(i18n, concept.back)}</a>
        </p>
        <article class="concept" lang=c.locale.clone() dir=dir>
            <header class="concept-header">
                <h1>{title}</h1>
                <Show when=untranslated>
                    <p class="notice notice-info" lang=move || code_of(i18n.get_locale()) dir=move || locale::dir_of(i18n.get_locale())>
                        {t!(i18n, concept.no_translation)}
                    </p>
                </Show>
                <p class="lead">{summary}</p>
                {(!c.partners.is_empty()).then(|| view! {
                    <p class="partnership" lang=move || code_of(i18n.get_locale()) dir=move || locale::dir_of(i18n.get_locale())>
                        {t!(i18n, concept.in_partnership_with)} " " <span dir="auto">{c.partners.join(", ")}</span>
                    </p>
                })}
                <Languages locales=c.locales.clone() slug=c.slug.clone() />
            </header>
            <div class="concept-layout">
                <div class="concept-main">
                    <Section heading=Signal::derive(move || t_string!(i18n, concept.objectives).to_string()) text=c.objectives.clone() />
                    <Section heading=Signal::derive(move || t_string!(i18n, concept.beneficiaries).to_string()) text=c.beneficiaries.clone() />
                    <section>
                        <h2 lang=move || code_of(i18n.get_locale())>{t!(i18n, concept.details)}</h2>
                        <div class="prose" inner_html=c.body_html.clone()></div>
                    </section>
                    <MediaList media=c.media.clone() />
                </div>
                <Facts concept=c.clone() />
            </div>
        </article>
        <InterestSection slug=c.slug.clone() served_at=c.served_at countries />
        <Show when={
            let empty = c.related.is_empty();
            move || !empty
        }>
            <section class="related" aria-labelledby="related-heading">
                <h2 id="related-heading">{t!(i18n, concept.related)}</h2>
                <div class="card-grid">
                    {c.related.clone().into_iter().map(|card| view! { <ConceptCardView card /> }).collect_view()}
                </div>
            </section>
        </Show>
    }
}

#[component]
fn Section(heading: Signal<String>, text: String) -> impl IntoView {
    let i18n = use_i18n();
    (!text.trim().is_empty()).then(|| {
        view! {
            <section>
                <h2 lang=move || code_of(i18n.get_locale())>{move || heading.get()}</h2>
                <p>{text}</p>
            </section>
        }
    })
}

/// Links to the concept in every language it is written in.
#[component]
fn Languages(locales: Vec<String>, slug: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="languages" lang=move || code_of(i18n.get_locale())>
            {t!(i18n, concept.languages)} ": "
            {locales
                .into_iter()
                .filter_map(|l| locale::parse(&l))
                .map(|l| {
                    let href = format!("/{}/concepts/{}", code_of(l), slug);
                    view! { <a href=href hreflang=code_of(l) lang=code_of(l) class="language-link">{native_name(l)}</a> " " }
                })
                .collect_view()}
        </p>
    }
}

/// The side panel: tags, budget, contribution, timeline, focal point.
#[component]
fn Facts(concept: Page) -> impl IntoView {
    let i18n = use_i18n();
    let c = concept;
    let list = |items: Vec<Named>| view! { <ul class="chips">{items.into_iter().map(|n| view! { <li>{n.name}</li> }).collect_view()}</ul> };
    let groups = c.groups.clone();
    let contributions = c.contributions.clone();
    let sdgs = c.sdgs.clone();
    let budget = c.budget_usd;
    let (starts, ends) = (c.starts_on.clone(), c.ends_on.clone());
    view! {
        <aside class="facts" aria-labelledby="facts-heading" lang=move || code_of(i18n.get_locale()) dir=move || locale::dir_of(i18n.get_locale())>
            <h2 id="facts-heading">{t!(i18n, concept.facts)}</h2>
            <dl>
                <dt>{t!(i18n, concept.areas)}</dt>
                <dd>{list(c.areas.clone())}</dd>
                <dt>{t!(i18n, concept.regions)}</dt>
                <dd>{list(c.regions.clone())}</dd>
                {(!c.countries.is_empty()).then(|| view! {
                    <dt>{t!(i18n, concept.countries)}</dt>
                    <dd>{list(c.countries.clone())}</dd>
                })}
                {(!groups.is_empty()).then(|| view! {
                    <dt>{t!(i18n, concept.groups)}</dt>
                    <dd>
                        <ul class="chips">
                            {groups.iter().map(|g| {
                                let g = g.clone();
                                view! { <li>{move || code_label(i18n, FacetKind::Group, &g)}</li> }
                            }).collect_view()}
                        </ul>
                    </dd>
                })}
                {(!sdgs.is_empty()).then(|| view! {
                    <dt>{t!(i18n, concept.sdgs)}</dt>
                    <dd>
                        <ul class="chips">
                            {sdgs.iter().map(|g| {
                                let g = g.clone();
                                view! { <li>{move || sdg_name(i18n, &g)}</li> }
                            }).collect_view()}
                        </ul>
                    </dd>
                })}
                <dt>{t!(i18n, concept.budget)}</dt>
                <dd>{move || budget.map_or_else(|| t_string!(i18n, concept.not_set).to_string(), |b| usd(i18n.get_locale(), b))}</dd>
                <dt>{t!(i18n, concept.contribution)}</dt>
                <dd>
                    <ul class="chips">
                        {contributions.iter().map(|k| {
                            let k = k.clone();
                            view! { <li>{move || code_label(i18n, FacetKind::Contribution, &k)}</li> }
                        }).collect_view()}
                    </ul>
                </dd>
                <dt>{t!(i18n, concept.timeline)}</dt>
                <dd>
                    {match (starts, ends) {
                        (Some(s), Some(e)) => view! { <time datetime=s.clone()>{s.clone()}</time> " – " <time datetime=e.clone()>{e.clone()}</time> }.into_any(),
                        (Some(s), None) | (None, Some(s)) => view! { <time datetime=s.clone()>{s.clone()}</time> }.into_any(),
                        (None, None) => view! { {move || t_string!(i18n, concept.not_set)} }.into_any(),
                    }}
                </dd>
                <dt>{t!(i18n, concept.focal_point)}</dt>
                <dd>
                    <span dir="auto">{c.focal_point_name.clone()}</span>
                    <br />
                    <a href=format!("mailto:{}", c.focal_point_email) dir="ltr">{c.focal_point_email.clone()}</a>
                </dd>
                <dt>{t!(i18n, concept.published_on)}</dt>
                <dd><time datetime=iso_date(c.published_at)>{move || local_date(i18n.get_locale(), c.published_at)}</time></dd>
            </dl>
        </aside>
    }
}

#[component]
fn MediaList(media: Vec<Medium>) -> impl IntoView {
    let i18n = use_i18n();
    (!media.is_empty()).then(|| {
        view! {
            <section class="media" lang=move || code_of(i18n.get_locale()) dir=move || locale::dir_of(i18n.get_locale())>
                <h2>{t!(i18n, concept.media)}</h2>
                {media.into_iter().map(|m| view! { <MediumView medium=m /> }).collect_view()}
            </section>
        }
    })
}

#[component]
fn MediumView(medium: Medium) -> impl IntoView {
    let i18n = use_i18n();
    let m = medium;
    let kind = m.kind.clone();
    let heading = move || code_label(i18n, FacetKind::Media, &kind);
    let document_language = m.locale.as_deref().and_then(locale::parse).map(native_name);
    let size = m.byte_size.map(|b| crate::domain::format::file_size(i18n.get_locale_untracked(), b));
    let body = match (m.kind.as_str(), m.url.clone(), m.external.clone()) {
        ("video", Some(url), _) => view! {
            <video controls preload="metadata" poster=m.poster_url.clone() class="player">
                <source src=url.clone() type=m.content_type.clone() />
                {m.captions.iter().map(|(l, src)| view! {
                    <track kind="captions" src=src.clone() srclang=l.clone() label=locale::parse(l).map(native_name).unwrap_or_default() />
                }).collect_view()}
            </video>
            <p><a href=url download>{t!(i18n, concept.download)}</a></p>
        }.into_any(),
        (_, None, Some(video)) => view! { <ExternalPlayer video /> }.into_any(),
        (_, Some(url), _) if m.content_type.as_deref() == Some("application/pdf") => view! {
            <iframe class="pdf" src=url.clone() title=m.title.clone()></iframe>
            <p><a href=url download>{t!(i18n, concept.download)} " (PDF" {size.map(|s| format!(", {s}"))} ")"</a></p>
        }.into_any(),
        (_, Some(url), _) if m.content_type.as_deref().is_some_and(|t| t.starts_with("image/")) => view! {
            <img class="brochure" src=url.clone() alt=m.title.clone() loading="lazy" />
            <p><a href=url download>{t!(i18n, concept.download)}</a></p>
        }.into_any(),
        (_, Some(url), _) => view! { <p><a href=url download>{t!(i18n, concept.download)}</a></p> }.into_any(),
        _ => ().into_any(),
    };
    view! {
        <div class="medium">
            <h3>{heading}</h3>
            {document_language.map(|name| view! { <p class="meta">{t!(i18n, concept.document_in)} ": " {name}</p> })}
            {body}
        </div>
    }
}

/// A YouTube or Vimeo video that loads nothing from its host until the reader presses play.
/// Without JavaScript the button is a link to the host's own page.
#[component]
fn ExternalPlayer(video: crate::domain::video::ExternalVideo) -> impl IntoView {
    let i18n = use_i18n();
    let (playing, set_playing) = signal(false);
    let hydrated = crate::components::hydration::use_hydrated();
    let embed = video.embed_url.clone();
    let host = video.host.clone();
    view! {
        <div class="external-video">
            <Show
                when=move || playing.get()
                fallback={
                    let watch = video.watch_url.clone();
                    let host = host.clone();
                    move || view! {
                        <p class="meta">{t!(i18n, concept.external_notice)} " (" {host.clone()} ")"</p>
                        <Show
                            when=move || hydrated.get()
                            fallback={
                                let watch = watch.clone();
                                move || view! { <a class="button" href=watch.clone() rel="noopener noreferrer" target="_blank">{t!(i18n, concept.watch_on_host)}</a> }
                            }
                        >
                            <button type="button" class="button" on:click=move |_| set_playing.set(true)>{t!(i18n, concept.play_external)}</button>
                        </Show>
                    }
                }
            >
                <iframe class="player" src=embed.clone() title=host.clone() allow="autoplay; fullscreen; picture-in-picture" allowfullscreen></iframe>
            </Show>
        </div>
    }
}
