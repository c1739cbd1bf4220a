//! Automatic backups: a checked copy (SQLite's online backup, then an integrity check) at
//! start-up and after a number of changes or hours, rotated so that the newest of each of the
//! last days and weeks is kept. The policy lives in a small file beside the database, not in
//! it, so a damaged database can still be restored from its backups.

use std::path::{Path, PathBuf};

use chrono::{Datelike, Local, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::storage::backup::{self, BackupError};
use crate::storage::{queries, Store};

/// When and where automatic backups are written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct BackupPolicy {
    /// The folder the clerk picked (a USB stick); empty: `sao-luu` beside the database.
    pub folder: String,
    /// A backup after this many changes (undo steps) since the newest one; 0: never by count.
    pub every_changes: u32,
    /// A backup when the newest one is older than this; 0: never by age.
    pub every_hours: u32,
    /// The newest backup of each of this many days is kept…
    pub keep_daily: u32,
    /// …and of each of this many weeks.
    pub keep_weekly: u32,
    /// Off: no automatic backup (the commands still make them).
    pub enabled: bool,
}

impl Default for BackupPolicy {
    fn default() -> Self {
        BackupPolicy {
            folder: String::new(),
            every_changes: 50,
            every_hours: 24,
            keep_daily: 7,
            keep_weekly: 4,
            enabled: true,
        }
    }
}

/// One backup file in the folder.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BackupFile {
    pub name: String,
    /// When it was taken, "2026-12-04T01:30:00" (local time, from its name).
    pub taken_at: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

const STAMP: &str = "%Y%m%d-%H%M%S";

fn stem(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "thidua".into())
}

/// The policy file of the database at `db`: `thidua.sqlite3` → `thidua.sao-luu.json`.
fn policy_path(db: &Path) -> PathBuf {
    db.with_file_name(format!("{}.sao-luu.json", stem(db)))
}

/// What the policy file holds: the clerk's policy and when the app last started on this
/// database (the rotation never removes the copies that bracket that moment).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
struct PolicyFile {
    #[serde(flatten)]
    policy: BackupPolicy,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_startup: Option<NaiveDateTime>,
}

fn read_policy_file(db: &Path) -> PolicyFile {
    std::fs::read_to_string(policy_path(db))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

fn write_policy_file(db: &Path, f: &PolicyFile) -> Result<(), BackupError> {
    let path = policy_path(db);
    let json = serde_json::to_string_pretty(f).expect("a policy is plain JSON");
    // Beside, then renamed: a full disk never leaves half a policy (which would read as the
    // default one, with its folder lost).
    let partial = path.with_extension("json.dang-ghi");
    std::fs::write(&partial, json)
        .and_then(|()| std::fs::rename(&partial, &path))
        .map_err(|source| {
            let _ = std::fs::remove_file(&partial);
            BackupError::Io {
                path: path.clone(),
                source,
            }
        })
}

pub fn policy(db: &Path) -> BackupPolicy {
    read_policy_file(db).policy
}

/// Sets the whole policy, folder included (the CLI's `--set-policy` file, the app's folder
/// dialog). Keeping no daily or no weekly copy is refused: the rotation would delete every
/// backup but the newest.
pub fn set_policy(db: &Path, p: &BackupPolicy) -> Result<(), BackupError> {
    for (field, value) in [("keep_daily", p.keep_daily), ("keep_weekly", p.keep_weekly)] {
        if value == 0 {
            return Err(BackupError::Policy {
                field,
                detail: "phải giữ ít nhất 1 bản".into(),
            });
        }
    }
    let mut file = read_policy_file(db);
    file.policy = p.clone();
    write_policy_file(db, &file)
}

/// Sets the schedule and rotation from the settings screen, keeping the folder: the folder
/// comes only from the system's folder dialog, never as text from the window.
pub fn set_schedule(db: &Path, p: &BackupPolicy) -> Result<(), BackupError> {
    let folder = policy(db).folder;
    set_policy(
        db,
        &BackupPolicy {
            folder,
            ..p.clone()
        },
    )
}

/// Records that the app started on the database at `db` (before its start-up backup).
pub fn started(db: &Path, now: NaiveDateTime) -> Result<(), BackupError> {
    let mut file = read_policy_file(db);
    file.last_startup = Some(now);
    write_policy_file(db, &file)
}

/// When the app last started on `db`, if it ever did.
pub fn last_startup(db: &Path) -> Option<NaiveDateTime> {
    read_policy_file(db).last_startup
}

/// Where the backups of the database at `db` go.
pub fn folder(db: &Path, p: &BackupPolicy) -> PathBuf {
    if p.folder.trim().is_empty() {
        db.with_file_name("sao-luu")
    } else {
        PathBuf::from(p.folder.trim())
    }
}

/// The backups of the database at `db` in `dir`, newest first. Only files named by Thidua for
/// this database are listed (and ever removed).
pub fn list(db: &Path, dir: &Path) -> Vec<BackupFile> {
    let prefix = format!("{}-", stem(db));
    let mut out: Vec<BackupFile> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().to_string();
            let stamp = name.strip_prefix(&prefix)?.strip_suffix(".sqlite3")?;
            let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
            Some(BackupFile {
                taken_at: at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                bytes: entry.metadata().map(|m| m.len()).unwrap_or(0),
                name,
            })
        })
        .collect();
    out.sort_by(|a, b| b.taken_at.cmp(&a.taken_at));
    out
}

