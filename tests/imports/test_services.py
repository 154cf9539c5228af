"""Moving in: import from the spreadsheets schools use (the merging of duplicates after it:
tests/partnerships/test_merge.py)."""

import datetime
import io
import json
import re

import pytest
from django.db import connection, connections
from django.urls import reverse
from openpyxl import Workbook

from imports import applying, reading, services
from imports.models import ImportJob, ImportMappingMemory, ImportRows
from imports.planning import summary
from partnerships import services as partnerships_services
from partnerships.models import ContactPerson, Employer, Student, Workplace
from partnerships.validators import nth_business_id

from ..factories import EmployerFactory, StudentGroupFactory, UserFactory

pytestmark = pytest.mark.django_db


def y(n: int) -> str:
    """A valid Y-tunnus of its own for each n."""
    return nth_business_id(n, start=1_234_560)


FINNISH_EXCEL = (
    "Yrityksen nimi;Y-tunnus;Kunta;Katuosoite;Postinumero;Etunimi;Sukunimi;Sähköposti;Puhelin\r\n"
    f"Sähkö-Jääskeläinen Oy;{y(1)};Jyväskylä;Väinönkatu 1;40100;Päivi;Öhman;paivi@sahko.example;"
    "040 111 2222\r\n"
    f"Sähkö-Jääskeläinen Oy;{y(1)};Jyväskylä;Väinönkatu 1;40100;Ääpo;Kärkkäinen;aapo@sahko.example;\r\n"
    "Kahvila Äijänpuu;;Äänekoski;Torikatu 2;44100;Sanna;Kivelä;sanna@kahvila.example;\r\n"
).encode("cp1252")


def upload(kind: str, data: bytes, by, name="tyonantajat.csv") -> ImportJob:
    job = services.import_upload(kind=kind, data=data, name=name, by=by)
    return services.import_set_mapping(job=job, mapping=job.mapping)


def run(job: ImportJob) -> dict:
    services.import_start(job=job, by=job.created_by)
    return services.import_run(job.pk)


def test_a_finnish_excel_csv_creates_employers_workplaces_and_people(coordinator):
    job = upload("employers", FINNISH_EXCEL, coordinator)
    assert job.mapping == {
        "Yrityksen nimi": "name",
        "Y-tunnus": "business_id",
        "Kunta": "municipality",
        "Katuosoite": "street_address",
        "Postinumero": "postal_code",
        "Etunimi": "person_first_name",
        "Sukunimi": "person_last_name",
        "Sähköposti": "person_email",
        "Puhelin": "person_phone",
    }
    counts = run(job)
    assert counts == {"new": 3, "update": 0, "unchanged": 0, "error": 0}
    sahko = Employer.objects.get(business_id=y(1))
    assert sahko.name == "Sähkö-Jääskeläinen Oy"
    assert sahko.workplaces.get().municipality == "Jyväskylä"
    assert sorted(sahko.people.values_list("last_name", flat=True)) == ["Kärkkäinen", "Öhman"]
    kahvila = Employer.objects.get(name="Kahvila Äijänpuu")
    assert kahvila.business_id is None and kahvila.people.get().email == "sanna@kahvila.example"
    job.refresh_from_db()
    assert job.status == "done" and not job.has_rows()  # the rows are deleted once done


def test_importing_the_same_file_twice_changes_nothing(coordinator):
    run(upload("employers", FINNISH_EXCEL, coordinator))
    before = (Employer.objects.count(), Workplace.objects.count(), ContactPerson.objects.count())
    second = upload("employers", FINNISH_EXCEL, coordinator)
    assert summary(services.import_plan(second)) == {
        "new": 0,
        "update": 0,
        "unchanged": 3,
        "error": 0,
    }
    run(second)
    assert (Employer.objects.count(), Workplace.objects.count(), ContactPerson.objects.count()) == before


def test_an_existing_employer_is_updated_never_duplicated(coordinator):
    existing = EmployerFactory(name="Vanha Nimi Oy", business_id=y(1))
    counts = run(upload("employers", FINNISH_EXCEL, coordinator))
    assert counts["update"] == 2 and counts["new"] == 1
    assert Employer.objects.filter(business_id=y(1)).count() == 1
    existing.refresh_from_db()
    assert existing.name == "Sähkö-Jääskeläinen Oy"
    assert set(existing.workplaces.values_list("municipality", flat=True)) == {"Tampere", "Jyväskylä"}


