//! Media that staff attach to a concept: what each kind may hold, how a file's type is told
//! from its first and last bytes (never from its name), and the size limits.
use crate::error::FieldCode;
use serde::{Deserialize, Serialize};

/// What a medium is for on the concept page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MediaKind {
    ConceptNote,
    Slides,
    Video,
    Brochure,
    Captions,
    Poster,
}

impl MediaKind {
    pub const ALL: [MediaKind; 6] = [
        MediaKind::ConceptNote,
        MediaKind::Slides,
        MediaKind::Video,
        MediaKind::Brochure,
        MediaKind::Captions,
        MediaKind::Poster,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MediaKind::ConceptNote => "concept_note",
            MediaKind::Slides => "slides",
            MediaKind::Video => "video",
            MediaKind::Brochure => "brochure",
            MediaKind::Captions => "captions",
            MediaKind::Poster => "poster",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The file types this kind accepts.
    pub fn accepts(self) -> &'static [FileType] {
        use FileType::*;
        match self {
            MediaKind::ConceptNote => &[Pdf],
            MediaKind::Slides => &[Pdf, Pptx, Odp],
            MediaKind::Video => &[Mp4, WebM],
            MediaKind::Brochure => &[Pdf, Png, Jpeg, WebP],
            MediaKind::Captions => &[Vtt],
            MediaKind::Poster => &[Png, Jpeg, WebP],
        }
    }

    /// The `accept` attribute of a file input for this kind.
    pub fn accept_attribute(self) -> String {
        self.accepts().iter().flat_map(|t| t.extensions().iter().map(|e| format!(".{e}"))).collect::<Vec<_>>().join(",")
    }
}

/// A file type recognised from its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FileType {
    Pdf,
    Pptx,
    Odp,
    Mp4,
    WebM,
    Vtt,
    Png,
    Jpeg,
    WebP,
}

/// Which size limit applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeClass {
    Document,
    Video,
    Image,
    Captions,
}

impl FileType {
    pub fn content_type(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            FileType::Odp => "application/vnd.oasis.opendocument.presentation",
            FileType::Mp4 => "video/mp4",
            FileType::WebM => "video/webm",
            FileType::Vtt => "text/vtt; charset=utf-8",
            FileType::Png => "image/png",
            FileType::Jpeg => "image/jpeg",
            FileType::WebP => "image/webp",
        }
    }

    /// File name extensions, the usual one first.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            FileType::Pdf => &["pdf"],
            FileType::Pptx => &["pptx"],
            FileType::Odp => &["odp"],
            FileType::Mp4 => &["mp4", "m4v"],
            FileType::WebM => &["webm"],
            FileType::Vtt => &["vtt"],
            FileType::Png => &["png"],
            FileType::Jpeg => &["jpg", "jpeg"],
            FileType::WebP => &["webp"],
        }
    }

    /// A short name staff recognise ("PDF", "MP4 video").
    pub fn label(self) -> &'static str {
        match self {
            FileType::Pdf => "PDF",
            FileType::Pptx => "PowerPoint (PPTX)",
            FileType::Odp => "OpenDocument (ODP)",
            FileType::Mp4 => "MP4",
            FileType::WebM => "WebM",
            FileType::Vtt => "WebVTT",
            FileType::Png => "PNG",
            FileType::Jpeg => "JPEG",
            FileType::WebP => "WebP",
        }
    }

    pub fn size_class(self) -> SizeClass {
        match self {
            FileType::Pdf | FileType::Pptx | FileType::Odp => SizeClass::Document,
            FileType::Mp4 | FileType::WebM => SizeClass::Video,
            FileType::Png | FileType::Jpeg | FileType::WebP => SizeClass::Image,
            FileType::Vtt => SizeClass::Captions,
        }
    }

    /// The type a file name's extension claims, if it is one of ours.
    pub fn from_name(name: &str) -> Option<FileType> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        ALL_TYPES.into_iter().find(|t| t.extensions().contains(&ext.as_str()))
    }
}

const ALL_TYPES: [FileType; 9] = [
    FileType::Pdf,
    FileType::Pptx,
    FileType::Odp,
    FileType::Mp4,
    FileType::WebM,
    FileType::Vtt,
    FileType::Png,
    FileType::Jpeg,
    FileType::WebP,
];

/// How many leading bytes `sniff` needs to see.
pub const HEAD_LEN: usize = 4096;
/// How many trailing bytes `sniff` needs to see (a ZIP's central directory lists its parts).
pub const TAIL_LEN: usize = 256 * 1024;

