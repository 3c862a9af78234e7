//! `/{locale}/funders`: the directory of funding partners, filtered by kind, area, region,
//! funding type and mechanism in the address (a GET form, working without JavaScript);
//! `/{locale}/funders/{id}`: a funder's stated profile beside what its public agreements with
//! the agency show; `/{locale}/staff/funders/{id}`: the same for staff, with every agreement
//! and the relationship. Public pages get public fields only, from the server.
use crate::api::agreements::{public_agreement_choices, staff_agreement_choices};
use crate::api::funders::{
    MarkFunderReviewed, SaveFunderProfile, SaveFunderWeights, funder_weights, list_funders, load_funder_form,
    public_funder_profile, staff_funder_profile,
};
use crate::api::staff::me;
use crate::components::agreement_search::place_choices;
use crate::components::error_notice::ErrorNotice;
use crate::components::field::FormCells;
use crate::components::form_messages::field_message;
use crate::components::head::PageTitle;
use crate::components::pager::Pager;
use crate::components::sign_in_redirect::staff_sign_in;
use crate::domain::agreement::AgreementChoices;
use crate::domain::catalogue::encode;
use crate::domain::concept::Named;
use crate::domain::format::usd;
use crate::domain::funder::{EXCLUDED, FunderCard, FunderForm, FunderProfile, FunderQuery, FundingType, Mechanism};
use crate::domain::funder_fit::WeightsForm;
use crate::domain::locale::code_of;
use crate::domain::names::{
    I18n, agreement_kind_name, funding_type_name, mechanism_name, organisation_kind_name, profile_part_name, sdg_name,
};
use crate::domain::organisation::OrganisationKind;
use crate::domain::staff::Role;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::{use_params_map, use_query_map};

fn directory_link(i18n: I18n, q: &FunderQuery, page: i64) -> String {
    let mut pairs = q.to_pairs();
    if page > 1 {
        pairs.push(("page", page.to_string()));
    }
    let query = pairs.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect::<Vec<_>>().join("&");
    let base = format!("/{}/funders", code_of(i18n.get_locale()));
    if query.is_empty() { base } else { format!("{base}?{query}") }
}

/// The directory under the same search, as CSV in the reader's language.
fn directory_csv(i18n: I18n, q: &FunderQuery) -> String {
    let mut pairs = q.to_pairs();
    pairs.push(("lang", code_of(i18n.get_locale()).to_owned()));
    let query = pairs.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect::<Vec<_>>().join("&");
    format!("/api/funders.csv?{query}")
}

