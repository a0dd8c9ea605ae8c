"""Built-in Python checks, one module per concern, listed explicitly (yamllint's _RULES)."""

BUILTIN_CHECKS: tuple[str, ...] = (
    "followlint.checks.closing:MissingSignOff",
    "followlint.checks.closing:MissingSignedName",
    "followlint.checks.closing:MissingContactInfo",
    "followlint.checks.tone:CasualGreeting",
    "followlint.checks.tone:Slang",
    "followlint.checks.tone:EmojiOrEmoticon",
    "followlint.checks.tone:ExcessiveExclamation",
    "followlint.checks.tone:ShoutedWord",
    "followlint.checks.tone:CasualSignOff",
    "followlint.checks.tone:PhoneSignature",
    "followlint.checks.personal:MissingInterviewerName",
    "followlint.checks.placeholder:UnfilledPlaceholder",
    "followlint.checks.personal:NoSpecificDetail",
    "followlint.checks.length:ExcessiveLength",
    "followlint.checks.length:LongSentence",
    "followlint.checks.length:TooManyParagraphs",
    "followlint.checks.length:ReadingGrade",
)
