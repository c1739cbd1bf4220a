"""Safety in the real window: a damaged database is never opened, the newest good backup is
offered and restored; backups are listed in the settings; the app makes no network request."""
import os
import time
from pathlib import Path

from app_driver import App
from conftest import screenshot


def damage(path: Path) -> None:
    with open(path, "r+b") as f:
        f.seek(4096 * 3)
        f.write(b"\xff" * 4096 * 20)
    for ext in ("-wal", "-shm"):
        Path(str(path) + ext).unlink(missing_ok=True)


def test_a_damaged_database_offers_its_newest_good_backup_and_restores_it(cli, launch, profile):
    cli.run("demo")
    cli.run("backups", "--now")
    db = Path(profile["THIDUA_DB"])
    damage(db)
    damaged = db.read_bytes()
    app = App(launch())
    app.visible("recovery")
    assert "bị hỏng" in app.text("recovery-message")
    screenshot(app.d, "recovery-offered")
    # Nothing was written to the damaged file while it was offered.
    assert db.read_bytes() == damaged
    app.click("recovery-restore")
    app.gone("recovery")
    app.visible("screen-overview")
    info = cli.json("info")
    assert any(c["count"] > 0 for c in info["counts"]), info
    kept = [p for p in db.parent.iterdir() if ".truoc-khoi-phuc-" in p.name]
    assert kept, "the damaged file is kept aside"
    screenshot(app.d, "recovery-restored")


def test_backups_are_listed_in_settings_and_taken_on_request(cli, launch):
    cli.run("demo")
    app = App(launch())
    app.visible("screen-overview")
    app.screen("settings")
    # The start-up backup (none existed) is listed with its date.
    app.wait.until(lambda d: len(d.find_elements("css selector", "[data-testid=backup-row]")) >= 1)
    assert "sao-luu" in app.text("backup-folder")
    app.click("backup-now")
    app.wait.until(lambda d: len(d.find_elements("css selector", "[data-testid=backup-row]")) >= 1)
    screenshot(app.d, "settings-backups")
    listed = cli.json("backups")
    assert listed["files"], listed


def test_the_app_makes_no_network_request(cli, launch):
    cli.run("demo")
    app = App(launch())
    app.visible("screen-overview")
    for screen in ("clusters", "units", "events", "awards", "people", "figures", "sources", "reports", "catalogue", "history", "settings"):
        app.screen(screen)
    urls = app.d.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
        ".concat(performance.getEntriesByType('navigation').map(e => e.name));"
    )
    local = ("tauri://", "http://tauri.localhost", "https://tauri.localhost", "ipc://", "http://ipc.localhost", "data:", "blob:")
    remote = [u for u in urls if not u.startswith(local)]
    assert not remote, remote
    csp = app.d.execute_script(
        "const m = document.querySelector('meta[http-equiv=Content-Security-Policy]'); return m ? m.content : '';"
    )
    # Tauri injects the configured policy: nothing remote is allowed to load.
    assert "http:" not in csp.replace("http://ipc.localhost", "").replace("http://tauri.localhost", ""), csp