#[component]
pub fn FundersPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = Memo::new(move |_| {
        params.with(|p| {
            let pairs: Vec<(&str, String)> = ["q", "kind", "area", "region", "funding", "mechanism", "page"]
                .into_iter()
                .filter_map(|k| p.get(k).map(|v| (k, v)))
                .collect();
            FunderQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
        })
    });
    let found =
        Resource::new(move || (i18n.get_locale(), query.get()), |(l, q)| list_funders(code_of(l).to_owned(), q));
    let choices = Resource::new(move || i18n.get_locale(), |l| public_agreement_choices(code_of(l).to_owned()));
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, funder.directory_title), t_string!(i18n, app.name)) />
        <Meta name="description" content=move || t_string!(i18n, funder.directory_intro) />
        <header class="page-header">
            <h1>{t!(i18n, funder.directory_title)}</h1>
            <p class="lead">{t!(i18n, funder.directory_intro)}</p>
        </header>
        <Transition fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                let choices = choices.await.unwrap_or_default();
                let q = query.get_untracked();
                match found.await {
                    Ok(d) => {
                        let pages = (d.total + d.per_page - 1) / d.per_page.max(1);
                        let link = move |page: i64| directory_link(i18n, &query.get_untracked(), page);
                        view! {
                            <DirectoryForm query=q.clone() choices />
                            <p class="search-totals" role="status">{t!(i18n, funder.found)} " " <strong>{d.total}</strong> " "
                                <a class="csv-link" href=directory_csv(i18n, &q)>{t!(i18n, funder.csv)}</a>
                            </p>
                            {if d.cards.is_empty() {
                                view! { <p class="empty">{t!(i18n, funder.none_found)}</p> }.into_any()
                            } else {
                                view! { <ul class="funder-cards">{d.cards.into_iter().map(|c| view! { <Card card=c /> }).collect_view()}</ul> }.into_any()
                            }}
                            <Pager page=q.page pages link=Callback::new(link) />
                        }
                        .into_any()
                    }
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The directory's filters: a GET form.
#[component]
fn DirectoryForm(query: FunderQuery, choices: AgreementChoices) -> impl IntoView {
    let i18n = use_i18n();
    let select = move |name: &'static str, label: String, options: Vec<(String, String)>, selected: Option<String>| {
        let id = format!("f-{name}");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <select id=id name=name>
                    <option value="">{t!(i18n, funder.any)}</option>
                    {options.into_iter().map(|(code, name)| {
                        let chosen = selected.as_deref() == Some(code.as_str());
                        view! { <option value=code selected=chosen>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let named = |list: Vec<Named>| list.into_iter().map(|n| (n.code, n.name)).collect::<Vec<_>>();
    view! {
        <form class="filters agreement-filters" method="get" role="search" aria-label=move || t_string!(i18n, funder.search_label)>
            <div class="field wide">
                <label for="f-q">{t!(i18n, funder.search)}</label>
                <input id="f-q" type="search" name="q" value=query.q.clone() maxlength="200" dir="auto" />
            </div>
            {select("kind", t_string!(i18n, organisation.kind).to_owned(),
                OrganisationKind::ALL.iter().map(|k| (k.code().to_owned(), organisation_kind_name(i18n, *k).to_owned())).collect(),
                query.kind.map(|k| k.code().to_owned()))}
            {select("area", t_string!(i18n, agreement.area).to_owned(), named(choices.areas), query.area.clone())}
            {select("region", t_string!(i18n, agreement.region).to_owned(), named(choices.regions), query.region.clone())}
            {select("funding", t_string!(i18n, funder.funding_types).to_owned(),
                FundingType::ALL.iter().map(|t| (t.code().to_owned(), funding_type_name(i18n, *t).to_owned())).collect(),
                query.funding.map(|t| t.code().to_owned()))}
            {select("mechanism", t_string!(i18n, funder.mechanisms).to_owned(),
                Mechanism::ALL.iter().map(|m| (m.code().to_owned(), mechanism_name(i18n, *m).to_owned())).collect(),
                query.mechanism.map(|m| m.code().to_owned()))}
            <button class="button" type="submit">{t!(i18n, catalogue.search_button)}</button>
        </form>
    }
}

/// How complete a profile is, as a meter with its number.
#[component]
fn CompletenessMeter(percent: u8) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class="completeness">
            <meter min="0" max="100" value=percent.to_string() aria-label=move || t_string!(i18n, funder.completeness)></meter>
            " " {t!(i18n, funder.completeness)} " " <span dir="ltr">{percent} " %"</span>
        </span>
    }
}

#[component]
fn Card(card: FunderCard) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/{}/funders/{}", code_of(i18n.get_locale()), card.organisation);
    let chips = |list: Vec<String>| list.into_iter().map(|n| view! { <li class="badge">{n}</li> }).collect_view();
    view! {
        <li class="funder-card">
            <h2><a href=href lang=card.name_locale.clone().unwrap_or_default() dir="auto">{card.name.clone()}</a></h2>
            <p class="hint">
                {organisation_kind_name(i18n, card.kind)}
                {card.country.clone().map(|c| view! { " · " {c} })}
                " · " <CompletenessMeter percent=card.completeness />
            </p>
            <ul class="chips">
                {chips(card.areas.iter().map(|a| a.name.clone()).collect())}
                {chips(card.regions.iter().map(|r| r.name.clone()).collect())}
                {chips(card.funding_types.iter().map(|t| funding_type_name(i18n, *t).to_owned()).collect())}
            </ul>
        </li>
    }
}

#[component]
pub fn FunderPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or(0));
    let profile =
        Resource::new(move || (i18n.get_locale(), id()), |(l, id)| public_funder_profile(code_of(l).to_owned(), id));
    view! {
        <p class="breadcrumb"><a href=move || format!("/{}/funders", code_of(i18n.get_locale()))>{t!(i18n, funder.directory_title)}</a></p>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(p) => view! { <ProfileView profile=p staff=false /> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn StaffFunderPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or(0));
    let save = ServerAction::<SaveFunderProfile>::new();
    let reviewed = ServerAction::<MarkFunderReviewed>::new();
    let changes = move || (save.version().get(), reviewed.version().get());
    let profile = Resource::new(
        move || (i18n.get_locale(), id(), changes()),
        |(l, id, _)| staff_funder_profile(code_of(l).to_owned(), id),
    );
    let form = Resource::new(move || (id(), changes()), |(id, _)| load_funder_form(id));
    let choices = Resource::new(move || i18n.get_locale(), |l| staff_agreement_choices(code_of(l).to_owned()));
    let member = Resource::new(|| (), |()| me());
    view! {
        <Meta name="robots" content="noindex" />
        <p class="breadcrumb"><a href=move || format!("/{}/staff", code_of(i18n.get_locale()))>{t!(i18n, staff.home_title)}</a></p>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                let role = member.await.ok().flatten().map(|m| m.role);
                let publisher = role.is_some_and(|r| r.includes(Role::Publisher));
                match (profile.await, form.await, choices.await) {
                    (Err(AppError::Unauthorised), _, _) | (_, Err(AppError::Unauthorised), _) => {
                        staff_sign_in(i18n, &format!("funders/{}", id()))
                    }
                    (p, Ok((f, exists)), Ok(c)) => {
                        let organisation = id();
                        view! {
                            {match p {
                                Ok(p) => view! { <ProfileView profile=p staff=true /> }.into_any(),
                                Err(_) => view! {
                                    <h1>{t!(i18n, funder.no_profile_title)}</h1>
                                    <p class="hint">{t!(i18n, funder.no_profile_intro)}</p>
                                }.into_any(),
                            }}
                            {(publisher && exists).then(|| view! {
                                <ActionForm action=reviewed attr:class="inline-form">
                                    <input type="hidden" name="organisation" value=organisation />
                                    <button class="button secondary" type="submit">{t!(i18n, funder.mark_reviewed)}</button>
                                </ActionForm>
                            })}
                            <section aria-labelledby="funder-edit-heading">
                                <h2 id="funder-edit-heading">{if exists { t!(i18n, funder.edit_title).into_any() } else { t!(i18n, funder.create_title).into_any() }}</h2>
                                <FunderEditor organisation form=f create=!exists choices=c save />
                            </section>
                        }.into_any()
                    }
                    (_, Err(e), _) | (_, _, Err(e)) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The profile's edit form (`create`: a new profile). Areas and places are rows (three blank
/// ones to add to); blank rows are ignored, so a plain form can add a line by filling one.
#[component]
fn FunderEditor(
    organisation: i64,
    form: FunderForm,
    create: bool,
    choices: AgreementChoices,
    save: ServerAction<SaveFunderProfile>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let cells = FormCells { i18n, error, prefix: "fp" };
    let mut f = form;
    let rows = |v: &mut Vec<String>, n: usize| v.resize(n, String::new());
    let n = f.area.len() + 3;
    rows(&mut f.area, n);
    rows(&mut f.area_weight, n);
    let n = f.place.len() + 3;
    rows(&mut f.place, n);
    rows(&mut f.place_mode, n);
    let at = |v: &[String], i: usize| v.get(i).cloned().unwrap_or_default();
    let blank = |mut v: Vec<(String, String)>| {
        v.insert(0, (String::new(), "—".to_owned()));
        v
    };
    let areas: Vec<(String, String)> = choices.areas.iter().map(|n| (n.code.clone(), n.name.clone())).collect();
    let places = place_choices(i18n, &choices);
    let weights: Vec<(String, String)> = vec![
        ("3".into(), t_string!(i18n, funder.weight_3).to_owned()),
        ("2".into(), t_string!(i18n, funder.weight_2).to_owned()),
        ("1".into(), t_string!(i18n, funder.weight_1).to_owned()),
        (EXCLUDED.into(), t_string!(i18n, funder.does_not_fund).to_owned()),
    ];
    let modes: Vec<(String, String)> = vec![
        ("focus".into(), t_string!(i18n, funder.focus).to_owned()),
        (EXCLUDED.into(), t_string!(i18n, funder.does_not_fund).to_owned()),
    ];
    let languages = crate::domain::locale::UN_ORDER
        .iter()
        .map(|l| (code_of(*l).to_owned(), crate::domain::locale::native_name(*l).to_owned()))
        .collect();
    let sdgs: Vec<(String, String)> = (1..=17).map(|n: i64| (n.to_string(), sdg_name(i18n, &n.to_string()))).collect();
    let types =
        FundingType::ALL.iter().map(|t| (t.code().to_owned(), funding_type_name(i18n, *t).to_owned())).collect();
    let mechanisms =
        Mechanism::ALL.iter().map(|m| (m.code().to_owned(), mechanism_name(i18n, *m).to_owned())).collect();
    let staff: Vec<(String, String)> = choices.staff.iter().map(|(i, n)| (i.to_string(), n.clone())).collect();
    let area_rows = (0..f.area.len()).map(|i| view! {
        <div class="line">
            {cells.cell_select("area", i, t_string!(i18n, agreement.area).to_owned(), at(&f.area, i), blank(areas.clone()))}
            {cells.cell_select("area_weight", i, t_string!(i18n, funder.weight).to_owned(), at(&f.area_weight, i), weights.clone())}
        </div>
    }).collect_view();
    let place_rows = (0..f.place.len()).map(|i| view! {
        <div class="line">
            {cells.cell_select("place", i, t_string!(i18n, agreement.place).to_owned(), at(&f.place, i), blank(places.clone()))}
            {cells.cell_select("place_mode", i, t_string!(i18n, funder.place_mode).to_owned(), at(&f.place_mode, i), modes.clone())}
        </div>
    }).collect_view();
    let markdown = Some(t_string!(i18n, funder.markdown_hint).to_owned());
    let saved = move || matches!(save.value().get(), Some(Ok(())));
    view! {
        <ActionForm action=save attr:class="agreement-form">
            <input type="hidden" name="organisation" value=organisation />
            <input type="hidden" name="create" value=if create { "true" } else { "false" } />
            <fieldset>
                <legend>{t!(i18n, funder.stated_title)}</legend>
                {cells.choice("original_locale", t_string!(i18n, agreement.original_locale).to_owned(), f.original_locale.clone(), languages)}
                {cells.textarea("mandate", t_string!(i18n, funder.mandate).to_owned(), f.mandate.clone(), markdown.clone())}
                {cells.textarea("strategy", t_string!(i18n, funder.strategy).to_owned(), f.strategy.clone(), markdown)}
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, funder.priority_areas)}</legend>
                {area_rows}
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, funder.places)}</legend>
                {place_rows}
            </fieldset>
            {cells.boxes("sdg", t_string!(i18n, funder.sdgs).to_owned(), f.sdg.clone(), sdgs)}
            {cells.boxes("funding_type", t_string!(i18n, funder.funding_types).to_owned(), f.funding_type.clone(), types)}
            {cells.boxes("mechanism", t_string!(i18n, funder.mechanisms).to_owned(), f.mechanism.clone(), mechanisms)}
            <fieldset>
                <legend>{t!(i18n, funder.amount)}</legend>
                <div class="line">
                    {cells.text("amount_low", t_string!(i18n, funder.amount_low).to_owned(), f.amount_low.clone(), None, "text")}
                    {cells.text("amount_high", t_string!(i18n, funder.amount_high).to_owned(), f.amount_high.clone(), None, "text")}
                    {cells.text("currency", t_string!(i18n, agreement.currency).to_owned(), f.currency.clone(), Some(t_string!(i18n, agreement.currency_hint).to_owned()), "text")}
                </div>
                {cells.text("funding_cycle", t_string!(i18n, funder.cycle).to_owned(), f.funding_cycle.clone(), None, "text")}
                {cells.textarea("limitations", t_string!(i18n, funder.limitations).to_owned(), f.limitations.clone(), None)}
                {cells.text("source", t_string!(i18n, funder.source).to_owned(), f.source.clone(), None, "text")}
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, funder.relationship_title)}</legend>
                {cells.choice("owner", t_string!(i18n, funder.owner).to_owned(), f.owner.clone(), blank(staff))}
                {cells.textarea("contacts", t_string!(i18n, funder.contacts).to_owned(), f.contacts.clone(), None)}
                {cells.textarea("notes", t_string!(i18n, funder.notes).to_owned(), f.notes.clone(), None)}
                {cells.text("last_contact_on", t_string!(i18n, funder.last_contact).to_owned(), f.last_contact_on.clone(), Some(t_string!(i18n, organisation.date_hint).to_owned()), "text")}
            </fieldset>
            {cells.error_line("organisation")}
            {move || error.get().filter(|e| !matches!(e, AppError::Validation(_))).map(|e| view! { <ErrorNotice error=e /> })}
            {move || saved().then(|| view! { <p class="notice notice-success" role="status">{t!(i18n, funder.saved)}</p> })}
            <button class="button" type="submit">{if create { t!(i18n, funder.create).into_any() } else { t!(i18n, funder.save).into_any() }}</button>
        </ActionForm>
    }
}

