//! Configuration from environment variables; every one has a documented default.
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://…` (default `sqlite://data/pop.db`) or `postgres://…`.
    pub database_url: String,
    /// `POP_MEDIA_DIR`: where uploaded media are stored (default `data/media`), unless they
    /// are kept in object storage (`s3`).
    pub media_dir: PathBuf,
    /// S3-compatible object storage for media, when `POP_S3_BUCKET` is set; see [`S3Settings`].
    pub s3: Option<S3Settings>,
    /// `POP_BODY_LIMIT`: largest request body in bytes outside uploads (default 1 MiB).
    pub body_limit: usize,
    /// `POP_SEED_DEMO`: seed demo concepts into an empty database at start (default `true`).
    pub seed_demo: bool,
    /// `POP_LOG_FORMAT`: `text` (default) or `json`.
    pub log_json: bool,
    /// `POP_PUBLIC_URL`: the address the public reaches the site at, for absolute links in the
    /// sitemap and e-mails (default `http://127.0.0.1:3000`; no trailing slash).
    pub public_url: String,
    /// `POP_SESSION_IDLE_MINUTES`: a staff session ends after this long unused (default 30).
    pub session_idle_seconds: i64,
    /// `POP_SESSION_MAX_HOURS`: a staff session ends this long after sign-in (default 12).
    pub session_max_seconds: i64,
    /// `POP_UPLOAD_DOCUMENT_MB` (25), `POP_UPLOAD_VIDEO_MB` (500), `POP_UPLOAD_IMAGE_MB` (10),
    /// `POP_UPLOAD_CAPTIONS_MB` (1): the largest file staff may upload of each sort.
    pub upload_limits: crate::domain::media::Limits,
    /// E-mail delivery; see [`MailConfig`].
    pub mail: MailConfig,
    /// `POP_METRICS_TOKEN`: `/metrics` wants `Authorization: Bearer` this token; unset, it
    /// answers only to the machine itself (loopback).
    pub metrics_token: Option<String>,
    /// `POP_IATI_ORG_REF`: the agency's IATI organisation identifier, the reporting
    /// organisation of `/iati/activities.xml` (default `XM-DAC-41303`, the model agency's).
    pub iati_org_ref: String,
    /// `POP_IATI_ORG_NAME`: its name there (default `Telecommunication Development Bureau`).
    pub iati_org_name: String,
    /// `POP_FONT_DIR`: where the Noto fonts PDFs are set in are (default: Debian's
    /// `/usr/share/fonts/truetype/noto` and `/usr/share/fonts/opentype/noto`).
    pub font_dir: Option<PathBuf>,
}

/// How e-mail leaves the platform.
#[derive(Clone, Debug)]
pub struct MailConfig {
    /// `POP_SMTP_URL`: `smtp://user:password@host:587?tls=required`, `smtps://host`, or
    /// `smtp://127.0.0.1:2525` (no TLS, for a local relay). Unset: messages are written as
    /// `.eml` files to `dir` instead, and listed on a staff page.
    pub smtp_url: Option<String>,
    /// `POP_MAIL_DIR`: where messages are written without SMTP (default `data/mail`).
    pub dir: PathBuf,
    /// `POP_MAIL_FROM`: the sender (default `Partnership Opportunities <no-reply@localhost>`).
    pub from: String,
    /// `POP_MAIL_ATTEMPTS`: tries before a message is marked failed (default 8).
    pub attempts: i64,
    /// `POP_MAIL_CONCURRENCY`: messages sent at once by each server (default 4).
    pub concurrency: usize,
    /// `POP_MAIL_RATE`: messages per second at most, per server (default 20).
    pub rate: u32,
    /// `POP_SMTP_TIMEOUT_SECONDS`: longest wait for one SMTP command (default 10).
    pub smtp_timeout_seconds: u64,
    /// `POP_MAIL_LEASE_SECONDS`: how long a worker holds a job it took; when its process
    /// dies, another takes the job after this (default 300).
    pub lease_seconds: i64,
    /// DKIM signing, when `POP_DKIM_DOMAIN`, `POP_DKIM_SELECTOR` and `POP_DKIM_KEY_FILE`
    /// are all set.
    pub dkim: Option<DkimSettings>,
}

