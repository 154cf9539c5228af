"""The same invalid agreement is refused with the same message through the service, the
portal's form and the Django admin."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from partnerships import services
from partnerships.models import Agreement

from ..factories import ContactPersonFactory, EmployerFactory, QualificationUnitFactory, StudentFactory

START = datetime.date(2027, 1, 11)
FIELDS_THE_FORM_DOES_NOT_OFFER = {"training": ("wage_confirmed", "is_entrepreneur")}

# (name, type, changes, field, words of the message)
CASES = [
    ("hours under 25", "apprenticeship", {"hours_per_week": Decimal(20)}, "hours_per_week", "at least 25"),
    ("hours missing", "apprenticeship", {"hours_per_week": None}, "hours_per_week", "average working hours"),
    (
        "wage not confirmed",
        "apprenticeship",
        {"wage_confirmed": False},
        "wage_confirmed",
        "apprentice is employed",
    ),
    ("wage on training", "training", {"wage_confirmed": True}, "wage_confirmed", "gets no wage"),
    (
        "compensation on training",
        "training",
        {"training_compensation": Decimal(100)},
        "training_compensation",
        "No training compensation",
    ),
    (
        "special support without reason",
        "training",
        {"special_support": True, "training_compensation": Decimal(100)},
        "special_support_reason",
        "Record the reason",
    ),
    ("days over 5", "training", {"days_per_week": Decimal(6)}, "days_outside_guidance_confirmed", "1–5 days"),
    ("entrepreneur training", "training", {"is_entrepreneur": True}, "is_entrepreneur", "entrepreneur"),
    ("minor", "training", {"_born": START.replace(year=2010)}, "young_workers_considered", "under 18"),
    ("no birth date", "apprenticeship", {"_born": None}, "age_confirmed", "at least 15"),
    (
        "foreign instructor",
        "training",
        {"_foreign_instructor": True},
        "instructor",
        "must work for the employer",
    ),
]


@pytest.fixture
def setting(teacher, teacher_group):
    employer = EmployerFactory()
    return {
        "student": StudentFactory(group=teacher_group, date_of_birth=datetime.date(2000, 1, 1)),
        "workplace": employer.workplaces.get(),
        "instructor": ContactPersonFactory(employer=employer),
        "unit": QualificationUnitFactory(),
        "teacher": teacher,
    }


def valid_data(setting, kind):
    data = {
        "type": kind,
        "student": setting["student"],
        "workplace": setting["workplace"],
        "instructor": setting["instructor"],
        "responsible_teacher": setting["teacher"],
        "hoks_reference": "HOKS-9",
    }
    if kind == "apprenticeship":
        data.update(hours_per_week=Decimal(30), wage_confirmed=True)
    else:
        data.update(days_per_week=Decimal(3))
    return data


def broken(setting, kind, changes):
    data = valid_data(setting, kind)
    for key, value in changes.items():
        if key == "_born":
            setting["student"].date_of_birth = value
            setting["student"].save()
        elif key == "_foreign_instructor":
            data["instructor"] = ContactPersonFactory()
        else:
            data[key] = value
    return data


def period(setting):
    return {
        "unit": setting["unit"],
        "start": START,
        "end": START + datetime.timedelta(days=60),
        "part_time_percent": 100,
    }


def message_for(errors: dict, field: str, words: str) -> str:
    messages = [m for m in errors.get(field, []) + errors.get("__all__", []) if words in m]
    assert messages, errors
    return messages[0]


@pytest.mark.parametrize("name, kind, changes, field, words", CASES, ids=[c[0] for c in CASES])
def test_the_service_the_form_and_the_admin_refuse_with_the_same_message(
    name, kind, changes, field, words, setting, teacher_client, client, coordinator
):
    data = broken(setting, kind, changes)

    # 1. The service.
    with pytest.raises(ValidationError) as excinfo:
        services.agreement_create(by=setting["teacher"], data=data, periods=[period(setting)])
    service_message = message_for(excinfo.value.message_dict, field, words)

    # 2. The portal's form.
    post = {
        key: (value.pk if hasattr(value, "pk") else ("on" if value is True else value))
        for key, value in data.items()
        if value not in (None, False)
    }
    post.update(
        {
            "periods-TOTAL_FORMS": "1",
            "periods-INITIAL_FORMS": "0",
            "periods-0-unit": setting["unit"].pk,
            "periods-0-start": START.isoformat(),
            "periods-0-end": (START + datetime.timedelta(days=60)).isoformat(),
            "periods-0-part_time_percent": "100",
        }
    )
    html = teacher_client.post(reverse("agreement_create"), post).content.decode()
    if field in FIELDS_THE_FORM_DOES_NOT_OFFER.get(kind, ()):
        # The form shows only the fields of its type and clears the others: it cannot make
        # this mistake at all.
        saved = Agreement.objects.get()
        assert getattr(saved, field) in (False, None)
        saved.delete()
    else:
        assert Agreement.objects.count() == 0
        assert escape(service_message) in html

    # 3. The admin, changing a valid agreement into the broken one.
    valid = services.agreement_create(
        by=setting["teacher"],
        data=valid_data(setting, kind) | _fixups(kind, changes),
        periods=[period(setting)],
    )
    coordinator.is_staff = coordinator.is_superuser = True
    coordinator.save()
    client.force_login(coordinator)
    admin_post = {
        **post,
        "status": "draft",
        "created_by": setting["teacher"].pk,
        "responsible_teacher": setting["teacher"].pk,
    }
    for key in list(admin_post):
        if key.startswith("periods-"):
            del admin_post[key]
    admin_post.update(
        {
            "work_periods-TOTAL_FORMS": "0",
            "work_periods-INITIAL_FORMS": "0",
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
        }
    )
    html = client.post(
        reverse("admin:partnerships_agreement_change", args=[valid.pk]), admin_post
    ).content.decode()
    assert escape(service_message) in html
    assert Agreement.objects.get(pk=valid.pk).hoks_reference == "HOKS-9"


def _fixups(kind, changes) -> dict:
    """What a valid agreement needs when the student's own data is what breaks the rule."""
    if "_born" in changes:
        return {"young_workers_considered": True, "age_confirmed": True}
    return {}
