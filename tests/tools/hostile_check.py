#!/usr/bin/env python3
"""The checks of issue 25's "Done when", run with the CLI from outside, as an auditor would:

    cargo build -p thidua-cli && python3 tests/tools/hostile_check.py [target/debug/thidua]

Each line: what was tried, what must hold, whether it held, its time and peak memory (the CLI's
maximum resident set, from the kernel's accounting of the finished child). Exits 1 when one does
not hold. The hostile files are made here (in a scratch folder), not committed: a DOCX whose one
part inflates to 1 GiB, HTML nested 5.000 deep, a PNG of 30.000 × 30.000 pixels.
"""
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "target" / "debug" / "thidua"
results = []


WRAPPER = (
    # One Python per CLI call, so the peak memory (ru_maxrss of its children) is this call's own.
    "import resource, subprocess, sys, time, json;"
    "t = time.monotonic();"
    "stdin = sys.stdin.read() or None;"
    "p = subprocess.run(sys.argv[2:], input=stdin, capture_output=True, text=True, timeout=float(sys.argv[1]));"
    "print(json.dumps({'rc': p.returncode, 'out': p.stdout, 'err': p.stderr, 's': time.monotonic() - t,"
    " 'mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))"
)


def run(db, *args, stdin=None, timeout=120):
    """Runs the CLI; returns (ok, stdout, stderr, seconds, peak MB of this call)."""
    try:
        p = subprocess.run([sys.executable, "-c", WRAPPER, str(timeout), str(CLI), "--db", str(db), *args],
                           input=stdin or "", capture_output=True, text=True, timeout=timeout + 30,
                           env={**os.environ, "THIDUA_DB": ""})
        r = json.loads(p.stdout)
        return r["rc"] == 0, r["out"], r["err"], r["s"], r["mb"]
    except (subprocess.TimeoutExpired, json.JSONDecodeError):
        return False, "", f"did not end within {timeout} s", float(timeout), None


def check(what, must, held, seconds=None, peak=None, detail=""):
    results.append((what, must, held, seconds, peak, detail))


def docx_bomb(path: Path):
    body = b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(body)
            chunk = b"A" * (1 << 20)
            for _ in range(1024):
                f.write(chunk)
            f.write(b"</w:t></w:r></w:p></w:body></w:document>")


def png_huge(path: Path, side=30000):
    def chunk(kind, data):
        c = kind + data
        return len(data).to_bytes(4, "big") + c + zlib.crc32(c).to_bytes(4, "big")
    ihdr = side.to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])  # 8-bit greyscale
    comp = zlib.compressobj(9)
    row = b"\x00" * (side + 1)
    parts = []
    for _ in range(side):
        parts.append(comp.compress(row))
    parts.append(comp.flush())
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b""))


