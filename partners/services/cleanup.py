"""The nightly sweep of spent sign-in links and ended partner sessions (issue 24).

Neither row is part of the audit trail: what a partner did is recorded under their e-mail
address (a person's history reason, `PartnerChange.requested_by`, the contact on the
employer's timeline), and nothing refers to a link or a session by its key. Each row holds only
a hash, so keeping it would protect nothing; it is kept RETENTION_DAYS after it was spent
(a link used or expired, a session signed out or run out) for looking into a complaint about
a sign-in, then deleted.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

from ..models import PartnerSession, PartnerSignInLink

RETENTION_DAYS = 30
# One DELETE removes at most BATCH rows, and a run at most MAX_BATCHES of them per table: a
# backlog (a sweep that has not run for months) is worked off over a few nights, never in one
# long transaction that locks the tables the sign-in writes to.
BATCH = 1000
MAX_BATCHES = 50


def _delete_in_batches(queryset) -> int:
    removed = 0
    for _batch in range(MAX_BATCHES):
        # DELETE ... WHERE id IN (SELECT id ... LIMIT n): one statement for each batch.
        deleted, _by_model = queryset.model.objects.filter(
            pk__in=queryset.order_by("pk").values("pk")[:BATCH]
        ).delete()
        removed += deleted
        if deleted < BATCH:
            break
    return removed


def partner_sign_in_cleanup(now: datetime.datetime | None = None) -> dict[str, int]:
    """Delete links used or expired, and sessions ended, more than RETENTION_DAYS ago. A valid
    link and a current session are never touched, however old (they cannot be: a link lasts
    15 minutes and a session 8 hours). Safe to run twice."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=RETENTION_DAYS)
    links = PartnerSignInLink.objects.filter(
        Q(used_at__lt=cutoff) | Q(used_at__isnull=True, expires_at__lt=cutoff)
    )
    sessions = PartnerSession.objects.filter(Q(ended_at__lt=cutoff) | Q(expires_at__lt=cutoff))
    return {"links": _delete_in_batches(links), "sessions": _delete_in_batches(sessions)}