/// Who signs: the domain (`d=`), the selector under which its public key is published in
/// DNS (`s=`), and the private key's file.
#[derive(Clone, Debug)]
pub struct DkimSettings {
    pub domain: String,
    pub selector: String,
    pub key_file: PathBuf,
}

/// Where media live in object storage, and the keys to it.
#[derive(Clone, PartialEq, Eq)]
pub struct S3Settings {
    /// `POP_S3_BUCKET`: the bucket (it must exist).
    pub bucket: String,
    /// `POP_S3_PREFIX`: a folder inside the bucket, such as `pop/media` (default: none).
    pub prefix: String,
    /// `POP_S3_ENDPOINT`: the address of an S3-compatible server (MinIO, Ceph, Garage, R2…),
    /// such as `https://s3.example.org`; unset, Amazon S3 itself. Plain `http://` is
    /// accepted for a server on the same private network.
    pub endpoint: Option<String>,
    /// `POP_S3_REGION` (default `us-east-1`).
    pub region: String,
    /// `POP_S3_ACCESS_KEY_ID` and `POP_S3_SECRET_ACCESS_KEY`, together; unset, the
    /// credentials of the machine's role (instance metadata, web identity) are used.
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<String>,
}

impl std::fmt::Debug for S3Settings {
    /// Never prints the secret key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Settings")
            .field("bucket", &self.bucket)
            .field("prefix", &self.prefix)
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .finish_non_exhaustive()
    }
}

