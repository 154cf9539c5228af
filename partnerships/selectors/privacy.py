"""Everything Kumppani holds about one student, for the right of access and data portability
(GDPR art. 15 and 20): the student's own fields, agreements with their work periods,
skills demonstrations, relations, the feedback the student gave, and the change history
about them. One structure feeds both the JSON download and the readable PDF. And which
students are due for erasure at the end of the retention period (the sweep erases them:
services/privacy.py).
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..choices import COMMON_WORD, OTHER_PERSON
from ..history import ACTIONS
from ..models import (
    QUESTIONS,
    Agreement,
    AgreementItem,
    Demonstration,
    FeedbackReaction,
    FeedbackRequest,
    Interruption,
    Respondent,
    Student,
    WorkPeriod,
)


@dataclass
class Item:
    name: str
    label: str
    value: Any  # machine-readable: stored choice values, related objects by name
    shown: Any  # as people read it: choice labels


# Every stored field is exported, so a field added later is never left out; only the link
# back to the student and the secret of a feedback link are not.
NOT_EXPORTED = {"id", "student", "agreement", "request", "token"}


def _items(obj) -> list[Item]:
    items = []
    for field in obj._meta.concrete_fields:
        if field.name in NOT_EXPORTED:
            continue
        if field.is_relation:
            # By name when loaded with the rest (select_related), otherwise by id: no query.
            related = getattr(obj, field.name) if field.is_cached(obj) else None
            value = str(related) if related is not None else getattr(obj, field.attname)
        else:
            value = getattr(obj, field.name)
        shown = obj._get_FIELD_display(field) if field.choices else value
        items.append(Item(field.name, str(field.verbose_name), value, shown))
    return items


def _history(model, records) -> list[dict]:
    """Audit-trail rows, each with the values it recorded (related objects by id)."""
    fields = [f for f in model._meta.concrete_fields if f.attname not in ("updated_at",)]
    entries = []
    for record in records:
        values = []
        for field in fields:
            if not hasattr(record, field.attname):
                continue  # a field the history does not track
            value = getattr(record, field.attname)
            shown = dict(field.flatchoices).get(value, value) if field.choices else value
            values.append(Item(field.attname, str(field.verbose_name), value, shown))
        user = record.history_user
        entries.append(
            {
                "model": str(model._meta.verbose_name),
                "model_name": model._meta.model_name,
                "object_id": record.id,
                "date": record.history_date,
                "action": ACTIONS[record.history_type],
                "by": (user.get_full_name() or user.get_username()) if user else None,
                "reason": _(record.history_change_reason) if record.history_change_reason else "",
                "values": values,
            }
        )
    return entries


def student_data(student: Student) -> dict:
    """Everything about the student, as Items grouped by section. A constant number of queries."""
    periods = WorkPeriod.objects.select_related("unit", "ehoks_entered_by").prefetch_related(
        Prefetch("interruptions", queryset=Interruption.objects.select_related("recorded_by"))
    )
    agreements = list(
        Agreement.objects.filter(student=student)
        .select_related("workplace__employer", "instructor", "responsible_teacher", "created_by")
        .prefetch_related(
            Prefetch("work_periods", queryset=periods),
            Prefetch("items", queryset=AgreementItem.objects.select_related("done_by")),
        )
        .order_by("created_at", "pk")
    )
    demonstrations = student.demonstrations.select_related(
        "unit",
        "agreement__workplace__employer",
        "workplace__employer",
        "teacher_assessor",
        "worklife_assessor",
        "second_teacher_assessor",
        "created_by",
    ).order_by("date", "pk")
    relations = student.relations.select_related("person", "staff").order_by("pk")
    feedback = list(
        FeedbackRequest.objects.filter(student=student, respondent=Respondent.STUDENT)
        .select_related("work_period__unit", "person")
        .prefetch_related("answers")
        .order_by("sent_at", "pk")
    )
    questions = {key: str(text) for key, _checkpoint, text in QUESTIONS}
    history = _history(
        Student, Student.history.filter(id=student.pk).select_related("history_user").order_by("history_date")
    )
    history += _history(
        Agreement,
        Agreement.history.filter(student_id=student.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id"),
    )
    history += _history(
        FeedbackReaction,
        FeedbackReaction.history.filter(request_id__in=[r.pk for r in feedback])
        .select_related("history_user")
        .order_by("history_date", "history_id"),
    )
    return {
        "exported_at": timezone.now(),
        "student": _items(student),
        "agreements": [
            {
                "fields": _items(agreement),
                "work_periods": [
                    {
                        "fields": _items(period),
                        "interruptions": [_items(i) for i in period.interruptions.all()],
                    }
                    for period in agreement.work_periods.all()
                ],
                "checkpoint_items": [_items(item) for item in agreement.items.all()],
            }
            for agreement in agreements
        ],
        "demonstrations": [_items(d) for d in demonstrations],
        "relations": [_items(r) for r in relations],
        "feedback": [
            {
                "fields": _items(request),
                "answers": [
                    [
                        *_items(answer),
                        Item(
                            "question_text",
                            _("Question"),
                            questions.get(answer.question, ""),
                            questions.get(answer.question, ""),
                        ),
                    ]
                    for answer in sorted(request.answers.all(), key=lambda a: a.question)
                ],
            }
            for request in feedback
        ],
        "history": history,
    }


def as_json(data: Any) -> Any:
    """The same structure with plain values: a list of Items becomes an object."""
    if isinstance(data, list) and data and all(isinstance(x, Item) for x in data):
        return {item.name: item.value for item in data}
    if isinstance(data, list):
        return [as_json(x) for x in data]
    if isinstance(data, dict):
        return {key: as_json(value) for key, value in data.items()}
    return data


REVIEW_REASONS = {
    OTHER_PERSON: gettext_lazy(
        "A name of the erased student is also the name of another person in the portal: check "
        "that the replaced words were about the erased student."
    ),
    COMMON_WORD: gettext_lazy(
        "A name of the erased student is also a common word or a place name: check that the "
        "text still reads right."
    ),
}


def erasure_result(student: Student) -> dict | None:
    """What the student's erasure changed in free text, and the records to check, as the
    erasure's history record holds them (counts and links only), for the privacy page."""
    record = (
        Student.history.filter(id=student.pk, erasure_report__isnull=False).order_by("history_date").last()
    )
    if record is None:
        return None

    def names(item):
        try:
            model = apps.get_model(item["model"])
        except LookupError:
            return item["model"], item.get("field", "")
        try:
            field = model._meta.get_field(item["field"]).verbose_name if item.get("field") else ""
        except FieldDoesNotExist:  # a field renamed since
            field = item["field"]
        return model._meta.verbose_name, field

    changed = []
    for item in record.erasure_report.get("changed", []):
        model, field = names(item)
        changed.append({"model": model, "field": field, "history": item["history"], "count": item["count"]})
    review = []
    for item in record.erasure_report.get("review", []):
        model, _field = names(item)
        review.append(
            {
                "model": model,
                "pk": item["pk"],
                "history": item["history"],
                "url": item["url"],
                "reasons": [REVIEW_REASONS[r] for r in item["reasons"] if r in REVIEW_REASONS],
            }
        )
    return {"record": record, "changed": changed, "review": review}


