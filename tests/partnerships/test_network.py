"""The strategic network's pages: the lists with their filters and export, the detail pages,
the forms (coordinators write, teachers read), the history, the dashboard and the
self-assessment beside the strategic questions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from checkpoints import services as checkpoint_services
from partnerships import services
from partnerships.models import NetworkCooperation, NetworkOrganisation

pytestmark = pytest.mark.django_db


def org(by, name="Kuopion kauppakamari", kind="chamber", **extra):
    return services.network_organisation_create(by=by, data={"name": name, "kind": kind, **extra})


def coop(by, organisations, *, day=None, title="Osaamisfoorumi", kind="forum", staff=()):
    return services.network_cooperation_create(
        by=by,
        data={
            "date": day or timezone.localdate(),
            "kind": kind,
            "title": title,
            "organisations": organisations,
            "staff": staff,
        },
    )


def test_a_teacher_reads_the_network_but_is_offered_no_forms(coordinator, teacher_client):
    chamber = org(coordinator)
    forum = coop(coordinator, [chamber])
    page = teacher_client.get(reverse("partnerships:network_organisation_list")).content.decode()
    assert "Kuopion kauppakamari" in page and reverse("partnerships:network_organisation_create") not in page
    page = teacher_client.get(chamber.get_absolute_url()).content.decode()
    assert (
        "Osaamisfoorumi" in page
        and reverse("partnerships:network_organisation_edit", args=[chamber.pk]) not in page
    )
    page = teacher_client.get(forum.get_absolute_url()).content.decode()
    assert (
        "Kuopion kauppakamari" in page
        and reverse("partnerships:network_cooperation_edit", args=[forum.pk]) not in page
    )
    assert teacher_client.post(reverse("partnerships:network_cooperation_create"), {}).status_code == 403


def test_a_coordinator_adds_an_organisation_and_its_cooperation_through_the_forms(
    coordinator, teacher, coordinator_client
):
    response = coordinator_client.post(
        reverse("partnerships:network_organisation_create"),
        {"name": "Savon ammattiopisto", "kind": "education_provider", "is_active": "on"},
    )
    provider = NetworkOrganisation.objects.get()
    assert response.url == provider.get_absolute_url()
    page = coordinator_client.get(provider.get_absolute_url()).content.decode()
    assert f"{reverse('partnerships:network_cooperation_create')}?organisation={provider.pk}" in page
    form = coordinator_client.get(
        reverse("partnerships:network_cooperation_create"), {"organisation": provider.pk}
    )
    assert form.context["form"].initial["organisations"] == [provider.pk]
    response = coordinator_client.post(
        reverse("partnerships:network_cooperation_create"),
        {
            "date": "15.9.2026",
            "kind": "joint_project",
            "title": "Yhteinen opetussuunnitelmatyö",
            "organisations": [provider.pk],
            "staff": [teacher.pk, coordinator.pk],
            "contact_names": "Outi Opettaja",
        },
    )
    cooperation = NetworkCooperation.objects.get()
    assert response.url == cooperation.get_absolute_url()
    assert cooperation.date == datetime.date(2026, 9, 15)
    assert set(cooperation.staff.all()) == {teacher, coordinator}


def test_the_cooperation_form_refuses_a_record_without_an_organisation(coordinator_client):
    response = coordinator_client.post(
        reverse("partnerships:network_cooperation_create"),
        {"date": "2026-09-15", "kind": "meeting", "title": "Kokous"},
    )
    assert response.status_code == 200 and response.context["form"].errors["organisations"]
    assert not NetworkCooperation.objects.exists()


def test_a_coordinator_edits_and_reads_the_history(coordinator, coordinator_client):
    chamber = org(coordinator)
    forum = coop(coordinator, [chamber])
    response = coordinator_client.post(
        reverse("partnerships:network_organisation_edit", args=[chamber.pk]),
        {"name": "Savon kauppakamari", "kind": "chamber"},
    )
    assert response.status_code == 302
    chamber.refresh_from_db()
    assert chamber.name == "Savon kauppakamari" and not chamber.is_active
    page = coordinator_client.get(
        reverse("partnerships:history", args=["network_organisation", chamber.pk])
    ).content.decode()
    assert "Kuopion kauppakamari" in page and "Savon kauppakamari" in page
    assert (
        coordinator_client.get(
            reverse("partnerships:history", args=["network_cooperation", forum.pk])
        ).status_code
        == 200
    )


def test_the_lists_filter_and_export_csv_the_way_finnish_excel_reads_it(coordinator, teacher_client):
    chamber = org(coordinator)
    ely = org(coordinator, name="ELY-keskus", kind="ely", contact_names="Eeva E\nPekka P")
    coop(coordinator, [chamber, ely], title="Foorumi")
    coop(coordinator, [ely], title="Tapaaminen", kind="meeting")
    url = reverse("partnerships:network_cooperation_list")
    response = teacher_client.get(url, {"kind": "meeting"})
    assert [c.title for c in response.context["page"]] == ["Tapaaminen"]
    response = teacher_client.get(url, {"organisation": chamber.pk, "format": "csv"})
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").strip().splitlines()
    assert lines[0].split(";")[:4] == ["Date", "Kind", "Title", "Organisations"]
    assert len(lines) == 2 and lines[1].split(";")[2] == "Foorumi"
    response = teacher_client.get(
        reverse("partnerships:network_organisation_list"), {"kind": "ely", "format": "csv"}
    )
    lines = b"".join(response.streaming_content).decode("utf-8-sig").strip().splitlines()
    assert lines[0].split(";")[:2] == ["Name", "Kind"]
    assert lines[1].split(";")[:2] == ["ELY-keskus", "ELY centre"] and "Eeva E, Pekka P" in lines[1]


def test_the_cooperation_list_query_count_does_not_grow_with_the_rows(
    coordinator, teacher, teacher_client, django_assert_num_queries
):
    url = reverse("partnerships:network_cooperation_list")
    chamber = org(coordinator)
    for n in range(3):
        coop(
            coordinator, [chamber, org(coordinator, name=f"Hanke {n}")], title=f"Foorumi {n}", staff=[teacher]
        )
    teacher_client.get(url)  # warm the session
    # The user with their roles, the institution, the filter's organisations, the count, the rows,
    # their organisations and their staff: the same for 3 rows or 13.
    with django_assert_num_queries(7):
        teacher_client.get(url)
    for n in range(10):
        coop(coordinator, [chamber], title=f"Lisää {n}", staff=[teacher, coordinator])
    with django_assert_num_queries(7):
        response = teacher_client.get(url)
    assert response.content.decode().count("Lisää") == 10


def test_the_dashboard_counts_the_network_with_links(
    coordinator, teacher, coordinator_client, teacher_client
):
    today = timezone.localdate()
    chamber = org(coordinator)
    org(coordinator, name="Lopetettu", kind="other", is_active=False)
    coop(coordinator, [chamber], staff=[teacher])
    coop(coordinator, [chamber], title="Toinen")
    coop(coordinator, [chamber], title="Viime vuonna", day=today.replace(year=today.year - 1, day=1))
    response = coordinator_client.get(reverse("partnerships:review_dashboard"))
    assert response.context["network"] == {"year": today.year, "organisations": 1, "cooperation": 2}
    page = response.content.decode()
    assert f"{reverse('partnerships:network_cooperation_list')}?year={today.year}" in page
    assert reverse("partnerships:network_organisation_list") in page
    # A teacher's own view counts the cooperation they took part in.
    assert teacher_client.get(reverse("partnerships:review_dashboard")).context["network"]["cooperation"] == 1


def test_the_self_assessment_shows_the_network_beside_the_strategic_questions(
    coordinator, coordinator_client
):
    chamber = org(coordinator)
    coop(coordinator, [chamber], day=datetime.date(2026, 4, 2), title="Kevään foorumi")
    coop(coordinator, [chamber], day=datetime.date(2025, 4, 2), title="Edellisvuoden foorumi")
    assessment = checkpoint_services.self_assessment_open(by=coordinator, year=2026, unit=None)
    response = coordinator_client.get(reverse("checkpoints:self_assessment", args=[assessment.pk]))
    blocks = {block["level"].key: block["evidence"] for block in response.context["workbook"]}
    assert [item["context"]["cooperation_total"] for item in blocks["strategic"]] == [1]
    assert not blocks["everyday"]
    page = response.content.decode()
    assert "Kevään foorumi" in page and "Edellisvuoden foorumi" not in page
    # Beside the strategic questions: after the strategic heading, before its first question.
    strategic = page.index('id="level-strategic"')
    assert strategic < page.index("Kevään foorumi") < page.index("<fieldset", strategic)


@pytest.mark.parametrize(
    ("language", "heading", "organisations", "records"),
    [
        ("fi", "Strateginen verkosto vuonna 2026", "1 organisaatio", "2 yhteistyökirjausta"),
        ("sv", "Det strategiska nätverket 2026", "1 organisation", "2 samarbeten"),
        ("en", "The strategic network in 2026", "1 organisation", "2 records of cooperation"),
    ],
)
def test_the_self_assessment_pdf_shows_the_network_as_the_page_does(
    coordinator, coordinator_client, language, heading, organisations, records
):
    from ..brochures.pdfs import text_of

    chamber = org(coordinator)
    coop(coordinator, [chamber], day=datetime.date(2026, 4, 2), title="Kevään foorumi")
    coop(coordinator, [chamber], day=datetime.date(2026, 9, 3), title="Syksyn hanke", kind="joint_project")
    coop(coordinator, [chamber], day=datetime.date(2025, 4, 2), title="Edellisvuoden foorumi")
    assessment = checkpoint_services.self_assessment_open(by=coordinator, year=2026, unit=None)
    headers = {"Accept-Language": language}
    url = reverse("checkpoints:self_assessment", args=[assessment.pk])
    page = coordinator_client.get(url, headers=headers)
    on_page = " ".join(page.content.decode().split())
    response = coordinator_client.get(
        reverse("checkpoints:self_assessment_pdf", args=[assessment.pk]), headers=headers
    )
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(text_of(response.content).split())
    for shown in (heading, organisations, records, "Kevään foorumi", "Syksyn hanke", "Kuopion kauppakamari"):
        assert shown in on_page and shown in text, shown
    assert "Edellisvuoden foorumi" not in text
    # Beside the strategic level's questions: after its heading, before its first question.
    [strategic] = [block for block in page.context["workbook"] if block["level"].key == "strategic"]
    first_question = strategic["questions"][0]["question"].text
    assert text.index(str(strategic["level"].name)) < text.index(heading) < text.index(first_question[:30])
