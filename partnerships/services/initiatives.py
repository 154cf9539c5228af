"""Co-development initiatives: every write, with the permission rule of the issue.

The owner and coordinators edit an initiative (its fields, its definition, its phase); the
other staff involved add log and evaluation entries; everyone else reads. A change of
definition (goal, need, scope) is a recorded decision that tells everyone involved, in the
portal and by e-mail."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.email import outbox_enqueue_many, outbox_message
from core.models import Institution, User

from ..models import (
    EntryKind,
    Initiative,
    InitiativeEntry,
    InitiativeNotice,
    InitiativePhase,
)
from ..models.initiatives import is_phase_jump
from ..permissions import can_edit_initiative, can_log_initiative
from .crm import apply_fields

DEFINITION_FIELDS = ("goal", "need", "scope")
M2M_FIELDS = ("checkpoints", "employers", "representatives", "staff")


def _check_edit(initiative: Initiative, by: User) -> None:
    if not can_edit_initiative(by, initiative):
        raise PermissionDenied


def _lock(initiative: Initiative) -> None:
    """Lock the row and bring the caller's object up to date, so two decisions taken at the
    same moment are recorded one after the other, each against what the other left."""
    initiative.refresh_from_db(from_queryset=Initiative.objects.select_for_update())


def _check_people(data: dict[str, Any]) -> None:
    """Representatives must work for one of the employers taking part."""
    employers = {employer.pk for employer in data.get("employers") or []}
    strangers = [
        person for person in data.get("representatives") or [] if person.employer_id not in employers
    ]
    if strangers:
        raise ValidationError(
            {
                "representatives": [
                    _("%(name)s does not work for any of the employers taking part.")
                    % {"name": strangers[0].full_name}
                ]
            }
        )


def _set_fields(initiative: Initiative, data: dict[str, Any]) -> None:
    plain = {name: value for name, value in data.items() if name not in M2M_FIELDS}
    apply_fields(initiative, plain)
    for name in M2M_FIELDS:
        if name in data:
            getattr(initiative, name).set(data[name])


@transaction.atomic
def initiative_create(*, by: User, data: dict[str, Any]) -> Initiative:
    """Any member of staff may start an initiative; they own it unless they name another owner."""
    if not by.is_teacher:
        raise PermissionDenied
    data = dict(data)
    _check_people(data)
    data.setdefault("owner", by)
    initiative = Initiative(phase=InitiativePhase.UNDERSTAND)
    _set_fields(initiative, data)
    return initiative


@transaction.atomic
def initiative_update(*, initiative: Initiative, by: User, data: dict[str, Any]) -> Initiative:
    """Edit everything but the definition and the phase, which have their own decisions."""
    _check_edit(initiative, by)
    data = {name: value for name, value in data.items() if name not in (*DEFINITION_FIELDS, "phase")}
    _check_people({"employers": initiative.employers.all(), "representatives": [], **data})
    _set_fields(initiative, data)
    return initiative


@transaction.atomic
def initiative_log(*, initiative: Initiative, by: User, data: dict[str, Any]) -> InitiativeEntry:
    """Add a dated line to the log of the current phase (interview, workshop, prototype ...)."""
    if not can_log_initiative(by, initiative):
        raise PermissionDenied
    # The phase as it is now in the database, not as the caller last saw it.
    phase = Initiative.objects.select_for_update().values_list("phase", flat=True).get(pk=initiative.pk)
    entry = InitiativeEntry(initiative=initiative, phase=phase, author=by, **data)
    entry.full_clean()
    entry.save()
    Initiative.objects.filter(pk=initiative.pk).update(updated_at=timezone.now())
    return entry


@transaction.atomic
def initiative_evaluate(
    *, initiative: Initiative, by: User, date, measured: str, result: str, text: str
) -> InitiativeEntry:
    """Continuous evaluation: what was measured, when, and what changed because of it."""
    if not measured.strip():
        raise ValidationError({"measured": [_("Say what was measured.")]})
    return initiative_log(
        initiative=initiative,
        by=by,
        data={
            "kind": EntryKind.EVALUATION,
            "date": date,
            "measured": measured,
            "result": result,
            "text": text,
        },
    )


@transaction.atomic
def initiative_change_phase(
    *, initiative: Initiative, by: User, to_phase: str, decision: str, explanation: str = ""
) -> InitiativeEntry:
    """Move to another phase, recording the decision that moves it: a phase is left only with
    its decision written down. Going back or skipping a phase is allowed (the model is agile:
    a prototype may send the team back to understanding) but must be explained; the
    explanation is kept in the log entry and its history."""
    _check_edit(initiative, by)
    _lock(initiative)
    if to_phase not in InitiativePhase.values:
        raise ValidationError({"to_phase": [_("Choose a phase.")]})
    if to_phase == initiative.phase:
        raise ValidationError({"to_phase": [_("The initiative is already in this phase.")]})
    if not decision.strip():
        raise ValidationError({"decision": [_("Record the decision that changes the phase.")]})
    jump = is_phase_jump(initiative.phase, to_phase)
    if jump and not explanation.strip():
        raise ValidationError(
            {"explanation": [_("This skips a phase or goes back: explain why the team moves this way.")]}
        )
    entry = InitiativeEntry.objects.create(
        initiative=initiative,
        phase=initiative.phase,
        kind=EntryKind.PHASE_CHANGE,
        from_phase=initiative.phase,
        to_phase=to_phase,
        text=decision.strip(),
        explanation=explanation.strip() if jump else "",
        author=by,
    )
    initiative.phase = to_phase
    initiative.save(update_fields=["phase", "updated_at"])
    return entry


@transaction.atomic
def initiative_redefine(
    *, initiative: Initiative, by: User, data: dict[str, Any], decision: str
) -> InitiativeEntry:
    """Change the goal, the need or the scope as a recorded decision, and tell everyone involved:
    staff in the portal and by e-mail, the employers' representatives by e-mail.

    A representative's opt-out covers non-essential messages (thanks, offers), not this: they
    take part in the initiative and its definition is what they agreed to work on."""
    _check_edit(initiative, by)
    _lock(initiative)
    if not decision.strip():
        raise ValidationError({"decision": [_("Record why the definition changes.")]})
    before = {name: getattr(initiative, name) for name in DEFINITION_FIELDS}
    after = {name: data[name].strip() for name in DEFINITION_FIELDS if name in data}
    changed = {name: value for name, value in after.items() if value != before[name]}
    if not changed:
        raise ValidationError(_("Nothing in the definition changed."))
    apply_fields(initiative, changed)
    entry = InitiativeEntry.objects.create(
        initiative=initiative,
        phase=initiative.phase,
        kind=EntryKind.REDEFINITION,
        text=decision.strip(),
        before={name: before[name] for name in changed},
        after=changed,
        author=by,
    )
    _notify(initiative, entry, by)
    return entry


def _notify(initiative: Initiative, entry: InitiativeEntry, by: User) -> None:
    staff = {user.pk: user for user in [initiative.owner, *initiative.staff.all()] if user.pk != by.pk}
    InitiativeNotice.objects.bulk_create(
        [InitiativeNotice(user=user, entry=entry) for user in staff.values()]
    )
    institution = Institution.current()
    recipients = [
        (f"user:{user.pk}", user.email, user.get_full_name() or user.username, user.language or "fi", True)
        for user in staff.values()
        if user.email
    ] + [
        (f"person:{person.pk}", person.email, person.full_name, person.language, False)
        for person in initiative.representatives.filter(is_active=True).exclude(email="")
    ]
    messages = [
        outbox_message(
            key=f"initiative-redefined:{entry.pk}:{key}",
            kind="initiative-redefined",
            template="initiative-redefined",
            context={
                "initiative": initiative,
                "entry": entry,
                "by": by,
                "name": name,
                "for_staff": for_staff,
                "institution": institution,
            },
            to_email=email,
            to_name=name,
            language=language,
            responsible_id=by.pk,
        )
        for key, email, name, language, for_staff in recipients
    ]
    outbox_enqueue_many(messages)


def initiative_notices_read(*, user: User, initiative: Initiative | None = None) -> int:
    """Mark the user's own notices read: those about `initiative` (opening it reads them), or
    all of them."""
    notices = InitiativeNotice.objects.filter(user=user, read_at__isnull=True)
    if initiative is not None:
        notices = notices.filter(entry__initiative=initiative)
    return notices.update(read_at=timezone.now())
