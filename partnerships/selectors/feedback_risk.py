"""Which work periods put the national working-life feedback at risk (checkpoint 6): the
survey to the workplace instructor that eHOKS decides and herätepalvelu sends. The agreement
pages, the lists, the dashboard and the reminder sweep all ask this module, so they report
the same periods. The rules and their sources are below (README.md, "National feedback: when
the instructor's survey is at risk")."""

import calendar
import datetime
import re
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import ExtractMonth, ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from core.phones import finnish_mobile_e164_regex, format_phone

from ..models import AgreementStatus, ContactPerson, Interruption, WorkPeriod

# The survey to the workplace instructor (työelämäpalaute, TEP) is decided in eHOKS and sent by
# herätepalvelu, both Opetushallitus' open source. The rules below follow them; README.md
# ("National feedback: when the instructor's survey is at risk") lists them with their sources:
#
# - Opetushallitus/ehoks, src/oph/ehoks/hoks/osaamisen_hankkimistapa.clj
#   (`palautteenkeruu-allowed-tyopaikkajakso?`: the instructor's name, the workplace's name and
#   its Y-tunnus; `has-required-osa-aikaisuustieto?`: the part-time percentage);
# - Opetushallitus/ehoks, src/oph/ehoks/palaute/tyoelama.clj (`fully-keskeytynyt?`: an
#   interruption covering the last day, or still open then, means no survey;
#   `next-niputus-date`: the bundling date, the 16th or the 1st after the last day);
# - Opetushallitus/ehoks, src/oph/ehoks/palaute/tyoelama/nippu.clj (`tunniste`: one bundle per
#   instructor's name, Y-tunnus, provider and qualification, on one bundling date);
# - Opetushallitus/ehoks, src/oph/ehoks/palaute.clj (`valid-herate-date?`: a survey is formed only
#   within the funding season that starts on 1 July);
# - Opetushallitus/heratepalvelu, src/oph/heratepalvelu/tep/emailHandler.clj (`lahetysosoite`:
#   the bundle's one e-mail address, none when its periods give different ones) and
#   tep/tepSmsHandler.clj (`ohjaaja-puhnro`, `valid-number?`: the one phone number, sent to only
#   when it is a Finnish mobile).

# Which agreements produce a survey: an agreement ended early still does, for the shortened period.
SURVEY_STATUSES = (AgreementStatus.DRAFT, AgreementStatus.SIGNED, AgreementStatus.ENDED_EARLY)
_MOBILE = re.compile(finnish_mobile_e164_regex())


def next_niputus_date(day: datetime.date) -> datetime.date:
    """The bundling date after a last day: the 16th of the month for a day before the 16th,
    otherwise the 1st of the next month (ehoks, palaute/tyoelama.clj `next-niputus-date`)."""
    if day.day < 16:
        return day.replace(day=16)
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def correction_window_closes(last_day: datetime.date) -> datetime.date:
    """The last day a period's data can still be fixed for its survey: until the survey
    population is drawn in the month after the last day, and never across the funding season's
    boundary of 1 July (ehoks, palaute.clj `valid-herate-date?`). 15.6. → 30.6., 15.9. → 30.9."""
    month_end = last_day.replace(day=calendar.monthrange(last_day.year, last_day.month)[1])
    season_end = datetime.date(last_day.year if last_day.month <= 6 else last_day.year + 1, 6, 30)
    return min(month_end, season_end)


def survey_last_day(period: WorkPeriod) -> datetime.date | None:
    """The last day the survey is about: the period's end, or the day an agreement ended early
    when that came first; None when the agreement ended before the period began."""
    agreement = period.agreement
    ended_on = agreement.ended_on if agreement.status == AgreementStatus.ENDED_EARLY else None
    if ended_on is None or ended_on >= period.end:
        return period.end
    return ended_on if ended_on >= period.start else None


