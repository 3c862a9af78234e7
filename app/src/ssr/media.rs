//! The media store: files kept under a content-addressed key (the SHA-256 of their bytes).
//! A local folder now; the interface leaves room for object storage.
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

    /// Stores `bytes` and returns their key. Storing the same bytes twice is a no-op.
    pub async fn put(&self, bytes: &[u8]) -> std::io::Result<StoredBlob> {
        let key = hex(&Sha256::digest(bytes));
        let path = self.path_of(&key).ok_or_else(|| std::io::Error::other("bad key"))?;
        let size = i64::try_from(bytes.len()).map_err(std::io::Error::other)?;
        if tokio::fs::metadata(&path).await.is_ok() {
            return Ok(StoredBlob { key, size });
        }
        let dir = path.parent().ok_or_else(|| std::io::Error::other("no parent"))?;
        tokio::fs::create_dir_all(dir).await?;
        // Write aside, then rename: a reader never sees half a file.
        let partial = dir.join(format!("{key}.{}.partial", std::process::id()));
        tokio::fs::write(&partial, bytes).await?;
        tokio::fs::rename(&partial, &path).await?;
        Ok(StoredBlob { key, size })
    }

    /// Where a key lives; `None` for anything that is not a key (so no path can escape).
    pub fn path_of(&self, key: &str) -> Option<PathBuf> {
        let valid = key.len() == 64 && key.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        valid.then(|| self.root.join(&key[..2]).join(key))
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

    #[test]
    fn only_keys_map_to_paths() {
        let store = MediaStore::local("/m");
        assert!(store.path_of("../etc/passwd").is_none());
        assert!(store.path_of(&"A".repeat(64)).is_none());
        assert!(store.path_of(&"a".repeat(63)).is_none());
        assert_eq!(store.path_of(&"a".repeat(64)).unwrap(), PathBuf::from("/m/aa").join("a".repeat(64)));
    }
}
