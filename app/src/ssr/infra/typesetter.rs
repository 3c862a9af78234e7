//! Typesetting the PDFs the platform writes (a sponsorship quote), in any of the six
//! languages: each line is ordered by the Unicode bidirectional algorithm, cut into runs of
//! one script, and each run set in the Noto face that has it — Arabic, CJK (Simplified
//! Chinese) or the rest — and shaped by HarfBuzz's rules through krilla, so Arabic joins and
//! reads right to left with its numbers left to right. A document is a list of blocks laid
//! out on A4 pages (a pure layout pass), then painted.
//!
//! The fonts are read once, on first use, from `POP_FONT_DIR` or Debian's Noto folders
//! (`fonts-noto-core`, `fonts-noto-cjk`); without them there is no PDF and the caller says so.
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use unicode_bidi::{BidiInfo, Level};

/// A4 in points, and the margins.
const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 56.0;
const BODY: f32 = 10.5;

/// The font files, in the order the faces are kept: the rest, bold, Arabic, CJK.
const FILES: [(&str, u32); 4] = [
    ("NotoSans-Regular.ttf", 0),
    ("NotoSans-Bold.ttf", 0),
    ("NotoSansArabic-Regular.ttf", 0),
    // Noto Sans CJK's collection: Japanese, Korean, Simplified Chinese, …
    ("NotoSansCJK-Regular.ttc", 2),
];
const DEBIAN_DIRS: [&str; 2] = ["/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto"];

struct Face {
    font: Font,
    data: Arc<Vec<u8>>,
    index: u32,
    units_per_em: f32,
}

/// The faces text is set in.
pub struct Fonts {
    faces: Vec<Face>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FaceKind {
    Text = 0,
    Bold = 1,
    Arabic = 2,
    Cjk = 3,
}

impl Fonts {
    /// Reads the faces from `dir`, or from the first Debian folder that has each file.
    pub fn load(dir: Option<&Path>) -> Result<Fonts, String> {
        let dirs: Vec<PathBuf> = match dir {
            Some(d) => vec![d.to_path_buf()],
            None => DEBIAN_DIRS.iter().map(PathBuf::from).collect(),
        };
        let mut faces = Vec::with_capacity(FILES.len());
        for (name, index) in FILES {
            let path = dirs.iter().map(|d| d.join(name)).find(|p| p.is_file()).ok_or_else(|| {
                format!("the font {name} is in none of {dirs:?} (set POP_FONT_DIR, or install fonts-noto-core and fonts-noto-cjk)")
            })?;
            let data = Arc::new(std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?);
            let font = Font::new(data.clone().into(), index).ok_or_else(|| format!("{}: not a font", path.display()))?;
            let units_per_em = font.units_per_em();
            faces.push(Face { font, data, index, units_per_em });
        }
        Ok(Fonts { faces })
    }

    fn face(&self, kind: FaceKind) -> &Face {
        &self.faces[kind as usize]
    }
}

/// The fonts, read on first use and kept; cheap to clone.
#[derive(Clone, Default)]
pub struct Typesetter {
    dir: Option<PathBuf>,
    fonts: Arc<OnceLock<Result<Fonts, String>>>,
}

impl Typesetter {
    pub fn new(dir: Option<PathBuf>) -> Typesetter {
        Typesetter { dir, fonts: Arc::default() }
    }

    pub fn fonts(&self) -> Result<&Fonts, String> {
        self.fonts.get_or_init(|| Fonts::load(self.dir.as_deref())).as_ref().map_err(Clone::clone)
    }
}

/// What a document is made of, top to bottom.
pub enum Block {
    /// A small line above the title (who writes).
    Kicker(String),
    Title(String),
    /// Label and value pairs.
    Facts(Vec<(String, String)>),
    /// Rows of a label and an amount; a header row first.
    Table { header: (String, String), rows: Vec<Row> },
    /// A paragraph, wrapped.
    Note(String),
}

pub struct Row {
    pub label: String,
    pub amount: String,
    /// A total: bold, with a rule above.
    pub strong: bool,
    /// A discount under its activity: set in a little.
    pub indent: bool,
}

/// The document's language and direction, and its title (in the PDF's metadata).
pub struct Setting<'a> {
    pub lang: &'a str,
    pub rtl: bool,
    pub title: &'a str,
}

