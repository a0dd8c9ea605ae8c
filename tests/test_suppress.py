"""Inline suppression is applied by the engine, by name, code or category."""

from __future__ import annotations

GENERIC = "I am a team player and a hard worker."


def rules_found(cli, path):
    r = cli("check", str(path), "--select", "generic-phrase", "--output-format", "json")
    return [(f["line"], f["rule"]) for f in r.json["files"][0]["findings"]]


def test_markdown_disable_enable(cli, write):
    text = ("Hi Dana,\n\n<!-- followlint-disable generic-phrase -->\n" + GENERIC +
            "\n<!-- followlint-enable generic-phrase -->\n" + GENERIC + "\n\nBest,\nJo\n")
    assert rules_found(cli, write("a.md", text)) == [(6, "generic-phrase"), (6, "generic-phrase")]


def test_disable_next_line_by_code(cli, write):
    text = "Hi Dana,\n\n<!-- followlint-disable-next-line P102 -->\n" + GENERIC + "\n" + GENERIC + "\n\nBest,\nJo\n"
    assert rules_found(cli, write("a.md", text)) == [(5, "generic-phrase"), (5, "generic-phrase")]


def test_plain_text_ignore_same_line_and_next_line(cli, write):
    text = ("Hi Dana,\n\n" + GENERIC + "  followlint: ignore[generic-phrasing]\n"
            "followlint: ignore[generic-phrase]\n" + GENERIC + "\n" + GENERIC + "\n\nBest,\nJo\n")
    assert rules_found(cli, write("a.txt", text)) == [(6, "generic-phrase"), (6, "generic-phrase")]


def test_ignore_all_and_file_wide(cli, write):
    text = "Hi Dana,\n\n" + GENERIC + " followlint: ignore\n\nBest,\nJo\n"
    assert rules_found(cli, write("a.txt", text)) == []
    text = "<!-- followlint-disable-file P1 -->\nHi Dana,\n\n" + GENERIC + "\n\nBest,\nJo\n"
    assert rules_found(cli, write("b.md", text)) == []


def test_directive_text_is_not_linted(cli, write):
    text = "Hi Dana,\n\n<!-- team player -->\nThanks.\n\nBest,\nJo\n"
    assert rules_found(cli, write("a.md", text)) == []
