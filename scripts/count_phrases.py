#!/usr/bin/env python3
"""Count the English words and phrases held in Python code under a folder (issue 11: vocabulary as data).

Counts the alternatives of regex literals passed to re.*/regex.* calls, the words of "...".split() lists and
the members of set/tuple/list literals that are lower-case words; tuples that name spaCy annotations or
data files are left out. It is a rough measure, for before/after comparisons:

    python scripts/count_phrases.py followlint/checks [--list]
"""
import ast
import re
import sys
from pathlib import Path

RE_FUNCS = {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "finditer", "findall"}
WORDY = re.compile(r"[A-Za-z]{2,}")

def regex_alternatives(pattern: str) -> list[str]:
    p = re.sub(r"\(\?P<\w+>|\(\?[:=!<]+|\(\?-?i:|\\[bBsSwWdDAZ]|\[[^\]]*\]|[{][0-9,]*[}]|[()?*+^$]", " ", pattern)
    out = []
    for alt in p.split("|"):
        alt = re.sub(r"\s+", " ", alt).strip(" .\\")
        if WORDY.search(alt):
            out.append(alt)
    return out

def literal_text(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        a, b = literal_text(node.left), literal_text(node.right)
        return None if a is None or b is None else a + b
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    return None

_KEYS: set[str] | None = None


def _data_keys() -> set[str]:
    """The list names of rules/data/*.yaml: a pattern that names one reads it, it does not hold it."""
    global _KEYS
    if _KEYS is None:
        import yaml

        _KEYS = set()
        for path in (Path(__file__).resolve().parent.parent / "rules" / "data").glob("*.yaml"):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            if isinstance(data, dict):
                _KEYS.update(str(k) for k in data)
    return _KEYS


def _lazy_pattern_words(node: ast.Call, seen: set) -> list:
    """The words in the literal pieces of a pattern built on first use (``LazyPattern(lambda: ...)``):
    the frame a data list is placed in, which is what stays in code."""
    out = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and id(sub) not in seen \
                and sub.value not in _data_keys():
            seen.add(id(sub))
            out += [("regex", a) for a in regex_alternatives(sub.value)]
    return out


def count_file(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    seen = set()
    skip = set()  # tuples that name spaCy annotations or data files, not English
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "needs_nlp":
            skip.add(id(node.value))
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "data_files" for t in node.targets):
            skip.add(id(node.value))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "annotated":
            skip.update(id(a) for a in node.args)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "LazyPattern":
            found += _lazy_pattern_words(node, seen)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            f = node.func
            if f.attr in RE_FUNCS and isinstance(f.value, ast.Name) and f.value.id in ("re", "regex") and node.args:
                text = literal_text(node.args[0])
                if text is not None and id(node.args[0]) not in seen:
                    seen.add(id(node.args[0]))
                    found += [("regex", a) for a in regex_alternatives(text)]
            elif f.attr == "split" and not node.args:
                text = literal_text(f.value)
                if text is not None:
                    found += [("split", w) for w in text.split() if WORDY.search(w)]
        elif isinstance(node, (ast.Set, ast.Tuple, ast.List)):
            vals = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if any(v in ("pos", "lemma", "ents", "sents") for v in vals):
                continue
            if len(vals) >= 2 and len(vals) == len(node.elts) and all(re.fullmatch(r"[a-z][a-z' ]*[a-z]", v) for v in vals):
                found += [("literal", v) for v in vals]
    return found

root = Path(sys.argv[1])
total = 0
rows = []
for path in sorted(root.rglob("*.py")):
    items = count_file(path)
    total += len(items)
    rows.append((len(items), path.relative_to(root)))
    if "--list" in sys.argv:
        for kind, text in items:
            print(f"  {path.relative_to(root)}\t{kind}\t{text}")
for n, p in rows:
    if n:
        print(f"{n:5}  {p}")
print(f"{total:5}  total")
