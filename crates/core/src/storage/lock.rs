//! Who has a database open, across processes: every Thidua connection holds a shared lock on a
//! small file beside the database (`<file>-lock`), and replacing the file (a restore) needs it
//! exclusively. SQLite's own locks cannot tell this: an idle connection holds none that a
//! restore could see, and the CLI restoring under a running app would lose the app's later
//! commits. A separate file, so that opening and closing it never touches SQLite's locks on the
//! database itself (POSIX drops a process's locks on a file when any of its handles closes).

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::StorageError;

/// The lock file of the database at `db`.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push("-lock");
    PathBuf::from(name)
}

/// A held lock; released when dropped (or when the process ends, however it ends).
#[derive(Debug)]
pub struct Held {
    file: Option<File>,
    /// The lock file did not exist before this lock made it.
    made: Option<PathBuf>,
}

impl Held {
    fn new(file: Option<File>, made: Option<PathBuf>) -> Held {
        Held { file, made }
    }

    /// Releases the lock and removes the lock file if this lock made it: a file that turned
    /// out not to be Thidua's (another program's, a look-alike) keeps its folder as it was.
    pub fn release_refused(mut self) {
        drop(self.file.take());
        if let Some(path) = self.made.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

fn made_now(db: &Path) -> Option<PathBuf> {
    let path = lock_path(db);
    (!path.exists()).then_some(path)
}

fn open(db: &Path) -> Option<File> {
    // A folder where no file can be created (a read-only medium) has no lock: nothing there
    // can be restored over either.
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock_path(db))
        .ok()
}

/// The shared lock every open connection holds. Waits while a restore holds it exclusively.
pub fn shared(db: &Path) -> Held {
    let made = made_now(db);
    let Some(file) = open(db) else {
        return Held::new(None, None);
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match file.try_lock_shared() {
            Ok(()) => return Held::new(Some(file), made),
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            // A restore that takes this long is stuck elsewhere; SQLite's own locks still guard
            // the file's consistency.
            Err(_) => return Held::new(None, None),
        }
    }
}

/// The database to oneself, or `storage.locked` when another connection (this process's
/// automatic backup, another window, the CLI) still has it open after `wait`.
pub fn exclusive(db: &Path, wait: Duration) -> Result<Held, StorageError> {
    let Some(file) = open(db) else {
        return Ok(Held::new(None, None));
    };
    let deadline = Instant::now() + wait;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Held::new(Some(file), None)),
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            Err(_) => {
                return Err(StorageError::InUse {
                    path: db.to_path_buf(),
                })
            }
        }
    }
}
