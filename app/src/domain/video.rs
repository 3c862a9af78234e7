//! External videos: only YouTube and Vimeo, embedded through their privacy-respecting
//! players, and only after the reader asks (nothing is requested from them before).
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalVideo {
    /// `YouTube` or `Vimeo`.
    pub host: String,
    /// The player to load in an iframe once the reader presses play.
    pub embed_url: String,
    /// The page on the host's own site.
    pub watch_url: String,
}

impl ExternalVideo {
    /// Recognises a YouTube or Vimeo address and normalises it; anything else is `None`.
    pub fn parse(url: &str) -> Option<Self> {
        let url = url.trim();
        let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        let host = host.to_ascii_lowercase();
        let host = host.strip_prefix("www.").or_else(|| host.strip_prefix("m.")).unwrap_or(&host);
        let youtube_id = match host {
            "youtube.com" | "youtube-nocookie.com" => {
                if let Some(query) = path.strip_prefix("watch?") {
                    query.split('&').find_map(|p| p.strip_prefix("v="))
                } else {
                    path.strip_prefix("embed/")
                        .or_else(|| path.strip_prefix("shorts/"))
                        .map(|p| p.split(['?', '/', '#']).next().unwrap_or(""))
                }
            }
            "youtu.be" => path.split(['?', '/', '#']).next(),
            _ => None,
        };
        if let Some(id) = youtube_id {
            let valid = id.len() == 11 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            return valid.then(|| ExternalVideo {
                host: "YouTube".into(),
                embed_url: format!("https://www.youtube-nocookie.com/embed/{id}?autoplay=1"),
                watch_url: format!("https://www.youtube.com/watch?v={id}"),
            });
        }
        let vimeo_id = match host {
            "vimeo.com" => path.split(['?', '/', '#']).next(),
            "player.vimeo.com" => path.strip_prefix("video/").map(|p| p.split(['?', '/', '#']).next().unwrap_or("")),
            _ => None,
        }?;
        let valid = !vimeo_id.is_empty() && vimeo_id.len() <= 12 && vimeo_id.bytes().all(|b| b.is_ascii_digit());
        valid.then(|| ExternalVideo {
            host: "Vimeo".into(),
            embed_url: format!("https://player.vimeo.com/video/{vimeo_id}?dnt=1&autoplay=1"),
            watch_url: format!("https://vimeo.com/{vimeo_id}"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::ExternalVideo;

    #[test]
    fn youtube_addresses_become_no_cookie_embeds() {
        for url in [
            "https://www.youtube.com/watch?v=M7lc1UVf-VE",
            "https://youtube.com/watch?feature=share&v=M7lc1UVf-VE",
            "https://youtu.be/M7lc1UVf-VE?t=10",
            "https://www.youtube.com/embed/M7lc1UVf-VE",
            "http://m.youtube.com/watch?v=M7lc1UVf-VE",
        ] {
            let v = ExternalVideo::parse(url).unwrap_or_else(|| panic!("{url}"));
            assert_eq!(v.embed_url, "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1");
            assert_eq!(v.watch_url, "https://www.youtube.com/watch?v=M7lc1UVf-VE");
        }
    }

    #[test]
    fn vimeo_addresses_become_do_not_track_embeds() {
        let v = ExternalVideo::parse("https://vimeo.com/76979871").unwrap();
        assert_eq!(v.embed_url, "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1");
        assert_eq!(ExternalVideo::parse("https://player.vimeo.com/video/76979871").unwrap().host, "Vimeo");
    }

    #[test]
    fn anything_else_is_refused() {
        for url in [
            "",
            "javascript:alert(1)",
            "https://evil.example/watch?v=M7lc1UVf-VE",
            "https://www.youtube.com/watch?v=short",
            "https://www.youtube.com/watch?v=M7lc1UVf-V\"",
            "https://youtube.com.evil.example/watch?v=M7lc1UVf-VE",
            "https://vimeo.com/abc",
            "ftp://vimeo.com/1",
        ] {
            assert_eq!(ExternalVideo::parse(url), None, "{url}");
        }
    }
}
