"""A partnership level suggested from the evidence of the last 12 months.

The portal never changes a level by itself: the suggestion is shown beside the recorded level,
with its reasons, and a person confirms or overrides it. The rules, first match wins:

| suggested level  | when (over the last 12 months)                                                   |
|------------------|-----------------------------------------------------------------------------------|
| strategic        | a valid partnership agreement, at least 6 contacts and 3 agreements hosted      |
| developing       | at least 6 contacts, 2 agreements hosted, and instructors trained or feedback    |
|                  | reacted to or at least 4 checkpoints touched or staff in working life there; or  |
|                  | at least 6 contacts, an agreement hosted and continuous monitoring               |
| everyday         | at least 3 contacts, and an agreement hosted or a visit, meeting or event        |
| minimum          | an agreement hosted or any contact                                               |
| (none)           | nothing in 12 months                                                             |

Continuous monitoring (jatkuva seuranta ja analyysi) is the workbook's cross-cutting practice:
"yhteistyön säännöllinen ylläpitäminen, palautteeseen reagointi ja toiminnan jatkuva
kehittäminen". It is read here as regular upkeep, a contact in at least 3 of the last four
three-month stretches (not all of them in one busy month), together with a reaction to the
employer's feedback.

Staff in working life (a teacher's working-life period, a forum or a joint development day
with the employer) is the workbook's tool of the developing level, "työelämän ja oppilaitoksen
henkilöstön osaamisen kehittäminen": it counts beside trained instructors and reacted feedback.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, F, Func, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import (
    Agreement,
    AgreementStatus,
    Channel,
    Contact,
    ContactPerson,
    Employer,
    FeedbackReaction,
    PartnershipAgreement,
    StaffActivity,
)


@dataclass
class Evidence:
    contacts: int = 0
    visits_and_events: int = 0
    checkpoints: int = 0
    agreements: int = 0
    instructors_trained: int = 0
    feedback_reacted: int = 0
    partnership_agreement: bool = False
    staff_in_working_life: int = 0
    # Of the last four three-month stretches, how many had a contact (regular upkeep).
    stretches_in_touch: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def monitoring(self) -> bool:
        """Continuous monitoring: regular upkeep and a reaction to feedback (module docstring)."""
        return self.stretches_in_touch >= MONITORING_STRETCHES and bool(self.feedback_reacted)


# Regular upkeep: a contact in at least this many of the last four 91-day stretches.
MONITORING_STRETCHES = 3
STRETCH_DAYS = 91


def _count(queryset, expression: str = "pk") -> Coalesce:
    """The number of distinct `expression` in `queryset`, as a scalar subquery."""
    # A plain COUNT function rather than Count(): an aggregate would group by the rows' pk.
    count = Func(F(expression), function="COUNT", template="%(function)s(DISTINCT %(expressions)s)")
    return Coalesce(Subquery(queryset.order_by().annotate(n=count).values("n")[:1]), 0)


def evidence_for(employer: Employer, today: datetime.date | None = None) -> Evidence:
    """What the last 12 months show about this employer, in one query of scalar subqueries;
    the partnership agreement counts only while it is valid, today."""
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=365)
    employer_pk = OuterRef("pk")
    contacts = Contact.objects.filter(employer=employer_pk, date__gt=since)
    counts = (
        Employer.objects.filter(pk=employer.pk)
        .values(
            n_contacts=_count(contacts),
            n_meetings=_count(contacts.filter(channel__in=[Channel.VISIT, Channel.MEETING, Channel.EVENT])),
            n_checkpoints=_count(contacts, "checkpoints"),
            n_agreements=_count(
                Agreement.objects.filter(
                    workplace__employer=employer_pk,
                    status__in=[AgreementStatus.SIGNED],
                    work_periods__end__gt=since,
                )
            ),
            n_trained=_count(
                ContactPerson.objects.filter(
                    employer=employer_pk, is_instructor=True, instructor_training_date__gt=since
                )
            ),
            n_reacted=_count(
                FeedbackReaction.objects.filter(
                    request__work_period__agreement__workplace__employer=employer_pk,
                    created_at__date__gt=since,
                )
            ),
            **{
                f"in_touch_{i}": Exists(
                    contacts.filter(
                        date__gt=today - datetime.timedelta(days=STRETCH_DAYS * (i + 1)),
                        date__lte=today - datetime.timedelta(days=STRETCH_DAYS * i),
                    )
                )
                for i in range(4)
            },
            n_staff=_count(
                StaffActivity.objects.filter(employer=employer_pk, ends_on__gt=since, starts_on__lte=today)
            ),
            has_partnership_agreement=Exists(
                PartnershipAgreement.objects.valid_on(today).filter(employers=employer_pk)
            ),
        )
        .get()
    )
    return Evidence(
        contacts=counts["n_contacts"],
        visits_and_events=counts["n_meetings"],
        checkpoints=counts["n_checkpoints"],
        agreements=counts["n_agreements"],
        instructors_trained=counts["n_trained"],
        feedback_reacted=counts["n_reacted"],
        partnership_agreement=counts["has_partnership_agreement"],
        staff_in_working_life=counts["n_staff"],
        stretches_in_touch=sum(bool(counts[f"in_touch_{i}"]) for i in range(4)),
    )


def suggest(evidence: Evidence) -> tuple[str | None, list[str]]:
    """The suggested level's key (or None) and the reasons, in words."""
    e = evidence
    reasons = []
    if e.contacts:
        reasons.append(
            ngettext("%(n)d contact in 12 months", "%(n)d contacts in 12 months", e.contacts)
            % {"n": e.contacts}
        )
    if e.agreements:
        reasons.append(
            ngettext("%(n)d agreement hosted", "%(n)d agreements hosted", e.agreements) % {"n": e.agreements}
        )
    if e.visits_and_events:
        reasons.append(
            ngettext("%(n)d visit, meeting or event", "%(n)d visits, meetings or events", e.visits_and_events)
            % {"n": e.visits_and_events}
        )
    if e.instructors_trained:
        reasons.append(
            ngettext("%(n)d instructor trained", "%(n)d instructors trained", e.instructors_trained)
            % {"n": e.instructors_trained}
        )
    if e.feedback_reacted:
        reasons.append(_("feedback reacted to"))
    if e.staff_in_working_life:
        reasons.append(
            ngettext(
                "%(n)d staff working-life period, forum or development day",
                "%(n)d staff working-life periods, forums or development days",
                e.staff_in_working_life,
            )
            % {"n": e.staff_in_working_life}
        )
    if e.checkpoints >= 4:
        reasons.append(_("%(n)d checkpoints touched") % {"n": e.checkpoints})
    if e.partnership_agreement:
        reasons.append(_("a valid partnership agreement"))
    if e.monitoring:
        reasons.append(
            _("continuous monitoring: in touch in %(n)d of the last four quarters, feedback reacted to")
            % {"n": e.stretches_in_touch}
        )

    if e.partnership_agreement and e.contacts >= 6 and e.agreements >= 3:
        return "strategic", reasons
    if e.contacts >= 6 and (
        (
            e.agreements >= 2
            and (e.instructors_trained or e.feedback_reacted or e.checkpoints >= 4 or e.staff_in_working_life)
        )
        or (e.agreements >= 1 and e.monitoring)
    ):
        return "developing", reasons
    if e.contacts >= 3 and (e.agreements or e.visits_and_events):
        return "everyday", reasons
    if e.agreements or e.contacts:
        return "minimum", reasons
    return None, [_("nothing in the last 12 months")]
