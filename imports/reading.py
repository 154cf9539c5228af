"""Reading an upload: CSV (UTF-8 or Windows-1252, comma, semicolon or tab separated, as
Finnish Excel writes it) or XLSX (xlsx.py), checked by content, bounded in size, rows, columns
and cells. Columns that hold a henkilötunnus (by their header, or by values that pass its
checksum) are dropped before anything is stored: Kumppani never keeps one."""

import codecs
import csv
import datetime
import io
import itertools
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .errors import ImportFileError
from .errors import count_text as _n
from .xlsx import XLSX_MAX_ROWS, check_zip, xlsx_rows

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
# Every cell read is a Python string until the rows are stored: a million of them, short and
# all different (the worst a 10 MB file can hold), take some 70 MB.
MAX_CELLS = 1_000_000


# A henkilötunnus is never imported (domain reference): such columns are flagged and dropped.
HETU_HEADERS = re.compile(
    r"hetu|henkil[oö]tunnus|sotu|sosiaaliturvatunnus|personbeteckning|personnummer|"
    r"personal identity|identity code|ssn|social security",
    re.IGNORECASE,
)
HETU = re.compile(r"^(\d{6})([-+A-FU-Y])(\d{3})([0-9A-Y])$")
HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def is_henkilotunnus(value: str) -> bool:
    match = HETU.match(value.strip().upper())
    return bool(match) and HETU_CHECK[int(match.group(1) + match.group(3)) % 31] == match.group(4)


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    dropped: list[str] = field(default_factory=list)  # headers of henkilötunnus columns


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# A CSV record with more separators than this is refused before it is split into cells, so
# that one line of separators cannot become millions of cells (the column limit is checked on
# the cells themselves; this only bounds what the csv module builds first).
CSV_MAX_SEPARATORS = 250_000


def _too_many_columns(count: int, *, more_than: bool = False) -> ImportFileError:
    values = {"count": _n(count), "limit": _n(settings.KUMPPANI_IMPORT_MAX_COLUMNS)}
    if more_than:
        message = _(
            "The file has more than %(count)s columns; at most %(limit)s are read. Remove the extra columns."
        )
    else:
        message = _("The file has %(count)s columns; at most %(limit)s are read. Remove the extra columns.")
    return ImportFileError(message % values)


def _read_xlsx(data: bytes) -> list[list[str]]:
    try:
        check_zip(data)
        return _bounded_rows(xlsx_rows(data), max_rows=XLSX_MAX_ROWS)
    except ImportFileError:
        raise
    except Exception:  # openpyxl and zipfile raise many kinds for a broken workbook
        raise ImportFileError(_("The file could not be read as an Excel workbook.")) from None


