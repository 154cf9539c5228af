"""The checkpoints' service promises: written by coordinators on their own page, in fi, sv and
en, and shown in the user's language wherever a checkpoint appears."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation

from checkpoints import services
from checkpoints.models import Checkpoint
from tests.factories import ContactFactory, EmployerFactory, training_agreement

URL = reverse("checkpoints:checkpoint_promises")


def _post_data(changes: dict[int, dict[str, str]] | None = None) -> dict:
    """The whole page as the browser posts it, each checkpoint as it is unless changed."""
    data = {"form-TOTAL_FORMS": "8", "form-INITIAL_FORMS": "8", "form-MIN_NUM_FORMS": "0"}
    data["form-MAX_NUM_FORMS"] = "8"
    for i, checkpoint in enumerate(Checkpoint.objects.all()):
        data[f"form-{i}-id"] = str(checkpoint.pk)
        for language in ("fi", "sv", "en"):
            value = (changes or {}).get(checkpoint.number, {}).get(language)
            data[f"form-{i}-service_promise_{language}"] = (
                value if value is not None else getattr(checkpoint, f"service_promise_{language}")
            )
    return data


def _promise(number: int, **texts) -> Checkpoint:
    checkpoint = Checkpoint.objects.get(number=number)
    for language, text in texts.items():
        setattr(checkpoint, f"service_promise_{language}", text)
    checkpoint.save()
    return checkpoint


def test_the_page_lists_the_eight_checkpoints_with_their_promises_in_one_query_for_them(
    coordinator_client, django_assert_num_queries
):
    _promise(4, fi="Perehdytämme jokaisen ohjaajan.")
    with django_assert_num_queries(3):  # the user with their roles, the branding, the checkpoints
        response = coordinator_client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 8
    assert "Perehdytämme jokaisen ohjaajan." in html
    for checkpoint in Checkpoint.objects.all():
        assert f'id="checkpoint-{checkpoint.number}"' in html


def test_a_coordinator_saves_the_promises_in_three_languages_with_a_translated_message(coordinator_client):
    response = coordinator_client.post(
        URL,
        _post_data({3: {"fi": "  Suunnittelemme yhdessä.  ", "sv": "Vi planerar.", "en": "We plan."}}),
        headers={"Accept-Language": "sv"},
        follow=True,
    )
    assert response.redirect_chain == [(URL, 302)]
    checkpoint = Checkpoint.objects.get(number=3)
    assert (checkpoint.service_promise_fi, checkpoint.service_promise_sv, checkpoint.service_promise_en) == (
        "Suunnittelemme yhdessä.",
        "Vi planerar.",
        "We plan.",
    )
    with translation.override("sv"):
        assert translation.gettext("Service promises saved.") != "Service promises saved."
        assert translation.gettext("Service promises saved.") in response.content.decode()
    # Names and topics are the workbook's and stay as they are.
    assert checkpoint.name_fi == "Yhteinen ennakkosuunnittelu"


def test_a_swedish_promise_without_the_finnish_one_is_refused_and_nothing_is_saved(coordinator_client):
    response = coordinator_client.post(URL, _post_data({2: {"sv": "Vi lovar.", "fi": ""}, 5: {"fi": "Uusi"}}))
    assert response.status_code == 200
    form = response.context["formset"].forms[1]
    assert form.errors["service_promise_fi"]
    assert "Nothing was saved yet." in response.content.decode()
    assert not Checkpoint.objects.filter(number__in=[2, 5]).exclude(service_promise_fi="").exists()
    assert not Checkpoint.objects.filter(service_promise_sv="Vi lovar.").exists()


def test_a_promise_longer_than_a_thousand_characters_is_refused(coordinator_client):
    response = coordinator_client.post(URL, _post_data({1: {"fi": "x" * 1001}}))
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors["service_promise_fi"]
    assert Checkpoint.objects.get(number=1).service_promise_fi == ""


def test_a_tampered_form_count_adds_no_ninth_checkpoint(coordinator_client):
    data = _post_data()
    data["form-TOTAL_FORMS"] = "9"
    data.update({"form-8-id": "", "form-8-service_promise_fi": "Yhdeksäs"})
    coordinator_client.post(URL, data)
    assert Checkpoint.objects.count() == 8


def test_the_page_is_the_coordinators_alone(teacher_client, teacher):
    assert teacher_client.get(URL).status_code == 403
    assert teacher_client.post(URL, _post_data({1: {"fi": "Ei"}})).status_code == 403
    checkpoint = Checkpoint.objects.get(number=1)
    checkpoint.service_promise_fi = "Ei"
    with pytest.raises(PermissionDenied):
        services.checkpoint_promises_save(by=teacher, checkpoints=[checkpoint])
    assert Checkpoint.objects.get(number=1).service_promise_fi == ""


def test_the_navigation_links_the_page_for_coordinators_only(coordinator_client, teacher_client):
    assert URL in coordinator_client.get(reverse("partnerships:home")).content.decode()
    assert URL not in teacher_client.get(reverse("partnerships:home")).content.decode()


def test_promises_come_in_the_active_language_falling_back_to_finnish(db):
    _promise(1, fi="Vastaamme päivässä.", sv="Vi svarar inom en dag.")
    _promise(2, fi="Valmennamme.")
    with translation.override("sv"):
        assert Checkpoint.objects.promises() == {1: "Vi svarar inom en dag.", 2: "Valmennamme."}
    with translation.override("en"):
        assert Checkpoint.objects.promises() == {1: "Vastaamme päivässä.", 2: "Valmennamme."}


def test_the_agreement_shows_each_items_checkpoint_promise_in_the_users_language(teacher, teacher_client):
    _promise(4, fi="Perehdytämme ohjaajan.", en="We induct every instructor.")
    today = timezone.localdate()
    agreement = training_agreement(
        teacher=teacher, start=today + datetime.timedelta(days=10), end=today + datetime.timedelta(days=60)
    )
    html = teacher_client.get(reverse("partnerships:agreement_detail", args=[agreement.pk])).content.decode()
    assert "We induct every instructor." in html
    assert "Perehdytämme ohjaajan." not in html
    assert html.count("<summary>Our service promise</summary>") == 1  # only checkpoint 4 has one
    fi = teacher_client.get(
        reverse("partnerships:agreement_detail", args=[agreement.pk]), headers={"Accept-Language": "fi"}
    ).content.decode()
    assert "Perehdytämme ohjaajan." in fi


def test_the_agreement_page_asks_for_the_promises_in_one_query(
    teacher, teacher_client, django_assert_num_queries, django_assert_max_num_queries
):
    today = timezone.localdate()
    agreement = training_agreement(
        teacher=teacher, start=today + datetime.timedelta(days=10), end=today + datetime.timedelta(days=60)
    )
    url = reverse("partnerships:agreement_detail", args=[agreement.pk])
    teacher_client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as none_written:
        teacher_client.get(url)
    for number in range(1, 9):
        _promise(number, fi=f"Lupaus {number}")
    with django_assert_num_queries(len(none_written)):
        html = teacher_client.get(url).content.decode()
    assert html.count("<summary>Our service promise</summary>") == 8  # items 2–8, two at checkpoint 6


def test_a_contacts_checkpoint_tag_opens_to_its_promise(teacher, teacher_client):
    _promise(4, fi="Perehdytämme.", en="We induct.")
    employer = EmployerFactory(account_owner=teacher)
    contact = ContactFactory(employer=employer, author=teacher, summary="Käynti")
    contact.checkpoints.set(Checkpoint.objects.filter(number__in=[1, 4]))
    html = teacher_client.get(employer.get_absolute_url()).content.decode()
    # A disclosure: opens with a tap or the keyboard, not only on hover.
    assert '<details class="checkpoint-tag me-1"><summary class="badge' in html
    assert "We induct." in html
    assert html.count('class="badge rounded-pill text-bg-info checkpoint-badge') == 2  # 1 has no promise


def test_the_dashboard_shows_the_promises_in_its_checkpoint_tables(coordinator_client):
    _promise(8, fi="Kiitämme aina.", sv="Vi tackar alltid.")
    html = coordinator_client.get(
        reverse("partnerships:review_dashboard"), headers={"Accept-Language": "sv"}
    ).content.decode()
    assert "Vi tackar alltid." in html
    assert "Kiitämme aina." not in html


def test_the_contact_log_forms_checkboxes_carry_their_promise_beside_them(teacher, teacher_client):
    _promise(4, fi="Perehdytämme.", sv="Vi introducerar.", en="We induct.")
    employer = EmployerFactory(account_owner=teacher)
    checkpoint = Checkpoint.objects.get(number=4)
    for language, promise in (("fi", "Perehdytämme."), ("sv", "Vi introducerar."), ("en", "We induct.")):
        html = teacher_client.get(
            employer.get_absolute_url(), headers={"Accept-Language": language}
        ).content.decode()
        box = f'name="checkpoints" value="{checkpoint.pk}" id="id_checkpoints_3"'
        assert f'{box} aria-describedby="id_checkpoints_3_promise"' in html
        assert '<div id="id_checkpoints_3_promise" class="small text-body-secondary' in html
        assert promise in html
    assert html.count("checkpoint-promise-beside") == 1  # the other seven have none
    assert html.count('name="checkpoints"') == 8


def test_the_contact_edit_form_shows_the_promises_and_keeps_the_ticked_checkpoints(teacher, teacher_client):
    _promise(2, fi="Valmennamme.", en="We coach.")
    employer = EmployerFactory(account_owner=teacher)
    contact = ContactFactory(employer=employer, author=teacher, summary="Käynti")
    contact.checkpoints.set(Checkpoint.objects.filter(number=2))
    url = reverse("partnerships:contact_edit", args=[contact.pk])
    html = teacher_client.get(url).content.decode()
    two = Checkpoint.objects.get(number=2)
    box = f'value="{two.pk}" id="id_checkpoints_1" checked'
    assert f'{box} aria-describedby="id_checkpoints_1_promise"' in html
    assert "We coach." in html
    response = teacher_client.post(
        url, {"date": "", "channel": contact.channel, "summary": "Käynti", "checkpoints": [two.pk, 999]}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "is-invalid" in html and "We coach." in html
    assert list(contact.checkpoints.values_list("number", flat=True)) == [2]


def test_the_agreement_pdf_prints_the_items_promises_in_the_readers_language(teacher, teacher_client):
    from ..brochures.pdfs import text_of

    _promise(4, fi="Perehdytämme jokaisen ohjaajan.", sv="Vi introducerar varje handledare.")
    _promise(8, fi="Kiitämme aina.", en="We always say thank you.")
    today = timezone.localdate()
    agreement = training_agreement(
        teacher=teacher, start=today + datetime.timedelta(days=10), end=today + datetime.timedelta(days=60)
    )
    url = reverse("partnerships:agreement_pdf", args=[agreement.pk])
    en = " ".join(text_of(teacher_client.get(url).content).split())
    assert "Our service promises" in en
    assert "We always say thank you." in en
    assert "Perehdytämme jokaisen ohjaajan." in en  # no English one: the Finnish promise
    sv = " ".join(text_of(teacher_client.get(url, headers={"Accept-Language": "sv"}).content).split())
    assert "Vi introducerar varje handledare." in sv and "Kiitämme aina." in sv
    fi = " ".join(text_of(teacher_client.get(url, headers={"Accept-Language": "fi"}).content).split())
    assert "Palvelulupauksemme" in fi and "We always say thank you." not in fi


def test_an_agreement_pdf_without_promises_has_no_promise_section(teacher, teacher_client):
    from ..brochures.pdfs import text_of

    today = timezone.localdate()
    agreement = training_agreement(
        teacher=teacher, start=today + datetime.timedelta(days=10), end=today + datetime.timedelta(days=60)
    )
    text = text_of(teacher_client.get(reverse("partnerships:agreement_pdf", args=[agreement.pk])).content)
    assert "Signatures" in text and "Our service promises" not in text
