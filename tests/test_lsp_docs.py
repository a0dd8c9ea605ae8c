"""The editor snippets in docs/editors.md parse, start followlint's server and use settings it knows."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EDITORS = ROOT / "docs" / "editors.md"
KNOWN = ("configFile", "select", "extendSelect", "ignore", "debounceMs", "unsafeFixes")


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", EDITORS.read_text(encoding="utf-8"), re.M | re.S)


def test_the_documented_settings_are_the_servers():
    pytest.importorskip("pygls")
    from followlint.lsp.server import SETTING_KEYS, Settings

    assert SETTING_KEYS == KNOWN
    table = EDITORS.read_text(encoding="utf-8")
    assert all(f"`{key}`" in table for key in KNOWN)
    parsed = Settings.parse({"followlint": {"ignore": ["T100"], "debounceMs": 0, "unsafeFixes": False}})
    assert (parsed.ignore, parsed.debounce_ms, parsed.unsafe_fixes) == (["T100"], 0, False)


def _followlint_settings(value) -> list[dict]:
    """Every mapping found under a "followlint" key."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "followlint" and isinstance(item, dict):
                found.append(item)
            found += _followlint_settings(item)
    elif isinstance(value, list):
        for item in value:
            found += _followlint_settings(item)
    return found


def test_vs_code_settings_are_json_that_starts_the_server():
    (snippet,) = blocks("json")
    settings = json.loads(snippet)
    assert [settings["glspc.server.command"], *settings["glspc.server.commandArguments"]] == ["followlint", "lsp"]
    (ours,) = _followlint_settings(settings)
    assert set(ours) <= set(KNOWN)


def test_helix_languages_toml_parses_and_starts_the_server():
    (snippet,) = blocks("toml")
    config = tomllib.loads(snippet)
    server = config["language-server"]["followlint"]
    assert [server["command"], *server["args"]] == ["followlint", "lsp"]
    (ours,) = _followlint_settings(server["config"])
    assert set(ours) <= set(KNOWN)
    assert all("followlint" in lang["language-servers"] for lang in config["language"])


@pytest.mark.parametrize("index", [0, 1])
def test_neovim_snippets_are_valid_lua(tmp_path, index):
    luac = shutil.which("luac") or shutil.which("luac5.4") or shutil.which("luac5.1")
    if luac is None:
        pytest.skip("no Lua compiler (luac) installed to check the Neovim snippets")
    snippet = blocks("lua")[index]
    assert '"followlint", "lsp"' in snippet
    path = tmp_path / "init.lua"
    path.write_text(snippet)
    proc = subprocess.run([luac, "-p", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
