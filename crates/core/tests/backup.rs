//! Backups are consistent, checked copies; restoring checks the copy, keeps the current file
//! aside and refuses what is not a Thidua database, is damaged or comes from a newer Thidua,
//! leaving the current database untouched.

mod common;

use thidua_core::services::demo;
use thidua_core::storage::backup;
use thidua_core::Store;

fn demo_file(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("thidua.sqlite3");
    let mut store = Store::open(&path).unwrap();
    demo::load(&mut store).unwrap();
    path
}

#[test]
fn a_backup_is_checked_and_a_restore_brings_it_back_keeping_the_current_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let copy = dir.path().join("sao-luu").join("2023-12-08.sqlite3");
    let before;
    {
        let store = Store::open(&path).unwrap();
        before = common::everything(&store);
        let c = store.backup_to(&copy).unwrap();
        assert!(c.bytes > 0 && c.schema_version > 0);
    }
    // One file, no write-ahead log beside it.
    let beside: Vec<_> = std::fs::read_dir(copy.parent().unwrap()).unwrap().collect();
    assert_eq!(beside.len(), 1);

    // A change after the backup, then the restore.
    {
        let mut store = Store::open(&path).unwrap();
        thidua_core::services::records::save(
            &mut store,
            &thidua_core::domain::Unit {
                kind: "khac".into(),
                name: "Đơn vị ghi sau khi sao lưu".into(),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let kept = backup::restore(&path, &copy)
        .unwrap()
        .expect("the current file kept aside");
    assert!(kept.exists());
    let store = Store::open(&path).unwrap();
    assert_eq!(common::everything(&store), before);
    let old = Store::open(&kept).unwrap();
    assert!(common::everything(&old).contains("Đơn vị ghi sau khi sao lưu"));
}

#[test]
fn restoring_refuses_foreign_damaged_and_newer_files_and_leaves_the_database_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let before = std::fs::read(&path).unwrap();

    let text = dir.path().join("ghi-chu.sqlite3");
    std::fs::write(&text, "không phải cơ sở dữ liệu").unwrap();
    assert_eq!(
        backup::restore(&path, &text).unwrap_err().code(),
        "storage.not_thidua"
    );

    let other = dir.path().join("khac.sqlite3");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    assert_eq!(
        backup::restore(&path, &other).unwrap_err().code(),
        "storage.not_thidua"
    );

    let copy = dir.path().join("ban-sao.sqlite3");
    Store::open(&path).unwrap().backup_to(&copy).unwrap();
    let damaged = dir.path().join("hong.sqlite3");
    let mut bytes = std::fs::read(&copy).unwrap();
    for b in &mut bytes[4096 * 3..4096 * 4] {
        *b = 0xFF;
    }
    std::fs::write(&damaged, &bytes).unwrap();
    let e = backup::restore(&path, &damaged).unwrap_err();
    assert_eq!(e.code(), "backup.damaged");
    assert!(e.to_string().contains("bị hỏng"), "{e}");

    let truncated = dir.path().join("cut.sqlite3");
    std::fs::write(&truncated, &std::fs::read(&copy).unwrap()[..5000]).unwrap();
    assert!(backup::restore(&path, &truncated).is_err());

    let newer = dir.path().join("moi-hon.sqlite3");
    std::fs::copy(&copy, &newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    assert_eq!(
        backup::restore(&path, &newer).unwrap_err().code(),
        "storage.too_new"
    );

    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the database was not touched"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(
        !names.iter().any(|n| n.contains("truoc-khoi-phuc")),
        "{names:?}"
    );
}

#[test]
fn a_damaged_or_truncated_database_is_not_opened_and_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let copy = dir.path().join("ban-sao.sqlite3");
    Store::open(&path).unwrap().backup_to(&copy).unwrap();
    let good = std::fs::read(&copy).unwrap();
    for (name, bytes) in [
        ("hong.sqlite3", {
            let mut b = good.clone();
            for x in &mut b[4096 * 3..4096 * 4] {
                *x = 0xFF;
            }
            b
        }),
        ("cut.sqlite3", good[..good.len() / 2].to_vec()),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, &bytes).unwrap();
        let e = Store::open(&p).err().expect("refused");
        assert!(
            matches!(e.code(), "storage.damaged" | "storage.open"),
            "{name}: {} {e}",
            e.code()
        );
        assert!(
            e.to_string().contains("hỏng") || e.to_string().contains("Không mở"),
            "{e}"
        );
        assert_eq!(std::fs::read(&p).unwrap(), bytes, "{name} was not written");
    }
}