def _csv_encoding(data: bytes) -> str:
    """UTF-8 when the whole file is valid UTF-8, else what Finnish Excel writes; checked in
    chunks, so the file is never held twice as text."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for start in range(0, len(data), 64 * 1024):
            decoder.decode(view[start : start + 64 * 1024])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


class _SeparatorGuard:
    """Feeds lines to the csv module, refusing a record (the lines since `reset`) with more
    separators than CSV_MAX_SEPARATORS before the module splits it."""

    def __init__(self, lines: Iterable[str], delimiter: str):
        self.lines, self.delimiter, self.count = lines, delimiter, 0

    def reset(self) -> None:
        self.count = 0

    def __iter__(self) -> Iterator[str]:
        for line in self.lines:
            self.count += line.count(self.delimiter)
            if self.count > CSV_MAX_SEPARATORS:
                raise _too_many_columns(CSV_MAX_SEPARATORS, more_than=True)
            yield line


def _read_csv(data: bytes) -> list[list[str]]:
    if b"\x00" in data[:4096]:
        raise ImportFileError(_("The file is not a spreadsheet: upload a CSV or an Excel (.xlsx) file."))
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=_csv_encoding(data), errors="replace", newline="")
    first, second = stream.readline(), stream.readline()
    delimiter = max((";", ",", "\t"), key=first.count)
    if first.count(delimiter) == 0 and second and not first.strip():
        raise ImportFileError(_("The file is not a spreadsheet: upload a CSV or an Excel (.xlsx) file."))
    guard = _SeparatorGuard(itertools.chain((first, second), stream), delimiter)
    reader = csv.reader(guard, delimiter=delimiter)

    def records() -> Iterator[list[str]]:
        while True:
            guard.reset()
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error:  # a field longer than the csv module's own limit, or a broken quote
                raise _unreadable_row(reader.line_num) from None
            yield row

    return _bounded_rows(records(), max_rows=None)


def _unreadable_row(row: int) -> ImportFileError:
    return ImportFileError(
        _("Row %(row)s could not be read: a cell may be longer than %(limit)s characters.")
        % {"row": row, "limit": _n(settings.KUMPPANI_IMPORT_MAX_CELL)}
    )


def _too_long_cell(row: int, column: int, length: int) -> ImportFileError:
    return ImportFileError(
        _("Row %(row)s, column %(column)s has %(length)s characters; at most %(limit)s are read in a cell.")
        % {"row": row, "column": column, "length": _n(length), "limit": _n(settings.KUMPPANI_IMPORT_MAX_CELL)}
    )


def _nul_rows_error(rows: list[int]) -> ImportFileError:
    shown = ", ".join(str(row) for row in rows[:10]) + (" …" if len(rows) > 10 else "")
    return ImportFileError(
        ngettext(
            "Row %(rows)s contains a NUL character, which no spreadsheet cell can hold: "
            "remove it and upload the file again.",
            "Rows %(rows)s contain a NUL character, which no spreadsheet cell can hold: "
            "remove it and upload the file again.",
            len(rows),
        )
        % {"rows": shown}
    )


def _bounded_rows(source: Iterable[Sequence], *, max_rows: int | None) -> list[list[str]]:
    """The non-blank rows as text, each cut after its last non-empty cell. A row with more
    columns, or a cell with more characters, than the settings allow refuses the file before
    anything is padded; so does a NUL character (PostgreSQL cannot store one), naming the rows."""
    max_columns, max_cell = settings.KUMPPANI_IMPORT_MAX_COLUMNS, settings.KUMPPANI_IMPORT_MAX_CELL
    rows: list[list[str]] = []
    nul_rows: list[int] = []
    cell_count = 0
    for number, raw in enumerate(source, start=1):
        if max_rows is not None and number > max_rows:
            break
        if len(raw) > max_columns:
            # A row padded to column XFD is not converted cell by cell: empty cells beyond the
            # limit are all None (XLSX) or all "" (CSV), counted at C speed.
            tail = raw[max_columns:]
            if tail[-1] in (None, "") and tail.count(tail[-1]) == len(tail):
                raw = raw[:max_columns]
        cells = [_cell(value) for value in raw]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        if len(cells) > max_columns:
            raise _too_many_columns(len(cells))
        for column, cell in enumerate(cells, start=1):
            if len(cell) > max_cell:
                raise _too_long_cell(number, column, len(cell))
            if "\x00" in cell:
                nul_rows.append(number)
                break
        rows.append(cells)
        cell_count += len(cells)
        if cell_count > MAX_CELLS:
            raise ImportFileError(
                _("The file has more than %(count)s cells: split it into parts.") % {"count": _n(MAX_CELLS)}
            )
        if len(rows) > MAX_ROWS + 1:
            break
    if nul_rows:
        raise _nul_rows_error(nul_rows)
    return rows


def too_large_message() -> str:
    return _("The file is too large: at most %(mb)s MB.") % {"mb": MAX_BYTES // 1024 // 1024}


def read_table(data: bytes) -> Table:
    """Read an upload by its content; raise ImportFileError with a message for the user."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(too_large_message())
    if data.startswith(b"PK\x03\x04") and zipfile.is_zipfile(io.BytesIO(data)):
        rows = _read_xlsx(data)
    else:
        rows = _read_csv(data)
    if len(rows) < 2:
        raise ImportFileError(_("The file has no rows to import below its header row."))
    if len(rows) - 1 > MAX_ROWS:
        raise ImportFileError(
            _("The file has more than %(n)s rows: split it into parts.") % {"n": f"{MAX_ROWS:,}"}
        )
    # Every row is at most as wide as the widest real row, itself within the column limit.
    width = max(len(row) for row in rows)
    headers = [h or f"#{i + 1}" for i, h in enumerate(rows[0] + [""] * (width - len(rows[0])))]
    body = rows[1:]
    del rows
    for row in body:
        row.extend([""] * (width - len(row)))
    dropped = [
        index
        for index, header in enumerate(headers)
        if HETU_HEADERS.search(header) or any(is_henkilotunnus(row[index]) for row in body if row[index])
    ]
    if dropped:
        keep = [i for i in range(width) if i not in dropped]
        for position, row in enumerate(body):
            body[position] = [row[i] for i in keep]
    else:
        keep = list(range(width))
    return Table(
        headers=[headers[i] for i in keep],
        rows=body,
        dropped=[headers[i] for i in dropped],
    )
