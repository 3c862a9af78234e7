//! The browser side: hydrates the server-rendered page.
// Leptos view types nest deeply; release builds need room to name them.
#![recursion_limit = "512"]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
