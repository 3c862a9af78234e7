//! A value computed from the database and held in memory until the database's version of it
//! changes: the catalogue's and the agreements record's snapshots.
//!
//! Readers take the value held at the version they just read. When it is missing, one of
//! them builds it while the others wait for that one ([`SnapshotCache::building`]) instead of
//! all reading the whole table at once.
use std::sync::{Arc, RwLock};
use tokio::sync::{Mutex, MutexGuard};

pub struct SnapshotCache<T> {
    held: Arc<RwLock<Option<(String, Arc<T>)>>>,
    building: Arc<Mutex<()>>,
}

impl<T> Clone for SnapshotCache<T> {
    fn clone(&self) -> Self {
        SnapshotCache { held: self.held.clone(), building: self.building.clone() }
    }
}

impl<T> Default for SnapshotCache<T> {
    fn default() -> Self {
        SnapshotCache { held: Arc::new(RwLock::new(None)), building: Arc::new(Mutex::new(())) }
    }
}

impl<T> SnapshotCache<T> {
    /// The value held, if it was read at `version`.
    pub fn held(&self, version: &str) -> Option<Arc<T>> {
        match &*self.held.read().unwrap_or_else(|e| e.into_inner()) {
            Some((held, value)) if held == version => Some(value.clone()),
            _ => None,
        }
    }

    /// Keeps `value`, read at `version`, for the requests that follow.
    pub fn keep(&self, version: String, value: Arc<T>) {
        *self.held.write().unwrap_or_else(|e| e.into_inner()) = Some((version, value));
    }

    /// The right to build the value: one builder at a time. Whoever gets it looks at
    /// [`held`](Self::held) again first, since the builder before may have kept it.
    pub async fn building(&self) -> MutexGuard<'_, ()> {
        self.building.lock().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_value_is_held_at_its_version_only() {
        let cache = SnapshotCache::<u32>::default();
        assert_eq!(cache.held("1"), None);
        cache.keep("1".into(), Arc::new(7));
        assert_eq!(cache.held("1").as_deref(), Some(&7));
        assert_eq!(cache.held("2"), None, "a newer version is built again");
        let copy = cache.clone();
        copy.keep("2".into(), Arc::new(8));
        assert_eq!(cache.held("2").as_deref(), Some(&8), "clones share what they hold");
    }
}
