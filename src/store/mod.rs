//! The JSON store: one file per session, a story bank and a draft, written
//! atomically and durably, with one writer at a time.
//!
//! Layout of the data dir:
//! ```text
//! lock                 held (File::lock) by the one writer
//! sessions/<id>.json   one session each
//! stories.json         the story bank
//! draft.json           the answer being typed
//! drafts/<id>.json     earlier drafts, parked when another session started
//! trash/               deleted sessions and answers (restorable)
//! backups/             copies kept before a migration
//! unsaved/             what could not be saved where it belongs (a refused
//!                      or failed write), kept as an importable export
//! ```

pub mod bounds;
pub mod export;
pub mod index;
mod model;
pub mod view;

pub use model::*;

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "another loopdrill is already using {} — close it first; nothing was written",
        dir.display()
    )]
    Locked { dir: PathBuf },
    #[error("{}:{line}:{col}: not a readable loopdrill file: {message}; it was left untouched", path.display())]
    Corrupt {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
    #[error(
        "{}: written by a newer loopdrill (schema {found}, this one reads up to {SCHEMA_VERSION}); upgrade loopdrill to use it — the file was left untouched",
        path.display()
    )]
    Newer { path: PathBuf, found: u64 },
    #[error("the data dir {} is open read-only: {reason}", dir.display())]
    ReadOnly { dir: PathBuf, reason: String },
    #[error(
        "the data dir {} cannot be written ({source}); nothing can be saved there",
        dir.display()
    )]
    NotWritable {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error("no session with id \"{0}\"")]
    NoSuchSession(String),
    #[error(
        "session \"{0}\" is already in the history (imported again since it was deleted); the copy in the trash was left there"
    )]
    AlreadyThere(String),
    #[error(
        "\"{}\" is not a valid session id (at most 128 letters, digits, '-' and '_')",
        bounds::quote(.0)
    )]
    BadId(String),
    #[error("{}: {message}", path.display())]
    OutOfBounds { path: PathBuf, message: String },
    #[error("cannot encode {what}: {message}")]
    Encode { what: String, message: String },
    #[error(
        "{} holds other files and is not a loopdrill data dir; choose an empty or new folder, or add --init to make this one a data dir",
        dir.display()
    )]
    NotAStore { dir: PathBuf },
}

impl StoreError {
    fn io(path: &Path, source: std::io::Error) -> Self {
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Sessions loaded from disk, plus the files that could not be read.
#[derive(Debug, Default)]
pub struct History {
    pub sessions: Vec<Session>,
    pub problems: Vec<StoreError>,
}

impl History {
    pub fn answer_count(&self) -> usize {
        self.sessions.iter().map(|s| s.answers.len()).sum()
    }
}

/// A test hook run before every write the store makes: returning an error
/// makes that write fail as the disk would (say, `ENOSPC` on a full disk).
pub type WriteFault = std::sync::Arc<dyn Fn(&Path) -> Option<std::io::Error> + Send + Sync>;

/// The open data dir.
pub struct Store {
    dir: PathBuf,
    /// Held for as long as the store is open for writing.
    lock: Option<File>,
    /// Why the store is read-only when it is (another instance holds it, or
    /// the data dir cannot be written).
    read_only: Option<ReadOnlyWhy>,
    /// Problems met while opening (stale temp files swept, migrations).
    pub notices: Vec<String>,
    fault: Option<WriteFault>,
}

/// Why a store was opened read-only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnlyWhy {
    /// Another loopdrill holds the writer lock.
    Locked,
    /// The data dir cannot be written (read-only mount, immutable file,
    /// permissions): the error met, e.g. "Read-only file system (os error 30)".
    NotWritable(String),
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("dir", &self.dir)
            .field("lock", &self.lock)
            .field("read_only", &self.read_only)
            .field("notices", &self.notices)
            .field("fault", &self.fault.is_some())
            .finish()
    }
}

const SESSIONS: &str = "sessions";
const TRASH: &str = "trash";
const BACKUPS: &str = "backups";
const STORIES: &str = "stories.json";
/// The draft file's name inside the data dir.
pub const DRAFT_FILE: &str = "draft.json";
const DRAFT: &str = DRAFT_FILE;
const DRAFTS: &str = "drafts";
/// Copies of what could not be saved where it belongs (see `keep_unsaved`).
pub const UNSAVED: &str = "unsaved";
/// Where the model servers off this machine the user was told about are
/// remembered (`[ai] allow_remote`: the notice is shown once per server).
pub const REMOTE_AI_FILE: &str = "ai-remote.json";

