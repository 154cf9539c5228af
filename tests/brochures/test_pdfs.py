"""The rendered brochures and checklists: content in the right column, in every audience,
language and colour; accessible, embedded-font, one-page A4 PDFs with no line overflowing."""

import shutil
import subprocess

import pytest

from brochures import checklists, content
from brochures.content import APPRENTICESHIP, TRAINING
from brochures.models import DownloadKind
from brochures.rendering import Variant, all_variants

from .pdfs import BRANDING, COLUMN_GAP, PAGE_MARGIN_X, Page, base_fonts, inflated, normal, page_count

# The session fixture reads the test database (pytest-django creates it for marked tests).
pytestmark = pytest.mark.django_db

BROCHURES = [v for v in all_variants() if v.kind == DownloadKind.BROCHURE]
CHECKLISTS = [v for v in all_variants() if v.kind == DownloadKind.CHECKLIST]


def ids(variant: Variant) -> str:
    return f"{variant.kind}-{variant.audience}-{variant.language}-{variant.colour}"


def band(page: Page, variant: Variant) -> tuple[float, float]:
    language = variant.language
    return page.column_band(
        content.HEADINGS[APPRENTICESHIP].get(language),
        "".join(content.QUESTIONS[APPRENTICESHIP].get(language).split()[:1]),
        content.SUMMER.get(language)[:12],
    )


def columns_of(pdf: bytes, variant: Variant) -> dict[str, str]:
    """The text of each column, read from its own half of the page, between the column
    headings and the summer note below them."""
    page = Page(pdf)
    try:
        bottom, top = band(page, variant)
        middle = page.width / 2
        return {
            APPRENTICESHIP: page.region(0, bottom, middle, top),
            TRAINING: page.region(middle, bottom, page.width, top),
        }
    finally:
        page.close()


@pytest.mark.parametrize("variant", BROCHURES, ids=ids)
def test_each_column_holds_its_own_statements_and_none_of_the_other(rendered, variant):
    columns = columns_of(rendered[variant], variant)
    for kind, other in ((APPRENTICESHIP, TRAINING), (TRAINING, APPRENTICESHIP)):
        text = normal(columns[kind])
        own = content.BULLETS[variant.audience][kind]
        for bullet in own:
            assert normal(bullet.get(variant.language)) in text, (kind, bullet.get(variant.language))
        for bullet in content.BULLETS[variant.audience][other]:
            if bullet not in own:
                assert normal(bullet.get(variant.language)) not in text, (kind, bullet.get(variant.language))


# What each column must and must not say, in each language (the domain reference's table).
HOURS = {"fi": "25 tuntia", "sv": "25 timmar", "en": "25 hours"}
HOURS_SHORT = {"fi": "25 h", "sv": "25 h", "en": "25 h"}
NO_WAGE = {
    "employer": {
        "fi": "Ette maksa opiskelijalle palkkaa",
        "sv": "Ni betalar ingen lön",
        "en": "You pay the student no wage",
    },
    "student": {
        "fi": "Työnantaja ei maksa sinulle palkkaa",
        "sv": "Arbetsgivaren betalar dig ingen lön",
        "en": "The employer pays you no wage",
    },
    "teacher": {
        "fi": "Työnantaja ei maksa palkkaa",
        "sv": "Arbetsgivaren betalar ingen lön",
        "en": "No wage and no other compensation",
    },
}
WAGE = {"fi": "palkka", "sv": "lön", "en": "wage"}
STUDY_GRANT = {"fi": "opintotu", "sv": "studiestöd", "en": "study grant"}
UNPAID_DAYS = {
    "fi": "palkattomilta opiskelupäiviltä",
    "sv": "obetalda studiedagar",
    "en": "unpaid study days",
}
INFORMED = {"fi": "tiedoksi", "sv": "får del av avtalet", "en": "informed"}


@pytest.mark.parametrize("variant", [v for v in BROCHURES if v.colour == "blue"], ids=ids)
def test_the_law_is_stated_under_the_right_agreement_type(rendered, variant):
    language, audience = variant.language, variant.audience
    columns = {kind: normal(text) for kind, text in columns_of(rendered[variant], variant).items()}
    apprenticeship, training = columns[APPRENTICESHIP], columns[TRAINING]
    hours = HOURS_SHORT[language] if audience == "teacher" else HOURS[language]
    # At least 25 h a week: the apprenticeship, never the training agreement.
    assert normal(hours) in apprenticeship
    assert "25" not in training
    # No wage on a training agreement; a wage under the collective agreement on an apprenticeship.
    assert normal(NO_WAGE[audience][language]) in training
    assert normal(WAGE[language]) in apprenticeship
    # Both are typically 1-5 days a week only on a training agreement.
    assert "1–5" in training
    assert "1–5" not in apprenticeship
    # The student signs an apprenticeship and is only informed of a training agreement.
    assert normal(INFORMED[language]) in training
    assert normal(INFORMED[language]) not in apprenticeship
    if audience in ("student", "teacher"):
        # Apprentices get the benefits for unpaid study days, never the study grant.
        assert normal(UNPAID_DAYS[language]) in apprenticeship
        assert normal(UNPAID_DAYS[language]) not in training
        assert normal(STUDY_GRANT[language]) in training
    if audience == "student":
        assert normal(STUDY_GRANT[language]) not in apprenticeship


