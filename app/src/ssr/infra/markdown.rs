//! Markdown to HTML that is safe to insert into a page: raw HTML in the source comes out
//! as visible text, links keep only safe schemes, images are not rendered, and headings
//! start below the page's own.
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

pub fn to_safe_html(markdown: &str) -> String {
    let shift = |level: HeadingLevel| match level {
        HeadingLevel::H1 | HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    };
    let events =
        Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).filter_map(|event| {
            Some(match event {
                Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
                Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                    Event::Start(Tag::Heading { level: shift(level), id, classes, attrs })
                }
                Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shift(level))),
                Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                    let dest_url = if safe_url(&dest_url) { dest_url } else { CowStr::Borrowed("#") };
                    Event::Start(Tag::Link { link_type, dest_url, title, id })
                }
                // Images could load from anywhere; their alt text is kept as text.
                Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => return None,
                other => other,
            })
        });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

fn safe_url(url: &str) -> bool {
    let lower: String =
        url.trim().chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
    match lower.split_once(':') {
        Some((scheme, _)) => matches!(scheme, "http" | "https" | "mailto") || scheme.contains(['/', '?', '#']),
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::to_safe_html;

    #[test]
    fn markdown_renders() {
        let html = to_safe_html("# Plan\n\n- **one**\n- two\n\n[site](https://example.org)");
        assert!(html.contains("<h3>Plan</h3>"), "{html}");
        assert!(html.contains("<li><strong>one</strong></li>"));
        assert!(html.contains(r#"<a href="https://example.org">site</a>"#));
    }

    #[test]
    fn scripts_and_handlers_come_out_inert() {
        let payloads = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x]( java\tscript:alert(1))",
            "[x](data:text/html,<script>alert(1)</script>)",
            "![x](https://evil.example/x.png)",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<svg onload=alert(1)>",
        ];
        for p in payloads {
            let html = to_safe_html(p);
            let lower = html.to_ascii_lowercase();
            assert!(!lower.contains("<script"), "{p} → {html}");
            assert!(!lower.contains("<img"), "{p} → {html}");
            assert!(!lower.contains("<svg"), "{p} → {html}");
            assert!(!lower.contains("<a href=\"java") && !lower.contains("<a href=\"data:"), "{p} → {html}");
        }
    }
}
