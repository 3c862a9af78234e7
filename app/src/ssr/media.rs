//! The media store: files kept under a content-addressed key (the SHA-256 of their bytes).
//! A local folder now; the interface leaves room for object storage.
use crate::domain::media::{HEAD_LEN, TAIL_LEN};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

#[derive(Clone, Debug)]
pub struct MediaStore {
    root: PathBuf,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredBlob {
    pub key: String,
    pub size: i64,
}

impl MediaStore {
    pub fn local(root: impl Into<PathBuf>) -> Self {
        MediaStore { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Stores `bytes` and returns their key. Storing the same bytes twice keeps one file.
    pub async fn put(&self, bytes: &[u8]) -> std::io::Result<StoredBlob> {
        let mut upload = self.begin().await?;
        upload.write(bytes).await?;
        upload.finish().await
    }

    /// Starts storing a file that arrives in pieces. It is written aside and only gets its
    /// key (and becomes readable) at `finish`; dropped unfinished, it leaves nothing behind.
    pub async fn begin(&self) -> std::io::Result<Upload> {
        let incoming = self.root.join("incoming");
        tokio::fs::create_dir_all(&incoming).await?;
        let path = incoming.join(format!("{}.partial", crate::ssr::auth::new_token()));
        let file = tokio::fs::File::create(&path).await?;
        Ok(Upload { store: self.clone(), file, path, hasher: Sha256::new(), size: 0, head: Vec::new(), done: false })
    }

    /// Where a key lives; `None` for anything that is not a key (so no path can escape).
    pub fn path_of(&self, key: &str) -> Option<PathBuf> {
        let valid = key.len() == 64 && key.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        valid.then(|| self.root.join(&key[..2]).join(key))
    }
}

/// A file being stored: hashed and counted as it is written.
pub struct Upload {
    store: MediaStore,
    file: tokio::fs::File,
    path: PathBuf,
    hasher: Sha256,
    size: u64,
    head: Vec<u8>,
    done: bool,
}

impl Upload {
    pub async fn write(&mut self, chunk: &[u8]) -> std::io::Result<()> {
        use tokio::io::AsyncWriteExt;
        let wanted = HEAD_LEN.saturating_sub(self.head.len()).min(chunk.len());
        self.head.extend_from_slice(&chunk[..wanted]);
        self.hasher.update(chunk);
        self.size += chunk.len() as u64;
        self.file.write_all(chunk).await
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
    pub async fn tail(&mut self) -> std::io::Result<Vec<u8>> {
        use tokio::io::{AsyncReadExt, AsyncSeekExt, AsyncWriteExt};
        self.file.flush().await?;
        let mut file = tokio::fs::File::open(&self.path).await?;
        let len = TAIL_LEN.min(usize::try_from(self.size).unwrap_or(usize::MAX));
        file.seek(std::io::SeekFrom::End(-(len as i64))).await?;
        let mut tail = vec![0; len];
        file.read_exact(&mut tail).await?;
        Ok(tail)
    }

    /// Makes the file readable under its key.
    pub async fn finish(mut self) -> std::io::Result<StoredBlob> {
        use tokio::io::AsyncWriteExt;
        self.file.flush().await?;
        self.file.sync_all().await?;
        let key = hex(&std::mem::take(&mut self.hasher).finalize());
        let size = i64::try_from(self.size).map_err(std::io::Error::other)?;
        let path = self.store.path_of(&key).ok_or_else(|| std::io::Error::other("bad key"))?;
        if tokio::fs::metadata(&path).await.is_err() {
            let dir = path.parent().ok_or_else(|| std::io::Error::other("no parent"))?;
            tokio::fs::create_dir_all(dir).await?;
            // A rename within one file system: a reader never sees half a file.
            tokio::fs::rename(&self.path, &path).await?;
        }
        Ok(StoredBlob { key, size })
    }
}

impl Drop for Upload {
    fn drop(&mut self) {
        if !self.done {
            // Gone already after a rename; otherwise an abandoned upload.
            let _ = std::fs::remove_file(&self.path);
        }
        self.done = true;
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_same_bytes_get_the_same_key_and_one_file() {
        let root = std::env::temp_dir().join(format!("pop-media-{}", std::process::id()));
        let store = MediaStore::local(&root);
        let a = store.put(b"hello").await.unwrap();
        let b = store.put(b"hello").await.unwrap();
        assert_eq!(a, b);
        assert_eq!(a.key, "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assert_eq!(std::fs::read(store.path_of(&a.key).unwrap()).unwrap(), b"hello");
        std::fs::remove_dir_all(root).unwrap();
    }

    #[tokio::test]
    async fn an_upload_in_pieces_is_hashed_whole_and_an_abandoned_one_leaves_nothing() {
        let root = std::env::temp_dir().join(format!("pop-upload-{}", std::process::id()));
        let store = MediaStore::local(&root);
        let mut upload = store.begin().await.unwrap();
        upload.write(b"hel").await.unwrap();
        upload.write(b"lo").await.unwrap();
        assert_eq!(upload.head(), b"hello");
        assert_eq!(upload.tail().await.unwrap(), b"hello");
        assert_eq!(upload.size(), 5);
        let blob = upload.finish().await.unwrap();
        assert_eq!(blob, store.put(b"hello").await.unwrap());
        let mut abandoned = store.begin().await.unwrap();
        abandoned.write(b"half a file").await.unwrap();
        drop(abandoned);
        assert_eq!(std::fs::read_dir(root.join("incoming")).unwrap().count(), 0);
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn only_keys_map_to_paths() {
        let store = MediaStore::local("/m");
        assert!(store.path_of("../etc/passwd").is_none());
        assert!(store.path_of(&"A".repeat(64)).is_none());
        assert!(store.path_of(&"a".repeat(63)).is_none());
        assert_eq!(store.path_of(&"a".repeat(64)).unwrap(), PathBuf::from("/m/aa").join("a".repeat(64)));
    }
}