impl Config {
    /// Cookies are `Secure` (and `__Host-`) when the public address is HTTPS.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{name} is invalid: {reason}")]
pub struct ConfigError {
    pub name: &'static str,
    pub reason: String,
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the configuration through `lookup`, so tests need not touch the environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let database_url =
            lookup("DATABASE_URL").filter(|v| !v.trim().is_empty()).unwrap_or_else(|| "sqlite://data/pop.db".into());
        let media_dir = PathBuf::from(lookup("POP_MEDIA_DIR").unwrap_or_else(|| "data/media".into()));
        let s3 = s3_settings(&lookup)?;
        let body_limit = match lookup("POP_BODY_LIMIT") {
            None => 1024 * 1024,
            Some(v) => v.trim().parse::<usize>().ok().filter(|n| *n >= 1024).ok_or_else(|| ConfigError {
                name: "POP_BODY_LIMIT",
                reason: format!("{v:?} is not a number of bytes ≥ 1024"),
            })?,
        };
        let seed_demo = parse_bool("POP_SEED_DEMO", lookup("POP_SEED_DEMO"), true)?;
        let log_json = match lookup("POP_LOG_FORMAT").as_deref().map(str::trim) {
            None | Some("" | "text") => false,
            Some("json") => true,
            Some(other) => {
                return Err(ConfigError {
                    name: "POP_LOG_FORMAT",
                    reason: format!("{other:?} is neither text nor json"),
                });
            }
        };
        let public_url = lookup("POP_PUBLIC_URL").map_or_else(
            || Ok("http://127.0.0.1:3000".to_owned()),
            |v| {
                let v = v.trim().trim_end_matches('/').to_owned();
                let ok = (v.starts_with("https://") || v.starts_with("http://"))
                    && v.len() > "https://".len()
                    && !v.contains(['"', '<', '>', '&', ' ', '?', '#']);
                if ok {
                    Ok(v)
                } else {
                    Err(ConfigError { name: "POP_PUBLIC_URL", reason: format!("{v:?} is not an http(s) address") })
                }
            },
        )?;
        let session_idle_seconds =
            60 * parse_number("POP_SESSION_IDLE_MINUTES", lookup("POP_SESSION_IDLE_MINUTES"), 30)?;
        let session_max_seconds = 3600 * parse_number("POP_SESSION_MAX_HOURS", lookup("POP_SESSION_MAX_HOURS"), 12)?;
        let mib = |name: &'static str, default: i64| -> Result<u64, ConfigError> {
            Ok(parse_number(name, lookup(name), default)?.unsigned_abs() * crate::domain::media::MIB)
        };
        let upload_limits = crate::domain::media::Limits {
            document: mib("POP_UPLOAD_DOCUMENT_MB", 25)?,
            video: mib("POP_UPLOAD_VIDEO_MB", 500)?,
            image: mib("POP_UPLOAD_IMAGE_MB", 10)?,
            captions: mib("POP_UPLOAD_CAPTIONS_MB", 1)?,
        };
        let mail = MailConfig {
            smtp_url: lookup("POP_SMTP_URL").map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()),
            dir: PathBuf::from(lookup("POP_MAIL_DIR").unwrap_or_else(|| "data/mail".into())),
            from: lookup("POP_MAIL_FROM")
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| "Partnership Opportunities <no-reply@localhost>".into()),
            attempts: parse_number("POP_MAIL_ATTEMPTS", lookup("POP_MAIL_ATTEMPTS"), 8)?,
            concurrency: usize::try_from(parse_number("POP_MAIL_CONCURRENCY", lookup("POP_MAIL_CONCURRENCY"), 4)?)
                .unwrap_or(4),
            rate: u32::try_from(parse_number("POP_MAIL_RATE", lookup("POP_MAIL_RATE"), 20)?).unwrap_or(20),
            smtp_timeout_seconds: parse_number("POP_SMTP_TIMEOUT_SECONDS", lookup("POP_SMTP_TIMEOUT_SECONDS"), 10)?
                .unsigned_abs(),
            lease_seconds: parse_number("POP_MAIL_LEASE_SECONDS", lookup("POP_MAIL_LEASE_SECONDS"), 300)?,
            dkim: dkim_settings(&lookup)?,
        };
        Ok(Config {
            database_url,
            media_dir,
            s3,
            body_limit,
            seed_demo,
            log_json,
            public_url,
            session_idle_seconds,
            session_max_seconds,
            upload_limits,
            mail,
            metrics_token: lookup("POP_METRICS_TOKEN").map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()),
            iati_org_ref: lookup("POP_IATI_ORG_REF")
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| "XM-DAC-41303".into()),
            iati_org_name: lookup("POP_IATI_ORG_NAME")
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| "Telecommunication Development Bureau".into()),
            font_dir: lookup("POP_FONT_DIR").map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()).map(PathBuf::from),
        })
    }
}

