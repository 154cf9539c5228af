"""Soft hyphens for Finnish, which WeasyPrint cannot hyphenate: Pyphen ships no Finnish
dictionary, so `hyphens: auto` does nothing for it. Finnish syllables follow two regular rules
(Kotus, Kielitoimiston ohjepankki: tavutus), which we apply to long words:

1. A syllable boundary comes before a consonant that is followed by a vowel (ta-lo, kort-ti,
   kou-lu-tus-so-pi-mus).
2. Two adjacent vowels are split unless they are a long vowel or a diphthong (ra-ken-nus-a-la,
   but kou-lu, työ-paik-ka).

Compound words mostly split right by rule 1; where a compound's second part starts with two
consonants (työ-stres-si) the rule puts the boundary one letter late, which reads acceptably.
Words with capitals inside (HOKS, TES) are left alone; only the letters of a word are split.
"""

import re

SOFT_HYPHEN = "\u00ad"
VOWELS = set("aeiouyäöå")
# Long vowels (aa, ee, ...) stay together too; ie, uo and yö are diphthongs in a first syllable.
# fmt: off
DIPHTHONGS = {
    "ai", "ei", "oi", "ui", "yi", "äi", "öi", "au", "eu",
    "iu", "ou", "ey", "iy", "äy", "öy", "ie", "uo", "yö",
}
# fmt: on
MIN_WORD = 8  # shorter words break rarely enough not to need it
MIN_EDGE = 2  # letters kept together at the start of a word (and one more at its end)
WORD = re.compile(r"[^\W\d_]+")


# Compounds whose second part starts with a vowel, which the rules split one letter early
# (ra-ken-nu-sa-la); those our own texts use are listed with their right hyphenation.
EXCEPTIONS = {
    word.replace("-", ""): word
    for word in (
        "ra-ken-nus-a-la",
        "ra-ken-nus-a-lan",
        "yh-teis-ar-vi-oin-ti",
        "työ-e-lä-mä-pa-lau-te",
        "työ-e-lä-mä-pa-lau-tee-seen",
        "työ-e-lä-män",
    )
}


# Compound joins before a vowel inside longer words (työn|antaja, oppimis|ympäristö): the
# boundary moves from before the join's last consonant to the join itself.
COMPOUND_JOINS = (
    "työn|an",
    "ennen|ai",
    "oppimis|ym",
    "sopimus|a",
    "suus|oh",
    "saman|ai",
    "saman|ar",
    "teyden|ot",
    "veron|a",
    "kaiken|i",
)


def vowel_run_points(run: str) -> list[int]:
    """Boundaries inside a run of vowels: long vowels and diphthongs stay together (rule 2),
    taken greedily from the left (työ-eh-to, ai-e, ra-di-oi-da)."""
    points, i = [], 0
    while i < len(run):
        step = 2 if i + 1 < len(run) and (run[i] == run[i + 1] or run[i : i + 2] in DIPHTHONGS) else 1
        i += step
        if i < len(run):
            points.append(i)
    return points


def hyphenate_word(word: str) -> str:
    if len(word) < MIN_WORD or not word[1:].islower():
        return word
    lower = word.lower()
    if lower in EXCEPTIONS:
        points = {i - n for n, i in enumerate(m.start() for m in re.finditer("-", EXCEPTIONS[lower]))}
    else:
        points = set()
        i = 0
        while i < len(lower):
            if lower[i] in VOWELS:
                end = i
                while end < len(lower) and lower[end] in VOWELS:
                    end += 1
                points.update(i + p for p in vowel_run_points(lower[i:end]))
                i = end
                continue
            if i > 0 and i + 1 < len(lower) and lower[i + 1] in VOWELS:
                points.add(i)  # rule 1: before a consonant followed by a vowel
            i += 1
    for join in COMPOUND_JOINS:
        left, right = join.split("|")
        for match in re.finditer(re.escape(left + right), lower):
            at = match.start() + len(left)
            points.discard(at - 1)
            points.add(at)
    points = {p for p in points if MIN_EDGE <= p <= len(word) - MIN_EDGE - 1}
    return "".join(SOFT_HYPHEN + char if i in points else char for i, char in enumerate(word))


def hyphenate(text: str, language: str) -> str:
    """Soft-hyphenate Finnish text; other languages are left to WeasyPrint's dictionaries."""
    if language != "fi" or not text:
        return text
    return WORD.sub(lambda match: hyphenate_word(match.group(0)), text)
