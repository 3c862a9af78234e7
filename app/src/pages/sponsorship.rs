//! `/{locale}/sponsorship`: become a sponsor in three clicks — choose an event, choose
//! activities, read the indicative price. The address holds the choice (`event`, `a` per
//! activity, `member`), so the page is a GET form that prices without JavaScript; with it,
//! the price follows every tick at once, from the same function the server priced with
//! (`domain::sponsorship::price`).
use crate::api::sponsorship::{RequestSponsorshipQuote, load_sponsorship_quote, sponsorship_event, sponsorship_events};
use crate::components::error_notice::ErrorNotice;
use crate::components::field::TextField;
use crate::components::form_messages::{field_message, form_message};
use crate::components::head::PageTitle;
use crate::components::not_found::NotFoundPage;
use crate::components::price_table::{PriceTable, name_of};
use crate::domain::catalogue::encode;
use crate::domain::format::{local_day, money};
use crate::domain::locale::code_of;
use crate::domain::names::{I18n, activity_kind_name, benefit_kind_name, quote_state_name};
use crate::domain::sponsorship::{
    Access, ActivityOffer, ChoiceError, ChoiceQuery, EventCard, EventOffer, Price, PriceLine, Seeds,
};
use crate::domain::sponsorship_quote::Quote;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::sync::Arc;

fn base(i18n: I18n) -> String {
    format!("/{}/sponsorship", code_of(i18n.get_locale()))
}

fn day(i18n: I18n, iso: &str) -> String {
    local_day(i18n.get_locale(), iso)
}

/// "2 May 2027 – 4 May 2027 · Geneva, Switzerland", the place left out where unknown.
fn when_and_where(i18n: I18n, card: &EventCard) -> String {
    let dates = format!("{} – {}", day(i18n, &card.starts_on), day(i18n, &card.ends_on));
    let place: Vec<&str> =
        [Some(card.city.as_str()), card.country.as_deref()].into_iter().flatten().filter(|s| !s.is_empty()).collect();
    if place.is_empty() { dates } else { format!("{dates} · {}", place.join(", ")) }
}

fn dir_of(locale: &str) -> &'static str {
    if locale == "ar" { "rtl" } else { "ltr" }
}

