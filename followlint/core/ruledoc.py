"""A rule's documentation as text: what ``followlint rule NAME`` prints and what docs/rules.md is made of.

One function renders both, so the reference in the docs cannot drift from the command.
"""

from __future__ import annotations

import dataclasses
import json

from followlint.core.rule import options_as_dict


def explain(rule) -> str:
    """The rule's page: header, what it flags, why, example, what to write instead, fix safety, options."""
    m = rule.meta
    d = m.docs
    out = [f"# {m.name} ({m.code})", "",
           f"Category: {m.category}    Default severity: {m.severity}    Scope: {m.scope}"
           f"    {'Enabled by default' if m.default_enabled else 'Opt-in'}",
           f"Fix: {'always' if m.fix == 'always' else 'sometimes' if m.fix == 'sometimes' else 'not'} available",
           "", "## What it flags", d.what or m.summary]
    for title, body in (("Why it hurts a follow-up", d.why), ("Example", d.example),
                        ("Use instead", d.instead), ("Fix safety", d.fix_safety)):
        if body:
            indented = "\n".join("    " + line for line in body.splitlines()) if title in ("Example", "Use instead") else body
            out += ["", f"## {title}", indented]
    if dataclasses.fields(rule.Options):
        out += ["", "## Options", f"Set in [tool.followlint.rules.{m.name}] (pyproject.toml) or "
                                  f"[rules.{m.name}] (.followlint.toml):"]
        for key, value in options_as_dict(rule.Options()).items():
            out.append(f"    {key} = {json.dumps(value)}")
    from followlint.core.registry import rule_files

    out += [""] + [f"{label}: {path}" for label, path in rule_files(rule)]
    return "\n".join(out) + "\n"


def reference(rules) -> str:
    """docs/rules.md: a table of every built-in rule, then each rule's page one heading level down."""
    rules = sorted(rules, key=lambda r: r.meta.code)
    lines = ["# Rules", "",
             "Generated from the rules themselves (`python scripts/rules_doc.py --write`); "
             "`followlint rule NAME` prints the same page in a terminal.", "",
             "Codes: **G** grammar and typos, **T** tone, **L** length, **P** personalisation, "
             "**S** structure and closing, **D** timeliness and duplicates. Info findings are reported but do "
             "not fail a run unless `--fail-level info`.", "",
             "| code | name | category | default | what it flags |", "|---|---|---|---|---|"]
    lines += [f"| {r.meta.code} | [`{r.meta.name}`](#{r.meta.name}) | {r.meta.category} | {r.meta.severity}"
              f"{'' if r.meta.default_enabled else ' (opt-in)'} | {r.meta.summary} |" for r in rules]
    for r in rules:
        page = explain(r).replace("\n## ", "\n### ").replace(f"# {r.meta.name} ({r.meta.code})",
                                                             f'## {r.meta.name}\n\n<a id="{r.meta.name}"></a>'
                                                             f"Code **{r.meta.code}**.", 1)
        lines += ["", page.rstrip("\n")]
    return "\n".join(lines) + "\n"
