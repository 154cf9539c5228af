"""The renewal reminder of partnership agreements (the workbook, level 4).

KUMPPANI_PARTNERSHIP_RENEWAL_DAYS before an agreement's last valid day, its responsible person
gets one message listing every agreement of theirs that is due for renewal. Each agreement is
written once to the ReminderRecord ledger per end date, so a renewed agreement (a later
`valid_until`) is reminded again when its new end comes near, and never twice for the same
one. Like the deadline sweep, it is set-based (a constant number of queries however many
agreements there are) and runs under a lock, so two workers running it at once send nothing
twice. The message is rendered on delivery, in the recipient's language.
"""

import datetime
import hashlib
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.bulk import insert_many
from core.email import outbox_enqueue_many, outbox_message, renders_on_delivery
from core.models import Lock, User

from ..models import ReminderRecord
from ..selectors.partnership_renewals import due_renewals

LOCK_NAME = "partnership-renewals"
KIND = "partnership-renewal"


def _key(pk: int, valid_until: datetime.date) -> str:
    return f"{KIND}:{pk}:{valid_until.isoformat()}"


@renders_on_delivery("partnership-renewal")
def renewal_context(data: dict) -> dict:
    return {
        "person": data["person"],
        "items": [
            {**item, "valid_until": datetime.date.fromisoformat(item["valid_until"])}
            for item in data["items"]
        ],
    }


def partnership_renewals_send(today: datetime.date | None = None) -> int:
    """Queue one message per responsible person with the agreements not reminded before.
    Returns the number of messages queued."""
    today = today or timezone.localdate()
    with transaction.atomic():
        Lock.acquire(LOCK_NAME)  # a second sweep waits here, then finds everything recorded
        due = due_renewals(today)
        if not due:
            return 0
        keys = {_key(row["pk"], row["valid_until"]): row for row in due}
        already = set(ReminderRecord.objects.filter(key__in=list(keys)).values_list("key", flat=True))
        new = {key: row for key, row in keys.items() if key not in already}
        if not new:
            return 0
        insert_many(
            [
                ReminderRecord(
                    key=key, kind=KIND, recipient_id=row["responsible_id"], due_on=row["valid_until"]
                )
                for key, row in new.items()
            ],
            ignore_conflicts=True,
        )
        by_person: dict[int, list[tuple[str, dict]]] = defaultdict(list)
        for key, row in new.items():
            by_person[row["responsible_id"]].append((key, row))
        people = User.objects.in_bulk(list(by_person))
        messages = []
        for person_id, items in by_person.items():
            person = people[person_id]
            if not person.email or not person.is_active:
                continue
            digest = hashlib.sha256("|".join(sorted(key for key, _row in items)).encode()).hexdigest()[:16]
            messages.append(
                outbox_message(
                    key=f"{KIND}:{person_id}:{today.isoformat()}:{digest}",
                    kind=KIND,
                    template="partnership-renewal",
                    context={
                        "person": {"first_name": person.first_name, "username": person.username},
                        "items": [
                            {
                                "agreement_id": row["pk"],
                                "title": row["title"],
                                "network_name": row["network_name"],
                                "valid_until": row["valid_until"].isoformat(),
                            }
                            for _key_, row in items
                        ],
                    },
                    on_delivery=True,
                    to_email=person.email,
                    to_name=person.get_full_name(),
                    language=person.language or settings.LANGUAGE_CODE,
                    responsible_id=person_id,
                )
            )
        outbox_enqueue_many(messages)
        return len(messages)
