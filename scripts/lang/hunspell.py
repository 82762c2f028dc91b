"""Suffix-only expansion of Hunspell dictionaries (.dic + .aff).

Prefix rules are left out on purpose: in the Portuguese dictionaries they generate tens of
millions of rare forms ("hexa-", "tragi-", "pseudo-") that would drown the everyday vocabulary.
One level of continuation classes is followed ("ción/S" gives the plural "ciones").
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    strip: str
    add: str
    continuation: str
    condition: re.Pattern


def _read(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return text.lstrip("\ufeff")


def read_suffixes(aff_path):
    """Maps each suffix flag to its rules."""
    rules = {}
    for line in _read(aff_path).splitlines():
        parts = line.split()
        if len(parts) < 4 or parts[0] != "SFX":
            continue
        flag = parts[1]
        if len(parts) == 4 and parts[2] in ("Y", "N") and parts[3].isdigit():
            rules.setdefault(flag, [])
            continue
        strip = "" if parts[2] == "0" else parts[2]
        add, _, continuation = parts[3].partition("/")
        add = "" if add == "0" else add
        condition = parts[4] if len(parts) > 4 else "."
        pattern = re.compile("(?:" + ("." if condition == "." else condition) + ")$")
        rules.setdefault(flag, []).append(Rule(strip, add, continuation, pattern))
    return rules


def read_entries(dic_path):
    """Yields (word, flags) for each entry; the first line (a count) and tags are skipped."""
    lines = _read(dic_path).splitlines()
    for line in lines[1:]:
        entry = line.split("\t")[0].split(" ")[0].strip()
        if not entry:
            continue
        word, _, flags = entry.partition("/")
        yield word, flags


def _apply(word, flags, suffixes, depth):
    for flag in flags:
        for rule in suffixes.get(flag, ()):
            if rule.strip and not word.endswith(rule.strip):
                continue
            if not rule.condition.search(word):
                continue
            stem = word[: len(word) - len(rule.strip)] if rule.strip else word
            form = stem + rule.add
            yield form
            if depth > 0 and rule.continuation:
                yield from _apply(form, rule.continuation, suffixes, depth - 1)


def paradigms(dic_path, aff_path):
    """Yields, per dictionary entry, the set of its forms: the entry itself and its suffixed forms."""
    suffixes = read_suffixes(aff_path)
    for word, flags in read_entries(dic_path):
        forms = {word}
        forms.update(_apply(word, flags, suffixes, 1))
        yield forms
