"""Partnership agreements: validity, the document, the pages, the level rule, the dashboard,
the renewal reminder and the migration of the old signing date."""

import datetime
import io

import pypdfium2
import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.email import outbox_deliver
from core.models import OutboxMessage
from partnerships import services
from partnerships.documents import validate_pdf
from partnerships.models import AgreementValidity, Employer, PartnershipAgreement, ReminderRecord
from partnerships.selectors.level_suggestions import evidence_for
from partnerships.services.partnership_renewals import partnership_renewals_send

from ..factories import EmployerFactory

TODAY = datetime.date(2027, 3, 1)


def pdf_bytes(pages: int = 1) -> bytes:
    document = pypdfium2.PdfDocument.new()
    for _ in range(pages):
        document.new_page(595, 842)
    out = io.BytesIO()
    document.save(out)
    document.close()
    return out.getvalue()


def pdf_upload(name="sopimus.pdf", content=None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content, "application/pdf")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.KUMPPANI_PARTNERSHIP_RENEWAL_DAYS = 60


def make(by, employers, *, signed_on=TODAY - datetime.timedelta(days=400), valid_until=None, **extra):
    data = {
        "title": extra.pop("title", "Kumppanuussopimus"),
        "employers": employers,
        "network_name": extra.pop("network_name", ""),
        "scope": "Työpaikkaohjaajien koulutus ja harjoittelupaikat",
        "signed_on": signed_on,
        "valid_until": valid_until,
        "responsible": extra.pop("responsible", by),
    }
    return services.partnership_agreement_create(by=by, data=data, **extra)


# Validity ---------------------------------------------------------------------------------


def test_validity_counts_an_open_ended_agreement_as_valid_and_a_past_one_as_expired(coordinator):
    employer = EmployerFactory()
    open_ended = make(coordinator, [employer])
    ending = make(coordinator, [employer], valid_until=TODAY + datetime.timedelta(days=30))
    later = make(coordinator, [employer], valid_until=TODAY + datetime.timedelta(days=61))
    ended = make(coordinator, [employer], valid_until=TODAY - datetime.timedelta(days=1))
    validity = dict(PartnershipAgreement.objects.with_validity(today=TODAY).values_list("pk", "validity"))
    assert validity == {
        open_ended.pk: AgreementValidity.VALID,
        ending.pk: AgreementValidity.EXPIRING,
        later.pk: AgreementValidity.VALID,
        ended.pk: AgreementValidity.EXPIRED,
    }
    assert {a.pk: a.validity_on(TODAY) for a in (open_ended, ending, later, ended)} == validity
    assert set(PartnershipAgreement.objects.valid_on(TODAY)) == {open_ended, ending, later}
    assert set(PartnershipAgreement.objects.expiring(today=TODAY)) == {ending}
    assert set(PartnershipAgreement.objects.expired(today=TODAY)) == {ended}


def test_an_agreement_cannot_end_before_it_is_signed(coordinator):
    with pytest.raises(ValidationError) as error:
        make(
            coordinator, [EmployerFactory()], signed_on=TODAY, valid_until=TODAY - datetime.timedelta(days=1)
        )
    assert "valid_until" in error.value.message_dict
    assert not PartnershipAgreement.objects.exists()


def test_a_teacher_cannot_record_a_partnership_agreement(teacher):
    with pytest.raises(PermissionDenied):
        make(teacher, [EmployerFactory()])
    assert not PartnershipAgreement.objects.exists()


def test_the_history_records_the_parties(coordinator):
    first, second = EmployerFactory(name="Eka Oy"), EmployerFactory(name="Toka Oy")
    agreement = make(coordinator, [first])
    services.partnership_agreement_update(
        agreement=agreement, by=coordinator, data={"employers": [first, second], "title": "Verkosto"}
    )
    latest = agreement.history.latest()
    assert latest.title == "Verkosto"
    assert {row.employer_id for row in latest.employers.all()} == {first.pk, second.pk}


# The document -----------------------------------------------------------------------------


def test_a_real_pdf_is_accepted():
    validate_pdf(pdf_upload())


@pytest.mark.parametrize(
    "content, code",
    [
        (b"PK\x03\x04 a zip file renamed", "not_pdf"),
        (b"%PDF-1.7\n% not really a pdf at all\n", "broken_pdf"),
    ],
)
def test_a_file_that_is_not_a_real_pdf_is_refused(content, code):
    with pytest.raises(ValidationError) as error:
        validate_pdf(pdf_upload(content=content))
    assert error.value.code == code


