"""The inflected forms of a Finnish name, by rule, for finding a person in free text.

Finnish writes a name with its case ending: "Soitin Iidalle", "Heikkisen jakso", "Mäen
kanssa". A search for the name as typed finds none of these, so `inflected_forms()` lists the
forms of one name token: the singular cases (genitive, partitive, essive, translative, the
six local cases, abessive), the plural cases where a surname is used for a family
("Virtaset", "Heikkisille"), the Swedish and English genitive (-s), and forms written with a
colon (numbers and abbreviations: "JL24007:n"). `word_key()` folds a word of the text to the
key these forms are listed under, with the enclitic particles (-kin, -kaan, -han, -ko, -pa)
taken off.

Rule-based rather than a morphological analyser (Voikko): the portal then needs no system
package, and for erasure more forms are better than fewer. Forms that are not Finnish at
all ("Iidata") cost nothing, because a text never contains them, so every stem takes every
ending of its number, in both vowel harmonies (a hurried note does not always follow it):

- -nen names change their stem: Heikkinen → Heikkise- (Heikkisen, Heikkiselle, Heikkiseen),
  Heikkis- (Heikkistä) and Heikkisi- in the plural (Heikkisiä, Heikkisille);
- names on a vowel take the endings on the name itself (Iidan, Salolle, Jussiin) and on its
  weak grade where consonant gradation applies (Pekka → Pekan, Matti → Matin, Virta →
  Virran, Satu → Sadun);
- old words ending in -i that surnames are made of change it to -e (Mäki → Mäen, Mäkeä;
  Koski → Kosken, Koskia; Lahti → Lahden; Ylijärvi → Ylijärven);
- names on a consonant take an -i (Mikaelin, Lindströmiä); those on -s also the -kse- stem
  (Tuomaksen, Tuomasta) and the -aa- stem (Kangas → Kankaan).
"""

import re

HARMONY = str.maketrans("aou", "äöy")

# Endings on a vowel stem, singular (and the plural nominative -t, the Swedish genitive -s).
# Written in back harmony; the front forms are made by HARMONY.
SINGULAR = ("", "n", "a", "ta", "na", "ksi", "ssa", "sta", "lla", "lta", "lle", "tta", "t", "s")
# Endings on a plural stem ending in -i (Heikkisi-, Mäki-, Saloi-): genitive, partitive, the
# local cases, illative -in, essive, translative, abessive, comitative.
PLURAL = ("en", "a", "lle", "lla", "lta", "ssa", "sta", "in", "na", "ksi", "tta", "ne", "hin")
# Enclitic particles, longest first: "Iidallekin", "Heikkisenkään".
CLITICS = ("kaan", "kään", "kin", "han", "hän", "pa", "pä", "ko", "kö")

# Old Finnish words ending in -i whose stem ends in -e, as surnames and their last parts
# (Mäki, Ylimäki, Koskinen is a -nen name): strong and weak grade of the e-stem, and the
# consonant stem some of them take in the partitive (Saarta, Vuorta).
E_STEMS = {
    "mäki": ("mäke", "mäe", ""),
    "koski": ("koske", "koske", ""),
    "lahti": ("lahte", "lahde", ""),
    "järvi": ("järve", "järve", ""),
    "niemi": ("nieme", "nieme", "nien"),
    "lehti": ("lehte", "lehde", ""),
    "saari": ("saare", "saare", "saar"),
    "kivi": ("kive", "kive", ""),
    "vuori": ("vuore", "vuore", "vuor"),
    "joki": ("joke", "joe", ""),
    "lampi": ("lampe", "lamme", ""),
    "salmi": ("salme", "salme", ""),
    "kurki": ("kurke", "kurje", ""),
    "hirvi": ("hirve", "hirve", ""),
    "tuomi": ("tuome", "tuome", ""),
    "kaski": ("kaske", "kaske", ""),
    "lumi": ("lume", "lume", "lun"),
    "sarvi": ("sarve", "sarve", ""),
    "veri": ("vere", "vere", "ver"),
}

# Consonant gradation, strong → weak, of the consonants before the last vowel.
GRADATION = (
    ("kk", "k"),
    ("pp", "p"),
    ("tt", "t"),
    ("nk", "ng"),
    ("mp", "mm"),
    ("nt", "nn"),
    ("lt", "ll"),
    ("rt", "rr"),
    ("ht", "hd"),
)
VOWELS = "aeiouyäöå"
_ABBREVIATION = re.compile(r":[^\W\d_]{1,5}$")


def _both_harmonies(endings) -> set[str]:
    return set(endings) | {e.translate(HARMONY) for e in endings}