/// Object storage when `POP_S3_BUCKET` is set, each setting checked.
fn s3_settings(lookup: &impl Fn(&str) -> Option<String>) -> Result<Option<S3Settings>, ConfigError> {
    let value = |name: &str| lookup(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let Some(bucket) = value("POP_S3_BUCKET") else { return Ok(None) };
    let bucket_ok = (3..=63).contains(&bucket.len())
        && bucket.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
        && !bucket.starts_with(['-', '.'])
        && !bucket.ends_with(['-', '.']);
    if !bucket_ok {
        return Err(ConfigError {
            name: "POP_S3_BUCKET",
            reason: format!("{bucket:?} is not a bucket name (3 to 63 of a-z, 0-9, '-' and '.')"),
        });
    }
    let prefix = value("POP_S3_PREFIX").unwrap_or_default().trim_matches('/').to_owned();
    let prefix_ok = prefix.is_empty()
        || prefix.split('/').all(|part| {
            !part.is_empty()
                && part != "."
                && part != ".."
                && part.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        });
    if !prefix_ok {
        return Err(ConfigError {
            name: "POP_S3_PREFIX",
            reason: format!("{prefix:?} is not a folder path of letters, digits, '-', '_' and '.'"),
        });
    }
    let endpoint = value("POP_S3_ENDPOINT").map(|v| v.trim_end_matches('/').to_owned());
    if let Some(endpoint) = &endpoint {
        let ok = (endpoint.starts_with("https://") || endpoint.starts_with("http://"))
            && endpoint.len() > "https://".len()
            && !endpoint.contains(['"', '<', '>', ' ', '?', '#', '@']);
        if !ok {
            return Err(ConfigError {
                name: "POP_S3_ENDPOINT",
                reason: format!("{endpoint:?} is not an http(s) address"),
            });
        }
    }
    let (access_key_id, secret_access_key) = match (value("POP_S3_ACCESS_KEY_ID"), value("POP_S3_SECRET_ACCESS_KEY")) {
        (Some(id), Some(secret)) => (Some(id), Some(secret)),
        (None, None) => (None, None),
        _ => {
            return Err(ConfigError {
                name: "POP_S3_ACCESS_KEY_ID",
                reason: "POP_S3_ACCESS_KEY_ID and POP_S3_SECRET_ACCESS_KEY go together".into(),
            });
        }
    };
    Ok(Some(S3Settings {
        bucket,
        prefix,
        endpoint,
        region: value("POP_S3_REGION").unwrap_or_else(|| "us-east-1".into()),
        access_key_id,
        secret_access_key,
    }))
}

/// All three DKIM settings, or none.
fn dkim_settings(lookup: &impl Fn(&str) -> Option<String>) -> Result<Option<DkimSettings>, ConfigError> {
    let value = |name: &str| lookup(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    match (value("POP_DKIM_DOMAIN"), value("POP_DKIM_SELECTOR"), value("POP_DKIM_KEY_FILE")) {
        (None, None, None) => Ok(None),
        (Some(domain), Some(selector), Some(key_file)) => {
            Ok(Some(DkimSettings { domain, selector, key_file: PathBuf::from(key_file) }))
        }
        _ => Err(ConfigError {
            name: "POP_DKIM_DOMAIN",
            reason: "DKIM needs POP_DKIM_DOMAIN, POP_DKIM_SELECTOR and POP_DKIM_KEY_FILE together".into(),
        }),
    }
}

/// A whole number from 1 to 100,000.
fn parse_number(name: &'static str, value: Option<String>, default: i64) -> Result<i64, ConfigError> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(default),
        Some(v) => v
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=100_000).contains(n))
            .ok_or_else(|| ConfigError { name, reason: format!("{v:?} is not a whole number from 1 to 100000") }),
    }
}

