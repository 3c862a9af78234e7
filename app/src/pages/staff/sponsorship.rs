//! `/{locale}/staff/sponsorship…`: the quotes inbox with its filters (a GET form) and CSV,
//! and the sponsorships; a quote to accept for a registry entry or decline; a sponsorship's
//! steps (contract sent, signed with its US-dollar rate, paid, or cancelled) and its
//! fulfilment checklist; and the revenue of sponsorships signed and paid, as charts and
//! tables.
use crate::api::sponsorship_sales::{
    AcceptSponsorshipQuote, DeclineSponsorshipQuote, MoveSponsorship, TickSponsorship, load_sponsorship,
    review_sponsorship_quote, sponsorship_inbox, sponsorship_revenue,
};
use crate::components::bar_chart::BarChart;
use crate::components::error_notice::ErrorNotice;
use crate::components::form_messages::{field_message, form_message};
use crate::components::head::PageTitle;
use crate::components::price_table::PriceTable;
use crate::components::sign_in_redirect::staff_sign_in;
use crate::domain::catalogue::encode;
use crate::domain::format::{local_day, money};
use crate::domain::locale::{self, code_of};
use crate::domain::names::{I18n, deliverable_name, quote_state_name, sale_state_name};
use crate::domain::sponsorship::Price;
use crate::domain::sponsorship_sale::{
    QuoteFilter, QuoteInbox, QuoteReview, QuoteState, Revenue, RevenueRow, SaleDetail, SaleSummary,
};
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::sync::Arc;

fn path(i18n: I18n, rest: &str) -> String {
    format!("/{}/staff/sponsorship{rest}", code_of(i18n.get_locale()))
}

fn day(i18n: I18n, iso: &str) -> String {
    local_day(i18n.get_locale_untracked(), iso)
}

fn amount(i18n: I18n, minor: i64, exponent: u32, currency: &str) -> String {
    money(i18n.get_locale_untracked(), minor, exponent, currency)
}

fn usd(i18n: I18n, cents: i64) -> String {
    amount(i18n, cents, 2, "USD")
}

fn loading(i18n: I18n) -> impl IntoView {
    view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }
}

/// The message of a server action's error, for fields and for the form.
fn action_error(i18n: I18n, error: Option<AppError>, fields: &[&str]) -> Option<String> {
    let e = error?;
    fields.iter().find_map(|f| field_message(i18n, &e, f)).or_else(|| form_message(i18n, &e))
}

