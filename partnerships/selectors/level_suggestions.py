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

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import AgreementStatus, Channel, Employer


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


# The evidence in one statement of plain aggregates, one per table, each read by the
# employer's index. The ORM's form of it (eleven scalar subqueries) cost more to build and
# compile than PostgreSQL took to run it: about 18,000 Python calls of the employer page's
# 114,000. The stretches are counted by FILTER in the one pass over the year's contacts; the
# other counts are scalar subqueries of the select list, each planned on its own, rather than
# six more FROM items whose join order PostgreSQL would search (planning 1.1 -> 0.9 ms).
EVIDENCE_SQL = """
SELECT c.n_contacts, c.n_meetings, c.in_touch_0, c.in_touch_1, c.in_touch_2, c.in_touch_3,
    (SELECT COUNT(DISTINCT cc.checkpoint_id)
     FROM partnerships_contact_checkpoints cc
     JOIN partnerships_contact co ON co.id = cc.contact_id
     WHERE co.employer_id = %(employer)s AND co.date > %(since)s),
    (SELECT COUNT(DISTINCT ag.id)
     FROM partnerships_agreement ag
     JOIN partnerships_workplace w ON w.id = ag.workplace_id
     JOIN partnerships_workperiod wp ON wp.agreement_id = ag.id
     WHERE w.employer_id = %(employer)s AND ag.status = %(signed)s AND wp."end" > %(since)s),
    (SELECT COUNT(*) FROM partnerships_contactperson
     WHERE employer_id = %(employer)s AND is_instructor AND instructor_training_date > %(since)s),
    (SELECT COUNT(DISTINCT fr.id)
     FROM partnerships_feedbackreaction fr
     JOIN partnerships_feedbackrequest rq ON rq.id = fr.request_id
     JOIN partnerships_workperiod wp ON wp.id = rq.work_period_id
     JOIN partnerships_agreement ag ON ag.id = wp.agreement_id
     JOIN partnerships_workplace w ON w.id = ag.workplace_id
     WHERE w.employer_id = %(employer)s AND fr.created_at >= %(since_moment)s),
    (SELECT COUNT(*) FROM partnerships_staffactivity
     WHERE employer_id = %(employer)s AND ends_on > %(since)s AND starts_on <= %(today)s),
    (SELECT COUNT(*)
     FROM partnerships_partnershipagreement p
     JOIN partnerships_partnershipagreement_employers pe ON pe.partnershipagreement_id = p.id
     WHERE pe.employer_id = %(employer)s AND p.signed_on <= %(today)s
       AND (p.valid_until IS NULL OR p.valid_until >= %(today)s))
FROM (
    SELECT COUNT(*) AS n_contacts,
           COUNT(*) FILTER (WHERE channel IN (%(visit)s, %(meeting)s, %(event)s)) AS n_meetings,
           COUNT(*) FILTER (WHERE date > %(stretch_1)s AND date <= %(today)s) AS in_touch_0,
           COUNT(*) FILTER (WHERE date > %(stretch_2)s AND date <= %(stretch_1)s) AS in_touch_1,
           COUNT(*) FILTER (WHERE date > %(stretch_3)s AND date <= %(stretch_2)s) AS in_touch_2,
           COUNT(*) FILTER (WHERE date > %(stretch_4)s AND date <= %(stretch_3)s) AS in_touch_3
    FROM partnerships_contact WHERE employer_id = %(employer)s AND date > %(since)s
) c
"""


def evidence_for(employer: Employer, today: datetime.date | None = None) -> Evidence:
    """What the last 12 months show about this employer, in one query (EVIDENCE_SQL); the
    partnership agreement counts only while it is valid, today."""
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=365)
    params = {
        "employer": employer.pk,
        "today": today,
        "since": since,
        # A reaction counts from the first moment of the day after `since`, local time: the
        # same as comparing its local date, with no conversion of every row. Adapted as the
        # ORM adapts a datetime for this database (SQLite stores UTC text without an offset,
        # which an aware datetime's own text would not compare with).
        "since_moment": connection.ops.adapt_datetimefield_value(
            timezone.make_aware(
                datetime.datetime.combine(since + datetime.timedelta(days=1), datetime.time.min)
            )
        ),
        "signed": AgreementStatus.SIGNED.value,
        **{f"stretch_{i}": today - datetime.timedelta(days=STRETCH_DAYS * i) for i in range(1, 5)},
        "visit": Channel.VISIT.value,
        "meeting": Channel.MEETING.value,
        "event": Channel.EVENT.value,
    }
    with connection.cursor() as cursor:
        cursor.execute(EVIDENCE_SQL, params)
        contacts, meetings, *in_touch, checkpoints, agreements, trained, reacted, staff, valid = (
            cursor.fetchone()
        )
    return Evidence(
        contacts=contacts,
        visits_and_events=meetings,
        checkpoints=checkpoints,
        agreements=agreements,
        instructors_trained=trained,
        feedback_reacted=reacted,
        partnership_agreement=bool(valid),
        staff_in_working_life=staff,
        stretches_in_touch=sum(1 for n in in_touch if n),
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
