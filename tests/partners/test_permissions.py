"""The partner namespace's permission matrix: every URL of `partners:`, requested as a partner
of employer A, a partner of employer B, a member of staff who is A's account owner
(`staff`), a teacher who owns another employer and not A (`staff_other`) and an anonymous
visitor.

A URL of the namespace missing from EXPECTED fails the suite. The objects in the URLs belong
to employer A, so the partner of B stands for "another employer's partner" and `staff_other`
for "a teacher who is not the account owner".
"""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from core.email import outbox_deliver
from core.models import OutboxMessage

from ..factories import ContactPersonFactory, EmployerFactory

ROLES = ("partner_a", "partner_b", "staff", "staff_other", "anonymous")
START = "partners:start"
LOGIN = "login"
EMPLOYER = "partnerships:employer_detail"  # of employer A

# name: (method, {role: status, or (302, the URL name redirected to)})
EXPECTED = {
    "partners:start": (
        "GET",
        {
            "partner_a": (302, "partners:home"),
            "partner_b": (302, "partners:home"),
            "staff": 200,
            "staff_other": 200,
            "anonymous": 200,
        },
    ),
    "partners:sent": ("GET", dict.fromkeys(ROLES, 200)),
    # The link works for whoever holds it (the GET only shows the sign-in button).
    "partners:link": ("GET", dict.fromkeys(ROLES, 200)),
    "partners:choose": (
        "GET",
        {
            "partner_a": 200,
            "partner_b": 200,
            "staff": (302, START),
            "staff_other": (302, START),
            "anonymous": (302, START),
        },
    ),
    "partners:home": (
        "GET",
        {
            "partner_a": 200,
            "partner_b": 200,
            "staff": (302, START),
            "staff_other": (302, START),
            "anonymous": (302, START),
        },
    ),
    # Another employer's person does not exist for the partner of B.
    "partners:person_correct": (
        "GET",
        {
            "partner_a": 200,
            "partner_b": 404,
            "staff": (302, START),
            "staff_other": (302, START),
            "anonymous": (302, START),
        },
    ),
    "partners:work_periods": (
        "GET",
        {
            "partner_a": 200,
            "partner_b": 200,
            "staff": (302, START),
            "staff_other": (302, START),
            "anonymous": (302, START),
        },
    ),
    "partners:demonstrations_ics": (
        "GET",
        {
            "partner_a": 200,
            "partner_b": 200,
            "staff": (302, START),
            "staff_other": (302, START),
            "anonymous": (302, START),
        },
    ),
    "partners:feedback": (
        "GET",
        {
            "partner_a": 200,
            "partner_b": 200,
            "staff": (302, START),
            "staff_other": (302, START),
            "anonymous": (302, START),
        },
    ),
    "partners:partnership": (
        "GET",
        {
            "partner_a": 200,
            "partner_b": 200,
            "staff": (302, START),
            "staff_other": (302, START),
            "anonymous": (302, START),
        },
    ),
    "partners:contact_request": (
        "GET",
        {
            "partner_a": 200,
            "partner_b": 200,
            "staff": (302, START),
            "staff_other": (302, START),
            "anonymous": (302, START),
        },
    ),
    "partners:instructor_add": (
        "GET",
        {
            "partner_a": 200,
            "partner_b": 200,
            "staff": (302, START),
            "staff_other": (302, START),
            "anonymous": (302, START),
        },
    ),
    "partners:person_left": (
        "POST",
        {
            "partner_a": (302, "partners:home"),
            "partner_b": 404,
            "staff": (302, START),
            "staff_other": (302, START),
            "anonymous": (302, START),
        },
    ),
    # Every member of staff has the page; it lists only the changes they may decide (below).
    "partners:change_list": (
        "GET",
        {
            "partner_a": (302, LOGIN),
            "partner_b": (302, LOGIN),
            "staff": 200,
            "staff_other": 200,
            "anonymous": (302, LOGIN),
        },
    ),
    # The change is A's: its account owner decides, another teacher may not.
    "partners:change_decide": (
        "POST",
        {
            "partner_a": (302, LOGIN),
            "partner_b": (302, LOGIN),
            "staff": (302, "partners:change_list"),
            "staff_other": 403,
            "anonymous": (302, LOGIN),
        },
    ),
    "partners:sign_out": ("POST", {"partner_a": (302, START), "partner_b": (302, START)}),
    # Staff only: partners and visitors are sent to the staff sign-in.
    # Every member of staff keeps employers up to date (partnerships.permissions.can_edit_employer),
    # so a teacher who is not the account owner may send a link too: back to the employer's page.
    "partners:person_send_link": (
        "POST",
        {
            "partner_a": (302, LOGIN),
            "partner_b": (302, LOGIN),
            "staff": (302, EMPLOYER),
            "staff_other": (302, EMPLOYER),
            "anonymous": (302, LOGIN),
        },
    ),
}
# The sign-out needs no session: without one it lands on the start page too.
EXPECTED["partners:sign_out"][1].update(
    {"staff": (302, START), "staff_other": (302, START), "anonymous": (302, START)}
)


