"""`followlint check .` walks like ruff: what git ignores, `exclude` and `extend-exclude` are skipped."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from followlint.run.files import discover

NOTE = "Hi Dana!!\n\nThanks for the chat about the analyst role.\n\nBest regards,\nJo Lee\njo@example.com\n"


def _tree(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _found(root, **kw):
    cwd = os.getcwd()
    os.chdir(root)
    try:
        return sorted(os.path.normpath(str(p)).replace(os.sep, "/") for p in discover(["."], **kw))
    finally:
        os.chdir(cwd)


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "drafts-repo"
    _tree(root, {
        "drafts/acme.txt": NOTE, "drafts/old/globex.md": NOTE, "build/copy.txt": NOTE, "notes.log.txt": NOTE,
        "requirements.txt": "pathspec>=0.12\n", "requirements-dev.txt": "pytest\n", "LICENSE.txt": "MIT\n",
        "README.md": "# drafts\n", ".gitignore": "build/\n*.log.txt\n",
        "drafts/.gitignore": "old/\n",
    })
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    else:
        (root / ".git").mkdir()
    return root


def test_git_ignored_folders_and_non_drafts_are_skipped(repo):
    assert _found(repo) == ["drafts/acme.txt"]


def test_gitignore_of_the_repository_applies_below_its_root(repo):
    assert [p.replace(os.sep, "/") for p in discover([str(repo / "drafts")])] == [f"{repo}/drafts/acme.txt"]


def test_respect_gitignore_off_and_exclude_replacing_the_defaults(repo):
    found = _found(repo, gitignore=False)
    assert "build/copy.txt" in found and "drafts/old/globex.md" in found and "notes.log.txt" in found
    assert "requirements.txt" not in found
    found = _found(repo, exclude=())  # exclude replaces the defaults, as in ruff
    assert "requirements.txt" in found and "README.md" in found and "build/copy.txt" not in found
    assert _found(repo, extend_exclude=("drafts",)) == [".: no drafts found (looked for .txt, .md, .markdown, .eml)"]


def test_a_named_file_is_linted_whatever_the_rules_say(repo):
    assert list(discover([str(repo / "requirements.txt")])) == [str(repo / "requirements.txt")]


def test_check_dot_respects_gitignore_and_extend_exclude(cli, repo, monkeypatch):
    monkeypatch.chdir(repo)
    doc = cli("check", ".", "--output-format", "json", "--exit-zero").json
    assert [f["path"] for f in doc["files"]] == ["drafts/acme.txt"]
    (repo / ".followlint.toml").write_text('extend-exclude = ["drafts/acme.txt"]\n'
                                           'respect-gitignore = false\n', encoding="utf-8")
    doc = cli("check", ".", "--output-format", "json", "--exit-zero").json
    assert sorted(os.path.normpath(f["path"]) for f in doc["files"]) == ["build/copy.txt", "drafts/old/globex.md", "notes.log.txt"]
    shown = cli("config").out
    assert '"requirements*.txt"' in shown and '"drafts/acme.txt"' in shown
    assert "respect-gitignore = false" in shown


def test_force_exclude_applies_the_rules_to_named_files(cli, repo, monkeypatch):
    monkeypatch.chdir(repo)
    named = ["README.md", "requirements.txt", "build/copy.txt", "drafts/acme.txt"]
    plain = cli("check", *named, "--output-format", "json", "--exit-zero").json
    assert len(plain["files"]) == 4  # named files are linted whatever the rules say
    forced = cli("check", "--force-exclude", *named, "--output-format", "json", "--exit-zero").json
    assert [f["path"] for f in forced["files"]] == ["drafts/acme.txt"]
    (repo / ".followlint.toml").write_text("force-exclude = true\n", encoding="utf-8")
    assert [f["path"] for f in cli("check", *named, "--output-format", "json", "--exit-zero").json["files"]] == [
        "drafts/acme.txt"]


def test_the_pre_commit_hooks_run_once_over_all_staged_files_with_force_exclude():
    import re
    from pathlib import Path

    import yaml

    hooks = yaml.safe_load((Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml").read_text())
    for hook in hooks:
        assert hook["require_serial"] is True and hook["pass_filenames"] is True
        assert "--force-exclude" in hook["entry"]
        exclude = re.compile(hook["exclude"])
        assert exclude.search("README.md") and exclude.search("sub/requirements-dev.txt")
        assert not exclude.search("drafts/thanks-dana.txt")