fn parse_bool(name: &'static str, value: Option<String>, default: bool) -> Result<bool, ConfigError> {
    match value.as_deref().map(|v| v.trim().to_ascii_lowercase()).as_deref() {
        None | Some("") => Ok(default),
        Some("1" | "true" | "yes" | "on") => Ok(true),
        Some("0" | "false" | "no" | "off") => Ok(false),
        Some(other) => Err(ConfigError { name, reason: format!("{other:?} is not true or false") }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: HashMap<String, String> = vars.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect();
        Config::from_lookup(|k| vars.get(k).cloned())
    }

    #[test]
    fn defaults_run_on_a_local_sqlite_file() {
        let c = config(&[]).unwrap();
        assert_eq!(c.database_url, "sqlite://data/pop.db");
        assert_eq!(c.media_dir, PathBuf::from("data/media"));
        assert_eq!(c.s3, None, "media in the local folder unless object storage is configured");
        assert_eq!(c.body_limit, 1024 * 1024);
        assert!(c.seed_demo);
        assert!(!c.log_json);
        assert_eq!((c.session_idle_seconds, c.session_max_seconds), (30 * 60, 12 * 3600));
        assert!(!c.secure_cookies());
        assert_eq!(c.upload_limits, crate::domain::media::Limits::default());
    }

    #[test]
    fn bad_values_are_named_in_the_error() {
        assert_eq!(config(&[("POP_BODY_LIMIT", "lots")]).unwrap_err().name, "POP_BODY_LIMIT");
        assert_eq!(config(&[("POP_SEED_DEMO", "maybe")]).unwrap_err().name, "POP_SEED_DEMO");
        assert_eq!(config(&[("POP_LOG_FORMAT", "xml")]).unwrap_err().name, "POP_LOG_FORMAT");
        assert_eq!(config(&[("POP_PUBLIC_URL", "example.org")]).unwrap_err().name, "POP_PUBLIC_URL");
        assert_eq!(config(&[("POP_PUBLIC_URL", "https://a.org/x?y")]).unwrap_err().name, "POP_PUBLIC_URL");
        assert_eq!(
            config(&[("POP_PUBLIC_URL", "https://partners.example.org/")]).unwrap().public_url,
            "https://partners.example.org"
        );
        assert!(!config(&[("POP_SEED_DEMO", "off")]).unwrap().seed_demo);
        assert_eq!(config(&[("POP_SESSION_IDLE_MINUTES", "0")]).unwrap_err().name, "POP_SESSION_IDLE_MINUTES");
        assert_eq!(config(&[("POP_SESSION_MAX_HOURS", "soon")]).unwrap_err().name, "POP_SESSION_MAX_HOURS");
        assert!(config(&[("POP_PUBLIC_URL", "https://partners.example.org")]).unwrap().secure_cookies());
        assert_eq!(config(&[("POP_UPLOAD_VIDEO_MB", "-5")]).unwrap_err().name, "POP_UPLOAD_VIDEO_MB");
        assert_eq!(config(&[("POP_UPLOAD_VIDEO_MB", "2000")]).unwrap().upload_limits.video, 2000 * 1024 * 1024);
    }

    #[test]
    fn object_storage_is_configured_by_its_bucket_and_checked() {
        let s3 = config(&[
            ("POP_S3_BUCKET", "pop-media"),
            ("POP_S3_PREFIX", "/site/media/"),
            ("POP_S3_ENDPOINT", "http://127.0.0.1:9000/"),
            ("POP_S3_ACCESS_KEY_ID", "id"),
            ("POP_S3_SECRET_ACCESS_KEY", "very-secret"),
        ])
        .unwrap()
        .s3
        .unwrap();
        assert_eq!((s3.bucket.as_str(), s3.prefix.as_str()), ("pop-media", "site/media"));
        assert_eq!((s3.endpoint.as_deref(), s3.region.as_str()), (Some("http://127.0.0.1:9000"), "us-east-1"));
        assert!(!format!("{s3:?}").contains("very-secret"), "the secret key is never printed");
        let name = |vars: &[(&str, &str)]| config(vars).unwrap_err().name;
        assert_eq!(name(&[("POP_S3_BUCKET", "Media_Files")]), "POP_S3_BUCKET");
        assert_eq!(name(&[("POP_S3_BUCKET", "ok-bucket"), ("POP_S3_PREFIX", "a/../b")]), "POP_S3_PREFIX");
        assert_eq!(name(&[("POP_S3_BUCKET", "ok-bucket"), ("POP_S3_ENDPOINT", "s3.example.org")]), "POP_S3_ENDPOINT");
        assert_eq!(name(&[("POP_S3_BUCKET", "ok-bucket"), ("POP_S3_ACCESS_KEY_ID", "id")]), "POP_S3_ACCESS_KEY_ID");
        let role = config(&[("POP_S3_BUCKET", "ok-bucket"), ("POP_S3_REGION", "eu-west-3")]).unwrap().s3.unwrap();
        assert_eq!((role.region.as_str(), role.access_key_id, role.prefix.as_str()), ("eu-west-3", None, ""));
    }
}
