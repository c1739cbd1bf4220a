"""Issue 4's flows through the real window: clusters and elections, awards from proposal to
decision, a personnel change on the person's timeline, search without diacritics, Ctrl+Z, and an
invalid date that saves nothing. Each screen is saved as a screenshot in artifacts/."""
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from app_driver import App, tid
from conftest import screenshot


@pytest.fixture()
def app(cli, launch):
    cli.run("demo")
    driver = launch()
    a = App(driver)
    a.visible("screen-overview")
    return a


def test_every_screen_renders(app):
    for name in ["overview", "clusters", "units", "events", "awards", "people", "figures", "sources", "reports", "catalogue", "history", "settings"]:
        app.screen(name)
        time.sleep(0.4)
        screenshot(app.d, f"screen-{name}")
        alerts = [e.text for e in app.d.find_elements(By.CSS_SELECTOR, "[role=alert]") if e.is_displayed()]
        assert alerts == [], f"{name}: {alerts}"
    app.screen("overview")
    app.find("series-indicator")
    app.screen("overview")
    assert "Cụm thi đua số III" in app.text("screen-overview")
    # The layout also holds at 1920×1080.
    app.d.set_window_size(1920, 1080)
    time.sleep(0.5)
    screenshot(app.d, "overview-1920x1080")
    app.screen("clusters")
    screenshot(app.d, "clusters-1920x1080")


def test_the_longest_forms_fit_the_window_and_scroll_inside_it(app):
    """At 1280×800 each screen's form stays within the window (at most 90 % of its height) and
    scrolls inside itself, so the last field and the buttons are always reachable."""
    app.d.set_window_size(1280, 800)
    time.sleep(0.3)
    for screen, new in [("awards", "awards-new"), ("figures", "figures-new"), ("events", "events-new"),
                        ("clusters", "clusters-new"), ("catalogue", "indicators-new")]:
        app.screen(screen)
        app.click(new)
        app.visible("record-form")
        box = app.d.execute_script(
            "const f = document.querySelector('[data-testid=record-form]');"
            "const r = f.getBoundingClientRect();"
            "return {top: r.top, bottom: r.bottom, inner: window.innerHeight,"
            " scroll: f.scrollHeight, client: f.clientHeight, overflow: getComputedStyle(f).overflowY};")
        assert box["top"] >= 0 and box["bottom"] <= box["inner"], f"{screen}: {box}"
        assert box["bottom"] - box["top"] <= 0.9 * box["inner"] + 1, f"{screen}: {box}"
        if box["scroll"] > box["client"]:
            assert box["overflow"] == "auto", f"{screen}: {box}"
        save = app.find("save")
        app.d.execute_script("arguments[0].scrollIntoView({block: 'nearest'})", save)
        assert save.is_displayed(), screen
        if screen == "awards":
            screenshot(app.d, "award-form-1280x800")
        app.click("cancel")
        app.gone("record-form")


def test_cluster_members_and_election(app, cli):
    app.screen("clusters")
    app.click("clusters-new")
    app.type("field-name", "Cụm thi đua số IV")
    app.type("field-region", "Nam Bộ")
    app.click("save")
    app.gone("record-form")
    app.year(2026)
    app.select("cluster-pick", str(next(c["id"] for c in cli.json("list", "clusters") if c["name"] == "Cụm thi đua số IV")))
    for i, name in enumerate(["khanh hoa", "binh dinh", "quang tri"]):
        if i:
            app.click("more-member")
        app.pick(f"new-member-{i}", name)
    app.click("add-members")
    app.pick("leader-pick", "khanh hoa")
    app.pick("deputy-0", "binh dinh")
    app.pick("deputy-1", "quang tri")
    app.click("elect")
    app.wait_text("membership-grid", "CT")
    screenshot(app.d, "clusters-elected")
    members = [m for m in cli.json("list", "members", "--year", "2026") if m["cluster"] == "Cụm thi đua số IV"]
    roles = sorted((m["province"], m["role_label"]) for m in members)
    assert roles == [("Bình Định", "Cụm phó"), ("Khánh Hòa", "Cụm trưởng"), ("Quảng Trị", "Cụm phó")]


def test_award_proposal_then_decision(app, cli):
    app.screen("awards")
    app.year(2026)
    app.click("awards-new")
    app.pick("field-form_id", "bang khen")
    app.pick("field-recipient_unit_id", "binh dinh")
    app.click("save")
    app.gone("record-form")
    award = next(a for a in cli.json("list", "awards", "--year", "2026"))
    assert award["status"] == "de_nghi" and award["status_label"] == "Đề nghị" and award["recipient"] == "Ban Tổ chức Tỉnh ủy Bình Định"
    app.click(f"select-{award['id']}")
    app.type("decision-number", "219-QĐ/BTCTW")
    app.type("decision-date", "15/01/2027")
    app.type("decision-signer", "Trưởng Ban Tổ chức Trung ương")
    app.click("decide")
    app.wait.until(lambda d: cli.json("list", "awards", "--year", "2026")[0]["status"] == "da_quyet_dinh")
    decided = cli.json("list", "awards", "--year", "2026")[0]
    assert decided["decision_number"] == "219-QĐ/BTCTW"
    assert decided["decision_date"] == "2027-01-15"
    app.click("status-da_quyet_dinh")
    screenshot(app.d, "awards-decided")


