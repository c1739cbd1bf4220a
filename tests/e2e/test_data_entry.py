"""Data entry that never loses what was typed: a picker's unmatched text blocks the save and can
be created on the spot; Ctrl+N opens one form; Enter in a text field does not save."""
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from app_driver import App
from conftest import screenshot


@pytest.fixture()
def app(cli, launch):
    cli.run("demo")
    a = App(launch())
    a.visible("screen-overview")
    return a


def test_unmatched_picker_text_blocks_the_save_then_is_created(app, cli):
    awards = len(cli.json("list", "awards"))
    app.screen("awards")
    app.click("awards-new")
    app.pick("field-form_id", "bang khen")
    app.type("field-recipient_unit_id", "Huyện ủy Đức Trọng")
    time.sleep(0.3)
    app.click("save")
    message = app.text("error-recipient_unit_id")
    assert "«Huyện ủy Đức Trọng» chưa khớp" in message, message
    assert len(cli.json("list", "awards")) == awards, "nothing saved while text is unmatched"
    screenshot(app.d, "picker-unmatched")
    # The last choice creates the unit, its kind read from the name.
    field = app.visible("field-recipient_unit_id")
    field.click()
    app.visible("field-recipient_unit_id-create")
    field.send_keys(Keys.ARROW_DOWN)
    field.send_keys(Keys.ENTER)
    app.wait.until(lambda d: any(u["name"] == "Huyện ủy Đức Trọng" for u in cli.json("list", "units")))
    unit = next(u for u in cli.json("list", "units") if u["name"] == "Huyện ủy Đức Trọng")
    assert unit["kind"] == "huyen_uy"
    app.click("save")
    app.gone("record-form")
    assert any(a["recipient"] == "Huyện ủy Đức Trọng" for a in cli.json("list", "awards"))


def test_ctrl_n_opens_one_form_for_the_screens_main_kind(app):
    app.screen("clusters")
    app.click("nav-clusters")
    app.keys(Keys.CONTROL, "n")
    form = app.visible("record-form")
    time.sleep(0.5)
    assert len(app.d.find_elements(By.CSS_SELECTOR, "[data-testid=record-form]")) == 1
    assert form.get_attribute("data-kind") == "cluster"
    app.keys(Keys.ESCAPE)
    app.gone("record-form")


def test_enter_in_a_text_field_does_not_save(app, cli):
    events = len(cli.json("list", "events"))
    app.screen("events")
    app.click("events-new")
    app.type("field-name", "Hội nghị chỉ có tên").send_keys(Keys.ENTER)
    time.sleep(0.8)
    assert app.visible("record-form")
    assert len(cli.json("list", "events")) == events
    app.click("cancel")
    app.click("discard")


def value_of(app, testid: str):
    """A field's value, or None while the page replaces it."""
    try:
        return app.d.find_element(By.CSS_SELECTOR, f'[data-testid="{testid}"]').get_attribute("value")
    except Exception:
        return None


def heading(app) -> str:
    return app.d.find_element(By.CSS_SELECTOR, "[data-testid=screen-overview] h1").text


def test_the_year_control_and_the_screens_agree_both_ways(app, cli):
    # Typed: any year, even one without records.
    app.year(2016)
    app.wait.until(lambda d: heading(app).endswith("2016"))
    # Stepped forward and back.
    app.click("year-next")
    app.wait.until(lambda d: heading(app).endswith("2017"))
    app.click("year-prev")
    app.click("year-prev")
    app.wait.until(lambda d: heading(app).endswith("2015"))
    # Out of range: refused with a message, the year stays.
    el = app.visible("year")
    el.send_keys(Keys.CONTROL, "a")
    el.send_keys("1800", Keys.ENTER)
    assert "1930" in app.text("year-error")
    assert app.find("year").get_attribute("value") == "2015"
    # A record saved for another year brings the screens to its year, not out of view.
    app.screen("events")
    app.click("events-new")
    app.type("field-name", "Hội nghị giao ban năm 2020")
    app.type("field-date", "20/05/2020")
    # The year under review follows the date typed (the header said 2015).
    app.wait.until(lambda d: app.find("field-year_covered").get_attribute("value") == "2020")
    app.click("save")
    app.gone("record-form")
    app.wait.until(lambda d: app.find("year").get_attribute("value") == "2020")
    # textContent: WebKitWebDriver reports no visible text for rows of a freshly re-rendered table.
    app.wait.until(
        lambda d: any("Hội nghị giao ban năm 2020" in (r.get_attribute("textContent") or "") for r in app.rows("events-table"))
    )
    assert "năm 2020" in app.text("toast")
    screenshot(app.d, "year-follows-saved-record")


