"""Read-only queries of the partner pages. Who a partner is comes from here alone: the people
with the address they proved, active, at an active employer."""

import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q

from core.models import OutboxMessage, OutboxStatus
from partnerships.choices import ItemKind
from partnerships.models import (
    AgreementItem,
    ContactPerson,
    Demonstration,
    Employer,
    FeedbackReaction,
    LevelRecord,
    ThankYou,
    ThankYouStatus,
    WorkPeriod,
)
from partnerships.selectors.feedback_risk import feedback_warnings

# The checkpoint items that involve the workplace (workbook checkpoints 3, 4 and 7).
WORKPLACE_ITEMS = (ItemKind.PLANNING, ItemKind.INDUCTION, ItemKind.DEMONSTRATION)


def people_with_address(email: str):
    return ContactPerson.objects.filter(
        email__iexact=email.strip(), is_active=True, employer__is_active=True
    ).exclude(email="")


def employers_for_address(email: str):
    """The employers a partner signed in with `email` may act for."""
    people = people_with_address(email).filter(employer=OuterRef("pk"))
    return Employer.objects.filter(Exists(people)).order_by("name")


def work_periods_for_employer(employer, today: datetime.date):
    """The current and coming work periods at the employer's workplaces, of agreements that
    are not drafts or cancelled, with what the page shows and nothing of the student beyond
    the name (need to know: no contact details, no notes, no contact log)."""
    items = AgreementItem.objects.filter(kind__in=WORKPLACE_ITEMS).order_by("kind")
    demonstrations = (
        Demonstration.objects.exclude(status="cancelled")
        .exclude(date__isnull=True)
        .select_related("unit")
        .order_by("date", "start_time")
    )
    return (
        WorkPeriod.objects.filter(agreement__workplace__employer=employer, end__gte=today)
        .exclude(agreement__status__in=["draft", "cancelled"])
        .select_related(
            "unit",
            "agreement__student",
            "agreement__workplace",
            "agreement__instructor",
            "agreement__responsible_teacher",
        )
        .prefetch_related(
            Prefetch("agreement__items", queryset=items, to_attr="workplace_items"),
            Prefetch("agreement__demonstrations", queryset=demonstrations, to_attr="dated_demonstrations"),
        )
        .order_by("start", "pk")
    )


def demonstrations_for_employer(employer):
    """The dated demonstrations at the employer's workplaces, for the partner's calendar file."""
    return (
        Demonstration.objects.filter(workplace__employer=employer)
        .exclude(status="cancelled")
        .exclude(date__isnull=True)
    )


# What the partner's own data decides of the national feedback warning: how the instructor is
# reached, and the Y-tunnus. The rest (the agreement's instructor, eHOKS, part-time) is the
# institution's to fix.
PARTNER_RISKS = {"instructor_contact", "bundle_conflict", "business_id"}
# A period's survey data can be corrected until the month after its last day (feedback_risk.py
# decides exactly); periods that ended longer ago than this can no longer be warned about.
RECENT_DAYS = 62


def readiness_notes(employer, today: datetime.date) -> list[tuple]:
    """(period, risks) for the employer's periods whose national feedback would be missed
    because of the employer's data: the same rules as the staff's warning
    (partnerships/selectors/feedback_risk.py), in a constant number of queries."""
    periods = list(
        WorkPeriod.objects.filter(
            agreement__workplace__employer=employer, end__gte=today - datetime.timedelta(days=RECENT_DAYS)
        )
        .exclude(agreement__status__in=["draft", "cancelled"])
        .select_related(
            "agreement__student", "agreement__workplace__employer", "agreement__instructor", "unit"
        )
        .prefetch_related("interruptions")
        .order_by("end", "pk")
    )
    feedback_warnings(periods, today)
    notes = []
    for period in periods:
        warning = period.feedback_warning
        risks = [risk for risk in warning.risks if risk.key in PARTNER_RISKS] if warning else []
        if risks:
            notes.append((period, risks))
    return notes


def shared_reactions(employer):
    """The institution's reactions to feedback at the employer's workplaces that staff chose
    to share ("you said, we did"): the text and the date only are shown."""
    return (
        FeedbackReaction.objects.filter(
            shared_with_partner=True, request__work_period__agreement__workplace__employer=employer
        )
        .only("text", "created_at")
        .order_by("-created_at")
    )


def current_level_record(employer, today: datetime.date):
    """The employer's partnership level as the institution sees it: the latest current record
    (its rationale is the staff's note and is not shown)."""
    return (
        LevelRecord.objects.current(today)
        .filter(employer=employer)
        .select_related("level")
        .order_by("-date", "-created_at")
        .first()
    )


def thanks_received(employer) -> list[OutboxMessage]:
    """The thank-you e-mails sent to the employer's people (checkpoint 8), newest first: the
    outbox rows of the thank-yous of the agreements at its workplaces that went out."""
    agreements = ThankYou.objects.filter(
        status=ThankYouStatus.SENT, agreement__workplace__employer=employer
    ).values_list("agreement_id", flat=True)
    prefixes = Q()
    for agreement_id in agreements:
        prefixes |= Q(key__startswith=f"thanks:{agreement_id}:")
    if not prefixes:
        return []
    messages = OutboxMessage.objects.filter(prefixes, kind="thanks", status=OutboxStatus.SENT)
    return list(messages.only("to_name", "subject", "body_text", "sent_at").order_by("-sent_at", "-pk"))


def thanks_text(body: str) -> str:
    """The thank-you as its reader got it, without the signature's opt-out link (the
    recipient's own: it must not reach their colleagues)."""
    return body.split("\n--\n", 1)[0].strip()
