//! The media store: files kept under a content-addressed key (the SHA-256 of their bytes),
//! in a local folder (the default) or in S3-compatible object storage. Both are reached
//! through one `object_store` interface, so uploads stream, ranges are read and unfinished
//! uploads are cleaned up the same way on either.
use crate::domain::media::{HEAD_LEN, TAIL_LEN};
use crate::ssr::config::{Config, S3Settings};
use bytes::Bytes;
use futures_util::stream::{BoxStream, StreamExt, TryStreamExt};
use object_store::path::Path as ObjectPath;
use object_store::{GetOptions, GetRange, GetResultPayload, ObjectStore, ObjectStoreExt, WriteMultipart};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::io;
use std::ops::Range;
use std::sync::Arc;
use std::time::Duration;

/// Uploads go to object storage in parts of this size (S3's smallest but for the last).
const PART_SIZE: usize = 5 * 1024 * 1024;
/// Parts of one upload in flight at once: memory held is about `PART_SIZE` times this, plus one.
const PARTS_IN_FLIGHT: usize = 2;
/// Bytes read from a local file at a time when a file is served.
const READ_CHUNK: usize = 64 * 1024;
/// Where uploads are written until their key is known.
const INCOMING: &str = "incoming";

#[derive(Clone)]
pub struct MediaStore {
    objects: Arc<dyn ObjectStore>,
    place: String,
}

impl std::fmt::Debug for MediaStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MediaStore({})", self.place)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredBlob {
    pub key: String,
    pub size: i64,
}

/// Part of a stored file being read: the `range` of its bytes, as a stream.
pub struct Reading {
    pub range: Range<u64>,
    pub body: BoxStream<'static, io::Result<Bytes>>,
}

impl MediaStore {
    /// The store that `config` names: object storage when it has S3 settings, else its folder.
    pub fn from_config(config: &Config) -> io::Result<Self> {
        match &config.s3 {
            Some(s3) => Self::s3(s3),
            None => Self::local(&config.media_dir),
        }
    }

    /// Files under `root`, a folder created if missing.
    pub fn local(root: impl AsRef<std::path::Path>) -> io::Result<Self> {
        let root = root.as_ref();
        let place = format!("folder {}", root.display());
        let named = |e: io::Error| io::Error::new(e.kind(), format!("{place}: {e}"));
        std::fs::create_dir_all(root).map_err(named)?;
        let objects = object_store::local::LocalFileSystem::new_with_prefix(root).map_err(|e| named(to_io(e)))?;
        Ok(MediaStore { objects: Arc::new(objects.with_fsync(true)), place })
    }

    /// Objects in an S3-compatible bucket (which must exist), under its prefix.
    pub fn s3(settings: &S3Settings) -> io::Result<Self> {
        // TLS through ring, the process's one provider (an error only says it is set already).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = object_store::aws::AmazonS3Builder::new()
            .with_bucket_name(&settings.bucket)
            .with_region(&settings.region)
            .with_retry(object_store::RetryConfig {
                // A request for a page or a file fails after seconds, not minutes, when the
                // store is down; uploads say so and can be tried again.
                max_retries: 3,
                retry_timeout: Duration::from_secs(10),
                ..Default::default()
            })
            // No limit on a whole request (a video may stream to a slow reader for long), but
            // a store that stops answering is given up on.
            .with_client_options(
                object_store::ClientOptions::new()
                    .with_connect_timeout(Duration::from_secs(5))
                    .with_read_timeout(Duration::from_secs(30))
                    .with_timeout_disabled(),
            );
        if let Some(endpoint) = &settings.endpoint {
            builder = builder.with_endpoint(endpoint).with_allow_http(endpoint.starts_with("http://"));
        }
        if let (Some(id), Some(secret)) = (&settings.access_key_id, &settings.secret_access_key) {
            builder = builder.with_access_key_id(id).with_secret_access_key(secret);
        }
        let at = settings.endpoint.as_deref().unwrap_or("Amazon S3");
        let place = format!("bucket {}/{} at {at}", settings.bucket, settings.prefix);
        let bucket = builder.build().map_err(|e| io::Error::other(format!("{place}: {e}")))?;
        let objects: Arc<dyn ObjectStore> = if settings.prefix.is_empty() {
            Arc::new(bucket)
        } else {
            Arc::new(object_store::prefix::PrefixStore::new(bucket, settings.prefix.as_str()))
        };
        Ok(MediaStore { objects, place })
    }

