"""Thanks to the workplace after a completed agreement (checkpoint 8), and opting out."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from core.email import outbox_enqueue_many, outbox_message
from core.models import Institution, Lock, User

from ..history import record_change
from ..models import (
    Agreement,
    AgreementItem,
    AgreementStatus,
    ContactPerson,
    ItemKind,
    ThankYou,
    ThankYouStatus,
)
from ..permissions import can_send_thanks
from ..selectors.overdue import with_agreement_dates

# Agreements completed within this many days are thanked (older ones are left alone).
THANK_WITHIN_DAYS = 30


def thanks_recipients(agreement: Agreement) -> list[ContactPerson]:
    """The employer's main contact and the instructor, each once, with an e-mail address, not
    opted out of non-essential messages."""
    people = [agreement.workplace.employer.main_contact, agreement.instructor]
    seen, found = set(), []
    for person in people:
        if person and person.email and not person.opted_out_at and person.pk not in seen:
            seen.add(person.pk)
            found.append(person)
    return found


def thanks_outbox_prefix(agreement: Agreement) -> str:
    """Every outbox key of an agreement's thank-yous starts with this (one per recipient)."""
    return f"thanks:{agreement.pk}:"


def _messages(thank_you: ThankYou, institution: Institution) -> list[dict]:
    agreement = thank_you.agreement
    return [
        outbox_message(
            key=f"{thanks_outbox_prefix(agreement)}{person.pk}",
            kind="thanks",
            template="thanks",
            context={
                "person": person,
                "agreement": agreement,
                "student": agreement.student.first_name,
                "note": thank_you.personal_note,
                "teacher": agreement.responsible_teacher,
                "opt_out": settings.KUMPPANI_BASE_URL
                + reverse("partnerships:opt_out", args=[person.opt_out_token]),
                "institution": institution,
            },
            to_email=person.email,
            to_name=person.full_name,
            language=person.language,
            responsible_id=agreement.responsible_teacher_id,
        )
        for person in thanks_recipients(agreement)
    ]


def _drafts():
    return ThankYou.objects.filter(status=ThankYouStatus.DRAFT).select_related(
        "agreement__student",
        "agreement__instructor",
        "agreement__responsible_teacher",
        "agreement__workplace__employer__main_contact",
    )


def thanks_pending_build(*, limit: int = 20) -> tuple[int, list[tuple[ThankYou, list[dict]]]]:
    """The thank-yous waiting to be sent and, for the first `limit`, the messages each would
    send as it stands (without the teacher's own line, which they add when sending)."""
    drafts = _drafts()
    institution = Institution.current()
    return drafts.count(), [(t, _messages(t, institution)) for t in drafts[:limit]]


def _mark_sent(thank_yous: list[ThankYou], by: User | None) -> None:
    now = timezone.now()
    ThankYou.objects.filter(pk__in=[t.pk for t in thank_yous]).update(
        status=ThankYouStatus.SENT, sent_at=now, sent_by=by
    )
    # Thanking settles the agreement's checkpoint 8 item, unless it was already recorded.
    AgreementItem.objects.bulk_create(
        [
            AgreementItem(
                agreement_id=t.agreement_id,
                kind=ItemKind.THANKS,
                done_on=now.date(),
                done_by=by or t.agreement.responsible_teacher,
            )
            for t in thank_yous
        ],
        ignore_conflicts=True,
    )


def thanks_prepare(today: datetime.date | None = None) -> int:
    """Prepare a thank-you for every agreement completed lately; send it at once when the
    institution wants that. Set-based, and safe to run twice (one per agreement, a lock)."""
    today = today or timezone.localdate()
    institution = Institution.current()
    with transaction.atomic():
        Lock.acquire("thanks")
        thanked = ThankYou.objects.filter(agreement=OuterRef("pk"))
        completed = list(
            with_agreement_dates(Agreement.objects.filter(status=AgreementStatus.SIGNED))
            .filter(last_day__lt=today, last_day__gte=today - datetime.timedelta(days=THANK_WITHIN_DAYS))
            .exclude(Exists(thanked))
            .values_list("pk", flat=True)
        )
        ThankYou.objects.bulk_create([ThankYou(agreement_id=pk) for pk in completed], ignore_conflicts=True)
        if not institution.thanks_automatic:
            return len(completed)
        drafts = list(_drafts().filter(agreement_id__in=completed))
        outbox_enqueue_many([m for t in drafts for m in _messages(t, institution)])
        _mark_sent(drafts, None)
        return len(completed)


@transaction.atomic
def thanks_send(*, thank_you: ThankYou, by: User, personal_note: str = "") -> int:
    """The teacher sends a prepared thank-you, with a line of their own. Returns recipients."""
    if not can_send_thanks(by, thank_you):
        raise PermissionDenied
    thank_you = ThankYou.objects.select_for_update().get(pk=thank_you.pk)
    if thank_you.status != ThankYouStatus.DRAFT:
        return 0
    thank_you.personal_note = personal_note.strip()
    thank_you.save(update_fields=["personal_note"])
    messages = _messages(thank_you, Institution.current())
    outbox_enqueue_many(messages)
    _mark_sent([thank_you], by)
    return len(messages)


def thanks_skip(*, thank_you: ThankYou, by: User) -> None:
    if not can_send_thanks(by, thank_you):
        raise PermissionDenied
    ThankYou.objects.filter(pk=thank_you.pk, status=ThankYouStatus.DRAFT).update(
        status=ThankYouStatus.SKIPPED
    )


def contact_person_opt_out(*, person: ContactPerson) -> None:
    """Stop non-essential messages (thanks, offers) to this person. Idempotent."""
    not_yet = ContactPerson.objects.filter(pk=person.pk, opted_out_at__isnull=True)
    if not_yet.update(opted_out_at=timezone.now()):
        record_change(person, reason=gettext_noop("opted out through the link in an e-mail"))
