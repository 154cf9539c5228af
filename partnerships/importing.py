"""Moving in: employers (with their contact persons) and students from the spreadsheets
schools keep today.

1. `read_table` takes CSV (UTF-8 or Windows-1252, comma, semicolon or tab separated, as
   Finnish Excel writes it) or XLSX, checked by content, bounded in size and rows.
2. Columns that hold a henkilötunnus (by their header, or by values that pass its checksum)
   are dropped before anything is stored: Kumppani never keeps one.
3. `suggest_mapping` maps headers to fields from fi/sv/en synonyms and the mapping the
   institution used last time.
4. `plan` classifies every row as new, update, unchanged or error (row, column, reason),
   matching employers on the Y-tunnus, or on a normalised name within the same municipality
   when there is none, and students on their student number.
5. `apply_plan` writes the valid rows through the services in ONE transaction, reporting
   progress through the cache (outside the transaction), so a failure leaves nothing behind.
"""

import codecs
import csv
import datetime
import io
import itertools
import logging
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from xml.parsers import expat

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.models import Language, Lock, StudentGroup
from core.phones import normalize_phone

from .models import ContactPerson, Employer, ImportJob, ImportRows, ImportStatus, Sector, Student, Workplace
from .validators import normal_name, normalize_business_id, validate_business_id

log = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
# Every cell read is a Python string until the rows are stored: a million of them, short and
# all different (the worst a 10 MB file can hold), take some 70 MB.
MAX_CELLS = 1_000_000
KINDS = ("employers", "students")


class ImportFileError(Exception):
    """The file cannot be read as a spreadsheet; the message is for the user."""


@dataclass(frozen=True)
class ImportField:
    key: str
    label: object  # lazy translation
    synonyms: tuple[str, ...]
    required: bool = False


FIELDS = {
    "employers": (
        ImportField(
            "name",
            gettext_lazy("Employer name"),
            (
                "nimi",
                "työnantaja",
                "yritys",
                "yrityksen nimi",
                "namn",
                "arbetsgivare",
                "företag",
                "name",
                "employer",
                "company",
            ),
            required=True,
        ),
        ImportField(
            "business_id",
            gettext_lazy("Business ID"),
            ("y-tunnus", "ytunnus", "fo-nummer", "business id", "company id"),
        ),
        ImportField(
            "sector",
            gettext_lazy("Sector (TOL letter)"),
            ("toimiala", "tol", "bransch", "sector", "industry"),
        ),
        ImportField(
            "municipality",
            gettext_lazy("Municipality"),
            (
                "kunta",
                "kotikunta",
                "paikkakunta",
                "kaupunki",
                "kommun",
                "ort",
                "municipality",
                "city",
                "town",
            ),
            required=True,
        ),
        ImportField(
            "street_address",
            gettext_lazy("Street address"),
            ("osoite", "katuosoite", "adress", "gatuadress", "address", "street address"),
        ),
        ImportField(
            "postal_code",
            gettext_lazy("Postal code"),
            ("postinumero", "postnummer", "postal code", "postcode", "zip"),
        ),
        ImportField(
            "website",
            gettext_lazy("Website"),
            ("www", "kotisivu", "verkkosivu", "webbplats", "website", "web"),
        ),
        ImportField(
            "notes",
            gettext_lazy("Notes"),
            ("lisätiedot", "huomiot", "muistiinpanot", "anteckningar", "notes", "comments"),
        ),
        ImportField(
            "person_first_name",
            gettext_lazy("Contact person: first name"),
            ("yhteyshenkilön etunimi", "etunimi", "förnamn", "first name", "contact first name"),
        ),
        ImportField(
            "person_last_name",
            gettext_lazy("Contact person: last name"),
            ("yhteyshenkilön sukunimi", "sukunimi", "efternamn", "last name", "surname", "contact last name"),
        ),
        ImportField(
            "person_email",
            gettext_lazy("Contact person: e-mail"),
            ("sähköposti", "sahkoposti", "email", "e-mail", "e-post", "yhteyshenkilön sähköposti"),
        ),
        ImportField(
            "person_phone",
            gettext_lazy("Contact person: phone"),
            ("puhelin", "puhelinnumero", "puh", "telefon", "phone", "mobile", "gsm"),
        ),
        ImportField(
            "person_title",
            gettext_lazy("Contact person: title"),
            ("titteli", "tehtävä", "asema", "titel", "title", "role"),
        ),
    ),
    "students": (
        ImportField(
            "first_name",
            gettext_lazy("First name"),
            ("etunimi", "etunimet", "förnamn", "first name", "given name"),
            required=True,
        ),
        ImportField(
            "last_name",
            gettext_lazy("Last name"),
            ("sukunimi", "efternamn", "last name", "surname", "family name"),
            required=True,
        ),
        ImportField(
            "student_number",
            gettext_lazy("Student number"),
            (
                "opiskelijanumero",
                "opiskelijanro",
                "opiskelija numero",
                "studerandenummer",
                "student number",
                "student id",
            ),
            required=True,
        ),
        ImportField(
            "learner_oid",
            gettext_lazy("Learner OID"),
            ("oppijanumero", "oid", "lärandenummer", "learner number", "learner oid"),
        ),
        ImportField(
            "email", gettext_lazy("E-mail"), ("sähköposti", "sahkoposti", "email", "e-mail", "e-post")
        ),
        ImportField(
            "phone", gettext_lazy("Phone"), ("puhelin", "puhelinnumero", "telefon", "phone", "mobile")
        ),
        ImportField(
            "date_of_birth",
            gettext_lazy("Date of birth"),
            ("syntymäaika", "födelsedatum", "date of birth", "birth date", "dob"),
        ),
        ImportField(
            "group", gettext_lazy("Group"), ("ryhmä", "opetusryhmä", "luokka", "grupp", "group", "class")
        ),
        ImportField(
            "language",
            gettext_lazy("Language"),
            ("kieli", "äidinkieli", "asiointikieli", "språk", "language"),
        ),
    ),
}

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


