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
                if not fi:
                    continue  # optional text not written yet (e.g. a checkpoint's own promise)
                for language in ("sv", "en"):
                    text = getattr(row, f"{base}_{language}", None)
                    if not text or text.strip() == fi.strip():
                        problems.append(f"{model.__name__} {row.pk} {base}_{language}")
    assert not problems, problems


@pytest.fixture
def browser_without_preference(db):
    from django.test import Client

    return Client()


def test_finnish_is_the_default_language(browser_without_preference):
    response = browser_without_preference.get(reverse("login"))
    assert settings.LANGUAGE_CODE == "fi"
    assert '<html lang="fi">' in response.content.decode()
    assert "Kirjaudu" in response.content.decode()


@pytest.mark.parametrize("language, word", [("sv", "Logga in"), ("en", "Log in")])
def test_a_visitor_switches_the_language(browser_without_preference, language, word):
    client = browser_without_preference
    client.post(reverse("core:set_language"), {"language": language, "next": "/"})
    html = client.get(reverse("login")).content.decode()
    assert f'<html lang="{language}">' in html
    assert word in html


def test_a_users_language_is_remembered_on_another_device(teacher, browser_without_preference):
    client = browser_without_preference
    client.force_login(teacher)
    client.post(reverse("core:set_language"), {"language": "sv", "next": "/"})
    teacher.refresh_from_db()
    assert teacher.language == "sv"
    from django.test import Client

    another_device = Client()  # no language cookie
    another_device.force_login(teacher)
    html = another_device.get(reverse("partnerships:home")).content.decode()
    assert '<html lang="sv">' in html
    assert "Startsida" in html


def test_dates_are_shown_in_the_finnish_format(teacher, browser_without_preference):
    import datetime

    teacher_client = browser_without_preference
    teacher_client.force_login(teacher)

    from ..factories import ContactFactory, EmployerFactory

    employer = EmployerFactory()
    ContactFactory(employer=employer, author=teacher, date=datetime.date(2026, 3, 5))
    assert "5.3.2026" in teacher_client.get(employer.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "language, text",
    [("fi", "Nimi tai Y-tunnus"), ("sv", "Namn eller FO-nummer"), ("en", "Name or business ID")],
)
def test_the_employer_list_speaks_each_language(teacher, language, text):
    from django.test import Client

    client = Client(headers={"Accept-Language": language})
    client.force_login(teacher)
    html = client.get(reverse("partnerships:employer_list")).content.decode()
    assert f'<html lang="{language}">' in html
    assert text in html


def test_a_rule_message_is_translated(teacher):
    from django.test import Client

    client = Client()  # Finnish by default
    client.force_login(teacher)
    html = client.post(
        reverse("partnerships:employer_create"),
        {"name": "X", "business_id": "123", "municipality": "Tampere"},
    )
    assert "seitsemän numeroa, väliviiva ja tarkistusnumero" in html.content.decode()
