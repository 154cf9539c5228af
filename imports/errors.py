"""The error a file that cannot be read raises, and how its messages write counts: shared by
the CSV reader (reading.py) and the workbook checks (xlsx.py)."""

from django.utils.formats import number_format


class ImportFileError(Exception):
    """The file cannot be read as a spreadsheet; the message is for the user."""


def count_text(value: int) -> str:
    """A count as the user's language writes it (16 384, 16,384)."""
    return number_format(value, force_grouping=True)
