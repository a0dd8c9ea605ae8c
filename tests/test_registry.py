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
])
def test_pack_errors_name_file_and_line(text, where, message):
    with pytest.raises(PackError) as exc:
        rule_from_yaml("rules/tone/bad-rule.yaml", text)
    assert str(exc.value).startswith("rules/tone/bad-rule.yaml" + where), str(exc.value)
    assert message in str(exc.value)


def test_yaml_is_data_not_code():
    with pytest.raises(PackError):
        rule_from_yaml("rules/x.yaml", "kind: !!python/object/apply:os.system ['echo pwned']\n")