impl Store {
    /// Opens `dir` for writing: creates it (0700) and the folders it needs
    /// (0700), takes the writer lock and sweeps stale temp files. The modes
    /// of folders and files that exist already are left as they are. A
    /// folder that holds other things and is not a data dir is refused
    /// ([`StoreError::NotAStore`]; see [`Store::open_adopting`]). A second
    /// writer gets [`StoreError::Locked`]; a data dir that cannot be written
    /// (read-only mount, immutable file, permissions, full disk) gets
    /// [`StoreError::NotWritable`].
    pub fn open(dir: &Path) -> Result<Store> {
        Store::open_with(dir, None)
    }

    /// [`Store::open`] that also makes a data dir of an existing folder that
    /// holds other files (`--init`); its other files are left alone.
    pub fn open_adopting(dir: &Path) -> Result<Store> {
        Store::open_inner(dir, None, true)
    }

    /// [`Store::open`] with a write fault injected (tests): every write the
    /// store makes, from creating its folders on, first asks `fault`.
    pub fn open_with(dir: &Path, fault: Option<WriteFault>) -> Result<Store> {
        Store::open_inner(dir, fault, false)
    }

    fn open_inner(dir: &Path, fault: Option<WriteFault>, adopt: bool) -> Result<Store> {
        if !adopt && !is_store_or_empty(dir) {
            return Err(StoreError::NotAStore {
                dir: dir.to_path_buf(),
            });
        }
        let check = |path: &Path| -> std::io::Result<()> {
            match fault.as_ref().and_then(|f| f(path)) {
                Some(e) => Err(e),
                None => Ok(()),
            }
        };
        let refused = |path: &Path, e: std::io::Error| {
            if is_not_writable(&e) {
                StoreError::NotWritable {
                    dir: dir.to_path_buf(),
                    source: e,
                }
            } else {
                StoreError::io(path, e)
            }
        };
        for sub in ["", SESSIONS, TRASH, BACKUPS] {
            let d = dir.join(sub);
            if !d.is_dir() {
                // Only what the store creates is made private; a folder that
                // exists keeps its mode.
                let mut b = fs::DirBuilder::new();
                b.recursive(true);
                #[cfg(unix)]
                {
                    use std::os::unix::fs::DirBuilderExt as _;
                    b.mode(0o700);
                }
                check(&d)
                    .and_then(|()| b.create(&d))
                    .map_err(|e| refused(&d, e))?;
            }
        }
        let lock_path = dir.join("lock");
        let lock = check(&lock_path)
            .and_then(|()| {
                let mut o = fs::OpenOptions::new();
                o.create(true).truncate(false).write(true);
                #[cfg(unix)]
                {
                    use std::os::unix::fs::OpenOptionsExt as _;
                    // A new lock is 0600; a symbolic link is never followed.
                    o.mode(0o600).custom_flags(libc::O_NOFOLLOW);
                }
                o.open(&lock_path)
            })
            .map_err(|e| refused(&lock_path, e))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                return Err(StoreError::Locked {
                    dir: dir.to_path_buf(),
                });
            }
            Err(fs::TryLockError::Error(e)) => return Err(refused(&lock_path, e)),
        }
        // The lock file may be writable while the folders are not (an
        // immutable directory): find out now, not at the first answer.
        // And a full disk: creating an empty file may still succeed there,
        // so the probe holds as many bytes as a typical answer and is synced.
        for sub in ["", SESSIONS] {
            let probe = dir.join(sub).join(".write-test.json.probe");
            let written = check(&probe)
                .and_then(|()| {
                    let mut o = fs::OpenOptions::new();
                    o.create(true).truncate(true).write(true);
                    #[cfg(unix)]
                    {
                        use std::os::unix::fs::OpenOptionsExt as _;
                        o.mode(0o600);
                    }
                    o.open(&probe)
                })
                .and_then(|mut f| {
                    f.write_all(&[b' '; PROBE_BYTES])?;
                    f.sync_all()
                });
            let _ = fs::remove_file(&probe);
            written.map_err(|e| refused(&probe, e))?;
        }
        let mut store = Store {
            dir: dir.to_path_buf(),
            lock: Some(lock),
            read_only: None,
            notices: Vec::new(),
            fault,
        };
        store.sweep_temp_files();
        Ok(store)
    }

    /// The writer of an existing data dir, for a command that only reads
    /// the history and keeps its caches (the summary index) up to date:
    /// it takes the lock as [`Store::open`] does, but creates nothing else,
    /// probes no disk (the probe's fsyncs cost more than a cached `stats`)
    /// and sweeps nothing. [`StoreError::Locked`] while another instance
    /// holds the store.
    pub fn open_for_cache(dir: &Path) -> Result<Store> {
        let lock_path = dir.join("lock");
        let mut o = fs::OpenOptions::new();
        o.create(true).truncate(false).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            o.mode(0o600).custom_flags(libc::O_NOFOLLOW);
        }
        let lock = o
            .open(&lock_path)
            .map_err(|e| StoreError::io(&lock_path, e))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                return Err(StoreError::Locked {
                    dir: dir.to_path_buf(),
                });
            }
            Err(fs::TryLockError::Error(e)) => return Err(StoreError::io(&lock_path, e)),
        }
        Ok(Store {
            dir: dir.to_path_buf(),
            lock: Some(lock),
            read_only: None,
            notices: Vec::new(),
            fault: None,
        })
    }

    /// Opens `dir` without the lock: every write fails with [`StoreError::ReadOnly`].
    pub fn open_read_only(dir: &Path) -> Store {
        Store::open_read_only_because(dir, ReadOnlyWhy::Locked)
    }

    /// Opens `dir` without the lock, saying why it is read-only.
    pub fn open_read_only_because(dir: &Path, why: ReadOnlyWhy) -> Store {
        Store {
            dir: dir.to_path_buf(),
            lock: None,
            read_only: Some(why),
            notices: Vec::new(),
            fault: None,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A second handle on this writer (sharing its lock), for the thread
    /// that saves what was typed when the terminal is gone while the main
    /// thread is stuck in it; `None` when read-only.
    pub fn rescue_handle(&self) -> Option<Store> {
        let lock = self.lock.as_ref()?.try_clone().ok()?;
        Some(Store {
            dir: self.dir.clone(),
            lock: Some(lock),
            read_only: None,
            notices: Vec::new(),
            fault: self.fault.clone(),
        })
    }

    pub fn is_read_only(&self) -> bool {
        self.lock.is_none()
    }

    /// Why the store is read-only, if it is.
    pub fn read_only_why(&self) -> Option<&ReadOnlyWhy> {
        self.read_only.as_ref()
    }

    /// Makes every later write of this store ask `fault` first (tests: a
    /// full disk, an I/O error); `None` removes the fault.
    pub fn inject_write_fault(&mut self, fault: Option<WriteFault>) {
        self.fault = fault;
    }

    fn writable(&self) -> Result<()> {
        if self.lock.is_none() {
            return Err(StoreError::ReadOnly {
                dir: self.dir.clone(),
                reason: self
                    .read_only
                    .as_ref()
                    .unwrap_or(&ReadOnlyWhy::Locked)
                    .to_string(),
            });
        }
        Ok(())
    }

    fn fault(&self, path: &Path) -> Result<()> {
        match self.fault.as_ref().and_then(|f| f(path)) {
            Some(e) => Err(StoreError::io(path, e)),
            None => Ok(()),
        }
    }

    /// [`write_json`], through the injected fault if there is one.
    fn put_json<T: Serialize>(&self, path: &Path, value: &T) -> Result<()> {
        self.fault(path)?;
        write_json(path, value)
    }

    /// [`write_bytes`], through the injected fault if there is one.
    fn put_bytes(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        self.fault(path)?;
        write_bytes(path, bytes)
    }

    fn sweep_temp_files(&mut self) {
        for sub in ["", SESSIONS, TRASH, BACKUPS, DRAFTS, UNSAVED] {
            let Ok(entries) = fs::read_dir(self.dir.join(sub)) else {
                continue;
            };
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if is_temp_name(&name) && fs::remove_file(e.path()).is_ok() {
                    self.notices.push(format!(
                        "removed an unfinished write: {}",
                        e.path().display()
                    ));
                }
            }
        }
    }

    pub fn session_path(&self, id: &str) -> PathBuf {
        self.dir.join(SESSIONS).join(format!("{id}.json"))
    }

    /// Saves one session (atomically; the cost does not grow with history).
    /// An unreadable or newer file of the same id is refused, never replaced.
    pub fn save_session(&self, session: &Session) -> Result<()> {
        self.writable()?;
        check_id(&session.id)?;
        let path = self.session_path(&session.id);
        self.guard_overwrite(&path)?;
        self.put_json(&path, session)
    }

    /// Saves many sessions at once (an import), every file still atomic and
    /// durable, at a fraction of the cost of one [`Store::save_session`] each:
    ///
    /// 1. every session is written to its own temp file in `sessions/`
    ///    (`.ID.json.import-…`, 0600), with write-back started at once
    ///    (`sync_file_range`, Linux) but nothing waited for;
    /// 2. every temp file is fsynced — by a few threads at once, so the file
    ///    system commits them in a handful of journal transactions instead
    ///    of one per file — before any of them is renamed;
    /// 3. the temp files are renamed over their targets, then the folder is
    ///    fsynced once.
    ///
    /// A failure before step 3 removes the temp files: no session file was
    /// touched. A crash at any moment leaves each session file either old or
    /// new, never torn (leftover temp files are swept on the next open).
    /// Like [`Store::save_session`], a corrupt or newer file of the same id is
    /// refused before anything is written. `progress(done)` is called as
    /// files are written (up to `sessions.len()`).
    pub fn save_sessions(
        &self,
        sessions: &[Session],
        progress: &mut dyn FnMut(usize),
    ) -> Result<()> {
        self.writable()?;
        if sessions.is_empty() {
            return Ok(());
        }
        for s in sessions {
            check_id(&s.id)?;
        }
        for s in sessions {
            let path = self.session_path(&s.id);
            self.guard_overwrite(&path)?;
            self.fault(&path)?;
        }
        let dir = self.dir.join(SESSIONS);
        let mut temps: Vec<(PathBuf, PathBuf)> = Vec::with_capacity(sessions.len());
        let staged = (|| -> Result<()> {
            let tag = format!("import-{}", std::process::id());
            for (k, s) in sessions.iter().enumerate() {
                let path = self.session_path(&s.id);
                let tmp = dir.join(format!(".{}.json.{tag}-{k}", s.id));
                let mut bytes = serde_json::to_vec_pretty(s).map_err(|e| StoreError::Encode {
                    what: path.display().to_string(),
                    message: e.to_string(),
                })?;
                bytes.push(b'\n');
                self.fault(&tmp)?;
                write_unsynced(&tmp, &bytes)?;
                temps.push((tmp, path));
                progress(k + 1);
            }
            fsync_all(temps.iter().map(|(t, _)| t.as_path()))
        })();
        if let Err(e) = staged {
            for (tmp, _) in &temps {
                let _ = fs::remove_file(tmp);
            }
            return Err(e);
        }
        for (k, (tmp, path)) in temps.iter().enumerate() {
            if let Err(e) = fs::rename(tmp, path) {
                // The ones renamed are whole and durable; the rest stay as
                // they were.
                for (t, _) in &temps[k..] {
                    let _ = fs::remove_file(t);
                }
                let _ = sync_dir(&dir);
                return Err(StoreError::io(path, e));
            }
        }
        sync_dir(&dir)
    }

    /// Checks the file about to be replaced: a corrupt one or one from a newer
    /// schema is refused (it is never overwritten); one from an older schema is
    /// copied to `backups/` first (once), as a migration would.
    fn guard_overwrite(&self, path: &Path) -> Result<()> {
        let bytes = match fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(StoreError::io(path, e)),
        };
        let version = schema_of(path, &bytes)?;
        if version < u64::from(SCHEMA_VERSION) {
            let backup = self.backup_path(path, version);
            if !backup.exists() {
                self.put_bytes(&backup, &bytes)?;
            }
        }
        Ok(())
    }

    fn backup_path(&self, path: &Path, version: u64) -> PathBuf {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        self.dir.join(BACKUPS).join(format!(
            "{}.schema{version}.json",
            name.as_deref().unwrap_or("file")
        ))
    }

    /// Reads one session by id.
    pub fn load_session(&self, id: &str) -> Result<Session> {
        check_id(id)?;
        let path = self.session_path(id);
        if !path.exists() {
            return Err(StoreError::NoSuchSession(id.to_string()));
        }
        let mut s: Session = self.read_versioned(&path)?;
        s.fill_answer_ids();
        Ok(s)
    }

    /// Every session, oldest first; unreadable files are reported, not fatal.
    pub fn load_history(&self) -> History {
        self.load_history_with(&mut |_, _| {})
    }

    /// [`Store::load_history`], calling `progress(read, of)` as files are
    /// read (for a progress bar over a long export).
    pub fn load_history_with(&self, progress: &mut dyn FnMut(usize, usize)) -> History {
        let mut history = History::default();
        let paths = self.session_files();
        // Read on every core, a batch at a time (progress between batches):
        // parsing is most of the cost at thousands of sessions. Results keep
        // the paths' order.
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 8);
        let of = paths.len();
        let mut done = 0;
        for batch in paths.chunks(threads * 64) {
            let chunk = batch.len().div_ceil(threads).max(1);
            let read: Vec<Vec<Result<Session>>> = std::thread::scope(|scope| {
                let handles: Vec<_> = batch
                    .chunks(chunk)
                    .map(|part| {
                        scope.spawn(move || part.iter().map(|p| self.read_session(p)).collect())
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_default())
                    .collect()
            });
            for r in read.into_iter().flatten() {
                match r {
                    Ok(s) => history.sessions.push(s),
                    Err(e) => history.problems.push(e),
                }
            }
            done += batch.len();
            progress(done, of);
        }
        history
            .sessions
            .sort_by(|a, b| a.started_at.cmp(&b.started_at).then(a.id.cmp(&b.id)));
        history
    }

    /// The session files (`sessions/*.json`, no temporary files), sorted.
    fn session_files(&self) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = self.session_entries().map(|e| e.path()).collect();
        paths.sort();
        paths
    }

    /// The entries of the sessions folder that are session files (`.json`,
    /// not hidden), in no particular order.
    pub(crate) fn session_entries(&self) -> impl Iterator<Item = fs::DirEntry> {
        fs::read_dir(self.dir.join(SESSIONS))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                name.ends_with(".json") && !name.starts_with('.')
            })
    }

    /// Reads one session file. The common case, a file of the current
    /// schema, is parsed once; anything else (an older schema to migrate, a
    /// newer one to refuse, an error to place) takes the checked path.
    fn read_session(&self, path: &Path) -> Result<Session> {
        let mut session = match fs::read(path).ok().and_then(|bytes| {
            let s = serde_json::from_slice::<Session>(&bytes).ok()?;
            (s.schema_version == SCHEMA_VERSION).then_some(s)
        }) {
            Some(s) => s,
            None => self.read_versioned::<Session>(path)?,
        };
        session.fill_answer_ids();
        Ok(session)
    }

    pub fn load_stories(&self) -> Result<StoryBank> {
        let path = self.dir.join(STORIES);
        if !path.exists() {
            return Ok(StoryBank::default());
        }
        self.read_versioned(&path)
    }

    /// Saves the story bank. While `stories.json` is unreadable (corrupt, or
    /// from a newer loopdrill) this is refused, so it is never overwritten.
    pub fn save_stories(&self, bank: &StoryBank) -> Result<()> {
        self.writable()?;
        let path = self.dir.join(STORIES);
        self.guard_overwrite(&path)?;
        self.put_json(&path, bank)
    }

    /// Whether the user was already told what goes to the model server at
    /// `url` (`[ai] allow_remote`). A missing or unreadable record counts
    /// as not told: the notice is shown again rather than skipped.
    pub fn remote_ai_told(&self, url: &str) -> bool {
        let path = self.dir.join(REMOTE_AI_FILE);
        path.exists()
            && self
                .read_versioned::<RemoteAiTold>(&path)
                .is_ok_and(|r| r.told.iter().any(|t| t.url == url))
    }

    /// Remembers that the user was told what goes to the model server at
    /// `url`, so the notice is not shown again. Atomic like every write; an
    /// unreadable record is never overwritten (the notice then keeps being
    /// shown).
    pub fn remember_remote_ai_told(
        &self,
        url: &str,
        model: &str,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        self.writable()?;
        let path = self.dir.join(REMOTE_AI_FILE);
        let mut record = if path.exists() {
            self.read_versioned::<RemoteAiTold>(&path)?
        } else {
            RemoteAiTold::default()
        };
        if record.told.iter().any(|t| t.url == url) {
            return Ok(());
        }
        record.told.push(RemoteAiToldEntry {
            url: url.to_string(),
            model: model.to_string(),
            at,
        });
        record.schema_version = SCHEMA_VERSION;
        self.put_json(&path, &record)
    }

    /// Saves the draft being typed. A draft of another session already in
    /// `draft.json` is first parked in `drafts/<session>.json`, so starting
    /// something new never loses what was typed before. An unreadable
    /// `draft.json` (corrupt, or from a newer loopdrill) is moved, byte for
    /// byte, to `backups/` rather than overwritten.
    pub fn save_draft(&self, draft: &Draft) -> Result<()> {
        self.writable()?;
        check_id(&draft.session_id)?;
        let current = self.dir.join(DRAFT);
        if current.exists() {
            match self.read_versioned::<Draft>(&current) {
                Ok(old) => {
                    if old.session_id != draft.session_id && check_id(&old.session_id).is_ok() {
                        let parked = self.dir.join(DRAFTS);
                        create_private_dir(&parked)?;
                        self.put_json(&self.parked_path(&old.session_id), &old)?;
                    }
                }
                Err(StoreError::Corrupt { .. } | StoreError::Newer { .. }) => {
                    self.set_aside(&current)?;
                }
                Err(e) => return Err(e),
            }
        }
        self.put_json(&current, draft)
    }

    /// Keeps a copy of something that could not be saved where it belongs
    /// (`unsaved/NAME`), so nothing typed is lost; returns where it went.
    /// Works on a read-only store too, if the folder can be written.
    pub fn keep_unsaved(&self, name: &str, bytes: &[u8]) -> Result<PathBuf> {
        let dir = self.dir.join(UNSAVED);
        self.fault(&dir)?;
        create_private_dir(&dir)?;
        let path = dir.join(name);
        self.put_bytes(&path, bytes)?;
        Ok(path)
    }

    /// Moves an unreadable file into `backups/` under a name that is not in
    /// use (`NAME.unreadable-N`), keeping every byte.
    fn set_aside(&self, path: &Path) -> Result<()> {
        self.fault(path)?;
        let name = path
            .file_name()
            .map_or("file".into(), |n| n.to_string_lossy().into_owned());
        let backups = self.dir.join(BACKUPS);
        let to = (1..)
            .map(|n| backups.join(format!("{name}.unreadable-{n}")))
            .find(|p| !p.exists())
            .unwrap_or_else(|| backups.join(format!("{name}.unreadable")));
        fs::rename(path, &to).map_err(|e| StoreError::io(path, e))?;
        sync_dir(&backups)?;
        if let Some(parent) = path.parent() {
            sync_dir(parent)?;
        }
        Ok(())
    }

    fn parked_path(&self, session_id: &str) -> PathBuf {
        self.dir.join(DRAFTS).join(format!("{session_id}.json"))
    }

    /// The saved draft, if there is one.
    pub fn load_draft(&self) -> Result<Option<Draft>> {
        let path = self.dir.join(DRAFT);
        if !path.exists() {
            return Ok(None);
        }
        self.read_versioned(&path).map(Some)
    }

    /// The draft of one session: the current one, or one parked earlier.
    pub fn load_draft_for(&self, session_id: &str) -> Result<Option<Draft>> {
        check_id(session_id)?;
        if let Some(d) = self.load_draft()?.filter(|d| d.session_id == session_id) {
            return Ok(Some(d));
        }
        let parked = self.parked_path(session_id);
        if !parked.exists() {
            return Ok(None);
        }
        self.read_versioned(&parked).map(Some)
    }

    /// Removes the current draft (whatever session it belongs to).
    pub fn discard_draft(&self) -> Result<()> {
        self.writable()?;
        remove_if_exists(&self.dir.join(DRAFT), &self.dir)
    }

    /// Removes the drafts of one session (current and parked); another
    /// session's current draft is left alone.
    pub fn discard_draft_for(&self, session_id: &str) -> Result<()> {
        self.writable()?;
        check_id(session_id)?;
        if self
            .load_draft()
            .ok()
            .flatten()
            .is_some_and(|d| d.session_id == session_id)
        {
            remove_if_exists(&self.dir.join(DRAFT), &self.dir)?;
        }
        remove_if_exists(&self.parked_path(session_id), &self.dir.join(DRAFTS))
    }

    /// Moves a session into the trash (restorable with [`Store::restore_session`]).
    pub fn trash_session(&self, id: &str) -> Result<()> {
        self.writable()?;
        check_id(id)?;
        let from = self.session_path(id);
        if !from.exists() {
            return Err(StoreError::NoSuchSession(id.to_string()));
        }
        let to = self.dir.join(TRASH).join(format!("{id}.json"));
        fs::rename(&from, &to).map_err(|e| StoreError::io(&from, e))?;
        sync_dir(&self.dir.join(SESSIONS))?;
        sync_dir(&self.dir.join(TRASH))
    }

    /// Sessions in the trash, by id.
    pub fn trashed_sessions(&self) -> Vec<String> {
        let mut ids: Vec<String> = fs::read_dir(self.dir.join(TRASH))
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let n = e.file_name().to_string_lossy().into_owned();
                n.strip_suffix(".json")
                    .filter(|s| !s.starts_with('.'))
                    .map(str::to_string)
            })
            .collect();
        ids.sort();
        ids
    }

    /// Reads a session in the trash (to describe it before a restore).
    pub fn load_trashed(&self, id: &str) -> Result<Session> {
        check_id(id)?;
        let path = self.dir.join(TRASH).join(format!("{id}.json"));
        if !path.exists() {
            return Err(StoreError::NoSuchSession(id.to_string()));
        }
        self.read_versioned(&path)
    }

    pub fn restore_session(&self, id: &str) -> Result<()> {
        self.writable()?;
        check_id(id)?;
        let from = self.dir.join(TRASH).join(format!("{id}.json"));
        if !from.exists() {
            return Err(StoreError::NoSuchSession(id.to_string()));
        }
        let to = self.session_path(id);
        if to.exists() {
            // An import brought the session back meanwhile: keep that copy.
            return Err(StoreError::AlreadyThere(id.to_string()));
        }
        fs::rename(&from, &to).map_err(|e| StoreError::io(&from, e))?;
        sync_dir(&self.dir.join(SESSIONS))?;
        sync_dir(&self.dir.join(TRASH))
    }

    /// Reads a file with a `schema_version`: refuses newer ones, migrates older
    /// ones forward (keeping a backup copy first) and never touches a corrupt one.
    fn read_versioned<T: DeserializeOwned + Serialize>(&self, path: &Path) -> Result<T> {
        let bytes = fs::read(path).map_err(|e| StoreError::io(path, e))?;
        let version = schema_of(path, &bytes)?;
        // schema_of has checked that the bytes are UTF-8 JSON.
        let text = String::from_utf8_lossy(&bytes);
        let corrupt = |e: serde_json::Error| corrupt(path, &e);
        if version < u64::from(SCHEMA_VERSION) {
            let mut value: serde_json::Value = serde_json::from_str(&text).map_err(corrupt)?;
            migrate(&mut value, version);
            let parsed: T = serde_json::from_value(value).map_err(|e| StoreError::Corrupt {
                path: path.to_path_buf(),
                line: 1,
                col: 1,
                message: format!("cannot migrate from schema {version}: {e}"),
            })?;
            if self.lock.is_some() {
                let backup = self.backup_path(path, version);
                if !backup.exists() {
                    self.put_bytes(&backup, &bytes)?;
                }
                self.put_json(path, &parsed)?;
            }
            return Ok(parsed);
        }
        serde_json::from_str::<T>(&text).map_err(corrupt)
    }
}

