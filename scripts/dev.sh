#!/usr/bin/env bash
# One entry point for the README's quick start and for CI.
#   bash scripts/dev.sh examples   set up .venv, then lint the bundled example drafts
#   bash scripts/dev.sh test       set up .venv, then run the test suite
#   bash scripts/dev.sh bench      set up .venv with the peers (.[bench]), then run bench/run.py
#   bash scripts/dev.sh languagetool install|start|stop|status   the local LanguageTool server (needs Java 17+)
# Set-up is idempotent: a second run only re-checks the install.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "followlint needs Python 3.11 or newer (found: $("$PY" --version 2>&1))" >&2
  exit 2
fi
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.followlint-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
  touch "$stamp"
fi
case "${1:-examples}" in
  examples)
    shift || true
    # Exit code 1 here means "findings", which is the point of the bad examples.
    exec .venv/bin/followlint check examples/ "$@"
    ;;
  test)
    shift || true
    exec .venv/bin/python -m pytest -q "$@"
    ;;
  bench)
    shift || true
    bench_stamp=.venv/.followlint-bench-installed
    if [ ! -f "$bench_stamp" ] || [ pyproject.toml -nt "$bench_stamp" ]; then
      .venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
      touch "$bench_stamp"
    fi
    # write-good and alex come from npm into bench/.node/ when node is installed; see bench/run.py --help
    exec .venv/bin/python bench/run.py "$@"
    ;;
  languagetool)
    shift || true
    exec .venv/bin/followlint languagetool "$@"
    ;;
  *)
    echo "usage: bash scripts/dev.sh [examples|test|bench|languagetool] [args...]" >&2
    exit 2
    ;;
esac