def test_a_pdf_over_the_size_limit_is_refused(settings):
    settings.KUMPPANI_PARTNERSHIP_DOCUMENT_MAX_MB = 1
    content = pdf_bytes() + b"%" + b"x" * (1024 * 1024)
    with pytest.raises(ValidationError) as error:
        validate_pdf(pdf_upload(content=content))
    assert error.value.code == "too_large"


def test_the_document_is_stored_under_a_random_name_and_downloaded_by_staff_only(
    coordinator, teacher_client, client
):
    agreement = make(coordinator, [EmployerFactory()], document=pdf_upload("Sopimus 2027.pdf"))
    assert agreement.document_name == "Sopimus 2027.pdf"
    assert "Sopimus" not in agreement.document.name
    assert default_storage.exists(agreement.document.name)
    url = reverse("partnerships:partnership_agreement_document", args=[agreement.pk])
    response = teacher_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Sopimus 2027.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client.get(url).status_code == 302  # anonymous: to the login page


def test_an_agreement_without_a_document_answers_404_to_a_download(coordinator, teacher_client):
    agreement = make(coordinator, [EmployerFactory()])
    assert (
        teacher_client.get(
            reverse("partnerships:partnership_agreement_document", args=[agreement.pk])
        ).status_code
        == 404
    )


# The pages --------------------------------------------------------------------------------


def form_data(employer, **changes):
    return {
        "title": "Kumppanuussopimus 2026–2028",
        "employers": [employer.pk],
        "network_name": "",
        "scope": "Harjoittelupaikat ja ohjaajakoulutus",
        "signed_on": "2026-01-15",
        "valid_until": "2028-01-14",
        **changes,
    }


def test_a_coordinator_records_an_agreement_with_its_document(coordinator, coordinator_client):
    employer = EmployerFactory()
    response = coordinator_client.post(
        reverse("partnerships:partnership_agreement_create"),
        {**form_data(employer, responsible=coordinator.pk), "document": pdf_upload()},
    )
    agreement = PartnershipAgreement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == agreement.get_absolute_url()
    assert list(agreement.employers.all()) == [employer]
    assert agreement.document and agreement.created_by == coordinator


