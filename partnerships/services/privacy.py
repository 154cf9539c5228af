"""A student's right to erasure (GDPR art. 17) and the retention period (art. 5(1)(e)).

Erasure anonymises instead of deleting: the rows stay, so agreements, work periods, feedback
scores and every figure built on them are unchanged, but nothing left identifies the student,
neither in the current rows nor in the change history (django-simple-history keeps the old
value of every field, so the historical rows are rewritten too), nor in free text staff
typed (services.mentions: every inflected form of the names, and the student number), nor in
the cache (core.cachescrub). One new history entry says who erased the record and when, and
what was changed in free text, by counts and links to records to check, never by content.
"""

import datetime
import re
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, CharField, Q, Value, When
from django.db.models.functions import Cast, Concat, Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from simple_history.utils import get_history_manager_for_model

from core.cachescrub import cache_delete_mentioning
from core.models import Lock, OutboxMessage, User

from ..choices import ErasureReason
from ..models import (
    Agreement,
    AgreementItem,
    Demonstration,
    FeedbackAnswer,
    FeedbackReaction,
    FeedbackRequest,
    Interruption,
    Respondent,
    Student,
    StudentRelation,
    ThankYou,
)
from ..selectors.privacy import students_due_for_erasure
from .mentions import MARK, Mentions, mentions_replace

# MARK replaces the student's name, or a required reason, in text that is kept.
# Students erased in one transaction by the retention sweep: each batch takes the same number
# of queries whatever its size.
BATCH = 200


# The history entry names the reason only; translated when shown (templates/partnerships/history.html).
HISTORY_REASONS = {
    ErasureReason.REQUEST: gettext_noop("personal data erased at the student's request"),
    ErasureReason.NOT_NEEDED: gettext_noop("personal data erased: no longer needed"),
    ErasureReason.RETENTION: gettext_noop("personal data erased: the retention period ended"),
}

PERSONAL = {
    "first_name": "",
    "last_name": "",
    "email": "",
    "phone": "",
    "date_of_birth": None,
    "learner_oid": "",
}


# Steps that apps above partnerships add to every erasure, run in its transaction while the
# students still have their numbers (imports/apps.py: the rows of student imports not yet
# run). Each is called with the students and their reports, and counts what it changed.
_ERASURE_STEPS: list[Callable[[list[Student], dict], None]] = []


def erasure_step_register(step: Callable[[list[Student], dict], None]) -> None:
    """Called from an AppConfig.ready(); the same step registered twice runs once."""
    if step not in _ERASURE_STEPS:
        _ERASURE_STEPS.append(step)


class AlreadyErased(ValidationError):
    """The student's personal data was erased before: nothing to do, and nothing done."""


def _token():
    """A unique student number that says nothing about the person: the row's own id."""
    return Concat(Value("erased-"), Cast("id", CharField()))


def _masked(field: str):
    """Blank text stays blank; text that a constraint requires becomes MARK."""
    return Case(When(**{field: ""}, then=Value("")), default=Value(MARK))


def erase_student(student: Student, *, by: User | None, reason: str) -> Student:
    """Erase one student's personal data. Refused (AlreadyErased) when it already was, so a
    double submission or a second worker changes nothing."""
    with transaction.atomic():
        locked = Student.objects.select_for_update().get(pk=student.pk)
        if locked.erased_at is not None:
            raise AlreadyErased(_("This student's personal data has already been erased."))
        _erase([locked], by=by, reason=reason)
    student.refresh_from_db()
    return student