def test_personnel_change_on_the_timeline(app, cli):
    app.screen("people")
    app.click("changes-new")
    app.pick("field-person_id", "nguyen gio")
    app.select("field-kind", "luan_chuyen")
    app.type("field-to_title", "Phó Bí thư Tỉnh ủy")
    app.type("field-decision_number", "123-QĐ/TW")
    app.type("field-decision_date", "01/10/2025")
    app.click("save")
    app.gone("record-form")
    app.type("people-filter", "gio")
    app.wait.until(lambda d: len(app.rows("people-table")) == 1)
    app.rows("people-table")[0].click()
    assert app.wait_text("person-name", "Nguyễn Giờ")
    timeline = app.wait_text("timeline", "Phó Bí thư Tỉnh ủy")
    assert "01/10/2025" in timeline
    screenshot(app.d, "person-timeline")


def test_search_without_diacritics_finds_the_record(app):
    app.keys(Keys.CONTROL, "k")
    app.type("search-input", "khanh hoa", clear=False)
    app.wait_text("search-results", "Khánh Hòa")
    screenshot(app.d, "search")
    results = app.d.find_elements(By.CSS_SELECTOR, f"{tid('search-results')} button")
    assert any("Ban Tổ chức Tỉnh ủy Khánh Hòa" in r.text for r in results)
    app.find("search-input").send_keys(Keys.ESCAPE)


def test_ctrl_z_undoes_the_last_change(app, cli):
    before = len(cli.json("list", "clusters"))
    app.screen("clusters")
    app.click("clusters-new")
    app.type("field-name", "Cụm tạm")
    app.click("save")
    app.gone("record-form")
    assert len(cli.json("list", "clusters")) == before + 1
    # Focus outside any text field (there Ctrl+Z undoes typing instead).
    app.click("nav-clusters")
    app.keys(Keys.CONTROL, "z")
    app.wait.until(lambda d: len(cli.json("list", "clusters")) == before)
    assert "Đã hoàn tác" in app.text("toast")


def test_invalid_date_shows_the_message_and_saves_nothing(app, cli):
    before = cli.run("export", "/dev/stdout")
    events = len(cli.json("list", "events"))
    app.screen("events")
    app.click("events-new")
    app.type("field-name", "Hội nghị giao ban quý I")
    app.type("field-date", "31/02/2024")
    app.keys(Keys.CONTROL, "s")
    assert app.text("error-date") == "Tháng 2/2024 không có ngày 31."
    screenshot(app.d, "invalid-date")
    assert len(cli.json("list", "events")) == events
    app.click("cancel")
    app.click("discard")
    assert cli.run("export", "/dev/stdout").count('"id"') == before.count('"id"')


def test_english_is_selectable_in_settings(app):
    app.screen("settings")
    app.select("language", "en")
    app.wait_text("nav-overview", "Overview")
    app.screen("awards")
    header = app.text("awards-table")
    assert "Recipient" in header and "Decision no." in header
    screenshot(app.d, "english-awards")
    app.screen("settings")
    app.select("language", "vi")
    app.wait_text("nav-overview", "Tổng quan")


def test_deleting_a_referenced_unit_asks_then_cascades_and_undo_restores(app, cli):
    units = {u["name"]: u["id"] for u in cli.json("list", "units")}
    kh = units["Ban Tổ chức Tỉnh ủy Khánh Hòa"]
    members = len(cli.json("list", "members"))
    app.screen("clusters")
    cluster = next(c["id"] for c in cli.json("list", "clusters") if c["name"] == "Cụm thi đua số III")
    app.select("cluster-pick", str(cluster))
    app.wait.until(lambda d: "Khánh Hòa" in app.text("membership-grid"))
    app.screen("units")
    app.type("units-filter", "khanh hoa")
    app.wait.until(lambda d: len(app.rows("units-table")) == 1)
    app.rows("units-table")[0].click()
    app.click("delete")
    message = app.text("confirm-cascade")
    assert "Không xóa được đơn vị này" in message and "Thành viên cụm" in message
    screenshot(app.d, "delete-referenced")
    assert kh in {u["id"] for u in cli.json("list", "units")}, "nothing deleted before confirming"
    app.click("delete-cascade")
    app.gone("record-form")
    assert kh not in {u["id"] for u in cli.json("list", "units")}
    assert all(m["unit_id"] != kh for m in cli.json("list", "members"))
    # The membership grid follows the change set, without a dangling row.
    app.screen("clusters")
    app.select("cluster-pick", str(cluster))
    app.wait.until(lambda d: "Khánh Hòa" not in app.text("membership-grid"))
    app.click("nav-clusters")
    app.keys(Keys.CONTROL, "z")
    app.wait.until(lambda d: len(cli.json("list", "members")) == members)
    app.wait.until(lambda d: "Khánh Hòa" in app.text("membership-grid"))
