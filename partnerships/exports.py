"""Lists out as CSV and XLSX, with the list's filters applied.

CSV is written the way Finnish Excel reads it: UTF-8 with a byte-order mark, semicolons.
Every text cell that a spreadsheet would take for a formula (one starting with =, +, -, @,
a tab or a carriage return) is neutralised with a leading apostrophe (OWASP: CSV injection),
in both formats.
"""

import csv
import datetime
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    header: Any  # a lazy translation
    value: Callable[[Any], Any]


def neutralise(value: Any) -> Any:
    """A spreadsheet-safe cell: numbers and dates as they are, text never as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, int | float | datetime.date):
        return value
    text = force_str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def _csv_cell(value: Any) -> str:
    value = neutralise(value)
    if isinstance(value, datetime.date):
        return value.strftime("%-d.%-m.%Y")  # as Finnish Excel shows dates
    return str(value)


def headers(columns: list[Column]) -> list[str]:
    return [capfirst(force_str(c.header)) for c in columns]


class _Echo:
    def write(self, value):
        return value


def _csv_lines(header: list[str], rows: Iterable[list[Any]]):
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow([_csv_cell(cell) for cell in header])
    for row in rows:
        yield writer.writerow([_csv_cell(cell) for cell in row])


def csv_response(name: str, header: list[Any], rows: Iterable[list[Any]]) -> HttpResponse:
    """A small table (the dashboard's, the feedback analysis') as a CSV download named
    `<name>-<date>.csv`, in the same format as the list exports."""
    response = HttpResponse("".join(_csv_lines(header, rows)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate().isoformat()}.csv"'
    return response


def export_response(rows: Iterable[Any], columns: list[Column], fmt: str, name: str):
    """The rows as a download named `<name>-<date>.<fmt>`."""
    filename = f"{name}-{timezone.localdate().isoformat()}.{fmt}"
    if fmt == "xlsx":
        response = HttpResponse(_xlsx(rows, columns), content_type=XLSX_TYPE)
    else:
        lines = _csv_lines(headers(columns), ([c.value(row) for c in columns] for row in rows))
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _xlsx(rows: Iterable[Any], columns: list[Column]) -> bytes:
    """In XLSX a text cell is stored with the string type, so that a value such as "=1+1"
    shows as text and is never evaluated (openpyxl would store it as a formula)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(headers(columns))
    for row in rows:
        cells = []
        for column in columns:
            value = column.value(row)
            if isinstance(value, datetime.datetime):
                value = timezone.localtime(value).replace(tzinfo=None)
            elif value is None or isinstance(value, bool):
                value = neutralise(value)
            elif not isinstance(value, int | float | datetime.date):
                value = force_str(value)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def wants_export(request) -> str | None:
    fmt = request.GET.get("format")
    return fmt if fmt in FORMATS else None


# What each list exports. The querysets come from the list views, with their filters.
def _people(agreement) -> str:
    return agreement.instructor.full_name if agreement.instructor else ""


def _periods(agreement, attribute: str):
    periods = list(agreement.work_periods.all())
    if not periods:
        return None
    values = [getattr(p, attribute) for p in periods]
    return min(values) if attribute == "start" else max(values)


EMPLOYER_COLUMNS = [
    Column(_("name"), lambda e: e.name),
    Column(_("business ID"), lambda e: e.business_id),
    Column(_("sector"), lambda e: e.get_sector_display() if e.sector else ""),
    Column(_("municipalities"), lambda e: ", ".join(sorted({w.municipality for w in e.workplaces.all()}))),
    Column(_("website"), lambda e: e.website),
    Column(_("account owner"), lambda e: e.account_owner.get_full_name() if e.account_owner else ""),
    Column(_("last contact"), lambda e: e.last_contact),
    Column(_("partnership level"), lambda e: e.level.name if e.level else ""),
    Column(_("active"), lambda e: e.is_active),
]
STUDENT_COLUMNS = [
    Column(_("last name"), lambda s: s.last_name),
    Column(_("first name"), lambda s: s.first_name),
    Column(_("student number"), lambda s: s.student_number),
    Column(_("group"), lambda s: s.group.name if s.group else ""),
    Column(_("qualification"), lambda s: s.qualification.name if s.qualification else ""),
    Column(_("e-mail"), lambda s: s.email),
    Column(_("phone"), lambda s: s.phone),
    Column(_("language"), lambda s: s.get_language_display()),
]
AGREEMENT_COLUMNS = [
    Column(_("student"), lambda a: a.student.full_name),
    Column(_("student number"), lambda a: a.student.student_number),
    Column(_("type"), lambda a: a.get_type_display()),
    Column(_("status"), lambda a: a.get_status_display()),
    Column(_("employer"), lambda a: a.workplace.employer.name),
    Column(_("business ID"), lambda a: a.workplace.employer.business_id),
    Column(_("workplace"), lambda a: a.workplace.name),
    Column(_("workplace instructor"), _people),
    Column(_("responsible teacher"), lambda a: a.responsible_teacher.get_full_name()),
    Column(_("start"), lambda a: _periods(a, "start")),
    Column(_("end"), lambda a: _periods(a, "end")),
    Column(_("qualification units"), lambda a: ", ".join(p.unit.name for p in a.work_periods.all())),
    Column(_("HOKS reference"), lambda a: a.hoks_reference),
    Column(_("for the summer"), lambda a: a.is_for_summer),
]
CONTACT_COLUMNS = [
    Column(_("date"), lambda c: c.date),
    Column(_("employer"), lambda c: c.employer.name),
    Column(_("channel"), lambda c: c.get_channel_display()),
    Column(_("logged by"), lambda c: c.author.get_full_name() if c.author else ""),
    Column(_("summary"), lambda c: c.summary),
    Column(_("checkpoints"), lambda c: ", ".join(str(cp.number) for cp in c.checkpoints.all())),
    Column(_("follow-up"), lambda c: c.follow_up_date),
    Column(_("follow-up done"), lambda c: c.follow_up_done_at is not None),
]


def feedback_columns() -> list[Column]:
    from .models import QUESTIONS

    def score(key):
        return lambda f: next((a.score for a in f.answers.all() if a.question == key), None)

    return [
        Column(_("answered"), lambda f: f.answered_at),
        Column(_("respondent"), lambda f: f.get_respondent_display()),
        Column(_("employer"), lambda f: f.work_period.agreement.workplace.employer.name),
        Column(_("qualification unit"), lambda f: f.work_period.unit.name),
        *[Column(text, score(key)) for key, _checkpoint, text in QUESTIONS],
        Column(_("please contact me"), lambda f: f.contact_me),
        Column(_("comment"), lambda f: f.comment),
        Column(_("reacted"), lambda f: bool(f.reactions.all())),
    ]