def test_a_pasted_member_list_is_checked_then_recorded_at_once(app, cli):
    app.screen("clusters")
    cluster = next(c["id"] for c in cli.json("list", "clusters") if c["name"] == "Cụm thi đua số 2")
    app.select("cluster-pick", str(cluster))
    app.year(2024)
    app.paste("paste-members", "Cụm gồm: Hà Nam, Ninh Bình, Nam Định và Thái Bình\nHuyện ủy Mới Lập")
    app.click("paste-check-button")
    check = app.text("paste-check")
    assert "Ban Tổ chức Tỉnh ủy Hà Nam" in check and "Huyện ủy Mới Lập" in check
    assert "đơn vị mới" in check
    assert not any(u["name"] == "Huyện ủy Mới Lập" for u in cli.json("list", "units")), "the check writes nothing"
    screenshot(app.d, "paste-members-check")
    app.click("paste-confirm")
    app.wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-testid=paste-check]"))
    app.wait.until(lambda d: len([m for m in cli.json("list", "members", "--year", "2024") if m["cluster_id"] == cluster]) == 5)
    assert any(u["name"] == "Huyện ủy Mới Lập" and u["kind"] == "huyen_uy" for u in cli.json("list", "units"))
    app.wait_text("membership-grid", "Huyện ủy Mới Lập")


def test_save_and_add_another_keeps_the_shared_fields(app, cli):
    app.screen("awards")
    app.year(2023)
    app.click("awards-new")
    app.pick("field-form_id", "bang khen")
    app.type("field-granting_body", "Ban Tổ chức Trung ương")
    app.pick("field-recipient_unit_id", "binh dinh")
    before = len(cli.json("list", "awards", "--year", "2023"))
    app.click("save-next")
    app.wait.until(lambda d: len(cli.json("list", "awards", "--year", "2023")) == before + 1)
    # A fresh form with the form of award and the granting body kept, the recipient empty (the
    # form is recreated: read the fields anew each time).
    app.wait.until(lambda d: value_of(app, "field-recipient_unit_id") == "")
    app.wait.until(lambda d: value_of(app, "field-form_id") == "Bằng khen")
    assert value_of(app, "field-granting_body") == "Ban Tổ chức Trung ương"
    app.pick("field-recipient_unit_id", "quang tri")
    app.click("save")
    app.gone("record-form")
    given = [a for a in cli.json("list", "awards", "--year", "2023") if a["form"] == "Bằng khen" and a["recipient"]]
    assert {a["recipient"] for a in given} >= {"Ban Tổ chức Tỉnh ủy Bình Định", "Ban Tổ chức Tỉnh ủy Quảng Trị"}
    assert all(a["granting_body"] == "Ban Tổ chức Trung ương" for a in given)


def test_reference_lists_are_the_clerks(app, cli):
    app.screen("catalogue")
    app.click("indicators-new")
    app.type("field-label", "Tổng số đảng viên")
    app.type("field-code", "tong_so_dang_vien")
    app.click("save")
    app.gone("record-form")
    indicators = cli.json("list", "indicators")
    new = next(i for i in indicators if i["label"] == "Tổng số đảng viên")
    other = next(i for i in indicators if i["code"] == "ket_nap_dang_vien")
    # Merge the new one into an existing indicator, keeping the existing one.
    app.type("indicators-filter", "dang vien")
    app.click(f"select-{new['id']}")
    app.click(f"select-{other['id']}")
    app.d.find_element(By.CSS_SELECTOR, f"input[name=keep][value='{other['id']}']").click()
    app.click("merge-go")
    app.wait.until(lambda d: all(i["id"] != new["id"] for i in cli.json("list", "indicators")))
    screenshot(app.d, "catalogue")


