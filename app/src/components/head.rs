//! The document head's title and description, written as plain strings for the current
//! language (and written again when it changes). The server fills the head in after the page
//! itself, when the page's reactive values may already be gone: a title that read them then
//! would panic under load.
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// `<title>`: `text` is read while the page renders, and again when what it reads changes.
#[component]
pub fn PageTitle<F>(text: F) -> impl IntoView
where
    F: Fn() -> String + Send + Sync + 'static,
{
    move || view! { <Title text=text() /> }
}

/// `<meta name="description">`, the same way.
#[component]
pub fn PageDescription<F>(text: F) -> impl IntoView
where
    F: Fn() -> String + Send + Sync + 'static,
{
    move || view! { <Meta name="description" content=text() /> }
}
