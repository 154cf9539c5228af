"""Planning: every row classified as new, update, unchanged or error (row, column, reason),
matching employers on the Y-tunnus, or on a normalised name within the same municipality when
there is none, and students on their student number. Nothing is written here."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.models import Language, StudentGroup
from core.phones import normalize_phone
from partnerships.models import ContactPerson, Employer, Sector, Student, Workplace
from partnerships.validators import normal_name, normalize_business_id, validate_business_id

from .reading import Table


@dataclass
class RowError:
    row: int  # the row number as the spreadsheet shows it (the header is row 1)
    column: str
    reason: str


@dataclass
class PlannedRow:
    row: int
    action: str  # new | update | unchanged | error
    values: dict
    target_id: int | None = None
    label: str = ""
    changes: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _values(mapping: dict[str, str], headers: list[str], row: list[str]) -> tuple[dict, dict]:
    values, columns = {}, {}
    for index, header in enumerate(headers):
        key = mapping.get(header, "")
        if key:
            values[key] = row[index].strip() if index < len(row) else ""
            columns[key] = header
    if values.get("person_phone"):
        # Compared with, and stored as, the E.164 the people's phones are kept in.
        values["person_phone"] = normalize_phone(values["person_phone"])
    return values, columns


def _field_errors(instance, exclude: list[str]) -> dict[str, list[str]]:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as exc:
        return exc.message_dict
    return {}


SECTORS = {code for code, _label in Sector.choices}


def _plan_employer(values: dict, columns: dict, number: int, index: dict) -> PlannedRow:
    planned = PlannedRow(row=number, action="new", values=values, label=values.get("name", ""))

    def error(key: str, reason) -> None:
        planned.errors.append(RowError(number, columns.get(key, key), str(reason)))

    business_id = values.get("business_id", "")
    if business_id:
        business_id = normalize_business_id(business_id)
        try:
            validate_business_id(business_id)
        except ValidationError as exc:
            error("business_id", exc.messages[0])
        values["business_id"] = business_id
    sector = values.get("sector", "").upper()
    if sector and sector not in SECTORS:
        error("sector", _("Not a TOL 2008 main class letter (A–U)."))
    values["sector"] = sector
    probe = Employer(
        name=values.get("name", ""), website=values.get("website", ""), notes=values.get("notes", "")
    )
    for key, messages in _field_errors(
        probe, exclude=["business_id", "sector", "account_owner", "main_contact"]
    ).items():
        error(key, messages[0])
    place = Workplace(
        name=values.get("name", "") or "-",
        municipality=values.get("municipality", ""),
        street_address=values.get("street_address", ""),
        postal_code=values.get("postal_code", ""),
    )
    for key, messages in _field_errors(place, exclude=["employer", "name", "sector"]).items():
        error(key, messages[0])
    if any(values.get(f"person_{key}") for key in ("first_name", "last_name", "email", "phone", "title")):
        person = ContactPerson(
            first_name=values.get("person_first_name", "") or "-",
            last_name=values.get("person_last_name", "") or "-",
            email=values.get("person_email", ""),
            phone=values.get("person_phone", ""),
            title=values.get("person_title", ""),
        )
        for key, messages in _field_errors(person, exclude=["employer", "workplace"]).items():
            error(f"person_{key}", messages[0])
        if not values.get("person_last_name"):
            error("person_last_name", _("A contact person needs a last name."))
        if not values.get("person_first_name"):
            error("person_first_name", _("A contact person needs a first name."))
    if planned.errors:
        planned.action = "error"
        return planned
    existing = None
    if business_id:
        existing = index["by_business_id"].get(business_id)
    else:
        existing = index["by_name"].get((normal_name(values["name"]), values["municipality"].casefold()))
    if existing is not None:
        planned.target_id = existing.pk
        planned.changes = _employer_changes(existing, values, index)
        planned.action = "update" if planned.changes else "unchanged"
    return planned


def _employer_changes(employer: Employer, values: dict, index: dict) -> list[str]:
    changes = []
    for key in ("name", "website", "notes", "sector"):
        if values.get(key) and values[key] != getattr(employer, key):
            changes.append(key)
    if values.get("business_id") and employer.business_id != values["business_id"]:
        changes.append("business_id")
    municipalities = index["municipalities"].get(employer.pk, set())
    if values.get("municipality") and values["municipality"].casefold() not in municipalities:
        changes.append("municipality")
    person = find_person(index["people"].get(employer.pk, []), values)
    if values.get("person_last_name"):
        if person is None:
            changes.append("person")
        else:
            for key in ("email", "phone", "title"):
                if values.get(f"person_{key}") and values[f"person_{key}"] != getattr(person, key):
                    changes.append(f"person_{key}")
    return changes


def find_person(people: list[ContactPerson], values: dict) -> ContactPerson | None:
    email = values.get("person_email", "").casefold()
    for person in people:
        if email and person.email.casefold() == email:
            return person
    first, last = (
        values.get("person_first_name", "").casefold(),
        values.get("person_last_name", "").casefold(),
    )
    for person in people:
        if person.first_name.casefold() == first and person.last_name.casefold() == last:
            return person
    return None


def _employer_index() -> dict:
    employers = list(Employer.objects.only("pk", "name", "business_id", "website", "notes", "sector"))
    municipalities: dict[int, set[str]] = {}
    by_name = {}
    for workplace in Workplace.objects.values("employer_id", "municipality"):
        municipalities.setdefault(workplace["employer_id"], set()).add(workplace["municipality"].casefold())
    for employer in employers:
        for municipality in municipalities.get(employer.pk, ()):
            by_name.setdefault((normal_name(employer.name), municipality), employer)
    people: dict[int, list[ContactPerson]] = {}
    for person in ContactPerson.objects.only(
        "pk", "employer_id", "first_name", "last_name", "email", "phone", "title"
    ):
        people.setdefault(person.employer_id, []).append(person)
    return {
        "by_business_id": {e.business_id: e for e in employers if e.business_id},
        "by_name": by_name,
        "municipalities": municipalities,
        "people": people,
    }


LANGUAGE_NAMES = {
    "fi": "fi", "suomi": "fi", "finska": "fi", "finnish": "fi",
    "sv": "sv", "ruotsi": "sv", "svenska": "sv", "swedish": "sv",
    "en": "en", "englanti": "en", "engelska": "en", "english": "en",
}  # fmt: skip


def parse_date(value: str) -> datetime.date | None:
    value = value.strip()
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(value)


def _plan_student(values: dict, columns: dict, number: int, index: dict) -> PlannedRow:
    label = f"{values.get('first_name', '')} {values.get('last_name', '')}".strip()
    planned = PlannedRow(row=number, action="new", values=values, label=label)

    def error(key: str, reason) -> None:
        planned.errors.append(RowError(number, columns.get(key, key), str(reason)))

    language = values.get("language", "")
    if language:
        code = LANGUAGE_NAMES.get(language.casefold())
        if code is None:
            error("language", _("Use fi, sv or en."))
        values["language"] = code or ""
    birth = values.get("date_of_birth", "")
    if birth:
        try:
            values["date_of_birth"] = parse_date(birth).isoformat()
        except ValueError:
            error("date_of_birth", _("Not a date: write it as 31.12.2008."))
    group_name = values.get("group", "")
    if group_name and group_name.casefold() not in index["groups"]:
        error("group", _("No student group of this name."))
    probe = Student(
        **{
            k: v
            for k, v in values.items()
            if k in ("first_name", "last_name", "student_number", "learner_oid", "email", "phone")
        },
        language=values.get("language") or Language.FINNISH,
    )
    for key, messages in _field_errors(
        probe, exclude=["qualification", "group", "date_of_birth", "language"]
    ).items():
        error(key, messages[0])
    if planned.errors:
        planned.action = "error"
        return planned
    existing = index["students"].get(values["student_number"])
    if existing is not None:
        planned.target_id = existing.pk
        planned.changes = [
            key
            for key, value in student_data(values, index).items()
            if value not in ("", None) and getattr(existing, key) != value
        ]
        planned.action = "update" if planned.changes else "unchanged"
    return planned


def student_data(values: dict, index: dict) -> dict:
    data = {
        k: values[k]
        for k in ("first_name", "last_name", "student_number", "learner_oid", "email", "phone")
        if k in values
    }
    if values.get("date_of_birth"):
        data["date_of_birth"] = datetime.date.fromisoformat(values["date_of_birth"])
    if values.get("language"):
        data["language"] = values["language"]
    if values.get("group"):
        data["group"] = index["groups"][values["group"].casefold()]
    return data


def student_index() -> dict:
    return {
        "students": {s.student_number: s for s in Student.objects.select_related("group")},
        "groups": {g.name.casefold(): g for g in StudentGroup.objects.all()},
    }


def employer_key(values: dict) -> tuple:
    """Rows of one employer: the same Y-tunnus, or without one the same normalised name in
    the same municipality."""
    if values.get("business_id"):
        return ("id", values["business_id"])
    return ("name", normal_name(values["name"]), values["municipality"].casefold())


def row_key(kind: str, values: dict) -> tuple:
    """Two rows with the same key say the same thing twice (one row per contact person is
    fine: the person is part of an employer row's key)."""
    if kind == "students":
        return ("number", values["student_number"])
    person = (values.get("person_last_name", "").casefold(), values.get("person_email", "").casefold())
    return (*employer_key(values), *person)


def plan(kind: str, table: Table, mapping: dict[str, str]) -> list[PlannedRow]:
    """Classify every row; nothing is written. Repeated keys within the file are errors."""
    index = _employer_index() if kind == "employers" else student_index()
    planner: Callable = _plan_employer if kind == "employers" else _plan_student
    seen: dict[tuple, int] = {}
    result = []
    for offset, row in enumerate(table.rows):
        number = offset + 2
        values, columns = _values(mapping, table.headers, row)
        with_nul = [key for key, value in values.items() if "\x00" in value]
        if with_nul:
            # Refused at upload already; rows kept from before that check stop here, not in the
            # database (PostgreSQL cannot store a NUL, and would fail the whole import).
            reason = _("Contains a NUL character, which no spreadsheet cell can hold.")
            errors = [RowError(number, columns[key], reason) for key in with_nul]
            result.append(PlannedRow(row=number, action="error", values=values, errors=errors))
            continue
        planned = planner(values, columns, number, index)
        if planned.action != "error":
            key = row_key(kind, values)
            if key in seen:
                column = columns.get("student_number" if kind == "students" else "name", "")
                planned.action = "error"
                planned.errors.append(
                    RowError(number, column, _("The same as row %(row)s.") % {"row": seen[key]})
                )
            else:
                seen[key] = number
        result.append(planned)
    return result


def summary(planned: list[PlannedRow]) -> dict[str, int]:
    counts = {"new": 0, "update": 0, "unchanged": 0, "error": 0}
    for row in planned:
        counts[row.action] += 1
    return counts
