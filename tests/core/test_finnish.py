"""The inflected forms of Finnish names that an erasure looks for (core.finnish)."""

import pytest

from core.finnish import inflected_forms, word_key

# Real forms, as a teacher writes them in a note.
REAL_FORMS = {
    "Heikkinen": [
        "Heikkisen", "Heikkistä", "Heikkiselle", "Heikkisellä", "Heikkiseltä", "Heikkisestä",
        "Heikkiseen", "Heikkisenä", "Heikkiseksi", "Heikkisessä", "Heikkiset", "Heikkisten",
        "Heikkisille", "Heikkisiä", "Heikkisiin",
    ],
    "Iida": ["Iidan", "Iidalle", "Iidalta", "Iidaa", "Iidasta", "Iidaan", "Iidalla", "Iidana", "Iidaksi"],
    "Virtanen": ["Virtaselta", "Virtasen", "Virtasta", "Virtaseen", "Virtaset"],
    "Mäki": ["Mäen", "Mäkeä", "Mäkeen", "Mäellä", "Mäelle", "Mäet", "Mäkien"],
    "Koski": ["Kosken", "Koskea", "Koskelle", "Koskeen", "Koskien", "Koskissa"],
    "Pekka": ["Pekan", "Pekalle", "Pekkaa", "Pekkana", "Pekasta"],
    "Matti": ["Matin", "Mattia", "Matille", "Mattiin"],
    "Salo": ["Salon", "Saloa", "Salolle", "Saloon", "Saloille", "Salojen"],
    "Aho": ["Ahon", "Ahoa", "Ahoon", "Aholle"],
    "Anna": ["Annan", "Annaa", "Annalle"],
    "Jussi": ["Jussin", "Jussia", "Jussiin", "Jussille"],
    "Lauri": ["Laurin", "Lauria", "Laurille"],
    "Virta": ["Virran", "Virtaa", "Virralle"],
    "Satu": ["Sadun", "Satua", "Sadulle"],
    "Lahti": ["Lahden", "Lahtea", "Lahdessa", "Lahteen"],
    "Ylijärvi": ["Ylijärven", "Ylijärveä", "Ylijärvelle"],
    "Saari": ["Saaren", "Saarta", "Saarelle"],
    "Tapio": ["Tapion", "Tapiota", "Tapiolle"],
    "Tuomas": ["Tuomaksen", "Tuomasta", "Tuomakselle"],
    "Kangas": ["Kankaan", "Kangasta", "Kankaalla"],
    "Rikas": ["Rikkaan", "Rikasta", "Rikkaalle"],
    "Varvas": ["Varpaan", "Varvasta"],
    "Mikael": ["Mikaelin", "Mikaelia", "Mikaelille"],
}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "form"), [(name, form) for name, forms in REAL_FORMS.items() for form in forms]
)
def test_each_real_inflected_form_of_a_name_is_generated(name, form):
    assert form.lower() in inflected_forms(name)


@pytest.mark.parametrize(
    ("name", "word"),
    [
        ("Heikkinen", "Heikki"),  # another first name
        ("Heikkinen", "Heikin"),
        ("Heikkinen", "Heikkilä"),
        ("Heikkinen", "heinäkuu"),
        ("Iida", "Iidamaria"),
        ("Mäki", "Mäkinen"),
        ("Salo", "salonki"),
        ("Pekka", "pekoni"),
        ("Virtanen", "virta"),
    ],
)
def test_words_that_only_look_alike_are_not_forms_of_the_name(name, word):
    assert not set(word_key(word)) & inflected_forms(name)


def test_a_word_with_a_particle_or_a_colon_ending_is_looked_up_without_it():
    assert "iidalle" in word_key("Iidallekin")
    assert "heikkisen" in word_key("Heikkisenkään")
    assert "jl24007" in word_key("JL24007:n")