def main():
    scratch = Path(tempfile.mkdtemp(prefix="thidua-hostile-"))
    # --- restore keeps a commit that lived only in the WAL, over x.sqlite3 and x.db ------------
    for name in ("x.sqlite3", "x.db"):
        db = scratch / name
        run(db, "demo")
        backup = scratch / f"{name}.backup.sqlite3"
        run(db, "backup", str(backup))
        # Another program commits a row and dies without a checkpoint: the row is only in the WAL.
        subprocess.run([sys.executable, "-c",
                        "import sqlite3, os, sys; c = sqlite3.connect(sys.argv[1]);"
                        "c.execute(\"UPDATE units SET note = 'chỉ trong WAL' WHERE id = (SELECT min(id) FROM units)\");"
                        "c.commit(); os._exit(0)", str(db)], check=True)
        wal = Path(str(db) + "-wal")
        in_wal = wal.exists() and wal.stat().st_size > 0
        ok, out, err, s, mb = run(db, "restore", str(backup))
        aside = [p for p in scratch.iterdir() if p.name.startswith(db.stem + ".truoc-khoi-phuc-") and p.suffix == ".sqlite3"]
        kept = False
        if aside:
            c = sqlite3.connect(f"file:{aside[-1]}?mode=ro", uri=True)
            kept = c.execute("SELECT count(*) FROM units WHERE note = 'chỉ trong WAL'").fetchone()[0] == 1
            c.close()
        _, a, _, _, _ = run(db, "export", str(scratch / "after.json"))
        _, b, _, _, _ = run(backup, "export", str(scratch / "backup.json"))
        same = (scratch / "after.json").read_text().replace('"schema_version"', "") == (scratch / "backup.json").read_text().replace('"schema_version"', "")
        check(f"restore over {name} whose WAL holds a committed row", "row kept aside; result = backup",
              ok and in_wal and kept and same, s, mb, err.strip()[:160] if not ok else f"aside {aside[-1].name if aside else '—'}")
        for p in list(scratch.iterdir()):
            if p.name.startswith(db.stem):
                p.unlink()

    db = scratch / "t.sqlite3"
    run(db, "demo")
    # --- real articles are attached ----------------------------------------------------------
    base = "Hội nghị tổng kết công tác tổ chức xây dựng Đảng năm 2025 của Cụm thi đua số III. "
    for label, text in (
        ("a 39.000-character article", (base * 600)[:39000]),
        ("an article with a zero-width space", base + "Ban\u200bTổ chức Tỉnh ủy " + base),
        ("an article with a form feed", base + "\f" + base),
    ):
        f = scratch / "bai.txt"
        f.write_text(text, encoding="utf-8")
        ok, out, err, s, mb = run(db, "attach", str(f))
        check(f"attach {label}", "succeeds", ok, s, mb, err.strip()[:160])
        f.unlink()

    # --- hostile files end fast and small ----------------------------------------------------
    bomb, deep, png = scratch / "bom.docx", scratch / "sau.html", scratch / "lon.png"
    docx_bomb(bomb)
    deep.write_text("<html><body>" + "<div>" * 5000 + "x" + "</div>" * 5000 + "</body></html>")
    png_huge(png)
    for label, f in (("the DOCX bomb (1 GiB inflated)", bomb), ("HTML 5.000 levels deep", deep),
                     ("a 30.000 × 30.000 PNG", png)):
        ok, out, err, s, mb = run(db, "attach", str(f), timeout=60)
        fast = s < 10 and mb is not None and mb < 600
        refused_clearly = not ok and "attach." in err
        check(f"attach {label} ({f.stat().st_size // 1024} KB)", "< 10 s, < 600 MB, refused by name",
              fast and refused_clearly, s, mb, err.strip().splitlines()[-1][:160] if err.strip() else "")

    # --- nothing bypasses validation ---------------------------------------------------------
    for label, name in (("a unit name with a newline and markup", "Ban Tổ chức\n<b>x</b><img src=x onerror=alert(1)>"),
                        ("a unit name of 12.000 characters", "Ban Tổ chức " * 1000)):
        ok, out, err, s, mb = run(db, "save", "unit", "-", stdin=json.dumps({"kind": "khac", "name": name}))
        check(f"save {label}", "refused with a code", not ok and "validation." in err, s, mb, err.strip()[:160])

    run(db, "export", str(scratch / "e.json"))
    text = (scratch / "e.json").read_text()
    hostile = text.replace('"name": "Ban Tổ chức Tỉnh ủy Bắc Giang"', '"name": "<script>alert(1)</script>\u202e"', 1)
    (scratch / "hostile.json").write_text(hostile)
    fresh = scratch / "empty.sqlite3"
    run(fresh, "init")
    ok, out, err, s, mb = run(fresh, "import", str(scratch / "hostile.json"))
    _, info, _, _, _ = run(fresh, "info", "--json")
    empty = all(c["count"] == 0 for c in json.loads(info)["counts"]) if info else False
    check("import an export with <script> in a unit name", "refused; nothing written",
          hostile != text and not ok and empty, s, mb, err.strip()[:160])

    # --- a look-alike and a newer file are left byte-for-byte ---------------------------------
    look = scratch / "lookalike.sqlite3"
    c = sqlite3.connect(look)
    c.execute("CREATE TABLE units (id INTEGER PRIMARY KEY, name TEXT)")
    c.execute("CREATE TABLE audit (step INTEGER)")
    c.commit()
    c.close()
    newer = scratch / "newer.sqlite3"
    run(newer, "demo")
    subprocess.run([str(CLI), "--db", str(newer), "info"], capture_output=True)
    c = sqlite3.connect(newer)
    c.execute("PRAGMA journal_mode=DELETE")
    c.execute("PRAGMA user_version=999")
    c.close()
    for p in scratch.iterdir():
        if p.name.startswith("newer.sqlite3-"):
            p.unlink()
    for label, f in (("the look-alike", look), ("a newer-schema file", newer)):
        before = f.read_bytes()
        ok, out, err, s, mb = run(f, "info")
        unchanged = f.read_bytes() == before
        beside = sorted(p.name for p in scratch.iterdir() if p.name.startswith(f.name) and p != f)
        check(f"info on {label}", "refused; byte-for-byte unchanged; nothing beside",
              not ok and unchanged and not beside and "SELECT" not in err and "CREATE" not in err,
              s, mb, err.strip()[:160])

    width = max(len(r[0]) for r in results)
    print(f"{'check'.ljust(width)}  held  seconds   MB   must / detail")
    for what, must, held, s, mb, detail in results:
        sec = f"{s:7.2f}" if s is not None else "      —"
        mem = f"{mb:5.0f}" if mb is not None else "    —"
        print(f"{what.ljust(width)}  {'yes ' if held else 'NO  '}  {sec} {mem}   {must}" + (f" — {detail}" if detail else ""))
    return 0 if all(r[2] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
