"""Students taking part in co-development initiatives (issue 22, item 6): consent recorded and
withdrawn, the guardian's for a student under 18, who may do it, where the students show (by
name only while the consent covers it) and what a student's erasure leaves of them."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from partnerships import services
from partnerships.models import EntryKind, Initiative, StudentParticipant

from ..brochures.pdfs import text_of
from ..conftest import _client_for
from ..factories import StudentFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 2)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def initiative(teacher):
    return services.initiative_create(
        by=teacher, data={"title": "Induction in two hours", "starting_point": "It takes a day."}
    )


@pytest.fixture
def student(teacher_group):
    return StudentFactory(
        first_name="Iida", last_name="Heikkinen", group=teacher_group, date_of_birth=datetime.date(2005, 3, 1)
    )


def _add_representative(initiative, by, **extra):
    data = {
        "name": "Sanni Suomela",
        "role": "Student union board",
        "consent_on": datetime.date(2026, 11, 20),
        "consent_method": "written",
    }
    return services.initiative_student_add(initiative=initiative, by=by, **(data | extra))


def _add_student(initiative, by, student, **extra):
    data = {"student": student, "consent_on": TODAY, "consent_method": "written"}
    return services.initiative_student_add(initiative=initiative, by=by, **(data | extra))


def test_owner_adds_a_student_with_consent_and_the_log_names_them(initiative, teacher, student):
    participant = services.initiative_student_add(
        initiative=initiative,
        by=teacher,
        student=student,
        consent_on=datetime.date(2026, 11, 25),
        consent_method="email",
    )
    assert participant.consent_recorded_by == teacher
    assert participant.is_named and str(participant) == "Iida Heikkinen"
    assert not participant.under_18
    entry = initiative.entries.get(kind=EntryKind.STUDENT_JOINED)
    assert entry.participant == participant and entry.date == datetime.date(2026, 11, 25)
    assert participant.history.get().history_user == teacher

    page = _client_for(teacher).get(initiative.get_absolute_url()).content.decode()
    assert "Iida Heikkinen takes part in the initiative, with consent recorded." in page
    assert "Consent given on 11/25/2026 (e-mail), recorded by" in page


def test_coordinator_adds_a_representative_who_is_not_a_student(initiative, coordinator):
    participant = _add_representative(initiative, coordinator)
    assert participant.student is None and participant.display_name == "Sanni Suomela"


def test_another_teacher_may_read_but_not_add_or_withdraw(initiative, teacher, other_teacher):
    participant = _add_representative(initiative, teacher)
    with pytest.raises(PermissionDenied):
        _add_representative(initiative, other_teacher, name="Someone Else")
    with pytest.raises(PermissionDenied):
        services.initiative_student_withdraw(participant=participant, by=other_teacher, withdrawn_on=TODAY)
    client = _client_for(other_teacher)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Sanni Suomela" in page
    assert reverse("partnerships:initiative_student_add", args=[initiative.pk]) not in page
    assert "Record the withdrawal" not in page
    assert client.get(reverse("partnerships:initiative_student_add", args=[initiative.pk])).status_code == 403
    url = reverse("partnerships:initiative_student_withdraw", args=[participant.pk])
    assert client.post(url, {f"withdraw-{participant.pk}-withdrawn_on": "2026-12-01"}).status_code == 403
    participant.refresh_from_db()
    assert participant.in_force


def test_a_teacher_cannot_add_a_student_they_may_not_see(initiative, teacher):
    stranger = StudentFactory()  # not in the teacher's groups nor on their agreements
    with pytest.raises(PermissionDenied):
        _add_student(initiative, teacher, stranger)
    response = _client_for(teacher).post(
        reverse("partnerships:initiative_student_add", args=[initiative.pk]),
        {
            "student": stranger.pk,
            "consent_on": "2026-12-01",
            "consent_method": "written",
            "consent_scope": "named",
        },
    )
    assert response.status_code == 200  # the form refuses a choice it does not offer
    assert not StudentParticipant.objects.exists()


def test_a_student_under_18_needs_the_guardians_consent_by_the_date_of_birth(
    initiative, teacher, teacher_group
):
    minor = StudentFactory(group=teacher_group, date_of_birth=datetime.date(2010, 1, 1))
    with pytest.raises(ValidationError) as error:
        _add_student(initiative, teacher, minor)
    assert set(error.value.message_dict) == {
        "guardian_name",
        "guardian_consent_on",
        "guardian_consent_method",
    }
    participant = _add_student(
        initiative,
        teacher,
        minor,
        guardian_name="Hanna Huoltaja",
        guardian_consent_on=TODAY,
        guardian_consent_method="written",
    )
    assert participant.under_18 and participant.guardian_name == "Hanna Huoltaja"


def test_a_representative_declared_under_18_needs_the_guardians_consent(initiative, teacher):
    with pytest.raises(ValidationError) as error:
        _add_representative(initiative, teacher, under_18=True)
    assert "guardian_name" in error.value.message_dict


def test_an_adult_by_date_of_birth_needs_no_guardian_whatever_is_ticked(initiative, teacher, student):
    participant = _add_student(
        initiative, teacher, student, consent_method="in_person", under_18=True, guardian_name="Not needed"
    )
    assert not participant.under_18 and participant.guardian_name == ""


def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(initiative, teacher):
    url = reverse("partnerships:initiative_student_add", args=[initiative.pk])
    response = _client_for(teacher).post(
        url,
        {
            "name": "Sanni Suomela",
            "consent_on": "2026-12-24",
            "consent_method": "written",
            "consent_scope": "named",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "the date cannot be in the future" in page and "Nothing was saved yet" in page
    assert 'value="Sanni Suomela"' in page
    response = _client_for(teacher).post(
        url, {"consent_on": "2026-12-01", "consent_method": "written", "consent_scope": "named"}
    )
    assert "Choose a student or give the representative" in response.content.decode()
    assert not StudentParticipant.objects.exists()
    assert not initiative.entries.exists()


def test_withdrawal_hides_the_name_everywhere_and_a_return_needs_new_consent(
    initiative, teacher, coordinator
):
    participant = _add_representative(initiative, teacher)
    client = _client_for(teacher)
    url = reverse("partnerships:initiative_student_withdraw", args=[participant.pk])
    response = client.post(url, {f"withdraw-{participant.pk}-withdrawn_on": "2026-11-30"})
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.withdrawn_on == datetime.date(2026, 11, 30)
    assert participant.withdrawal_recorded_by == teacher
    assert str(participant) == "A student representative"

    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Sanni" not in page and "Student union board" not in page
    assert "A student representative takes part in the initiative, with consent recorded." in page
    assert "A student representative withdrew their consent to take part." in page
    pdf = " ".join(
        text_of(client.get(reverse("partnerships:initiative_pdf", args=[initiative.pk])).content).split()
    )
    assert "Sanni" not in pdf and "A student representative withdrew their consent" in pdf
    history = _client_for(coordinator).get(
        reverse("partnerships:history", args=["student_participant", participant.pk])
    )
    assert history.status_code == 200 and "Sanni" not in history.content.decode()

    with pytest.raises(ValidationError) as error:
        services.initiative_student_withdraw(participant=participant, by=teacher, withdrawn_on=TODAY)
    assert "already withdrawn" in str(error.value)
    with pytest.raises(ValidationError) as error:
        _add_representative(initiative, teacher, name="sanni suomela", consent_on=datetime.date(2026, 11, 30))
    assert "withdrew their consent on 11/30/2026" in str(error.value.message_dict["consent_on"])
    again = _add_representative(initiative, teacher, consent_on=TODAY)
    assert again.is_named and participant.pk != again.pk


def test_a_student_takes_part_once_at_a_time(initiative, teacher, student):
    _add_student(initiative, teacher, student)
    with pytest.raises(ValidationError) as error:
        _add_student(initiative, teacher, student)
    assert error.value.message_dict["student"] == ["This student already takes part in the initiative."]


def test_a_withdrawal_is_not_dated_before_the_consent_or_in_the_future(initiative, teacher):
    participant = _add_representative(initiative, teacher)
    url = reverse("partnerships:initiative_student_withdraw", args=[participant.pk])
    for day in ("2026-11-01", "2026-12-31"):
        response = _client_for(teacher).post(url, {f"withdraw-{participant.pk}-withdrawn_on": day})
        assert response.status_code == 400
        assert "Nothing was saved yet" in response.content.decode()
    participant.refresh_from_db()
    assert participant.in_force
    assert not initiative.entries.filter(kind=EntryKind.CONSENT_WITHDRAWN).exists()


def test_consent_without_naming_shows_a_student_representative_to_readers(initiative, teacher, other_teacher):
    _add_representative(initiative, teacher, consent_scope="unnamed")
    assert (
        "Sanni Suomela" not in _client_for(other_teacher).get(initiative.get_absolute_url()).content.decode()
    )
    # The owner, who manages the consent, sees whom it is about.
    assert "Sanni Suomela" in _client_for(teacher).get(initiative.get_absolute_url()).content.decode()
    pdf = text_of(
        _client_for(teacher).get(reverse("partnerships:initiative_pdf", args=[initiative.pk])).content
    )
    assert "Sanni" not in pdf


def test_the_report_lists_only_students_with_consent_in_force(initiative, teacher, student):
    _add_student(initiative, teacher, student)
    gone = _add_representative(initiative, teacher)
    services.initiative_student_withdraw(participant=gone, by=teacher, withdrawn_on=TODAY)
    pdf = " ".join(
        text_of(
            _client_for(teacher).get(reverse("partnerships:initiative_pdf", args=[initiative.pk])).content
        ).split()
    )
    assert "Students taking part Iida Heikkinen" in pdf
    assert "Sanni" not in pdf


def test_the_list_filters_and_the_dashboard_counts_initiatives_with_students(
    initiative, teacher, coordinator
):
    other = services.initiative_create(by=teacher, data={"title": "No students here", "starting_point": "x"})
    _add_representative(initiative, teacher)
    withdrawn = _add_representative(other, teacher)
    services.initiative_student_withdraw(participant=withdrawn, by=teacher, withdrawn_on=TODAY)
    assert list(Initiative.objects.with_students()) == [initiative]
    client = _client_for(coordinator)
    page = client.get(reverse("partnerships:initiative_list"), {"students": "on"}).content.decode()
    assert "Induction in two hours" in page and "No students here" not in page
    page = client.get(reverse("partnerships:review_dashboard")).content.decode()
    assert "With students taking part" in page
    assert f"{reverse('partnerships:initiative_list')}?phase=understand&amp;students=on" in page


def test_erasure_anonymises_the_participation_and_the_log_still_renders(
    initiative, teacher, coordinator, teacher_group
):
    minor = StudentFactory(
        first_name="Veera",
        last_name="Poistettava",
        group=teacher_group,
        date_of_birth=datetime.date(2010, 5, 5),
    )
    participant = _add_student(
        initiative,
        teacher,
        minor,
        role="Class representative",
        guardian_name="Harri Huoltaja",
        guardian_consent_on=TODAY,
        guardian_consent_method="email",
    )
    services.erase_student(minor, by=coordinator, reason="request")
    participant.refresh_from_db()
    assert participant.anonymised_at is not None
    assert participant.role == "" and participant.guardian_name == ""
    assert not participant.history.exclude(guardian_name="").exists()
    assert str(participant) == "A student representative"
    # The initiative keeps "a student took part".
    assert list(Initiative.objects.with_students()) == [initiative]
    for user in (teacher, coordinator):
        response = _client_for(user).get(initiative.get_absolute_url())
        assert response.status_code == 200
        page = response.content.decode()
        assert "Veera" not in page and "Harri" not in page and "Class representative" not in page
        assert "A student representative takes part in the initiative" in page
    pdf = text_of(
        _client_for(teacher).get(reverse("partnerships:initiative_pdf", args=[initiative.pk])).content
    )
    assert "Veera" not in pdf and "Harri" not in pdf
    record = minor.history.latest()
    changed = {row["model"] for row in record.erasure_report["changed"]}
    assert "partnerships.studentparticipant" in changed


def test_erasure_also_finds_the_student_entered_by_name_as_a_representative(
    initiative, teacher, coordinator, student
):
    participant = _add_representative(initiative, teacher, name="Iida Heikkinen", role="Iidan luokka")
    services.erase_student(student, by=coordinator, reason="request")
    participant.refresh_from_db()
    assert "Iida" not in participant.name and "Heikkinen" not in participant.name
    assert not participant.history.filter(name__contains="Heikkinen").exists()
    page = _client_for(teacher).get(initiative.get_absolute_url()).content.decode()
    assert "Heikkinen" not in page


def test_the_initiative_page_and_the_list_take_as_many_queries_for_one_student_as_for_five(
    initiative, teacher, coordinator, teacher_group
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client_for(coordinator)
    urls = [initiative.get_absolute_url(), reverse("partnerships:initiative_list")]

    def counts():
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            result.append(len(captured))
        return result

    _add_student(initiative, teacher, StudentFactory(group=teacher_group))
    one = counts()
    for index in range(4):
        withdrawn = _add_representative(initiative, teacher, name=f"Edustaja {index}")
        services.initiative_student_withdraw(participant=withdrawn, by=teacher, withdrawn_on=TODAY)
    assert counts() == one