/// A run of text in one face and direction, placed.
#[derive(Debug, Clone, PartialEq)]
struct Run {
    x: f32,
    y: f32,
    size: f32,
    face: FaceKind,
    rtl: bool,
    text: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Op {
    Text(Run),
    /// A horizontal rule from x to x + w at y.
    Rule { x: f32, y: f32, w: f32 },
}

/// The marks that steer the bidirectional algorithm (isolates, embeddings, marks).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The face a character is set in; `None` for characters of every script (spaces, digits,
/// punctuation), which go with their neighbours.
fn script_face(c: char) -> Option<FaceKind> {
    match c as u32 {
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Some(FaceKind::Arabic)
        }
        0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFF00..=0xFFEF => Some(FaceKind::Cjk),
        _ if c.is_alphabetic() => Some(FaceKind::Text),
        _ => None,
    }
}

impl Fonts {
    /// The width of `text` set in `face` at `size`, shaped as krilla will shape it.
    #[cfg(test)]
    fn width(&self, face: FaceKind, size: f32, rtl: bool, text: &str) -> f32 {
        let f = self.face(face);
        rustybuzz::Face::from_slice(&f.data, f.index).map_or(0.0, |rb| shaped_width(&rb, f.units_per_em, size, rtl, text))
    }
}

/// The width of `text` shaped with `rb` (of `units_per_em`) at `size`.
fn shaped_width(rb: &rustybuzz::Face<'_>, units_per_em: f32, size: f32, rtl: bool, text: &str) -> f32 {
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    buffer.set_direction(if rtl { rustybuzz::Direction::RightToLeft } else { rustybuzz::Direction::LeftToRight });
    let shaped = rustybuzz::shape(rb, &[], buffer);
    let advance: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
    advance as f32 * size / units_per_em
}

impl Fonts {
    /// A line's runs in visual order (left to right), each in one face and direction, with
    /// their widths: the bidirectional algorithm orders them in a paragraph of direction
    /// `rtl`; within a run, characters of no script take the face before them.
    fn runs(&self, text: &str, size: f32, bold: bool, rtl: bool) -> Vec<(FaceKind, bool, String, f32)> {
        let info = BidiInfo::new(text, Some(if rtl { Level::rtl() } else { Level::ltr() }));
        let Some(para) = info.paragraphs.first() else { return Vec::new() };
        let (levels, visual) = info.visual_runs(para, para.range.clone());
        let parsed: Vec<Option<rustybuzz::Face<'_>>> =
            self.faces.iter().map(|f| rustybuzz::Face::from_slice(&f.data, f.index)).collect();
        let covers = |face: FaceKind, c: char| {
            parsed.get(face as usize).and_then(Option::as_ref).is_some_and(|f| f.glyph_index(c).is_some())
        };
        let text_face = if bold { FaceKind::Bold } else { FaceKind::Text };
        let mut out = Vec::new();
        for range in visual {
            let run_rtl = levels[range.start].is_rtl();
            let mut pieces: Vec<(FaceKind, String)> = Vec::new();
            // The bidirectional controls have done their work: they are not drawn.
            for c in text[range].chars().filter(|c| !is_bidi_control(*c)) {
                let face = script_face(c)
                    .map(|f| if f == FaceKind::Text { text_face } else { f })
                    .or_else(|| pieces.last().map(|p| p.0))
                    .unwrap_or(text_face);
                // A sign the face lacks (a dash in Arabic, a minus sign in Latin) comes from
                // the first face that has it.
                let face = [face, text_face, FaceKind::Cjk, FaceKind::Arabic]
                    .into_iter()
                    .find(|f| covers(*f, c))
                    .unwrap_or(face);
                match pieces.last_mut() {
                    Some((f, s)) if *f == face => s.push(c),
                    _ => pieces.push((face, c.to_string())),
                }
            }
            // A right-to-left run's pieces stand right to left.
            if run_rtl {
                pieces.reverse();
            }
            for (face, piece) in pieces {
                // Measured with the faces parsed for this line.
                let w = parsed.get(face as usize).and_then(Option::as_ref).map_or(0.0, |rb| {
                    shaped_width(rb, self.face(face).units_per_em, size, run_rtl, &piece)
                });
                out.push((face, run_rtl, piece, w));
            }
        }
        out
    }

