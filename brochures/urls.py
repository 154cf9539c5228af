from django.urls import path, register_converter

from . import views
from .checklists import CHECKLIST_AUDIENCES
from .content import AUDIENCES, COLOUR_SLUGS, LANGUAGES, OWN_COLOUR
from .texts import DOCUMENTS


class Choice:
    """A path segment that is one of a fixed set of words (anything else is a 404)."""

    choices: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.regex = "|".join(cls.choices)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class AudienceConverter(Choice):
    choices = AUDIENCES


class ChecklistAudienceConverter(Choice):
    choices = CHECKLIST_AUDIENCES


class LanguageConverter(Choice):
    choices = LANGUAGES


class DocumentConverter(Choice):
    choices = DOCUMENTS


class WordingAudienceConverter(Choice):
    choices = tuple(dict.fromkeys((*AUDIENCES, *CHECKLIST_AUDIENCES)))  # checked per document in the view


class ColourConverter(Choice):
    choices = (*COLOUR_SLUGS, OWN_COLOUR)  # the own one answers 404 while none is set


register_converter(AudienceConverter, "audience")
register_converter(ChecklistAudienceConverter, "checklist_audience")
register_converter(LanguageConverter, "lang")
register_converter(ColourConverter, "colour")
register_converter(DocumentConverter, "document")
register_converter(WordingAudienceConverter, "wording_audience")

app_name = "brochures"

urlpatterns = [
    path("brochures/", views.brochure_index, name="brochure_index"),
    path("brochures/manage/", views.brochure_admin, name="brochure_admin"),
    path("brochures/manage/colour/", views.brochure_colour, name="brochure_colour"),
    path("brochures/manage/colour/preview.pdf", views.brochure_colour_pdf, name="brochure_colour_pdf"),
    path("brochures/manage/texts/<lang:language>/", views.brochure_texts, name="brochure_texts"),
    path(
        "brochures/manage/texts/<lang:language>/preview.pdf",
        views.brochure_texts_pdf,
        name="brochure_texts_pdf",
    ),
    path(
        "brochures/manage/texts/<lang:language>/<document:document>/<wording_audience:audience>/",
        views.brochure_wording,
        name="brochure_wording",
    ),
    path(
        "brochures/manage/texts/<lang:language>/<document:document>/<wording_audience:audience>/preview.pdf",
        views.brochure_wording_pdf,
        name="brochure_wording_pdf",
    ),
    path(
        "brochures/manage/texts/<lang:language>/history/",
        views.brochure_text_history,
        name="brochure_text_history",
    ),
    path("brochures/share/<int:employer_pk>/", views.brochure_share, name="brochure_share"),
    path(
        "brochures/checklists/<checklist_audience:audience>/<lang:language>/",
        views.checklist_download,
        name="checklist_download",
    ),
    path(
        "brochures/<audience:audience>/<lang:language>/<colour:colour>/",
        views.brochure_download,
        name="brochure_download",
    ),
    path(
        "brochures/<audience:audience>/<lang:language>/<colour:colour>/preview.png",
        views.brochure_preview,
        name="brochure_preview",
    ),
]