def retention_cutoff(today: datetime.date) -> datetime.date:
    """The day KUMPPANI_RETENTION_YEARS years before `today` (28 February for 29 February)."""
    years = settings.KUMPPANI_RETENTION_YEARS
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def students_due_for_erasure(today: datetime.date | None = None):
    """Students with nothing within the retention period: no work period ending, agreement
    ended early, skills demonstration, or change to an agreement without work periods on or
    after the cutoff; a student without any agreement, no change to their record since then.
    Ended agreements count by their dates, not by later edits (a typo fixed years later does
    not restart the period)."""
    cutoff = retention_cutoff(today or timezone.localdate())
    since = datetime.datetime.combine(cutoff, datetime.time.min, tzinfo=timezone.get_current_timezone())
    student = OuterRef("pk")
    recent = (
        Exists(WorkPeriod.objects.filter(agreement__student=student, end__gte=cutoff))
        | Exists(Agreement.objects.filter(student=student, ended_on__gte=cutoff))
        | Exists(Agreement.objects.filter(student=student, work_periods__isnull=True, updated_at__gte=since))
        | Exists(Demonstration.objects.filter(student=student, date__gte=cutoff))
        | Exists(Demonstration.objects.filter(student=student, date__isnull=True, created_at__gte=since))
        | Q(~Exists(Agreement.objects.filter(student=student)), updated_at__gte=since)
    )
    return Student.objects.not_erased().exclude(recent)