    fn line_width(&self, text: &str, size: f32, bold: bool, rtl: bool) -> f32 {
        self.runs(text, size, bold, rtl).iter().map(|r| r.3).sum()
    }

    /// Places a line with its start at `x` (its left edge left to right, its right edge right to
    /// left) on baseline `y`.
    fn place(&self, ops: &mut Vec<Op>, text: &str, (x, y): (f32, f32), size: f32, bold: bool, rtl: bool) {
        let runs = self.runs(text, size, bold, rtl);
        let total: f32 = runs.iter().map(|r| r.3).sum();
        let mut left = if rtl { x - total } else { x };
        for (face, run_rtl, piece, w) in runs {
            ops.push(Op::Text(Run { x: left, y, size, face, rtl: run_rtl, text: piece }));
            left += w;
        }
    }

    /// `text` cut into lines no wider than `width`: at spaces, and between any two CJK
    /// characters.
    fn wrap(&self, text: &str, width: f32, size: f32, rtl: bool) -> Vec<String> {
        let mut tokens: Vec<String> = Vec::new();
        for c in text.chars() {
            let cjk = script_face(c) == Some(FaceKind::Cjk);
            match tokens.last_mut() {
                Some(t) if !cjk && !c.is_whitespace() && !t.ends_with(' ') && !t.chars().last().is_some_and(|l| script_face(l) == Some(FaceKind::Cjk)) => t.push(c),
                Some(t) if c.is_whitespace() => t.push(' '),
                _ => tokens.push(c.to_string()),
            }
        }
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for token in tokens {
            let candidate = format!("{line}{token}");
            if !line.is_empty() && self.line_width(candidate.trim_end(), size, false, rtl) > width {
                lines.push(line.trim_end().to_owned());
                line = token.trim_start().to_owned();
            } else {
                line = candidate;
            }
        }
        if !line.trim().is_empty() {
            lines.push(line.trim_end().to_owned());
        }
        lines
    }
}

/// The page being laid out.
fn current(pages: &mut Vec<Vec<Op>>) -> &mut Vec<Op> {
    if pages.is_empty() {
        pages.push(Vec::new());
    }
    let last = pages.len() - 1;
    &mut pages[last]
}

