"""Erased students' names and numbers taken out of the free text that staff typed.

A teacher writes "Soitin Iida Heikkisen (JL24007) ohjaajalle" in a contact's summary, a
coordinator "Iidalle kerrottu" in a reaction to feedback. On erasure every free-text field
that can mention a student (TEXTS), and its rows in the change history, has the student
number and every inflected form of each name token (core.finnish) replaced by MARK, in
place: the rest of the text is kept. Two or more replaced words in a row become one MARK.

Each replacement is counted per model and field for the erasure's history record (counts
only: the record must not hold what it removed), and a record is listed for the
coordinator to check when a replaced token was doubtful: also the name of another person in
the portal (another student, a contact person, a user: the text may have been about them),
or a common word or place name (COMMON_WORDS: "Salossa" may be the town). The names are
replaced anyway; the list says where to look.
"""

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.html import escape

from checkpoints.models import AnnualActivity, SelfAssessment, SelfAssessmentAnswer
from core.finnish import inflected_forms, word_key
from core.models import User

from ..choices import COMMON_WORD, OTHER_PERSON
from ..models import (
    Agreement,
    AgreementItem,
    Contact,
    ContactPerson,
    Demonstration,
    Employer,
    FeedbackAnswer,
    FeedbackReaction,
    FeedbackRequest,
    Initiative,
    InitiativeEntry,
    Interruption,
    LevelRecord,
    Student,
    StudentParticipant,
    StudentRelation,
    ThankYou,
    WorkplaceCheck,
)

MARK = "***"

# Names that are also Finnish words or place names: a form of them in a text may not be the
# student at all (Koski, Salo and Lahti are towns, "mäen päällä" is on a hill, "ainoa" is
# "the only one" and "anna" is "give").
COMMON_WORDS = frozenset(
    {
        "aho", "aro", "harju", "joki", "järvi", "kallio", "kari", "kivi", "koski", "kotka",
        "lahti", "laakso", "lampi", "lehto", "lehti", "mäki", "metsä", "niemi", "oja",
        "pelto", "ranta", "rinne", "saari", "salmi", "salo", "suo", "vaara", "virta", "vuori",
        "kemi", "pori", "rauma", "hamina", "imatra", "raahe", "kerava", "forssa", "loimaa",
        "aamu", "ilta", "lumi", "onni", "satu", "taimi", "toivo", "tuuli", "valo", "helmi",
        "tähti", "usva", "sade", "into", "armas", "aurora", "ilona", "lahja", "ruusu",
        "aino", "anna", "usko", "veli", "meri", "säde", "aura", "sini", "jalo", "aarre",
        "rauha", "tyyne", "oiva", "urho", "voitto", "vilja", "lempi", "kielo", "lilja",
    }
)  # fmt: skip


_WORD = re.compile(r"[^\W_]+(?::[^\W\d_]{1,5})?")
_MARKS = re.compile(re.escape(MARK) + r"(?:[ \t\u00a0]+" + re.escape(MARK) + r")+")


@dataclass(frozen=True)
class Text:
    """Free-text fields of one model; `link` gives the page where a coordinator checks a row."""

    model: type[models.Model]
    fields: tuple[str, ...]
    link: Callable[[models.Model], str]
    history_link: Callable[[models.Model], str] | None = None


def _agreement(obj) -> str:
    return reverse("partnerships:agreement_detail", args=[obj.agreement_id])


def _feedback(obj) -> str:
    return reverse("partnerships:feedback_detail", args=[obj.request_id])


def _history(kind: str) -> Callable[[models.Model], str]:
    return lambda row: reverse("partnerships:history", args=[kind, row.id])


