"""Weekly digests: relationship upkeep for account owners (checkpoint 8) and the attention
list for coordinators. Each is one message per person per ISO week (a unique outbox key),
built in a constant number of queries.

When they go out is the coordinator's setting (`DigestSchedule`): the beat runs
`scheduled_sweeps_run` every hour, and it runs the digests (and the daily thank-yous) only in
their slot, claiming the slot with a conditional UPDATE so that it happens at most once per
slot. The `*_build` functions give the messages without queueing them: the digests page
previews exactly what would be sent."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.email import outbox_enqueue_many, outbox_message
from core.models import Institution, User, coordinators_to_notify

from ..models import DigestSchedule, Employer, FeedbackRequest
from ..permissions import can_manage_digests
from ..selectors.feedback_risk import periods_at_risk
from .thanks import thanks_prepare


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


def upkeep_digests_build(today: datetime.date | None = None) -> list[dict]:
    """Each account owner's message: their employers not contacted within the interval."""
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
    context = {"institution": institution}
    return [
        _message(
            f"upkeep:{owner_id}:{_week(today)}",
            "upkeep-digest",
            owners[owner_id],
            "upkeep-digest",
            {**context, "employers": employers},
        )
        for owner_id, employers in by_owner.items()
    ]


def upkeep_digests_send(today: datetime.date | None = None) -> int:
    """Queue the account owners' digests (once a week each: the outbox key names the week)."""
    return len(outbox_enqueue_many(upkeep_digests_build(today)))


def coordinator_digests_build(today: datetime.date | None = None) -> list[dict]:
    """Each coordinator's message: the employers needing attention and the new negative feedback."""
    today = today or timezone.localdate()
    coordinators = list(coordinators_to_notify())
    if not coordinators:
        return []
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
    }
    return [
        _message(
            f"coordinator-digest:{user.pk}:{_week(today)}",
            "coordinator-digest",
            user,
            "coordinator-digest",
            context,
        )
        for user in coordinators
    ]


def coordinator_digests_send(today: datetime.date | None = None) -> int:
    """Queue the coordinators' digests (once a week each: the outbox key names the week)."""
    return len(outbox_enqueue_many(coordinator_digests_build(today)))


def _slot(moment: datetime.datetime) -> datetime.datetime:
    """The hour `moment` falls in, Helsinki time: the unit the schedule is set in."""
    return timezone.localtime(moment).replace(minute=0, second=0, microsecond=0)


def _claim_slot(schedule: DigestSchedule, field: str, slot: datetime.datetime) -> bool:
    """Record `slot` as the last run unless it (or a later one) already is: one conditional
    UPDATE, so of two beats or a retried task in the same slot only the first goes on."""
    earlier = Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lt": slot})
    return bool(DigestSchedule.objects.filter(earlier, pk=schedule.pk).update(**{field: slot}))


def scheduled_sweeps_run(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Run by the beat every hour: the weekly digests when the weekday and the hour are the
    schedule's, the thank-yous when the hour is theirs. Each at most once per slot; the claim
    and the queued messages commit together, so a run that fails leaves the slot to its retry."""
    now = timezone.localtime(now or timezone.now())
    slot = _slot(now)
    schedule = DigestSchedule.current()
    done: dict[str, int] = {}
    if now.weekday() == schedule.digest_weekday and now.hour == schedule.digest_hour:
        with transaction.atomic():
            if _claim_slot(schedule, "digests_last_slot", slot):
                done["upkeep"] = upkeep_digests_send(now.date())
                done["coordinator"] = coordinator_digests_send(now.date())
    if now.hour == schedule.thanks_hour:
        with transaction.atomic():
            if _claim_slot(schedule, "thanks_last_slot", slot):
                done["thanks"] = thanks_prepare(now.date())
    return done


def next_digest_day(schedule: DigestSchedule, *, now: datetime.datetime | None = None) -> datetime.date:
    """The day the digests go out next: today if their hour is still to come (or is now and
    they have not run yet), else the schedule's weekday of the coming week."""
    now = timezone.localtime(now or timezone.now())
    days = (schedule.digest_weekday - now.weekday()) % 7
    if days == 0:
        ran = schedule.digests_last_slot is not None and schedule.digests_last_slot >= _slot(now)
        if now.hour > schedule.digest_hour or (now.hour == schedule.digest_hour and ran):
            days = 7
    return now.date() + datetime.timedelta(days=days)


def digest_schedule_save(*, by: User, schedule: DigestSchedule) -> DigestSchedule:
    """The coordinator sets the weekday and hours; the history keeps who changed what."""
    if not can_manage_digests(by):
        raise PermissionDenied
    schedule.full_clean()
    schedule._history_user = by
    schedule.save(update_fields=["digest_weekday", "digest_hour", "thanks_hour", "updated_at"])
    return schedule
