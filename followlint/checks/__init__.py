"""Built-in Python checks, one module per rule (``followlint/checks/<rule_name>.py``), listed explicitly
(yamllint's _RULES). A family that shares real code is a package with one module per rule and a private
shared module (``grammar/``, ``structure/``); small helpers two rules share are private modules here
(``_casual``, ``_closing``, ``_mentions``, ``_specificity``, ``_timeliness``). Rules that are only a list of
patterns with a message are YAML files in ``rules/<category>/`` instead (followlint.kinds)."""

BUILTIN_CHECKS: tuple[str, ...] = (
    "followlint.checks.missing_sign_off:MissingSignOff",
    "followlint.checks.missing_signed_name:MissingSignedName",
    "followlint.checks.missing_contact_info:MissingContactInfo",
    "followlint.checks.casual_greeting:CasualGreeting",
    "followlint.checks.slang:Slang",
    "followlint.checks.emoji_or_emoticon:EmojiOrEmoticon",
    "followlint.checks.excessive_exclamation:ExcessiveExclamation",
    "followlint.checks.shouted_word:ShoutedWord",
    "followlint.checks.casual_sign_off:CasualSignOff",
    "followlint.checks.phone_signature:PhoneSignature",
    "followlint.checks.casual_register:CasualRegister",
    "followlint.checks.reader_pressure:ReaderPressure",
    "followlint.checks.missing_interviewer_name:MissingInterviewerName",
    "followlint.checks.unfilled_placeholder:UnfilledPlaceholder",
    "followlint.checks.no_specific_detail:NoSpecificDetail",
    "followlint.checks.stock_opener:StockOpener",
    "followlint.checks.excessive_length:ExcessiveLength",
    "followlint.checks.long_sentence:LongSentence",
    "followlint.checks.reading_grade:ReadingGrade",
    "followlint.checks.grammar.misspelled_word:MisspelledWord",
    "followlint.checks.grammar.repeated_word:RepeatedWord",
    "followlint.checks.grammar.grammar_error:GrammarError",
    "followlint.checks.grammar.word_choice:WordChoice",
    "followlint.checks.grammar.capitalization:Capitalization",
    "followlint.checks.its_for_possessive:ItsForPossessive",
    "followlint.checks.grammar.punctuation:Punctuation",
    # context-aware checks, message kinds and the run-level duplicate pass (issue 6)
    "followlint.checks.interviewer_name_mismatch:InterviewerNameMismatch",
    "followlint.checks.panel_incomplete:PanelIncomplete",
    "followlint.checks.company_not_mentioned:CompanyNotMentioned",
    "followlint.checks.role_not_mentioned:RoleNotMentioned",
    "followlint.checks.late_thank_you:LateThankYou",
    "followlint.checks.early_follow_up:EarlyFollowUp",
    "followlint.checks.structure.missing_gratitude:MissingGratitude",
    "followlint.checks.structure.missing_interest:MissingInterest",
    "followlint.checks.structure.missing_specific_point:MissingSpecificPoint",
    "followlint.checks.structure.missing_next_steps:MissingNextSteps",
    "followlint.checks.linkedin_note_too_long:LinkedInNoteTooLong",
    "followlint.checks.duplicate_message:DuplicateMessage",
)
