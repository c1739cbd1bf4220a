"""A whole dev article (shared/articles-dev d01: a cluster's year-end conference, its 11 members,
the host, a speaker and a figure) recorded in the real window from an empty database, by keyboard
and paste only; then the CLI's export is checked against the article's gold facts, and the
keystrokes and clicks it took are reported (artifacts/record-d01.txt)."""
import json
from pathlib import Path

from selenium.webdriver.common.keys import Keys

from app_driver import App
from conftest import ARTIFACTS, screenshot

GOLD = json.loads((Path(__file__).parents[2] / "crates/core/tests/facts/dev/d01.json").read_text())


def test_record_d01_by_keyboard_and_paste(cli, launch):
    cli.run("init")
    app = App(launch())
    app.visible("screen-overview")
    ev, cl = GOLD["event"], GOLD["cluster"]

    # The cluster, then its members for the year under review, pasted as the article lists them.
    app.screen("clusters")
    app.keys(Keys.CONTROL, "n")
    app.paste("field-name", cl["name"])
    app.keys(Keys.CONTROL, "s")
    app.gone("record-form")
    app.year(ev["year_covered"])
    app.paste("paste-members", ", ".join(cl["members"]))
    app.click("paste-check-button")
    app.click("paste-confirm")
    app.wait.until(lambda d: "Tiền Giang" in app.text("membership-grid"))

    # The conference: typed date, pasted wording, the host picked by its province.
    app.screen("events")
    app.keys(Keys.CONTROL, "n")
    app.paste("field-name", ev["name_vi"])
    app.type("field-date", "05/01/2018")
    app.paste("field-place", ev["place"])
    app.pick("field-host_unit_id", "binh duong")
    app.pick("field-cluster_id", "so 4")
    app.type("field-year_covered", str(ev["year_covered"]))
    app.paste("field-organizer", ev["organizer"])
    app.paste("field-note", ev["note"])
    app.keys(Keys.CONTROL, "s")
    app.gone("record-form")

    # The speaker: a new person created from the picker, the title pasted.
    person = GOLD["people"][0]
    app.click("participants-new")
    app.pick("field-event_id", "tong ket")
    app.paste("field-person_id", person["name"])
    app.press("field-person_id", Keys.ARROW_DOWN, Keys.ENTER)
    app.wait.until(lambda d: any(p["full_name"] == person["name"] for p in cli.json("list", "people")))
    app.paste("field-title", person["title"])
    app.keys(Keys.CONTROL, "s")
    app.gone("record-form")

    # The figure: a new indicator from its wording, the cluster as its scope.
    stat = GOLD["stats"][0]
    app.screen("figures")
    app.year(ev["year_covered"])
    app.keys(Keys.CONTROL, "n")
    app.paste("field-indicator_id", stat["label_vi"])
    app.press("field-indicator_id", Keys.ARROW_DOWN, Keys.ENTER)
    app.wait.until(lambda d: any(i["label"] == stat["label_vi"] for i in cli.json("list", "indicators")))
    app.pick("field-scope_cluster_id", "so 4")
    app.type("field-value", str(stat["value"]))
    app.paste("field-unit_as_written", stat["unit"])
    app.keys(Keys.CONTROL, "s")
    app.gone("record-form")
    screenshot(app.d, "record-d01")

    # The export holds the article's facts.
    out = Path(cli.env["THIDUA_DB"]).with_name("d01-export.json")
    cli.run("export", str(out))
    export = json.loads(out.read_text())
    records = export["records"]
    members = [m for m in cli.json("list", "members", "--year", str(ev["year_covered"]))]
    assert len(members) == len(cl["members"]) == 11
    units = {u["id"]: u for u in cli.json("list", "units")}
    assert {units[m["unit_id"]]["province"] for m in members} >= {"Tiền Giang", "Bình Dương", "Long An", "Lâm Đồng"}
    event = next(e for e in cli.json("list", "events") if e["name"] == ev["name_vi"])
    assert (event["date_year"], event["date_month"], event["date_day"]) == (2018, 1, 5)
    assert event["year_covered"] == 2017 and event["place"] == ev["place"]
    assert event["host"] == "Ban Tổ chức Tỉnh ủy Bình Dương" and event["organizer"] == ev["organizer"]
    assert event["cluster"] == cl["name"]
    participant = next(p for p in cli.json("list", "participants") if p["person"] == person["name"])
    assert participant["title"] == person["title"]
    figure = cli.json("list", "figures")[0]
    assert figure["value"] == stat["value"] and figure["scope"] == cl["name"] and figure["period_year"] == 2017
    assert any(r.get("note") == ev["note"] for r in records["events"])

    ARTIFACTS.mkdir(exist_ok=True)
    report = f"d01 recorded by keyboard and paste: {app.keystrokes} keystrokes, {app.clicks} clicks\n"
    (ARTIFACTS / "record-d01.txt").write_text(report)
    print(report)
    assert app.keystrokes < 250 and app.clicks < 30, report