/// Why a backup is due now, if it is.
pub fn due(store: &Store, db: &Path, p: &BackupPolicy, now: NaiveDateTime) -> Option<String> {
    let newest = list(db, &folder(db, p)).into_iter().next();
    let Some(newest) = newest else {
        return Some("chưa có bản sao lưu nào".into());
    };
    let taken = NaiveDateTime::parse_from_str(&newest.taken_at, "%Y-%m-%dT%H:%M:%S").ok()?;
    if p.every_hours > 0 && now - taken >= chrono::Duration::hours(p.every_hours as i64) {
        return Some(format!("bản gần nhất đã quá {} giờ", p.every_hours));
    }
    // Changes are counted from the copy's own last step, not by the clock (which may be set
    // back, or differ between the machine that wrote the copy and this one).
    let dir = folder(db, p);
    let last = backup::last_step(&dir.join(&newest.name)).unwrap_or(0);
    let steps = queries::steps_after(store.db(), last).unwrap_or(0);
    if p.every_changes > 0 && steps >= p.every_changes as i64 {
        return Some(format!("{steps} thay đổi từ bản gần nhất"));
    }
    None
}

/// A checked backup now, named by its time, in the policy's folder; then the rotation.
pub fn take(
    store: &Store,
    db: &Path,
    p: &BackupPolicy,
    now: NaiveDateTime,
) -> Result<BackupFile, BackupError> {
    let dir = folder(db, p);
    let name = format!("{}-{}.sqlite3", stem(db), now.format(STAMP));
    let checked = store.backup_to(&dir.join(&name))?;
    rotate(db, &dir, p, now);
    Ok(BackupFile {
        name,
        taken_at: now.format("%Y-%m-%dT%H:%M:%S").to_string(),
        bytes: checked.bytes,
    })
}

/// An automatic backup when one is due (at start-up, after writes); `None` when not due.
pub fn auto(store: &Store, now: NaiveDateTime) -> Result<Option<BackupFile>, BackupError> {
    let Some(db) = store.path() else {
        return Ok(None);
    };
    let p = policy(db);
    if !p.enabled || due(store, db, &p, now).is_none() {
        return Ok(None);
    }
    take(store, db, &p, now).map(Some)
}

/// How long every backup is kept, however many were taken: a copy taken right after a mistake
/// («Sao lưu ngay») must not push out the good one of the same morning.
pub const KEEP_ALL_HOURS: i64 = 24;