TEXTS = (
    Text(
        Contact,
        ("summary", "follow_up_note"),
        lambda c: reverse("partnerships:employer_detail", args=[c.employer_id]) + f"#contact-{c.pk}",
    ),
    Text(
        Agreement,
        ("special_support_reason", "end_reason"),
        lambda a: reverse("partnerships:agreement_detail", args=[a.id]),
        _history("agreement"),
    ),
    Text(AgreementItem, ("note", "not_applicable_reason"), _agreement),
    Text(
        Interruption,
        ("note", "communicated"),
        lambda i: reverse("partnerships:agreement_detail", args=[i.work_period.agreement_id]),
    ),
    Text(ThankYou, ("personal_note",), _agreement),
    Text(Demonstration, ("place", "two_teachers_reason"), lambda d: d.get_absolute_url()),
    Text(StudentRelation, ("note",), lambda r: reverse("partnerships:student_detail", args=[r.student_id])),
    Text(
        WorkplaceCheck,
        ("notes",),
        lambda w: reverse("partnerships:employer_detail", args=[w.workplace.employer_id]),
    ),
    Text(
        Employer,
        ("notes",),
        lambda e: reverse("partnerships:employer_detail", args=[e.id]),
        _history("employer"),
    ),
    Text(
        LevelRecord,
        ("rationale",),
        lambda r: reverse("partnerships:employer_detail", args=[r.employer_id]),
        lambda r: reverse("partnerships:employer_detail", args=[r.employer_id]),
    ),
    Text(
        Initiative,
        ("title", "starting_point", "goal", "need", "scope", "resources", "metrics"),
        lambda i: reverse("partnerships:initiative_detail", args=[i.id]),
        _history("initiative"),
    ),
    Text(
        InitiativeEntry,
        ("text", "measured", "result", "before", "after"),
        lambda e: reverse("partnerships:initiative_detail", args=[e.initiative_id]),
        lambda e: reverse("partnerships:initiative_detail", args=[e.initiative_id]),
    ),
    # A student entered by name as a representative rather than chosen as a student.
    Text(
        StudentParticipant,
        ("name", "role", "guardian_name"),
        lambda p: (
            reverse("partnerships:initiative_detail", args=[p.initiative_id]) + f"#student-participant-{p.pk}"
        ),
        lambda p: reverse("partnerships:history", args=["student_participant", p.id]),
    ),
    Text(FeedbackRequest, ("comment",), lambda r: reverse("partnerships:feedback_detail", args=[r.pk])),
    Text(FeedbackAnswer, ("text",), _feedback),
    Text(FeedbackReaction, ("text",), _feedback, _feedback),
    # The institution's own planning: written about partnerships, but a case may be named.
    Text(
        SelfAssessment,
        ("cherished", "to_develop"),
        lambda a: reverse("checkpoints:self_assessment", args=[a.pk]),
    ),
    Text(
        SelfAssessmentAnswer,
        ("text",),
        lambda a: reverse("checkpoints:self_assessment", args=[a.assessment_id]),
    ),
    Text(
        AnnualActivity,
        ("title", "description", "responsible_text"),
        lambda a: reverse("checkpoints:annual_activity_edit", args=[a.pk]),
    ),
)
# The rows a link needs besides the row itself.
RELATED = {Interruption: ("work_period",), WorkplaceCheck: ("workplace",)}


def _prefixes(forms: frozenset[str]) -> set[str]:
    """Short prefixes that every form starts with one of: what the database looks for."""
    common = forms and min(forms)
    for form in forms:
        while not form.startswith(common):
            common = common[:-1]
    length = max(3, len(common))
    return {form[:length] for form in forms}


def _trie_pattern(words: set[str]) -> str:
    """One regular expression for any of `words`, as a trie so that it stays fast with
    thousands of words (Python's and PostgreSQL's engines both try alternatives in turn)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            body = "(?:" + body + ")?"
        return body

    return build(trie)


@dataclass
class Report:
    """What one student's erasure changed: counts and records to check, no personal data."""

    changed: dict = field(default_factory=lambda: defaultdict(int))  # (model, field, history): rows
    review: dict = field(default_factory=dict)  # (model, pk, history): {"url":…, "reasons": set}

    def as_json(self) -> dict:
        return {
            "changed": [
                {"model": model, "field": name, "history": history, "count": count}
                for (model, name, history), count in sorted(self.changed.items())
            ],
            "review": [
                {
                    "model": model,
                    "pk": pk,
                    "history": history,
                    "url": item["url"],
                    "reasons": sorted(item["reasons"]),
                }
                for (model, pk, history), item in sorted(self.review.items())
            ],
        }