/// The type of a file from its first bytes (`head`, up to `HEAD_LEN`) and last bytes
/// (`tail`, up to `TAIL_LEN`); `None` for anything else (executables, archives, HTML…).
pub fn sniff(head: &[u8], tail: &[u8]) -> Option<FileType> {
    let starts = |magic: &[u8]| head.starts_with(magic);
    if starts(b"%PDF-") {
        Some(FileType::Pdf)
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        Some(FileType::Png)
    } else if starts(b"\xff\xd8\xff") {
        Some(FileType::Jpeg)
    } else if starts(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        Some(FileType::WebP)
    } else if head.get(4..8) == Some(b"ftyp") {
        Some(FileType::Mp4)
    } else if starts(b"\x1a\x45\xdf\xa3") && contains(&head[..head.len().min(64)], b"webm") {
        Some(FileType::WebM)
    } else if starts(b"PK\x03\x04") {
        // OpenDocument stores its type uncompressed as the first part; OOXML lists its
        // parts in the central directory at the end.
        if head.get(30..38) == Some(b"mimetype") && contains(head, b"application/vnd.oasis.opendocument.presentation") {
            Some(FileType::Odp)
        } else if contains(tail, b"ppt/presentation.xml") && contains(tail, b"[Content_Types].xml") {
            Some(FileType::Pptx)
        } else {
            None
        }
    } else if is_vtt(head) {
        Some(FileType::Vtt)
    } else {
        None
    }
}

/// WebVTT: an optional byte-order mark, `WEBVTT`, then a space, tab or line end.
fn is_vtt(head: &[u8]) -> bool {
    let text = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    text.strip_prefix(b"WEBVTT").is_some_and(|rest| matches!(rest.first(), None | Some(b' ' | b'\t' | b'\n' | b'\r')))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Why a file was refused; the code is translated next to the file field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not a type we recognise at all.
    Unknown,
    /// A type we know, but not one this kind holds (a PDF as a video).
    WrongKind(FileType),
    /// The name claims one type and the content is another (a PDF named `.mp4`).
    NameMismatch(FileType),
    TooLarge,
    Empty,
}

impl Refusal {
    pub fn code(self) -> FieldCode {
        match self {
            Refusal::Unknown => FieldCode::FileTypeUnknown,
            Refusal::WrongKind(_) => FieldCode::FileTypeWrong,
            Refusal::NameMismatch(_) => FieldCode::FileNameMismatch,
            Refusal::TooLarge => FieldCode::TooLarge,
            Refusal::Empty => FieldCode::Empty,
        }
    }
}

/// Checks a sniffed type against the kind and the name it came with.
pub fn check(kind: MediaKind, sniffed: Option<FileType>, name: &str) -> Result<FileType, Refusal> {
    let found = sniffed.ok_or(Refusal::Unknown)?;
    if !kind.accepts().contains(&found) {
        return Err(Refusal::WrongKind(found));
    }
    match FileType::from_name(name) {
        Some(claimed) if claimed != found => Err(Refusal::NameMismatch(found)),
        _ => Ok(found),
    }
}

/// Largest accepted file per size class, in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    pub document: u64,
    pub video: u64,
    pub image: u64,
    pub captions: u64,
}

pub const MIB: u64 = 1024 * 1024;

impl Default for Limits {
    fn default() -> Self {
        Limits { document: 25 * MIB, video: 500 * MIB, image: 10 * MIB, captions: MIB }
    }
}

impl Limits {
    pub fn of(&self, class: SizeClass) -> u64 {
        match class {
            SizeClass::Document => self.document,
            SizeClass::Video => self.video,
            SizeClass::Image => self.image,
            SizeClass::Captions => self.captions,
        }
    }

    /// The most a file of this kind may be before its type is known.
    pub fn for_kind(&self, kind: MediaKind) -> u64 {
        kind.accepts().iter().map(|t| self.of(t.size_class())).max().unwrap_or(0)
    }
}

/// A medium as the editor lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediumItem {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub locale: Option<String>,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub byte_size: Option<i64>,
    /// Where the stored file is served (staff may open files of unpublished concepts).
    pub url: Option<String>,
    pub external_url: Option<String>,
}

/// A medium's title: trimmed, no control characters, 1 to 200 characters.
pub fn parse_title(raw: &str) -> Result<String, FieldCode> {
    let clean: String = raw.chars().filter(|c| !c.is_control()).collect::<String>().trim().to_owned();
    match clean.chars().count() {
        0 => Err(FieldCode::Required),
        n if n > 200 => Err(FieldCode::TooLong),
        _ => Ok(clean),
    }
}

