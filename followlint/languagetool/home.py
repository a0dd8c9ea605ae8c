"""Where LanguageTool lives on this machine, and which installed copy to run.

Two kinds of installation are found, never created here: followlint's own (jars checked against
``lock.tsv`` under the user cache) and language_tool_python's standalone download (its cache).
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

HOME_ENV = "FOLLOWLINT_LANGUAGETOOL_HOME"
MAIN_CLASS = "org.languagetool.server.HTTPServer"
DEFAULT_PORT = 8081


@dataclass(frozen=True)
class Artifact:
    group: str
    artifact: str
    version: str
    sha256: str
    root: bool  # asked for by name; the others are what the roots depend on

    @property
    def relpath(self) -> str:
        """Its place in a Maven repository layout (how ``install`` lays the jars out)."""
        return f"{self.group.replace('.', '/')}/{self.artifact}/{self.version}/{self.artifact}-{self.version}.jar"

    @property
    def coords(self) -> str:
        return f"{self.group}:{self.artifact}:{self.version}"


@lru_cache(maxsize=1)
def lock() -> tuple[Artifact, ...]:
    """The pinned jars: ``group, artifact, version, sha256, role`` rows of lock.tsv."""
    text = resources.files("followlint.languagetool").joinpath("lock.tsv").read_text(encoding="utf-8")
    rows = [r for r in csv.reader(text.splitlines(), delimiter="\t") if r and not r[0].startswith("#")]
    return tuple(Artifact(g, a, v, s, role == "root") for g, a, v, s, role in rows)


def pinned_version() -> str:
    """LanguageTool's version: the version of the pinned server jar."""
    return next(a.version for a in lock() if a.artifact == "languagetool-server")


def home() -> Path:
    """followlint's LanguageTool folder: $FOLLOWLINT_LANGUAGETOOL_HOME, else the user cache."""
    if os.environ.get(HOME_ENV):
        return Path(os.environ[HOME_ENV]).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("followlint", appauthor=False)) / "languagetool"


def lib_dir(version: str | None = None) -> Path:
    return home() / (version or pinned_version()) / "lib"


@dataclass(frozen=True)
class Installation:
    version: str
    classpath: tuple[Path, ...]
    where: Path
    source: str  # "followlint" | "language_tool_python"


def installed() -> Installation | None:
    """The LanguageTool to run: followlint's pinned install, else language_tool_python's download."""
    return followlint_install() or ltp_install()


def followlint_install() -> Installation | None:
    lib = lib_dir()
    if not (lib.parent / "installed").is_file():
        return None
    jars = tuple(lib / a.relpath for a in lock())
    if not all(j.is_file() for j in jars):
        return None
    return Installation(pinned_version(), jars, lib.parent, "followlint")


def ltp_install() -> Installation | None:
    """language_tool_python's cache (LTP_PATH, LTP_JAR_DIR_PATH), read without importing or creating it."""
    jar_dir = os.environ.get("LTP_JAR_DIR_PATH")
    candidates: list[Path] = []
    if jar_dir and Path(jar_dir).is_dir():
        candidates = [Path(jar_dir)]
    else:
        root = Path(os.environ.get("LTP_PATH") or Path.home() / ".cache" / "language_tool_python")
        if root.is_dir():
            candidates = sorted((p for p in root.glob("LanguageTool-*") if p.is_dir()), key=lambda p: p.name)
    for folder in reversed(candidates):
        jar = folder / "languagetool-server.jar"
        if jar.is_file():
            version = folder.name.removeprefix("LanguageTool-") if folder.name.startswith("LanguageTool-") else "?"
            return Installation(version, (jar,), folder, "language_tool_python")
    return None