class Mentions:
    """The students' numbers and name forms, and what replacing them in a text found."""

    def __init__(self, students: list[Student]):
        self.forms: dict[str, list[tuple[int, frozenset[str]]]] = defaultdict(list)
        needles: set[str] = set()
        numbers: dict[str, int] = {}
        others = _other_peoples_names(students)
        for student in students:
            tokens = _WORD.findall(f"{student.first_name} {student.last_name}")
            for token in {t for t in tokens if len(t) > 1}:
                forms = inflected_forms(token)
                reasons = set()
                if token.casefold() in others:
                    reasons.add(OTHER_PERSON)
                if token.casefold() in COMMON_WORDS:
                    reasons.add(COMMON_WORD)
                for form in forms:
                    self.forms[form].append((student.pk, frozenset(reasons)))
                needles |= _prefixes(forms)
            number = student.student_number.strip()
            if len(number) > 2 and not number.startswith("erased-"):
                numbers[number.casefold()] = student.pk
                needles.add(number.casefold())
        self.numbers = numbers
        # The full name as written, and as HTML escapes it (an e-mail's HTML): "O&#x27;Brien".
        full = {s.full_name.casefold(): s.pk for s in students if len(s.full_name) > 2 and not s.is_erased}
        full |= {escape(name): pk for name, pk in full.items()}
        self.full_names = full
        longest_first = sorted(full, key=len, reverse=True)
        self.full_pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, longest_first)) + r")(?!\w)", re.IGNORECASE)
            if full
            else None
        )
        self.number_pattern = (
            re.compile(
                r"(?<![\w-])(" + "|".join(re.escape(n) for n in numbers) + r")(?::[^\W\d_]{1,5})?(?![\w-])",
                re.IGNORECASE,
            )
            if numbers
            else None
        )
        # The database compares case-insensitively, but SQLite only for ASCII: Ä, Ö written as
        # typed are looked for too.
        variants = needles | {n.capitalize() for n in needles} | {n.upper() for n in needles}
        self.needle = _trie_pattern(variants) if needles else ""
        self.search = re.compile(self.needle, re.IGNORECASE) if needles else None

    def rows(self, queryset, field_names, *, also: Q | None = None):
        """The rows that may mention a student in any of `field_names` (checked again in
        Python), or match `also`; a JSON field is searched as its text."""
        q = also or Q()
        json = {}
        for name in field_names:
            if isinstance(queryset.model._meta.get_field(name), models.JSONField):
                json[f"{name}_as_text"] = Cast(name, models.TextField())
                name = f"{name}_as_text"
            q |= Q(**{f"{name}__iregex": self.needle})
        return queryset.annotate(**json).filter(q)

    def replace(self, text: str) -> tuple[str, dict[int, set[str]]]:
        """`text` with the mentions replaced, and for each student mentioned the doubts."""
        found: dict[int, set[str]] = {}
        if not text or self.search is None or not self.search.search(text):
            return text, found

        def full_name(match):
            pk = self.full_names.get(match.group().casefold())
            if pk is not None:
                found.setdefault(pk, set())
            return MARK

        def number(match):
            found.setdefault(self.numbers[match.group(1).casefold()], set())
            return MARK

        def word(match):
            for key in word_key(match.group()):
                if key in self.forms:
                    for pk, reasons in self.forms[key]:
                        found.setdefault(pk, set()).update(reasons)
                    return MARK
            return match.group()

        if self.full_pattern is not None:
            text = self.full_pattern.sub(full_name, text)
        if self.number_pattern is not None:
            text = self.number_pattern.sub(number, text)
        text = _WORD.sub(word, text)
        if found:
            text = _MARKS.sub(MARK, text)
        return text, found

    def replace_in_data(self, data, found: dict[int, set[str]] | None = None):
        """The mentions replaced in every string of JSON-like data (`found` collects what
        `replace` reports)."""
        if isinstance(data, str):
            text, mentioned = self.replace(data)
            if found is not None:
                for pk, reasons in mentioned.items():
                    found.setdefault(pk, set()).update(reasons)
            return text
        if isinstance(data, list):
            return [self.replace_in_data(item, found) for item in data]
        if isinstance(data, dict):
            return {key: self.replace_in_data(value, found) for key, value in data.items()}
        return data


def _other_peoples_names(students: list[Student]) -> set[str]:
    """The name tokens of everyone else in the portal, case-folded. Read in three queries of
    two short columns each; compared in Python, where case folding knows Ä from ä."""
    ids = [s.pk for s in students]
    rows = list(Student.objects.not_erased().exclude(pk__in=ids).values_list("first_name", "last_name"))
    rows += ContactPerson.objects.values_list("first_name", "last_name")
    rows += User.objects.values_list("first_name", "last_name")
    return {token.casefold() for row in rows for token in _WORD.findall(" ".join(row))}


def _scrub_rows(mentions: Mentions, text: Text, rows, *, history: bool, reports: dict[int, Report]) -> list:
    changed = []
    label = text.model._meta.label_lower
    for row in rows:
        touched = False
        for name in text.fields:
            value = getattr(row, name, None)
            if not value:
                continue
            if isinstance(value, str):
                new, found = mentions.replace(value)
            else:
                found = {}
                new = mentions.replace_in_data(value, found)
            if new == value:
                continue
            setattr(row, name, new)
            touched = True
            for pk, reasons in found.items():
                report = reports[pk]
                report.changed[(label, name, history)] += 1
                if reasons:
                    link = text.history_link if history else text.link
                    key = (label, row.pk if not history else row.id, history)
                    item = report.review.setdefault(key, {"url": link(row), "reasons": set()})
                    item["reasons"] |= reasons
        if touched:
            changed.append(row)
    return changed


def mentions_replace(students: list[Student], mentions: Mentions) -> dict[int, Report]:
    """Replace the students' mentions in every free-text field and its history; per student,
    what was changed. Set-based: per table one query finds the rows that may mention any of
    the students and one writes back those changed (per 500), for one student or a batch."""
    reports = {s.pk: Report() for s in students}
    if mentions.search is None:
        return reports
    for text in TEXTS:
        rows = mentions.rows(text.model._default_manager.all(), text.fields)
        rows = rows.select_related(*RELATED.get(text.model, ()))
        changed = _scrub_rows(mentions, text, rows, history=False, reports=reports)
        if changed:
            text.model._default_manager.bulk_update(changed, text.fields, batch_size=500)
        history = getattr(text.model, "history", None)
        if history is not None:
            fields = tuple(f for f in text.fields if hasattr(history.model, f))
            rows = mentions.rows(history.model.objects.all(), fields)
            in_history = Text(text.model, fields, text.link, text.history_link)
            changed = _scrub_rows(mentions, in_history, rows, history=True, reports=reports)
            if changed:
                history.model.objects.bulk_update(changed, fields, batch_size=500)
    return reports
