#!/usr/bin/env python3
"""Builds the word and word-pair evaluation sets of the language detector.

Words are drawn from subtitle frequency lists (FrequencyWords, OpenSubtitles 2018, CC BY-SA 4.0),
a source independent of the dictionaries the tables are trained on; build_tables.py then leaves
these words out of training. See README.md.

    python3 scripts/lang/make_eval.py /path/to/FrequencyWords
"""

import hashlib
import os
import sys

import vocabulary

LANGS = ("en", "es", "pt")
FREQUENCY_LISTS = {
    "en": ["en/en_50k.txt"],
    "es": ["es/es_50k.txt"],
    "pt": ["pt_br/pt_br_50k.txt", "pt/pt_50k.txt"],
}
# The vocabulary band words are drawn from: the most frequent dictionary words of each list.
BAND = 20_000
# A word belongs to one language when it is at least CLEAR times as frequent there as in any
# other language whose dictionary has it; it is shared (expected "unknown") when the frequencies
# are within SHARED of each other; words in between are left out, either answer being defensible.
CLEAR = 10.0
SHARED = 3.0
SIZES = {"words": 1000, "word-pairs": 500, "tune-words": 500, "tune-word-pairs": 300}

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
TEST_RESOURCES = os.path.join(REPO, "sms-domain/src/test/resources/lang")


def per_million(root, files):
    """Frequency per million tokens, averaged over the lists of one language."""
    freq = {}
    for name in files:
        rows = []
        with open(os.path.join(root, "content/2018", name), encoding="utf-8") as f:
            for line in f:
                word, _, count = line.strip().rpartition(" ")
                rows.append((word, int(count)))
        total = sum(count for _, count in rows)
        for word, count in rows:
            freq[word] = freq.get(word, 0.0) + count * 1e6 / total / len(files)
    return freq


def key(*parts):
    return hashlib.sha256("\t".join(parts).encode("utf-8")).hexdigest()


def candidates(lang, freq, words):
    """(word, label) for the band of `lang`, label "unknown" for shared words, in hash order."""
    ranked = sorted(
        (w for w in freq[lang] if vocabulary.is_plain_word(w) and w in words[lang]),
        key=lambda w: (-freq[lang][w], w),
    )[:BAND]
    labelled = []
    for w in ranked:
        here = freq[lang][w]
        elsewhere = max(freq[m].get(w, 0.0) if w in words[m] else 0.0 for m in LANGS if m != lang)
        if elsewhere == 0 or here >= CLEAR * elsewhere:
            labelled.append((w, lang))
        elif here * SHARED >= elsewhere and here <= SHARED * elsewhere:
            labelled.append((w, "unknown"))
    labelled.sort(key=lambda item: key(lang, item[0]))
    return labelled


def main(root):
    freq = {lang: per_million(root, FREQUENCY_LISTS[lang]) for lang in LANGS}
    words = {lang: vocabulary.all_words(lang) for lang in LANGS}
    sets = {name: [] for name in SIZES}
    used = set()
    for lang in LANGS:
        pool = [item for item in candidates(lang, freq, words) if item[0] not in used]
        pos = 0
        for name, size in SIZES.items():
            pairs = name.endswith("pairs")
            for _ in range(size):
                if pairs:
                    (a, la), (b, lb) = pool[pos], pool[pos + 1]
                    pos += 2
                    label = lang if lang in (la, lb) else "unknown"
                    sets[name].append((label, f"{a} {b}", lang))
                else:
                    w, label = pool[pos]
                    pos += 1
                    sets[name].append((label, w, lang))
        used.update(w for w, _ in pool[:pos])
    os.makedirs(TEST_RESOURCES, exist_ok=True)
    for name, rows in sets.items():
        folder = TEST_RESOURCES if not name.startswith("tune") else HERE
        with open(os.path.join(folder, f"{name}.tsv"), "w", encoding="utf-8") as f:
            f.write("lang\ttext\tsource\n")
            for label, text, source in rows:
                f.write(f"{label}\t{text}\t{source}\n")
        print(f"{name}: {len(rows)} rows")


if __name__ == "__main__":
    main(sys.argv[1])
