"""The word lists of each language, read from the Debian dictionary packages."""

import hunspell

HUNSPELL = "/usr/share/hunspell"
WAMERICAN = "/usr/share/dict/american-english"

DICTIONARIES = {
    "es": ["es_ES"],
    "pt": ["pt_BR", "pt_PT"],
}


def is_plain_word(form):
    """Lower-case letters only: proper nouns, abbreviations and hyphenated clitic forms are out."""
    return form.isalpha() and form == form.lower() and len(form) >= 2


def paradigms(lang):
    """Yields the forms of each dictionary entry of `lang` as a set of plain words (maybe empty)."""
    if lang == "en":
        yield from _english_paradigms()
        return
    for name in DICTIONARIES[lang]:
        for forms in hunspell.paradigms(f"{HUNSPELL}/{name}.dic", f"{HUNSPELL}/{name}.aff"):
            yield {f for f in forms if is_plain_word(f)}


def _english_paradigms():
    """wamerican lists every form on its own line: group the regular inflections of a word."""
    words = set()
    with open(WAMERICAN, encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if w.endswith("'s"):
                continue
            if is_plain_word(w):
                words.add(w)
    groups = {}
    for w in words:
        groups.setdefault(english_stem(w, words), set()).add(w)
    yield from groups.values()


ENGLISH_ENDINGS = ("ing", "ed", "es", "s", "er", "ers", "est", "ly", "d")


def english_stem(word, words):
    for ending in ENGLISH_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            if stem in words:
                return stem
            if ending in ("ing", "ed", "er", "est") and stem + "e" in words:
                return stem + "e"
    return word


def all_words(lang):
    words = set()
    for forms in paradigms(lang):
        words |= forms
    return words