/// Lays the blocks out on pages: each page's drawing operations.
fn layout(fonts: &Fonts, rtl: bool, blocks: &[Block]) -> Vec<Vec<Op>> {
    let width = PAGE_W - 2.0 * MARGIN;
    // The start edge and the end edge of the text column, and a step towards the end.
    let (start, end) = if rtl { (PAGE_W - MARGIN, MARGIN) } else { (MARGIN, PAGE_W - MARGIN) };
    let inward = |x: f32, by: f32| if rtl { x - by } else { x + by };
    let mut pages: Vec<Vec<Op>> = vec![Vec::new()];
    let mut y = MARGIN;
    let need = |pages: &mut Vec<Vec<Op>>, y: &mut f32, height: f32| {
        if *y + height > PAGE_H - MARGIN {
            pages.push(Vec::new());
            *y = MARGIN;
        }
    };
    for block in blocks {
        match block {
            Block::Kicker(text) => {
                need(&mut pages, &mut y, 16.0);
                y += 10.0;
                let ops = current(&mut pages);
                fonts.place(ops, text, (start, y), 9.0, false, rtl);
                y += 10.0;
            }
            Block::Title(text) => {
                need(&mut pages, &mut y, 30.0);
                y += 20.0;
                let ops = current(&mut pages);
                fonts.place(ops, text, (start, y), 18.0, true, rtl);
                y += 16.0;
                ops.push(Op::Rule { x: MARGIN, y, w: width });
                y += 14.0;
            }
            Block::Facts(facts) => {
                let label_w = 150.0;
                for (k, v) in facts {
                    let lines = fonts.wrap(v, width - label_w, BODY, rtl);
                    let height = 15.0 * lines.len().max(1) as f32;
                    need(&mut pages, &mut y, height);
                    y += 12.0;
                    let ops = current(&mut pages);
                    fonts.place(ops, k, (start, y), 9.0, true, rtl);
                    for (i, line) in lines.iter().enumerate() {
                        fonts.place(ops, line, (inward(start, label_w), y + i as f32 * 14.0), BODY, false, rtl);
                    }
                    y += height - 12.0 + 3.0;
                }
                y += 10.0;
            }
            Block::Table { header, rows } => {
                let amount_w = 130.0;
                let row = |pages: &mut Vec<Vec<Op>>, y: &mut f32, label: &str, amount: &str, bold: bool, indent: bool, rule: bool| {
                    let lines = fonts.wrap(label, width - amount_w - if indent { 18.0 } else { 0.0 }, BODY, rtl);
                    let height = 6.0 + 14.0 * lines.len().max(1) as f32;
                    need(pages, y, height);
                    let ops = current(pages);
                    if rule {
                        ops.push(Op::Rule { x: MARGIN, y: *y, w: width });
                    }
                    *y += 14.0;
                    let x = inward(start, if indent { 18.0 } else { 0.0 });
                    for (i, line) in lines.iter().enumerate() {
                        fonts.place(ops, line, (x, *y + i as f32 * 14.0), BODY, bold, rtl);
                    }
                    // The amount ends at the column's end edge.
                    let w = fonts.line_width(amount, BODY, bold, false);
                    let ax = if rtl { end } else { end - w };
                    fonts.place(ops, amount, (ax, *y), BODY, bold, false);
                    *y += height - 14.0;
                };
                row(&mut pages, &mut y, &header.0, &header.1, true, false, false);
                for r in rows {
                    row(&mut pages, &mut y, &r.label, &r.amount, r.strong, r.indent, true);
                }
                y += 12.0;
            }
            Block::Note(text) => {
                let lines = fonts.wrap(text, width, BODY, rtl);
                need(&mut pages, &mut y, 14.0 * lines.len() as f32 + 8.0);
                y += 8.0;
                let ops = current(&mut pages);
                for line in &lines {
                    y += 14.0;
                    fonts.place(ops, line, (start, y), BODY, false, rtl);
                }
                y += 6.0;
            }
        }
    }
    pages
}