/// A JSON error in a stored or imported file, at its position.
pub(crate) fn corrupt(path: &Path, e: &serde_json::Error) -> StoreError {
    StoreError::Corrupt {
        path: path.to_path_buf(),
        line: e.line(),
        col: e.column(),
        message: crate::content::shorten_quotes(
            e.to_string().split(" at line").next().unwrap_or(""),
        ),
    }
}

/// The `schema_version` of a stored file (0 when it has none), or why the
/// file cannot be used: not UTF-8, not JSON, a version that is not a number,
/// or one newer than this loopdrill reads.
fn schema_of(path: &Path, bytes: &[u8]) -> Result<u64> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let off = e.valid_up_to();
        let valid = String::from_utf8_lossy(&bytes[..off]);
        let (line, col) = crate::content::line_col(&valid, off);
        StoreError::Corrupt {
            path: path.to_path_buf(),
            line,
            col,
            message: "not UTF-8 text".into(),
        }
    })?;
    #[derive(serde::Deserialize)]
    struct Version {
        schema_version: Option<serde_json::Value>,
    }
    let v: Version = serde_json::from_str(text).map_err(|e| corrupt(path, &e))?;
    let version = match v.schema_version {
        None => 0,
        Some(v) => v.as_u64().ok_or_else(|| StoreError::Corrupt {
            path: path.to_path_buf(),
            line: 1,
            col: 1,
            message: "schema_version is not a whole number".into(),
        })?,
    };
    if version > u64::from(SCHEMA_VERSION) {
        return Err(StoreError::Newer {
            path: path.to_path_buf(),
            found: version,
        });
    }
    Ok(version)
}

