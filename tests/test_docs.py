"""The user docs stay true: the rules reference is generated from the rules, links resolve, and the
README stays a short front page."""

from __future__ import annotations

import re
from pathlib import Path

from followlint.core.registry import build_registry
from followlint.core.ruledoc import explain, reference

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def test_rules_reference_is_current():
    current = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert current == reference(list(build_registry(include_plugins=False))), \
        "docs/rules.md is stale: run python scripts/rules_doc.py --write"


def test_rules_reference_has_every_rule_page_as_the_command_prints_it():
    text = (DOCS / "rules.md").read_text(encoding="utf-8")
    for rule in build_registry(include_plugins=False):
        assert f'<a id="{rule.meta.name}"></a>' in text
        what = explain(rule).split("## What it flags\n", 1)[1].split("\n", 1)[0]
        assert what in text


def test_readme_is_a_front_page():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 200


def _links(path: Path):
    for target in re.findall(r"\]\(([^)\s]+)\)", path.read_text(encoding="utf-8")):
        if not re.match(r"[a-z]+:", target):
            yield target


def test_relative_links_in_readme_and_docs_resolve():
    broken = []
    for page in [ROOT / "README.md", *DOCS.glob("*.md")]:
        for target in _links(page):
            file, _, anchor = target.partition("#")
            dest = (page.parent / file).resolve() if file else page
            if not dest.exists():
                broken.append(f"{page.name}: {target}")
            elif anchor and dest.suffix == ".md":
                text = dest.read_text(encoding="utf-8")
                slugs = {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-")
                         for h in re.findall(r"^#+ (.+)$", text, re.M)}
                if anchor not in slugs and f'id="{anchor}"' not in text:
                    broken.append(f"{page.name}: {target}")
    assert broken == []


def test_docs_name_no_path_a_user_does_not_have():
    for page in [ROOT / "README.md", *DOCS.glob("*.md")]:
        text = page.read_text(encoding="utf-8")
        assert "../shared" not in text and "/work/" not in text, page.name
