"""The wheel ships rules/ inside the package and works from outside the source tree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_ships_rules_and_runs_outside_the_source_tree(tmp_path):
    dist = tmp_path / "dist"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)],
                           capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr
    (wheel,) = dist.glob("followlint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "followlint/rules/generic/generic-phrase.yaml" in names
    assert any(n.startswith("followlint/rules/data/") for n in names)
    assert not any(n.startswith("rules/") for n in names)
    assert {f"followlint/web/static/{n}" for n in ("index.html", "app.js", "app.css")} <= set(names)  # serve's page

    site = tmp_path / "site"
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(site),
                              str(wheel)], capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "draft.txt").write_text("Hey Dana,\n\nThx for the chat.\n")
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    probe = subprocess.run([sys.executable, "-c", "import followlint, followlint.rules as r; print(followlint.__file__); print(r.__file__)"],
                           cwd=elsewhere, env=env, capture_output=True, text=True)
    assert probe.stdout.splitlines()[0].startswith(str(site)), probe.stdout + probe.stderr
    assert probe.stdout.splitlines()[1].startswith(str(site))
    rules = subprocess.run([sys.executable, "-m", "followlint", "rules", "--output-format", "json"],
                           cwd=elsewhere, env=env, capture_output=True, text=True)
    assert rules.returncode == 0, rules.stderr
    assert "generic-phrase" in {r["name"] for r in json.loads(rules.stdout)}
    check = subprocess.run([sys.executable, "-m", "followlint", "check", "draft.txt", "--output-format", "json"],
                           cwd=elsewhere, env=env, capture_output=True, text=True)
    assert check.returncode == 1, check.stderr
    assert "casual-greeting" in {f["rule"] for f in json.loads(check.stdout)["files"][0]["findings"]}

