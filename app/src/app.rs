use crate::components::layout::{Chrome, LocaleGate};
use crate::components::not_found::NotFoundPage;
use crate::i18n::I18nContextProvider;
use crate::pages::subscribe::{ConfirmSubscriptionPage, ManageSubscriptionPage, SubscribePage, SubscribeThanksPage};
use crate::pages::{
    agreements::{AgreementsPage, PublicAgreementPage},
    concept::ConceptPage,
    concepts::ConceptsPage,
    funders::{FunderPage, FunderWeightsPage, FundersPage, StaffFunderPage},
    home::HomePage,
    sponsorship::{SponsorshipPage, SponsorshipQuotePage},
    staff::account::StaffHomePage,
    staff::accounts::AccountsPage,
    staff::agreements::{AgreementStaffPage, AgreementsStaffPage, ImportAgreementsPage, NewAgreementPage},
    staff::audit::AuditPage,
    staff::dashboard::DashboardPage,
    staff::editor::{EditConceptPage, NewConceptPage},
    staff::interests::{InterestPage, InterestsPage},
    staff::mail::MailPage,
    staff::organisations::{NewOrganisationPage, OrganisationPage, OrganisationsPage},
    staff::sign_in::SignInPage,
    staff::sponsorship::{SponsorshipQuoteStaffPage, SponsorshipRevenuePage, SponsorshipSalePage, SponsorshipStaffPage},
    staff::sponsorship_events::{SponsorshipActivityPage, SponsorshipEventPage, SponsorshipEventsPage},
    staff::taxonomy::TaxonomyPage,
};
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, provide_meta_context};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// Every route renders with `SsrMode::Async`: the server waits for the page's data, then sends
/// finished HTML with its status code (404 for an unknown concept) and its `<head>` tags
/// (title, canonical, Open Graph), so pages work before, and without, the WASM.
///
/// The HTML document around the app. `lang` and `dir` are set by [`LocaleGate`] through
/// `leptos_meta`, so the server renders them for the locale in the URL.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/pop.css" />
        <I18nContextProvider set_lang_attr_on_html=false set_dir_attr_on_html=false>
            <Router>
                <Routes fallback=|| view! { <Chrome><NotFoundPage /></Chrome> }>
                    <ParentRoute path=path!("/:lang") view=LocaleGate ssr=SsrMode::Async>
                        <Route path=path!("") view=HomePage ssr=SsrMode::Async />
                        <Route path=path!("concepts") view=ConceptsPage ssr=SsrMode::Async />
                        <Route path=path!("concepts/:slug") view=ConceptPage ssr=SsrMode::Async />
                        <Route path=path!("agreements") view=AgreementsPage ssr=SsrMode::Async />
                        <Route path=path!("agreements/:reference") view=PublicAgreementPage ssr=SsrMode::Async />
                        <Route path=path!("funders") view=FundersPage ssr=SsrMode::Async />
                        <Route path=path!("funders/:id") view=FunderPage ssr=SsrMode::Async />
                        <Route path=path!("sponsorship") view=SponsorshipPage ssr=SsrMode::Async />
                        <Route path=path!("sponsorship/quotes/:token") view=SponsorshipQuotePage ssr=SsrMode::Async />
                        <Route path=path!("subscribe") view=SubscribePage ssr=SsrMode::Async />
                        <Route path=path!("subscribe/thanks") view=SubscribeThanksPage ssr=SsrMode::Async />
                        <Route path=path!("subscribe/confirm") view=ConfirmSubscriptionPage ssr=SsrMode::Async />
                        <Route path=path!("subscription") view=ManageSubscriptionPage ssr=SsrMode::Async />
                        <Route path=path!("staff") view=StaffHomePage ssr=SsrMode::Async />
                        <Route path=path!("staff/sign-in") view=SignInPage ssr=SsrMode::Async />
                        <Route path=path!("staff/concepts/new") view=NewConceptPage ssr=SsrMode::Async />
                        <Route path=path!("staff/concepts/:id") view=EditConceptPage ssr=SsrMode::Async />
                        <Route path=path!("staff/accounts") view=AccountsPage ssr=SsrMode::Async />
                        <Route path=path!("staff/audit") view=AuditPage ssr=SsrMode::Async />
                        <Route path=path!("staff/taxonomy") view=TaxonomyPage ssr=SsrMode::Async />
                        <Route path=path!("staff/mail") view=MailPage ssr=SsrMode::Async />
                        <Route path=path!("staff/interests") view=InterestsPage ssr=SsrMode::Async />
                        <Route path=path!("staff/interests/:id") view=InterestPage ssr=SsrMode::Async />
                        <Route path=path!("staff/dashboard") view=DashboardPage ssr=SsrMode::Async />
                        <Route path=path!("staff/organisations") view=OrganisationsPage ssr=SsrMode::Async />
                        <Route path=path!("staff/organisations/new") view=NewOrganisationPage ssr=SsrMode::Async />
                        <Route path=path!("staff/organisations/:id") view=OrganisationPage ssr=SsrMode::Async />
                        <Route path=path!("staff/agreements") view=AgreementsStaffPage ssr=SsrMode::Async />
                        <Route path=path!("staff/funders/:id") view=StaffFunderPage ssr=SsrMode::Async />
                        <Route path=path!("staff/funder-weights") view=FunderWeightsPage ssr=SsrMode::Async />
                        <Route path=path!("staff/agreements/new") view=NewAgreementPage ssr=SsrMode::Async />
                        <Route path=path!("staff/agreements/import") view=ImportAgreementsPage ssr=SsrMode::Async />
                        <Route path=path!("staff/agreements/:id") view=AgreementStaffPage ssr=SsrMode::Async />
                        <Route path=path!("staff/sponsorship") view=SponsorshipStaffPage ssr=SsrMode::Async />
                        <Route path=path!("staff/sponsorship/quotes/:number") view=SponsorshipQuoteStaffPage ssr=SsrMode::Async />
                        <Route path=path!("staff/sponsorship/sponsorships/:id") view=SponsorshipSalePage ssr=SsrMode::Async />
                        <Route path=path!("staff/sponsorship/revenue") view=SponsorshipRevenuePage ssr=SsrMode::Async />
                        <Route path=path!("staff/sponsorship/events") view=SponsorshipEventsPage ssr=SsrMode::Async />
                        <Route path=path!("staff/sponsorship/events/:slug") view=SponsorshipEventPage ssr=SsrMode::Async />
                        <Route path=path!("staff/sponsorship/events/:slug/activities/:id") view=SponsorshipActivityPage ssr=SsrMode::Async />
                    </ParentRoute>
                </Routes>
            </Router>
        </I18nContextProvider>
    }
}
