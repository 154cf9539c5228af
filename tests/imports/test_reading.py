"""Imports read untrusted files: hostile spreadsheets are refused, or read, in bounded memory.

Each hostile file is built here and read in a child process (tests/childmemory.py), whose
peak memory must stay under PEAK_MB; no timing is asserted."""

import io
import struct
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from imports import reading, services, xlsx
from imports.applying import apply_plan
from imports.models import ImportJob
from imports.planning import plan
from imports.reading import ImportFileError, Table
from partnerships.models import Employer

from ..childmemory import run_in_child

PEAK_MB = 150
SHEET = "xl/worksheets/sheet1.xml"
HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def read_in_child(data: bytes):
    run = run_in_child("imports.reading.read_table", data)
    assert run.peak_mb < PEAK_MB, f"the child peaked at {run.peak_mb:.0f} MB"
    return run


def workbook(sheet_xml: bytes, shared_strings: bytes | None = None) -> bytes:
    """A workbook made by openpyxl whose first sheet is replaced by `sheet_xml` (and which gets
    `shared_strings` as its string table), deflated hard: a few hundred megabytes of one
    character become a few hundred kilobytes."""
    book = Workbook()
    book.active.append(["placeholder"])
    made = io.BytesIO()
    book.save(made)
    source = zipfile.ZipFile(made)
    replaced = {SHEET: sheet_xml}
    if shared_strings is not None:
        part = "sharedStrings"
        replaced["xl/sharedStrings.xml"] = shared_strings
        replaced["[Content_Types].xml"] = source.read("[Content_Types].xml").replace(
            b"</Types>",
            b'<Override PartName="/xl/%s.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.%s+xml"/></Types>'
            % (part.encode(), part.encode()),
        )
        replaced["xl/_rels/workbook.xml.rels"] = source.read("xl/_rels/workbook.xml.rels").replace(
            b"</Relationships>",
            b'<Relationship Id="rIdStrings" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/relationships/sharedStrings"/></Relationships>',
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for member in source.infolist():
            target.writestr(member.filename, replaced.pop(member.filename, None) or source.read(member))
        for name, content in replaced.items():
            target.writestr(name, content)
    return out.getvalue()


def shared_strings(count: int) -> bytes:
    texts = b"".join(b"<si><t>%x</t></si>" % n for n in range(count))
    return b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + texts + b"</sst>"


SHARED_SHEET = (
    HEAD
    + b'<sheetData><row r="1"><c r="A1" t="s"><v>10</v></c><c r="B1" t="s"><v>11</v></c></row>'
    + b'<row r="2"><c r="A2" t="s"><v>12</v></c><c r="B2" t="s"><v>13</v></c></row></sheetData></worksheet>'
)


def inline_row(number: int, *values: str, columns: tuple[str, ...] = ("A", "B", "C")) -> bytes:
    cells = b"".join(
        b'<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (column.encode(), number, value.encode())
        for column, value in zip(columns, values, strict=False)
    )
    return b'<row r="%d">%s</row>' % (number, cells)


def big_cell_sheet(length: int) -> bytes:
    return HEAD + b"<sheetData>" + inline_row(1, "A" * length) + b"</sheetData></worksheet>"


def lie_about_size(data: bytes, name: str, size: int) -> bytes:
    """The zip with `name`'s uncompressed size rewritten, in its local and central headers
    (signature, offset of the name length, of the name, of the size)."""
    data = bytearray(data)
    for signature, length_at, name_at, size_at in ((b"PK\x03\x04", 26, 30, 22), (b"PK\x01\x02", 28, 46, 24)):
        header = data.find(signature)
        while header != -1:
            name_length = struct.unpack_from("<H", data, header + length_at)[0]
            if data[header + name_at : header + name_at + name_length] == name.encode():
                struct.pack_into("<I", data, header + size_at, size)
            header = data.find(signature, header + 4)
    return bytes(data)


def test_a_sheet_declaring_a_huge_dimension_is_read_by_its_real_cells_only():
    sheet = (
        HEAD
        + b'<dimension ref="A1:XFD20000"/><sheetData>'
        + inline_row(1, "Nimi", "Kunta")
        + inline_row(2, "Kone Oy", "Tampere")
        + inline_row(3, "Teräs Oy", "Pori")
        + b"</sheetData></worksheet>"
    )
    run = read_in_child(workbook(sheet))
    assert run.error is None
    assert run.result.headers == ["Nimi", "Kunta"]
    assert run.result.rows == [["Kone Oy", "Tampere"], ["Teräs Oy", "Pori"]]


def test_a_workbook_with_a_cell_beyond_the_column_limit_is_refused_naming_the_limit():
    sheet = (
        HEAD
        + b"<sheetData>"
        + inline_row(1, "Nimi", "Kunta", "x", columns=("A", "B", "XFD"))
        + inline_row(2, "Kone Oy", "Tampere")
        + b"</sheetData></worksheet>"
    )
    run = read_in_child(workbook(sheet))
    assert run.error == (
        "ImportFileError: The file has 16,384 columns; at most 200 are read. Remove the extra columns."
    )


def test_empty_cells_beyond_the_column_limit_are_not_columns():
    far_empty = b'<c r="XFD%d" s="0"/>'
    rows = [
        inline_row(n, *values)[:-6] + far_empty % n + b"</row>"
        for n, values in enumerate((("Nimi", "Kunta"), ("Kone Oy", "Tampere")), start=1)
    ]
    table = reading.read_table(workbook(HEAD + b"<sheetData>" + b"".join(rows) + b"</sheetData></worksheet>"))
    assert (table.headers, table.rows) == (["Nimi", "Kunta"], [["Kone Oy", "Tampere"]])


def test_a_csv_header_of_100000_separators_is_read_without_its_empty_columns():
    data = b"Nimi;Kunta" + b";" * 100_000 + "\r\nKone Oy;Tampere\r\nTeräs Oy;Pori\r\n".encode()
    assert len(data) < 110_000
    run = read_in_child(data)
    assert run.error is None
    assert run.result.headers == ["Nimi", "Kunta"]
    assert run.result.rows == [["Kone Oy", "Tampere"], ["Teräs Oy", "Pori"]]


def test_a_csv_of_100000_columns_is_refused_naming_the_limit():
    header = ";".join(f"c{i}" for i in range(100_001)).encode()
    run = read_in_child(header + b"\nKone Oy;Tampere\n" * 3)
    assert run.error.startswith("ImportFileError: The file has 100,001 columns; at most 200 are read.")


def test_a_csv_line_of_a_million_separators_is_refused_before_it_is_split():
    run = read_in_child(b"Nimi;Kunta\n" + b"ab;" * 1_000_000 + b"\n")
    assert run.error.startswith("ImportFileError: The file has more than 250,000 columns; at most 200")


def test_a_csv_of_millions_of_short_cells_is_refused_in_bounded_memory():
    row = ";".join(f"{n:x}" for n in range(200))
    data = (row + "\n").encode() * (reading.MAX_BYTES // (len(row) + 1))
    run = read_in_child(data)
    assert run.error == "ImportFileError: The file has more than 1,000,000 cells: split it into parts."


def test_the_cells_are_counted_with_the_rows_cut_after_their_last_value(monkeypatch):
    monkeypatch.setattr(reading, "MAX_CELLS", 6)
    assert reading.read_table(b"a;b;;;\n1;2;;;\n3;4\n").rows == [["1", "2"], ["3", "4"]]
    with pytest.raises(ImportFileError, match="more than 6 cells"):
        reading.read_table(b"a;b\n1;2\n3;4\n5\n")


def test_a_zip_member_inflating_to_hundreds_of_megabytes_is_refused_before_it_is_read():
    data = workbook(big_cell_sheet(300 * 1024 * 1024))
    assert len(data) < 1024 * 1024
    run = read_in_child(data)
    assert run.error == (
        "ImportFileError: The workbook would unpack to more than 50 MB: "
        "save it again in Excel, or as a CSV file."
    )


def test_a_zip_member_lying_about_its_size_is_not_inflated_beyond_what_it_declares():
    data = lie_about_size(workbook(big_cell_sheet(300 * 1024 * 1024)), SHEET, 10_000)
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo(SHEET).file_size == 10_000
    run = read_in_child(data)
    assert run.error == "ImportFileError: The file could not be read as an Excel workbook."


def test_a_workbook_of_shared_strings_is_read_within_the_limit_and_refused_beyond_it():
    run = read_in_child(workbook(SHARED_SHEET, shared_strings(xlsx.XLSX_MAX_SHARED_STRINGS)))
    assert run.error is None and run.result.rows == [["c", "d"]], run
    run = read_in_child(workbook(SHARED_SHEET, shared_strings(2_000_000)))
    assert run.error == (
        "ImportFileError: The workbook holds more than 300,000 different texts, more than is read at once: "
        "split it into parts, or save it as a CSV file."
    )


def test_a_huge_cell_within_the_unzipped_limit_is_refused_while_the_zip_is_inflated():
    run = read_in_child(workbook(big_cell_sheet(45 * 1024 * 1024)))
    assert run.error == (
        "ImportFileError: Cell A1 is longer than 32,767 characters, the most that is read in a cell."
    )


def test_a_workbook_with_a_dtd_is_refused():
    sheet = (
        b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>" + inline_row(1, "&a;", "b") + inline_row(2, "c", "d") + b"</sheetData></worksheet>"
    )
    with pytest.raises(ImportFileError, match="could not be read as an Excel workbook"):
        reading.read_table(workbook(sheet))


def test_a_csv_cell_over_the_limit_is_refused_naming_its_row_and_column():
    data = ("Nimi;Kunta\nKone Oy;Tampere\nTeräs Oy;" + "ö" * 40_000 + "\n").encode()
    with pytest.raises(ImportFileError) as caught:
        reading.read_table(data)
    assert str(caught.value) == ("Row 3, column 2 has 40,000 characters; at most 32,767 are read in a cell.")


def test_a_csv_cell_over_the_csv_modules_own_limit_is_refused_not_a_server_error():
    data = b"Nimi;Kunta\nKone Oy;" + b"x" * 200_000 + b"\n"
    with pytest.raises(ImportFileError, match="Row 2 could not be read"):
        reading.read_table(data)


@override_settings(KUMPPANI_IMPORT_MAX_COLUMNS=3, KUMPPANI_IMPORT_MAX_CELL=5)
def test_the_limits_come_from_the_settings():
    reading.read_table(b"a;b;c\n1;2;12345\n")
    with pytest.raises(ImportFileError, match="has 4 columns; at most 3 are read"):
        reading.read_table(b"a;b;c;d\n1;2;3;4\n")
    with pytest.raises(ImportFileError, match="has 6 characters; at most 5"):
        reading.read_table(b"a;b;c\n1;2;123456\n")


def test_the_refusal_is_translated_with_the_numbers_written_in_finnish():
    with translation.override("fi"), pytest.raises(ImportFileError) as caught:
        reading.read_table(b"a" + b";x" * 16_383 + b"\n1;2\n")
    assert str(caught.value).startswith("Tiedostossa on 16\xa0384 saraketta; luetaan enintään 200.")


FINNISH_CSV = (
    "Yrityksen nimi;Y-tunnus;Kunta;Henkilötunnus;Muistiinpanot\r\n"
    'Sähkö-Jääskeläinen Oy;1234567-8;Jyväskylä;131052-308T;"Soita; aamulla"\r\n'
    "\r\n"
    "Kahvila Äijänpuu;;Äänekoski;;\r\n"
).encode("cp1252")


def test_a_normal_csv_is_read_as_before():
    table = reading.read_table(FINNISH_CSV)
    assert table.headers == ["Yrityksen nimi", "Y-tunnus", "Kunta", "Muistiinpanot"]
    assert table.rows == [
        ["Sähkö-Jääskeläinen Oy", "1234567-8", "Jyväskylä", "Soita; aamulla"],
        ["Kahvila Äijänpuu", "", "Äänekoski", ""],
    ]
    assert table.dropped == ["Henkilötunnus"]


def test_a_normal_workbook_is_read_as_before_in_bounded_memory():
    book = Workbook()
    sheet = book.active
    sheet.append(["Etunimi", "Sukunimi", "Opiskelijanumero", None, "Ryhmä"])
    sheet.append(["Aino", "Ääri", 100, None, "SÄH24A"])
    sheet.append(["Eero", "Öljy", 101.0])
    out = io.BytesIO()
    book.save(out)
    run = read_in_child(out.getvalue())
    assert run.error is None
    assert run.result.headers == ["Etunimi", "Sukunimi", "Opiskelijanumero", "#4", "Ryhmä"]
    assert run.result.rows == [["Aino", "Ääri", "100", "", "SÄH24A"], ["Eero", "Öljy", "101", "", ""]]


# --- A NUL character ------------------------------------------------------------------------

NUL_AFTER_4_KB = (
    b"Nimi;Kunta;Muistiinpanot\n"
    + b"".join(b"Yritys %d Oy;Tampere;%s\n" % (n, b"x" * 100) for n in range(60))
    + b"Nolla Oy;Pori;ennen\x00j\xc3\xa4lkeen\n"
    + b"Viimeinen Oy;Turku;\n"
)


@pytest.mark.django_db
def test_a_nul_after_the_first_4_kb_is_refused_at_upload_naming_its_row(coordinator):
    assert NUL_AFTER_4_KB.index(b"\x00") > 4096
    with pytest.raises(ValidationError) as caught:
        services.import_upload(kind="employers", data=NUL_AFTER_4_KB, name="a.csv", by=coordinator)
    assert caught.value.message_dict["file"] == [
        "Row 62 contains a NUL character, which no spreadsheet cell can hold: "
        "remove it and upload the file again."
    ]
    assert not ImportJob.objects.exists()


def test_every_row_with_a_nul_is_named():
    data = b"Nimi;Kunta\n" + b"A;B\n" * 2000 + b"A\x00;B\nC;D\nE;\x00F\n"
    with pytest.raises(ImportFileError, match=r"^Rows 2002, 2004 contain a NUL character"):
        reading.read_table(data)


@pytest.mark.django_db
def test_the_upload_page_names_the_row_with_a_nul(coordinator_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("a.csv", NUL_AFTER_4_KB, content_type="text/csv")
    response = coordinator_client.post(reverse("imports:import_list"), {"kind": "employers", "file": upload})
    assert response.status_code == 200
    assert "Row 62 contains a NUL character" in response.content.decode()
    assert not ImportJob.objects.exists()


@pytest.mark.django_db
def test_a_stored_row_with_a_nul_is_an_error_in_the_preview_and_the_other_rows_import():
    # Rows stored before the upload refused a NUL: the preview names the row, the import
    # writes the others (on PostgreSQL the NUL used to fail the whole transaction).
    table = Table(
        headers=["Nimi", "Kunta"],
        rows=[["Kone Oy", "Tampere"], ["Nol\x00la Oy", "Pori"], ["Teräs Oy", "Turku"]],
    )
    planned = plan("employers", table, {"Nimi": "name", "Kunta": "municipality"})
    assert [row.action for row in planned] == ["new", "error", "new"]
    assert [(e.row, e.column, e.reason) for e in planned[1].errors] == [
        (3, "Nimi", "Contains a NUL character, which no spreadsheet cell can hold.")
    ]
    job = ImportJob.objects.create(kind="employers", original_name="a.csv", headers=table.headers)
    counts = apply_plan("employers", planned, by=None, job_id=job.pk)
    assert counts == {"new": 2, "update": 0, "unchanged": 0, "error": 1}
    assert sorted(Employer.objects.values_list("name", flat=True)) == ["Kone Oy", "Teräs Oy"]