def fully_interrupted(interruptions, last_day: datetime.date) -> bool:
    """An interruption that has begun by the last day and lasts to it, or has no end, means no
    survey; earlier interruptions only shorten the period (ehoks `fully-keskeytynyt?`)."""
    return any(i.start <= last_day and (i.end is None or i.end >= last_day) for i in interruptions)


def _last_day_expression():
    shortened = Q(agreement__status=AgreementStatus.ENDED_EARLY, agreement__ended_on__lt=F("end"))
    return Case(When(shortened, then=F("agreement__ended_on")), default=F("end"), output_field=DateField())


def _bucket_expression(field: str):
    """The bundling date as a number (YYYYMMDD of the 16th or the 1st before it), comparable in SQL."""
    half = Case(When(**{f"{field}__day__gte": 16}, then=Value(1)), default=Value(0))
    return ExtractYear(field) * 10000 + ExtractMonth(field) * 100 + half


def with_feedback_facts(queryset: QuerySet) -> QuerySet:
    """Work periods with the day their survey is about and whether an interruption covers
    that day."""
    covering = Interruption.objects.filter(
        Q(end__isnull=True) | Q(end__gte=OuterRef("feedback_last_day")),
        work_period=OuterRef("pk"),
        start__lte=OuterRef("feedback_last_day"),
    )
    return queryset.annotate(feedback_last_day=_last_day_expression()).annotate(
        feedback_interrupted=Exists(covering)
    )


def _surveyed(queryset: QuerySet) -> QuerySet:
    return with_feedback_facts(queryset.filter(agreement__status__in=SURVEY_STATUSES)).filter(
        feedback_interrupted=False, feedback_last_day__gte=F("start")
    )


def _namesakes_with_another_address(person: str = "") -> QuerySet:
    """The contact people with the name of the outer query's contact person (`person`, a path
    to it ending in "__", or "" for the contact person itself) and another address or none."""
    return ContactPerson.objects.filter(
        first_name=OuterRef(f"{person}first_name"), last_name=OuterRef(f"{person}last_name")
    ).exclude(email=OuterRef(f"{person}email"))


def _without_one_address() -> QuerySet:
    """The ids of the contact people without an e-mail address, or with a namesake who has
    another address (or none)."""
    with_namesake = ContactPerson.objects.filter(Exists(_namesakes_with_another_address())).values("pk")
    return ContactPerson.objects.filter(Q(email="") | Q(pk__in=with_namesake)).values("pk")


def _instructor_without_one_address() -> Q:
    """Work periods whose instructor is one of `_without_one_address`, asked of each period's
    own instructor by name (`contact_person_by_name`) instead of over every contact person."""
    instructor = "agreement__instructor__"
    return Q(**{f"{instructor}email": ""}) | Exists(_namesakes_with_another_address(instructor))


