#!/usr/bin/env python3
"""Rewrite followlint/languagetool/lock.tsv after changing LanguageTool's version or roots there.

Resolves the lock's root rows with Maven into a temporary folder and prints every jar with its sha256
(the roots keep their role). Review the diff before committing: the lock is what installs trust.

    .venv/bin/python scripts/languagetool_lock.py > /tmp/lock.tsv
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from followlint.languagetool import install

HEADER = """# LanguageTool's pinned jars for `followlint languagetool install`: group, artifact, version, sha256, role.
# "root" rows are what the generated pom asks for (language-all excluded); "dep" rows are what they pull in.
# Any other jar, or a checksum that differs, makes the install refuse. Regenerate with scripts/languagetool_lock.py.
"""


def main() -> int:
    mvn = shutil.which("mvn")
    if mvn is None:
        print(install.no_maven_message(), file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        install.resolve(mvn, Path(tmp), Path(tmp) / "lib")
        sys.stdout.write(HEADER + install.lock_rows(Path(tmp) / "lib"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
