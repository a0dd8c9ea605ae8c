"""The informational commands: ``rules``, ``rule NAME`` and ``config`` (none of them loads an engine)."""

from __future__ import annotations

import json
from pathlib import Path

from followlint.cli.errors import EXIT_ERROR, EXIT_OK


def list_rules(args, stdout) -> int:
    from followlint.core.registry import build_registry

    rules = list(build_registry())
    if args.output_format == "json":
        json.dump([{"name": r.meta.name, "code": r.meta.code, "category": r.meta.category,
                    "severity": str(r.meta.severity), "default": r.meta.default_enabled,
                    "fix": r.meta.fix, "summary": r.meta.summary} for r in rules], stdout, indent=2)
        stdout.write("\n")
        return EXIT_OK
    shown = [r for r in rules if args.all or r.meta.default_enabled]
    width = max(len(r.meta.name) for r in shown) + 2
    cat_width = max(len(r.meta.category) for r in shown) + 2
    stdout.write(f"{'CODE':<6} {'NAME':<{width}}{'CATEGORY':<{cat_width}}{'SEVERITY':<9} SUMMARY\n")
    for r in shown:
        m = r.meta
        star = "*" if not m.default_enabled else " "
        stdout.write(f"{m.code:<5}{star} {m.name:<{width}}{m.category:<{cat_width}}{str(m.severity):<9} {m.summary}\n")
    if not args.all and len(shown) < len(rules):
        stdout.write(f"\n{len(rules) - len(shown)} opt-in rule(s) not shown; use --all.\n")
    elif args.all:
        stdout.write("\n* opt-in: enable with --extend-select or extend-select in the config.\n")
    return EXIT_OK


def explain_rule(args, stdout, stderr) -> int:
    from followlint.core.registry import build_registry
    from followlint.core.ruledoc import explain

    registry = build_registry()
    rule = registry.get(args.name)
    if rule is None:
        from difflib import get_close_matches

        close = get_close_matches(args.name, [r.meta.name for r in registry], n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        stderr.write(f"followlint: error: unknown rule {args.name!r}{hint}; see `followlint rules`\n")
        return EXIT_ERROR
    stdout.write(explain(rule))
    return EXIT_OK


def show_config(args, stdout) -> int:
    from followlint.core.config import ConfigCache, resolve_rules
    from followlint.core.registry import build_registry
    from followlint.core.rule import options_as_dict

    target = Path(args.path)
    configs = ConfigCache(args.config, trust=args.trust_config)
    cfg = configs.for_path(target if target.is_file() else target / "draft.txt")
    active = resolve_rules(cfg, build_registry())
    lines = [f"# config file: {cfg.path or '(none found; defaults)'}",
             f"fail-level = {json.dumps(cfg.fail_level or 'warning')}",
             f"max-file-size = {cfg.max_file_size}",
             f"vocabulary = {json.dumps(list(cfg.vocabulary))}",
             f"exclude = {json.dumps(list(cfg.effective_exclude))}",
             f"respect-gitignore = {json.dumps(cfg.respect_gitignore)}",
             f"enabled = {json.dumps([a.rule.meta.name for a in active])}",
             "", "[grammar]"]
    lines += [f"{k} = {json.dumps(v)}" for k, v in sorted(cfg.grammar.items())]
    for a in active:
        opts = options_as_dict(a.options)
        lines += ["", f"[rules.{a.rule.meta.name}]",
                  f"severity = {json.dumps(str(a.severity or a.rule.meta.severity))}"]
        lines += [f"{k} = {json.dumps(v)}" for k, v in opts.items()]
    stdout.write("\n".join(lines) + "\n")
    return EXIT_OK
