"""The coordinator's brochure texts: the history of edits (who, when, before and after), one
text restored to the default, and the legal statements shown locked beside the form."""

import pytest
from django.urls import reverse

from brochures import content, services
from brochures.models import BrochureText

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_prerender(monkeypatch):
    from brochures import tasks

    monkeypatch.setattr(tasks.brochures_prerender, "apply_async", lambda **kw: None)


def texts_url(language="fi"):
    return reverse("brochures:brochure_texts", args=[language])


def history_url(language="fi"):
    return reverse("brochures:brochure_text_history", args=[language])


def form(**changes):
    return dict.fromkeys(BrochureText.EDITABLE, "") | changes


def test_the_history_names_who_changed_what_from_what_to_what(coordinator, coordinator_client):
    coordinator_client.post(texts_url(), form(introduction_employer="Ensimmäinen johdanto."))
    coordinator_client.post(
        texts_url(), form(introduction_employer="Toinen johdanto.", links="https://a.fi/")
    )
    html = coordinator_client.get(history_url()).content.decode()
    changed = html.index("Toinen johdanto.")
    assert html.index("Ensimmäinen johdanto.", changed)  # before, in the same row
    assert html.count("Introduction, employer version") == 2  # set, then changed
    assert "Links" in html and "https://a.fi/" in html
    assert html.count(f" · {coordinator.get_full_name()}</span>") == 2  # who, on each entry
    [latest, first] = BrochureText.history.filter(language="fi").order_by("-history_id")
    assert latest.history_user == first.history_user == coordinator


def test_the_history_is_per_language(coordinator, coordinator_client):
    services.brochure_text_update(language="sv", data={"introduction_student": "Välkommen!"}, by=coordinator)
    assert "Välkommen!" not in coordinator_client.get(history_url("fi")).content.decode()
    assert "No changes recorded yet." in coordinator_client.get(history_url("fi")).content.decode()
    assert "Välkommen!" in coordinator_client.get(history_url("sv")).content.decode()


def test_the_history_page_runs_the_same_queries_however_many_edits(
    coordinator, coordinator_client, django_assert_num_queries
):
    services.brochure_text_update(language="en", data={"links": "https://a.fi/"}, by=coordinator)
    coordinator_client.get(history_url("en"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(history_url("en"))
    for n in range(6):
        services.brochure_text_update(language="en", data={"links": f"https://a{n}.fi/"}, by=coordinator)
    with django_assert_num_queries(len(few)):
        response = coordinator_client.get(history_url("en"))
    html = response.content.decode()
    assert html.count("https://a4.fi/") == 2 and html.count("https://a5.fi/") == 1  # after, then before


def test_only_coordinators_read_the_history(teacher_client, anonymous_client, coordinator_client):
    assert teacher_client.get(history_url()).status_code == 403
    assert anonymous_client.get(history_url()).status_code == 302
    assert coordinator_client.post(history_url()).status_code == 405


def test_one_text_is_restored_to_the_default_and_the_others_stay(coordinator, coordinator_client):
    own = {"introduction_employer": "Oma johdanto.", "funding_note": "Oma huomio."}
    services.brochure_text_update(language="fi", data=own, by=coordinator)
    page = coordinator_client.get(texts_url()).content.decode()
    assert 'name="restore" value="introduction_employer"' in page
    assert 'name="restore" value="introduction_student"' not in page
    response = coordinator_client.post(texts_url(), {"restore": "introduction_employer"}, follow=True)
    text = BrochureText.objects.get(language="fi")
    assert (text.introduction_employer, text.funding_note) == ("", "Oma huomio.")
    assert text.introduction("employer") == content.DEFAULT_INTRODUCTION["employer"].get("fi")
    assert "The default text is back: introduction, employer version." in response.content.decode()
    assert BrochureText.history.filter(language="fi").first().history_user == coordinator


def test_restoring_an_unknown_field_changes_nothing(coordinator, coordinator_client):
    services.brochure_text_update(language="fi", data={"introduction_employer": "Oma."}, by=coordinator)
    response = coordinator_client.post(texts_url(), {"restore": "language"})
    assert response.status_code == 200 and BrochureText.objects.get(language="fi").language == "fi"
    assert BrochureText.objects.get(language="fi").introduction_employer == "Oma."


def test_the_legal_statements_are_shown_locked_in_the_brochures_language(coordinator_client):
    for language in content.LANGUAGES:
        page = coordinator_client.get(texts_url(language)).content.decode()
        assert "The legal statements (locked)" in page and "531/2017" in page
        for audience in content.AUDIENCES:
            for column in content.columns(audience, language):
                for bullet in column["bullets"]:
                    assert bullet.replace("'", "&#x27;").replace('"', "&quot;") in page
        # Shown, never a field of the form.
        assert page.count("<textarea") == len(BrochureText.EDITABLE)


def test_the_texts_page_links_its_history(coordinator_client):
    assert history_url("sv") in coordinator_client.get(texts_url("sv")).content.decode()