#[component]
pub fn SponsorshipPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = Memo::new(move |_| {
        params.with(|p| {
            let mut pairs: Vec<(&str, String)> = Vec::new();
            for key in ["event", "member"] {
                if let Some(v) = p.get(key) {
                    pairs.push((key, v));
                }
            }
            pairs.extend(p.get_all("a").unwrap_or_default().into_iter().map(|v| ("a", v)));
            ChoiceQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
        })
    });
    let slug = Memo::new(move |_| query.with(|q| q.event.clone()));
    let events = Resource::new(
        move || (i18n.get_locale(), slug.get().is_none()),
        |(l, wanted)| async move {
            if wanted { sponsorship_events(code_of(l).to_owned()).await.map(Some) } else { Ok(None) }
        },
    );
    let event = Resource::new(
        move || (i18n.get_locale(), slug.get()),
        |(l, slug)| async move {
            match slug {
                Some(slug) => sponsorship_event(code_of(l).to_owned(), slug).await.map(Some),
                None => Ok(None),
            }
        },
    );
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, sponsorship.title), t_string!(i18n, app.name)) />
        <Meta name="description" content=move || t_string!(i18n, sponsorship.intro) />
        <header class="page-header">
            <h1>{t!(i18n, sponsorship.title)}</h1>
            <p class="lead">{t!(i18n, sponsorship.intro)}</p>
            <ol class="sponsor-steps">
                <li class:current=move || slug.get().is_none()>{t!(i18n, sponsorship.step_event)}</li>
                <li class:current=move || slug.get().is_some() && query.with(|q| q.activities.is_empty())>{t!(i18n, sponsorship.step_activities)}</li>
                <li class:current=move || query.with(|q| !q.activities.is_empty())>{t!(i18n, sponsorship.step_price)}</li>
            </ol>
        </header>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
            {move || {
                let asked = query.get_untracked();
                Suspend::new(async move {
                    let listed = events.await;
                    match event.await {
                        Ok(Some(e)) => view! { <EventChoice event=e asked /> }.into_any(),
                        Ok(None) => match listed {
                            Ok(Some(cards)) => view! { <EventList cards /> }.into_any(),
                            Ok(None) => ().into_any(),
                            Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                        },
                        Err(AppError::NotFound) => view! { <NotFoundPage /> }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// Step one: the events, each a link to its activities.
#[component]
fn EventList(cards: Vec<EventCard>) -> impl IntoView {
    let i18n = use_i18n();
    if cards.is_empty() {
        return view! { <p class="empty">{t!(i18n, sponsorship.no_events)}</p> }.into_any();
    }
    view! {
        <h2>{t!(i18n, sponsorship.step_event)}</h2>
        <ul class="event-cards">
            {cards.into_iter().map(|c| {
                let href = format!("{}?event={}", base(i18n), encode(&c.slug));
                let from = c.from_price.map(|p| money(i18n.get_locale(), p, c.exponent, &c.currency));
                view! {
                    <li class="event-card">
                        <h3 lang=c.text_locale.clone() dir=dir_of(&c.text_locale)><a href=href>{c.name.clone()}</a></h3>
                        <p class="event-when">{when_and_where(i18n, &c)}</p>
                        <p class="badges">
                            <span class="badge">{access_name(i18n, c.access)}</span>
                            {selling_badge(i18n, c.selling, &c.sales_until)}
                        </p>
                        {from.map(|f| view! { <p class="event-from">{t!(i18n, sponsorship.from_price)} " " <bdi>{f}</bdi></p> })}
                        <p class="event-places">{places_text(i18n, c.places_left, false)}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// "Sponsorship open until …" or "Not taking sponsors".
fn selling_badge(i18n: I18n, selling: bool, until: &str) -> AnyView {
    if selling {
        view! { <span class="badge open">{t!(i18n, sponsorship.selling_until)} " " {day(i18n, until)}</span> }
            .into_any()
    } else {
        view! { <span class="badge closed">{t!(i18n, sponsorship.not_selling)}</span> }.into_any()
    }
}

fn access_name(i18n: I18n, access: Access) -> &'static str {
    match access {
        Access::Open => t_string!(i18n, sponsorship.access_open),
        Access::MembersOnly => t_string!(i18n, sponsorship.access_members),
    }
}

/// "Taken", "1 place left", "Places left: 3", or "Exclusive" for a free `exclusive` one.
fn places_text(i18n: I18n, left: u32, exclusive: bool) -> String {
    match (left, exclusive) {
        (0, _) => t_string!(i18n, sponsorship.taken).to_owned(),
        (_, true) => t_string!(i18n, sponsorship.exclusive).to_owned(),
        (1, false) => t_string!(i18n, sponsorship.one_place_left).to_owned(),
        (n, false) => format!("{} {n}", t_string!(i18n, sponsorship.places_left)),
    }
}

fn seeds_text(i18n: I18n, seeds: &Seeds) -> String {
    match seeds {
        Seeds::Activity => t_string!(i18n, sponsorship.seeds_activity).to_owned(),
        Seeds::Concept { title, .. } => format!("{} {title}", t_string!(i18n, sponsorship.seeds_concept)),
        Seeds::Project => t_string!(i18n, sponsorship.seeds_project).to_owned(),
        Seeds::Region(name) => format!("{} {name}", t_string!(i18n, sponsorship.seeds_region)),
    }
}

/// Steps two and three: the event's activities as a GET form, and the price of the choice.
#[component]
fn EventChoice(event: EventOffer, asked: ChoiceQuery) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(asked.activities.clone());
    let member = RwSignal::new(asked.member);
    let event = Arc::new(event);
    let card = event.card.clone();
    let selling = card.selling;
    let activities = event.activities.clone();
    let names: Arc<Vec<(i64, String)>> = Arc::new(activities.iter().map(|a| (a.offer.id, a.name.clone())).collect());
    let priced = {
        let event = event.clone();
        move || chosen.with(|c| (!c.is_empty()).then(|| event.price_of(c, member.get())))
    };
    view! {
        <p class="breadcrumb"><a href=base(i18n)>{t!(i18n, sponsorship.all_events)}</a></p>
        <section class="event-head" lang=card.text_locale.clone() dir=dir_of(&card.text_locale)>
            <h2>{card.name.clone()}</h2>
            <p class="event-when">{when_and_where(i18n, &card)}</p>
            {(!event.description.is_empty()).then(|| view! { <p>{event.description.clone()}</p> })}
        </section>
        <p class="badges">
            <span class="badge">{access_name(i18n, card.access)}</span>
            {selling_badge(i18n, selling, &card.sales_until)}
        </p>
        {(!selling).then(|| view! { <p class="notice notice-info" role="status">{t!(i18n, sponsorship.not_selling_note)}</p> })}
        <form class="sponsorship-form" method="get" action=base(i18n)>
            <input type="hidden" name="event" value=card.slug.clone() />
            <fieldset>
                <legend>{t!(i18n, sponsorship.step_activities)}</legend>
                <ul class="activity-list">
                    {activities.into_iter().map(|a| view! {
                        <ActivityChoice activity=a chosen names=names.clone() currency=card.currency.clone() exponent=card.exponent selling />
                    }).collect_view()}
                </ul>
            </fieldset>
            {(card.access == Access::Open && event.rules.member_rate().basis_points() > 0).then(|| view! {
                <div class="field checkbox">
                    <label for="s-member">
                        <input id="s-member" type="checkbox" name="member" value="1"
                            prop:checked=move || member.get()
                            on:change=move |ev| member.set(event_target_checked(&ev)) />
                        {t!(i18n, sponsorship.member_label)}
                        " " <bdi dir="ltr">"(−" {event.rules.member_rate().percent()} " %)"</bdi>
                    </label>
                    <p class="hint">{t!(i18n, sponsorship.member_hint)}</p>
                </div>
            })}
            <button type="submit" class="button">{t!(i18n, sponsorship.show_price)}</button>
        </form>
        <section class="price" aria-live="polite" aria-labelledby="price-title">
            <h2 id="price-title">{t!(i18n, sponsorship.step_price)}</h2>
            {move || match priced() {
                None => view! { <p class="empty">{t!(i18n, sponsorship.choose_first)}</p> }.into_any(),
                Some(Err(errors)) => view! { <ChoiceErrors errors names=names.clone() /> }.into_any(),
                Some(Ok(price)) => view! {
                    <PriceTable price names=names.clone() currency=card.currency.clone() exponent=card.exponent member=member.get_untracked() />
                }.into_any(),
            }}
            <details class="price-rules">
                <summary>{t!(i18n, sponsorship.rules_title)}</summary>
                <p>{t!(i18n, sponsorship.rules_text)}</p>
                {(!event.rules.tiers().is_empty()).then(|| view! {
                    <ul>{event.rules.tiers().iter().map(|t| view! {
                        <li>{t!(i18n, sponsorship.tier_from)} " " {t.from} ": −" {t.rate.percent()} " %"</li>
                    }).collect_view()}</ul>
                })}
            </details>
            <p class="hint">{t!(i18n, sponsorship.indicative_note)}</p>
        </section>
        {selling.then(|| view! { <QuoteRequest slug=card.slug.clone() chosen member served_at=event.served_at /> })}
    }
}

/// "Ask for a quote": who the organisation is and where to send it; the choice goes with it.
/// Works without JavaScript; errors are shown next to their fields; once made, the page says
/// the quote is on its way (`?quote=…`).
#[component]
fn QuoteRequest(slug: String, chosen: RwSignal<Vec<i64>>, member: RwSignal<bool>, served_at: i64) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let sent = move || query.with(|q| q.get("quote").is_some());
    let action = ServerAction::<RequestSponsorshipQuote>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let message = move |field: &'static str| {
        Signal::derive(move || error.get().as_ref().and_then(|e| field_message(i18n, e, field)))
    };
    let general = move || {
        error.get().and_then(|e| match e {
            AppError::Validation(ref f) if f.iter().any(|f| f.field == "event") => {
                Some(t_string!(i18n, sponsorship.event_closed).to_owned())
            }
            AppError::RateLimited => Some(t_string!(i18n, sponsorship.rate_limited).to_owned()),
            e => form_message(i18n, &e),
        })
    };
    let activities = move || chosen.with(|c| c.iter().map(i64::to_string).collect::<Vec<_>>().join(","));
    view! {
        <section id="quote" class="quote-request" aria-labelledby="quote-title" tabindex="-1">
            <h2 id="quote-title">{t!(i18n, sponsorship.quote_title)}</h2>
            <Show when=sent fallback=move || {
                let slug = slug.clone();
                view! {
                    <p>{t!(i18n, sponsorship.quote_intro)}</p>
                    <ActionForm action attr:class="quote-form">
                        <input type="hidden" name="locale" value=move || code_of(i18n.get_locale()) />
                        <input type="hidden" name="form[event]" value=slug />
                        <input type="hidden" name="form[activities]" prop:value=activities value=activities() />
                        <input type="hidden" name="form[member]" prop:value=move || if member.get() { "1" } else { "" }
                            value=if member.get_untracked() { "1" } else { "" } />
                        <input type="hidden" name="form[shown_at]" value=served_at />
                        // Left empty by people (they do not see it); robots fill it.
                        <div class="honeypot" aria-hidden="true">
                            <label>{t!(i18n, subscribe.website)} <input name="form[website]" tabindex="-1" autocomplete="off" /></label>
                        </div>
                        <TextField name="organisation" value=String::new() label=move || t_string!(i18n, sponsorship.organisation) error=message("organisation") />
                        <TextField name="contact_name" value=String::new() label=move || t_string!(i18n, sponsorship.contact_name) error=message("contact_name") />
                        <TextField name="email" kind="email" value=String::new() label=move || t_string!(i18n, sponsorship.email) error=message("email") />
                        {move || message("activities").get().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
                        {move || general().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
                        <button class="button" type="submit" disabled=move || action.pending().get() || chosen.with(Vec::is_empty)>
                            {t!(i18n, sponsorship.send_quote)}
                        </button>
                    </ActionForm>
                }
            }>
                <p class="notice notice-success" role="status">{t!(i18n, sponsorship.quote_sent)}</p>
            </Show>
        </section>
    }
}

/// `/{locale}/sponsorship/quotes/{token}`: a quote as it was made — its number, event,
/// organisation, lines and total, until when it holds and the price book it used.
#[component]
pub fn SponsorshipQuotePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let quote = Resource::new(
        move || (i18n.get_locale(), token()),
        |(l, token)| load_sponsorship_quote(code_of(l).to_owned(), token),
    );
    view! {
        <Meta name="robots" content="noindex" />
        <p class="breadcrumb"><a href=move || base(i18n)>{t!(i18n, sponsorship.title)}</a></p>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match quote.await {
                    Ok(q) => view! { <QuoteView quote=q token=token() /> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFoundPage /> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn QuoteView(quote: Quote, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let q = quote;
    let names: Arc<Vec<(i64, String)>> =
        Arc::new(q.lines.iter().map(|l| (l.line.activity, l.activity.clone())).collect());
    let lines: Vec<PriceLine> = q.lines.iter().map(|l| l.line).collect();
    let price = Price { lines, total: q.total, next_tier: None };
    let number = q.number.clone();
    view! {
        <PageTitle text=move || format!("{} {number} — {}", t_string!(i18n, sponsorship.quote_heading), t_string!(i18n, app.name)) />
        <header class="page-header">
            <h1>{t!(i18n, sponsorship.quote_heading)} " " <bdi>{q.number.clone()}</bdi></h1>
        </header>
        <dl class="facts quote-facts">
            <dt>{t!(i18n, sponsorship.event)}</dt><dd><a href=format!("{}?event={}", base(i18n), encode(&q.event_slug))>{q.event.clone()}</a></dd>
            <dt>{t!(i18n, sponsorship.for_organisation)}</dt><dd>{q.organisation.clone()} " — " {q.contact_name.clone()}</dd>
            <dt>{t!(i18n, sponsorship.issued_on)}</dt><dd>{day(i18n, &q.issued_on)}</dd>
            <dt>{t!(i18n, sponsorship.valid_until)}</dt><dd>{day(i18n, &q.valid_until)}</dd>
            <dt>{t!(i18n, sponsorship.price_book)}</dt><dd>{q.price_book_version}</dd>
            <dt>{t!(i18n, sponsorship.quote_state)}</dt><dd>{quote_state_name(i18n, &q.state)}</dd>
        </dl>
        <PriceTable price names currency=q.currency.clone() exponent=q.exponent member=q.member_claimed />
        {q.member_claimed.then(|| view! { <p class="hint">{t!(i18n, sponsorship.member_claimed)}</p> })}
        <p class="notice notice-info">{t!(i18n, sponsorship.not_a_bill)}</p>
        <p><a class="button" href=format!("{}/quotes/{}/quote.pdf", base(i18n), encode(&token)) rel="external nofollow"
            download=format!("{}.pdf", q.number)>{t!(i18n, sponsorship.download_pdf)}</a></p>
    }
}

#[component]
fn ActivityChoice(
    activity: ActivityOffer,
    chosen: RwSignal<Vec<i64>>,
    names: Arc<Vec<(i64, String)>>,
    currency: String,
    exponent: u32,
    selling: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = activity.offer.id;
    let input_id = format!("s-a-{id}");
    let left = activity.offer.places_left();
    let price = money(i18n.get_locale(), activity.offer.list_price, exponent, &currency);
    let conflicts: Vec<String> = activity
        .offer
        .conflicts
        .iter()
        .filter_map(|c| names.iter().find(|(i, _)| i == c).map(|(_, n)| n.clone()))
        .collect();
    let unavailable = left == 0 || !selling;
    view! {
        <li class="activity" class:taken=left == 0>
            <input id=input_id.clone() type="checkbox" name="a" value=id.to_string()
                disabled=move || unavailable && !chosen.with(|c| c.contains(&id))
                prop:checked=move || chosen.with(|c| c.contains(&id))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    chosen.update(|c| {
                        c.retain(|x| *x != id);
                        if on {
                            c.push(id);
                        }
                    });
                } />
            <label for=input_id>
                <span class="activity-name" lang=activity.text_locale.clone() dir=dir_of(&activity.text_locale)>{activity.name.clone()}</span>
                <span class="activity-kind">{activity_kind_name(i18n, activity.kind)}</span>
                <span class="activity-price"><bdi>{price}</bdi></span>
                <span class="availability" class:none=left == 0>{places_text(i18n, left, activity.offer.capacity == 1)}</span>
            </label>
            {(!activity.description.is_empty()).then(|| view! {
                <p class="activity-description" lang=activity.description_locale.clone() dir=dir_of(&activity.description_locale)>{activity.description.clone()}</p>
            })}
            {(!activity.benefits.is_empty()).then(|| view! {
                <p class="benefits"><span class="label">{t!(i18n, sponsorship.benefits)}</span> " "
                    {activity.benefits.iter().map(|(kind, n)| format!("{} × {n}", benefit_kind_name(i18n, *kind))).collect::<Vec<_>>().join(" · ")}
                </p>
            })}
            <p class="seeds">{seeds_text(i18n, &activity.seeds)}</p>
            {(!conflicts.is_empty()).then(|| view! {
                <p class="conflicts">{t!(i18n, sponsorship.conflicts_with)} " " {conflicts.join(", ")}</p>
            })}
        </li>
    }
}

#[component]
fn ChoiceErrors(errors: Vec<ChoiceError>, names: Arc<Vec<(i64, String)>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="form-errors" role="alert">
            {errors.into_iter().map(|e| {
                let text = match e {
                    ChoiceError::Empty => t_string!(i18n, sponsorship.choose_first).to_owned(),
                    ChoiceError::TooMany => t_string!(i18n, sponsorship.error_too_many).to_owned(),
                    ChoiceError::Unknown(_) => t_string!(i18n, sponsorship.error_unknown).to_owned(),
                    ChoiceError::SoldOut(id) => format!("{}: {}", name_of(&names, id), t_string!(i18n, sponsorship.error_taken)),
                    ChoiceError::Conflict(a, b) => format!("{} — {}: {}", name_of(&names, a), name_of(&names, b), t_string!(i18n, sponsorship.error_conflict)),
                };
                view! { <li>{text}</li> }
            }).collect_view()}
        </ul>
    }
}
