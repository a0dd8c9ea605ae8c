"""Allow ``python -m followlint``."""

import os
import sys

# ``python -m`` puts the current directory first on sys.path. followlint runs in untrusted checkouts
# (CI on a stranger's pull request): a yaml.py, regex.py or fake *.dist-info plugin there must never
# be imported. followlint itself is already imported by now.
if sys.path and sys.path[0] and os.path.realpath(sys.path[0]) == os.path.realpath(os.getcwd()):
    del sys.path[0]

from followlint.cli import main  # noqa: E402

raise SystemExit(main())