def _unreachable(today: datetime.date) -> QuerySet:
    """The surveyed periods whose bundle offers no one e-mail address and no one Finnish mobile
    number (herätepalvelu `lahetysosoite`, `ohjaaja-puhnro`), as one subquery over every bundle
    still open: window functions compare each bundle's lowest and highest address and number,
    instead of a subquery per period. A bundle falls in one month, so in one correction window.

    The window sees only the periods whose instructor has no address, or a namesake with
    another address or none: a bundle's instructors share a name, and a name whose every
    contact person has one and the same address gives each of its bundles that address.
    Either every contact person of a name is kept or none is, so a bundle is windowed whole
    or not at all, and the window sorts those periods only, not every open period."""
    instructor = "agreement__instructor"
    email, phone = f"{instructor}__email", f"{instructor}__phone"
    bundle = [
        F(f"{instructor}__first_name"),
        F(f"{instructor}__last_name"),
        F("agreement__workplace__employer__business_id"),
        F("unit__qualification_id"),
        F("feedback_bucket"),  # annotated below, the one query that needs it
    ]
    given_email = Case(When(~Q(**{email: ""}), then=F(email)))
    # A number that is no Finnish mobile counts as "-", which differs from every mobile: the
    # bundle has one mobile exactly when its lowest and highest numbers are that mobile.
    given_mobile = Case(
        When(Q(**{f"{phone}__regex": _MOBILE.pattern}), then=F(phone)),
        When(~Q(**{phone: ""}), then=Value("-")),
    )
    periods = WorkPeriod.objects.filter(**{f"{instructor}__in": _without_one_address()})
    rows = (
        _surveyed(periods)
        .filter(_still_open(today))
        .annotate(feedback_bucket=_bucket_expression("feedback_last_day"))
        .annotate(
            low_email=Window(Min(given_email), partition_by=bundle),
            high_email=Window(Max(given_email), partition_by=bundle),
            low_mobile=Window(Min(given_mobile), partition_by=bundle),
            high_mobile=Window(Max(given_mobile), partition_by=bundle),
        )
    )
    one_email = Q(low_email__isnull=False, low_email=F("high_email"))
    one_mobile = Q(low_mobile__isnull=False, low_mobile=F("high_mobile")) & ~Q(low_mobile="-")
    return rows.exclude(one_email | one_mobile).values("pk")


def _own_risk(today: datetime.date) -> Q:
    """The terms of `feedback_risk_condition` that a period's own row decides: all but the
    bundle check."""
    soon = today + datetime.timedelta(days=settings.KUMPPANI_EHOKS_DEADLINE_DAYS)
    return (
        Q(agreement__workplace__employer__business_id__isnull=True)
        | Q(agreement__workplace__employer__business_id="")
        | Q(agreement__instructor__isnull=True)
        | Q(part_time_percent__isnull=True)
        | (Q(ehoks_entered_on__isnull=True) & Q(feedback_last_day__lte=soon))
        | Q(agreement__status=AgreementStatus.ENDED_EARLY, feedback_last_day__lt=F("end"))
    )


def feedback_risk_condition(today: datetime.date | None = None) -> Q:
    """Work periods (annotated by `with_feedback_facts`) whose national feedback is at risk:
    computed from the current data, the same rules as `feedback_warnings`."""
    today = today or timezone.localdate()
    # Last: PostgreSQL tries the terms in order, and the first row to reach this one runs
    # its subquery, which a period decided by the cheap terms before it never needs.
    missing = _own_risk(today) | Q(pk__in=_unreachable(today))
    return _still_open(today) & missing


def _still_open(today: datetime.date) -> Q:
    """Open until the month of the last day is over (correction_window_closes). The last day
    is never after the period's end, so the end is asked too: an index can skip the ended
    periods, which are most of them once a school has a few years of history."""
    month_start = today.replace(day=1)
    return Q(end__gte=month_start, feedback_last_day__gte=month_start)