    /// Where the files are, for people: a folder, or a bucket and its server.
    pub fn place(&self) -> &str {
        &self.place
    }

    /// Whether `key` is one (64 lowercase hex digits); nothing else ever names a file.
    pub fn is_key(key: &str) -> bool {
        key.len() == 64 && key.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    }

    /// Stores `bytes` and returns their key. Storing the same bytes twice keeps one file.
    pub async fn put(&self, bytes: &[u8]) -> io::Result<StoredBlob> {
        let mut upload = self.begin().await?;
        upload.write(bytes).await?;
        upload.finish().await
    }

    /// Starts storing a file that arrives in pieces. It is written aside and only gets its
    /// key (and becomes readable) at `finish`; dropped unfinished, it leaves nothing behind.
    pub async fn begin(&self) -> io::Result<Upload> {
        let aside = ObjectPath::from(format!("{INCOMING}/{}", crate::ssr::infra::random::new_token()));
        let parts = self.objects.put_multipart(&aside).await.map_err(to_io)?;
        Ok(Upload {
            store: self.clone(),
            aside,
            stage: Stage::Writing(WriteMultipart::new_with_chunk_size(parts, PART_SIZE)),
            hasher: Sha256::new(),
            size: 0,
            head: Vec::new(),
            tail: Vec::new(),
        })
    }

    /// Reads `range` of the file under `key` (all of it when `None`); `None` when there is
    /// no such file. The range must lie within the file.
    pub async fn read(&self, key: &str, range: Option<Range<u64>>) -> io::Result<Option<Reading>> {
        let Some(path) = object_path(key) else { return Ok(None) };
        let options = GetOptions { range: range.map(GetRange::Bounded), ..Default::default() };
        let found = match self.objects.get_opts(&path, options).await {
            Ok(found) => found,
            Err(object_store::Error::NotFound { .. }) => return Ok(None),
            Err(e) => return Err(to_io(e)),
        };
        let range = found.range.clone();
        let body = match found.payload {
            // A local file is read in large chunks straight from the open file.
            GetResultPayload::File(file, _) => {
                use tokio::io::{AsyncReadExt, AsyncSeekExt};
                let mut file = tokio::fs::File::from_std(file);
                file.seek(io::SeekFrom::Start(range.start)).await?;
                tokio_util::io::ReaderStream::with_capacity(file.take(range.end - range.start), READ_CHUNK).boxed()
            }
            GetResultPayload::Stream(stream) => stream.map_err(to_io).boxed(),
        };
        Ok(Some(Reading { range, body }))
    }

    /// The whole file under `key`, for small files (and tests); `None` when there is none.
    pub async fn bytes(&self, key: &str) -> io::Result<Option<Vec<u8>>> {
        let Some(reading) = self.read(key, None).await? else { return Ok(None) };
        let chunks: Vec<Bytes> = reading.body.try_collect().await?;
        Ok(Some(chunks.concat()))
    }

