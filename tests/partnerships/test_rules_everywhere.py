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
    html = teacher_client.post(reverse("partnerships:agreement_create"), post).content.decode()
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


# Status changes and checkpoint items: the same rules in the service, the form and the admin.


def _admin_post(client, url) -> dict:
    """What the admin's change form posts back unchanged: its fields and its inlines."""
    response = client.get(url)
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for subform in formset.forms:
            for name in subform.fields:
                value = subform[name].value()
                if value not in (None, False):
                    data[subform.add_prefix(name)] = "on" if value is True else value
    return data


@pytest.fixture
def admin_client(client, coordinator):
    coordinator.is_staff = coordinator.is_superuser = True
    coordinator.save()
    client.force_login(coordinator)
    return client


@pytest.fixture
def draft(setting):
    return services.agreement_create(
        by=setting["teacher"], data=valid_data(setting, "training"), periods=[period(setting)]
    )


def test_a_draft_cannot_end_early_through_the_service_or_the_admin(draft, setting, admin_client):
    with pytest.raises(ValidationError) as excinfo:
        services.agreement_change_status(
            agreement=draft, by=setting["teacher"], status="ended_early", ended_on=START, end_reason="x"
        )
    message = excinfo.value.message_dict["status"][0]
    assert "cannot go from" in message

    url = reverse("admin:partnerships_agreement_change", args=[draft.pk])
    post = _admin_post(admin_client, url) | {
        "status": "ended_early",
        "ended_on": START.isoformat(),
        "end_reason": "Työpaikka lopetti toimintansa.",
    }
    html = admin_client.post(url, post).content.decode()
    assert escape(message) in html
    assert Agreement.objects.get(pk=draft.pk).status == "draft"


def test_a_signed_agreement_ends_early_in_the_admin_as_in_the_service(draft, setting, admin_client):
    Agreement.objects.filter(pk=draft.pk).update(
        status="signed", provider_signed_on=START, employer_signed_on=START, student_informed_on=START
    )
    url = reverse("admin:partnerships_agreement_change", args=[draft.pk])
    post = _admin_post(admin_client, url) | {
        "status": "ended_early",
        "ended_on": START.isoformat(),
        "end_reason": "Työpaikka lopetti toimintansa.",
    }
    response = admin_client.post(url, post)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Agreement.objects.get(pk=draft.pk).status == "ended_early"


def test_a_new_agreement_in_the_admin_starts_as_a_draft(setting, admin_client, draft):
    url = reverse("admin:partnerships_agreement_add")
    post = _admin_post(admin_client, reverse("admin:partnerships_agreement_change", args=[draft.pk]))
    post.update({"status": "signed", "work_periods-INITIAL_FORMS": "0", "work_periods-TOTAL_FORMS": "0"})
    html = admin_client.post(url, post).content.decode()
    assert "starts as a draft" in html
    assert Agreement.objects.count() == 1


def test_an_unknown_status_is_a_validation_error_not_a_value_error(draft, setting, teacher_client):
    with pytest.raises(ValidationError) as excinfo:
        services.agreement_change_status(agreement=draft, by=setting["teacher"], status="archived")
    assert "not a status" in excinfo.value.message_dict["status"][0]

    response = teacher_client.post(
        reverse("partnerships:agreement_status", args=[draft.pk]), {"status": "archived"}, follow=True
    )
    assert response.status_code == 200
    assert Agreement.objects.get(pk=draft.pk).status == "draft"


def test_a_checkpoint_item_cannot_be_done_on_a_future_date(draft, setting, teacher_client, admin_client):
    from django.utils import timezone

    from partnerships.models import AgreementItem

    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        services.agreement_item_record(
            agreement=draft, by=setting["teacher"], kind="readiness", done_on=tomorrow
        )
    message = excinfo.value.message_dict["done_on"][0]
    assert "future date" in message

    response = teacher_client.post(
        reverse("partnerships:agreement_item", args=[draft.pk]),
        {"kind": "readiness", "done_on": tomorrow.isoformat()},
        follow=True,
    )
    assert escape(message) in response.content.decode()
    assert not AgreementItem.objects.exists()

    url = reverse("admin:partnerships_agreementitem_add")
    html = admin_client.post(
        url, {"agreement": draft.pk, "kind": "readiness", "done_on": tomorrow.isoformat()}
    ).content.decode()
    assert escape(message) in html
    assert not AgreementItem.objects.exists()

    # Today is the nearest day that is accepted, everywhere.
    services.agreement_item_record(agreement=draft, by=setting["teacher"], kind="readiness", done_on=today)
    admin_client.post(url, {"agreement": draft.pk, "kind": "planning", "done_on": today.isoformat()})
    assert set(AgreementItem.objects.values_list("kind", flat=True)) == {"readiness", "planning"}