def test_code_lists_are_edited_on_the_catalogue_screen(app, cli):
    """An event kind is added, used, renamed (the events list follows) and retired (no longer
    offered to a new event, still shown on the old one); undo takes the retirement back."""
    app.screen("catalogue")
    app.select("code-list", "event_kind")
    app.click("code-entries-new")
    app.type("field-label", "Hội nghị chuyên đề")
    app.click("save")
    app.gone("record-form")
    entry = next(e for e in cli.json("list", "code-entries") if e["label"] == "Hội nghị chuyên đề")
    assert entry["code"] == "hoi_nghi_chuyen_de" and entry["list"] == "event_kind"

    app.screen("events")
    app.year(2024)
    app.click("events-new")
    app.type("field-name", "Hội nghị chuyên đề về công tác cán bộ")
    app.type("field-date", "15/03/2024")
    app.select("field-kind", "hoi_nghi_chuyen_de")
    app.click("save")
    app.gone("record-form")
    event = next(e for e in cli.json("list", "events") if e["name"].startswith("Hội nghị chuyên đề về"))
    assert event["kind_label"] == "Hội nghị chuyên đề"

    app.screen("catalogue")
    app.select("code-list", "event_kind")
    app.type("code-entries-filter", "chuyen de")
    app.wait.until(lambda d: len(app.rows("code-entries-table")) == 1)
    app.rows("code-entries-table")[0].click()
    assert app.visible("field-code").get_attribute("readonly") is not None, "a saved code is fixed"
    app.type("field-label", "Hội nghị chuyên đề, chuyên sâu")
    app.click("field-retired")
    app.click("save")
    app.gone("record-form")
    screenshot(app.d, "catalogue-code-lists")
    event = next(e for e in cli.json("list", "events") if e["name"].startswith("Hội nghị chuyên đề về"))
    assert event["kind_label"] == "Hội nghị chuyên đề, chuyên sâu"

    app.screen("events")
    app.click("events-new")
    kinds = [o.get_attribute("value") for o in app.visible("field-kind").find_elements(By.TAG_NAME, "option")]
    assert "hoi_nghi_chuyen_de" not in kinds, "a retired entry is not offered to a new record"
    app.click("cancel")
    app.gone("record-form")
    cli.run("undo")
    assert next(e for e in cli.json("list", "code-entries") if e["id"] == entry["id"])["retired"] is False


def test_a_title_at_an_event_goes_on_the_timeline_with_one_click(app, cli):
    app.screen("people")
    app.type("people-filter", "gio")
    app.wait.until(lambda d: len(app.rows("people-table")) == 1)
    app.rows("people-table")[0].click()
    app.wait_text("person-name", "Nguyễn Giờ")
    button = app.d.find_element(By.CSS_SELECTOR, "[data-testid^=to-timeline-]")
    button.click()
    timeline = app.wait_text("timeline", "Trưởng Ban Tổ chức Tỉnh ủy")
    assert "08/12/2023" in timeline


def test_attendees_and_pledge_signatories_are_pasted_too(app, cli):
    event = next(e for e in cli.json("list", "events") if e["year_covered"] == 2023 and e["kind"] == "tong_ket")
    def sons():
        return [p for p in cli.json("list", "participants") if p["person"] == "Cao Hoàng Sơn" and p["event_id"] == event["id"]]

    already = len(sons())
    app.screen("events")
    app.year(2023)
    app.select("participants-event", str(event["id"]))
    app.paste("paste-people", "Phạm Văn Cành, Phó Bí thư Thường trực Tỉnh ủy\nVụ trưởng Vụ Địa phương II Cao Hoàng Sơn")
    app.click("paste-people-check-button")
    assert "Phạm Văn Cành" in app.text("paste-people-check")
    app.click("paste-people-confirm")
    app.wait.until(lambda d: any(p["person"] == "Phạm Văn Cành" and p["event_id"] == event["id"] for p in cli.json("list", "participants")))
    assert len(sons()) == already, "a person already at the event is not added again"

    app.screen("clusters")
    cluster = next(c["id"] for c in cli.json("list", "clusters") if c["name"] == "Cụm thi đua số 2")
    app.select("cluster-pick", str(cluster))
    app.year(2024)
    app.select("paste-as", "signatories")
    app.paste("paste-members", "Hà Nam, Ninh Bình")
    app.click("paste-check-button")
    app.click("paste-confirm")
    app.wait.until(lambda d: any(p["cluster_id"] == cluster and p["signatory_count"] == 2 for p in cli.json("list", "pledges", "--year", "2024")))
