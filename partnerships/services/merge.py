"""Duplicate employers: find them, and merge two into one."""

from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from core.models import User

from ..models import Employer, Workplace
from ..validators import normal_name

FILLED_FROM_THE_OTHER = (
    "business_id",
    "sector",
    "website",
    "account_owner",
    "main_contact",
)


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


@transaction.atomic
def employer_merge(*, keep: Employer, remove: Employer, by: User) -> Employer:
    """Move everything of `remove` to `keep` (workplaces with their agreements, contacts,
    people, levels, and any later relation), fill `keep`'s blank fields from it, delete it,
    and record the merge in the audit trail. Each moved row is saved on its own, so that
    every change leaves its history."""
    if keep.pk == remove.pk:
        raise ValidationError(_("Choose two different employers."))
    if keep.business_id and remove.business_id and keep.business_id != remove.business_id:
        raise ValidationError(_("These employers have different business IDs: they are two companies."))
    keep = Employer.objects.select_for_update().get(pk=keep.pk)
    remove = Employer.objects.select_for_update().get(pk=remove.pk)
    moved = {}
    for relation in Employer._meta.related_objects:
        name = relation.field.name
        if relation.one_to_many:
            rows = list(relation.related_model.objects.filter(**{name: remove}))
            for row in rows:
                setattr(row, name, keep)
                row.save(update_fields=[name])
        elif relation.many_to_many:
            rows = list(relation.related_model.objects.filter(**{name: remove}))
            for row in rows:
                getattr(row, name).remove(remove)
                getattr(row, name).add(keep)
        else:
            continue
        moved[str(relation.related_model._meta.verbose_name_plural)] = len(rows)
    business_id = remove.business_id
    for field in FILLED_FROM_THE_OTHER:
        if not getattr(keep, field) and getattr(remove, field):
            setattr(keep, field, getattr(remove, field))
    if remove.notes:
        keep.notes = "\n\n".join(part for part in (keep.notes, remove.notes) if part)[:5000]
    remove_repr, remove_pk = str(remove), remove.pk
    remove.business_id = None  # frees the unique Y-tunnus for `keep`
    remove.main_contact = None
    remove.save(update_fields=["business_id", "main_contact"])
    remove.delete()
    if not keep.business_id and business_id:
        keep.business_id = business_id
    keep.full_clean()
    keep.save()
    summary = ", ".join(f"{name}: {count}" for name, count in moved.items() if count)
    message = _("Merged %(other)s (id %(id)s) into this employer; moved %(moved)s.") % {
        "other": remove_repr,
        "id": remove_pk,
        "moved": summary or "–",
    }
    content_type = ContentType.objects.get_for_model(Employer)
    LogEntry.objects.create(
        user_id=by.pk,
        content_type_id=content_type.pk,
        object_id=str(keep.pk),
        object_repr=str(keep)[:200],
        action_flag=CHANGE,
        change_message=message,
    )
    LogEntry.objects.create(
        user_id=by.pk,
        content_type_id=content_type.pk,
        object_id=str(remove_pk),
        object_repr=remove_repr[:200],
        action_flag=DELETION,
        change_message=_("Merged into %(name)s (id %(id)s).") % {"name": keep, "id": keep.pk},
    )
    return keep