def at_risk(queryset: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """The periods of `queryset` whose national feedback is at risk today."""
    return _surveyed(queryset).filter(feedback_risk_condition(today))


def _listed(queryset: QuerySet) -> QuerySet:
    return queryset.select_related(
        "agreement__student", "agreement__workplace__employer", "agreement__instructor", "unit"
    ).order_by(F("end").asc(), "pk")


def periods_at_risk(queryset: QuerySet | None = None, today: datetime.date | None = None) -> QuerySet:
    queryset = WorkPeriod.objects.all() if queryset is None else queryset
    return _listed(at_risk(queryset, today))


def _reachable(contacts: list[tuple[str, str]]) -> bool:
    """The bundle's one e-mail address, or its one phone number when that is a Finnish
    mobile (the same rule as `_unreachable` and `_contact_risk`)."""
    emails = {email for email, _phone in contacts if email}
    phones = {phone for _email, phone in contacts if phone}
    return len(emails) == 1 or (len(phones) == 1 and bool(_MOBILE.match(next(iter(phones)))))


def first_periods_at_risk(queryset: QuerySet | Q, today: datetime.date | None = None, *, limit: int) -> list:
    """The first `limit` periods of `queryset` at risk, soonest first, with what a list shows
    of them and their warnings (`feedback_warnings`). `queryset` may be a condition on the
    work periods instead (a Q through the period and its forward relations). Tested against
    `at_risk` on the same data."""
    today = today or timezone.localdate()
    periods = WorkPeriod.objects.filter(queryset) if isinstance(queryset, Q) else queryset
    ids, bundles = _first_at_risk_ids(periods, today, limit)
    return _with_warnings(ids, today, bundles=bundles)


def _first_at_risk_ids(periods: QuerySet, today: datetime.date, limit: int) -> tuple[list[int], dict]:
    """The ids of the first `limit` periods of `periods` at risk, soonest first, and the
    bundles of those whose instructor the bundle check looks at (keyed as `_bundles` keys
    them, for `feedback_warnings`).

    Every period at risk is decided by its own row (`_own_risk`) or has an instructor
    without one address (`_without_one_address`): an instructor with an address that no
    namesake contradicts gives each of their bundles that one address. So the periods are
    walked soonest first through those candidates only, a few at a time (PostgreSQL walks
    `work_period_by_end` to the LIMIT, or sorts a teacher's own periods), and a
    candidate that its own row does not decide is judged by its bundle, read for the
    candidates of the batch in one query (`_bundles`). No window over every bundle, no
    population of every open period read into Python."""
    own = _own_risk(today)
    looked_at = _instructor_without_one_address()
    instructor = "agreement__instructor"
    candidates = (
        _surveyed(periods)
        .filter(_still_open(today) & (own | looked_at))
        .annotate(
            decided=ExpressionWrapper(own, output_field=BooleanField()),
            looked=ExpressionWrapper(looked_at, output_field=BooleanField()),
        )
        .order_by("end", "pk")
        .values_list(
            "pk",
            "decided",
            "looked",
            f"{instructor}__first_name",
            f"{instructor}__last_name",
            "agreement__workplace__employer__business_id",
            "unit__qualification_id",
            "feedback_last_day",
        )
    )
    # Most candidates are at risk: a batch of twice the limit is nearly always the only one.
    batch = 2 * limit
    risky: list[int] = []
    bundles: dict[tuple, list] = {}
    offset = 0
    while len(risky) < limit:
        rows = list(candidates[offset : offset + batch])
        keys = {}
        for pk, _decided, looked, first, last, business_id, qualification, last_day in rows:
            if looked and business_id:
                keys[pk] = (first, last, business_id, qualification, next_niputus_date(last_day))
        bundles.update(_bundles(set(keys.values()) - bundles.keys()))
        for pk, decided, *_facts in rows:
            if decided or not _reachable(bundles.get(keys.get(pk), [])):
                risky.append(pk)
        if len(rows) < batch:
            break
        offset += batch
    return risky[:limit], bundles


def _with_warnings(ids: list[int], today: datetime.date, *, bundles: dict | None = None) -> list:
    """The periods of `ids`, soonest first, with what a list shows of them and their warnings
    (`bundles` as `feedback_warnings` takes them, when the caller has them already)."""
    periods = list(
        WorkPeriod.objects.filter(pk__in=ids)
        .select_related(
            "agreement__student", "agreement__workplace__employer", "agreement__instructor", "unit"
        )
        .prefetch_related("interruptions")
        .order_by(F("end").asc(), "pk")
    )
    feedback_warnings(periods, today, bundles=bundles)
    return periods


@dataclass(frozen=True)
class FeedbackRisk:
    """One thing that keeps the survey from the instructor, and the form that fixes it."""

    key: str
    message: str
    url: str
    action: str


@dataclass(frozen=True)
class FeedbackWarning:
    risks: list[FeedbackRisk]
    last_day: datetime.date
    closes: datetime.date

    def __bool__(self) -> bool:
        return bool(self.risks)

    @property
    def labels(self) -> list[str]:
        return [risk.message for risk in self.risks]


def _bundle_key(period: WorkPeriod, last_day: datetime.date):
    instructor = period.agreement.instructor
    business_id = period.agreement.workplace.employer.business_id
    if instructor is None or not business_id:
        return None
    return (
        instructor.first_name,
        instructor.last_name,
        business_id,
        period.unit.qualification_id,
        next_niputus_date(last_day),
    )


def _interruptions(periods: list[WorkPeriod]) -> dict[int, list]:
    """The interruptions of each period: the prefetched ones, or all in one query."""
    if all("interruptions" in getattr(p, "_prefetched_objects_cache", {}) for p in periods):
        return {p.pk: list(p.interruptions.all()) for p in periods}
    found = defaultdict(list)
    for interruption in Interruption.objects.filter(work_period__in=[p.pk for p in periods]):
        found[interruption.work_period_id].append(interruption)
    return found


def _bundles(keys: set) -> dict[tuple, list[tuple[str, str]]]:
    """The instructor's e-mail address and phone of every surveyed period of the given bundles,
    in one query however many there are."""
    if not keys:
        return {}
    first_bundle, last_bundle = min(k[4] for k in keys), max(k[4] for k in keys)
    instructor = "agreement__instructor"
    rows = _surveyed(
        WorkPeriod.objects.filter(
            **{f"{instructor}__last_name__in": {k[1] for k in keys}},
            agreement__workplace__employer__business_id__in={k[2] for k in keys},
            unit__qualification_id__in={k[3] for k in keys},
            # A bundling date follows the last days of the half-month before it; a period
            # shortened by an early end may have planned to end later.
            end__gte=first_bundle - datetime.timedelta(days=16),
        ).filter(Q(end__lt=last_bundle) | Q(agreement__status=AgreementStatus.ENDED_EARLY))
    ).values_list(
        f"{instructor}__first_name",
        f"{instructor}__last_name",
        "agreement__workplace__employer__business_id",
        "unit__qualification_id",
        "feedback_last_day",
        f"{instructor}__email",
        f"{instructor}__phone",
    )
    bundles = defaultdict(list)
    for first, last, business_id, qualification, last_day, email, phone in rows:
        key = (first, last, business_id, qualification, next_niputus_date(last_day))
        if key in keys:
            bundles[key].append((email, phone))
    return bundles


def _contact_risk(period: WorkPeriod, bundle: list[tuple[str, str]], niputus: datetime.date | None):
    """The survey goes by e-mail to the bundle's one address, and by SMS to its one number when
    that is a Finnish mobile; either is enough. None when the instructor can be reached."""
    instructor = period.agreement.instructor
    emails = sorted({email for email, _phone in bundle if email})
    phones = sorted({phone for _email, phone in bundle if phone})
    if len(emails) == 1 or (len(phones) == 1 and _MOBILE.match(phones[0])):
        return None
    url = reverse("partnerships:person_edit", args=[instructor.pk])
    action = gettext("Edit %(name)s") % {"name": instructor.full_name}
    if len(emails) > 1 or len(phones) > 1:
        details = []
        if len(emails) > 1:
            details.append(gettext("e-mail addresses %(list)s") % {"list": ", ".join(emails)})
        if len(phones) > 1:
            details.append(
                gettext("phone numbers %(list)s") % {"list": ", ".join(format_phone(p) for p in phones)}
            )
        message = gettext(
            "%(name)s instructs other periods bundled into the same survey (%(date)s) with different "
            "contact details (%(details)s), and the bundle has no one address or Finnish mobile "
            "number: nobody is asked. Give every record of this instructor the same e-mail address."
        ) % {
            "name": instructor.full_name,
            "date": date_format(niputus, "SHORT_DATE_FORMAT"),
            "details": "; ".join(details),
        }
        return FeedbackRisk("bundle_conflict", message, url, action)
    if phones:
        message = gettext(
            "%(name)s has no e-mail address, and %(phone)s is not a Finnish mobile number: the "
            "survey reaches the instructor by e-mail or by SMS to a Finnish mobile."
        ) % {"name": instructor.full_name, "phone": format_phone(phones[0])}
    else:
        message = gettext("%(name)s has neither an e-mail address nor a Finnish mobile number.") % {
            "name": instructor.full_name
        }
    return FeedbackRisk("instructor_contact", message, url, action)


def feedback_warnings(
    periods: list[WorkPeriod], today: datetime.date | None = None, *, bundles: dict | None = None
) -> None:
    """Set `period.feedback_warning` on each period: what keeps its survey from the instructor,
    each with a link to the form that fixes it, and until when it can be fixed (None: nothing to
    warn about). A constant number of queries however many periods; the periods need their
    agreement, workplace, employer, instructor and unit loaded. `bundles`, the contact details
    of every period of their bundles keyed as `_bundles` keys them, spares that query."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=settings.KUMPPANI_EHOKS_DEADLINE_DAYS)
    interruptions = _interruptions(periods) if periods else {}
    facts = {}
    for period in periods:
        period.feedback_warning = None
        last_day = survey_last_day(period) if period.agreement.status in SURVEY_STATUSES else None
        if last_day is None or correction_window_closes(last_day) < today:
            continue
        if fully_interrupted(interruptions.get(period.pk, []), last_day):
            continue
        facts[period.pk] = (last_day, _bundle_key(period, last_day))
    if bundles is None:
        bundles = _bundles({key for _last, key in facts.values() if key})
    for period in periods:
        if period.pk not in facts:
            continue
        last_day, key = facts[period.pk]
        agreement = period.agreement
        employer = agreement.workplace.employer
        edit_agreement = reverse("partnerships:agreement_edit", args=[agreement.pk])
        risks = []
        if not employer.business_id:
            risks.append(
                FeedbackRisk(
                    "business_id",
                    gettext("%(employer)s has no business ID (Y-tunnus).") % {"employer": employer.name},
                    reverse("partnerships:employer_edit", args=[employer.pk]),
                    gettext("Edit the employer"),
                )
            )
        if agreement.instructor is None:
            risks.append(
                FeedbackRisk(
                    "instructor",
                    gettext("No responsible workplace instructor is named."),
                    edit_agreement,
                    gettext("Edit the agreement"),
                )
            )
        else:
            bundle = bundles.get(key) or [(agreement.instructor.email, agreement.instructor.phone)]
            risk = _contact_risk(period, bundle, key[4] if key else None)
            if risk:
                risks.append(risk)
        if period.part_time_percent is None:
            risks.append(
                FeedbackRisk(
                    "part_time",
                    gettext("The part-time percentage of the work period is missing."),
                    edit_agreement,
                    gettext("Edit the work periods"),
                )
            )
        if period.ehoks_entered_on is None and last_day <= soon:
            risks.append(
                FeedbackRisk(
                    "ehoks",
                    gettext("The work period is not marked as entered in eHOKS."),
                    f"{agreement.get_absolute_url()}#period-{period.pk}",
                    gettext("Mark it entered"),
                )
            )
        if last_day < period.end:
            risks.append(
                FeedbackRisk(
                    "ended_early",
                    gettext(
                        "The agreement ended early on %(date)s: the survey is about the shortened period, "
                        "so correct the work period's end date in eHOKS to %(date)s."
                    )
                    % {"date": date_format(last_day, "SHORT_DATE_FORMAT")},
                    f"{agreement.get_absolute_url()}#period-{period.pk}",
                    gettext("Open the agreement"),
                )
            )
        if risks:
            period.feedback_warning = FeedbackWarning(risks, last_day, correction_window_closes(last_day))
