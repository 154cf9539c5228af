"""Reading rendered brochures back: text by position on the page (pypdfium2), the PDF's
objects with every stream decompressed, and the fonts it embeds."""

import re

import pypdfium2

from ..core.test_pdf import inflated

__all__ = ["inflated"]

MM = 72 / 25.4
PAGE_MARGIN_X = 12 * MM  # static/css/brochure.css @page
COLUMN_GAP = 7 * MM  # .columns column-gap

# Branding and texts at their longest, so that overflow and page-fit are tested at the limit.
BRANDING = {
    "name": "Järvilaakson ammatti- ja aikuisopisto, Keski-Pirkanmaan koulutuskuntayhtymä",
    "website": "https://www.jarvilaakso.example/tyoelamayhteistyo/oppisopimus-ja-koulutussopimus",
    "email": "tyoelamapalvelut.oppisopimustoimisto@jarvilaakso.example",
    "phone": "+358 3 123 4500",
    "street_address": "Opintie 1",
    "postal_code": "33100",
    "city": "Tampere",
    "contact_lines": "Oppisopimustoimisto, puh. 040 123 4567\nTyöelämäpalvelut, puh. 040 765 4321",
}
LONG_LINK = (
    "Oppisopimuskoulutuksen hakeminen | "
    "https://www.jarvilaakso.example/oppisopimus/tyonantajalle/hakeminen-ja-sopimuksen-tekeminen?lang=fi"
)


def normal(text: str) -> str:
    """Compare text regardless of line breaks, hyphenation, case and spacing."""
    text = text.replace("\x02", "").replace("\u00ad", "").replace("\ufffe", "")
    return re.sub(r"[\s\-]+", "", text).lower()


class Page:
    def __init__(self, pdf: bytes, index: int = 0):
        self.document = pypdfium2.PdfDocument(pdf)
        self.page = self.document[index]
        self.width, self.height = self.page.get_size()
        self.text = self.page.get_textpage()

    def close(self):
        self.document.close()

    def all_text(self) -> str:
        return self.text.get_text_bounded(0, 0, self.width, self.height)

    def tops_of(self, needle: str) -> list[float]:
        """The tops (PDF units, from the bottom) of every occurrence of `needle`, in order."""
        searcher = self.text.search(needle, match_case=False)
        tops = []
        while found := searcher.get_next():
            index, count = found
            tops.append(max(self.text.get_charbox(i)[3] for i in range(index, index + count)))
        return tops

    def top_of(self, needle: str) -> float:
        tops = self.tops_of(needle)
        assert tops, f"{needle!r} is not on the page"
        return tops[0]

    def column_band(self, heading: str, question: str, below: str) -> tuple[float, float]:
        """(bottom, top) of the two columns: from the column heading (the last occurrence of
        its word above the column's question) down to the first line of `below`."""
        question_top = self.top_of(question)
        top = min(t for t in self.tops_of(heading) if t > question_top + 1)
        return self.top_of(below), top + 2

    def region(self, left: float, bottom: float, right: float, top: float) -> str:
        return self.text.get_text_bounded(left, bottom, right, top)

    def glyph_boxes(self):
        """(char, (left, bottom, right, top)) of every visible character."""
        for i in range(self.text.count_chars()):
            char = self.text.get_text_range(i, 1)
            if char.strip() and char not in "\x02\ufffe":
                yield char, self.text.get_charbox(i)


def page_count(pdf: bytes) -> int:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def base_fonts(pdf: bytes) -> set[str]:
    return {m.decode() for m in re.findall(rb"/BaseFont\s*/([A-Za-z0-9+\-_,]+)", inflated(pdf))}


def text_of(pdf: bytes) -> str:
    """The text of every page. Each text page, page and the document are closed here, in that
    order: left to the garbage collector at interpreter exit, pdfium objects can be freed
    after the document that owns them and corrupt the heap."""
    document = pypdfium2.PdfDocument(pdf)
    parts = []
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            parts.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        document.close()
    return "\n".join(parts)
