"""The word lists of each language, read from the Debian dictionary packages."""

import hunspell

HUNSPELL = "/usr/share/hunspell"
WAMERICAN = "/usr/share/dict/american-english"

# Which words belong to a language, for labelling the evaluation sets.
DICTIONARIES = {
    "es": ["es_ES"],
    "pt": ["pt_BR", "pt_PT"],
}
# Which dictionaries the model learns from. The Brazilian one is left out: its suffix rules
# generate two million forms ("aposentadorezões", "linearizadões") that widen the Portuguese
# model until it claims Spanish words too; on the tuning sets it cost 2 points of accuracy.
TRAINING = {
    "es": ["es_ES"],
    "pt": ["pt_PT"],
}


def is_plain_word(form):
    """Lower-case letters only: proper nouns, abbreviations and hyphenated clitic forms are out."""
    return form.isalpha() and form == form.lower() and len(form) >= 2


def paradigms(lang, dictionaries=DICTIONARIES):
    """Yields the forms of each dictionary entry of `lang` as a set of plain words (maybe empty)."""
    if lang == "en":
        yield from _english_paradigms()
        return
    for name in dictionaries[lang]:
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
