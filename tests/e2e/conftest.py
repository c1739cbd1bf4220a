"""Fixtures that launch the real Thidua app under tauri-driver (WebDriver) on a throwaway profile.

Environment (set by ./dev.sh test):
  THIDUA_APP         the built app binary (with the UI embedded)
  THIDUA_CLI         the built `thidua` CLI
  TAURI_DRIVER       the tauri-driver binary
The display comes from xvfb-run.
"""
import json
import os
import socket
import subprocess
import time
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.options import ArgOptions

ARTIFACTS = Path(__file__).parent / "artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_listening(port: int, proc: subprocess.Popen, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"tauri-driver exited early with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError("tauri-driver did not start listening")


@pytest.fixture()
def profile(tmp_path):
    """A clean XDG profile and database path, so tests never touch the user's own files."""
    env = dict(os.environ)
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        d = tmp_path / var.lower()
        d.mkdir()
        env[var] = str(d)
    env["THIDUA_DB"] = str(tmp_path / "e2e.sqlite3")
    return env


class Cli:
    def __init__(self, env):
        self.env = env
        self.binary = os.environ["THIDUA_CLI"]

    def run(self, *args: str) -> str:
        out = subprocess.run(
            [self.binary, *args], env=self.env, check=True, capture_output=True, text=True
        )
        return out.stdout

    def json(self, *args: str):
        return json.loads(self.run(*args, "--json"))


@pytest.fixture()
def cli(profile):
    return Cli(profile)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.failed_call = report.failed


@pytest.fixture()
def launch(profile, request):
    """Returns a function that starts the app on the profile's database and gives a WebDriver."""
    started = []

    def _launch(application=None):
        port = _free_port()
        native_port = _free_port()
        driver_proc = subprocess.Popen(
            [os.environ["TAURI_DRIVER"], "--port", str(port), "--native-port", str(native_port)],
            env=profile,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append((driver_proc, None))
        _wait_listening(port, driver_proc)
        # tauri-driver answers before the WebKitWebDriver it starts does; a session requested in
        # between is dropped.
        _wait_listening(native_port, driver_proc)
        options = ArgOptions()
        options.set_capability("browserName", "wry")
        app_path = application or os.environ["THIDUA_APP"]
        options.set_capability("tauri:options", {"application": app_path})
        t0 = time.monotonic()
        driver = webdriver.Remote(command_executor=f"http://127.0.0.1:{port}", options=options)
        driver.launch_seconds = time.monotonic() - t0
        started[-1] = (driver_proc, driver)
        return driver

    yield _launch
    for driver_proc, driver in started:
        if driver is not None and getattr(request.node, "failed_call", False):
            try:
                screenshot(driver, f"FAILED-{request.node.name}")
            except Exception:
                pass
        if driver is not None:
            try:
                driver.quit()
            except Exception:
                pass
        driver_proc.terminate()
        try:
            driver_proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            driver_proc.kill()


def screenshot(driver, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    # WebKit hands back the last painted frame: let the page paint what the DOM now holds.
    try:
        driver.execute_async_script(
            "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));"
        )
    except Exception:
        pass
    time.sleep(0.5)
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path