def _erase(students: list[Student], *, by: User | None, reason: str) -> None:
    """Set-based: the same queries for one student or a batch of them."""
    ids = [s.pk for s in students]
    agreement_ids = list(Agreement.objects.filter(student_id__in=ids).values_list("pk", flat=True))
    own_requests = FeedbackRequest.objects.filter(student_id__in=ids, respondent=Respondent.STUDENT)
    request_ids = list(own_requests.values_list("pk", flat=True))
    reactions = FeedbackReaction.objects.filter(request_id__in=request_ids)
    reaction_ids = list(reactions.values_list("pk", flat=True))

    # E-mails and free text are searched for the names and numbers, so before blanking.
    mentions = Mentions(students)
    reports = mentions_replace(students, mentions)
    _scrub_outbox(students, mentions, reports, request_ids, reaction_ids, agreement_ids)
    for step in _ERASURE_STEPS:
        step(students, reports)

    now = timezone.now()
    Student.objects.filter(pk__in=ids).update(
        **PERSONAL, student_number=_token(), erased_at=now, updated_at=now
    )
    Student.history.model.objects.filter(id__in=ids).update(**PERSONAL, student_number=_token())

    # The HOKS reference identifies the student's plan in the national service; the reasons
    # may name them or their health.
    agreement_text = {
        "hoks_reference": "",
        "special_support_reason": "",
        "end_reason": _masked("end_reason"),
    }
    Agreement.objects.filter(pk__in=agreement_ids).update(**agreement_text)
    Agreement.history.model.objects.filter(student_id__in=ids).update(**agreement_text)
    AgreementItem.objects.filter(agreement_id__in=agreement_ids).update(
        note="", not_applicable_reason=_masked("not_applicable_reason")
    )
    Interruption.objects.filter(work_period__agreement_id__in=agreement_ids).update(note="", communicated="")
    ThankYou.objects.filter(agreement_id__in=agreement_ids).update(personal_note="")
    Demonstration.objects.filter(student_id__in=ids).update(
        two_teachers_reason=_masked("two_teachers_reason")
    )
    # A relation exists only to name the student's relatives: nothing to count, so it goes.
    StudentRelation.objects.filter(student_id__in=ids).delete()
    # The student's own answers keep their scores; the free text and address go.
    own_requests.update(email="", comment="")
    FeedbackAnswer.objects.filter(request_id__in=request_ids).update(text="")
    reactions.update(text=MARK)
    FeedbackReaction.history.model.objects.filter(id__in=reaction_ids).update(text=MARK)

    erased = list(Student.objects.filter(pk__in=ids))
    records = get_history_manager_for_model(Student).bulk_history_create(
        erased, update=True, default_user=by, default_change_reason=HISTORY_REASONS[reason]
    )
    # What was changed, in the record that says who erased the student and why.
    for record in records:
        record.erasure_report = reports[record.id].as_json()
    Student.history.model.objects.bulk_update(records, ["erasure_report"])
    _forget_cached(mentions)


def _scrub_outbox(students, mentions: Mentions, reports, request_ids, reaction_ids, agreement_ids) -> None:
    """E-mails to the student are deleted (sent or not: Kumppani no longer contacts them);
    in e-mails to others about the student (thanks, reminders, digests) the name is replaced."""
    keys = [f"{kind}:{pk}" for pk in request_ids for kind in ("feedback-request", "feedback-reminder")]
    keys += [f"you-said-we-did:{pk}" for pk in reaction_ids]
    emails = [s.email.lower() for s in students if s.email]
    OutboxMessage.objects.annotate(to_lower=Lower("to_email")).filter(
        Q(key__in=keys) | Q(to_lower__in=emails)
    ).delete()

    # The thank-you greets the instructor with the student's first name only.
    thanks = Q()
    for pk in agreement_ids:
        thanks |= Q(key__startswith=f"thanks:{pk}:")
    if mentions.search is None and not thanks:
        return
    if mentions.search is not None:
        # A digest not yet rendered holds the names in its stored data.
        fields = ["subject", "body_text", "body_html", "context"]
        messages = mentions.rows(OutboxMessage.objects.all(), fields, also=thanks)
    else:
        messages = OutboxMessage.objects.filter(thanks)
    first_names = {s.first_name for s in students if s.first_name}
    first = re.compile(r"\b(" + "|".join(re.escape(n) for n in first_names) + r")\b") if first_names else None
    changed = []
    label = OutboxMessage._meta.label_lower

    def count(field, found):
        for pk in found:
            reports[pk].changed[(label, field, False)] += 1

    for message in messages:
        for field in ("subject", "body_text", "body_html"):
            text, found = mentions.replace(getattr(message, field))
            if first and message.key.startswith("thanks:"):
                text = first.sub(MARK, text)
            count(field, found)
            setattr(message, field, text)
        if message.context:
            found = {}
            message.context = mentions.replace_in_data(message.context, found)
            count("context", found)
        changed.append(message)
    OutboxMessage.objects.bulk_update(changed, ["subject", "body_text", "body_html", "context"])


def _forget_cached(mentions: Mentions) -> None:
    """After the commit, no cache entry may still hold what was erased (core.cachescrub)."""
    if mentions.search is not None:
        pattern = mentions.search
        transaction.on_commit(lambda: cache_delete_mentioning(pattern))


def students_erase_expired(today: datetime.date | None = None) -> int:
    """The nightly retention sweep: erase every student due, in batches, each batch its own
    transaction. Safe to run twice or on two workers: a lock, and erased students are skipped."""
    ids = list(students_due_for_erasure(today).values_list("pk", flat=True))
    erased = 0
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        with transaction.atomic():
            Lock.acquire("students-erase-expired")
            students = list(Student.objects.select_for_update().filter(pk__in=batch, erased_at__isnull=True))
            if students:
                _erase(students, by=None, reason=ErasureReason.RETENTION)
            erased += len(students)
    return erased