/// A funder's stated profile, what the record shows beside it, and the relationship (staff).
#[component]
fn ProfileView(profile: FunderProfile, staff: bool) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale();
    let p = profile;
    let names = |list: &[Named]| list.iter().map(|n| n.name.clone()).collect::<Vec<_>>().join(", ");
    let fact = move |label: String, value: String| {
        (!value.is_empty()).then(|| view! { <dt>{label}</dt> <dd dir="auto">{value}</dd> })
    };
    let amount = match p.amount_usd_cents {
        (Some(low), Some(high)) => format!("{} – {}", usd(l, low / 100), usd(l, high / 100)),
        (Some(low), None) => format!("≥ {}", usd(l, low / 100)),
        (None, Some(high)) => format!("≤ {}", usd(l, high / 100)),
        (None, None) => String::new(),
    };
    let missing: Vec<String> = p.completeness.missing.iter().map(|m| profile_part_name(i18n, *m).to_owned()).collect();
    let o = p.observed.clone();
    let agreements = if staff {
        format!("/{}/staff/agreements?party={}", code_of(l), p.organisation)
    } else {
        format!("/{}/agreements?party={}", code_of(l), p.organisation)
    };
    let tally =
        |list: &[(Named, i64)]| list.iter().map(|(n, c)| format!("{} ({c})", n.name)).collect::<Vec<_>>().join(", ");
    view! {
        <PageTitle text={
            let title = format!("{} — {}", p.name, t_string!(i18n, app.name));
            move || title.clone()
        } />
        <header class="page-header">
            <h1 lang=p.name_locale.clone().unwrap_or_default() dir="auto">{p.name.clone()}</h1>
            <p class="hint">
                {p.kind.map(|k| organisation_kind_name(i18n, k))}
                {p.country.clone().map(|c| view! { " · " {c.name} })}
                {p.website.clone().map(|w| view! { " · " <a href=w.clone() rel="noopener" dir="ltr">{w.clone()}</a> })}
            </p>
            <p><CompletenessMeter percent=p.completeness.percent /></p>
            {(!missing.is_empty()).then(|| view! { <p class="hint">{t!(i18n, funder.missing)} " " {missing.join(", ")}</p> })}
        </header>
        {p.drift.clone().map(|d| view! {
            <p class="notice drift" role="note">
                <strong>{t!(i18n, funder.drift_title)}</strong> " "
                {t!(i18n, funder.drift_states)} " " {names(&d.stated)} "; "
                <span dir="ltr">{d.count} " / " {d.of}</span> " " {t!(i18n, funder.drift_latest)} " " {d.observed.name.clone()}
            </p>
        })}
        <div class="profile-columns">
            <section aria-labelledby="stated-title">
                <h2 id="stated-title">{t!(i18n, funder.stated_title)}</h2>
                {(!p.mandate_html.is_empty()).then(|| view! {
                    <h3>{t!(i18n, funder.mandate)}</h3>
                    <div class="prose" lang=p.text_locale.clone().unwrap_or_default() inner_html=p.mandate_html.clone()></div>
                })}
                {(!p.strategy_html.is_empty()).then(|| view! {
                    <h3>{t!(i18n, funder.strategy)}</h3>
                    <div class="prose" lang=p.text_locale.clone().unwrap_or_default() inner_html=p.strategy_html.clone()></div>
                })}
                <dl class="partner-facts">
                    {fact(t_string!(i18n, funder.priority_areas).to_owned(),
                        p.areas.iter().map(|(n, w)| format!("{} {}", n.name, "★".repeat(usize::from(*w)))).collect::<Vec<_>>().join(", "))}
                    {fact(t_string!(i18n, funder.places).to_owned(), names(&p.places))}
                    {fact(t_string!(i18n, funder.sdgs).to_owned(), p.sdgs.iter().map(|s| sdg_name(i18n, &s.to_string())).collect::<Vec<_>>().join("; "))}
                    {fact(t_string!(i18n, funder.funding_types).to_owned(), p.funding_types.iter().map(|t| funding_type_name(i18n, *t)).collect::<Vec<_>>().join(", "))}
                    {fact(t_string!(i18n, funder.mechanisms).to_owned(), p.mechanisms.iter().map(|m| mechanism_name(i18n, *m)).collect::<Vec<_>>().join(", "))}
                    {fact(t_string!(i18n, funder.amount).to_owned(), amount)}
                    {fact(t_string!(i18n, funder.cycle).to_owned(), p.funding_cycle.clone())}
                    {fact(t_string!(i18n, funder.limitations).to_owned(),
                        [p.limitations.clone(), names(&p.excluded_areas), names(&p.excluded_places)].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · "))}
                    {fact(t_string!(i18n, funder.source).to_owned(),
                        [p.source.clone(), p.reviewed_on.clone().map(|d| format!("{} {d}", t_string!(i18n, funder.reviewed_on))).unwrap_or_default()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · "))}
                </dl>
            </section>
            <section aria-labelledby="observed-title">
                <h2 id="observed-title">{t!(i18n, funder.observed_title)}</h2>
                {if o.count == 0 {
                    view! { <p class="empty">{t!(i18n, funder.no_agreements)}</p> }.into_any()
                } else {
                    view! {
                        <dl class="partner-facts">
                            <dt>{t!(i18n, funder.observed_count)}</dt>
                            <dd><a href=agreements.clone()>{o.count}</a></dd>
                            <dt>{t!(i18n, funder.observed_total)}</dt>
                            <dd>{usd(l, o.total_usd_cents / 100)}</dd>
                            {o.typical_usd_cents.map(|t| view! { <dt>{t!(i18n, funder.observed_typical)}</dt> <dd>{usd(l, t / 100)}</dd> })}
                            <dt>{t!(i18n, funder.observed_period)}</dt>
                            <dd dir="ltr">{o.first_signed.clone().unwrap_or_default()} " – " {o.latest_signed.clone().unwrap_or_default()}</dd>
                            <dt>{t!(i18n, funder.priority_areas)}</dt>
                            <dd>{tally(&o.areas)}</dd>
                            <dt>{t!(i18n, funder.places)}</dt>
                            <dd>{tally(&o.regions)}</dd>
                            <dt>{t!(i18n, funder.kinds)}</dt>
                            <dd>{o.kinds.iter().map(|(k, c)| format!("{} ({c})", agreement_kind_name(i18n, *k))).collect::<Vec<_>>().join(", ")}</dd>
                            {(!o.cosignatories.is_empty()).then(|| view! {
                                <dt>{t!(i18n, funder.cosignatories)}</dt>
                                <dd>{o.cosignatories.iter().map(|(_, n, c)| format!("{n} ({c})")).collect::<Vec<_>>().join(", ")}</dd>
                            })}
                        </dl>
                    }.into_any()
                }}
            </section>
        </div>
        {p.relationship.clone().map(|r| view! {
            <section class="relationship" aria-labelledby="relationship-title">
                <h2 id="relationship-title">{t!(i18n, funder.relationship_title)}</h2>
                <dl class="partner-facts">
                    {fact(t_string!(i18n, funder.owner).to_owned(), r.owner.clone().unwrap_or_default())}
                    {fact(t_string!(i18n, funder.contacts).to_owned(), r.contacts.clone())}
                    {fact(t_string!(i18n, funder.notes).to_owned(), r.notes.clone())}
                    {fact(t_string!(i18n, funder.last_contact).to_owned(), r.last_contact_on.clone().unwrap_or_default())}
                </dl>
                <p><a href=format!("/{}/staff/organisations/{}", code_of(l), p.organisation)>{t!(i18n, funder.registry_entry)}</a></p>
            </section>
        })}
    }
}

/// `/{locale}/staff/funder-weights`: how many points each factor of a suggestion may give;
/// administrators change them.
#[component]
pub fn FunderWeightsPage() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveFunderWeights>::new();
    let weights = Resource::new(move || save.version().get(), |_| funder_weights());
    let member = Resource::new(|| (), |()| me());
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    view! {
        <Meta name="robots" content="noindex" />
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, funder.weights_title), t_string!(i18n, app.name)) />
        <p class="breadcrumb"><a href=move || format!("/{}/staff", code_of(i18n.get_locale()))>{t!(i18n, staff.home_title)}</a></p>
        <h1>{t!(i18n, funder.weights_title)}</h1>
        <p class="lead">{t!(i18n, funder.weights_intro)}</p>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                let admin = member.await.ok().flatten().is_some_and(|m| m.role == Role::Admin);
                match weights.await {
                    Ok(w) => {
                        let form = WeightsForm::of(&w);
                        let values = [
                            ("stated_area", t_string!(i18n, funder.badge_stated_area), form.stated_area),
                            ("past_area", t_string!(i18n, funder.badge_past_area), form.past_area),
                            ("place", t_string!(i18n, funder.places), form.place),
                            ("funding_type", t_string!(i18n, funder.funding_types), form.funding_type),
                            ("size", t_string!(i18n, funder.amount), form.size),
                            ("relationship", t_string!(i18n, funder.relationship), form.relationship),
                            ("pending_due_diligence", t_string!(i18n, funder.badge_pending), form.pending_due_diligence),
                        ];
                        view! {
                            <ActionForm action=save attr:class="weights-form">
                                {values.into_iter().map(|(name, label, value)| {
                                    let id = format!("w-{name}");
                                    let m = Signal::derive(move || error.get().and_then(|e| field_message(i18n, &e, name)));
                                    view! {
                                        <div class="field">
                                            <label for=id.clone()>{label}</label>
                                            <input id=id.clone() name=format!("form[{name}]") type="number" min="0" max="100" step="1"
                                                value=value required disabled=!admin
                                                aria-invalid=move || m.get().is_some().then_some("true") />
                                            {move || m.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                                        </div>
                                    }
                                }).collect_view()}
                                {if admin {
                                    view! { <button class="button" type="submit">{t!(i18n, staff.save)}</button> }.into_any()
                                } else {
                                    view! { <p class="hint">{t!(i18n, funder.weights_admin_only)}</p> }.into_any()
                                }}
                                {move || save.value().get().and_then(Result::ok).map(|_| view! { <p class="notice" role="status">{t!(i18n, funder.weights_saved)}</p> })}
                            </ActionForm>
                        }
                        .into_any()
                    }
                    Err(AppError::Unauthorised) => staff_sign_in(i18n, "funder-weights"),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
