#!/usr/bin/env bash
# Thidua's one entry point for contributors.
#   ./dev.sh run    set up what is missing, build, and open the app on the sample database
#   ./dev.sh test   set up what is missing and run every test (what CI runs)
#   ./dev.sh package  build the .deb (release) with its desktop entry and icon
#   ./dev.sh bench  the benchmarks of BENCHMARKS.md (release builds, a synthetic 20-year database)
# Safe to run again: each step checks before it installs or builds.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD

APT_PACKAGES=(build-essential pkg-config libwebkit2gtk-4.1-dev libssl-dev librsvg2-dev
  xvfb xauth webkit2gtk-driver fonts-dejavu-core fonts-liberation python3-venv
  imagemagick poppler-utils tesseract-ocr tesseract-ocr-vie dbus-daemon)
TOOLS="$ROOT/target/tools"
VENV="$ROOT/tests/e2e/.venv"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

setup_system() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    if [ "$(id -u)" = 0 ]; then
      say "apt-get install ${missing[*]}"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    else
      echo "Thiếu gói hệ thống / missing system packages. Run:" >&2
      echo "  sudo apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
  fi
  command -v cargo >/dev/null || { echo "Rust (cargo) is required: https://rustup.rs" >&2; exit 1; }
  command -v npm >/dev/null || { echo "Node.js >= 20.19 with npm is required" >&2; exit 1; }
}

