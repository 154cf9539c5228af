"""The fixed brochure content: complete in three languages, sourced, readable colours, and
Finnish hyphenation that follows the syllable rules."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from brochures import checklists, content
from brochures.contrast import contrast_ratio as contrast
from brochures.hyphenate import SOFT_HYPHEN, hyphenate

SOURCES = {"L531", "TSL", "NTL", "OTL", "GUIDE"}


def all_bullets():
    for audience, columns in content.BULLETS.items():
        for kind, bullets in columns.items():
            for bullet in bullets:
                yield audience, kind, bullet


def test_every_statement_is_in_three_languages_and_names_its_source():
    for audience, kind, bullet in all_bullets():
        for language in content.LANGUAGES:
            assert bullet.get(language).strip(), (audience, kind, bullet)
        assert bullet.source and set(re.split(r",\s*", bullet.source)) <= SOURCES, bullet


def test_every_audience_has_both_columns_and_its_own_texts():
    for audience in content.AUDIENCES:
        assert set(content.BULLETS[audience]) == {content.APPRENTICESHIP, content.TRAINING}
        assert content.DEFAULT_INTRODUCTION[audience].get("fi")
        assert content.CHECK_PRACTICES[audience].get("sv")


def test_the_summer_note_says_summer_not_the_seeds_typo():
    assert "kesän" in content.SUMMER.fi and "lesän" not in content.SUMMER.fi


def test_the_checklists_are_complete_and_point_to_real_checkpoints():
    for audience in checklists.CHECKLIST_AUDIENCES:
        for phase in checklists.PHASES:
            items = checklists.CHECKLISTS[audience][phase]
            assert items
            for _key, number, text in items:
                assert 1 <= number <= 8
                assert all(text.get(language).strip() for language in content.LANGUAGES)


@pytest.mark.parametrize("colour", content.COLOURS, ids=lambda c: c.slug)
def test_every_colour_variant_has_a_text_contrast_of_at_least_4_5(colour):
    assert contrast("#ffffff", colour.dark) >= 4.5  # white text on the band
    assert contrast(colour.accent, "#ffffff") >= 4.5  # headings on the page
    assert contrast(colour.dark, colour.tint) >= 4.5  # headings on a tinted box
    assert contrast("#1a1a1a", colour.tint) >= 4.5  # body text on a tinted box


def test_the_colour_swatches_of_the_portal_match_the_variants():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "kumppani.css").read_text()
    for colour in content.COLOURS:
        assert re.search(rf"\.swatch-{colour.slug} {{ background: {colour.dark}; }}", css)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("koulutussopimus", "kou-lu-tus-so-pi-mus"),
        # Never fewer than three letters after the last break: no lone "-ja" or "-le".
        ("työpaikkaohjaaja", "työ-paik-ka-oh-jaaja"),
        ("työnantajalle", "työn-an-ta-jalle"),
        ("työehtosopimuksen", "työ-eh-to-so-pi-muk-sen"),
        ("oppimisympäristöissä", "op-pi-mis-ym-pä-ris-töissä"),
        ("kaikenikäisille", "kai-ken-i-käi-sille"),
        ("majoituskorvausta", "ma-joi-tus-kor-vausta"),
        ("keskimäärin", "kes-ki-mää-rin"),
        ("radioaseman", "ra-di-o-a-se-man"),  # vowels apart where no diphthong holds them
        ("talo", "talo"),  # too short to need it
    ],
)
def test_finnish_words_break_at_syllables(word, expected):
    assert hyphenate(word, "fi").replace(SOFT_HYPHEN, "-") == expected


def test_only_finnish_gets_soft_hyphens_and_abbreviations_are_left_alone():
    assert hyphenate("utbildningsavtal", "sv") == "utbildningsavtal"
    assert SOFT_HYPHEN not in hyphenate("HOKSin TES-palkka", "fi")
    assert hyphenate("18-vuotiaat", "fi").replace(SOFT_HYPHEN, "-") == "18-vuo-ti-aat"
    assert hyphenate("Oppisopimus", "fi").replace(SOFT_HYPHEN, "-") == "Op-pi-so-pi-mus"