/// Brings a JSON document of an older schema up to [`SCHEMA_VERSION`].
///
/// Schema 0 is the pre-release format: no `schema_version`, and sessions
/// without `kind` (they were all drills).
fn migrate(value: &mut serde_json::Value, from: u64) {
    if from == 0
        && let Some(obj) = value.as_object_mut()
    {
        if obj.contains_key("answers") && !obj.contains_key("kind") {
            obj.insert("kind".into(), "drill".into());
        }
        obj.insert("schema_version".into(), SCHEMA_VERSION.into());
    }
}

/// Session ids become file names: they must not reach outside `sessions/`.
pub fn check_id(id: &str) -> Result<()> {
    let ok = !id.is_empty()
        && id.len() <= 128
        && !id.starts_with(['.', '-'])
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(StoreError::BadId(id.to_string()))
    }
}

fn remove_if_exists(path: &Path, dir: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Ok(()) => sync_dir(dir),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::io(path, e)),
    }
}

/// A temp file left by an interrupted atomic write: `.NAME.json.XXXXXX`.
pub fn is_temp_name(name: &str) -> bool {
    name.strip_prefix('.')
        .and_then(|rest| rest.rsplit_once('.'))
        .is_some_and(|(base, suffix)| {
            base.ends_with(".json") && !suffix.is_empty() && suffix != "json"
        })
}

