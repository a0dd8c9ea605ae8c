"""`followlint languagetool install|start|stop|status` without the network: a stand-in `mvn` on PATH.

The stand-in writes jars where Maven's copy-dependencies would; the install keeps them only when each one
matches the lock file's sha256 and nothing else came along.
"""

from __future__ import annotations

import hashlib
import stat
import sys
from pathlib import Path

import pytest

from followlint.languagetool import home, install
from followlint.languagetool.home import Artifact

JARS = {"languagetool-server": b"server jar", "language-en": b"english jar", "guava": b"a dependency"}
LOCK = tuple(Artifact("org.languagetool" if name != "guava" else "com.google.guava", name, "6.8",
                      hashlib.sha256(data).hexdigest(), name != "guava") for name, data in JARS.items())


@pytest.fixture
def lt_home(tmp_path, monkeypatch):
    monkeypatch.setenv(home.HOME_ENV, str(tmp_path / "lt-home"))
    monkeypatch.setattr(home, "lock", lambda: LOCK)
    monkeypatch.setattr(install, "lock", lambda: LOCK)
    return tmp_path / "lt-home"


def fake_mvn(tmp_path: Path, monkeypatch, jars: dict[str, bytes], extra: str | None = None, code: int = 0) -> Path:
    """An `mvn` that lays ``jars`` out in repository layout under -DoutputDirectory (and logs its arguments)."""
    files = {a.relpath: jars[a.artifact] for a in LOCK if a.artifact in jars}
    if extra:
        files[extra] = b"unexpected"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    script = bin_dir / "mvn"
    script.write_text(f"""#!{sys.executable}
import sys, pathlib
args = sys.argv[1:]
pathlib.Path({str(tmp_path / 'mvn-args.txt')!r}).write_text(" ".join(args))
if {code}:
    print("[ERROR] Could not resolve dependencies"); sys.exit({code})
out = pathlib.Path(next(a.split("=", 1)[1] for a in args if a.startswith("-DoutputDirectory=")))
for rel, data in {files!r}.items():
    (out / rel).parent.mkdir(parents=True, exist_ok=True)
    (out / rel).write_bytes(data)
""", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(bin_dir))
    return script


def test_install_verifies_every_jar_and_says_where_and_how_much(cli, lt_home, tmp_path, monkeypatch):
    fake_mvn(tmp_path, monkeypatch, JARS)
    done = cli("languagetool", "install")
    assert done.code == 0, done.err
    assert "Installed LanguageTool 6.8: 3 jars" in done.out and "every sha256 matches" in done.out
    assert str(lt_home / "6.8") in done.out
    assert (lt_home / "6.8" / "lib" / LOCK[0].relpath).read_bytes() == b"server jar"
    pom = (tmp_path / "mvn-args.txt").read_text()
    assert "dependency:copy-dependencies" in pom and "-Dmdep.useRepositoryLayout=true" in pom
    again = cli("languagetool", "install")
    assert again.code == 0 and "already installed and verified" in again.out
    status = cli("languagetool", "status")
    assert status.code == 1 and "installed: LanguageTool 6.8 (followlint)" in status.out
    assert "server: not running" in status.out


def test_a_jar_with_another_checksum_is_refused(cli, lt_home, tmp_path, monkeypatch):
    fake_mvn(tmp_path, monkeypatch, {**JARS, "guava": b"tampered"})
    done = cli("languagetool", "install")
    assert done.code == 2
    assert "does not match followlint's lock file" in done.err and "com.google.guava:guava:6.8: sha256" in done.err
    assert not (lt_home / "6.8").exists()
    assert cli("languagetool", "status").out.startswith("installed: no")


def test_an_unexpected_or_missing_jar_is_refused(cli, lt_home, tmp_path, monkeypatch):
    fake_mvn(tmp_path, monkeypatch, {k: v for k, v in JARS.items() if k != "guava"}, extra="evil/evil/1/evil-1.jar")
    done = cli("languagetool", "install")
    assert done.code == 2
    assert "guava:6.8: missing" in done.err and "evil-1.jar: not in the lock file" in done.err
    assert not (lt_home / "6.8").exists()


def test_a_maven_failure_is_reported_with_its_output(cli, lt_home, tmp_path, monkeypatch):
    fake_mvn(tmp_path, monkeypatch, JARS, code=1)
    done = cli("languagetool", "install")
    assert done.code == 2 and "Maven could not resolve LanguageTool 6.8" in done.err
    assert "Could not resolve dependencies" in done.err


def test_without_maven_the_alternative_is_named(cli, lt_home, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    done = cli("languagetool", "install")
    assert done.code == 2
    assert "Maven (mvn) is not installed" in done.err
    assert "followlint languagetool install --via language-tool-python" in done.err
    assert not lt_home.exists()


def test_the_generated_pom_asks_for_the_roots_only_and_no_other_language():
    pom = install.pom(LOCK)
    assert pom.count("<dependency>") == 2 and "guava" not in pom
    assert "<artifactId>language-all</artifactId>" in pom  # excluded: every language would be 300 MB more


def test_start_stop_and_status_without_an_installation(cli, lt_home):
    start = cli("languagetool", "start")
    assert start.code == 2 and "not installed" in start.err and "followlint languagetool install" in start.err
    stop = cli("languagetool", "stop")
    assert stop.code == 0 and "No LanguageTool started by followlint is running" in stop.out
    assert not lt_home.exists()


def test_the_shipped_lock_pins_one_version_with_real_checksums():
    rows = home.lock()
    assert {a.version for a in rows if a.root} == {home.pinned_version()}
    assert {a.artifact for a in rows if a.root} >= {"languagetool-server", "language-en"}
    assert all(len(a.sha256) == 64 and int(a.sha256, 16) >= 0 for a in rows)
    assert len({a.relpath for a in rows}) == len(rows)
