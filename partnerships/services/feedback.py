"""Feedback requests, answers and reactions (checkpoint 6)."""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.email import outbox_enqueue, outbox_enqueue_many, outbox_message
from core.models import Institution, Lock, User

from ..history import record_change
from ..models import (
    QUESTIONS,
    AgreementStatus,
    FeedbackAnswer,
    FeedbackReaction,
    FeedbackRequest,
    NationalResult,
    Respondent,
    WorkPeriod,
)
from ..models.feedback import QUESTION_CHECKPOINT, REMINDER_AFTER_DAYS
from ..permissions import can_react_to_feedback, can_record_national_result

# Periods that ended within this many days get their feedback requests (a later sweep after a
# pause still catches them; older periods are not asked about any more).
ASK_WITHIN_DAYS = 14


def feedback_link(request: FeedbackRequest) -> str:
    return settings.KUMPPANI_BASE_URL + reverse("partnerships:feedback_form", args=[request.token])


def _recipients(period: WorkPeriod, partners: bool) -> list[tuple[str, Any, str, str]]:
    """(respondent, person or student, e-mail, language) for one ended work period."""
    agreement = period.agreement
    student = agreement.student
    found = []
    if student.email:
        found.append((Respondent.STUDENT, student, student.email, student.language))
    if partners:
        instructor = agreement.instructor
        if instructor and instructor.email and not instructor.opted_out_at:
            found.append((Respondent.INSTRUCTOR, instructor, instructor.email, instructor.language))
        main = agreement.workplace.employer.main_contact
        if main and main.email and main != instructor and not main.opted_out_at:
            found.append((Respondent.EMPLOYER, main, main.email, main.language))
    return found


def feedback_requests_send(today: datetime.date | None = None) -> int:
    """Ask for feedback on every recently ended work period, once per respondent. Set-based:
    a constant number of queries; safe to run twice or on two workers (a lock and a unique
    constraint per period and respondent)."""
    today = today or timezone.localdate()
    institution = Institution.current()
    with transaction.atomic():
        Lock.acquire("feedback-requests")
        asked = FeedbackRequest.objects.filter(work_period=OuterRef("pk"), respondent=Respondent.STUDENT)
        periods = list(
            WorkPeriod.objects.filter(
                agreement__status=AgreementStatus.SIGNED,
                end__lt=today,
                end__gte=today - datetime.timedelta(days=ASK_WITHIN_DAYS),
            )
            .exclude(Exists(asked))
            .select_related(
                "unit",
                "agreement__student",
                "agreement__instructor",
                "agreement__workplace__employer__main_contact",
            )
        )
        requests = [
            FeedbackRequest(
                work_period=period,
                respondent=respondent,
                student=who if respondent == Respondent.STUDENT else None,
                person=None if respondent == Respondent.STUDENT else who,
                email=email,
                language=language,
            )
            for period in periods
            for respondent, who, email, language in _recipients(period, institution.partner_feedback)
        ]
        FeedbackRequest.objects.bulk_create(requests, ignore_conflicts=True, batch_size=500)
        saved = FeedbackRequest.objects.filter(
            work_period__in=periods, answered_at__isnull=True, reminded_at__isnull=True
        ).select_related("work_period__agreement__workplace__employer", "work_period__agreement__student")
        outbox_enqueue_many([_message(request, "feedback-request", institution) for request in saved])
        return len(requests)


def feedback_reminders_send(now: datetime.datetime | None = None) -> int:
    """One reminder, 5 days after the request, to those who have not answered."""
    now = now or timezone.now()
    institution = Institution.current()
    with transaction.atomic():
        Lock.acquire("feedback-reminders")
        due = list(
            FeedbackRequest.objects.filter(
                answered_at__isnull=True,
                reminded_at__isnull=True,
                sent_at__lte=now - datetime.timedelta(days=REMINDER_AFTER_DAYS),
                sent_at__gt=now - datetime.timedelta(days=30),
            ).select_related("work_period__agreement__workplace__employer", "work_period__agreement__student")
        )
        if not due:
            return 0
        FeedbackRequest.objects.filter(pk__in=[r.pk for r in due]).update(reminded_at=now)
        outbox_enqueue_many([_message(request, "feedback-reminder", institution) for request in due])
        return len(due)


