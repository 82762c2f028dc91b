#!/usr/bin/env python3
"""Trains the language detector's vocabulary model and writes it as a compact resource.

Reads the Debian dictionaries (hunspell-es, hunspell-pt-pt, wamerican: vocabulary.TRAINING), leaves
out the words of the evaluation and tuning sets (their entries' other forms stay), and trains a
character model of order 5 for four word classes: English, Spanish only, Portuguese only, and words both
Spanish and Portuguese dictionaries have. See README.md for the file format.

    python3 scripts/lang/build_tables.py
"""

import collections
import gzip
import math
import os
import struct

import vocabulary

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
EVAL_FILES = [
    os.path.join(REPO, "sms-domain/src/test/resources/lang/words.tsv"),
    os.path.join(REPO, "sms-domain/src/test/resources/lang/word-pairs.tsv"),
    os.path.join(HERE, "tune-words.tsv"),
    os.path.join(HERE, "tune-word-pairs.tsv"),
]
OUTPUT = os.environ.get("OUTPUT") or os.path.join(
    REPO, "sms-domain/src/main/resources/io/smsfoundation/domain/language/vocabulary.bin.gz"
)

CLASSES = ("en", "es", "pt", "es+pt")
ORDER = 5
# A form of an entry with many forms counts less: a verb's 60 conjugated forms should not
# outweigh 60 nouns. Each form weighs 1 / forms ** PARADIGM_EXPONENT.
PARADIGM_EXPONENT = 0.5
# Most n-grams kept; rarer ones are dropped, their probability then comes from shorter ones.
MAX_ENTRIES = int(os.environ.get("MAX_ENTRIES", "100000"))
# Log-probabilities are stored as unsigned bytes of -log(p) * QUANT.
QUANT = 12.0

START, END = "^", "$"
LETTERS = "abcdefghijklmnopqrstuvwxyz" + "áàâãéêíóôõúüçñ"
OTHER = 1 + 2 + len(LETTERS)  # the symbol of any other letter


def symbol(c):
    if c == START:
        return 1
    if c == END:
        return 2
    i = LETTERS.find(c)
    return 3 + i if i >= 0 else OTHER


def pack(gram):
    key = 0
    for c in gram:
        key = (key << 6) | symbol(c)
    return key


def held_out_words():
    words = set()
    for path in EVAL_FILES:
        with open(path, encoding="utf-8") as f:
            for line in f.read().splitlines()[1:]:
                words.update(line.split("\t")[1].split())
    return words


def class_weights(held_out):
    """Word -> weight for each class. The evaluated and tuning words themselves are left out; the
    other forms of their entries stay, as a tenant's word meets the siblings the table knows."""
    weights = {}
    dropped = {}
    for lang in ("en", "es", "pt"):
        w = {}
        dropped[lang] = set()
        for forms in vocabulary.paradigms(lang, vocabulary.TRAINING):
            if not forms:
                continue
            weight = 1.0 / len(forms) ** PARADIGM_EXPONENT
            for form in forms:
                if form in held_out:
                    dropped[lang].add(form)
                    continue
                w[form] = max(w.get(form, 0.0), weight)
        weights[lang] = w
    shared = weights["es"].keys() & weights["pt"].keys()
    classes = {
        "en": weights["en"],
        "es": {w: x for w, x in weights["es"].items() if w not in shared},
        "pt": {w: x for w, x in weights["pt"].items() if w not in shared},
        "es+pt": {w: (weights["es"][w] + weights["pt"][w]) / 2 for w in shared},
    }
    for name, words in classes.items():
        print(f"{name}: {len(words)} words")
    print(f"words left out for the evaluation: { {k: len(v) for k, v in dropped.items()} }")
    return classes


def ngram_counts(words):
    counts = collections.defaultdict(float)
    for word, weight in words.items():
        s = START + word + END
        for n in range(1, ORDER + 1):
            for i in range(len(s) - n + 1):
                counts[s[i : i + n]] += weight
    return counts