def test_a_renamed_file_is_refused_with_a_translated_error_and_nothing_is_saved(
    coordinator, coordinator_client
):
    employer = EmployerFactory()
    fake = SimpleUploadedFile("sopimus.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = coordinator_client.post(
        reverse("partnerships:partnership_agreement_create"),
        {**form_data(employer, responsible=coordinator.pk), "document": fake},
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 200
    assert "Tiedosto ei ole PDF-asiakirja." in response.content.decode()  # translated
    assert response.context["form"]["title"].value() == "Kumppanuussopimus 2026–2028"  # kept
    assert not PartnershipAgreement.objects.exists()


def test_the_end_before_the_signing_is_an_error_on_the_form(coordinator, coordinator_client):
    employer = EmployerFactory()
    response = coordinator_client.post(
        reverse("partnerships:partnership_agreement_create"),
        form_data(employer, responsible=coordinator.pk, valid_until="2025-12-31"),
    )
    assert response.status_code == 200
    assert "The agreement cannot end before it is signed." in response.content.decode()
    assert not PartnershipAgreement.objects.exists()


def test_a_teacher_reads_but_does_not_edit(coordinator, teacher_client):
    agreement = make(coordinator, [EmployerFactory()])
    assert teacher_client.get(agreement.get_absolute_url()).status_code == 200
    assert (
        teacher_client.get(
            reverse("partnerships:partnership_agreement_edit", args=[agreement.pk])
        ).status_code
        == 403
    )
    response = teacher_client.post(reverse("partnerships:partnership_agreement_create"), {})
    assert response.status_code == 403


def test_editing_replaces_the_document_only_when_a_new_one_is_chosen(coordinator, coordinator_client):
    employer = EmployerFactory()
    agreement = make(coordinator, [employer], document=pdf_upload("vanha.pdf"))
    old = agreement.document.name
    url = reverse("partnerships:partnership_agreement_edit", args=[agreement.pk])
    coordinator_client.post(url, form_data(employer, responsible=coordinator.pk, title="Uusi nimi"))
    agreement.refresh_from_db()
    assert (agreement.title, agreement.document.name) == ("Uusi nimi", old)
    coordinator_client.post(
        url, {**form_data(employer, responsible=coordinator.pk), "document": pdf_upload("uusi.pdf")}
    )
    agreement.refresh_from_db()
    assert agreement.document.name != old and agreement.document_name == "uusi.pdf"


def test_the_list_filters_by_validity_and_exports_csv(coordinator, teacher_client):
    today = timezone.localdate()
    employer = EmployerFactory(name="Rakennus Oy", business_id="1234567-1")
    make(coordinator, [employer], title="Voimassa")
    make(coordinator, [employer], title="Päättyvä", valid_until=today + datetime.timedelta(days=10))
    make(coordinator, [employer], title="Päättynyt", valid_until=today - datetime.timedelta(days=10))
    url = reverse("partnerships:partnership_agreement_list")
    response = teacher_client.get(url, {"validity": "expiring"})
    assert [a.title for a in response.context["page"]] == ["Päättyvä"]
    response = teacher_client.get(url, {"q": "rakennus", "format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].split(";")[:3] == ["Title", "Parties", "Business IDs"]
    assert len(lines) == 4 and "1234567-1" in lines[1]


def test_the_list_query_count_does_not_grow_with_the_rows(
    coordinator, teacher_client, django_assert_num_queries
):
    url = reverse("partnerships:partnership_agreement_list")
    for n in range(3):
        make(coordinator, [EmployerFactory(), EmployerFactory()], title=f"Sopimus {n}")
    teacher_client.get(url)  # warm the session
    # The user with their roles, the institution, and the page's own: the same for 3 rows or 13.
    with django_assert_num_queries(6):
        response = teacher_client.get(url)
    assert len(response.context["page"].object_list) == 3
    for n in range(10):
        make(coordinator, [EmployerFactory(), EmployerFactory()], title=f"Lisää {n}")
    with django_assert_num_queries(6):
        response = teacher_client.get(url)
    assert response.content.decode().count("Lisää") == 10


def test_the_employer_page_lists_its_agreements(coordinator, coordinator_client):
    employer = EmployerFactory()
    make(coordinator, [employer], title="Yhteinen sopimus")
    page = coordinator_client.get(employer.get_absolute_url()).content.decode()
    assert "Yhteinen sopimus" in page
    assert f"{reverse('partnerships:partnership_agreement_create')}?employer={employer.pk}" in page


# The level rule and the dashboard ---------------------------------------------------------


def test_only_a_valid_agreement_counts_for_the_strategic_level(coordinator):
    employer = EmployerFactory()
    assert evidence_for(employer, today=TODAY).partnership_agreement is False
    make(coordinator, [employer], valid_until=TODAY - datetime.timedelta(days=1))
    assert evidence_for(employer, today=TODAY).partnership_agreement is False
    make(coordinator, [employer], valid_until=TODAY + datetime.timedelta(days=100))
    assert evidence_for(employer, today=TODAY).partnership_agreement is True
    other = EmployerFactory()
    assert evidence_for(other, today=TODAY).partnership_agreement is False


def test_the_dashboard_counts_agreements_by_validity_with_links(coordinator, coordinator_client):
    today = timezone.localdate()
    employer = EmployerFactory()
    make(coordinator, [employer], signed_on=today - datetime.timedelta(days=10))
    make(coordinator, [employer], signed_on=today - datetime.timedelta(days=10))
    make(
        coordinator,
        [employer],
        signed_on=today - datetime.timedelta(days=10),
        valid_until=today + datetime.timedelta(days=5),
    )
    make(
        coordinator,
        [employer],
        signed_on=today - datetime.timedelta(days=10),
        valid_until=today - datetime.timedelta(days=1),
    )
    response = coordinator_client.get(reverse("partnerships:review_dashboard"))
    rows = {r["value"]: r["count"] for r in response.context["partnership_agreements"]["rows"]}
    assert rows == {"valid": 2, "expiring": 1, "expired": 1}
    assert (
        f"{reverse('partnerships:partnership_agreement_list')}?validity=expiring" in response.content.decode()
    )


# The renewal reminder ---------------------------------------------------------------------


def test_the_responsible_person_is_reminded_once_before_the_agreement_ends(coordinator, settings):
    coordinator.email = "kaisa@opisto.example"
    coordinator.save()
    employer = EmployerFactory()
    due = make(coordinator, [employer], title="Päättyy pian", valid_until=TODAY + datetime.timedelta(days=60))
    make(coordinator, [employer], title="Vielä kauan", valid_until=TODAY + datetime.timedelta(days=90))
    make(coordinator, [employer], title="Jo päättynyt", valid_until=TODAY - datetime.timedelta(days=1))
    assert partnership_renewals_send(TODAY) == 1
    assert partnership_renewals_send(TODAY) == 0  # the ledger: once
    assert partnership_renewals_send(TODAY + datetime.timedelta(days=1)) == 0
    message = OutboxMessage.objects.get(kind="partnership-renewal")
    assert ReminderRecord.objects.get().key == f"partnership-renewal:{due.pk}:{due.valid_until.isoformat()}"
    outbox_deliver(message.pk)
    sent = mail.outbox[-1]
    assert "kaisa@opisto.example" in sent.to[0]
    assert "Päättyy pian" in sent.body and "Vielä kauan" not in sent.body
    assert due.get_absolute_url() in sent.body


def test_a_renewed_agreement_is_reminded_again_near_its_new_end(coordinator):
    coordinator.email = "kaisa@opisto.example"
    coordinator.save()
    agreement = make(coordinator, [EmployerFactory()], valid_until=TODAY + datetime.timedelta(days=30))
    assert partnership_renewals_send(TODAY) == 1
    services.partnership_agreement_update(
        agreement=agreement, by=coordinator, data={"valid_until": TODAY + datetime.timedelta(days=395)}
    )
    assert partnership_renewals_send(TODAY) == 0
    assert partnership_renewals_send(TODAY + datetime.timedelta(days=340)) == 1


def test_the_renewal_sweep_takes_the_same_queries_for_many_agreements(coordinator, other_teacher):
    coordinator.email, other_teacher.email = "kaisa@opisto.example", "olli@opisto.example"
    coordinator.save()
    other_teacher.save()
    employer = EmployerFactory()

    def sweep_queries(day, count):
        for n in range(count):
            for person in (coordinator, other_teacher):
                make(
                    coordinator,
                    [employer],
                    title=f"S{day}-{n}",
                    responsible=person,
                    valid_until=TODAY + datetime.timedelta(days=day * 100 + n),
                )
        with CaptureQueriesContext(connection) as queries:
            assert partnership_renewals_send(TODAY + datetime.timedelta(days=day * 100 - 30)) == 2
        return len(queries)

    assert sweep_queries(1, 1) == sweep_queries(2, 10)


# The migration of the old field -----------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_each_signing_date_into_an_agreement():
    """0028 run for real: an employer's old signing date becomes an agreement valid until
    further notice, with the account owner responsible; the field is gone afterwards."""
    before = [("partnerships", "0027_level_record_withdrawal")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    owner = old.get_model("core", "User").objects.create(username="omistaja")
    Employer_ = old.get_model("partnerships", "Employer")
    signed = Employer_.objects.create(
        name="Allekirjoittanut Oy", partnership_agreement_on=datetime.date(2024, 5, 2), account_owner=owner
    )
    Employer_.objects.create(name="Ei sopimusta Oy")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    agreement = PartnershipAgreement.objects.get()
    assert agreement.signed_on == datetime.date(2024, 5, 2) and agreement.valid_until is None
    assert agreement.responsible_id == owner.pk
    assert list(agreement.employers.values_list("pk", flat=True)) == [signed.pk]
    assert "partnership_agreement_on" not in {f.name for f in Employer._meta.get_fields()}


def test_the_coordinator_reads_the_agreements_history(coordinator, coordinator_client):
    agreement = make(coordinator, [EmployerFactory(name="Historia Oy")], title="Vanha nimi")
    services.partnership_agreement_update(agreement=agreement, by=coordinator, data={"title": "Uusi nimi"})
    response = coordinator_client.get(
        reverse("partnerships:history", args=["partnership_agreement", agreement.pk])
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vanha nimi" in page and "Uusi nimi" in page


def test_merging_employers_moves_their_partnership_agreements(coordinator):
    keep, remove = EmployerFactory(name="Pysyvä Oy"), EmployerFactory(name="Poistuva Oy", business_id=None)
    agreement = make(coordinator, [remove])
    services.employer_merge(keep=keep, remove=remove, by=coordinator)
    assert list(agreement.employers.all()) == [keep]