/// The files the rotation keeps: every one of the last `KEEP_ALL_HOURS`, the newest of each of
/// the last `keep_daily` days that have backups and of each of the last `keep_weekly` weeks, and
/// the two that bracket the last start-up (the newest before it, the first after it): the
/// database as the clerk found it when the app opened.
pub fn kept(
    files: &[BackupFile],
    p: &BackupPolicy,
    now: NaiveDateTime,
    last_startup: Option<NaiveDateTime>,
) -> Vec<String> {
    let at = |f: &BackupFile| NaiveDateTime::parse_from_str(&f.taken_at, "%Y-%m-%dT%H:%M:%S").ok();
    let mut keep: Vec<String> = files.iter().take(1).map(|f| f.name.clone()).collect();
    let add = |keep: &mut Vec<String>, f: &BackupFile| {
        if !keep.contains(&f.name) {
            keep.push(f.name.clone());
        }
    };
    let recent = now - chrono::Duration::hours(KEEP_ALL_HOURS);
    let mut days: Vec<chrono::NaiveDate> = Vec::new();
    let mut weeks: Vec<(i32, u32)> = Vec::new();
    // Newest first: the first file seen of a day (or week) is its newest.
    for f in files {
        let Some(t) = at(f) else { continue };
        let day = t.date();
        let week = (day.iso_week().year(), day.iso_week().week());
        let mut keeps = t >= recent;
        if !days.contains(&day) && days.len() < p.keep_daily as usize {
            days.push(day);
            keeps = true;
        }
        if !weeks.contains(&week) && weeks.len() < p.keep_weekly as usize {
            weeks.push(week);
            keeps = true;
        }
        if keeps {
            add(&mut keep, f);
        }
    }
    if let Some(start) = last_startup {
        if let Some(before) = files.iter().find(|f| at(f).is_some_and(|t| t < start)) {
            add(&mut keep, before);
        }
        if let Some(after) = files
            .iter()
            .rev()
            .find(|f| at(f).is_some_and(|t| t >= start))
        {
            add(&mut keep, after);
        }
    }
    keep
}

/// Whether a backup holds any record (an empty database's copies never replace real ones).
fn holds_records(path: &Path) -> bool {
    backup::holds_records(path).unwrap_or(false)
}

/// Removes the backups the rotation does not keep; returns their names. The newest backup
/// that holds records is never removed while the kept ones hold none: a database recreated
/// empty (or emptied by mistake) cannot rotate the last real copy out.
pub fn rotate(db: &Path, dir: &Path, p: &BackupPolicy, now: NaiveDateTime) -> Vec<String> {
    let files = list(db, dir);
    let mut keep = kept(&files, p, now, last_startup(db));
    let removing = files.iter().any(|f| !keep.contains(&f.name));
    if removing
        && !files
            .iter()
            .any(|f| keep.contains(&f.name) && holds_records(&dir.join(&f.name)))
    {
        if let Some(real) = files
            .iter()
            .find(|f| !keep.contains(&f.name) && holds_records(&dir.join(&f.name)))
        {
            keep.push(real.name.clone());
        }
    }
    let mut removed = Vec::new();
    for f in files {
        if !keep.contains(&f.name) && std::fs::remove_file(dir.join(&f.name)).is_ok() {
            removed.push(f.name);
        }
    }
    removed
}

/// The newest backup of the database at `db` that passes the integrity check: what is offered
/// when the database itself is damaged.
pub fn newest_good(db: &Path) -> Option<(PathBuf, BackupFile)> {
    let dir = folder(db, &policy(db));
    list(db, &dir)
        .into_iter()
        .map(|f| (dir.join(&f.name), f))
        .find(|(path, _)| backup::check(path).is_ok())
}

/// What the settings screen shows: the folder, the policy and the backups, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BackupStatus {
    pub folder: String,
    pub policy: BackupPolicy,
    pub files: Vec<BackupFile>,
    /// The database's own file name, as a restore confirmation names it.
    pub database_file: String,
    /// How a restore names the file it sets aside: this, then the time, then `.sqlite3`.
    pub set_aside_prefix: String,
    /// The files earlier restores set aside beside the database, newest first.
    pub set_aside: Vec<BackupFile>,
}

pub fn status(db: &Path) -> BackupStatus {
    let policy = policy(db);
    let dir = folder(db, &policy);
    BackupStatus {
        folder: dir.display().to_string(),
        files: list(db, &dir),
        database_file: db
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default(),
        set_aside_prefix: backup::set_aside_prefix(db),
        set_aside: set_aside(db),
        policy,
    }
}

/// The copies earlier restores set aside beside the database at `db`, newest first.
pub fn set_aside(db: &Path) -> Vec<BackupFile> {
    let prefix = backup::set_aside_prefix(db);
    let dir = match db.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut out: Vec<BackupFile> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().to_string();
            let stamp = name.strip_prefix(&prefix)?.strip_suffix(".sqlite3")?;
            let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
            Some(BackupFile {
                taken_at: at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                bytes: entry.metadata().map(|m| m.len()).unwrap_or(0),
                name,
            })
        })
        .collect();
    out.sort_by(|a, b| b.taken_at.cmp(&a.taken_at));
    out
}