class WittenBell:
    """Interpolated Witten-Bell estimate of P(next symbol | up to ORDER-1 previous symbols)."""

    def __init__(self, counts, alphabet_size):
        self.counts = counts
        self.vocabulary = alphabet_size
        self.context = collections.defaultdict(float)
        self.types = collections.defaultdict(int)
        for gram, count in counts.items():
            self.context[gram[:-1]] += count
            self.types[gram[:-1]] += 1
        self.memo = {}

    def backoff(self, history):
        """Share of the probability a context leaves to the shorter one; 1 if never seen."""
        total = self.context.get(history, 0.0)
        if total == 0:
            return 1.0
        types = self.types[history]
        return types / (total + types)

    def p(self, history, c):
        key = (history, c)
        hit = self.memo.get(key)
        if hit is not None:
            return hit
        lower = 1.0 / self.vocabulary if history == "" else self.p(history[1:], c)
        total = self.context.get(history, 0.0)
        if total == 0:
            result = lower
        else:
            types = self.types[history]
            result = (self.counts.get(history + c, 0.0) + types * lower) / (total + types)
        self.memo[key] = result
        return result


def backoff(model, history, kept):
    """Weight of the shorter context for symbols not kept after `history`, as in ARPA models:
    the probability left by the kept symbols, over what the shorter context gives them."""
    if not kept or len(history) >= ORDER:
        return 1.0
    left = 1.0 - sum(model.p(history, c) for c in kept)
    lower = 1.0 - sum(model.p(history[1:], c) for c in kept)
    return min(1.0, max(left, 1e-9) / max(lower, 1e-9))


def quantize(logp):
    return max(0, min(255, round(-logp * QUANT)))


def build():
    classes = class_weights(held_out_words())
    counts = {name: ngram_counts(words) for name, words in classes.items()}
    write(classes, counts)


def write(classes, counts):
    alphabet = {g for c in counts.values() for g in c if len(g) == 1}
    models = {name: WittenBell(counts[name], len(alphabet) + 1) for name in CLASSES}
    # Each n-gram ranks by its largest share of one class's words, so that the small classes keep
    # their n-grams against Portuguese's two million forms. Unigrams always stay; the kept set is
    # closed under prefixes and suffixes, since an n-gram never weighs more than its parts.
    sizes = {name: sum(words.values()) for name, words in classes.items()}
    share = collections.defaultdict(float)
    for name, c in counts.items():
        for gram, count in c.items():
            share[gram] = max(share[gram], count / sizes[name])
    print(f"{len(share)} distinct n-grams")
    ranked = sorted(share, key=lambda g: (len(g) > 1, -share[g], g))
    kept = ranked[:MAX_ENTRIES]
    extensions = collections.defaultdict(list)
    for gram in kept:
        if len(gram) > 1:
            extensions[gram[:-1]].append(gram[-1])
    entries = []
    for gram in kept:
        history, c = gram[:-1], gram[-1]
        probs = [quantize(math.log(models[name].p(history, c))) for name in CLASSES]
        backoffs = [
            quantize(math.log(backoff(models[name], gram, extensions[gram]))) for name in CLASSES
        ]
        entries.append((pack(gram), probs, backoffs))
    entries.sort()
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with gzip.GzipFile(OUTPUT, "wb", mtime=0) as out:
        out.write(b"SMSV")
        out.write(struct.pack(">iiif", 1, ORDER, len(CLASSES), QUANT))
        out.write(struct.pack(">i", len(entries)))
        for key, probs, backoffs in entries:
            out.write(struct.pack(">i8B", key, *probs, *backoffs))
    print(f"{len(entries)} n-grams")
    print(f"wrote {OUTPUT}: {os.path.getsize(OUTPUT)} bytes")


if __name__ == "__main__":
    build()
