"""The demo's names, phone numbers and business ids: Finnish-looking and reproducible from
the seeder's one random generator."""

import random

from partnerships.validators import business_id_check_digit

FIRST_NAMES = [
    "Pekka", "Maria", "Jari", "Sanna", "Timo", "Johanna", "Mikko", "Laura", "Antti", "Heidi",
    "Juha", "Minna", "Kari", "Tiina", "Ville", "Elina", "Janne", "Katja", "Markku", "Riikka",
]  # fmt: skip
LAST_NAMES = [
    "Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen",
    "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen", "Niemi",
]  # fmt: skip
STUDENT_FIRST = [
    "Aino", "Eetu", "Emma", "Onni", "Ella", "Leevi", "Sofia", "Elias", "Aada", "Veeti",
    "Venla", "Lauri", "Iida", "Niilo", "Helmi", "Joel", "Linnea", "Oskar", "Saga", "Eino",
]  # fmt: skip


def business_id(rng: random.Random) -> str:
    """A Y-tunnus valid by the check-digit algorithm (domain.md), from a random body."""
    while True:
        body = f"{rng.randrange(1_000_000, 3_400_000):07d}"
        check = business_id_check_digit(body)
        if check is not None:
            return f"{body}-{check}"


def phone(rng: random.Random) -> str:
    return f"0{rng.choice([40, 44, 45, 50])} {rng.randrange(100, 999)} {rng.randrange(1000, 9999)}"


def ascii_name(text: str) -> str:
    table = str.maketrans({"ä": "a", "ö": "o", "å": "a", " ": "", "-": "", ".": "", ",": ""})
    return text.lower().translate(table)