def _partner_url_names() -> set[str]:
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace == "partners":
            return {f"partners:{p.name}" for p in pattern.url_patterns if p.name}
    return set()


def test_every_partner_url_is_in_the_matrix():
    assert _partner_url_names() == set(EXPECTED)


def _signed_in(email: str) -> Client:
    client = Client(headers={"Accept-Language": "en"})
    client.post(reverse("partners:start"), {"email": email})
    message = OutboxMessage.objects.filter(kind="partner-sign-in", to_email=email).latest("pk")
    assert outbox_deliver(message.pk) == "sent"
    path = re.search(r"(/kumppani/kirjaudu/[^/\s]+/)", mail.outbox[-1].body).group(1)
    assert client.post(path).status_code == 302
    return client


@pytest.fixture
def world(db, teacher, other_teacher):
    person_a = ContactPersonFactory(
        employer=EmployerFactory(name="A Oy", account_owner=teacher), email="a@a.example"
    )
    person_b = ContactPersonFactory(employer=EmployerFactory(name="B Oy"), email="b@b.example")
    staff = Client(headers={"Accept-Language": "en"})
    staff.force_login(teacher)
    # A teacher with an employer of their own, who is not A's account owner.
    EmployerFactory(name="C Oy", account_owner=other_teacher)
    staff_other = Client(headers={"Accept-Language": "en"})
    staff_other.force_login(other_teacher)
    clients = {
        "partner_a": _signed_in(person_a.email),
        "partner_b": _signed_in(person_b.email),
        "staff": staff,
        "staff_other": staff_other,
        "anonymous": Client(headers={"Accept-Language": "en"}),
    }
    return {"person_a": person_a, "clients": clients}


def _url(name: str, world) -> str:
    if name == "partners:link":
        # A fresh, unused link for A's address, for each request.
        Client().post(
            reverse("partners:start"), {"email": world["person_a"].email}, REMOTE_ADDR="198.51.100.7"
        )
        message = OutboxMessage.objects.filter(kind="partner-sign-in", status="pending").latest("pk")
        outbox_deliver(message.pk)
        return re.search(r"(/kumppani/kirjaudu/[^/\s]+/)", mail.outbox[-1].body).group(1)
    if name == "partners:change_decide":
        from partners.models import PartnerChange

        change = PartnerChange.objects.create(
            employer=world["person_a"].employer,
            kind="new_instructor",
            first_name="U",
            requested_by="a@a.example",
        )
        return reverse(name, args=[change.pk])
    if name in ("partners:person_send_link", "partners:person_correct", "partners:person_left"):
        return reverse(name, args=[world["person_a"].pk])
    return reverse(name)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_partner_url_answers_each_role_as_the_matrix_says(name, role, world):
    method, expected = EXPECTED[name]
    client = world["clients"][role]
    url = _url(name, world)
    response = client.post(url) if method == "POST" else client.get(url)
    want = expected[role]
    if isinstance(want, tuple):
        status, target = want
        assert response.status_code == status, (name, role)
        args = [world["person_a"].employer_id] if target == EMPLOYER else []
        assert response["Location"].startswith(reverse(target, args=args)), (name, role, response["Location"])
    else:
        assert response.status_code == want, (name, role)


