"""Both forms of the configuration, and what `followlint config` shows."""

from __future__ import annotations

import re


def test_pyproject_form_in_followlint_toml_says_which_form_the_file_expects(cli, write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(".followlint.toml", '[tool.followlint.grammar]\nengine = "harper"\n')
    r = cli("config")
    assert r.code == 2
    assert "[tool.followlint.grammar] is the pyproject.toml form" in r.err
    assert "write [grammar]" in r.err and "Traceback" not in r.err


def test_unknown_keys_name_the_form_of_each_file(cli, write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfg = write(".followlint.toml", "[grammar]\nengin = 'harper'\n")
    r = cli("config")
    assert r.code == 2 and f"{cfg}: [grammar] engin: unknown setting" in r.err
    assert "top level" in r.err and "pyproject.toml" in r.err
    cfg.unlink()
    write("pyproject.toml", "[tool.followlint.grammar]\nengin = 'harper'\n")
    r = cli("config")
    assert r.code == 2 and "[tool.followlint.grammar] engin: unknown setting" in r.err
    assert "pyproject.toml takes the settings under [tool.followlint]" in r.err


def test_both_forms_configure_the_same(cli, write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write("pyproject.toml", '[tool.followlint.grammar]\nengine = "none"\n')
    from_pyproject = cli("config").out
    (tmp_path / "pyproject.toml").unlink()
    write(".followlint.toml", '[grammar]\nengine = "none"\n')
    from_own_file = cli("config").out
    assert 'engine = "none"' in from_pyproject and 'engine = "none"' in from_own_file
    assert from_pyproject.splitlines()[1:] == from_own_file.splitlines()[1:]  # all but the file's name


def test_config_prints_the_thresholds_in_force(cli, write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = cli("config").out
    assert not re.search(r"^(max|min|error)-[a-z-]+ = 0(\.0)?$", out, re.M), out
    assert "[rules.long-sentence]\nseverity = \"info\"\nmax-words = 35" in out
    assert re.search(r"\[rules\.excessive-length\]\n.*\nmax-words = \{[^}]*\"follow-up\": 150", out)
    write(".followlint.toml", "[rules.long-sentence]\nmax-words = 40\n")
    assert "[rules.long-sentence]\nseverity = \"info\"\nmax-words = 40" in cli("config").out