def test_an_employer_without_a_business_id_is_matched_on_name_and_municipality(coordinator):
    existing = EmployerFactory(name="KAHVILA ÄIJÄNPUU", business_id=None, workplace="Äänekoski")
    run(upload("employers", FINNISH_EXCEL, coordinator))
    assert [e.pk for e in Employer.objects.all() if e.name.casefold() == "kahvila äijänpuu"] == [existing.pk]
    assert existing.people.get().last_name == "Kivelä"


BAD_ROWS = (
    "Nimi;Y-tunnus;Kunta;Sähköposti;Etunimi;Sukunimi\n"
    "Hyvä Oy;;Tampere;hyva@example.fi;Ville;Virta\n"
    "Väärä Tunnus Oy;1234567-8;Tampere;;;\n"
    ";;Tampere;;;\n"
    "Posti Oy;;Oulu;ei-osoite;Leena;Lahti\n"
    "Hyvä Oy;;Tampere;hyva@example.fi;Ville;Virta\n"
    "Nimetön Oy;;Oulu;;;Salo\n"
).encode()


def test_bad_rows_are_all_shown_and_nothing_is_saved_before_confirming(coordinator_client, coordinator):
    job = upload("employers", BAD_ROWS, coordinator)
    planned = services.import_plan(job)
    errors = {(e.row, e.column) for row in planned for e in row.errors}
    assert (3, "Y-tunnus") in errors  # an invalid check digit
    assert (4, "Nimi") in errors  # a required name missing
    assert (5, "Sähköposti") in errors  # not an e-mail address
    assert (6, "Nimi") in errors  # the same as row 2
    assert (7, "Etunimi") in errors  # a contact person without a first name
    page = coordinator_client.get(reverse("imports:import_preview", args=[job.pk])).content.decode()
    assert "The same as row 2." in page and "1 new" not in page
    assert not Employer.objects.exists()
    coordinator_client.post(reverse("imports:import_preview", args=[job.pk]))  # confirm: the valid row only
    services.import_run(job.pk)
    assert list(Employer.objects.values_list("name", flat=True)) == ["Hyvä Oy"]