/// Opens the database the clerk works in. A file that is gone while its backups are still in
/// its backups' folder is not silently recreated empty (later start-ups would then rotate the
/// real backups out for copies of the empty file): `storage.missing`, and the backups are
/// offered.
pub fn open_working(db: &Path) -> Result<Store, crate::storage::StorageError> {
    if !db.exists() {
        let backups = list(db, &folder(db, &policy(db))).len();
        if backups > 0 {
            return Err(crate::storage::StorageError::Missing {
                path: db.to_path_buf(),
                backups,
            });
        }
    }
    Store::open(db)
}

/// The database could not be opened at start-up: why, and the newest good backup to offer.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Recovery {
    pub code: String,
    pub message: String,
    pub newest_backup: Option<BackupFile>,
}

impl Recovery {
    pub fn of(db: &Path, error: &crate::UserError) -> Recovery {
        Recovery {
            code: error.code.clone(),
            message: error.message.clone(),
            newest_backup: newest_good(db).map(|(_, f)| f),
        }
    }
}

/// Now, in local time (the backups' names are the clerk's clock).
pub fn now() -> NaiveDateTime {
    Local::now().naive_local()
}

/// Restores the backup named `name` (one of `list`'s, never a path from outside the folder) in
/// place of the database at `db`, which must be closed; the current file is kept aside.
pub fn restore_named(db: &Path, name: &str) -> Result<Option<PathBuf>, BackupError> {
    backup::restore(db, &named(db, name)?)
}

/// The listed backup `name` of the database at `db`, checked (a damaged or foreign copy is
/// refused before anything is closed or moved).
pub fn check_named(db: &Path, name: &str) -> Result<PathBuf, BackupError> {
    let path = named(db, name)?;
    backup::check(&path)?;
    Ok(path)
}

fn named(db: &Path, name: &str) -> Result<PathBuf, BackupError> {
    let dir = folder(db, &policy(db));
    let Some(file) = list(db, &dir).into_iter().find(|f| f.name == name) else {
        return Err(BackupError::Io {
            path: dir.join(name),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "không có bản sao lưu này"),
        });
    };
    Ok(dir.join(file.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(at: &str) -> BackupFile {
        let t = NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M:%S").unwrap();
        BackupFile {
            name: format!("thidua-{}.sqlite3", t.format(STAMP)),
            taken_at: at.into(),
            bytes: 1,
        }
    }

    #[test]
    fn the_rotation_keeps_the_newest_of_each_of_the_last_days_and_weeks() {
        // Four backups a day for 60 days, newest first.
        let start =
            NaiveDateTime::parse_from_str("2026-12-04T18:00:00", "%Y-%m-%dT%H:%M:%S").unwrap();
        let files: Vec<BackupFile> = (0..240)
            .map(|i| {
                let t = start - chrono::Duration::hours(6 * i);
                file(&t.format("%Y-%m-%dT%H:%M:%S").to_string())
            })
            .collect();
        // Far past the files: only the days and weeks decide.
        let now = start + chrono::Duration::days(30);
        let keep = kept(&files, &BackupPolicy::default(), now, None);
        // 7 days (their newest) + the weeks not already covered by those days.
        assert!(keep.contains(&files[0].name), "the newest");
        assert!(
            keep.contains(&"thidua-20261128-180000.sqlite3".to_string()),
            "7th day back"
        );
        assert!(
            !keep.contains(&"thidua-20261127-180000.sqlite3".to_string()),
            "8th day, same week as kept days"
        );
        assert!(
            !keep.contains(&"thidua-20261204-120000.sqlite3".to_string()),
            "not the newest of its day"
        );
        let weeks: Vec<_> = keep
            .iter()
            .map(|n| {
                NaiveDateTime::parse_from_str(&n[7..22], STAMP)
                    .unwrap()
                    .date()
                    .iso_week()
            })
            .collect();
        let mut distinct = weeks.clone();
        distinct.dedup();
        assert!(distinct.len() >= 4, "{keep:?}");
        assert!(keep.len() <= 7 + 4, "{keep:?}");
    }
}
