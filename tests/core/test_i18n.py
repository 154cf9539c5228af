"""Finnish by default, Swedish and English complete, and the user's choice remembered."""

from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("fi", "sv", "en")


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalogue_is_complete_with_no_empty_or_fuzzy_entry(language):
    po = catalogue(language)
    assert len(po) > 100
    empty = [e.msgid for e in po if not e.obsolete and not e.translated() and not e.fuzzy]
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags and not e.obsolete]
    assert not empty, f"{language}: untranslated {empty[:10]}"
    assert not fuzzy, f"{language}: fuzzy {fuzzy[:10]}"


@pytest.mark.parametrize("language", ("fi", "sv"))
def test_finnish_and_swedish_catalogues_are_translations_not_copies(language):
    po = catalogue(language)
    same = [e.msgid for e in po if e.msgstr == e.msgid and len(e.msgid) > 12 and " " in e.msgid]
    # A few strings are the same in every language (names, codes); sentences are not.
    assert len(same) <= 3, same


@pytest.mark.django_db
def test_reference_data_has_swedish_and_english_text_that_differs_from_finnish():
    problems = []
    for model in apps.get_models():
        fields = {f.name for f in model._meta.concrete_fields}
        bases = sorted(name[:-3] for name in fields if name.endswith("_fi"))
        if not bases:
            continue
        for row in model.objects.all():
            for base in bases:
                fi = getattr(row, f"{base}_fi")
                for language in ("sv", "en"):
                    text = getattr(row, f"{base}_{language}", None)
                    if not text or text.strip() == fi.strip():
                        problems.append(f"{model.__name__} {row.pk} {base}_{language}")
    assert not problems, problems


def test_finnish_is_the_default_language(anonymous_client):
    response = anonymous_client.get(reverse("login"))
    assert settings.LANGUAGE_CODE == "fi"
    assert '<html lang="fi">' in response.content.decode()
    assert "Kirjaudu" in response.content.decode()


@pytest.mark.parametrize("language, word", [("sv", "Logga in"), ("en", "Log in")])
def test_a_visitor_switches_the_language(anonymous_client, language, word):
    anonymous_client.post(reverse("set_language"), {"language": language, "next": "/"})
    html = anonymous_client.get(reverse("login")).content.decode()
    assert f'<html lang="{language}">' in html
    assert word in html


def test_a_users_language_is_remembered_on_another_device(teacher, client):
    client.force_login(teacher)
    client.post(reverse("set_language"), {"language": "sv", "next": "/"})
    teacher.refresh_from_db()
    assert teacher.language == "sv"
    from django.test import Client

    another_device = Client()  # no language cookie
    another_device.force_login(teacher)
    html = another_device.get(reverse("home")).content.decode()
    assert '<html lang="sv">' in html


def test_dates_are_shown_in_the_finnish_format(teacher_client, teacher):
    import datetime

    from ..factories import ContactFactory, EmployerFactory

    employer = EmployerFactory()
    ContactFactory(employer=employer, author=teacher, date=datetime.date(2026, 3, 5))
    assert "5.3.2026" in teacher_client.get(employer.get_absolute_url()).content.decode()