/// The PDF of `blocks`, in the setting's language and direction.
pub fn render(fonts: &Fonts, setting: &Setting<'_>, blocks: &[Block]) -> Result<Vec<u8>, String> {
    let pages = layout(fonts, setting.rtl, blocks);
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new().title(setting.title.to_owned()).language(setting.lang.to_owned()),
    );
    let ink = Fill { paint: rgb::Color::new(29, 35, 45).into(), opacity: NormalizedF32::ONE, rule: Default::default() };
    for ops in pages {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("no such page size")?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text(run) => {
                    surface.set_fill(Some(ink.clone()));
                    surface.set_stroke(None);
                    let direction = if run.rtl { TextDirection::RightToLeft } else { TextDirection::LeftToRight };
                    let font = fonts.face(run.face).font.clone();
                    surface.draw_text(Point::from_xy(run.x, run.y), font, run.size, &run.text, false, direction);
                }
                Op::Rule { x, y, w } => {
                    let mut path = PathBuilder::new();
                    path.move_to(x, y);
                    path.line_to(x + w, y);
                    let Some(path) = path.finish() else { continue };
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        paint: rgb::Color::new(200, 205, 212).into(),
                        width: 0.6,
                        ..Default::default()
                    }));
                    surface.draw_path(&path);
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| format!("the PDF could not be written: {e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fonts the test command installs (`scripts/test`): their absence fails the test.
    fn fonts() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| {
            let dir = std::env::var_os("POP_FONT_DIR").map(PathBuf::from);
            Fonts::load(dir.as_deref()).unwrap_or_else(|e| panic!("{e}"))
        })
    }

    #[test]
    fn characters_take_the_face_of_their_script_and_neutrals_their_neighbours() {
        assert_eq!(script_face('ب'), Some(FaceKind::Arabic));
        assert_eq!(script_face('赞'), Some(FaceKind::Cjk));
        assert_eq!(script_face('é'), Some(FaceKind::Text));
        assert_eq!(script_face('7'), None);
        assert_eq!(script_face(' '), None);
    }

    #[test]
    fn a_right_to_left_line_keeps_its_numbers_left_to_right_and_ends_at_the_start_edge() {
        let f = fonts();
        // "Total: 36,400 CHF" in Arabic: the Arabic word right, the amount left of it, LTR.
        let runs = f.runs("المجموع 36,400 CHF", BODY, false, true);
        let texts: Vec<(&str, bool)> = runs.iter().map(|r| (r.2.as_str(), r.1)).collect();
        assert_eq!(texts.last().map(|t| t.1), Some(true), "the Arabic word is the rightmost run: {texts:?}");
        let number = runs.iter().find(|r| r.2.contains("36,400")).unwrap();
        assert!(!number.1, "numbers read left to right: {texts:?}");
        assert_eq!(runs.iter().find(|r| r.2.contains("المجموع")).unwrap().0, FaceKind::Arabic);
        let mut ops = Vec::new();
        f.place(&mut ops, "المجموع 36,400 CHF", (500.0, 100.0), BODY, false, true);
        let right = ops
            .iter()
            .filter_map(|o| match o {
                Op::Text(r) => Some(r.x + f.width(r.face, r.size, r.rtl, &r.text)),
                Op::Rule { .. } => None,
            })
            .fold(0.0_f32, f32::max);
        assert!((right - 500.0).abs() < 0.01, "{right}");
    }

    #[test]
    fn signs_the_arabic_face_lacks_come_from_the_latin_face_and_controls_are_not_drawn() {
        let f = fonts();
        let runs = f.runs("حفل الاستقبال — السعر \u{2066}−5 %\u{2069}", BODY, false, true);
        let dash = runs.iter().find(|r| r.2.contains('—')).unwrap();
        assert_eq!(dash.0, FaceKind::Text, "{runs:?}");
        assert!(runs.iter().all(|r| !r.2.chars().any(is_bidi_control)), "{runs:?}");
        let rate = runs.iter().find(|r| r.2.contains('5')).unwrap();
        assert!(!rate.1, "the isolated rate reads left to right: {runs:?}");
        let minus = runs.iter().find(|r| r.2.contains('−')).unwrap();
        assert!(minus.0 != FaceKind::Arabic, "a face that has the minus sign: {runs:?}");
        let parsed = rustybuzz::Face::from_slice(&f.face(minus.0).data, f.face(minus.0).index).unwrap();
        assert!(parsed.glyph_index('−').is_some());
    }

    #[test]
    fn long_text_wraps_within_the_column_and_a_long_table_takes_more_pages() {
        let f = fonts();
        let note = "Ce devis est indicatif et n'est pas une facture : le personnel de l'agence vous contactera.";
        for line in f.wrap(note, 200.0, BODY, false) {
            assert!(f.line_width(&line, BODY, false, false) <= 200.0, "{line}");
        }
        assert!(f.wrap("本报价仅供参考，并非账单：本机构工作人员将与您联系确认。", 100.0, BODY, false).len() > 2);
        let rows = (0..80)
            .map(|i| Row { label: format!("Activity {i}"), amount: "CHF 1,000".into(), strong: false, indent: false })
            .collect();
        let pages = layout(f, false, &[Block::Table { header: ("Line".into(), "Amount".into()), rows }]);
        assert!(pages.len() >= 2);
        let pdf = render(f, &Setting { lang: "en", rtl: false, title: "Quote" }, &[Block::Title("Quote".into())]).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
