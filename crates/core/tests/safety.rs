//! What a full disk and a file locked by another program do to a write: a clear Vietnamese
//! message, nothing half-written, and everything saved before still there.

mod common;

use thidua_core::domain::Unit;
use thidua_core::services::records;
use thidua_core::Store;

fn unit(name: &str, note: Option<String>) -> Unit {
    Unit {
        kind: "khac".into(),
        name: name.into(),
        note,
        ..Unit::default()
    }
}

#[test]
fn a_full_disk_refuses_the_write_with_a_message_and_loses_nothing_saved_before() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.sqlite3");
    let mut store = Store::open(&path).unwrap();
    thidua_core::services::demo::load(&mut store).unwrap();
    let before = common::everything(&store);

    // The file may grow by a few pages only, as on a nearly full disk.
    store.limit_growth(4).unwrap();
    let big = "Ghi chú rất dài.\n".repeat(1000);
    let mut refused = None;
    for i in 0..50 {
        match records::save(&mut store, &unit(&format!("Đơn vị {i}"), Some(big.clone()))) {
            Ok(_) => continue,
            Err(e) => {
                refused = Some((i, thidua_core::UserError::from(e)));
                break;
            }
        }
    }
    let (i, err) = refused.expect("the disk fills up");
    assert_eq!(err.code, "storage.full", "{err:?}");
    assert!(
        err.message.contains("Ổ đĩa chứa cơ sở dữ liệu đã đầy"),
        "{}",
        err.message
    );
    drop(store);

    // Reopened with room again: every record saved before is there, the refused one is not
    // half-written, and the file passes SQLite's integrity check.
    let store = Store::open(&path).unwrap();
    let after = common::everything(&store);
    assert!(after.contains(&before[..before.len().min(2000)]));
    let names = common::list_all(&store, "units");
    let saved = names
        .iter()
        .filter(|u| common::s(u, "name").starts_with("Đơn vị "))
        .count();
    assert_eq!(
        saved, i,
        "the units saved before the disk filled, and not the refused one"
    );
    assert!(thidua_core::storage::backup::check(&path).is_ok());
}

#[test]
fn a_database_locked_by_another_program_gives_a_message_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.sqlite3");
    let mut store = Store::open(&path).unwrap();
    records::save(&mut store, &unit("Đơn vị trước", None)).unwrap();
    store.set_busy_timeout_ms(200).unwrap();

    // Another program holds the write lock (a database browser in the middle of a change).
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let err: thidua_core::UserError = records::save(&mut store, &unit("Đơn vị sau", None))
        .unwrap_err()
        .into();
    assert_eq!(err.code, "storage.locked", "{err:?}");
    assert!(
        err.message.contains("chương trình khác khóa"),
        "{}",
        err.message
    );
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);

    // Once the other program lets go, the same write goes through; nothing was half-written.
    records::save(&mut store, &unit("Đơn vị sau", None)).unwrap();
    let names: Vec<String> = common::list_all(&store, "units")
        .iter()
        .map(|u| common::s(u, "name"))
        .filter(|n| n.starts_with("Đơn vị "))
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}
