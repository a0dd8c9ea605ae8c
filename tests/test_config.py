"""Config discovery (nearest wins), validation errors naming file and key, `followlint config`."""

from __future__ import annotations

NO_SIGN_OFF = "Hi Dana,\n\nThanks for the chat about the analyst role.\n"


def test_nearest_config_wins(cli, write, tmp_path):
    write("pyproject.toml", '[tool.followlint]\nignore = ["missing-sign-off"]\n')
    write("inner/.followlint.toml", 'select = ["missing-sign-off"]\n')
    inner = write("inner/a.txt", NO_SIGN_OFF)
    outer = write("a.txt", NO_SIGN_OFF)
    assert [f["rule"] for f in cli("check", str(inner), "--output-format", "json").json["files"][0]["findings"]] == [
        "missing-sign-off"]
    outer_rules = {f["rule"] for f in cli("check", str(outer), "--output-format", "json").json["files"][0]["findings"]}
    assert "missing-sign-off" not in outer_rules and "missing-contact-info" in outer_rules


def test_pyproject_without_section_is_skipped(cli, write, tmp_path):
    write("pyproject.toml", '[tool.followlint]\nselect = ["S102"]\n')
    write("sub/pyproject.toml", '[project]\nname = "x"\n')
    path = write("sub/a.txt", NO_SIGN_OFF)
    rules = {f["rule"] for f in cli("check", str(path), "--output-format", "json").json["files"][0]["findings"]}
    assert rules == {"missing-contact-info"}


def test_rule_severity_and_options(cli, write):
    write(".followlint.toml", '[rules.missing-sign-off]\nseverity = "error"\n'
                              '[rules.missing-contact-info]\nwarn-kinds = ["follow-up"]\n')
    path = write("a.md", "---\nkind: follow-up\n---\n" + NO_SIGN_OFF)
    findings = cli("check", str(path), "--output-format", "json").json["files"][0]["findings"]
    sev = {f["rule"]: f["severity"] for f in findings}
    assert sev["missing-sign-off"] == "error"
    assert sev["missing-contact-info"] == "warning"


def test_errors_name_file_and_key(cli, write):
    cases = {
        'select = "S100"\n': "select: expected a list",
        '[rules.no-such-rule]\nseverity = "error"\n': "unknown rule 'no-such-rule'",
        '[rules.missing-contact-info]\nwarn-kind = []\n': "unknown option 'warn-kind'",
        '[rules.missing-contact-info]\nwarn-kinds = "x"\n': "warn-kinds: expected a list",
        '[rules.missing-sign-off]\nseverity = "fatal"\n': "unknown severity",
        'colour = true\n': "unknown setting",
        'select = [\n': "invalid TOML",
        '[grammar]\nengine = "grammarly"\n': "engine: must be one of",
    }
    for body, message in cases.items():
        cfg = write(".followlint.toml", body)
        path = write("a.txt", NO_SIGN_OFF)
        r = cli("check", str(path))
        assert r.code == 2, body
        assert str(cfg) in r.err and message in r.err, (body, r.err)
        assert "Traceback" not in r.err


def test_broken_toml_names_the_line(cli, write):
    write(".followlint.toml", 'select = ["S100"]\nignore = [1 2]\n')
    r = cli("check", str(write("a.txt", NO_SIGN_OFF)))
    assert r.code == 2 and "line 2" in r.err, r.err


def test_explicit_config_flag(cli, write, tmp_path):
    cfg = write("elsewhere/custom.toml", 'select = ["S102"]\n')
    path = write("a.txt", NO_SIGN_OFF)
    rules = {f["rule"] for f in cli("check", str(path), "--config", str(cfg), "--output-format", "json").json["files"][0]["findings"]}
    assert rules == {"missing-contact-info"}


def test_select_by_prefix_category_and_cli_override(cli, write):
    write(".followlint.toml", 'select = ["missing-closing-or-contact"]\nignore = ["S102"]\n')
    path = write("a.txt", NO_SIGN_OFF)
    rules = {f["rule"] for f in cli("check", str(path), "--output-format", "json").json["files"][0]["findings"]}
    assert rules == {"missing-sign-off"}
    rules = {f["rule"] for f in cli("check", str(path), "--select", "S102", "--output-format", "json").json["files"][0]["findings"]}
    assert rules == set()  # S102 still ignored by the config's ignore (more specific than nothing)


def test_config_command_prints_resolved(cli, write, tmp_path):
    write(".followlint.toml", '[rules.missing-sign-off]\nseverity = "error"\n')
    r = cli("config", str(tmp_path))
    assert r.code == 0
    assert ".followlint.toml" in r.out
    assert '[rules.missing-sign-off]\nseverity = "error"' in r.out