/// Writes JSON atomically and durably, readable by the user alone.
pub fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|e| StoreError::Encode {
        what: path.display().to_string(),
        message: e.to_string(),
    })?;
    bytes.push(b'\n');
    write_bytes(path, &bytes)
}

/// Temp file in the same directory, fsync, rename, fsync the directory.
pub fn write_bytes(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut opts = atomic_write_file::AtomicWriteFile::options();
    #[cfg(unix)]
    {
        use atomic_write_file::unix::OpenOptionsExt as _;
        use std::os::unix::fs::OpenOptionsExt as _;
        opts.mode(0o600);
        opts.preserve_mode(false);
    }
    let mut file = opts.open(path).map_err(|e| StoreError::io(path, e))?;
    file.write_all(bytes).map_err(|e| StoreError::io(path, e))?;
    file.commit().map_err(|e| StoreError::io(path, e))
}

/// Creates `path` (it must not exist; 0600) and writes `bytes` to it without
/// waiting for the disk; on Linux write-back is started at once, so the
/// later fsync mostly finds the data already on its way.
fn write_unsynced(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        opts.mode(0o600);
    }
    let mut f = opts.open(path).map_err(|e| StoreError::io(path, e))?;
    f.write_all(bytes).map_err(|e| StoreError::io(path, e))?;
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd as _;
        // SAFETY: a valid open descriptor; the call only starts write-back
        // of the file's dirty pages and touches no memory of ours. Its
        // result is advisory: the fsync in `fsync_all` is what counts.
        unsafe {
            libc::sync_file_range(f.as_raw_fd(), 0, 0, libc::SYNC_FILE_RANGE_WRITE);
        }
    }
    Ok(())
}