def test_a_second_start_brings_the_first_window_forward_instead_of_opening_the_file_twice(cli, launch, profile):
    """The running instance is found through a D-Bus session bus: this test starts its own
    (the rest of the suite runs without one, as a bare X server has none)."""
    import signal
    import subprocess
    bus = subprocess.run(
        ["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1"],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    address, pid = bus[0], int(bus[1])
    try:
        profile["DBUS_SESSION_BUS_ADDRESS"] = address
        cli.run("demo")
        app = App(launch())
        app.visible("screen-overview")
        second = subprocess.run([os.environ["THIDUA_APP"]], env=profile, timeout=30, capture_output=True)
        assert second.returncode == 0, second.stderr
        # The first window is still there and answers.
        app.screen("settings")
    finally:
        os.kill(pid, signal.SIGTERM)


def test_a_log_file_in_the_data_folder_records_what_happened_without_record_contents(cli, launch, profile):
    cli.run("demo")
    app = App(launch())
    app.visible("screen-overview")
    app.screen("settings")
    app.click("backup-now")
    app.wait.until(lambda d: len(d.find_elements("css selector", "[data-testid=backup-row]")) >= 1)
    app.screen("clusters")
    log = Path(profile["XDG_DATA_HOME"]) / "vn.thidua.desktop" / "logs" / "thidua.log"
    app.wait.until(lambda d: log.exists() and "sao lưu theo yêu cầu" in log.read_text())
    text = log.read_text()
    assert "khởi động" in text
    for content in ("Khánh Hòa", "Cụm thi đua số III", "Võ Hồng Hải", "20.777"):
        assert content not in text, content


def test_a_restore_asks_first_naming_the_backup_and_lists_the_copy_it_set_aside(cli, launch, profile):
    cli.run("demo")
    cli.run("backups", "--now")
    db = Path(profile["THIDUA_DB"])
    app = App(launch())
    app.visible("screen-overview")
    app.screen("settings")
    app.wait.until(lambda d: len(d.find_elements("css selector", "[data-testid=backup-row]")) >= 1)
    app.click("backup-restore")
    app.visible("restore-confirm")
    assert "/" in app.text("restore-confirm-when"), "the backup's date, dd/mm/yyyy"
    assert "e2e.truoc-khoi-phuc-" in app.text("restore-confirm-aside")
    screenshot(app.d, "restore-confirm")
    # Cancelled: nothing moved.
    app.click("restore-confirm-no")
    app.gone("restore-confirm")
    assert not [p for p in db.parent.iterdir() if ".truoc-khoi-phuc-" in p.name]
    app.click("backup-restore")
    app.click("restore-confirm-yes")
    app.wait_text("toast", "Đã khôi phục")
    app.visible("set-aside-list")
    rows = app.d.find_elements("css selector", "[data-testid=set-aside-row]")
    assert len(rows) == 1 and "e2e.truoc-khoi-phuc-" in rows[0].text
    screenshot(app.d, "restore-set-aside")
    # The window works on the restored file, not on a copy in memory.
    assert str(db) in app.text("db-path")


def test_a_lost_database_is_not_recreated_and_its_backups_are_offered(cli, launch, profile):
    cli.run("demo")
    cli.run("backups", "--now")
    db = Path(profile["THIDUA_DB"])
    for f in (db, Path(str(db) + "-wal"), Path(str(db) + "-shm")):
        f.unlink(missing_ok=True)
    app = App(launch())
    app.visible("recovery")
    assert "Không tìm thấy tệp cơ sở dữ liệu" in app.text("recovery-message")
    assert not db.exists(), "not recreated empty"
    app.click("recovery-restore")
    app.gone("recovery")
    info = cli.json("info")
    assert any(c["count"] > 0 for c in info["counts"]), info


def test_a_failed_automatic_backup_is_shown_to_the_clerk(cli, launch, profile, tmp_path):
    cli.run("demo")
    blocked = tmp_path / "usb-khong-cam"
    blocked.write_text("a file where the backups' folder should be")
    policy = tmp_path / "policy.json"
    policy.write_text('{"folder": "%s", "keep_daily": 7, "keep_weekly": 4}' % blocked)
    cli.run("backups", "--set-policy", str(policy))
    app = App(launch())
    app.visible("backup-warning")
    assert "usb-khong-cam" in app.text("backup-warning")
    screenshot(app.d, "backup-warning")


def test_a_refused_restore_leaves_the_window_on_its_file(cli, launch, profile):
    """Another program holds the database (its lock file, as every Thidua process does): the
    restore is refused with storage.locked and the window goes on writing to the file, not to
    the store in memory it used while the file was closed."""
    import fcntl
    cli.run("demo")
    cli.run("backups", "--now")
    db = Path(profile["THIDUA_DB"])
    app = App(launch())
    app.visible("screen-overview")
    app.screen("settings")
    app.wait.until(lambda d: len(d.find_elements("css selector", "[data-testid=backup-row]")) >= 1)
    holder = open(str(db) + "-lock", "a+")
    fcntl.flock(holder, fcntl.LOCK_SH)
    try:
        app.click("backup-restore")
        app.click("restore-confirm-yes")
        # The restore waits up to 15 s for the other connection before it refuses.
        from selenium.webdriver.support.ui import WebDriverWait
        WebDriverWait(app.d, 40).until(
            lambda d: any("đang được mở" in e.text for e in d.find_elements("css selector", "[role=alert]")))
    finally:
        fcntl.flock(holder, fcntl.LOCK_UN)
        holder.close()
    assert not [p for p in db.parent.iterdir() if ".truoc-khoi-phuc-" in p.name], "nothing moved"
    # The window is on the file again: a backup now copies the file (from a store in memory it
    # would be refused, backup.no_file) and the data written before is all there.
    rows = len(app.d.find_elements("css selector", "[data-testid=backup-row]"))
    time.sleep(1.1)  # backups are named by the second
    app.click("backup-now")
    app.wait.until(lambda d: len(d.find_elements("css selector", "[data-testid=backup-row]")) == rows + 1)
    assert cli.json("backups")["files"][0]["bytes"] > 0
