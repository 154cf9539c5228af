"""Fetching what a partner's URL names: only objects of the employer their session acts for,
404 for anything else (another employer's objects do not exist for them)."""

from django.http import Http404

from partnerships.models import ContactPerson

from ..models import PartnerSession


def _get_person_for_partner(session: PartnerSession, pk: int) -> ContactPerson:
    person = (
        ContactPerson.objects.filter(pk=pk, employer=session.employer, is_active=True)
        .select_related("employer__account_owner", "workplace")
        .first()
    )
    if person is None:
        raise Http404
    return person
