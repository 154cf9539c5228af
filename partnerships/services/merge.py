"""Duplicate employers: the merge of two into one (finding them: selectors/duplicates.py)."""

from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.models import User

from ..models import Employer

FILLED_FROM_THE_OTHER = (
    "business_id",
    "sector",
    "website",
    "account_owner",
    "main_contact",
)


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