setup_npm() {
  # npm ci only when the lockfile changed since the last install.
  if [ ! -f ui/node_modules/.package-lock.json ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
    say "npm ci (ui/)"
    (cd ui && npm ci --no-audit --no-fund)
  fi
}

# The Tauri CLI is npm's @tauri-apps/cli (a devDependency in ui/package-lock.json): it ships its
# binary prebuilt, where `cargo install tauri-cli` compiled it for 7–8 minutes on a fresh machine.
TAURI_CLI="$ROOT/ui/node_modules/.bin/tauri"
setup_tauri_cli() {
  setup_npm
  [ -x "$TAURI_CLI" ] || { echo "ui/node_modules/.bin/tauri is missing: npm ci in ui/ failed" >&2; exit 1; }
}

# Builds the .deb (release, or debug with "--debug"); prints its path.
build_deb() {
  # ui/dist is built already; an empty beforeBuildCommand keeps the CLI from rebuilding it.
  (cd src-tauri && "$TAURI_CLI" build --bundles deb --ci "$@" \
    --config '{"build":{"beforeBuildCommand":""}}' >&2)
  local profile=release
  [ "${1:-}" = "--debug" ] && profile=debug
  ls -t target/$profile/bundle/deb/*.deb | head -n1
}

setup_test_tools() {
  if [ ! -x "$TOOLS/bin/tauri-driver" ]; then
    say "cargo install tauri-driver"
    cargo install --locked --root "$TOOLS" tauri-driver --version '^2'
  fi
  if [ ! -x "$VENV/bin/pytest" ] || [ tests/e2e/requirements.txt -nt "$VENV/bin/pytest" ]; then
    say "python venv for the end-to-end tests"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q -r tests/e2e/requirements.txt
    touch "$VENV/bin/pytest"
  fi
}

build_ui() {
  # Only when a source changed since the last build: rebuilding ui/dist with nothing new would
  # still change its files' times and make cargo re-embed them and relink the app.
  local stamp=ui/dist/index.html
  if [ -f "$stamp" ] && [ -z "$(find ui/src ui/public ui/index.html ui/package-lock.json ui/vite.config.ts ui/tsconfig.json \
      -newer "$stamp" -print -quit 2>/dev/null)" ]; then
    return
  fi
  say "build ui/"
  (cd ui && npm run build --silent)
}

cmd_run() {
  setup_system
  setup_npm
  build_ui
  say "cargo build --release (CLI and app)"
  cargo build --release -p thidua-cli -p thidua-app --features thidua-app/custom-protocol
  local sample
  sample=$(./target/release/thidua sample-path)
  say "sample database: $sample"
  ./target/release/thidua --db "$sample" demo
  say "starting Thidua"
  exec ./target/release/thidua-app --db "$sample"
}

cmd_test() {
  setup_system
  setup_npm
  setup_test_tools
  local t0=$SECONDS
  build_ui
  say "cargo fmt --check"
  cargo fmt --all -- --check
  say "cargo clippy -D warnings"
  cargo clippy --workspace --all-targets -- -D warnings
  say "cargo test"
  cargo test --workspace
  # A changed binding and a new, untracked one alike (git diff alone misses the latter).
  if git rev-parse --git-dir >/dev/null 2>&1 && [ -n "$(git status --porcelain -- ui/src/lib/bindings)" ]; then
    echo "ui/src/lib/bindings is out of date with the Rust types: commit the regenerated files" >&2
    git status --short -- ui/src/lib/bindings >&2
    exit 1
  fi
  say "ui: svelte-check and vitest"
  (cd ui && npm run check --silent && npm test --silent)
  say "build the app for the end-to-end tests"
  cargo build -p thidua-cli -p thidua-app --features thidua-app/custom-protocol
  say "extraction scored against the fixtures' gold facts (micro F1 >= 0.95)"
  tests/tools/extract_score.sh
  say "the .deb package (debug build; ./dev.sh package makes the release one)"
  setup_tauri_cli
  local deb
  deb=$(build_deb --debug)
  say "end-to-end tests (real app, tauri-driver, Xvfb; the installed package)"
  THIDUA_APP="$ROOT/target/debug/thidua-app" THIDUA_CLI="$ROOT/target/debug/thidua" \
    TAURI_DRIVER="$TOOLS/bin/tauri-driver" THIDUA_DEB="$ROOT/$deb" \
    xvfb-run -a -s "-screen 0 1920x1080x24" "$VENV/bin/pytest" -q tests/e2e
  say "all tests passed in $((SECONDS - t0)) s"
}

cmd_package() {
  setup_system
  setup_npm
  build_ui
  setup_tauri_cli
  local deb
  deb=$(build_deb)
  say "package: $deb ($(du -h "$deb" | cut -f1))"
}

# The benchmarks of BENCHMARKS.md (not tests: nothing fails on a figure). Makes the synthetic
# 20-year database once (target/bench/), runs `thidua bench` on it, then the release app beside a
# bare Tauri 2 window built in the same run, and the sizes of the binaries and the .deb.
cmd_bench() {
  setup_system
  setup_npm
  setup_test_tools
  build_ui
  say "cargo build --release (CLI, app, bare Tauri window)"
  cargo build --release -p thidua-cli -p thidua-app -p bare-window \
    --features thidua-app/custom-protocol,bare-window/custom-protocol
  local dir=target/bench thidua=./target/release/thidua
  mkdir -p "$dir"
  [ -f "$dir/big.sqlite3" ] || "$thidua" gen --out "$dir/big.sqlite3" --seed 1
  [ -f "$dir/people-100k.sqlite3" ] || "$thidua" gen --out "$dir/people-100k.sqlite3" --seed 2 \
    --years 1 --people 100000 --changes 0 --awards 0 --figures 0 --articles 0
  say "thidua bench (the 20-year database)"
  "$thidua" --db "$dir/big.sqlite3" bench --json-out "$dir/core.json" | tee "$dir/core.md"
  say "the app beside a bare Tauri window (Xvfb)"
  THIDUA_APP="$ROOT/target/release/thidua-app" BARE_WINDOW="$ROOT/target/release/bare-window" \
    TAURI_DRIVER="$TOOLS/bin/tauri-driver" THIDUA_DB="$ROOT/$dir/big.sqlite3" \
    THIDUA_DB_100K="$ROOT/$dir/people-100k.sqlite3" BENCH_OUT="$ROOT/$dir/app.json" \
    xvfb-run -a -s "-screen 0 1920x1080x24" "$VENV/bin/python" tests/bench/app_bench.py | tee "$dir/app.md"
  say "sizes"
  setup_tauri_cli
  local deb
  deb=$(build_deb)
  {
    echo "| Tệp | Kích thước | Mục tiêu |"
    echo "|---|---|---|"
    echo "| target/release/thidua-app | $(stat -c %s target/release/thidua-app) B | ≤ 60 MB |"
    echo "| target/release/thidua (CLI) | $(stat -c %s target/release/thidua) B | — |"
    echo "| target/release/bare-window | $(stat -c %s target/release/bare-window) B | — |"
    echo "| $deb | $(stat -c %s "$deb") B | ≤ 25 MB |"
  } | tee "$dir/sizes.md"
}

case "${1:-}" in
  run) cmd_run ;;
  test) cmd_test ;;
  package) cmd_package ;;
  bench) cmd_bench ;;
  *) echo "usage: ./dev.sh run | test | package | bench" >&2; exit 2 ;;
esac