/// fsyncs every file in `paths` (each reopened), a few at a time on
/// separate threads so the file system can commit them together; the first
/// error is returned.
fn fsync_all<'a>(paths: impl Iterator<Item = &'a Path>) -> Result<()> {
    const THREADS: usize = 8;
    let paths: Vec<&Path> = paths.collect();
    let chunk = paths.len().div_ceil(THREADS).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = paths
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || -> Result<()> {
                    for p in part {
                        fs::OpenOptions::new()
                            .write(true)
                            .open(p)
                            .and_then(|f| f.sync_all())
                            .map_err(|e| StoreError::io(p, e))?;
                    }
                    Ok(())
                })
            })
            .collect();
        let mut first = Ok(());
        for w in workers {
            let r = w.join().unwrap_or_else(|_| {
                Err(StoreError::Encode {
                    what: "an fsync thread".into(),
                    message: "it panicked".into(),
                })
            });
            if first.is_ok() {
                first = r;
            }
        }
        first
    })
}

fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| StoreError::io(dir, e))?;
    }
    let _ = dir;
    Ok(())
}

impl std::fmt::Display for ReadOnlyWhy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadOnlyWhy::Locked => f.write_str("another loopdrill holds it"),
            ReadOnlyWhy::NotWritable(e) => write!(f, "it cannot be written ({e})"),
        }
    }
}

