"""The pre-commit hook, for real: ``pre-commit try-repo`` and a README-style config on a drafts repository.

pre-commit builds a virtualenv and pip-installs followlint from this repository. The
dependencies are downloaded once from the package index (the only network use, in a
subprocess; pytest-socket guards this process alone) and both hook installs read them
from that folder. The project is snapshotted into a temporary git repository first
(tracked plus untracked, not ignored, files), so the hook under test is exactly the
working tree, whatever is committed or staged. About a minute in all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]

BAD = "Hi Dana,\n\nThanks for the chat about the analyst role.\n"
GOOD = ("Dear Ms. Okafor,\n\nThank you for meeting with me on Tuesday about the analyst role at Corvid Labs.\n\n"
        "Best regards,\nJordan Lee\njordan.lee@example.com\n")
EML = ("From: Jordan Lee <jordan.lee@example.com>\nTo: Dana Okafor <dana@example.com>\nSubject: Thank you\n\n"
       "Hi Dana,\n\nThanks for the chat about the analyst role.\n")
# The drafts repository pins the rules, so the test is about the hook, not about rules other work changes.
CONFIG = '[tool.followlint]\nselect = ["missing-sign-off", "missing-signed-name"]\n'


def git(*args: str, cwd: Path) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.com", GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def snapshot_project(dest: Path) -> str:
    """Copy the working tree (tracked and untracked, minus ignored files) into a fresh repo; return HEAD."""
    if (ROOT / ".git").exists():
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                                cwd=ROOT, check=True, capture_output=True).stdout.decode().split("\0")
    else:  # an unpacked source tree: take what a build would
        listed = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file()
                  and not any(part in (".venv", "__pycache__", ".git", "build", "dist") or part.endswith(".egg-info")
                              for part in p.relative_to(ROOT).parts)]
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
    git("init", "-q", cwd=dest)
    git("add", "-A", cwd=dest)
    git("commit", "-q", "-m", "snapshot", cwd=dest)
    return git("rev-parse", "HEAD", cwd=dest).strip()


def download_wheels(project: Path, dest: Path) -> Path | None:
    """Fetch followlint's dependencies (and its build requirements) once, as wheels.

    Both hook environments then install from this folder without asking the index
    (PIP_NO_INDEX): the same wheels pip would fetch, downloaded once instead of twice.
    None when the download fails; the hook installs then use the index as usual.
    """
    r = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
                        "-d", str(dest), str(project), "setuptools>=68", "wheel"],
                       capture_output=True, text=True, timeout=900)
    return dest if r.returncode == 0 else None


def start_pre_commit(*args: str, cwd: Path, home: Path, wheels: Path | None) -> subprocess.Popen:
    # HOME stays: pip's own configuration and cache live there.
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never", NO_COLOR="1",
               GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull, GIT_AUTHOR_NAME="t",
               GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    env.pop("CI", None)  # nothing in the hook depends on it; keep runs comparable
    if wheels is not None:
        env["PIP_FIND_LINKS"] = " ".join(filter(None, [str(wheels), os.environ.get("PIP_FIND_LINKS", "")]))
        env["PIP_NO_INDEX"] = "1"
    return subprocess.Popen([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def drafts_repo(path: Path, files: dict[str, str]) -> Path:
    path.mkdir()
    git("init", "-q", cwd=path)
    (path / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in files.items():
        (path / name).write_text(text, encoding="utf-8")
    git("add", "-A", cwd=path)
    return path


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Both try-repo runs, started together. try-repo never reuses an environment, so each builds a
    virtualenv and pip-installs followlint from the snapshot; with the wheels downloaded once beforehand
    the two installs are local and run side by side."""
    pytest.importorskip("pre_commit")
    base = tmp_path_factory.mktemp("precommit")
    hook_repo = base / "followlint"
    hook_repo.mkdir()
    snapshot_project(hook_repo)
    bad = drafts_repo(base / "drafts-bad", {
        "bad.txt": BAD, "good.md": GOOD, "reply.eml": EML,
        "README.md": BAD,  # repository docs are not drafts
        "notes.py": "x = 1\n"})
    good = drafts_repo(base / "drafts-good", {"good.md": GOOD, "README.md": BAD})
    started = time.monotonic()
    wheels = download_wheels(hook_repo, base / "wheels")
    downloaded = time.monotonic()
    procs = {
        "bad": start_pre_commit("try-repo", str(hook_repo), "followlint", "--all-files", cwd=bad, home=base / "h1",
                                wheels=wheels),
        "good": start_pre_commit("try-repo", str(hook_repo), "followlint", "--all-files", cwd=good,
                                 home=base / "h2", wheels=wheels),
    }
    out = {}
    try:
        for name, proc in procs.items():
            text, _ = proc.communicate(timeout=900)
            out[name] = (proc.returncode, text)
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
    print(f"\nwheels: {'downloaded' if wheels else 'download failed, used the index'} in "
          f"{downloaded - started:.1f}s; pre-commit try-repo x2 in parallel (virtualenv + pip install + run): "
          f"{time.monotonic() - downloaded:.1f}s")
    return out


def test_try_repo_fails_on_a_bad_draft_and_shows_the_finding(runs):
    code, out = runs["bad"]
    assert code == 1, out
    assert "Failed" in out and "- hook id: followlint" in out
    assert "bad.txt:3:1: warning missing-sign-off [S100]" in out
    assert "reply.eml:" in out  # .eml has no file-type tag; the hook matches it by name
    assert "good.md" not in out  # linted, nothing to say
    assert "README.md" not in out and "notes.py" not in out and "pyproject.toml" not in out


def test_try_repo_passes_a_good_draft(runs):
    code, out = runs["good"]
    assert code == 0, out
    assert "Passed" in out and "README.md" not in out


def test_documented_pre_commit_snippet_is_a_valid_config(tmp_path):
    readme = (ROOT / "docs" / "ci-and-pre-commit.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in readme.split("```yaml\n")[1:]]
    snippet = next(b for b in blocks if "id: followlint" in b and "repos:" in b)
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(snippet, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(config)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    manifest = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest",
                               str(ROOT / ".pre-commit-hooks.yaml")], capture_output=True, text=True, timeout=120)
    assert manifest.returncode == 0, manifest.stdout + manifest.stderr
