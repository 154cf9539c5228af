"""Read-only queries of the partner pages. Who a partner is comes from here alone: the people
with the address they proved, active, at an active employer."""

from django.db.models import Exists, OuterRef

from partnerships.models import ContactPerson, Employer


def people_with_address(email: str):
    return ContactPerson.objects.filter(
        email__iexact=email.strip(), is_active=True, employer__is_active=True
    ).exclude(email="")


def employers_for_address(email: str):
    """The employers a partner signed in with `email` may act for."""
    people = people_with_address(email).filter(employer=OuterRef("pk"))
    return Employer.objects.filter(Exists(people)).order_by("name")