@pytest.mark.parametrize("variant", BROCHURES, ids=ids)
def test_every_brochure_carries_the_common_parts_and_the_institution(rendered, variant):
    page = Page(rendered[variant])
    try:
        text = normal(page.all_text())
    finally:
        page.close()
    language = variant.language
    for part in (
        content.TITLE,
        content.BOTH_MODELS,
        content.SUMMER,
        content.CHECK_PRACTICES[variant.audience],
    ):
        assert normal(part.get(language)) in text or page_count(rendered[variant]) > 1
    for field in ("name", "phone", "email"):
        assert normal(BRANDING[field]) in text or page_count(rendered[variant]) > 1
    if variant.audience == "teacher":
        assert normal(content.TEACHER_ONLY.get(language)) in text
    else:
        assert normal(content.TEACHER_ONLY.get(language)) not in text


@pytest.mark.parametrize("variant", BROCHURES, ids=ids)
def test_the_whole_brochure_text_is_in_the_pdf(rendered, variant):
    """Everything, including what a second page carries (the teacher's local notes)."""
    from pypdfium2 import PdfDocument

    document = PdfDocument(rendered[variant])
    try:
        text = normal("".join(page.get_textpage().get_text_range() for page in document))
    finally:
        document.close()
    language = variant.language
    assert normal(content.SUMMER.get(language)) in text
    assert normal(content.CHECK_PRACTICES[variant.audience].get(language)) in text
    assert normal(BRANDING["name"]) in text
    assert normal("hakeminen-ja-sopimuksen-tekeminen") in text  # the long link, whole


@pytest.mark.parametrize("variant", BROCHURES + CHECKLISTS, ids=ids)
def test_no_line_overflows_the_page_or_its_column(rendered, variant):
    page = Page(rendered[variant])
    try:
        boxes = list(page.glyph_boxes())
        assert boxes
        for char, (left, _bottom, right, _top) in boxes:
            assert left >= PAGE_MARGIN_X - 1 and right <= page.width - PAGE_MARGIN_X + 1, char
        if variant.kind == DownloadKind.BROCHURE:
            bottom, top = band(page, variant)
            gutter = (page.width / 2 - COLUMN_GAP / 2 + 0.5, page.width / 2 + COLUMN_GAP / 2 - 0.5)
            for char, (left, low, right, high) in boxes:
                if low >= bottom and high <= top:
                    assert right <= gutter[0] or left >= gutter[1], f"{char!r} runs into the gutter"
    finally:
        page.close()


@pytest.mark.parametrize("variant", BROCHURES + CHECKLISTS, ids=ids)
def test_an_accessible_a4_pdf_with_every_font_embedded_from_our_package(rendered, variant):
    pdf = rendered[variant]
    body = inflated(pdf)
    assert b"/StructTreeRoot" in body  # tagged (PDF/UA)
    assert f"/Lang ({variant.language}".encode() in body
    page = Page(pdf)
    try:
        assert (round(page.width), round(page.height)) == (595, 842)  # A4 in points
    finally:
        page.close()
    fonts = base_fonts(pdf)
    assert fonts and all("Source-Sans-3" in font for font in fonts), fonts
    assert body.count(b"/FontFile") >= len(fonts)  # each font's program is in the file


@pytest.mark.parametrize("variant", BROCHURES + CHECKLISTS, ids=ids)
def test_the_public_versions_fit_one_page(rendered, variant):
    pages = page_count(rendered[variant])
    # The teacher version carries the institution's own notes (here at their longest).
    assert pages == 1 or (
        variant.audience == "teacher" and variant.kind == DownloadKind.BROCHURE and pages == 2
    )


@pytest.mark.parametrize("variant", CHECKLISTS, ids=ids)
def test_checklists_name_the_checkpoint_of_each_item(rendered, variant):
    page = Page(rendered[variant])
    try:
        text = normal(page.all_text())
    finally:
        page.close()
    assert normal(checklists.CHECKLIST_TITLE[variant.audience].get(variant.language)) in text
    for phase in checklists.PHASES:
        assert normal(checklists.PHASE_NAMES[phase].get(variant.language)) in text
        for entry in checklists.CHECKLISTS[variant.audience][phase]:
            assert normal(entry.text.get(variant.language)) in text
    assert normal({"fi": "Yhteinen ennakkosuunnittelu", "sv": "Gemensam förhandsplanering",
                   "en": "Joint advance planning"}[variant.language]) in text  # fmt: skip


@pytest.mark.pdftoppm
@pytest.mark.parametrize("audience", content.AUDIENCES)
def test_pdftoppm_turns_a_page_of_each_audience_into_png(rendered, audience, tmp_path):
    pdf = tmp_path / "brochure.pdf"
    pdf.write_bytes(rendered[Variant(DownloadKind.BROCHURE, audience, "fi", "blue")])
    subprocess.run(
        [
            shutil.which("pdftoppm"),
            "-f",
            "1",
            "-l",
            "1",
            "-r",
            "40",
            "-png",
            str(pdf),
            str(tmp_path / "page"),
        ],
        check=True,
        timeout=60,
    )
    [png] = tmp_path.glob("page*.png")
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 5000