/// An error that means "this place cannot be written", as opposed to a
/// passing failure: read-only file system, permission, full disk or quota.
pub fn is_not_writable(e: &std::io::Error) -> bool {
    use std::io::ErrorKind as K;
    matches!(
        e.kind(),
        K::ReadOnlyFilesystem | K::PermissionDenied | K::StorageFull | K::QuotaExceeded
    ) || e.raw_os_error().is_some_and(|n| n == libc::EPERM)
}

/// How many bytes the write probe at open holds (a typical answer's size):
/// enough for a full disk to refuse it.
const PROBE_BYTES: usize = 16 * 1024;

/// The names only a loopdrill data dir holds (any one marks it).
const STORE_MARKS: [&str; 6] = ["lock", SESSIONS, "index.json", STORIES, DRAFT, TRASH];

/// Whether `dir` may be used as a data dir without asking: it does not
/// exist, is empty, or is one already.
fn is_store_or_empty(dir: &Path) -> bool {
    match fs::read_dir(dir) {
        Err(_) => true,
        Ok(mut entries) => {
            entries.next().is_none()
                || STORE_MARKS
                    .iter()
                    .any(|m| fs::symlink_metadata(dir.join(m)).is_ok())
        }
    }
}

/// Creates `path` (0700) unless it is a folder already, which keeps its mode.
fn create_private_dir(path: &Path) -> Result<()> {
    if path.is_dir() {
        return Ok(());
    }
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        b.mode(0o700);
    }
    b.create(path).map_err(|e| StoreError::io(path, e))
}