/// `/{locale}/staff/sponsorship`: the quotes under the filters, then every sponsorship.
#[component]
pub fn SponsorshipStaffPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        query.with(|q| QuoteFilter { event: q.get("event").unwrap_or_default(), state: q.get("state").unwrap_or_default() })
    });
    let inbox = Resource::new(move || (i18n.get_locale(), filter.get()), |(l, f)| sponsorship_inbox(code_of(l).to_owned(), f));
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, sponsorship_staff.title), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <p class="breadcrumb"><a href=move || format!("/{}/staff", code_of(i18n.get_locale()))>{t!(i18n, staff.home_title)}</a></p>
        <h1>{t!(i18n, sponsorship_staff.title)}</h1>
        <p class="staff-links">
            <a class="button secondary" href=move || path(i18n, "/events")>{t!(i18n, sponsorship_editor.events_title)}</a>
            <a class="button secondary" href=move || path(i18n, "/revenue")>{t!(i18n, sponsorship_staff.revenue_title)}</a>
            <a class="button secondary" download="sponsorship-quotes.csv"
                href=move || format!("/api/staff/sponsorship-quotes.csv?{}", filter.get().to_query_string())>{t!(i18n, sponsorship_staff.export_csv)}</a>
        </p>
        <Transition fallback=move || loading(i18n)>
            {move || {
                let f = filter.get();
                Suspend::new(async move {
                    match inbox.await {
                        Ok(page) => view! { <Inbox page filter=f /> }.into_any(),
                        Err(AppError::Unauthorised) => staff_sign_in(i18n, "sponsorship"),
                        Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn Inbox(page: QuoteInbox, filter: QuoteFilter) -> impl IntoView {
    let i18n = use_i18n();
    let states = QuoteState::ALL.iter().map(|s| {
        let is = s.code() == filter.state;
        view! { <option value=s.code() selected=is>{quote_state_name(i18n, s.code())}</option> }
    });
    let events = page.events.iter().map(|(slug, name)| {
        let is = *slug == filter.event;
        view! { <option value=slug.clone() selected=is>{name.clone()}</option> }
    });
    view! {
        <form class="inbox-filters" method="get" role="search" aria-label=move || t_string!(i18n, catalogue.filters)>
            <div class="field">
                <label for="filter-event">{t!(i18n, sponsorship_staff.event)}</label>
                <select id="filter-event" name="event">
                    <option value="">{t!(i18n, sponsorship_staff.any)}</option>
                    {events.collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-state">{t!(i18n, sponsorship_staff.state)}</label>
                <select id="filter-state" name="state">
                    <option value="">{t!(i18n, sponsorship_staff.any)}</option>
                    {states.collect_view()}
                </select>
            </div>
            <button class="button" type="submit">{t!(i18n, catalogue.apply)}</button>
        </form>
        <section aria-labelledby="quotes-heading">
            <h2 id="quotes-heading">{t!(i18n, sponsorship_staff.quotes)} " " <span class="count">"(" {page.quotes.len()} ")"</span></h2>
            {if page.quotes.is_empty() {
                view! { <p class="empty">{t!(i18n, sponsorship_staff.no_quotes)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="inbox">
                            <thead><tr>
                                <th scope="col">{t!(i18n, sponsorship_staff.number)}</th>
                                <th scope="col">{t!(i18n, sponsorship_staff.issued)}</th>
                                <th scope="col">{t!(i18n, sponsorship_staff.event)}</th>
                                <th scope="col">{t!(i18n, sponsorship_staff.organisation)}</th>
                                <th scope="col" class="number">{t!(i18n, sponsorship_staff.total)}</th>
                                <th scope="col">{t!(i18n, sponsorship_staff.valid_until)}</th>
                                <th scope="col">{t!(i18n, sponsorship_staff.state)}</th>
                            </tr></thead>
                            <tbody>
                                {page.quotes.into_iter().map(|q| {
                                    let href = path(i18n, &format!("/quotes/{}", encode(&q.number)));
                                    view! {
                                        <tr>
                                            <td><a href=href><bdi dir="ltr">{q.number.clone()}</bdi></a></td>
                                            <td>{day(i18n, &q.issued_on)}</td>
                                            <td dir="auto">{q.event.clone()}</td>
                                            <td dir="auto">{q.organisation.clone()}</td>
                                            <td class="number"><bdi>{amount(i18n, q.total, q.exponent, &q.currency)}</bdi></td>
                                            <td>{day(i18n, &q.valid_until)}</td>
                                            <td><span class=format!("stage stage-{}", q.state.code())>{quote_state_name(i18n, q.state.code())}</span></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
        <Sponsorships rows=page.sponsorships />
    }
}

#[component]
fn Sponsorships(rows: Vec<SaleSummary>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="sponsorships-heading">
            <h2 id="sponsorships-heading">{t!(i18n, sponsorship_staff.sponsorships)}</h2>
            <p class="hint">{t!(i18n, sponsorship_staff.counts_note)}</p>
            {if rows.is_empty() {
                view! { <p class="empty">{t!(i18n, sponsorship_staff.no_sponsorships)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="inbox">
                            <thead><tr>
                                <th scope="col">{t!(i18n, sponsorship_staff.organisation)}</th>
                                <th scope="col">{t!(i18n, sponsorship_staff.event)}</th>
                                <th scope="col" class="number">{t!(i18n, sponsorship_staff.total)}</th>
                                <th scope="col">{t!(i18n, sponsorship_staff.state)}</th>
                                <th scope="col">{t!(i18n, sponsorship_staff.checklist)}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|s| {
                                    let href = path(i18n, &format!("/sponsorships/{}", s.id));
                                    view! {
                                        <tr>
                                            <td dir="auto"><a href=href>{s.organisation.clone()}</a></td>
                                            <td dir="auto">{s.event.clone()}</td>
                                            <td class="number"><bdi>{amount(i18n, s.total, s.exponent, &s.currency)}</bdi></td>
                                            <td><span class=format!("stage stage-{}", s.state.code())>{sale_state_name(i18n, s.state)}</span></td>
                                            <td><bdi dir="ltr">{s.done} " / " {s.deliverables}</bdi></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

/// `/{locale}/staff/sponsorship/quotes/{number}`: a quote to accept or decline.
#[component]
pub fn SponsorshipQuoteStaffPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let number = move || params.with(|p| p.get("number").unwrap_or_default());
    let accepted = ServerAction::<AcceptSponsorshipQuote>::new();
    let declined = ServerAction::<DeclineSponsorshipQuote>::new();
    let review = Resource::new(
        move || (number(), i18n.get_locale(), accepted.version().get(), declined.version().get()),
        |(n, l, _, _)| review_sponsorship_quote(code_of(l).to_owned(), n),
    );
    view! {
        <PageTitle text=move || format!("{} {} — {}", t_string!(i18n, sponsorship.quote_heading), number(), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <p class="breadcrumb"><a href=move || path(i18n, "")>{t!(i18n, sponsorship_staff.title)}</a></p>
        <Transition fallback=move || loading(i18n)>
            {move || Suspend::new(async move {
                match review.await {
                    Ok(r) => view! { <QuoteAnswer review=r accepted declined /> }.into_any(),
                    Err(AppError::Unauthorised) => staff_sign_in(i18n, &format!("sponsorship/quotes/{}", number())),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn QuoteAnswer(
    review: QuoteReview,
    accepted: ServerAction<AcceptSponsorshipQuote>,
    declined: ServerAction<DeclineSponsorshipQuote>,
) -> impl IntoView {
    let i18n = use_i18n();
    let q = review.summary;
    let names: Arc<Vec<(i64, String)>> =
        Arc::new(review.lines.iter().map(|l| (l.line.activity, l.activity.clone())).collect());
    let price = Price { lines: review.lines.iter().map(|l| l.line).collect(), total: q.total, next_tier: None };
    let open = q.state == QuoteState::Sent;
    let accept_error = move || action_error(i18n, accepted.value().get().and_then(Result::err), &["organisation", "quote"]);
    let decline_error = move || action_error(i18n, declined.value().get().and_then(Result::err), &["quote"]);
    let (quote_field, decline_field) = (q.number.clone(), q.number.clone());
    view! {
        <h1>{t!(i18n, sponsorship.quote_heading)} " " <bdi dir="ltr">{q.number.clone()}</bdi></h1>
        <p><span class=format!("stage stage-{}", q.state.code())>{quote_state_name(i18n, q.state.code())}</span></p>
        <dl class="facts quote-facts">
            <dt>{t!(i18n, sponsorship.event)}</dt><dd dir="auto">{q.event.clone()}</dd>
            <dt>{t!(i18n, sponsorship_staff.organisation)}</dt><dd dir="auto">{q.organisation.clone()}</dd>
            <dt>{t!(i18n, sponsorship_staff.contact)}</dt><dd dir="auto">{q.contact_name.clone()} " · " <bdi dir="ltr">{q.email.clone()}</bdi></dd>
            <dt>{t!(i18n, sponsorship.issued_on)}</dt><dd>{day(i18n, &q.issued_on)}</dd>
            <dt>{t!(i18n, sponsorship.valid_until)}</dt><dd>{day(i18n, &q.valid_until)}</dd>
            <dt>{t!(i18n, sponsorship.price_book)}</dt><dd>{review.price_book_version}</dd>
        </dl>
        <PriceTable price names currency=q.currency.clone() exponent=q.exponent member=q.member_claimed />
        {q.member_claimed.then(|| view! { <p class="notice">{t!(i18n, sponsorship_staff.member_unverified)}</p> })}
        {q.sponsorship.map(|id| view! {
            <p class="notice notice-success"><a class="button" href=path(i18n, &format!("/sponsorships/{id}"))>{t!(i18n, sponsorship_staff.see_sponsorship)}</a></p>
        })}
        {open.then(|| view! {
            <section aria-labelledby="accept-heading">
                <h2 id="accept-heading">{t!(i18n, sponsorship_staff.accept_title)}</h2>
                <p class="hint">{t!(i18n, sponsorship_staff.accept_hint)}</p>
                <ActionForm action=accepted>
                    <input type="hidden" name="locale" value=move || code_of(i18n.get_locale()) />
                    <input type="hidden" name="form[quote]" value=quote_field.clone() />
                    <fieldset>
                        <legend>{t!(i18n, sponsorship_staff.registry_entry)}</legend>
                        {review.suggestions.iter().enumerate().map(|(i, s)| {
                            let id = format!("org-{}", s.id);
                            let why = match (s.same_domain, s.same_name) {
                                (true, _) => t_string!(i18n, sponsorship_staff.same_domain),
                                _ => t_string!(i18n, sponsorship_staff.same_name),
                            };
                            view! {
                                <div class="choice">
                                    <input type="radio" id=id.clone() name="form[organisation]" value=s.id checked=i == 0 required />
                                    <label for=id dir="auto">{s.name.clone()} {s.acronym.clone().map(|a| format!(" ({a})"))} " — " {why}</label>
                                </div>
                            }
                        }).collect_view()}
                        <div class="choice">
                            <input type="radio" id="org-new" name="form[organisation]" value="new" checked=review.suggestions.is_empty() required />
                            <label for="org-new">{t!(i18n, sponsorship_staff.new_entry)} " " <bdi>"“" {q.organisation.clone()} "”"</bdi></label>
                        </div>
                    </fieldset>
                    {move || accept_error().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
                    <button class="button" type="submit">{t!(i18n, sponsorship_staff.accept)}</button>
                </ActionForm>
                <ActionForm action=declined attr:class="decline-form">
                    <input type="hidden" name="number" value=decline_field.clone() />
                    {move || decline_error().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
                    <button class="button secondary" type="submit">{t!(i18n, sponsorship_staff.decline)}</button>
                </ActionForm>
            </section>
        })}
    }
}

/// `/{locale}/staff/sponsorship/sponsorships/{id}`: a sponsorship's steps and checklist.
#[component]
pub fn SponsorshipSalePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let moved = ServerAction::<MoveSponsorship>::new();
    let ticked = ServerAction::<TickSponsorship>::new();
    let sale = Resource::new(
        move || (id(), i18n.get_locale(), moved.version().get(), ticked.version().get()),
        |(id, l, _, _)| load_sponsorship(code_of(l).to_owned(), id),
    );
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, sponsorship_staff.sponsorship), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <p class="breadcrumb"><a href=move || path(i18n, "")>{t!(i18n, sponsorship_staff.title)}</a></p>
        <Transition fallback=move || loading(i18n)>
            {move || Suspend::new(async move {
                match sale.await {
                    Ok(s) => view! { <Sale sale=s moved ticked /> }.into_any(),
                    Err(AppError::Unauthorised) => staff_sign_in(i18n, &format!("sponsorship/sponsorships/{}", id())),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Sale(sale: SaleDetail, moved: ServerAction<MoveSponsorship>, ticked: ServerAction<TickSponsorship>) -> impl IntoView {
    let i18n = use_i18n();
    let s = sale;
    let id = s.summary.id;
    let state = s.summary.state;
    let names: Arc<Vec<(i64, String)>> = Arc::new(s.lines.iter().map(|l| (l.line.activity, l.activity.clone())).collect());
    let price = Price { lines: s.lines.iter().map(|l| l.line).collect(), total: s.summary.total, next_tier: None };
    let move_error = move || action_error(i18n, moved.value().get().and_then(Result::err), &["to", "on", "usd_rate"]);
    let tick_error = move || action_error(i18n, ticked.value().get().and_then(Result::err), &[]);
    let needs_rate = s.summary.currency != "USD";
    let steps: Vec<(String, Option<String>)> = vec![
        (t_string!(i18n, sponsorship_staff.accepted_on).to_owned(), Some(s.summary.accepted_on.clone())),
        (t_string!(i18n, sponsorship_staff.contract_sent_on).to_owned(), s.contract_sent_on.clone()),
        (t_string!(i18n, sponsorship_staff.signed_on).to_owned(), s.signed_on.clone()),
        (t_string!(i18n, sponsorship_staff.paid_on).to_owned(), s.paid_on.clone()),
    ];
    let organisation_href = format!("/{}/staff/organisations/{}", code_of(i18n.get_locale_untracked()), s.organisation_id);
    view! {
        <h1 dir="auto">{s.summary.organisation.clone()}</h1>
        <p><span class=format!("stage stage-{}", state.code())>{sale_state_name(i18n, state)}</span>
            " · " <bdi>{amount(i18n, s.summary.total, s.summary.exponent, &s.summary.currency)}</bdi>
            {s.usd_cents.filter(|_| needs_rate).map(|c| view! { " (" <bdi>{usd(i18n, c)}</bdi> ")" })}</p>
        <dl class="facts quote-facts">
            <dt>{t!(i18n, sponsorship.event)}</dt><dd dir="auto">{s.summary.event.clone()}</dd>
            <dt>{t!(i18n, sponsorship_staff.registry_entry)}</dt><dd><a href=organisation_href dir="auto">{s.summary.organisation.clone()}</a></dd>
            <dt>{t!(i18n, sponsorship_staff.number)}</dt><dd><a href=path(i18n, &format!("/quotes/{}", encode(&s.summary.quote)))><bdi dir="ltr">{s.summary.quote.clone()}</bdi></a></dd>
            {steps.into_iter().filter_map(|(k, v)| v.map(|v| view! { <dt>{k}</dt><dd>{day(i18n, &v)}</dd> })).collect_view()}
            {s.agreement.clone().map(|(aid, reference)| view! {
                <dt>{t!(i18n, sponsorship_staff.agreement)}</dt>
                <dd><a href=format!("/{}/staff/agreements/{aid}", code_of(i18n.get_locale_untracked())) dir="ltr">{reference}</a></dd>
            })}
        </dl>
        <PriceTable price names currency=s.summary.currency.clone() exponent=s.summary.exponent member=false />
        <p class="hint">{t!(i18n, sponsorship_staff.counts_note)}</p>
        {(!state.moves().is_empty()).then(|| view! {
            <section aria-labelledby="move-heading">
                <h2 id="move-heading">{t!(i18n, sponsorship_staff.move_title)}</h2>
                <ActionForm action=moved attr:class="pipeline-form">
                    <input type="hidden" name="id" value=id />
                    <div class="field">
                        <label for="m-to">{t!(i18n, sponsorship_staff.move_to)}</label>
                        <select id="m-to" name="form[to]">
                            {state.moves().iter().map(|m| view! { <option value=m.code()>{sale_state_name(i18n, *m)}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="m-on">{t!(i18n, sponsorship_staff.move_on)}</label>
                        <input id="m-on" type="date" name="form[on]" />
                    </div>
                    {needs_rate.then(|| view! {
                        <div class="field">
                            <label for="m-rate">{t!(i18n, sponsorship_staff.usd_rate)} " (" {s.summary.currency.clone()} ")"</label>
                            <input id="m-rate" name="form[usd_rate]" inputmode="decimal" dir="ltr" maxlength="20" aria-describedby="m-rate-hint" />
                            <p class="hint" id="m-rate-hint">{t!(i18n, sponsorship_staff.usd_rate_hint)}</p>
                        </div>
                    })}
                    {move || move_error().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
                    <button class="button" type="submit">{t!(i18n, sponsorship_staff.record_step)}</button>
                </ActionForm>
            </section>
        })}
        <section aria-labelledby="checklist-heading">
            <h2 id="checklist-heading">{t!(i18n, sponsorship_staff.checklist)}</h2>
            {move || tick_error().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
            <ul class="checklist">
                {s.deliverables.into_iter().map(|d| {
                    let what = match &d.activity {
                        Some(a) => format!("{a}: {} × {}", deliverable_name(i18n, d.kind), d.quantity),
                        None => deliverable_name(i18n, d.kind).to_owned(),
                    };
                    let done = d.done_on.is_some();
                    view! {
                        <li class:done=done>
                            <ActionForm action=ticked attr:class="tick-form">
                                <input type="hidden" name="id" value=id />
                                <input type="hidden" name="position" value=d.position />
                                <input type="hidden" name="done" value=if done { "0" } else { "1" } />
                                <span dir="auto">{what}</span>
                                {d.done_on.clone().map(|on| view! { " · " {t!(i18n, sponsorship_staff.done)} " " {day(i18n, &on)} })}
                                " "
                                <button class="button secondary small" type="submit">
                                    {if done { t_string!(i18n, sponsorship_staff.mark_undone) } else { t_string!(i18n, sponsorship_staff.mark_done) }}
                                </button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// `/{locale}/staff/sponsorship/revenue`: what sponsorships signed and paid brought, by
/// event, sponsor and year.
#[component]
pub fn SponsorshipRevenuePage() -> impl IntoView {
    let i18n = use_i18n();
    let revenue = Resource::new(move || i18n.get_locale(), |l| sponsorship_revenue(code_of(l).to_owned()));
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, sponsorship_staff.revenue_title), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <p class="breadcrumb"><a href=move || path(i18n, "")>{t!(i18n, sponsorship_staff.title)}</a></p>
        <h1>{t!(i18n, sponsorship_staff.revenue_title)}</h1>
        <p class="hint">{t!(i18n, sponsorship_staff.counts_note)}</p>
        <Transition fallback=move || loading(i18n)>
            {move || Suspend::new(async move {
                match revenue.await {
                    Ok(r) => view! { <RevenueView revenue=r /> }.into_any(),
                    Err(AppError::Unauthorised) => staff_sign_in(i18n, "sponsorship/revenue"),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn RevenueView(revenue: Revenue) -> impl IntoView {
    let i18n = use_i18n();
    if revenue.count == 0 {
        return view! { <p class="empty">{t!(i18n, sponsorship_staff.no_revenue)}</p> }.into_any();
    }
    let r = revenue;
    view! {
        <p class="revenue-total" role="status">{t!(i18n, sponsorship_staff.revenue_total)} ": "
            <strong><bdi>{usd(i18n, r.usd_cents)}</bdi></strong> " · " {r.count} " " {t!(i18n, sponsorship_staff.sponsorships_count)}</p>
        <RevenueBlock id="by-event" title=t_string!(i18n, sponsorship_staff.by_event).to_owned()
            what=t_string!(i18n, sponsorship_staff.event) rows=r.by_event chart=true />
        <RevenueBlock id="by-year" title=t_string!(i18n, sponsorship_staff.by_year).to_owned()
            what=t_string!(i18n, sponsorship_staff.year) rows=r.by_year chart=true />
        <RevenueBlock id="by-sponsor" title=t_string!(i18n, sponsorship_staff.by_sponsor).to_owned()
            what=t_string!(i18n, sponsorship_staff.organisation) rows=r.by_sponsor chart=false />
    }
    .into_any()
}

#[component]
fn RevenueBlock(id: &'static str, title: String, what: &'static str, rows: Vec<RevenueRow>, chart: bool) -> impl IntoView {
    let i18n = use_i18n();
    let rtl = locale::is_rtl(i18n.get_locale_untracked());
    let bars: Vec<(String, Vec<i64>)> = rows.iter().map(|r| (r.label.clone(), vec![r.usd_cents])).collect();
    // Whole dollars beside the bars; the table has the cents.
    let texts: Vec<Vec<String>> = rows.iter().map(|r| vec![usd(i18n, (r.usd_cents + 50).div_euclid(100) * 100)]).collect();
    let series = vec![(t_string!(i18n, sponsorship_staff.usd).to_owned(), "bar-a")];
    view! {
        <section class="dashboard-block" aria-labelledby=id>
            <h2 id=id>{title.clone()}</h2>
            <div class="chart-and-table">
                {chart.then(|| view! { <BarChart title=title.clone() rows=bars series rtl texts value_width=120.0 /> })}
                <table class="numbers">
                    <caption class="visually-hidden">{title.clone()}</caption>
                    <thead><tr>
                        <th scope="col">{what}</th>
                        <th scope="col" class="number">{t!(i18n, sponsorship_staff.sponsorships_count)}</th>
                        <th scope="col" class="number">{t!(i18n, sponsorship_staff.usd)}</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr><th scope="row" dir="auto">{r.label}</th><td class="number">{r.count}</td><td class="number"><bdi>{usd(i18n, r.usd_cents)}</bdi></td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
