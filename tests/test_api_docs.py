"""docs/api.md's example prints what the page says it prints."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_api_example_prints_its_documented_output(tmp_path):
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    code, shown = re.search(r"```python\n(.*?)```\n\nprints\n\n```text\n(.*?)```", page, re.S).groups()
    script = tmp_path / "example.py"
    script.write_text(code)
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.rstrip() == shown.rstrip()
