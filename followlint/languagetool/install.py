"""``followlint languagetool install``: the pinned LanguageTool jars, resolved by the user's Maven.

Maven does the network part (so the user's settings.xml, mirrors and proxies apply); followlint writes a
small pom of the pinned root artifacts into a temporary folder, lets ``mvn dependency:copy-dependencies``
lay the jars out, and keeps them only if every jar matches lock.tsv's sha256 and no other jar came along.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from followlint.languagetool.home import Artifact, home, lib_dir, lock, pinned_version

#: The server depends on every language module; only English (and the three modules LanguageTool's
#: language detector needs at start-up: es, ca, pt) are pinned as roots.
EXCLUDED = ("org.languagetool", "language-all")


class InstallError(RuntimeError):
    """Installing failed; the message says why and what to do."""


@dataclass(frozen=True)
class Installed:
    where: Path
    files: int
    size: int  # bytes
    fresh: bool  # False: it was already installed and verified


def install(mvn: str | None = None, log=None) -> Installed:
    """Resolve, verify and keep the pinned jars; a verified existing install is kept as it is."""
    target = lib_dir()
    if (target.parent / "installed").is_file() and not verify(target):
        return Installed(target.parent, len(lock()), _size(target), fresh=False)
    mvn = mvn or shutil.which("mvn")
    if mvn is None:
        raise InstallError(no_maven_message())
    home().mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".install-", dir=home()) as tmp:
        staging = Path(tmp) / "lib"
        resolve(mvn, Path(tmp), staging, log)
        problems = verify(staging, exact=True)
        if problems:
            raise InstallError("the downloaded LanguageTool does not match followlint's lock file, so it was not "
                               "installed:\n  " + "\n  ".join(problems[:10]) +
                               (f"\n  ... and {len(problems) - 10} more" if len(problems) > 10 else ""))
        if target.parent.exists():
            shutil.rmtree(target.parent)
        target.parent.mkdir(parents=True)
        staging.rename(target)
    (target.parent / "installed").write_text(pinned_version() + "\n", encoding="utf-8")
    return Installed(target.parent, len(lock()), _size(target), fresh=True)


def resolve(mvn: str, workdir: Path, out: Path, log=None) -> None:
    """Run Maven on a generated pom; its jars land in ``out`` in repository layout."""
    (workdir / "pom.xml").write_text(pom(lock()), encoding="utf-8")
    command = [mvn, "-B", "-q", "dependency:copy-dependencies", "-DincludeScope=runtime",
               "-Dmdep.useRepositoryLayout=true", f"-DoutputDirectory={out}"]
    try:
        done = subprocess.run(command, cwd=workdir, capture_output=True, text=True, timeout=1800)
    except subprocess.TimeoutExpired:
        raise InstallError("Maven did not finish within 30 minutes") from None
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        raise InstallError(f"Maven could not resolve LanguageTool {pinned_version()} (exit code {done.returncode}); "
                           f"check its network and mirror settings (~/.m2/settings.xml):\n{tail}")


def pom(artifacts: tuple[Artifact, ...]) -> str:
    """A throwaway project whose dependencies are the lock's roots."""
    deps = "".join(
        f"    <dependency><groupId>{escape(a.group)}</groupId><artifactId>{escape(a.artifact)}</artifactId>"
        f"<version>{escape(a.version)}</version>\n"
        f"      <exclusions><exclusion><groupId>{EXCLUDED[0]}</groupId><artifactId>{EXCLUDED[1]}</artifactId>"
        "</exclusion></exclusions></dependency>\n"
        for a in artifacts if a.root)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n'
            "  <modelVersion>4.0.0</modelVersion>\n  <groupId>local.followlint</groupId>\n"
            "  <artifactId>languagetool-install</artifactId>\n  <version>1</version>\n  <packaging>pom</packaging>\n"
            f"  <dependencies>\n{deps}  </dependencies>\n</project>\n")


def verify(lib: Path, exact: bool = False) -> list[str]:
    """What in ``lib`` differs from the lock: missing jars, wrong checksums and (``exact``) unexpected jars."""
    problems = []
    for a in lock():
        path = lib / a.relpath
        if not path.is_file():
            problems.append(f"{a.coords}: missing")
        elif sha256(path) != a.sha256:
            problems.append(f"{a.coords}: sha256 {sha256(path)} is not the pinned {a.sha256}")
    if exact and lib.is_dir():
        expected = {a.relpath for a in lock()}
        extra = sorted(str(p.relative_to(lib)) for p in lib.rglob("*.jar") if str(p.relative_to(lib)) not in expected)
        problems += [f"{p}: not in the lock file" for p in extra]
    return problems


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _size(lib: Path) -> int:
    return sum(p.stat().st_size for p in lib.rglob("*.jar"))


def no_maven_message() -> str:
    return ("Maven (mvn) is not installed, and followlint uses it to fetch LanguageTool "
            f"{pinned_version()} (your Maven settings and mirrors apply). Install Maven (e.g. `apt install maven` or "
            "`brew install maven`) and run this again, or let language_tool_python download LanguageTool's "
            "standalone build instead: `pip install 'followlint[languagetool]'`, then "
            "`followlint languagetool install --via language-tool-python`.")


def install_with_ltp() -> Path:
    """language_tool_python's own verified download of the same version into its cache."""
    try:
        from language_tool_python import download_lt
    except ImportError:
        raise InstallError("language_tool_python is not installed: `pip install 'followlint[languagetool]'`") from None
    try:
        download_lt.download_lt(pinned_version())
    except Exception as exc:  # its network errors, a failed checksum, no Java
        raise InstallError(f"language_tool_python could not download LanguageTool: {exc}") from None
    from followlint.languagetool.home import ltp_install

    found = ltp_install()
    if found is None:
        raise InstallError("language_tool_python finished, but no LanguageTool is in its cache")
    return found.where


def lock_rows(lib: Path) -> str:
    """lock.tsv's rows for the jars in ``lib`` (maintainers: after changing the roots or the version)."""
    roots = {(a.group, a.artifact) for a in lock() if a.root}
    rows = []
    for path in sorted(lib.rglob("*.jar")):
        parts = path.relative_to(lib).parts
        group, artifact, version = ".".join(parts[:-3]), parts[-3], parts[-2]
        role = "root" if (group, artifact) in roots else "dep"
        rows.append("\t".join((group, artifact, version, sha256(path), role)))
    return "\n".join(rows) + "\n"
