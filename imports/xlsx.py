"""Excel workbooks (XLSX), bounded before openpyxl reads them: what the zip inflates to, the
number of shared strings, the length of a cell, no DTD (an entity bomb needs one)."""

import io
import zipfile
from collections.abc import Iterator, Sequence
from xml.parsers import expat

from django.conf import settings
from django.utils.translation import gettext as _

from .errors import ImportFileError
from .errors import count_text as _n

# Excel's own limits: no real workbook has a row or a column beyond them.
XLSX_MAX_ROWS = 1_048_576
# openpyxl keeps a workbook's shared strings (each distinct text) in memory, at some 150 bytes
# each besides the text while it reads them: 300,000 are 15 distinct texts a row in 20,000 rows.
XLSX_MAX_SHARED_STRINGS = 300_000


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


def check_zip(data: bytes) -> None:
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


def xlsx_rows(data: bytes) -> Iterator[Sequence]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        # The dimension a file declares (A1:XFD20000) is not trusted: only real cells are read.
        sheet.reset_dimensions()
        yield from sheet.iter_rows(values_only=True)
    finally:
        book.close()
