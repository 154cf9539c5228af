"""Weekly digests: relationship upkeep for account owners (checkpoint 8) and the attention
list for coordinators. Each is one message per person per ISO week (a unique outbox key),
built in a constant number of queries."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.utils import timezone

from core.email import outbox_enqueue_many, outbox_message
from core.models import Institution, User, coordinators_to_notify

from ..models import Employer, FeedbackRequest
from ..selectors.feedback_risk import periods_at_risk


def _week(today: datetime.date) -> str:
    year, week, _day = today.isocalendar()
    return f"{year}-W{week:02d}"


def _message(key: str, kind: str, user: User, template: str, context: dict) -> dict:
    return outbox_message(
        key=key,
        kind=kind,
        template=template,
        context={**context, "user": user},
        to_email=user.email,
        to_name=user.get_full_name(),
        language=user.language or settings.LANGUAGE_CODE,
        responsible_id=user.pk,
    )


def upkeep_digests_send(today: datetime.date | None = None) -> int:
    """Each account owner: their employers not contacted within the interval."""
    today = today or timezone.localdate()
    quiet = (
        Employer.objects.needing_contact(today=today)
        .filter(account_owner__is_active=True)
        .exclude(account_owner__email="")
        .with_last_contact()
        .select_related("account_owner")
        .order_by("name")
    )
    by_owner: dict[int, list[Employer]] = defaultdict(list)
    owners: dict[int, User] = {}
    for employer in quiet:
        by_owner[employer.account_owner_id].append(employer)
        owners[employer.account_owner_id] = employer.account_owner
    institution = Institution.current()
    context = {"institution": institution, "days": settings.KUMPPANI_DEFAULT_CONTACT_INTERVAL_DAYS}
    messages = [
        _message(
            f"upkeep:{owner_id}:{_week(today)}",
            "upkeep-digest",
            owners[owner_id],
            "upkeep-digest",
            {**context, "employers": employers},
        )
        for owner_id, employers in by_owner.items()
    ]
    return len(outbox_enqueue_many(messages))


def coordinator_digests_send(today: datetime.date | None = None) -> int:
    """Each coordinator: the employers needing attention and the new negative feedback."""
    today = today or timezone.localdate()
    coordinators = list(coordinators_to_notify())
    if not coordinators:
        return 0
    week_ago = timezone.now() - datetime.timedelta(days=7)
    quiet = Employer.objects.needing_contact(today=today)
    context = {
        "institution": Institution.current(),
        "quiet_count": quiet.count(),
        "quiet": list(quiet.with_last_contact().select_related("account_owner").order_by("name")[:20]),
        "negative": list(
            FeedbackRequest.objects.needing_reaction()
            .filter(answered_at__gte=week_ago)
            .select_related("work_period__agreement__student", "work_period__agreement__workplace__employer")[
                :20
            ]
        ),
        "unreacted_count": FeedbackRequest.objects.needing_reaction().count(),
        "at_risk_count": periods_at_risk(today=today).count(),
        "days": settings.KUMPPANI_DEFAULT_CONTACT_INTERVAL_DAYS,
    }
    messages = [
        _message(
            f"coordinator-digest:{user.pk}:{_week(today)}",
            "coordinator-digest",
            user,
            "coordinator-digest",
            context,
        )
        for user in coordinators
    ]
    return len(outbox_enqueue_many(messages))
