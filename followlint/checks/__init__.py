"""Built-in Python checks, one module per concern, listed explicitly (yamllint's _RULES)."""

BUILTIN_CHECKS: tuple[str, ...] = (
    "followlint.checks.closing:MissingSignOff",
    "followlint.checks.closing:MissingSignedName",
    "followlint.checks.closing:MissingContactInfo",
)
