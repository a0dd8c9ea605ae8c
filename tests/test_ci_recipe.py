"""examples/ci/github-workflow.yml: its shell steps run for real on a pull-request-shaped git repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / "examples" / "ci" / "github-workflow.yml"
BASH = shutil.which("bash")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None or BASH is None, reason="needs git and bash"),
]

BAD = "Hi Dana,\n\nThanks for the chat about the analyst role.\n"
GOOD = "Dear Dana,\n\nThank you for the chat about the analyst role.\n\nBest regards,\nJordan Lee\n"
CONFIG = '[tool.followlint]\nselect = ["missing-sign-off", "missing-signed-name"]\n'


def load():
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def step(job: str, name: str) -> dict:
    return next(s for s in load()["jobs"][job]["steps"] if s.get("name") == name)


def git(*args, cwd):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.com", GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def run_step(script: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    # GitHub runs `run:` with `bash --noprofile --norc -eo pipefail {0}`
    script_file = cwd.parent / "step.sh"
    script_file.write_text(script, encoding="utf-8")
    full_env = dict(os.environ, **env)
    full_env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{full_env['PATH']}"
    full_env.pop("CI", None)
    return subprocess.run([BASH, "--noprofile", "--norc", "-eo", "pipefail", str(script_file)], cwd=cwd,
                          env=full_env, capture_output=True, text=True, timeout=300)


def test_workflow_shape():
    wf = load()
    assert set(wf["jobs"]) == {"changed-drafts", "all-drafts"}
    assert wf["env"]["FOLLOWLINT_FAIL_LEVEL"] in ("error", "warning", "info")
    for job in wf["jobs"].values():
        uses = [s.get("uses", "") for s in job["steps"]]
        assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
        runs = "\n".join(s.get("run", "") for s in job["steps"])
        assert "--output-format github" in runs and "--output-format sarif" in runs
        assert '--fail-level "$FOLLOWLINT_FAIL_LEVEL"' in runs
        assert job["permissions"]["security-events"] == "write"
        assert job["permissions"]["actions"] == "read"
        upload = next(s for s in job["steps"] if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
        assert upload["uses"].endswith("@v4") and upload["continue-on-error"] is True
        assert any(s.get("uses", "").startswith("actions/cache@") for s in job["steps"])
        lint_runs = [s["run"] for s in job["steps"] if "followlint check" in s.get("run", "")]
        assert lint_runs and all("--force-exclude" in r for r in lint_runs)  # the same exclude in both modes
    assert load()["jobs"]["changed-drafts"]["steps"][0]["with"]["fetch-depth"] == 0


@pytest.fixture
def pull_request(tmp_path):
    repo = tmp_path / "drafts-repo"
    repo.mkdir()
    git("init", "-q", "-b", "main", cwd=repo)
    (repo / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
    (repo / "old.txt").write_text(GOOD, encoding="utf-8")
    (repo / "gone.txt").write_text(GOOD, encoding="utf-8")
    (repo / "README.md").write_text("# my drafts\n", encoding="utf-8")
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "base", cwd=repo)
    git("update-ref", "refs/remotes/origin/main", "HEAD", cwd=repo)  # what actions/checkout fetches
    git("checkout", "-q", "-b", "pr", cwd=repo)
    (repo / "notes").mkdir()
    (repo / "notes" / "new note, v2.txt").write_text(BAD, encoding="utf-8")  # space and comma in the name
    (repo / "old.txt").write_text(GOOD.replace("chat", "conversation"), encoding="utf-8")
    (repo / "README.md").write_text(BAD, encoding="utf-8")  # docs: not linted
    (repo / "gone.txt").unlink()
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "pr", cwd=repo)
    return repo


def test_pull_request_job_lints_only_changed_drafts(pull_request, tmp_path):
    repo = pull_request
    outputs = tmp_path / "github_output"
    summary = tmp_path / "step_summary"
    env = {"GITHUB_OUTPUT": str(outputs), "GITHUB_STEP_SUMMARY": str(summary), "BASE_REF": "main",
           "FOLLOWLINT_FAIL_LEVEL": "warning"}
    listed = run_step(step("changed-drafts", "List the changed drafts")["run"], repo, env)
    assert listed.returncode == 0, listed.stderr
    assert outputs.read_text() == "count=3\n"  # README.md is listed, and skipped by followlint (--force-exclude)
    assert sorted((repo / "changed-drafts").read_bytes().split(b"\0")[:-1]) == [
        b"README.md", b"notes/new note, v2.txt", b"old.txt"]

    sarif = run_step(step("changed-drafts", "SARIF report")["run"], repo, env)
    assert sarif.returncode == 0, sarif.stderr
    doc = json.loads((repo / "followlint.sarif").read_text(encoding="utf-8"))
    (result,) = doc["runs"][0]["results"]
    assert result["ruleId"] == "S100"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "notes/new%20note%2C%20v2.txt"

    gate = run_step(step("changed-drafts", "Lint the changed drafts")["run"], repo, env)
    assert gate.returncode == 1
    assert gate.stdout.startswith("::warning file=notes/new note%2C v2.txt,line=3,col=1,endLine=3,endColumn=44,"
                                  "title=S100 missing-sign-off::")
    stats = run_step(step("changed-drafts", "Count per rule (job summary)")["run"], repo, env)
    assert stats.returncode == 0, stats.stderr
    assert "1  S100      missing-sign-off" in summary.read_text()

    relaxed = run_step(step("changed-drafts", "Lint the changed drafts")["run"], repo,
                       {**env, "FOLLOWLINT_FAIL_LEVEL": "error"})
    assert relaxed.returncode == 0 and "::warning " in relaxed.stdout


def test_all_drafts_job_walks_the_repository(pull_request, tmp_path):
    env = {"GITHUB_STEP_SUMMARY": str(tmp_path / "summary"), "FOLLOWLINT_FAIL_LEVEL": "warning"}
    gate = run_step(step("all-drafts", "Lint every draft")["run"], pull_request, env)
    assert gate.returncode == 1
    assert "file=notes/new note%2C v2.txt" in gate.stdout and "README" not in gate.stdout
    sarif = run_step(step("all-drafts", "SARIF report")["run"], pull_request, env)
    assert sarif.returncode == 0
    assert json.loads((pull_request / "followlint.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]


# --- the composite action (action.yml) ------------------------------------------------------------

ACTION = ROOT / "action.yml"


def action_step(name: str) -> dict:
    return next(s for s in yaml.safe_load(ACTION.read_text(encoding="utf-8"))["runs"]["steps"] if s.get("name") == name)


def test_action_shape():
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert "actions/cache@v4" in uses and "github/codeql-action/upload-sarif@v4" in uses
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["continue-on-error"] is True
    assert all(s.get("shell") == "bash" for s in steps if "run" in s)  # composite steps must name a shell
    # the gate runs last, so the report and its upload happen even when it fails
    assert steps[-1]["name"] == "Lint the drafts"


def _action_env(tmp_path, **extra) -> dict:
    return {"GITHUB_ACTION_PATH": str(ROOT), "GITHUB_OUTPUT": str(tmp_path / "github_output"),
            "GITHUB_STEP_SUMMARY": str(tmp_path / "summary"), **extra}


def test_action_lints_the_changed_drafts_of_a_pull_request(pull_request, tmp_path):
    env = _action_env(tmp_path, EVENT_NAME="pull_request", BASE_REF="main", CHANGED_ONLY="true", PATHS=".",
                      FAIL_LEVEL="warning")
    version = run_step(action_step("followlint version")["run"], pull_request, env)
    assert version.returncode == 0 and "version=0." in (tmp_path / "github_output").read_text()
    chosen = run_step(action_step("Choose the drafts")["run"], pull_request, env)
    assert chosen.returncode == 0, chosen.stderr
    assert "count=3" in (tmp_path / "github_output").read_text()
    report = run_step(action_step("SARIF report")["run"], pull_request, env)
    assert report.returncode == 0, report.stderr
    (result,) = json.loads((pull_request / "followlint.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    assert result["ruleId"] == "S100"  # README.md was changed too, and is not a draft
    stats = run_step(action_step("Count per rule (job summary)")["run"], pull_request, env)
    assert stats.returncode == 0 and "S100" in (tmp_path / "summary").read_text()
    gate = run_step(action_step("Lint the drafts")["run"], pull_request, env)
    assert gate.returncode == 1 and "file=notes/new note%2C v2.txt" in gate.stdout and "README" not in gate.stdout
    relaxed = run_step(action_step("Lint the drafts")["run"], pull_request, {**env, "FAIL_LEVEL": "error"})
    assert relaxed.returncode == 0


def test_action_walks_the_repository_outside_pull_requests(pull_request, tmp_path):
    env = _action_env(tmp_path, EVENT_NAME="push", BASE_REF="", CHANGED_ONLY="true", PATHS=".",
                      FAIL_LEVEL="warning")
    chosen = run_step(action_step("Choose the drafts")["run"], pull_request, env)
    assert chosen.returncode == 0 and "count=1" in (tmp_path / "github_output").read_text()
    gate = run_step(action_step("Lint the drafts")["run"], pull_request, env)
    assert gate.returncode == 1
    assert "file=notes/new note%2C v2.txt" in gate.stdout and "README" not in gate.stdout
