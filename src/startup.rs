//! Start-up shared by the commands and the terminal UI: the data dir, the
//! store, the content, and checks of `--track` and `--role`. It sits below
//! both, so neither layer imports the other for these.

use crate::cli::Global;
use crate::content::{self, Content};
use crate::store::{self, Store};
use std::path::{Path, PathBuf};

/// A user-facing failure: one clear line, exit status 1.
#[derive(Debug)]
pub struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

pub type CmdResult = Result<(), Failure>;

/// The data dir: `--data-dir`, `LOOPDRILL_DATA_DIR`, or the platform's.
pub fn data_dir(global: &Global) -> Result<PathBuf, Failure> {
    if let Some(d) = &global.data_dir {
        return Ok(d.clone());
    }
    directories::ProjectDirs::from("dev", "loopdrill", "loopdrill")
        .map(|p| p.data_dir().to_path_buf())
        .ok_or_else(|| {
            Failure("cannot find a home directory for the data dir; pass --data-dir DIR".into())
        })
}

/// Loads the layered content or reports every error.
pub fn load_content(global: &Global) -> Result<Content, Failure> {
    content::load_layered(&global.content).map_err(|e| Failure(e.to_string()))
}

/// Opens the store for writing, waiting up to 0.6 s for an instance that
/// is just exiting (say, the one whose terminal was closed a moment ago).
fn open_waiting(dir: &Path, adopt: bool) -> Result<Store, store::StoreError> {
    let start = std::time::Instant::now();
    loop {
        let opened = if adopt {
            Store::open_adopting(dir)
        } else {
            Store::open(dir)
        };
        match opened {
            Err(store::StoreError::Locked { .. })
                if start.elapsed() < std::time::Duration::from_millis(600) =>
            {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

/// Opens the store for writing, or read-only when another instance holds it.
pub fn open_store(global: &Global) -> Result<Store, Failure> {
    let dir = data_dir(global)?;
    match open_waiting(&dir, global.init) {
        Ok(s) => Ok(s),
        Err(store::StoreError::Locked { .. }) => Ok(Store::open_read_only(&dir)),
        // A read-only mount or an immutable file: history can still be read.
        Err(store::StoreError::NotWritable { source, .. }) => Ok(Store::open_read_only_because(
            &dir,
            store::ReadOnlyWhy::NotWritable(source.to_string()),
        )),
        Err(e) => Err(e.into()),
    }
}

/// Opens the store and refuses if another instance is writing.
pub fn open_store_for_writing(global: &Global) -> Result<Store, Failure> {
    let dir = data_dir(global)?;
    Ok(open_waiting(&dir, global.init)?)
}

/// A `--track` value, or an error listing the tracks that have questions.
pub fn parse_track(c: &Content, id: &str) -> Result<content::Track, Failure> {
    let tracks: Vec<&str> = content::Track::ALL
        .iter()
        .filter(|t| c.questions_in(**t).next().is_some())
        .map(|t| t.id())
        .collect();
    match content::Track::from_id(id) {
        Some(t) if c.questions_in(t).next().is_some() => Ok(t),
        _ => Err(Failure(format!(
            "no track \"{id}\"; tracks with questions: {}",
            tracks.join(", ")
        ))),
    }
}

/// The role tags the content's questions carry.
pub fn known_roles(c: &Content) -> Vec<&str> {
    let mut roles: Vec<&str> = c
        .questions
        .iter()
        .flat_map(|q| q.roles.iter().map(String::as_str))
        .collect();
    roles.sort_unstable();
    roles.dedup();
    roles
}

/// A `--role` value must be a role some question is tagged with.
pub fn check_role(c: &Content, role: &str) -> Result<(), Failure> {
    let roles = known_roles(c);
    if roles.contains(&role) {
        Ok(())
    } else {
        Err(Failure(format!(
            "no role \"{role}\"; roles: {}",
            roles.join(", ")
        )))
    }
}
