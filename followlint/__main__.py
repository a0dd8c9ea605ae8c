"""Allow ``python -m followlint``."""

from followlint.cli import main

raise SystemExit(main())
