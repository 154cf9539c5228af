"""Recording staff in working life: a member of staff records their own, a coordinator anyone's;
the dates and the other party are checked; the history keeps every version."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from partnerships import services
from partnerships.models import StaffActivity

from ...factories import EmployerFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 9, 14)


def record(by, **data):
    return services.staff_activity_create(
        by=by,
        data={
            "kind": "work_period",
            "title": "Kaksi viikkoa lämpöpumppuasennuksissa",
            "organisation_name": "Savon Lämpö Oy",
            "starts_on": DAY,
            "ends_on": DAY + datetime.timedelta(days=9),
            **data,
        },
    )


def test_a_teacher_records_their_own_period_in_their_unit(teacher):
    teacher.unit = UnitFactory(name="Kuopion kampus")
    teacher.save()
    period = record(teacher)
    assert period.staff_member == teacher and period.created_by == teacher
    assert period.unit.name == "Kuopion kampus" and period.days == 10


def test_a_teacher_cannot_record_an_activity_for_a_colleague(teacher, other_teacher):
    with pytest.raises(ValidationError) as error:
        record(teacher, staff_member=other_teacher)
    assert "staff_member" in error.value.message_dict
    assert not StaffActivity.objects.exists()


def test_a_coordinator_records_a_forum_for_a_teacher_and_keeps_the_unit_of_the_time(coordinator, teacher):
    old, new = UnitFactory(name="Iisalmen kampus"), UnitFactory(name="Kuopion kampus")
    teacher.unit = old
    teacher.save()
    forum = record(coordinator, staff_member=teacher, kind="forum", title="Rakennusalan foorumi", ends_on=DAY)
    assert forum.staff_member == teacher and forum.created_by == coordinator and forum.unit == old
    teacher.unit = new
    teacher.save()
    services.staff_activity_update(
        activity=forum, by=coordinator, data={"title": "Rakennusalan työelämäfoorumi"}
    )
    forum.refresh_from_db()
    assert forum.unit == old
    assert [h.title for h in forum.history.order_by("history_id")] == [
        "Rakennusalan foorumi",
        "Rakennusalan työelämäfoorumi",
    ]


def test_only_the_staff_member_and_coordinators_edit_an_activity(teacher, other_teacher, coordinator):
    period = record(teacher)
    with pytest.raises(PermissionDenied):
        services.staff_activity_update(activity=period, by=other_teacher, data={"title": "Muu"})
    services.staff_activity_update(activity=period, by=teacher, data={"title": "Oma"})
    services.staff_activity_update(activity=period, by=coordinator, data={"title": "Koordinaattorin"})
    period.refresh_from_db()
    assert period.title == "Koordinaattorin"


def test_someone_without_a_staff_role_records_nothing(db):
    with pytest.raises(PermissionDenied):
        record(UserFactory(username="outsider"))


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"ends_on": DAY - datetime.timedelta(days=1)}, "ends_on"),
        ({"ends_on": DAY + datetime.timedelta(days=400)}, "ends_on"),
        ({"kind": "development_day", "ends_on": DAY + datetime.timedelta(days=4)}, "ends_on"),
        ({"organisation_name": "", "employer": None}, "employer"),
        (
            {"starts_on": DAY + datetime.timedelta(days=800), "ends_on": DAY + datetime.timedelta(days=801)},
            "starts_on",
        ),
        ({"kind": "sabbatical"}, "kind"),
    ],
)
def test_bad_input_is_refused_with_the_field_named(teacher, data, field):
    with pytest.raises(ValidationError) as error:
        record(teacher, **data)
    assert field in error.value.message_dict
    assert not StaffActivity.objects.exists()


def test_a_period_with_an_employer_needs_no_other_organisation(teacher):
    employer = EmployerFactory(name="Savon Lämpö Oy")
    period = record(teacher, employer=employer, organisation_name="")
    assert period.with_whom == "Savon Lämpö Oy"