#[test]
fn automatic_backups_run_when_due_and_a_damaged_database_finds_its_newest_good_copy() {
    use thidua_core::services::backups::{self, BackupPolicy};
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut store = Store::open(&path).unwrap();
    let t0 =
        chrono::NaiveDateTime::parse_from_str("2026-12-04 08:00:00", "%Y-%m-%d %H:%M:%S").unwrap();

    // At start-up with none yet: one is taken, checked, in `sao-luu` beside the database.
    let first = backups::auto(&store, t0)
        .unwrap()
        .expect("the first backup");
    assert_eq!(first.name, "thidua-20261204-080000.sqlite3");
    let folder = dir.path().join("sao-luu");
    assert!(backup::check(&folder.join(&first.name)).is_ok());
    // Not again at once.
    assert!(backups::auto(&store, t0 + chrono::Duration::minutes(5))
        .unwrap()
        .is_none());

    // After the set number of changes.
    let p = BackupPolicy {
        every_changes: 3,
        ..BackupPolicy::default()
    };
    backups::set_policy(&path, &p).unwrap();
    for i in 0..3 {
        thidua_core::services::records::save(
            &mut store,
            &thidua_core::domain::Unit {
                kind: "khac".into(),
                name: format!("Đơn vị mới {i}"),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let second = backups::auto(&store, t0 + chrono::Duration::minutes(10)).unwrap();
    assert!(second.is_some(), "3 changes since the newest");
    // After the set number of hours.
    assert!(backups::auto(&store, t0 + chrono::Duration::hours(25))
        .unwrap()
        .is_some());
    let listed = backups::list(&path, &folder);
    // 08:00 was rotated away: 08:10 is the newest of that day.
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert_eq!(listed[0].taken_at, "2026-12-05T09:00:00", "newest first");

    // A damaged newest backup is passed over for the newest good one.
    std::fs::write(
        folder.join("thidua-20261206-000000.sqlite3"),
        b"not a database",
    )
    .unwrap();
    let (_, good) = backups::newest_good(&path).unwrap();
    assert_eq!(good.taken_at, "2026-12-05T09:00:00");

    // Restoring by name: only a name from the list, never a path out of the folder.
    drop(store);
    assert!(backups::restore_named(&path, "../thidua.sqlite3").is_err());
    let kept = backups::restore_named(&path, &good.name).unwrap();
    assert!(kept.is_some(), "the current file is kept aside");
    let store = Store::open(&path).unwrap();
    assert!(common::everything(&store).contains("Đơn vị mới 2"));
}

#[test]
fn a_large_file_is_read_at_once_and_written_only_once_its_check_passes() {
    // `open_checking(_, 0)` takes the path of a file too large to check before opening: the
    // quick check runs on its own thread, reads go on, writes wait for its verdict.
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let copy = dir.path().join("ban-sao.sqlite3");
    Store::open(&path).unwrap().backup_to(&copy).unwrap();
    // Opened once, as the app leaves its file: in WAL mode (switching modes would be a write).
    drop(Store::open(&copy).unwrap());
    let mut bytes = std::fs::read(&copy).unwrap();
    for x in &mut bytes[4096 * 3..4096 * 4] {
        *x = 0xFF;
    }
    let damaged = dir.path().join("hong.sqlite3");
    std::fs::write(&damaged, &bytes).unwrap();
    let mut store = Store::open_checking(&damaged, 0).expect("opened for reading");
    assert!(store.schema_version().is_ok());
    let e = thidua_core::services::records::save(
        &mut store,
        &thidua_core::domain::Unit {
            kind: "khac".into(),
            name: "Ban Tổ chức mới".into(),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(e.code(), "storage.damaged", "{e}");
    assert!(e.to_string().contains("hỏng"), "{e}");
    drop(store);
    assert_eq!(std::fs::read(&damaged).unwrap(), bytes, "not written");

    // A sound file is written once its check has passed.
    let mut store = Store::open_checking(&copy, 0).unwrap();
    thidua_core::services::records::save(
        &mut store,
        &thidua_core::domain::Unit {
            kind: "khac".into(),
            name: "Ban Tổ chức mới".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(store.integrity_known());
}

#[test]
fn a_read_only_connection_backs_up_beside_the_open_one_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut open = Store::open(&path).unwrap();
    let reader = Store::open_read_only(&path).unwrap();
    let copy = dir.path().join("ban-sao.sqlite3");
    assert!(reader.backup_to(&copy).unwrap().bytes > 0);
    // The open connection writes meanwhile; the reader cannot.
    let unit = thidua_core::domain::Unit {
        kind: "khac".into(),
        name: "Ban Tổ chức mới".into(),
        ..Default::default()
    };
    thidua_core::services::records::save(&mut open, &unit).unwrap();
    let mut reader = reader;
    let other = thidua_core::domain::Unit {
        name: "Ban Tổ chức khác".into(),
        ..unit
    };
    let e = thidua_core::services::records::save(&mut reader, &other).unwrap_err();
    assert!(e.code().starts_with("storage."), "{}", e.code());
    assert!(backup::check(&copy).is_ok());
}

fn unit(name: &str) -> thidua_core::domain::Unit {
    thidua_core::domain::Unit {
        kind: "khac".into(),
        name: name.into(),
        ..Default::default()
    }
}

/// Restore over `x.sqlite3` and over `x.db` whose write-ahead log holds a committed row: the
/// row is kept in the set-aside copy (its log moved with it under SQLite's own names), the
/// restored file is exactly the backup, and no stale log of the old file is replayed into it.
#[test]
fn a_restore_keeps_a_commit_that_lived_only_in_the_log_and_gives_exactly_the_backup() {
    for name in ["x.sqlite3", "x.db", "x.sqlite"] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        let copy = dir.path().join("ban-sao.sqlite3");
        let expected;
        {
            let mut store = Store::open(&path).unwrap();
            demo::load(&mut store).unwrap();
            store.backup_to(&copy).unwrap();
            expected = common::everything(&Store::open_read_only(&copy).unwrap());
            drop(store);
            // Another program's connection commits a row and ends without closing: the
            // commit is only in the log.
            let other = rusqlite::Connection::open(&path).unwrap();
            other
                .execute(
                    "INSERT INTO units (kind, name) VALUES ('khac', 'Chỉ có trong nhật ký WAL')",
                    [],
                )
                .unwrap();
            std::mem::forget(other);
        }
        let wal = thidua_core::storage::journal_files(&path)[0].clone();
        assert!(std::fs::metadata(&wal).unwrap().len() > 0, "{name}: a WAL");
        let kept = backup::restore(&path, &copy).unwrap().unwrap();
        let old = Store::open(&kept).unwrap();
        assert!(
            common::everything(&old).contains("Chỉ có trong nhật ký WAL"),
            "{name}: the set-aside copy keeps the commit from the log"
        );
        let restored = Store::open(&path).unwrap();
        assert_eq!(common::everything(&restored), expected, "{name}");
    }
}

/// A restore while another connection has the database open (the app, while the CLI restores)
/// is refused with `storage.locked`, and the file stays as it was.
#[test]
fn a_restore_while_the_database_is_open_elsewhere_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let copy = dir.path().join("ban-sao.sqlite3");
    let mut app = Store::open(&path).unwrap();
    app.backup_to(&copy).unwrap();
    thidua_core::services::records::save(&mut app, &unit("Lưu sau bản sao")).unwrap();
    let started = std::time::Instant::now();
    let e = backup::restore(&path, &copy).unwrap_err();
    assert_eq!(e.code(), "storage.locked", "{e}");
    assert!(started.elapsed() >= backup::RESTORE_WAIT);
    drop(app);
    let store = Store::open(&path).unwrap();
    assert!(common::everything(&store).contains("Lưu sau bản sao"));
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.contains("truoc-khoi-phuc") || n.contains("dang-khoi-phuc")),
        "{names:?}"
    );
}

/// A look-alike (no application id, tables named like Thidua's, no schema version) and a file
/// from a newer Thidua are refused by a read-only look, byte for byte unchanged, with no raw
/// SQL in the message; nothing is left beside them.
#[test]
fn a_look_alike_and_a_newer_file_are_refused_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("gia.sqlite3");
    rusqlite::Connection::open(&fake)
        .unwrap()
        .execute_batch(
            "CREATE TABLE audit (x); CREATE TABLE units (x); CREATE TABLE clusters (x);
             CREATE TABLE code_lists (x); INSERT INTO units VALUES ('khác');",
        )
        .unwrap();
    let newer = dir.path().join("moi.sqlite3");
    {
        Store::open(&newer).unwrap();
        let c = rusqlite::Connection::open(&newer).unwrap();
        c.pragma_update(None, "user_version", 999).unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    for (file, code) in [(&fake, "storage.not_thidua"), (&newer, "storage.too_new")] {
        let before = std::fs::read(file).unwrap();
        let e = match Store::open(file) {
            Err(e) => e,
            Ok(_) => panic!("{} opened", file.display()),
        };
        assert_eq!(e.code(), code);
        let message = e.to_string();
        assert!(
            !message.contains("CREATE") && !message.contains("already exists"),
            "{message}"
        );
        assert_eq!(std::fs::read(file).unwrap(), before, "{}", file.display());
        for side in thidua_core::storage::journal_files(file) {
            assert!(!side.exists(), "{}", side.display());
        }
    }
}

/// A backup that fails half-way (here: the folder cannot take the file) leaves no partial file.
#[test]
fn a_failed_backup_leaves_nothing_of_its_size_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let store = Store::open(&path).unwrap();
    let out = dir.path().join("sao-luu").join("x.sqlite3");
    std::fs::create_dir_all(&out).unwrap(); // a folder where the file should go: rename fails
    assert!(store.backup_to(&out).is_err());
    let names: Vec<String> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(names, vec!["x.sqlite3".to_string()], "{names:?}");
}

fn at(s: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").unwrap()
}

fn names(db: &std::path::Path) -> Vec<String> {
    use thidua_core::services::backups;
    let dir = backups::folder(db, &backups::policy(db));
    backups::list(db, &dir)
        .into_iter()
        .map(|f| f.name)
        .collect()
}

#[test]
fn a_backup_taken_after_a_mistake_never_replaces_the_good_one_of_the_same_day() {
    use thidua_core::services::backups;
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let store = Store::open(&path).unwrap();
    let p = backups::BackupPolicy {
        keep_daily: 2,
        keep_weekly: 1,
        ..Default::default()
    };
    // The start-up backup at 08:00, a «Sao lưu ngay» at 11:00 after a mistake.
    backups::take(&store, &path, &p, at("2026-12-07T08:00:00")).unwrap();
    backups::take(&store, &path, &p, at("2026-12-07T11:00:00")).unwrap();
    assert_eq!(names(&path).len(), 2, "both within 24 hours");
    // A day and a half later, only the newest of that day is kept.
    backups::take(&store, &path, &p, at("2026-12-08T20:00:00")).unwrap();
    let kept = names(&path);
    assert!(
        kept.contains(&"thidua-20261207-110000.sqlite3".to_string()),
        "{kept:?}"
    );
    assert!(
        !kept.contains(&"thidua-20261207-080000.sqlite3".to_string()),
        "{kept:?}"
    );
}

#[test]
fn the_copies_around_the_last_start_up_are_never_rotated_out() {
    use thidua_core::services::backups;
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let store = Store::open(&path).unwrap();
    let p = backups::BackupPolicy {
        keep_daily: 1,
        keep_weekly: 1,
        ..Default::default()
    };
    backups::take(&store, &path, &p, at("2026-11-02T17:00:00")).unwrap();
    backups::started(&path, at("2026-11-03T08:00:00")).unwrap();
    backups::take(&store, &path, &p, at("2026-11-03T08:00:05")).unwrap();
    // A session that stays open for weeks, backing up every day.
    for day in 4..=28 {
        backups::take(&store, &path, &p, at(&format!("2026-11-{day:02}T12:00:00"))).unwrap();
    }
    let kept = names(&path);
    assert!(
        kept.contains(&"thidua-20261102-170000.sqlite3".to_string()),
        "before: {kept:?}"
    );
    assert!(
        kept.contains(&"thidua-20261103-080005.sqlite3".to_string()),
        "after: {kept:?}"
    );
    assert!(
        !kept.contains(&"thidua-20261110-120000.sqlite3".to_string()),
        "{kept:?}"
    );
    // The policy survives the start-up stamp and the stamp survives a new policy.
    backups::set_policy(&path, &p).unwrap();
    assert_eq!(
        backups::last_startup(&path),
        Some(at("2026-11-03T08:00:00"))
    );
    assert_eq!(backups::policy(&path), p);
}

#[test]
fn an_empty_database_never_rotates_out_the_last_real_backup() {
    use thidua_core::services::backups;
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let p = backups::BackupPolicy {
        keep_daily: 1,
        keep_weekly: 1,
        ..Default::default()
    };
    {
        let store = Store::open(&path).unwrap();
        backups::take(&store, &path, &p, at("2026-10-01T09:00:00")).unwrap();
    }
    // The file is lost and recreated empty (without open_working's refusal, as an older Thidua
    // did); months of start-up backups of the empty file follow.
    std::fs::remove_file(&path).unwrap();
    let empty = Store::open(&path).unwrap();
    for day in 1..=30 {
        backups::take(&empty, &path, &p, at(&format!("2026-11-{day:02}T09:00:00"))).unwrap();
    }
    let kept = names(&path);
    assert!(
        kept.contains(&"thidua-20261001-090000.sqlite3".to_string()),
        "{kept:?}"
    );
    assert!(kept.len() <= 4, "the empty copies still rotate: {kept:?}");
}

#[test]
fn a_policy_keeping_nothing_is_refused_and_the_screen_cannot_move_the_folder() {
    use thidua_core::services::backups;
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    for (daily, weekly, field) in [(0, 4, "keep_daily"), (7, 0, "keep_weekly")] {
        let e = backups::set_policy(
            &path,
            &backups::BackupPolicy {
                keep_daily: daily,
                keep_weekly: weekly,
                ..Default::default()
            },
        )
        .unwrap_err();
        let user = thidua_core::UserError::from(e);
        assert_eq!(user.code, "backup.invalid_policy");
        assert_eq!(user.field.as_deref(), Some(field));
        assert!(user.message.contains("ít nhất 1"), "{}", user.message);
    }
    let usb = dir.path().join("usb");
    backups::set_policy(
        &path,
        &backups::BackupPolicy {
            folder: usb.display().to_string(),
            ..Default::default()
        },
    )
    .unwrap();
    backups::set_schedule(
        &path,
        &backups::BackupPolicy {
            folder: "/tmp/elsewhere".into(),
            every_changes: 5,
            ..Default::default()
        },
    )
    .unwrap();
    let p = backups::policy(&path);
    assert_eq!(p.folder, usb.display().to_string());
    assert_eq!(p.every_changes, 5);
}

#[test]
fn a_missing_database_with_backups_is_not_recreated_and_its_backups_are_offered() {
    use thidua_core::services::backups;
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let before = {
        let store = Store::open(&path).unwrap();
        backups::take(&store, &path, &backups::policy(&path), backups::now()).unwrap();
        common::everything(&store)
    };
    for f in std::iter::once(path.clone()).chain(thidua_core::storage::journal_files(&path)) {
        let _ = std::fs::remove_file(f);
    }
    let Err(e) = backups::open_working(&path) else {
        panic!("a missing file was recreated");
    };
    assert_eq!(e.code(), "storage.missing");
    assert!(e.to_string().contains("1 bản sao lưu"), "{e}");
    assert!(!path.exists(), "not recreated");
    let offered = backups::newest_good(&path).expect("the backup is offered");
    backups::restore_named(&path, &offered.1.name).unwrap();
    let store = backups::open_working(&path).unwrap();
    assert_eq!(common::everything(&store), before);

    // A new file where there never were backups is created as before.
    let fresh = dir.path().join("moi.sqlite3");
    backups::open_working(&fresh).unwrap();
    assert!(fresh.exists());
}

#[test]
fn the_set_aside_copy_of_a_restore_is_listed_beside_the_backups() {
    use thidua_core::services::backups;
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let name = {
        let store = Store::open(&path).unwrap();
        backups::take(&store, &path, &backups::policy(&path), backups::now())
            .unwrap()
            .name
    };
    assert!(backups::status(&path).set_aside.is_empty());
    backups::check_named(&path, &name).unwrap();
    let aside = backups::restore_named(&path, &name).unwrap().unwrap();
    let status = backups::status(&path);
    assert_eq!(status.database_file, "thidua.sqlite3");
    assert_eq!(status.set_aside.len(), 1);
    assert_eq!(
        status.set_aside[0].name,
        aside.file_name().unwrap().to_string_lossy()
    );
    assert!(status.set_aside[0]
        .name
        .starts_with(&status.set_aside_prefix));
    assert!(status.set_aside[0].bytes > 0);
    // A name that is not a listed backup is refused before anything moves.
    let e = backups::check_named(&path, "../thidua.sqlite3").unwrap_err();
    assert_eq!(e.code(), "backup.io");
}
