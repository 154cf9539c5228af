"""The audit trail of one employer, contact person, student, agreement or initiative, for coordinators."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.permissions import role_required

from ..history import ACTIONS
from ..models import (
    Agreement,
    CompetenceNeed,
    ContactPerson,
    Employer,
    Initiative,
    NetworkCooperation,
    NetworkOrganisation,
    PartnershipAgreement,
    Prospect,
    StaffActivity,
    Student,
    StudentParticipant,
)
from ..models.student_participants import UNNAMED
from ..permissions import can_view_history
from ..services.privacy import HISTORY_REASONS, PERSONAL

TRACKED = {
    "employer": Employer,
    "person": ContactPerson,
    "student": Student,
    "agreement": Agreement,
    "initiative": Initiative,
    "partnership_agreement": PartnershipAgreement,
    "prospect": Prospect,
    "network_organisation": NetworkOrganisation,
    "network_cooperation": NetworkCooperation,
    "competence_need": CompetenceNeed,
    "staff_activity": StaffActivity,
    "student_participant": StudentParticipant,
}
# What identifies a student taking part: hidden in their history too once the consent is
# withdrawn or the student erased (models/student_participants.py).
PARTICIPANT_IDENTITY = ("student", "name", "role", "guardian_name")


def _shown(field, value):
    """A value as people read it: a choice's label, a related object's name."""
    if value in (None, "", []):
        return "–"
    if field.many_to_many:
        # simple-history gives the through rows as dicts: {"initiative": 1, "checkpoint": 2}
        key = field.m2m_reverse_field_name()
        ids = [row[key] for row in value]
        return ", ".join(str(obj) for obj in field.related_model._default_manager.filter(pk__in=ids))
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if field.is_relation and field.related_model is not None:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if isinstance(value, bool):
        return "✓" if value else "–"
    return value


ERASURE_REASONS = set(HISTORY_REASONS.values())


def _erased_fields() -> list[str]:
    """What an erasure blanks in the student's record and every earlier version of it, by
    field name only: the values are gone (services/privacy.py)."""
    return [str(Student._meta.get_field(name).verbose_name) for name in [*PERSONAL, "student_number"]]


def history_entries(
    model, records: list, *, fields: list[str] | None = None, hidden: tuple[str, ...] = ()
) -> list[dict]:
    """Each history record of one object (newest first) with what it changed against the one
    before it: the field, before and after, as people read them. Shared with the brochures'
    text history, which passes `fields`: then the first record lists what it set in them.
    The values of `hidden` fields are not shown, only that they changed."""
    entries = []

    def shown(field, value):
        if field.name in hidden and value not in (None, ""):
            return str(UNNAMED)
        return _shown(field, value)

    for index, record in enumerate(records):
        changes = []
        previous = records[index + 1] if index + 1 < len(records) else None
        if fields and record.history_type == "+":
            for name in fields:
                field = model._meta.get_field(name)
                if getattr(record, name):
                    changes.append(
                        {"field": field.verbose_name, "old": "–", "new": shown(field, getattr(record, name))}
                    )
        if previous is not None and record.history_type == "~":
            for change in record.diff_against(previous, included_fields=fields).changes:
                field = model._meta.get_field(change.field)
                old, new = shown(field, change.old), shown(field, change.new)
                changes.append({"field": field.verbose_name, "old": old, "new": new})
        entry = {"record": record, "action": ACTIONS[record.history_type], "changes": changes}
        if model is Student and record.history_change_reason in ERASURE_REASONS:
            entry["erased_fields"] = _erased_fields()
        entries.append(entry)
    return entries


@require_GET
@role_required(can_view_history)
def history(request, kind, pk):
    model = TRACKED.get(kind)
    if model is None:
        raise Http404
    records = list(
        model.history.filter(id=pk).select_related("history_user").order_by("-history_date", "-history_id")
    )
    if not records:
        raise Http404
    current = model._default_manager.filter(pk=pk).first()
    hidden = ()
    if model is StudentParticipant and (current is None or not current.in_force or current.is_anonymous):
        hidden = PARTICIPANT_IDENTITY
    entries = history_entries(model, records, hidden=hidden)
    context = {
        "entries": entries,
        "name": str(current or records[0]),
        "current": current,
        "kind": kind,
        "erased": getattr(current, "is_erased", False),
    }
    return render(request, "partnerships/history.html", context)
