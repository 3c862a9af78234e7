//! Whether the WASM has taken over the page. Server-rendered HTML works on its own; some
//! controls (tabs, instant filters) switch on only once this is true.
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Hydrated(pub ReadSignal<bool>);

/// Provides the flag; an effect (which runs only in the browser) turns it on.
pub fn provide_hydration() -> ReadSignal<bool> {
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    provide_context(Hydrated(hydrated));
    hydrated
}

pub fn use_hydrated() -> ReadSignal<bool> {
    use_context::<Hydrated>().map_or_else(|| signal(false).0, |h| h.0)
}