/// A file name to keep and offer for download: its last path segment, no control
/// characters, at most 200 characters, never empty.
pub fn clean_file_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or(raw);
    let clean: String = last.chars().filter(|c| !c.is_control()).take(200).collect();
    let clean = clean.trim().trim_start_matches('.').to_owned();
    if clean.is_empty() { "file".into() } else { clean }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_with(first: &str, first_content: &str, central: &[&str]) -> (Vec<u8>, Vec<u8>) {
        let mut head = b"PK\x03\x04".to_vec();
        head.extend([0u8; 22]);
        head.extend((first.len() as u16).to_le_bytes());
        head.extend([0u8; 2]);
        head.extend(first.as_bytes());
        head.extend(first_content.as_bytes());
        let mut tail = Vec::new();
        for name in central {
            tail.extend(b"PK\x01\x02");
            tail.extend(name.as_bytes());
        }
        (head, tail)
    }

    #[test]
    fn types_are_told_from_content() {
        assert_eq!(sniff(b"%PDF-1.7\n", b""), Some(FileType::Pdf));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n....", b""), Some(FileType::Png));
        assert_eq!(sniff(b"\xff\xd8\xff\xe0..JFIF", b""), Some(FileType::Jpeg));
        assert_eq!(sniff(b"RIFF\x10\0\0\0WEBPVP8 ", b""), Some(FileType::WebP));
        assert_eq!(sniff(b"\0\0\0\x20ftypisom\0\0\x02\0", b""), Some(FileType::Mp4));
        assert_eq!(sniff(b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm", b""), Some(FileType::WebM));
        assert_eq!(sniff(b"WEBVTT\n\n00:00.000 --> 00:01.000\nHi", b""), Some(FileType::Vtt));
        assert_eq!(sniff(b"\xef\xbb\xbfWEBVTT - captions\n", b""), Some(FileType::Vtt));
        let (head, tail) =
            zip_with("mimetype", "application/vnd.oasis.opendocument.presentation", &["mimetype", "content.xml"]);
        assert_eq!(sniff(&head, &tail), Some(FileType::Odp));
        let (head, tail) = zip_with("[Content_Types].xml", "<?xml", &["[Content_Types].xml", "ppt/presentation.xml"]);
        assert_eq!(sniff(&head, &tail), Some(FileType::Pptx));
    }

    #[test]
    fn anything_else_is_unknown() {
        for bad in [
            &b"MZ\x90\0\x03\0\0\0"[..],
            b"\x7fELF\x02\x01\x01",
            b"<!DOCTYPE html><script>alert(1)</script>",
            b"WEBVTTX",
            b"#!/bin/sh\nrm -rf /",
            b"",
            b"\x1a\x45\xdf\xa3matroska",
        ] {
            assert_eq!(sniff(bad, b""), None, "{bad:?}");
        }
        // A word document is a ZIP too, but not slides.
        let (head, tail) = zip_with("[Content_Types].xml", "<?xml", &["[Content_Types].xml", "word/document.xml"]);
        assert_eq!(sniff(&head, &tail), None);
    }

    #[test]
    fn kind_and_name_must_agree_with_the_content() {
        use MediaKind::*;
        assert_eq!(check(ConceptNote, Some(FileType::Pdf), "note.PDF"), Ok(FileType::Pdf));
        assert_eq!(check(Slides, Some(FileType::Pptx), "deck.pptx"), Ok(FileType::Pptx));
        assert_eq!(check(Video, Some(FileType::Mp4), "clip"), Ok(FileType::Mp4));
        assert_eq!(check(Video, Some(FileType::Pdf), "clip.pdf"), Err(Refusal::WrongKind(FileType::Pdf)));
        assert_eq!(check(ConceptNote, Some(FileType::Pdf), "note.mp4"), Err(Refusal::NameMismatch(FileType::Pdf)));
        assert_eq!(check(ConceptNote, None, "setup.pdf"), Err(Refusal::Unknown));
        assert_eq!(check(Poster, Some(FileType::Jpeg), "photo.jpeg"), Ok(FileType::Jpeg));
    }

    #[test]
    fn limits_follow_the_kind_until_the_type_is_known() {
        let limits = Limits::default();
        assert_eq!(limits.for_kind(MediaKind::Video), 500 * MIB);
        assert_eq!(limits.for_kind(MediaKind::ConceptNote), 25 * MIB);
        assert_eq!(limits.for_kind(MediaKind::Brochure), 25 * MIB);
        assert_eq!(limits.of(FileType::Png.size_class()), 10 * MIB);
        assert_eq!(MediaKind::Slides.accept_attribute(), ".pdf,.pptx,.odp");
    }

    #[test]
    fn titles_and_file_names_are_cleaned() {
        assert_eq!(parse_title("  Note\u{7}  "), Ok("Note".into()));
        assert_eq!(parse_title(" "), Err(FieldCode::Required));
        assert_eq!(parse_title(&"a".repeat(201)), Err(FieldCode::TooLong));
        assert_eq!(clean_file_name("C:\\Users\\x\\note.pdf"), "note.pdf");
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("..."), "file");
        assert_eq!(clean_file_name("تقرير\n.pdf"), "تقرير.pdf");
    }
}
