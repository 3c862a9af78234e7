use crate::domain::concept::ConceptCard;
use crate::domain::format::{iso_date, local_date};
use crate::domain::locale::{self, native_name};
use crate::i18n::*;
use leptos::prelude::*;

/// A concept in a list: title (in the reader's language, or the original marked with its
/// language), summary, areas, publication date.
#[component]
pub fn ConceptCardView(card: ConceptCard) -> impl IntoView {
    let i18n = use_i18n();
    let href = move || format!("/{}/concepts/{}", locale::code_of(i18n.get_locale()), card.slug);
    let shown_in = locale::parse(&card.locale);
    let foreign = move || shown_in.is_some_and(|l| l != i18n.get_locale());
    let language_name = shown_in.map(native_name).unwrap_or_default();
    let dir = shown_in.map_or("auto", locale::dir_of);
    let lang = card.locale.clone();
    view! {
        <article class="concept-card">
            <h3 lang=card.locale.clone() dir=dir>
                <a href=href>{card.title}</a>
            </h3>
            <Show when=foreign>
                <p class="language-note">
                    {t!(i18n, concept.original_in)} ": " <span lang=lang.clone()>{language_name}</span>
                </p>
            </Show>
            <p class="summary" lang=card.locale.clone() dir=dir>{card.summary}</p>
            <ul class="chips">
                {card.areas.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}
            </ul>
            <p class="meta">
                {t!(i18n, concept.published_on)} " "
                <time datetime=iso_date(card.published_at)>{move || local_date(i18n.get_locale(), card.published_at)}</time>
            </p>
        </article>
    }
}