def test_a_failure_midway_leaves_the_database_unchanged(coordinator, monkeypatch):
    EmployerFactory(name="Ennestään Oy")
    before = (Employer.objects.count(), ContactPerson.objects.count(), Workplace.objects.count())
    job = upload("employers", FINNISH_EXCEL, coordinator)
    original = partnerships_services.contact_person_create
    calls = []

    def fail_on_the_second(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("injected failure")
        return original(**kwargs)

    monkeypatch.setattr(partnerships_services, "contact_person_create", fail_on_the_second)
    assert run(job) == {"failed": 1}
    job.refresh_from_db()
    assert job.status == "failed" and "nothing was saved" in job.error
    assert (Employer.objects.count(), ContactPerson.objects.count(), Workplace.objects.count()) == before
    assert job.has_rows()  # kept for another try (deleted after a day)


def progress_seen_from_another_machine(job_id: int) -> int:
    """The progress as a web process elsewhere reads it while the import runs: on PostgreSQL
    from the database through a connection of its own (the import's transaction is still
    open); SQLite is one machine, whose processes share the cache."""
    if connection.vendor != "postgresql":
        return services.import_progress(ImportJob(pk=job_id, status="running"))
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT status, progress FROM partnerships_importjob WHERE id = %s", [job_id])
            status, progress = cursor.fetchone()
    finally:
        other.close()
    return services.import_progress(ImportJob(pk=job_id, status=status, progress=progress))


@pytest.mark.django_db(transaction=True)
def test_progress_is_seen_from_another_connection_while_the_rows_are_written(
    reference_data, coordinator, monkeypatch
):
    rows = "Nimi;Kunta\n" + "".join(f"Yritys {i};Tampere\n" for i in range(250))
    job = upload("employers", rows.encode(), coordinator)
    seen = []
    original = applying._apply_employer

    def apply_and_look(row, by, created):
        original(row, by, created)
        if row.row % 50 == 0:
            seen.append(progress_seen_from_another_machine(job.pk))

    monkeypatch.setattr(applying, "_apply_employer", apply_and_look)
    run(job)
    assert len(seen) == 5 and 0 < seen[0] < seen[-1] < 100 and seen == sorted(seen)
    assert Employer.objects.count() == 250  # the rows were written in the one transaction
    job.refresh_from_db()
    assert services.import_progress(job) == 100 and job.progress == 100


def test_the_rows_wait_in_the_database_and_are_deleted_once_imported(coordinator):
    job = upload("employers", FINNISH_EXCEL, coordinator)
    assert ImportRows.objects.get(job=job).rows[0][0] == "Sähkö-Jääskeläinen Oy"
    run(job)
    assert not ImportRows.objects.filter(job=job).exists()


def test_an_upload_whose_rows_were_deleted_says_to_upload_it_again(coordinator_client, coordinator):
    job = upload("employers", FINNISH_EXCEL, coordinator)
    job.delete_rows()
    page = coordinator_client.get(reverse("imports:import_preview", args=[job.pk]))
    assert page.status_code == 200
    assert "Upload the file again" in page.content.decode()
    assert coordinator_client.get(reverse("imports:import_mapping", args=[job.pk])).status_code == 302


def test_a_henkilotunnus_column_is_dropped_by_header_or_by_value(coordinator):
    # Made-up codes with individual numbers 900-999, the range reserved for test use.
    data = (
        "Etunimi;Sukunimi;Opiskelijanumero;Hetu;Lisätieto\nAino;Ääri;S100;010203A9013;131052-9129\n"
    ).encode()
    job = services.import_upload(kind="students", data=data, name="s.csv", by=coordinator)
    assert job.dropped_columns == ["Hetu", "Lisätieto"]  # the second by its valid checksum
    assert job.headers == ["Etunimi", "Sukunimi", "Opiskelijanumero"]
    assert "131052-9129" not in json.dumps(job.rows())


def test_students_import_from_xlsx_with_their_group(coordinator):
    StudentGroupFactory(name="SÄH24A")
    book = Workbook()
    sheet = book.active
    sheet.append(["Etunimi", "Sukunimi", "Opiskelijanumero", "Ryhmä", "Syntymäaika", "Kieli"])
    sheet.append(["Aino", "Ääri", "S100", "säh24a", datetime.datetime(2008, 5, 1), "ruotsi"])
    sheet.append(["Eero", "Öljy", "S101", "", "1.2.2007", "fi"])
    out = io.BytesIO()
    book.save(out)
    job = upload("students", out.getvalue(), coordinator, name="opiskelijat.xlsx")
    assert run(job)["new"] == 2
    aino = Student.objects.get(student_number="S100")
    assert (
        aino.group.name == "SÄH24A"
        and aino.language == "sv"
        and aino.date_of_birth == datetime.date(2008, 5, 1)
    )
    assert Student.objects.get(student_number="S101").date_of_birth == datetime.date(2007, 2, 1)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x00\x01\x02binary junk" * 10, "not a spreadsheet"),
        (b"PK\x03\x04" + b"\x00" * 100, "not a spreadsheet"),
        (b"Nimi;Kunta\n", "no rows"),
        (b"Nimi;Kunta\n" + b"A;B\n" * (reading.MAX_ROWS + 1), "more than"),
    ],
    ids=["binary", "broken-zip", "header-only", "too-many-rows"],
)
def test_a_file_that_cannot_be_imported_gets_a_clear_message(coordinator, data, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match=message):
        services.import_upload(kind="employers", data=data, name="x.csv", by=coordinator)