@pytest.mark.django_db
def test_a_partner_cannot_correct_another_employers_person(world):
    person_a = world["person_a"]
    url = reverse("partners:person_correct", args=[person_a.pk])
    response = world["clients"]["partner_b"].post(url, {"title": "x", "email": "x@x.example", "phone": ""})
    assert response.status_code == 404
    person_a.refresh_from_db()
    assert (person_a.title, person_a.email) == ("", "a@a.example")


@pytest.mark.django_db
def test_each_partner_sees_only_their_own_employer(world):
    page_a = world["clients"]["partner_a"].get(reverse("partners:home")).content.decode()
    page_b = world["clients"]["partner_b"].get(reverse("partners:home")).content.decode()
    assert "A Oy" in page_a and "B Oy" not in page_a and "a@a.example" in page_a
    assert "B Oy" in page_b and "A Oy" not in page_b and "a@a.example" not in page_b


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(n for n, (method, _roles) in EXPECTED.items() if method == "GET"))
def test_partner_pages_refuse_methods_they_do_not_take(name, world):
    client = world["clients"]["partner_a"]
    url = _url(name, world)
    allowed = {
        "partners:start",
        "partners:link",
        "partners:choose",
        "partners:person_correct",
        "partners:instructor_add",
        "partners:contact_request",
    }
    response = client.delete(url)
    assert response.status_code == 405
    if name not in allowed:
        assert client.post(url).status_code == 405


def _change_of_a(world):
    from partners.models import PartnerChange

    return PartnerChange.objects.create(
        employer=world["person_a"].employer,
        kind="new_instructor",
        first_name="Uusi",
        last_name="Ohjaaja",
        requested_by="a@a.example",
    )


@pytest.mark.django_db
def test_only_the_account_owner_sees_and_decides_a_change_and_a_refusal_changes_nothing(world):
    from partners.models import PartnerChange

    change = _change_of_a(world)
    clients = world["clients"]
    assert "Uusi Ohjaaja" not in clients["staff_other"].get(reverse("partners:change_list")).content.decode()
    assert "Uusi Ohjaaja" in clients["staff"].get(reverse("partners:change_list")).content.decode()

    decide = reverse("partners:change_decide", args=[change.pk])
    assert clients["staff_other"].post(decide, {"decision": "confirm"}).status_code == 403
    change.refresh_from_db()
    assert (change.status, change.decided_by) == ("pending", None)
    assert not world["person_a"].employer.people.filter(first_name="Uusi").exists()

    assert clients["staff"].post(decide, {"decision": "confirm"}).status_code == 302
    change.refresh_from_db()
    assert change.status == "confirmed"
    assert PartnerChange.objects.get(pk=change.pk).decided_by.username == "teacher"


@pytest.mark.django_db
def test_a_coordinator_decides_any_employers_change(world, coordinator_client):
    change = _change_of_a(world)
    assert "Uusi Ohjaaja" in coordinator_client.get(reverse("partners:change_list")).content.decode()
    response = coordinator_client.post(
        reverse("partners:change_decide", args=[change.pk]), {"decision": "reject"}
    )
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.status == "rejected"


@pytest.mark.django_db
def test_any_teacher_may_send_a_link_and_it_is_queued_in_their_name(world, other_teacher):
    person_a = world["person_a"]
    response = world["clients"]["staff_other"].post(reverse("partners:person_send_link", args=[person_a.pk]))
    assert response.status_code == 302
    message = OutboxMessage.objects.filter(kind="partner-sign-in", to_email=person_a.email).latest("pk")
    assert message.responsible == other_teacher
    # A partner cannot send one, whoever's person it is.
    before = OutboxMessage.objects.count()
    world["clients"]["partner_a"].post(reverse("partners:person_send_link", args=[person_a.pk]))
    assert OutboxMessage.objects.count() == before
