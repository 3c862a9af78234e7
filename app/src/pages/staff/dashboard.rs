//! `/{locale}/staff/dashboard`: the partnership pipeline in numbers. Expressions of interest
//! by stage; interest and signed agreements by region and by area of action, each as a chart
//! with the table of its numbers beside it; conversion and the total signed.
use crate::api::interests::pipeline_dashboard;
use crate::components::bar_chart::BarChart;
use crate::components::error_notice::ErrorNotice;
use crate::components::head::PageTitle;
use crate::domain::format::usd;
use crate::domain::interest::{Dashboard, Tally};
use crate::domain::locale::{self, code_of};
use crate::domain::names::stage_name;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::components::Redirect;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(move || i18n.get_locale(), |l| pipeline_dashboard(code_of(l).to_owned()));
    view! {
        <PageTitle text=move || format!("{} — {}", t_string!(i18n, interest.dashboard_title), t_string!(i18n, app.name)) />
        <Meta name="robots" content="noindex" />
        <p class="breadcrumb"><a href=move || format!("/{}/staff/interests", code_of(i18n.get_locale()))>{t!(i18n, interest.inbox_title)}</a></p>
        <h1>{t!(i18n, interest.dashboard_title)}</h1>
        <Transition fallback=move || view! { <p class="loading" role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <Numbers dashboard=d /> }.into_any(),
                    Err(AppError::Unauthorised) => {
                        let code = code_of(i18n.get_locale_untracked());
                        view! { <Redirect path=format!("/{code}/staff/sign-in?next=/{code}/staff/dashboard") /> }.into_any()
                    }
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Numbers(dashboard: Dashboard) -> impl IntoView {
    let i18n = use_i18n();
    let d = dashboard;
    let l = i18n.get_locale_untracked();
    let rtl = locale::dir_of(l) == "rtl";
    let permille = d.conversion_permille();
    let conversion = format!("{}.{} %", permille / 10, permille % 10);
    let stages: Vec<(String, Vec<i64>)> = d.by_stage.iter().map(|(s, n)| (stage_name(i18n, s), vec![*n])).collect();
    let interest = t_string!(i18n, interest.chart_interest).to_owned();
    let signed = t_string!(i18n, interest.chart_signed).to_owned();
    let two = vec![(interest.clone(), "bar-a"), (signed.clone(), "bar-b")];
    view! {
        <dl class="totals">
            <div><dt>{t!(i18n, interest.total)}</dt><dd>{d.total}</dd></div>
            <div><dt>{t!(i18n, interest.stage_signed)}</dt><dd>{d.signed}</dd></div>
            <div><dt>{t!(i18n, interest.conversion)}</dt><dd dir="ltr">{conversion}</dd></div>
            <div><dt>{t!(i18n, interest.signed_total)}</dt><dd>{usd(l, d.signed_usd)}</dd></div>
            <div><dt><a href=move || format!("/{}/staff/agreements", code_of(i18n.get_locale()))>{t!(i18n, interest.recorded)}</a></dt><dd>{d.recorded}</dd></div>
            <div><dt>{t!(i18n, interest.recorded_total)}</dt><dd>{usd(l, (d.recorded_usd_cents + 50).div_euclid(100))}</dd></div>
        </dl>
        <section class="dashboard-block" aria-labelledby="by-stage">
            <h2 id="by-stage">{t!(i18n, interest.by_stage)}</h2>
            <div class="chart-and-table">
                <BarChart title=t_string!(i18n, interest.by_stage).to_owned() rows=stages.clone()
                    series=vec![(interest.clone(), "bar-a")] rtl />
                <table class="numbers">
                    <thead><tr><th scope="col">{t!(i18n, interest.stage)}</th><th scope="col" class="number">{interest.clone()}</th></tr></thead>
                    <tbody>
                        {stages.into_iter().map(|(name, v)| view! { <tr><th scope="row">{name}</th><td class="number">{v[0]}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <TallyBlock id="by-region" title=t_string!(i18n, interest.by_region).to_owned() tallies=d.by_region series=two.clone() rtl />
        <TallyBlock id="by-area" title=t_string!(i18n, interest.by_area).to_owned() tallies=d.by_area series=two rtl />
    }
}

/// A chart of interest and signed agreements per term, and the table of the same numbers.
#[component]
fn TallyBlock(
    id: &'static str,
    title: String,
    tallies: Vec<Tally>,
    series: Vec<(String, &'static str)>,
    rtl: bool,
) -> impl IntoView {
    let rows: Vec<(String, Vec<i64>)> = tallies.iter().map(|t| (t.name.clone(), vec![t.interest, t.signed])).collect();
    let (a, b) = (series[0].0.clone(), series[1].0.clone());
    view! {
        <section class="dashboard-block" aria-labelledby=id>
            <h2 id=id>{title.clone()}</h2>
            <div class="chart-and-table">
                <BarChart title rows series rtl />
                <table class="numbers">
                    <thead><tr><th scope="col"></th><th scope="col" class="number">{a}</th><th scope="col" class="number">{b}</th></tr></thead>
                    <tbody>
                        {tallies.into_iter().map(|t| view! {
                            <tr data-code=t.code><th scope="row">{t.name}</th><td class="number">{t.interest}</td><td class="number">{t.signed}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