def test_the_upload_page_refuses_an_oversized_file_and_keeps_the_choice(coordinator_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("iso.csv", b"a" * (reading.MAX_BYTES + 1), content_type="text/csv")
    response = coordinator_client.post(reverse("imports:import_list"), {"kind": "students", "file": big})
    assert response.status_code == 200
    page = response.content.decode()
    assert "The file is too large: at most 10 MB." in page
    assert re.search(r'<input[^>]*value="students"[^>]*checked>', page)  # the choice is kept


def test_the_mapping_is_remembered_for_the_next_import(coordinator):
    job = services.import_upload(
        kind="students", data="Nimi A;Nimi B;Nro\nAino;Ääri;S1\n".encode(), name="a.csv", by=coordinator
    )
    services.import_set_mapping(
        job=job, mapping={"Nimi A": "first_name", "Nimi B": "last_name", "Nro": "student_number"}
    )
    assert ImportMappingMemory.objects.filter(kind="students").count() == 3
    again = services.import_upload(
        kind="students", data="NIMI A;Nimi B;Nro\nEero;Öljy;S2\n".encode(), name="b.csv", by=coordinator
    )
    assert again.mapping == {"NIMI A": "first_name", "Nimi B": "last_name", "Nro": "student_number"}


def test_the_browser_flow_upload_map_check_confirm(
    coordinator_client, django_capture_on_commit_callbacks, monkeypatch
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from imports import tasks

    monkeypatch.setattr(tasks.import_run, "apply_async", lambda args, **kw: services.import_run(*args))
    response = coordinator_client.post(
        reverse("imports:import_list"),
        {"kind": "employers", "file": SimpleUploadedFile("t.csv", FINNISH_EXCEL, content_type="text/csv")},
    )
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("imports:import_mapping", args=[job.pk])
    form = {f"col_{i}": job.mapping[header] for i, header in enumerate(job.headers)}  # jsonb keeps no order
    assert coordinator_client.post(reverse("imports:import_mapping", args=[job.pk]), form).status_code == 302
    page = coordinator_client.get(reverse("imports:import_preview", args=[job.pk])).content.decode()
    assert "Import 3 rows" in page
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(reverse("imports:import_preview", args=[job.pk]))
    assert Employer.objects.count() == 2
    progress = coordinator_client.get(reverse("imports:import_progress", args=[job.pk])).content.decode()
    assert "100 %" in progress and "3 new" in progress


def test_a_mapping_without_a_required_field_is_refused(coordinator_client, coordinator):
    job = services.import_upload(kind="students", data=b"A;B\nx;y\n", name="a.csv", by=coordinator)
    response = coordinator_client.post(
        reverse("imports:import_mapping", args=[job.pk]), {"col_0": "first_name", "col_1": ""}
    )
    assert response.status_code == 200
    assert "Choose a column for “Last name”." in response.content.decode()


def test_abandoned_rows_are_deleted_after_a_day(coordinator):
    job = services.import_upload(kind="students", data=b"A;B\nx;y\n", name="a.csv", by=coordinator)
    assert services.imports_cleanup() == 0
    assert services.imports_cleanup(now=job.created_at + datetime.timedelta(hours=25)) == 1
    assert not job.has_rows()


def test_teachers_cannot_import_or_merge(teacher_client):
    assert teacher_client.get(reverse("imports:import_list")).status_code == 403
    assert (
        teacher_client.post(reverse("partnerships:employer_merge", args=[EmployerFactory().pk])).status_code
        == 403
    )


def test_a_second_delivery_of_the_task_changes_nothing(coordinator):
    job = upload("employers", FINNISH_EXCEL, coordinator)
    assert run(job)["new"] == 3
    assert services.import_run(job.pk) == {"skipped": 1}  # the broker delivered it again
    job.refresh_from_db()
    assert job.status == "done" and job.result["new"] == 3 and Employer.objects.count() == 2


def test_the_admin_lists_uploads_keeping_rows_without_showing_the_rows(client, coordinator):
    job = upload("employers", FINNISH_EXCEL, coordinator)
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(root)
    listing = client.get(reverse("admin:imports_importrows_changelist"))
    assert listing.status_code == 200 and job.original_name in listing.content.decode()
    detail = client.get(reverse("admin:imports_importrows_change", args=[job.pk]))
    assert detail.status_code == 200 and "paivi@sahko.example" not in detail.content.decode()
    assert "paivi@sahko.example" not in listing.content.decode()