# --- Reading ---------------------------------------------------------------------------------


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


# Excel's own limits: no real workbook has a row or a column beyond them.
XLSX_MAX_ROWS = 1_048_576
# openpyxl keeps a workbook's shared strings (each distinct text) in memory, at some 150 bytes
# each besides the text while it reads them: 300,000 are 15 distinct texts a row in 20,000 rows.
XLSX_MAX_SHARED_STRINGS = 300_000
# A CSV record with more separators than this is refused before it is split into cells, so
# that one line of separators cannot become millions of cells (the column limit is checked on
# the cells themselves; this only bounds what the csv module builds first).
CSV_MAX_SEPARATORS = 250_000


def _n(value: int) -> str:
    """A count as the user's language writes it (16 384, 16,384)."""
    return number_format(value, force_grouping=True)


def _unzipped_limit() -> int:
    return settings.KUMPPANI_IMPORT_MAX_UNZIPPED_MB * 1024 * 1024


def _too_large_unzipped() -> ImportFileError:
    return ImportFileError(
        _("The workbook would unpack to more than %(mb)s MB: save it again in Excel, or as a CSV file.")
        % {"mb": settings.KUMPPANI_IMPORT_MAX_UNZIPPED_MB}
    )


def _too_many_texts() -> ImportFileError:
    return ImportFileError(
        _(
            "The workbook holds more than %(count)s different texts, more than is read at once: "
            "split it into parts, or save it as a CSV file."
        )
        % {"count": _n(XLSX_MAX_SHARED_STRINGS)}
    )


def _too_many_columns(count: int, *, more_than: bool = False) -> ImportFileError:
    values = {"count": _n(count), "limit": _n(settings.KUMPPANI_IMPORT_MAX_COLUMNS)}
    if more_than:
        message = _(
            "The file has more than %(count)s columns; at most %(limit)s are read. Remove the extra columns."
        )
    else:
        message = _("The file has %(count)s columns; at most %(limit)s are read. Remove the extra columns.")
    return ImportFileError(message % values)


class _XmlScan:
    """A streaming look at one XML member as it is inflated, before openpyxl parses it: the
    text of a cell (`<c>` in a sheet, `<si>` in the shared strings) may not pass the cell
    limit, nor any other text run a megabyte, and no DTD is allowed (a workbook has none, an
    entity bomb needs one). Memory stays at the size of one chunk whatever the member holds."""

    OTHER_TEXT_LIMIT = 1024 * 1024

    def __init__(self):
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.buffer_text = False
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._text
        self.cell: str | None = None  # the reference of the cell being read ("" in shared strings)
        self.length = 0
        self.strings = 0

    def feed(self, chunk: bytes, final: bool = False) -> None:
        self.parser.Parse(chunk, final)

    def _doctype(self, *args) -> None:
        raise ValueError("a DTD in a workbook")

    def _start(self, name: str, attributes: dict) -> None:
        local = name.rpartition(" ")[2]
        if local == "si":
            self.strings += 1
            if self.strings > XLSX_MAX_SHARED_STRINGS:
                raise _too_many_texts()
        if local in ("c", "si"):
            self.cell, self.length = attributes.get("r", ""), 0
        elif self.cell is None:
            self.length = 0

    def _end(self, name: str) -> None:
        if name.rpartition(" ")[2] in ("c", "si"):
            self.cell, self.length = None, 0

    def _text(self, data: str) -> None:
        self.length += len(data)
        if self.cell is None:
            if self.length > self.OTHER_TEXT_LIMIT:
                raise ValueError("a text run too long for a workbook")
        elif self.length > settings.KUMPPANI_IMPORT_MAX_CELL:
            raise _too_long_xlsx_cell(self.cell)