/// A new id: sortable by time, unique enough for one person's history.
pub fn new_id(now: chrono::DateTime<chrono::Utc>) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mix = (now.timestamp_subsec_nanos()
        ^ std::process::id().rotate_left(16)
        ^ n.wrapping_mul(2_654_435_761))
        & 0xffff;
    format!("{}-{mix:04x}", now.format("%Y%m%d-%H%M%S"))
}

/// `ai-remote.json`: the model servers off this machine the user was told
/// about, each once.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
struct RemoteAiTold {
    schema_version: u32,
    #[serde(default)]
    told: Vec<RemoteAiToldEntry>,
}

impl Default for RemoteAiTold {
    fn default() -> Self {
        RemoteAiTold {
            schema_version: SCHEMA_VERSION,
            told: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
struct RemoteAiToldEntry {
    /// The server's URL as configured.
    url: String,
    /// The model named then.
    model: String,
    /// When the notice was shown.
    at: chrono::DateTime<chrono::Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_recognised() {
        assert!(is_temp_name(".abc.json.x1Y2z3"));
        assert!(!is_temp_name("abc.json"));
        assert!(!is_temp_name(".abc.json"));
        assert!(!is_temp_name(".hidden"));
    }

    #[test]
    fn ids_cannot_escape_the_sessions_folder() {
        for bad in ["", "../../x", "a/b", "a\\b", ".hidden", "..", "a.b"] {
            assert!(check_id(bad).is_err(), "{bad:?}");
        }
        assert!(check_id("20260101-101010-ab12").is_ok());
        assert!(check_id(&new_id(chrono::Utc::now())).is_ok());
    }
}