def _message(request: FeedbackRequest, kind: str, institution: Institution) -> dict:
    agreement = request.work_period.agreement
    return outbox_message(
        key=f"{kind}:{request.pk}",
        kind=kind,
        template=kind,
        context={
            "request": request,
            "link": feedback_link(request),
            "employer": agreement.workplace.employer.name,
            "student": agreement.student.full_name,
            "is_student": request.respondent == Respondent.STUDENT,
            "institution": institution,
        },
        to_email=request.email,
        language=request.language,
        responsible_id=agreement.responsible_teacher_id,
    )


@transaction.atomic
def feedback_answer_save(
    *,
    request: FeedbackRequest,
    scores: dict[str, int | None],
    texts: dict[str, str],
    contact_me: bool,
    comment: str,
) -> FeedbackRequest:
    """Save (or, within 14 days of the first answer, change) an answer."""
    request = FeedbackRequest.objects.select_for_update().get(pk=request.pk)
    state = request.state()
    if state in ("locked", "expired"):
        raise ValidationError(_("This feedback link can no longer be used."))
    for key, _checkpoint, _text in QUESTIONS:
        score = scores.get(key)
        if score is not None and not 1 <= score <= 5:
            raise ValidationError({key: _("Choose a value from 1 to 5.")})
        FeedbackAnswer.objects.update_or_create(
            request=request,
            question=key,
            defaults={
                "checkpoint": QUESTION_CHECKPOINT[key],
                "score": score,
                "text": texts.get(key, "").strip(),
            },
        )
    now = timezone.now()
    request.answered_at = request.answered_at or now
    request.updated_at = now
    request.contact_me = contact_me
    request.comment = comment.strip()
    request.save(update_fields=["answered_at", "updated_at", "contact_me", "comment"])
    return request


def reaction_note_key(reaction_pk: int) -> str:
    """The outbox key of the "you said, we did" note of a reaction."""
    return f"you-said-we-did:{reaction_pk}"


@transaction.atomic
def feedback_react(
    *,
    request: FeedbackRequest,
    by: User,
    text: str,
    send_note: bool = False,
    shared_with_partner: bool = False,
) -> FeedbackReaction:
    """Record what we did about an answer, and optionally tell the respondent ("you said, we
    did") and show it on the employer's partner page."""
    if not can_react_to_feedback(by, request):
        raise PermissionDenied
    text = text.strip()
    if not text:
        raise ValidationError({"text": [_("Write what was done.")]})
    reaction = FeedbackReaction.objects.create(
        request=request, text=text, by=by, shared_with_partner=shared_with_partner
    )
    if send_note:
        outbox_enqueue(
            key=reaction_note_key(reaction.pk),
            kind="you-said-we-did",
            template="you-said-we-did",
            context=_note_context(request, reaction),
            to_email=request.email,
            language=request.language,
            responsible=by,
        )
        FeedbackReaction.objects.filter(pk=reaction.pk).update(note_sent_at=timezone.now())
        record_change(reaction, by=by)
    return reaction


@transaction.atomic
def feedback_reaction_share(*, reaction: FeedbackReaction, by: User, shared: bool) -> FeedbackReaction:
    """Show a reaction on the employer's partner page, or stop showing it (in its history)."""
    if not can_react_to_feedback(by, reaction.request):
        raise PermissionDenied
    reaction = FeedbackReaction.objects.select_for_update().get(pk=reaction.pk)
    if reaction.shared_with_partner != shared:
        reaction.shared_with_partner = shared
        reaction._history_user = by
        reaction.save(update_fields=["shared_with_partner"])
    return reaction


def _note_context(request: FeedbackRequest, reaction: FeedbackReaction) -> dict:
    """What the "you said, we did" note tells: the respondent's own words it answers (the
    negative answers, the comment, a request to be contacted; nothing of another respondent),
    the work period it concerns and what was done. A partner reads the student's name, as in
    the feedback request they answered; the student reads the employer's."""
    period = request.work_period
    agreement = period.agreement
    is_student = request.respondent == Respondent.STUDENT
    return {
        "request": request,
        "reaction": reaction,
        "period": period,
        "unit": period.unit,
        "employer": agreement.workplace.employer.name,
        "student": "" if is_student else agreement.student.full_name,
        "is_student": is_student,
        "said": [answer for answer in request.answers.all() if answer.is_negative],
        "comment": request.comment,
        "contact_me": request.contact_me,
    }


def national_result_record(*, by: User, data: dict[str, Any]) -> NationalResult:
    """A coordinator records a figure of the national working-life feedback."""
    if not can_record_national_result(by):
        raise PermissionDenied
    result = NationalResult(recorded_by=by, **data)
    result.full_clean()
    result.save()
    return result
