"""A list of 100.000 people loads, sorts by given name and scrolls: only the rows in view are in
the page (virtualized)."""
import json
import time

from selenium.webdriver.common.by import By

from app_driver import App, tid
from conftest import ARTIFACTS, screenshot

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quang"]
GIVEN = ["An", "Ánh", "Bình", "Chín", "Dũng", "Đức", "Giang", "Hải", "Hòa", "Khánh", "Lan", "Ơn", "Phượng", "Sơn", "Tùng", "Vân", "Yến"]
N = 100_000


def test_hundred_thousand_people_scroll(cli, launch, tmp_path):
    base = tmp_path / "base.json"
    cli.run("--db", str(tmp_path / "empty.sqlite3"), "export", str(base))
    data = json.loads(base.read_text())
    people = []
    # 1.360 names × 74 birth years: no two people share both (an import refuses what a save
    # would, and a save refuses a second person of the same name and birth year).
    for i in range(N):
        f, m, g = FAMILY[i % 10], MIDDLE[(i // 10) % 8], GIVEN[(i // 80) % 17]
        people.append({"id": i + 1, "full_name": f"{f} {m} {g}", "family_name": f, "middle_name": m,
                       "given_name": g, "gender": None, "birth_year": 1940 + (i // 1360) % 74, "note": None, "deleted_at": None})
    data["records"]["people"] = people
    big = tmp_path / "big.json"
    big.write_text(json.dumps(data, ensure_ascii=False))
    cli.run("import", str(big))

    t0 = time.monotonic()
    driver = launch()
    app = App(driver)
    app.visible("screen-overview")
    app.screen("people")
    app.wait.until(lambda d: "100.000" in d.find_element(By.CSS_SELECTOR, f"{tid('people')} h2").text)
    loaded = time.monotonic() - t0
    texts = lambda: driver.execute_script(  # noqa: E731
        "return [...arguments[0].querySelectorAll('.row')].map(r => r.textContent.trim())",
        driver.find_element(By.CSS_SELECTOR, tid("people-table")))
    app.wait.until(lambda d: texts())
    assert len(texts()) < 100, "rows outside the view must not be in the page"
    # Sorted by given name, then family name in Vietnamese order: An before Ánh, Đặng first.
    assert texts()[0].startswith("Đặng Đức An"), texts()[0]

    body = driver.find_element(By.CSS_SELECTOR, f"{tid('people-table')} .body")
    t1 = time.monotonic()
    for frac in (0.25, 0.5, 0.75, 1.0):
        driver.execute_script("arguments[0].scrollTop = arguments[0].scrollHeight * arguments[1]", body, frac)
        time.sleep(0.05)
    app.wait.until(lambda d: any("Yến" in t for t in texts()))
    scrolled = time.monotonic() - t1
    screenshot(driver, "people-100000")
    (ARTIFACTS / "large-list.txt").write_text(
        f"100.000 people: launch to list shown {loaded:.2f} s; scroll to the end {scrolled:.2f} s; "
        f"{len(texts())} rows in the page\n"
    )