    /// The size of the file under `key`, `None` when there is none.
    pub async fn size(&self, key: &str) -> io::Result<Option<u64>> {
        let Some(path) = object_path(key) else { return Ok(None) };
        match self.objects.head(&path).await {
            Ok(meta) => Ok(Some(meta.size)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(to_io(e)),
        }
    }

    /// Counts what the store holds (a listing of every object: for checks and tests).
    pub async fn census(&self) -> io::Result<Census> {
        let mut census = Census::default();
        let mut listing = self.objects.list(None);
        while let Some(meta) = listing.try_next().await.map_err(to_io)? {
            match Held::of(&meta.location) {
                Held::Incoming => census.incoming += 1,
                Held::Key(_) | Held::Other => census.stored += 1,
            }
        }
        Ok(census)
    }

    /// Writes, reads back and removes a small probe: what `doctor` reports.
    pub async fn check(&self) -> Result<String, String> {
        let probe = ObjectPath::from(format!("{INCOMING}/probe-{}", crate::ssr::infra::random::new_token()));
        let fail = |what: &str, e: object_store::Error| format!("{}: cannot {what}: {e}", self.place);
        self.objects.put(&probe, Bytes::from_static(b"probe").into()).await.map_err(|e| fail("write", e))?;
        let read = self.objects.get(&probe).await.map_err(|e| fail("read", e))?.bytes().await;
        let read = read.map_err(|e| fail("read", e))?;
        self.objects.delete(&probe).await.map_err(|e| fail("delete", e))?;
        if read.as_ref() == b"probe" {
            Ok(format!("{} can be written, read and cleaned", self.place))
        } else {
            Err(format!("{}: a file written came back different", self.place))
        }
    }

    /// Removes the files no medium refers to (`in_use` holds the keys that are) and uploads
    /// left aside by a crash, once they are older than `grace_seconds`: a finished upload is
    /// stored a moment before its medium is recorded, and must not be taken in between.
    /// Anything that is not a key in its place is left alone.
    pub async fn sweep(&self, in_use: &HashSet<String>, grace_seconds: i64, now: i64) -> io::Result<Swept> {
        let mut swept = Swept::default();
        let mut doomed = Vec::new();
        let mut listing = self.objects.list(None);
        while let Some(meta) = listing.try_next().await.map_err(to_io)? {
            let old = meta.last_modified.timestamp() <= now - grace_seconds;
            match Held::of(&meta.location) {
                Held::Incoming if old => swept.abandoned += 1,
                Held::Incoming => continue,
                Held::Key(key) if old && !in_use.contains(key) => swept.unreferenced += 1,
                Held::Key(_) | Held::Other => {
                    swept.kept += 1;
                    continue;
                }
            }
            doomed.push(meta.location);
        }
        drop(listing);
        for path in doomed {
            match self.objects.delete(&path).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
                Err(e) => return Err(to_io(e)),
            }
        }
        Ok(swept)
    }
}

/// What a store holds: finished files, and uploads under way (or abandoned by a crash).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Census {
    pub stored: usize,
    pub incoming: usize,
}

/// What a sweep did: files no medium refers to and uploads left aside, removed; files kept.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub unreferenced: usize,
    pub abandoned: usize,
    pub kept: usize,
}

/// What an object of the store is, by where it lies.
enum Held<'a> {
    /// An upload aside, under `incoming/`.
    Incoming,
    /// A file under its key, in its place.
    Key(&'a str),
    /// Anything else (never touched).
    Other,
}

impl<'a> Held<'a> {
    fn of(location: &'a ObjectPath) -> Self {
        let name = location.filename().unwrap_or_default();
        if location.prefix_matches(&ObjectPath::from(INCOMING)) {
            Held::Incoming
        } else if object_path(name).as_ref() == Some(location) {
            Held::Key(name)
        } else {
            Held::Other
        }
    }
}

/// Where the file of a key lives: `ab/abcd…`; `None` for anything that is not a key.
fn object_path(key: &str) -> Option<ObjectPath> {
    MediaStore::is_key(key).then(|| ObjectPath::from(format!("{}/{key}", &key[..2])))
}

fn to_io(error: object_store::Error) -> io::Error {
    io::Error::other(error)
}

/// A file being stored: hashed and counted as it is written.
pub struct Upload {
    store: MediaStore,
    aside: ObjectPath,
    stage: Stage,
    hasher: Sha256,
    size: u64,
    head: Vec<u8>,
    /// The last bytes written: at least `TAIL_LEN` of them when there are so many.
    tail: Vec<u8>,
}

enum Stage {
    /// Parts going to the store.
    Writing(WriteMultipart),
    /// Whole, aside, not yet under its key.
    Written,
    /// Under its key (or given up and cleaned).
    Done,
}

impl Upload {
    pub async fn write(&mut self, chunk: &[u8]) -> io::Result<()> {
        let Stage::Writing(parts) = &mut self.stage else {
            return Err(io::Error::other("the upload is finished"));
        };
        parts.wait_for_capacity(PARTS_IN_FLIGHT).await.map_err(to_io)?;
        parts.write(chunk);
        let wanted = HEAD_LEN.saturating_sub(self.head.len()).min(chunk.len());
        self.head.extend_from_slice(&chunk[..wanted]);
        self.tail.extend_from_slice(&chunk[chunk.len().saturating_sub(TAIL_LEN)..]);
        if self.tail.len() > 2 * TAIL_LEN {
            self.tail.drain(..self.tail.len() - TAIL_LEN);
        }
        self.hasher.update(chunk);
        self.size += chunk.len() as u64;
        Ok(())
    }

