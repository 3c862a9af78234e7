//! A minimal PDF writer for demo documents: Helvetica text on A4 pages (portrait for
//! concept notes, landscape for slides). Latin script only (WinAnsi), which is why demo
//! documents are written in English, French or Spanish.

pub struct Page {
    pub heading: String,
    pub lines: Vec<String>,
}

/// A portrait A4 document: a title, then paragraphs wrapped to the page width.
pub fn document(title: &str, paragraphs: &[(&str, &str)]) -> Vec<u8> {
    let mut pages = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    for (heading, text) in paragraphs {
        lines.push(format!("## {heading}"));
        lines.extend(wrap(text, 88));
        lines.push(String::new());
    }
    for chunk in lines.chunks(44) {
        pages.push(Page { heading: title.to_owned(), lines: chunk.to_vec() });
    }
    render(&pages, (595, 842))
}

/// A landscape deck: one heading and a few bullet lines per slide.
pub fn slides(pages: &[Page]) -> Vec<u8> {
    render(pages, (842, 595))
}

pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                out.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push(line);
    }
    out
}

fn render(pages: &[Page], (w, h): (u32, u32)) -> Vec<u8> {
    let landscape = w > h;
    let mut objects: Vec<Vec<u8>> = Vec::new();
    // 1 catalog, 2 pages, 3 Helvetica, 4 Helvetica-Bold, then (content, page) per page.
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: Vec<String> = (0..pages.len()).map(|i| format!("{} 0 R", 6 + 2 * i)).collect();
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count {} >>", kids.join(" "), pages.len()).into_bytes());
    objects.push(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec());
    objects.push(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>".to_vec());
    for (i, page) in pages.iter().enumerate() {
        let mut s = Vec::new();
        let (title_size, text_size, leading) = if landscape { (30, 18, 28) } else { (16, 10, 15) };
        let mut y = h - 64;
        s.extend(format!("0.05 0.3 0.55 rg BT /F2 {title_size} Tf 56 {y} Td (").as_bytes());
        s.extend(escape(&page.heading));
        s.extend(b") Tj ET 0 0 0 rg\n");
        y -= if landscape { 60 } else { 36 };
        for line in &page.lines {
            let (font, text) = match line.strip_prefix("## ") {
                Some(h) => ("/F2", h),
                None => ("/F1", line.as_str()),
            };
            s.extend(format!("BT {font} {text_size} Tf 56 {y} Td (").as_bytes());
            s.extend(escape(text));
            s.extend(b") Tj ET\n");
            y = y.saturating_sub(leading);
        }
        s.extend(format!("0.4 0.4 0.4 rg BT /F1 8 Tf 56 28 Td (Page {} / {}) Tj ET\n", i + 1, pages.len()).as_bytes());
        let mut content = format!("<< /Length {} >>\nstream\n", s.len()).into_bytes();
        content.extend(&s);
        content.extend(b"\nendstream");
        objects.push(content);
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w} {h}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
                5 + 2 * i
            )
            .into_bytes(),
        );
    }
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, obj) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(obj);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}

/// A PDF string literal's bytes in WinAnsi; characters outside it become `?`.
fn escape(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        let b = match c {
            '(' | ')' | '\\' => {
                out.push(b'\\');
                c as u8
            }
            ' '..='~' => c as u8,
            '\u{a0}'..='\u{ff}' => c as u32 as u8,
            '€' => 0x80,
            '…' => 0x85,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            'Œ' => 0x8c,
            'œ' => 0x9c,
            _ => b'?',
        };
        out.push(b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_a_well_formed_pdf() {
        let pdf = document("Titre (démo)", &[("Résumé", "Un texte assez long pour être coupé. ".repeat(40).as_str())]);
        assert!(pdf.starts_with(b"%PDF-1.4"));
        assert!(pdf.ends_with(b"%%EOF\n"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("/Count 1"));
        assert!(text.contains("Titre \\(d"));
        // startxref points at the xref table.
        let at: usize = text.rsplit("startxref\n").next().unwrap().lines().next().unwrap().parse().unwrap();
        assert!(pdf[at..].starts_with(b"xref"));
    }

    #[test]
    fn lines_wrap_at_word_boundaries() {
        assert_eq!(wrap("one two three four", 9), vec!["one two", "three", "four"]);
        assert_eq!(escape("é€x"), vec![0xe9, 0x80, b'x']);
    }
}
