"""Registry: built-ins, YAML packs, entry-point plugins; duplicate ids are hard errors naming both sources."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from followlint.core import registry as reg
from followlint.core.finding import Severity
from followlint.kinds import PackError, rule_from_yaml
from followlint.core.rule import BaseRule, RuleMeta


class FakeEntryPoint:
    def __init__(self, name, value, dist="acme-followlint-pack"):
        self.name, self._value, self.value = name, value, f"{dist}:plugin"
        self.dist = SimpleNamespace(name=dist)

    def load(self):
        return self._value


def with_plugins(monkeypatch, *eps):
    monkeypatch.setattr(reg, "entry_points", lambda group: list(eps) if group == reg.PLUGIN_GROUP else [])


class AcmeRule(BaseRule):
    meta = RuleMeta(name="acme-buzzword", code="ACM001", category="generic-phrasing",
                    severity=Severity.WARNING, summary="Acme's banned buzzwords.")

    def check(self, draft, options):
        return iter(())


def test_plugin_rule_class_is_registered(monkeypatch):
    with_plugins(monkeypatch, FakeEntryPoint("acme", lambda: [AcmeRule]))
    registry = reg.build_registry()
    assert registry.get("acme-buzzword").meta.source == "acme-followlint-pack"
    assert registry.get("ACM001") is registry.get("acme-buzzword")


def test_plugin_pack_folder_is_loaded(monkeypatch, tmp_path):
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "acme-synergy.yaml").write_text(
        "kind: existence\ncode: ACM002\ncategory: generic-phrasing\nmessage: \"'{match}' is jargon.\"\n"
        "tokens: [synergy]\n")
    with_plugins(monkeypatch, FakeEntryPoint("acme", lambda: [tmp_path / "pack"]))
    rule = reg.build_registry().get("acme-synergy")
    assert rule is not None and "acme-followlint-pack" in rule.meta.source


def test_duplicate_id_names_both_sources(monkeypatch):
    @dataclass(frozen=True)
    class _O:
        pass

    class Clash(AcmeRule):
        meta = RuleMeta(name="slang", code="ACM003", category="casual-tone", severity=Severity.WARNING,
                        summary="x")

    with_plugins(monkeypatch, FakeEntryPoint("acme", lambda: [Clash]))
    with pytest.raises(reg.RegistryError) as exc:
        reg.build_registry()
    assert "duplicate rule id 'slang'" in str(exc.value)
    assert "followlint" in str(exc.value) and "acme-followlint-pack" in str(exc.value)


def test_plugin_codes_need_a_long_prefix(monkeypatch):
    class Short(AcmeRule):
        meta = RuleMeta(name="acme-short", code="A001", category="casual-tone", severity=Severity.WARNING,
                        summary="x")

    with_plugins(monkeypatch, FakeEntryPoint("acme", lambda: [Short]))
    with pytest.raises(reg.RegistryError, match="prefix of 3"):
        reg.build_registry()


def test_broken_plugin_is_named(monkeypatch):
    def boom():
        raise ImportError("no module named acme_internal")

    with_plugins(monkeypatch, FakeEntryPoint("acme", boom))
    with pytest.raises(reg.RegistryError, match="plugin 'acme' from acme-followlint-pack failed to load"):
        reg.build_registry()


@pytest.mark.parametrize("text,where,message", [
    ("kind: existence\ncode: T9\ncategory: casual-tone\nmessage: m\ntokens: [x]\n", ":2:", "code"),
    ("kind: existence\ncode: T901\ncategory: vibes\nmessage: m\ntokens: [x]\n", ":3:", "category"),
    ("kind: existence\ncode: T901\ncategory: casual-tone\nmessage: m\n", ":1:", "needs 'tokens'"),
    ("kind: existence\ncode: T901\ncategory: casual-tone\nmessage: m\ntokens: [x]\nlevle: error\n", ":6:", "unknown key"),
    ("kind: magic\ncode: T901\ncategory: casual-tone\nmessage: m\n", ":1:", "unknown kind"),
    ("kind: existence\ncode: T901\ncategory: casual-tone\nmessage: m\npatterns: ['(unclosed']\n", ":5:", "bad pattern"),
    ("kind: existence\ncode: [T901\n", ":3:", "invalid YAML"),
    ("- just a list\n", ":1:", "mapping"),
    ("kind: pattern\ncode: T901\ncategory: casual-tone\npatterns: [x]\n", ":4:", "mapping with a 'pattern'"),
    ("kind: pattern\ncode: T901\ncategory: casual-tone\npatterns:\n  - {pattern: x}\n", ":4:", "needs a 'message'"),
    ("kind: pattern\ncode: T901\ncategory: casual-tone\npatterns:\n  - {pattern: x, message: m, when: y}\n", ":4:",
     "unknown key 'when'"),
    ("kind: pattern\ncode: T901\ncategory: casual-tone\npatterns:\n  - {pattern: '(x', message: m}\n", ":4:",
     "bad pattern"),
    ("kind: pattern\ncode: T901\ncategory: casual-tone\npatterns:\n  - {pattern: x, message: m, level: loud}\n", ":4:",
     "patterns[0]"),
    ("kind: metric\ncode: T901\ncategory: casual-tone\nmessage: m\nmetric: words\n", ":1:", "needs 'max' or 'min'"),
    ("kind: metric\ncode: T901\ncategory: casual-tone\nmessage: m\nmetric: words\nmax: 3\nmin: 1\noption: n\n", ":8:",
     "not both"),
])
def test_pack_errors_name_file_and_line(text, where, message):
    with pytest.raises(PackError) as exc:
        rule_from_yaml("rules/tone/bad-rule.yaml", text)
    assert str(exc.value).startswith("rules/tone/bad-rule.yaml" + where), str(exc.value)
    assert message in str(exc.value)


def test_yaml_is_data_not_code():
    with pytest.raises(PackError):
        rule_from_yaml("rules/x.yaml", "kind: !!python/object/apply:os.system ['echo pwned']\n")


# --- one place per rule (issue 11) ----------------------------------------------------------------

import ast  # noqa: E402
import io  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = list(reg.build_registry(include_plugins=False))


def _cli(*argv: str) -> str:
    from followlint.cli import main

    out, err = io.StringIO(), io.StringIO()
    assert main(list(argv), stdout=out, stderr=err) == 0, err.getvalue()
    return out.getvalue()


@pytest.mark.parametrize("rule", SHIPPED, ids=lambda r: r.meta.name)
def test_a_rule_is_found_by_its_name_alone(rule):
    """Its code is followlint/checks/<rule_name>.py (or a family package's <rule_name>.py), or it is
    rules/<category>/<rule-name>.yaml; its golden tests are tests/rules/<rule-name>.yaml."""
    files = dict(reg.rule_files(rule))
    source = Path(files["Defined in"])
    assert (ROOT / source).is_file(), source
    if source.suffix == ".py":
        assert source.parts[:2] == ("followlint", "checks") and source.stem == rule.meta.name.replace("-", "_")
    else:
        assert source.parts[0] == "rules" and source.name == f"{rule.meta.name}.yaml"
    if rule.meta.name != "duplicate-message":  # run-level: tests/test_duplicates.py
        assert (ROOT / files["Golden tests"]).is_file()


@pytest.mark.parametrize("rule", [r for r in SHIPPED if r.meta.source.endswith(".py")], ids=lambda r: r.meta.name)
def test_rule_names_every_data_file_its_code_reads(rule):
    """`followlint rule NAME` lists the data files: each load_data("x") in the rule's module and the
    private helper modules it imports must be one of them."""
    listed = {Path(p).stem for label, p in reg.rule_files(rule) if label == "Data"}
    module = ROOT / rule.meta.source
    tree = ast.parse(module.read_text(encoding="utf-8"))
    read = set(re.findall(r'load_data\("([^"]+)"\)', module.read_text(encoding="utf-8")))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("followlint.checks"):
            path = ROOT / (node.module.replace(".", "/") + ".py")
            if path.name.startswith("_") and path.is_file():
                reads = _data_read_by_function(path)
                for alias in node.names:
                    read |= reads.get(alias.name, set())
    assert read <= listed, f"{rule.meta.name} reads {sorted(read - listed)} without listing it (data_files)"
    for name in listed:
        assert (ROOT / "rules" / "data" / f"{name}.yaml").is_file()


def _data_read_by_function(path: Path) -> dict[str, set[str]]:
    """For each top-level name of a helper module, the data files it reads (directly or through the
    module's other functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    direct: dict[str, set[str]] = {}
    calls: dict[str, set[str]] = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            text = ast.unparse(node)
            direct[node.name] = set(re.findall(r"load_data\('([^']+)'\)", text))
            calls[node.name] = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
    changed = True
    while changed:
        changed = False
        for name, used in calls.items():
            for other in used & direct.keys():
                if not direct[other] <= direct[name]:
                    direct[name] |= direct[other]
                    changed = True
    return direct


def test_rule_command_prints_where_the_rule_lives():
    out = _cli("rule", "missing-sign-off")
    assert "Defined in: followlint/checks/missing_sign_off.py" in out
    assert "Data: rules/data/missing-sign-off.yaml" in out
    assert "Golden tests: tests/rules/missing-sign-off.yaml" in out
    out = _cli("rule", "demanding-tone")
    assert "Defined in: rules/demanding-tone/demanding-tone.yaml" in out
    assert "Golden tests: tests/rules/demanding-tone.yaml" in out
    out = _cli("rule", "misspelled-word")
    assert "Defined in: followlint/checks/grammar/misspelled_word.py" in out
    assert "Data: rules/data/grammar.yaml" in out


@pytest.mark.parametrize("name,option,value", [
    ("excessive-length", "error-words", "350"),
    ("long-sentence", "max-words", "35"),
    ("too-many-paragraphs", "max-paragraphs", "5"),
    ("reading-grade", "max-grade", "12.0"),
    ("casual-register", "min-markers", "3"),
    ("no-specific-detail", "min-specifics", "1"),
])
def test_options_print_their_real_defaults(name, option, value, tmp_path):
    """No option defaults to 0 meaning "read it from YAML": the dataclass holds the value users see."""
    assert f"    {option} = {value}\n" in _cli("rule", name)
    config = _cli("config", str(tmp_path))
    section = config.split(f"[rules.{name}]\n", 1)[1].split("\n\n", 1)[0]
    assert f"{option} = {value}" in section.splitlines()


def test_no_option_default_is_a_zero_placeholder():
    import dataclasses

    for rule in SHIPPED:
        for f in dataclasses.fields(rule.Options):
            if f.default is not dataclasses.MISSING and isinstance(f.default, (int, float)):
                assert f.default != 0 or isinstance(f.default, bool), f"{rule.meta.name}.{f.name} defaults to 0"


def test_every_kind_is_used_by_a_shipped_rule():
    from followlint.kinds import KINDS

    used = {type(r) for r in SHIPPED}
    assert {name for name, cls in KINDS.items() if cls not in used} == set()


def test_the_anatomy_does_not_import_the_rules():
    """Greeting classification is the anatomy's (followlint.anatomy.greeting): no cycle through checks/."""
    for path in (ROOT / "followlint" / "anatomy").glob("*.py"):
        assert "followlint.checks" not in path.read_text(encoding="utf-8"), path.name


def test_no_rule_writes_into_a_draft():
    """Rules read the anatomy's cached properties; after a run the draft holds nothing else."""
    import dataclasses
    from functools import cached_property

    from followlint.anatomy.draft import Draft, parse_draft
    from followlint.core.config import Config, resolve_rules
    from followlint.core.engine import Services, lint_draft

    text = ("Hey Dana,\n\nThanks so much for the chat!! I'm gonna send u my portfolio asap. I expect a decision by "
            "Friday. Sorry to bother you, I know you are very busy.\n\nCheers,\nJordan\nSent from my iPhone\n")
    draft = parse_draft(text, "a.txt")
    lint_draft(draft, resolve_rules(Config(), reg.build_registry(include_plugins=False)), Services())
    allowed = {f.name for f in dataclasses.fields(Draft)}
    allowed |= {name for name, attr in vars(Draft).items() if isinstance(attr, cached_property)}
    assert set(vars(draft)) <= allowed, set(vars(draft)) - allowed


def test_a_cached_draft_answers_the_anatomy_like_a_draft():
    from followlint.anatomy.draft import parse_draft
    from followlint.run.cache import CachedDraft

    text = "Dear hiring team,\n\nThank you all for the panel today.\n\nBest regards,\nJordan\n"
    real = parse_draft(text, "a.txt")
    cached = CachedDraft(text, "a.txt", lambda: parse_draft(text, "a.txt"))
    for name in ("kind", "kind_guess", "greeting_class", "flat_body"):
        assert getattr(cached, name) == getattr(real, name), name
    assert real.kind == "panel" and real.greeting_class[0] == "collective"


def test_pattern_kind_gives_each_entry_its_message_and_level():
    from followlint.anatomy.draft import parse_draft

    rule = rule_from_yaml("rules/casual-tone/t.yaml", (
        "kind: pattern\ncode: T901\ncategory: casual-tone\nlevel: warning\nsummary: s\npatterns:\n"
        "  - {pattern: '\\bso sorry to bother\\b', message: \"'{match}' apologises\", level: info}\n"
        "  - {pattern: '\\bto bother you\\b', message: \"'{match}' again\"}\n"
        "  - {pattern: '\\bdecision by Friday\\b', message: \"'{match}' is a deadline\"}\n"))
    draft = parse_draft("Hi Dana,\n\nI am so sorry to\nbother you, but I expect a decision by friday.\n\nBest,\nJo\n",
                        "a.txt")
    found = list(rule.check(draft, rule.Options()))
    # the second entry overlaps the first match and is dropped; the hard wrap matches as a space
    assert [(f.message, f.severity) for f in found] == [("'so sorry to bother' apologises", Severity.INFO),
                                                        ("'decision by friday' is a deadline", Severity.WARNING)]
    assert draft.text[found[0].span.start:found[0].span.end] == "so sorry to\nbother"


def test_metric_kind_option_has_the_real_default_and_points_past_the_limit():
    from followlint.anatomy.draft import parse_draft
    from followlint.core.rule import build_options, options_as_dict

    rule = rule_from_yaml("rules/excessive-length/t.yaml", (
        "kind: metric\ncode: L901\ncategory: excessive-length\nmetric: paragraphs\nmax: 2\noption: max-paras\n"
        "message: '{count} paragraphs, over {limit}'\n"))
    assert options_as_dict(rule.Options()) == {"max-paras": 2}
    draft = parse_draft("Hi Dana,\n\nOne.\n\nTwo.\n\nThree and\nmore.\n\nBest,\nJo\n", "a.txt")
    (found,) = rule.check(draft, rule.Options())
    assert found.message == "3 paragraphs, over 2" and draft.text[found.span.start:found.span.end] == "Three and"
    assert list(rule.check(draft, build_options(rule.Options, {"max-paras": 3}, "x"))) == []
