"""A local LanguageTool server the user installs and runs with one command each.

``followlint languagetool install`` resolves a pinned LanguageTool server and English module with the
user's own Maven (so their mirrors and proxies apply), checks every jar against ``lock.tsv`` and keeps
them in the user cache; ``start``, ``stop`` and ``status`` run it on 127.0.0.1. Linting never
downloads: the grammar service only finds what is installed or running (:mod:`.home`).
"""