    /// Bytes written so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The first bytes written (up to `HEAD_LEN`).
    pub fn head(&self) -> &[u8] {
        &self.head
    }

    /// The last bytes written (up to `TAIL_LEN`).
    pub fn tail(&self) -> &[u8] {
        &self.tail[self.tail.len().saturating_sub(TAIL_LEN)..]
    }

    /// Makes the file readable under its key.
    pub async fn finish(mut self) -> io::Result<StoredBlob> {
        let Stage::Writing(parts) = std::mem::replace(&mut self.stage, Stage::Done) else {
            return Err(io::Error::other("the upload is finished"));
        };
        // Unfinished, the parts are given back by `finish` itself.
        parts.finish().await.map_err(to_io)?;
        self.stage = Stage::Written;
        let key = hex(&std::mem::take(&mut self.hasher).finalize());
        let size = i64::try_from(self.size).map_err(io::Error::other)?;
        let path = object_path(&key).ok_or_else(|| io::Error::other("bad key"))?;
        let objects = &self.store.objects;
        match objects.head(&path).await {
            // The same bytes are stored already: one copy is enough.
            Ok(_) => objects.delete(&self.aside).await.map_err(to_io)?,
            // A rename (in S3, a copy then a delete): a reader never sees half a file.
            Err(object_store::Error::NotFound { .. }) => objects.rename(&self.aside, &path).await.map_err(to_io)?,
            Err(e) => return Err(to_io(e)),
        }
        self.stage = Stage::Done;
        Ok(StoredBlob { key, size })
    }
}

