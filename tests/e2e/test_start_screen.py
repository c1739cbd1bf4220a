"""The window opens on the start screen and shows the same record counts as `thidua info`."""
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ARTIFACTS, screenshot


def _shown_counts(driver):
    WebDriverWait(driver, 20).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=record-counts] tbody tr"))
    )
    rows = driver.find_elements(By.CSS_SELECTOR, "[data-testid=record-counts] tbody tr")
    return {r.get_attribute("data-kind"): int(r.get_attribute("data-count")) for r in rows}


def test_start_screen_counts_match_cli(cli, launch):
    cli.run("demo")
    info = cli.json("info")
    expected = {c["kind"]: c["count"] for c in info["counts"]}
    assert sum(expected.values()) > 0, "the sample data should give non-zero counts"

    t0 = time.monotonic()
    driver = launch()
    shown = _shown_counts(driver)
    first_screen = time.monotonic() - t0
    screenshot(driver, "start")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "launch-time.txt").write_text(f"launch to first screen: {first_screen:.2f} s\n")
    print(f"launch to first screen: {first_screen:.2f}s")

    assert shown == expected
    assert driver.title == "Thidua — Sổ thi đua"
    path = driver.find_element(By.CSS_SELECTOR, "[data-testid=db-path]").text
    assert path == info["path"]
    version = driver.find_element(By.CSS_SELECTOR, "[data-testid=schema-version]").text
    assert int(version) == info["schema_version"]


def test_counts_are_shown_in_vietnamese_number_format(cli, launch):
    cli.run("init")
    driver = launch()
    _shown_counts(driver)
    labels = [
        td.text
        for td in driver.find_elements(By.CSS_SELECTOR, "[data-testid=record-counts] tbody td:first-child")
    ]
    assert "Cụm thi đua" in labels and "Khen thưởng" in labels
