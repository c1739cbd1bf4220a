"""The desktop app measured beside a bare Tauri 2 window built in the same run: launch to first
screen, memory of all processes (PSS, from /proc/PID/smaps_rollup) after opening each screen once,
and the time to show a 100.000-row list. A benchmark, not a test: it prints a table and writes
JSON; nothing fails on a figure.

Environment (set by ./dev.sh bench): THIDUA_APP, BARE_WINDOW (release binaries with their pages
embedded), TAURI_DRIVER, THIDUA_DB (the 20-year database), THIDUA_DB_100K (100.000 people),
BENCH_OUT (the JSON file). The display comes from xvfb-run.
"""
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
from app_driver import App, tid  # noqa: E402
from conftest import _free_port, _wait_listening  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.options import ArgOptions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def profile(tmp: Path, db: Path | None) -> dict:
    env = dict(os.environ)
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        d = tmp / var.lower()
        d.mkdir(parents=True, exist_ok=True)
        env[var] = str(d)
    if db is not None:
        env["THIDUA_DB"] = str(db)
    return env


class Session:
    """One app started through tauri-driver; `seconds` counts from the session request."""

    def __init__(self, binary: str, env: dict):
        port, native = _free_port(), _free_port()
        self.driver_proc = subprocess.Popen(
            [os.environ["TAURI_DRIVER"], "--port", str(port), "--native-port", str(native)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_listening(port, self.driver_proc)
        _wait_listening(native, self.driver_proc)
        options = ArgOptions()
        options.set_capability("browserName", "wry")
        options.set_capability("tauri:options", {"application": binary})
        self.binary = binary
        self.t0 = time.monotonic()
        self.d = webdriver.Remote(command_executor=f"http://127.0.0.1:{port}", options=options)

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.close()

    def since(self) -> float:
        return time.monotonic() - self.t0

    def close(self):
        try:
            self.d.quit()
        except Exception:
            pass
        self.driver_proc.terminate()
        try:
            self.driver_proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.driver_proc.kill()


def parents() -> dict:
    out = {}
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                stat = (p / "stat").read_text()
                out[int(p.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            except OSError:
                pass
    return out


def tree_of(binary: str) -> list[int]:
    """The process running `binary` and all its descendants (WebKit's web and network processes)."""
    real = os.path.realpath(binary)
    ppid = parents()
    roots = []
    for pid in ppid:
        try:
            if os.path.realpath(f"/proc/{pid}/exe") == real:
                roots.append(pid)
        except OSError:
            pass
    found = set(roots)
    grew = True
    while grew:
        grew = False
        for pid, parent in ppid.items():
            if parent in found and pid not in found:
                found.add(pid)
                grew = True
    return sorted(found)


def pss_mb(pids: list[int]) -> tuple[float, dict]:
    total, each = 0.0, {}
    for pid in pids:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            name = Path(f"/proc/{pid}/comm").read_text().strip()
        except OSError:
            continue
        kb = next(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
        total += kb / 1024
        each[name] = each.get(name, 0) + kb / 1024
    return total, each


def app_run(tmp: Path) -> dict:
    with Session(os.environ["THIDUA_APP"], profile(tmp, Path(os.environ["THIDUA_DB"]))) as s:
        app = App(s.d)
        app.visible("screen-overview")
        launch = s.since()
        time.sleep(1.0)
        first, first_each = pss_mb(tree_of(s.binary))
        screens = s.d.execute_script(
            "return [...document.querySelectorAll('[data-testid^=\"nav-\"]')]"
            ".map(e => e.dataset.testid.slice(4))")
        for name in screens:
            app.screen(name)
        time.sleep(1.0)
        total, each = pss_mb(tree_of(s.binary))
        if os.environ.get("BENCH_SMAPS"):
            for pid in tree_of(s.binary):
                Path(os.environ["BENCH_SMAPS"] + f".{pid}").write_text(Path(f"/proc/{pid}/smaps").read_text())
        return {"launch_s": launch, "pss_mb": total, "pss_by_process": each, "screens": screens,
                "first_screen_pss_mb": first, "first_screen_pss_by_process": first_each}


def bare_run(tmp: Path) -> dict:
    with Session(os.environ["BARE_WINDOW"], profile(tmp, None)) as s:
        WebDriverWait(s.d, 15).until(lambda d: d.find_elements(By.ID, "ready"))
        launch = s.since()
        time.sleep(1.0)
        total, each = pss_mb(tree_of(s.binary))
        return {"launch_s": launch, "pss_mb": total, "pss_by_process": each}


def list_run(tmp: Path) -> dict:
    with Session(os.environ["THIDUA_APP"], profile(tmp, Path(os.environ["THIDUA_DB_100K"]))) as s:
        app = App(s.d)
        app.visible("screen-overview")
        t = time.monotonic()
        app.screen("people")
        app.wait.until(lambda d: "100.000" in d.find_element(By.CSS_SELECTOR, f"{tid('people')} h2").text)
        shown = time.monotonic() - t
        return {"list_s": shown, "launch_s": s.since() - shown}


def median(rows: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in rows)


def main():
    tmp = Path(os.environ.get("BENCH_TMP", "/tmp/thidua-app-bench"))
    apps, bares, lists = [], [], []
    for i in range(RUNS):
        # Alternated, so a slow moment of the machine falls on both.
        bares.append(bare_run(tmp / f"bare-{i}"))
        apps.append(app_run(tmp / f"app-{i}"))
    for i in range(3):
        lists.append(list_run(tmp / f"list-{i}"))
    result = {
        "runs": RUNS,
        "app": apps, "bare": bares, "list_100k": lists,
        "app_launch_s": median(apps, "launch_s"), "bare_launch_s": median(bares, "launch_s"),
        "app_pss_mb": median(apps, "pss_mb"), "bare_pss_mb": median(bares, "pss_mb"),
        "list_100k_s": median(lists, "list_s"),
    }
    result["launch_ratio"] = result["app_launch_s"] / result["bare_launch_s"]
    result["pss_ratio"] = result["app_pss_mb"] / result["bare_pss_mb"]
    Path(os.environ.get("BENCH_OUT", "app-bench.json")).write_text(json.dumps(result, indent=1, ensure_ascii=False))
    vn = lambda v, d=2: f"{v:,.{d}f}".replace(",", " ").replace(".", ",").replace(" ", ".")  # noqa: E731
    print("| Phép đo (ứng dụng, bản release, Xvfb) | Thidua | Cửa sổ Tauri trần | Tỷ lệ | Mục tiêu |")
    print("|---|---|---|---|---|")
    print(f"| Khởi động đến màn hình đầu (trung vị {RUNS} lần) | {vn(result['app_launch_s'])} s | "
          f"{vn(result['bare_launch_s'])} s | {vn(result['launch_ratio'])}× | ≤ 1 s |")
    print(f"| Bộ nhớ mọi tiến trình (PSS) sau khi mở mỗi màn hình một lần | {vn(result['app_pss_mb'], 0)} MB | "
          f"{vn(result['bare_pss_mb'], 0)} MB | {vn(result['pss_ratio'])}× | ≤ 250 MB, ≤ 1,3× |")
    print(f"| Bộ nhớ (PSS) ở màn hình đầu | {vn(median(apps, 'first_screen_pss_mb'), 0)} MB | "
          f"{vn(result['bare_pss_mb'], 0)} MB | {vn(median(apps, 'first_screen_pss_mb') / result['bare_pss_mb'])}× | — |")
    print(f"| Hiện danh sách 100.000 cán bộ (từ lúc bấm) | {vn(result['list_100k_s'])} s | — | — | — |")
    by = apps[len(apps) // 2]["pss_by_process"]
    print("- PSS theo tiến trình (Thidua): " + "; ".join(f"{k} {vn(v, 0)} MB" for k, v in sorted(by.items())))
    by = bares[len(bares) // 2]["pss_by_process"]
    print("- PSS theo tiến trình (cửa sổ trần): " + "; ".join(f"{k} {vn(v, 0)} MB" for k, v in sorted(by.items())))


if __name__ == "__main__":
    main()