impl Drop for Upload {
    /// An abandoned upload: its parts, or its whole file aside, are removed in the background.
    fn drop(&mut self) {
        let stage = std::mem::replace(&mut self.stage, Stage::Done);
        let Ok(runtime) = tokio::runtime::Handle::try_current() else { return };
        match stage {
            Stage::Writing(parts) => {
                runtime.spawn(async move {
                    if let Err(error) = parts.abort().await {
                        tracing::warn!(%error, "an abandoned upload could not be cleaned up");
                    }
                });
            }
            Stage::Written => {
                let (objects, aside) = (self.store.objects.clone(), self.aside.clone());
                runtime.spawn(async move {
                    if let Err(error) = objects.delete(&aside).await {
                        tracing::warn!(%error, "an abandoned upload could not be cleaned up");
                    }
                });
            }
            Stage::Done => {}
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> std::path::PathBuf {
        std::env::temp_dir().join(format!("pop-{name}-{}", std::process::id()))
    }

    /// Background clean-up of an abandoned upload has had its chance.
    async fn settle(store: &MediaStore) -> Census {
        for _ in 0..50 {
            let census = store.census().await.unwrap();
            if census.incoming == 0 {
                return census;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        store.census().await.unwrap()
    }

    #[tokio::test]
    async fn the_same_bytes_get_the_same_key_and_one_file() {
        let root = folder("media");
        let store = MediaStore::local(&root).unwrap();
        let a = store.put(b"hello").await.unwrap();
        let b = store.put(b"hello").await.unwrap();
        assert_eq!(a, b);
        assert_eq!(a.key, "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assert_eq!(std::fs::read(root.join("2c").join(&a.key)).unwrap(), b"hello", "the folder layout is kept");
        assert_eq!(store.bytes(&a.key).await.unwrap().unwrap(), b"hello");
        assert_eq!(store.size(&a.key).await.unwrap(), Some(5));
        assert_eq!(settle(&store).await, Census { stored: 1, incoming: 0 });
        std::fs::remove_dir_all(root).unwrap();
    }

    #[tokio::test]
    async fn an_upload_in_pieces_is_hashed_whole_and_an_abandoned_one_leaves_nothing() {
        let root = folder("upload");
        let store = MediaStore::local(&root).unwrap();
        let mut upload = store.begin().await.unwrap();
        upload.write(b"hel").await.unwrap();
        upload.write(b"lo").await.unwrap();
        assert_eq!(upload.head(), b"hello");
        assert_eq!(upload.tail(), b"hello");
        assert_eq!(upload.size(), 5);
        let blob = upload.finish().await.unwrap();
        assert_eq!(blob, store.put(b"hello").await.unwrap());
        let mut abandoned = store.begin().await.unwrap();
        abandoned.write(&vec![7; PART_SIZE + 10]).await.unwrap();
        drop(abandoned);
        assert_eq!(settle(&store).await, Census { stored: 1, incoming: 0 });
        // The abandoned upload's staged part is removed in the background, after the store
        // stops listing it: give the folder the same second.
        let mut leftovers = usize::MAX;
        for _ in 0..50 {
            leftovers = std::fs::read_dir(root.join(INCOMING)).map(|d| d.count()).unwrap_or(0);
            if leftovers == 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert_eq!(leftovers, 0, "no staged part is left in the folder either");
        std::fs::remove_dir_all(root).unwrap();
    }

    #[tokio::test]
    async fn a_large_file_keeps_its_head_and_tail_and_reads_back_in_ranges() {
        let root = folder("large");
        let store = MediaStore::local(&root).unwrap();
        let bytes: Vec<u8> = (0..PART_SIZE * 2 + 12345).map(|i| (i % 251) as u8).collect();
        let mut upload = store.begin().await.unwrap();
        for chunk in bytes.chunks(100_000) {
            upload.write(chunk).await.unwrap();
        }
        assert_eq!(upload.head(), &bytes[..HEAD_LEN]);
        assert_eq!(upload.tail(), &bytes[bytes.len() - TAIL_LEN..]);
        let blob = upload.finish().await.unwrap();
        assert_eq!(blob.size as usize, bytes.len());
        let part = store.read(&blob.key, Some(1000..PART_SIZE as u64 + 5)).await.unwrap().unwrap();
        assert_eq!(part.range, 1000..PART_SIZE as u64 + 5);
        let chunks: Vec<Bytes> = part.body.try_collect().await.unwrap();
        assert_eq!(chunks.concat(), &bytes[1000..PART_SIZE + 5]);
        assert_eq!(store.bytes(&blob.key).await.unwrap().unwrap(), bytes);
        std::fs::remove_dir_all(root).unwrap();
    }

    #[tokio::test]
    async fn a_sweep_takes_old_unreferenced_files_and_leftovers_and_nothing_else() {
        let root = folder("sweep");
        let store = MediaStore::local(&root).unwrap();
        let kept = store.put(b"still used").await.unwrap();
        let orphan = store.put(b"replaced long ago").await.unwrap();
        std::fs::create_dir_all(root.join(INCOMING)).unwrap();
        std::fs::write(root.join(INCOMING).join("left-by-a-crash"), b"half").unwrap();
        std::fs::write(root.join("notes.txt"), b"not ours").unwrap();
        let in_use: HashSet<String> = [kept.key.clone()].into();
        let now = crate::ssr::infra::clock::now();
        // Within the grace period nothing goes, used or not.
        assert_eq!(store.sweep(&in_use, 3600, now).await.unwrap(), Swept { unreferenced: 0, abandoned: 0, kept: 3 });
        let swept = store.sweep(&in_use, 0, now + 5).await.unwrap();
        assert_eq!(swept, Swept { unreferenced: 1, abandoned: 1, kept: 2 });
        assert!(store.bytes(&orphan.key).await.unwrap().is_none());
        assert_eq!(store.bytes(&kept.key).await.unwrap().unwrap(), b"still used");
        assert!(root.join("notes.txt").exists(), "what is not a key in its place is left alone");
        std::fs::remove_dir_all(root).unwrap();
    }

    #[tokio::test]
    async fn only_keys_name_files() {
        let store = MediaStore::local(folder("keys")).unwrap();
        for key in ["../etc/passwd", &"A".repeat(64), &"a".repeat(63), &format!("../{}", "a".repeat(61))] {
            assert!(!MediaStore::is_key(key), "{key}");
            assert!(store.read(key, None).await.unwrap().is_none());
        }
        assert!(store.read(&"a".repeat(64), None).await.unwrap().is_none(), "a key with no file");
        assert!(store.check().await.is_ok());
    }
}