SINGULAR_ENDINGS = _both_harmonies(SINGULAR)
PLURAL_ENDINGS = _both_harmonies(PLURAL)


def _weak(stem: str) -> str | None:
    """The weak grade of a stem ending in a vowel, if gradation changes it."""
    body, vowel = stem[:-1], stem[-1]
    for strong, weak in GRADATION:
        if body.endswith(strong) and len(body) > len(strong):
            return body[: -len(strong)] + weak + vowel
    # A single t or p between vowels: Satu → Sadun, Hupa → Huvan.
    if len(body) >= 2 and body[-1] in "tp" and body[-2] in VOWELS:
        return body[:-1] + {"t": "d", "p": "v"}[body[-1]] + vowel
    return None


def _on_vowel_stem(stem: str) -> set[str]:
    forms = {stem + ending for ending in SINGULAR_ENDINGS}
    # Illative: the last vowel long, or -hVn (Iidaan, Saloon, Jussiin, Tapiohon).
    vowel = stem[-1]
    forms |= {stem + vowel + "n", stem + "h" + vowel + "n", stem + "seen"}
    return forms


def _on_plural_stem(stem: str) -> set[str]:
    """`stem` ends in -i: Heikkisi-, Mäki-, Saloi-; between vowels the i is written j."""
    forms = {stem + ending for ending in PLURAL_ENDINGS}
    forms |= {stem[:-1] + "j" + ending for ending in _both_harmonies(("a", "en"))}
    return forms


def _e_stem(word: str) -> set[str] | None:
    for tail, (strong, weak, consonant) in E_STEMS.items():
        if word.endswith(tail):
            head = word[: -len(tail)]
            forms = {word}
            for stem in {strong, weak}:
                forms |= _on_vowel_stem(head + stem)
                forms |= _on_plural_stem(head + stem[:-1] + "i")
            if consonant:
                forms |= {head + consonant + ending for ending in _both_harmonies(("ta",))}
            return forms
    return None


def inflected_forms(name: str) -> frozenset[str]:
    """Every form of one name token, lower-case (see the module's docstring)."""
    word = name.strip().lower()
    if not word:
        return frozenset()
    forms = {word}
    if len(word) > 4 and word.endswith("nen"):
        base = word[:-3]
        forms |= _on_vowel_stem(base + "se")
        forms |= _on_plural_stem(base + "si")
        forms |= {base + "s" + ending for ending in _both_harmonies(("ta", "ten"))}
        return frozenset(forms)
    e_stem = _e_stem(word)
    if e_stem is not None:
        return frozenset(e_stem)
    if word[-1] in VOWELS:
        stems = {word} | ({_weak(word)} - {None})
        for stem in stems:
            forms |= _on_vowel_stem(stem)
        if word[-1] in "ouöye":
            forms |= _on_plural_stem(word + "i")
        return frozenset(forms)
    # On a consonant: an -i before the endings (Mikaelin, Lindströmiä), the consonant stem in
    # the partitive (Tuomasta), and for -s the -kse- and -aa- stems (Tuomaksen, Kankaan).
    forms |= _on_vowel_stem(word + "i")
    forms |= {word + ending for ending in _both_harmonies(("ta",))}
    if word.endswith("s") and len(word) > 2 and word[-2] in VOWELS:
        forms |= _on_vowel_stem(word[:-1] + "kse")
        forms |= _on_plural_stem(word[:-1] + "ksi")
        vowel = word[-2]
        for body in {word[:-2]} | ({_weak_inverse(word[:-2])} - {None}):
            forms |= _on_vowel_stem(body + vowel + vowel)
    return frozenset(forms)


def _weak_inverse(body: str) -> str | None:
    """Kangas → kank-aa-, Rikas → rikk-aa-: the -as words have the weak grade in the
    nominative and the strong one in the other cases."""
    for strong, weak in GRADATION:
        if body.endswith(weak) and weak != strong[:1]:
            return body[: -len(weak)] + strong
    if len(body) >= 2 and body[-1] in "kpt" and body[-2] in VOWELS:
        return body + body[-1]
    if len(body) >= 2 and body[-1] in "dv" and body[-2] in VOWELS + "lrh":
        return body[:-1] + {"d": "t", "v": "p"}[body[-1]]
    return None


def word_key(word: str) -> list[str]:
    """The keys a word of the text may be listed under: itself, lower-case, and without an
    enclitic particle or a colon ending ("JL24007:n" → "jl24007")."""
    word = word.lower()
    keys = [word]
    if ":" in word:
        keys.append(_ABBREVIATION.sub("", word))
    for clitic in CLITICS:
        if word.endswith(clitic) and len(word) > len(clitic) + 1:
            keys.append(word[: -len(clitic)])
    return keys
