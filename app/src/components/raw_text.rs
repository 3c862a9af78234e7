//! Text for the elements whose content the server renderer writes as it is: `<title>` and
//! `<textarea>` hold raw text, so a `</title>` or `</textarea>` typed into a concept would
//! end the element early and let markup through.
//!
//! On the server the text is escaped (`&` and `<`), which the browser decodes back into the
//! same text; in the browser, Leptos sets the text itself, so it stays as it is.
pub fn raw_text(text: &str) -> String {
    if cfg!(feature = "ssr") { text.replace('&', "&amp;").replace('<', "&lt;") } else { text.to_owned() }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    #[test]
    fn raw_text_cannot_close_its_element() {
        let t = super::raw_text("A </title></textarea><script>alert(1)</script> & b");
        assert!(!t.contains('<'));
        assert_eq!(t, "A &lt;/title>&lt;/textarea>&lt;script>alert(1)&lt;/script> &amp; b");
    }
}