def _too_long_xlsx_cell(reference: str) -> ImportFileError:
    limit = _n(settings.KUMPPANI_IMPORT_MAX_CELL)
    if reference:
        return ImportFileError(
            _("Cell %(cell)s is longer than %(limit)s characters, the most that is read in a cell.")
            % {"cell": reference, "limit": limit}
        )
    return ImportFileError(
        _("A cell is longer than %(limit)s characters, the most that is read in a cell.") % {"limit": limit}
    )


def _check_zip(data: bytes) -> None:
    """Bound what the workbook's members inflate to before openpyxl reads any of them: by the
    sizes the zip declares, and by counting the bytes as they are inflated (a header can lie);
    the XML members are scanned on the way (see _XmlScan)."""
    limit = _unzipped_limit()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        if sum(member.file_size for member in members) > limit:
            raise _too_large_unzipped()
        total = 0
        for member in members:
            scan = _XmlScan() if member.filename.endswith((".xml", ".rels")) else None
            with archive.open(member) as stream:
                while chunk := stream.read(64 * 1024):
                    total += len(chunk)
                    if total > limit:
                        raise _too_large_unzipped()
                    if scan:
                        scan.feed(chunk)
            if scan:
                scan.feed(b"", final=True)


def _xlsx_rows(data: bytes) -> Iterator[Sequence]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        # The dimension a file declares (A1:XFD20000) is not trusted: only real cells are read.
        sheet.reset_dimensions()
        yield from sheet.iter_rows(values_only=True)
    finally:
        book.close()


def _read_xlsx(data: bytes) -> list[list[str]]:
    try:
        _check_zip(data)
        return _bounded_rows(_xlsx_rows(data), max_rows=XLSX_MAX_ROWS)
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


# --- Mapping ---------------------------------------------------------------------------------


def normal_header(value: str) -> str:
    value = unicodedata.normalize("NFC", value).casefold()
    return re.sub(r"[\s_.:*]+", " ", value).strip()


def suggest_mapping(
    kind: str, headers: list[str], remembered: dict[str, str] | None = None
) -> dict[str, str]:
    """header -> field key ('' for ignored), from what was used last time, then synonyms."""
    remembered = remembered or {}
    fields = {f.key for f in FIELDS[kind]}
    mapping, taken = {}, set()
    for header in headers:
        key = remembered.get(normal_header(header), "")
        if key in fields and key not in taken:
            mapping[header], taken = key, taken | {key}
    for header in headers:
        if header in mapping:
            continue
        name = normal_header(header)
        for candidate in FIELDS[kind]:
            if candidate.key not in taken and name in {normal_header(s) for s in candidate.synonyms}:
                mapping[header], taken = candidate.key, taken | {candidate.key}
                break
        else:
            mapping[header] = ""
    return mapping


def mapping_errors(kind: str, mapping: dict[str, str]) -> list[str]:
    chosen = [key for key in mapping.values() if key]
    errors = []
    for candidate in FIELDS[kind]:
        if candidate.required and candidate.key not in chosen:
            errors.append(_("Choose a column for “%(field)s”.") % {"field": candidate.label})
        if chosen.count(candidate.key) > 1:
            errors.append(_("“%(field)s” is chosen for more than one column.") % {"field": candidate.label})
    return errors


# --- Planning --------------------------------------------------------------------------------


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
    person = _find_person(index["people"].get(employer.pk, []), values)
    if values.get("person_last_name"):
        if person is None:
            changes.append("person")
        else:
            for key in ("email", "phone", "title"):
                if values.get(f"person_{key}") and values[f"person_{key}"] != getattr(person, key):
                    changes.append(f"person_{key}")
    return changes


def _find_person(people: list[ContactPerson], values: dict) -> ContactPerson | None:
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
            for key, value in _student_data(values, index).items()
            if value not in ("", None) and getattr(existing, key) != value
        ]
        planned.action = "update" if planned.changes else "unchanged"
    return planned


def _student_data(values: dict, index: dict) -> dict:
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


def _student_index() -> dict:
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
    index = _employer_index() if kind == "employers" else _student_index()
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


# --- Applying --------------------------------------------------------------------------------


def progress_key(job_id: int) -> str:
    return f"import-progress:{job_id}"


