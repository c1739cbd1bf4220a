"""The .deb package: it carries the app, a desktop entry and an icon; apt-get installs it on this
machine, and the installed app opens on its first screen. Runs when THIDUA_DEB names the package
(`./dev.sh test` builds one) and the tests run as root (apt-get needs it)."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import screenshot

DEB = os.environ.get("THIDUA_DEB")
pytestmark = pytest.mark.skipif(
    not DEB or os.geteuid() != 0, reason="needs THIDUA_DEB and root to install the package"
)


def test_package_contents():
    contents = subprocess.run(["dpkg-deb", "-c", DEB], check=True, capture_output=True, text=True).stdout
    assert " usr/bin/thidua-app" in contents
    assert " usr/share/applications/Thidua.desktop" in contents
    assert " usr/share/icons/hicolor/128x128/apps/thidua-app.png" in contents
    info = subprocess.run(["dpkg-deb", "-I", DEB], check=True, capture_output=True, text=True).stdout
    assert "Package: thidua" in info
    assert "libwebkit2gtk-4.1-0" in info, "depends on the WebKitGTK runtime"


def test_installed_app_opens_on_its_first_screen(cli, launch):
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--reinstall", str(Path(DEB).resolve())],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        capture_output=True,
    )
    installed = shutil.which("thidua-app") or "/usr/bin/thidua-app"
    assert Path(installed).exists()
    desktop = Path("/usr/share/applications/Thidua.desktop").read_text()
    assert "Exec=thidua-app" in desktop and "Name=Thidua" in desktop
    cli.run("demo")
    driver = launch(installed)
    WebDriverWait(driver, 20).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=record-counts] tbody tr"))
    )
    assert "Thidua" in driver.title
    screenshot(driver, "installed-package")
