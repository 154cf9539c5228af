"""Deadline reminders to the responsible teacher (checkpoints 3, 4, 6 and 7).

When each reminder starts (all offsets are settings):

| reminder                                   | from                               | until settled  |
|--------------------------------------------|------------------------------------|----------------|
| national feedback data missing / no eHOKS  | N days before a work period ends   | the period ends |
| the instructor not inducted                | 7 days before the first day        | it is recorded |
| the joint planning not held                | 7 days before the first day        | it is recorded |
| the demonstration not scheduled            | 14 days before the last day        | it is recorded |

What is due today comes from selectors/reminders.py, which asks selectors/overdue.py and
selectors/feedback_risk.py, so the sweep and the agreement page report the same things. Each
reminded item is written once to the ReminderRecord ledger; a teacher with several items due
at once gets one message listing them. The sweep is set-based: a constant number of queries
however many work periods there are, and it runs under a lock so that two workers running it
at once send nothing twice.
The digests are rendered on delivery (core.email): the sweep stores each one's items as
plain data, and the worker that sends it renders it in the teacher's language.
"""

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.bulk import insert_many
from core.email import outbox_enqueue_many, outbox_message, renders_on_delivery
from core.models import Lock, User

from ..models import ReminderRecord
from ..selectors.reminders import REMINDER_LABELS, Due, due_reminders

LOCK_NAME = "deadline-reminders"


@dataclass(frozen=True)
class DigestLine:
    """One item of a digest as its template shows it, rebuilt from the stored data."""

    kind: str
    agreement_id: int
    student: str
    employer: str
    due_on: datetime.date

    @property
    def label(self) -> str:
        return REMINDER_LABELS[self.kind]


@renders_on_delivery("deadline-reminders")
def digest_context(data: dict) -> dict:
    return {
        "teacher": data["teacher"],
        "items": [
            DigestLine(
                kind=item["kind"],
                agreement_id=item["agreement_id"],
                student=item["student"],
                employer=item["employer"],
                due_on=datetime.date.fromisoformat(item["due_on"]),
            )
            for item in data["items"]
        ],
    }


def digest_data(teacher: User, items: list[Due]) -> dict:
    return {
        "teacher": {"first_name": teacher.first_name, "username": teacher.username},
        "items": [
            {
                "kind": d.kind,
                "agreement_id": d.agreement_id,
                "student": d.student,
                "employer": d.employer,
                "due_on": d.due_on.isoformat(),
            }
            for d in items
        ],
    }


def _digest(items: list[Due]) -> str:
    return hashlib.sha256("|".join(sorted(d.key for d in items)).encode()).hexdigest()[:16]


def deadline_reminders_send(today: datetime.date | None = None) -> int:
    """Queue one digest per teacher with the items not reminded before. Returns messages queued."""
    today = today or timezone.localdate()
    with transaction.atomic():
        Lock.acquire(LOCK_NAME)  # a second sweep waits here, then finds everything recorded
        due = due_reminders(today)
        if not due:
            return 0
        already = set(
            ReminderRecord.objects.filter(key__in=[d.key for d in due]).values_list("key", flat=True)
        )
        new = [d for d in due if d.key not in already]
        if not new:
            return 0
        insert_many(
            [
                ReminderRecord(
                    key=d.key,
                    kind=d.kind,
                    recipient_id=d.teacher_id,
                    agreement_id=d.agreement_id,
                    work_period_id=d.work_period_id,
                    due_on=d.due_on,
                )
                for d in new
            ],
            ignore_conflicts=True,
        )
        by_teacher: dict[int, list[Due]] = defaultdict(list)
        for item in new:
            by_teacher[item.teacher_id].append(item)
        teachers = User.objects.in_bulk(list(by_teacher))
        messages = []
        for teacher_id, items in by_teacher.items():
            teacher = teachers[teacher_id]
            if not teacher.email or not teacher.is_active:
                continue
            language = teacher.language or settings.LANGUAGE_CODE
            items.sort(key=lambda d: (d.due_on, d.student))
            messages.append(
                outbox_message(
                    # Unique per content: a later sweep the same day with new items sends again.
                    key=f"deadline-digest:{teacher_id}:{today.isoformat()}:{_digest(items)}",
                    kind="deadline-digest",
                    template="deadline-reminders",
                    context=digest_data(teacher, items),
                    on_delivery=True,
                    to_email=teacher.email,
                    to_name=teacher.get_full_name(),
                    language=language,
                    responsible_id=teacher_id,
                )
            )
        outbox_enqueue_many(messages)
        return len(messages)
