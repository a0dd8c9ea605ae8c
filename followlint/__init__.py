"""followlint: lint the message a candidate sends after a job interview.

The Python API (``followlint.lint_text``, ``followlint.Linter``, ...) is documented in
followlint.api; importing ``followlint`` stays cheap: the API module, spaCy and Harper load
when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from followlint.api import Context, FixResult, Linter, LintResult, lint_paths, lint_text
    from followlint.core.finding import Edit, Finding, Fix, Severity, Span

__all__ = ["Context", "Edit", "Finding", "Fix", "FixResult", "LintResult", "Linter", "Severity", "Span",
           "__version__", "lint_paths", "lint_text"]

_API = {"Context", "FixResult", "LintResult", "Linter", "lint_paths", "lint_text"}
_FINDING = {"Edit", "Finding", "Fix", "Severity", "Span"}


def __getattr__(name: str) -> Any:
    """Load the API on first use, so ``import followlint`` (and the CLI's start-up) stays light."""
    if name in _API:
        from followlint import api

        return getattr(api, name)
    if name in _FINDING:
        from followlint.core import finding

        return getattr(finding, name)
    raise AttributeError(f"module 'followlint' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
