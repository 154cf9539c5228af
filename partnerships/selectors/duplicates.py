"""Duplicate employers: which ones look like the same company (the merge is in services/merge.py)."""

from django.db.models import Q

from ..models import Employer, Workplace
from ..validators import normal_name


def possible_duplicates() -> list[list[Employer]]:
    """Groups of employers with the same normalised name (case, spaces, punctuation and words
    such as Oy or Ab aside) and a workplace in the same municipality, where at most one of
    them has a Y-tunnus (two different Y-tunnus are two companies)."""
    employers = {e.pk: e for e in Employer.objects.select_related("account_owner")}
    groups: dict[tuple, set[int]] = {}
    for workplace in Workplace.objects.values("employer_id", "municipality"):
        employer = employers[workplace["employer_id"]]
        key = (normal_name(employer.name), workplace["municipality"].casefold())
        groups.setdefault(key, set()).add(employer.pk)
    result, seen = [], set()
    for members in groups.values():
        ids = frozenset(members)
        if len(ids) < 2 or ids in seen:
            continue
        seen.add(ids)
        group = sorted((employers[pk] for pk in ids), key=lambda e: (e.business_id is None, e.pk))
        if len({e.business_id for e in group if e.business_id}) <= 1:
            result.append(group)
    return sorted(result, key=lambda group: group[0].name.casefold())


def employers_like(*, name: str, municipality: str, business_id: str = "") -> list[Employer]:
    """The existing employers that a new one would duplicate, by the rule above: the same
    Y-tunnus, or the same normalised name with a workplace in the same municipality and no
    different Y-tunnus. Two queries: the candidates are the employers in that municipality."""
    key = normal_name(name)
    ids = {
        employer_id
        for employer_id, employer_name in Workplace.objects.filter(
            municipality__iexact=municipality.strip()
        ).values_list("employer_id", "employer__name")
        if normal_name(employer_name) == key
    }
    found = Employer.objects.filter(pk__in=ids)
    if business_id:
        found = found.filter(Q(business_id__isnull=True) | Q(business_id=business_id))
        found = found | Employer.objects.filter(business_id=business_id)
    return list(found.distinct().order_by("name", "pk"))


def merge_counts(employer: Employer) -> dict[str, int]:
    return {
        relation.related_model._meta.verbose_name_plural: relation.related_model.objects.filter(
            **{relation.field.name: employer}
        ).count()
        for relation in Employer._meta.related_objects
        if relation.one_to_many
    }
