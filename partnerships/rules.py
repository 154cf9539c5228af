"""The rules of work-based learning agreements, in one place.

The model `clean()` methods, and so the forms, the admin and the services, all call these
functions, so the same invalid agreement is refused with the same message everywhere.
README.md has a table of the rules with their legal source.

A *warning* is something the law allows but the teacher should look at twice (for example
a training agreement of six days a week). It blocks saving until the teacher ticks the
matching confirmation field, and is then accepted.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from .choices import AgreementStatus, AgreementType, DemonstrationStatus, ItemKind

# 531/2017 ch. 7 and checkpoint 4: an induction is recorded once it has been given. The
# instructor's page and the agreement's checkpoint 4 item refuse a future date with these words.
NOT_IN_ADVANCE = _("Record an induction or a training once it has taken place, not in advance.")

# Act on Vocational Education and Training 531/2017, chapter 7 (apprenticeship):
# regular working time on average at least 25 hours a week.
APPRENTICESHIP_MIN_HOURS = Decimal(25)
# Employment Contracts Act 55/2001 ch. 2 and the Young Workers' Act 998/1993: apprenticeship
# is employment, open from the age of 15; under 18s are young workers.
APPRENTICESHIP_MIN_AGE = 15
YOUNG_WORKER_AGE = 18
# The "Molempi parempi" brochure's guidance, not law: a training agreement typically
# takes 1–5 days a week.
TRAINING_DAYS_GUIDANCE = (Decimal(1), Decimal(5))


def _model(name: str):
    """A model of this app by name: the models call these rules from their clean(), so the
    rules look the models up in the app registry rather than import them."""
    return apps.get_model("partnerships", name)


@dataclass
class Findings:
    errors: dict[str, list] = field(default_factory=dict)

    def add(self, field_name: str | None, message) -> None:
        self.errors.setdefault(field_name or NON_FIELD_ERRORS, []).append(message)

    def warn(self, confirm_field: str, confirmed: bool, message) -> None:
        """A warning blocks until the teacher ticks `confirm_field`."""
        if not confirmed:
            self.add(confirm_field, message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def age_on(born: datetime.date, day: datetime.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _periods(agreement, periods):
    if periods is not None:
        return [p for p in periods if p.start and p.end]
    if agreement.pk:
        return list(agreement.work_periods.all())
    return []


def _other_agreements(agreement):
    Agreement = _model("Agreement")

    others = Agreement.objects.filter(student_id=agreement.student_id).exclude(
        status__in=[AgreementStatus.CANCELLED, AgreementStatus.ENDED_EARLY]
    )
    if agreement.pk:
        others = others.exclude(pk=agreement.pk)
    return others


def _segments(periods) -> list[tuple[datetime.date, datetime.date]]:
    return [(p.start, p.end) for p in periods]


def _weekly_hours_shortfall(agreement, periods) -> Decimal | None:
    """The lowest combined weekly hours of the student's apprenticeships over this one's periods.

    The 25 hours may be made up by concurrent apprenticeships with several employers
    (domain.md), so every stretch of this agreement counts the others active at that time.
    Where none is entered yet, the hours declared for the other employment count instead
    (see `concurrent_hours`).
    """
    WorkPeriod = _model("WorkPeriod")

    own = agreement.hours_per_week or Decimal(0)
    declared = agreement.other_employment_hours or Decimal(0)
    if not periods:
        return own + declared
    others = list(
        WorkPeriod.objects.filter(
            agreement__in=_other_agreements(agreement).filter(type=AgreementType.APPRENTICESHIP),
            start__lte=max(p.end for p in periods),
            end__gte=min(p.start for p in periods),
        ).values_list("agreement_id", "start", "end", "agreement__hours_per_week")
    )
    lowest = None
    for start, end in _segments(periods):
        # Split this stretch at every boundary of another apprenticeship and check each piece.
        cuts = {start, end + datetime.timedelta(days=1)}
        for _id, o_start, o_end, _hours in others:
            for day in (o_start, o_end + datetime.timedelta(days=1)):
                if start < day <= end:
                    cuts.add(day)
        points = sorted(cuts)
        for piece_start, piece_next in pairwise(points):
            concurrent = {
                agreement_id: hours or Decimal(0)
                for agreement_id, o_start, o_end, hours in others
                if o_start <= piece_start and o_end >= piece_next - datetime.timedelta(days=1)
            }
            total = own + concurrent_hours(declared, list(concurrent.values()))
            lowest = total if lowest is None else min(lowest, total)
    return lowest


def agreement_errors(agreement, periods=None) -> Findings:
    """Everything that is wrong with `agreement` (with `periods`, when they are not saved yet)."""
    WorkPeriod = _model("WorkPeriod")

    found = Findings()
    periods = _periods(agreement, periods)
    start = min((p.start for p in periods), default=None)
    student = agreement.student if agreement.student_id else None
    workplace = agreement.workplace if agreement.workplace_id else None

    # The instructor is a person of the workplace's employer (531/2017: the employer names
    # the responsible workplace instructor from its staff).
    if agreement.instructor_id and workplace and agreement.instructor.employer_id != workplace.employer_id:
        found.add("instructor", _("The workplace instructor must work for the employer of this workplace."))
    if not agreement.instructor_id and not agreement.is_entrepreneur:
        found.add("instructor", _("Name the responsible workplace instructor."))

    if agreement.type == AgreementType.APPRENTICESHIP:
        if agreement.hours_per_week is None:
            found.add("hours_per_week", _("Give the average working hours per week."))
        else:
            lowest = _weekly_hours_shortfall(agreement, periods)
            if lowest is not None and lowest < APPRENTICESHIP_MIN_HOURS:
                found.add(
                    "hours_per_week",
                    _(
                        "An apprenticeship needs on average at least 25 working hours a week, counting the "
                        "student's other apprenticeships at the same time (here %(hours)s h)."
                    )
                    % {"hours": f"{lowest:g}"},
                )
        if not agreement.is_entrepreneur and not agreement.wage_confirmed:
            found.add(
                "wage_confirmed",
                _("An apprentice is employed: confirm the wage under the collective agreement (TES)."),
            )
        if agreement.is_entrepreneur and agreement.training_compensation:
            found.add(
                "training_compensation",
                _("An entrepreneur's apprenticeship has no employer to receive training compensation."),
            )
        if student and start:
            if student.date_of_birth:
                if age_on(student.date_of_birth, start) < APPRENTICESHIP_MIN_AGE:
                    found.add(None, _("An apprentice must be at least 15 years old on the start date."))
            elif not agreement.age_confirmed:
                found.add(
                    "age_confirmed",
                    _("The student's date of birth is not recorded: confirm that they are at least 15."),
                )
    else:
        # 531/2017 ch. 7 (training agreement): the student is not employed and gets no wage or
        # other compensation; the provider may pay the employer compensation only for a student
        # who needs demanding special support, with the reason recorded.
        if agreement.is_entrepreneur:
            found.add("is_entrepreneur", _("Only an apprenticeship can be an entrepreneur's own."))
        if agreement.other_employment_hours:
            found.add(
                "other_employment_hours",
                _("Only an apprenticeship counts the hours of another apprenticeship."),
            )
        if agreement.wage_confirmed:
            found.add(
                "wage_confirmed", _("A student on a training agreement is not employed and gets no wage.")
            )
        if agreement.training_compensation and not agreement.special_support:
            found.add(
                "training_compensation",
                _(
                    "No training compensation is paid for a training agreement, unless the student needs "
                    "demanding special support."
                ),
            )
        if (
            agreement.special_support
            and agreement.training_compensation
            and not agreement.special_support_reason
        ):
            found.add("special_support_reason", _("Record the reason for the special-support compensation."))
        if agreement.days_per_week is None:
            found.add("days_per_week", _("Give the number of days per week at the workplace."))
        else:
            low, high = TRAINING_DAYS_GUIDANCE
            if not (low <= agreement.days_per_week <= high):
                found.warn(
                    "days_outside_guidance_confirmed",
                    agreement.days_outside_guidance_confirmed,
                    _(
                        "A training agreement usually takes 1–5 days a week. Check the workplace's regular "
                        "hours and the working-hours rules, then confirm."
                    ),
                )

    # Young Workers' Act 998/1993: under 18s do no hazardous work without the arrangements.
    born = student.date_of_birth if student else None
    if born and start and age_on(born, start) < YOUNG_WORKER_AGE and not agreement.young_workers_considered:
        found.add(
            "young_workers_considered",
            _("The student is under 18 on the start date: confirm the young workers' rules were considered."),
        )

    # Combining both types is allowed ("Molempi parempi"); covering the same unit twice at
    # the same time is probably a mistake, so the teacher confirms it.
    if student and periods:
        units = {p.unit_id for p in periods}
        overlap = Q()
        for p in periods:
            overlap |= Q(unit_id=p.unit_id, start__lte=p.end, end__gte=p.start)
        clash = WorkPeriod.objects.filter(
            agreement__in=_other_agreements(agreement), unit_id__in=units
        ).filter(overlap)
        if clash.exists():
            found.warn(
                "overlap_confirmed",
                agreement.overlap_confirmed,
                _("Another agreement of this student covers the same unit at the same time: confirm it."),
            )

    if agreement.status == AgreementStatus.SIGNED:
        _signature_errors(agreement, found)
    if agreement.status == AgreementStatus.ENDED_EARLY:
        if not agreement.ended_on:
            found.add("ended_on", _("Give the date the agreement ended."))
        if not (agreement.end_reason or "").strip():
            found.add("end_reason", _("Give the reason for ending the agreement early."))
    return found


def _signature_errors(agreement, found: Findings) -> None:
    """Who signs (531/2017 ch. 7): an apprenticeship the student, the employer and the provider;
    a training agreement the employer and the provider, and the student is informed."""

    required = ["provider_signed_on"]
    if not agreement.is_entrepreneur:
        required.append("employer_signed_on")
    if agreement.type == AgreementType.APPRENTICESHIP:
        required.append("student_signed_on")
    else:
        required.append("student_informed_on")
    for name in required:
        if not getattr(agreement, name):
            found.add(name, _("Record this date before marking the agreement signed."))


def status_change_error(agreement, new_status: str, *, old_status: str | None = None):
    """The message for an illegal status change, or None. Draft → signed or cancelled;
    signed → ended early. Active and completed follow from the dates. An unknown status is
    refused with a message like any other illegal change (never a ValueError).

    `old_status` is the stored status when `agreement.status` already holds the new value
    (the admin's form). The service and the admin both ask this function."""

    old_status = agreement.status if old_status is None else old_status
    if new_status not in AgreementStatus.values:
        return _("“%(new)s” is not a status of an agreement.") % {"new": new_status}
    allowed = {
        AgreementStatus.DRAFT: {AgreementStatus.SIGNED, AgreementStatus.CANCELLED},
        AgreementStatus.SIGNED: {AgreementStatus.ENDED_EARLY},
    }
    if new_status not in allowed.get(old_status, set()):
        return _("An agreement cannot go from “%(old)s” to “%(new)s”.") % {
            "old": AgreementStatus(old_status).label,
            "new": AgreementStatus(new_status).label,
        }
    return None


def new_agreement_status_error(status: str):
    """A new agreement starts as a draft (agreement_create); it is signed or cancelled later."""

    if status != AgreementStatus.DRAFT:
        return _("A new agreement starts as a draft: save it first, then change its status.")
    return None


def item_errors(
    done_on: datetime.date | None, today: datetime.date | None = None, *, kind: str = ""
) -> Findings:
    """A checkpoint item records what was done: never on a day still to come. The induction
    item is also the instructor's induction record, so it says what the instructor's page
    says (`instructor_training_errors`)."""
    found = Findings()
    today = today or timezone.localdate()
    if done_on is not None and done_on > today:
        if kind == ItemKind.INDUCTION:
            found.add("done_on", NOT_IN_ADVANCE)
        else:
            found.add("done_on", _("A checkpoint item cannot be marked done on a future date."))
    return found


def work_period_errors(period) -> Findings:
    found = Findings()
    if period.start and period.end and period.end < period.start:
        found.add("end", _("A work period cannot end before it starts."))
    return found


def interruption_errors(interruption) -> Findings:
    """An interruption lies inside its work period and overlaps no other; one without an end
    is still going on, and so overlaps every later one."""
    found = Findings()
    if not interruption.start:
        return found
    if interruption.end is not None and interruption.end < interruption.start:
        found.add("end", _("An interruption cannot end before it starts."))
        return found
    period = interruption.work_period
    if interruption.start < period.start or (interruption.end or interruption.start) > period.end:
        found.add(None, _("An interruption must lie inside its work period."))
    clash = period.interruptions.filter(Q(end__isnull=True) | Q(end__gte=interruption.start))
    if interruption.end is not None:
        clash = clash.filter(start__lte=interruption.end)
    if interruption.pk:
        clash = clash.exclude(pk=interruption.pk)
    if clash.exists():
        found.add(None, _("Interruptions of a work period cannot overlap."))
    return found


def demonstration_errors(demonstration) -> Findings:
    """Assessors (531/2017 ch. 8; Administrative Procedure Act 434/2003, 27–29 §)."""
    StudentRelation = _model("StudentRelation")

    found = Findings()
    has_worklife = demonstration.worklife_assessor_id is not None
    has_second_teacher = demonstration.second_teacher_assessor_id is not None
    if has_worklife and has_second_teacher:
        found.add(None, _("Name either a working-life assessor or a second teacher, not both."))
    if has_second_teacher:
        if demonstration.second_teacher_assessor_id == demonstration.teacher_assessor_id:
            found.add("second_teacher_assessor", _("The two assessors must be different people."))
        if not (demonstration.two_teachers_reason or "").strip():
            found.add(
                "two_teachers_reason",
                _("Two teachers may assess only for a special reason: record the reason."),
            )
    scheduled = demonstration.status in (DemonstrationStatus.SCHEDULED, DemonstrationStatus.HELD)
    if scheduled and not (has_worklife or has_second_teacher):
        found.add("worklife_assessor", _("A scheduled demonstration needs its second assessor."))
    if scheduled and not demonstration.date:
        found.add("date", _("A scheduled demonstration needs a date."))
    if demonstration.start_time is not None and not demonstration.duration_minutes:
        found.add("duration_minutes", _("Give the duration with the start time."))
    if demonstration.duration_minutes and demonstration.start_time is None:
        found.add("start_time", _("Give the start time with the duration."))
    agreement = demonstration.agreement if demonstration.agreement_id else None
    if agreement and demonstration.student_id and agreement.student_id != demonstration.student_id:
        found.add("agreement", _("Choose an agreement of this student."))
    if demonstration.student_id:
        relations = StudentRelation.objects.filter(student_id=demonstration.student_id)
        staff = {demonstration.teacher_assessor_id, demonstration.second_teacher_assessor_id} - {None}
        if has_worklife and relations.filter(person_id=demonstration.worklife_assessor_id).exists():
            found.add(
                "worklife_assessor",
                _("This person is marked as related to the student and is disqualified as an assessor."),
            )
        if staff and relations.filter(staff_id__in=staff).exists():
            found.add(None, _("A teacher assessor is marked as related to the student and is disqualified."))
    return found


def demonstration_warnings(demonstration, today: datetime.date) -> list[str]:
    """What the teacher should look at twice, though saving is allowed: a date already past,
    a date outside the agreement's work periods (competence is demonstrated in practical work
    tasks, usually at the workplace: 531/2017 ch. 8), and bookings that overlap its time: the
    student's, or an assessor's other demonstrations (the provider names both assessors, who
    must both be there: 531/2017 ch. 8)."""
    Demonstration = _model("Demonstration")

    warnings: list[str] = []
    span = demonstration.span()
    if span is None or demonstration.status == DemonstrationStatus.CANCELLED:
        return warnings
    if demonstration.date < today and demonstration.status != DemonstrationStatus.HELD:
        warnings.append(_("The date is in the past."))
    if demonstration.agreement_id:
        periods = list(demonstration.agreement.work_periods.all())
        if periods and not any(p.start <= demonstration.date <= p.end for p in periods):
            warnings.append(_("The date is outside the work periods of the agreement."))
    staff = {demonstration.teacher_assessor_id, demonstration.second_teacher_assessor_id} - {None}
    people = Q(student_id=demonstration.student_id) | Q(teacher_assessor_id__in=staff)
    people |= Q(second_teacher_assessor_id__in=staff)
    if demonstration.worklife_assessor_id:
        people |= Q(worklife_assessor_id=demonstration.worklife_assessor_id)
    others = (
        Demonstration.objects.filter(people, date=demonstration.date)
        .exclude(status=DemonstrationStatus.CANCELLED)
        .exclude(pk=demonstration.pk)
        .select_related("teacher_assessor", "second_teacher_assessor", "worklife_assessor")
    )
    for other in others:
        other_start, other_end = other.span()
        if not (other_start < span[1] and span[0] < other_end):
            continue
        if other.student_id == demonstration.student_id:
            who = [_("The student")]
        else:
            who = [
                getattr(person, "full_name", None) or str(person)
                for person, same in (
                    (other.teacher_assessor, other.teacher_assessor_id in staff),
                    (other.second_teacher_assessor, other.second_teacher_assessor_id in staff),
                    (
                        other.worklife_assessor,
                        other.worklife_assessor_id
                        and other.worklife_assessor_id == demonstration.worklife_assessor_id,
                    ),
                )
                if same
            ]
        when = f"{other.start_time:%H.%M}–{other_end:%H.%M}" if other.start_time is not None else _("all day")
        # Another student's name stays out: the teacher may not be allowed to see them.
        warnings.append(
            _("%(who)s has another skills demonstration booked at the same time (%(when)s).")
            % {"who": ", ".join(str(name) for name in who), "when": when}
        )
    return warnings


def concurrent_hours(declared: Decimal, entered: list[Decimal]) -> Decimal:
    """The hours a week of the student's other apprenticeships in one stretch of weeks.

    531/2017 ch. 7 (apprenticeship; domain.md, "working time"): the regular working time is on
    average at least 25 hours a week, and concurrent apprenticeships with several employers
    may together make it up. So that either of two concurrent apprenticeships can be entered
    first, the first one declares the other employment's hours until it is entered. Once an
    apprenticeship of the student is entered for those weeks, its own hours count instead of
    the declaration, and every save of either agreement checks the real total again.
    """
    return sum(entered, Decimal(0)) if entered else declared


def instructor_training_errors(training) -> Findings:
    """An induction or training is recorded when it has happened, for the agreement's own
    instructor (531/2017 ch. 7: the responsible workplace instructor is inducted)."""
    found = Findings()
    if training.date and training.date > timezone.localdate():
        found.add("date", NOT_IN_ADVANCE)
    agreement = training.agreement if training.agreement_id else None
    if agreement and agreement.instructor_id != training.person_id:
        found.add("agreement", _("Choose an agreement this person instructs."))
    return found


def induction_notices(agreement, inducted_on: datetime.date) -> list[str]:
    """What the teacher is told after recording the induction for `agreement` (saving is
    allowed): checkpoint 4 of the workbook asks for the instructor to be inducted before the
    student's work period starts, so an induction dated after the first period began is late.
    The instructor's page and the agreement's checkpoint item both say it."""
    starts = [p.start for p in agreement.work_periods.all() if p.start]
    if starts and inducted_on > min(starts):
        return [
            _(
                "The induction is dated after the work period started on %(start)s: "
                "checkpoint 4 asks for the instructor to be inducted before the student starts."
            )
            % {"start": formats.date_format(min(starts), "SHORT_DATE_FORMAT")}
        ]
    return []