class Progress:
    """An import's progress (0-100), written while its rows are written in one transaction.

    On PostgreSQL it goes to the job's row through a connection of its own, committed at
    once, so that every web machine reads it from the database while the import's own
    transaction is still open. SQLite takes one writer at a time and is one machine by
    definition: there it goes to the cache, which that machine's processes share."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.connection = (
            connections.create_connection(DEFAULT_DB_ALIAS) if connection.vendor == "postgresql" else None
        )

    def write(self, percent: int) -> None:
        if self.connection is None:
            cache.set(progress_key(self.job_id), percent, 86400)
            return
        try:
            with self.connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {ImportJob._meta.db_table} SET progress = %s WHERE id = %s",
                    [percent, self.job_id],
                )
        except DatabaseError:  # the bar stands still for a moment; the import goes on
            log.warning("Could not write the progress of import %s", self.job_id, exc_info=True)

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()


def progress_read(job: ImportJob) -> int:
    if job.status == ImportStatus.DONE:
        return 100
    return max(job.progress, int(cache.get(progress_key(job.pk), 0)))


def _apply_employer(row: PlannedRow, by, created: dict) -> None:
    from . import services

    values = row.values
    employer = Employer.objects.get(pk=row.target_id) if row.target_id else None
    if employer is None:
        # Further rows of an employer created a moment ago (one row per contact person).
        employer = created.get(employer_key(values))
    if employer is None:
        employer = services.employer_create(
            name=values["name"],
            municipality=values["municipality"],
            business_id=values.get("business_id") or None,
            sector=values.get("sector", ""),
            website=values.get("website", ""),
            notes=values.get("notes", ""),
            street_address=values.get("street_address", ""),
            postal_code=values.get("postal_code", ""),
            account_owner=None,
        )
        created[employer_key(values)] = employer
    else:
        data = {k: values[k] for k in ("name", "website", "notes", "sector", "business_id") if values.get(k)}
        if data:
            services.employer_update(employer=employer, data=data)
        municipalities = {w.casefold() for w in employer.workplaces.values_list("municipality", flat=True)}
        if values["municipality"].casefold() not in municipalities:
            services.workplace_create(
                employer=employer,
                data={
                    "name": employer.name,
                    "municipality": values["municipality"],
                    "street_address": values.get("street_address", ""),
                    "postal_code": values.get("postal_code", ""),
                },
            )
    if values.get("person_last_name"):
        person = _find_person(list(employer.people.all()), values)
        data = {
            "first_name": values.get("person_first_name", ""),
            "last_name": values["person_last_name"],
            **{k: values[f"person_{k}"] for k in ("email", "phone", "title") if values.get(f"person_{k}")},
        }
        if person is None:
            services.contact_person_create(employer=employer, data=data)
        else:
            services.contact_person_update(person=person, data=data)


def _apply_student(row: PlannedRow, index: dict) -> None:
    from . import services

    data = _student_data(row.values, index)
    if row.target_id:
        services.student_update(student=Student.objects.get(pk=row.target_id), data=data)
    else:
        services.student_create(data=data)


def apply_plan(kind: str, planned: list[PlannedRow], *, by, job_id: int) -> dict[str, int] | None:
    """Write every new and changed row in one transaction; errors and unchanged rows are
    skipped. Progress (0-100) is written as rows are written (Progress); the job is marked done,
    and its stored rows deleted, in the same transaction. None when another run of the job has
    already done it."""
    pending_rows = [row for row in planned if row.action in ("new", "update")]
    progress = Progress(job_id)
    try:
        progress.write(0)
        return _apply_rows(kind, planned, pending_rows, by=by, job_id=job_id, progress=progress)
    finally:
        progress.close()


def _apply_rows(
    kind: str, planned, pending_rows, *, by, job_id: int, progress: Progress
) -> dict[str, int] | None:
    index = _student_index() if kind == "students" else {}
    created: dict = {}
    step = max(len(pending_rows) // 100, 1)
    with transaction.atomic():
        # One run at a time per job, and none after another has finished it (the task may be
        # delivered twice): the lock is held until this transaction ends.
        Lock.acquire(f"import:{job_id}")
        if ImportJob.objects.filter(pk=job_id, status=ImportStatus.DONE).exists():
            return None
        for done, row in enumerate(pending_rows, start=1):
            if kind == "employers":
                _apply_employer(row, by, created)
            else:
                _apply_student(row, index)
            if done % step == 0:
                progress.write(min(99, done * 100 // len(pending_rows)))
        counts = summary(planned)
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportStatus.DONE, result=counts, progress=100, finished_at=timezone.now()
        )
        # The rows go in the same commit: a job seen as done never still keeps them.
        ImportRows.objects.filter(job_id=job_id).delete()
    progress.write(100)
    return counts
