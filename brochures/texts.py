"""Every brochure and checklist text a coordinator may reword, per audience and language.

The defaults stay in code (brochures/content.py, brochures/checklists.py); an institution's
own wording is a BrochureTextOverride row per (key, audience, language), blank meaning the
default. The legal statements, the Texts in content.py that carry their `source`, are not
here and so cannot be overridden: they follow the domain reference's table (Act 531/2017).

Each text has a maximum length chosen so that with every text of a brochure or checklist at
its maximum, the institution's own parts (brochures.models.BrochureText) included, the PDF
is still one A4 page (tested in tests/brochures/test_wording.py).
"""

from dataclasses import dataclass

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from core.i18n import Text

from . import checklists, content

BROCHURE = "brochure"
CHECKLIST = "checklist"
DOCUMENTS = (BROCHURE, CHECKLIST)
DOCUMENT_AUDIENCES = {BROCHURE: content.AUDIENCES, CHECKLIST: checklists.CHECKLIST_AUDIENCES}


@dataclass(frozen=True)
class Editable:
    """One rewordable text of a document, with its default for each audience that prints it."""

    key: str
    label: Promise
    max_length: int
    defaults: dict  # audience -> Text
    multiline: bool = False

    def default(self, audience: str, language: str) -> str:
        return self.defaults[audience].get(language)


def _format(message: Promise, **params) -> Promise:
    """`message % params`, translated when it is shown, not when this module is imported."""
    return lazy(lambda: str(message) % {k: str(v) for k, v in params.items()}, str)()


def _same(value: Text, audiences=content.AUDIENCES) -> dict:
    return dict.fromkeys(audiences, value)


BROCHURE_TEXTS = (
    Editable("title", _("Title"), 30, _same(content.TITLE)),
    Editable("subtitle", _("Subtitle"), 45, _same(content.SUBTITLE)),
    Editable("audience_name", _("Audience label"), 30, content.AUDIENCE_NAMES),
    Editable("both_heading", _("Heading: in both"), 40, _same(content.BOTH_MODELS_HEADING)),
    Editable(
        "heading_apprenticeship",
        _("Column heading: apprenticeship"),
        24,
        _same(content.HEADINGS[content.APPRENTICESHIP]),
    ),
    Editable(
        "question_apprenticeship",
        _("Column question: apprenticeship"),
        36,
        _same(content.QUESTIONS[content.APPRENTICESHIP]),
    ),
    Editable(
        "heading_training",
        _("Column heading: training agreement"),
        24,
        _same(content.HEADINGS[content.TRAINING]),
    ),
    Editable(
        "question_training",
        _("Column question: training agreement"),
        36,
        _same(content.QUESTIONS[content.TRAINING]),
    ),
    Editable("check_practices", _("Call to action: ask us"), 130, content.CHECK_PRACTICES, multiline=True),
    Editable("teacher_only", _("Note: internal use only"), 80, {"teacher": content.TEACHER_ONLY}),
    Editable(
        "teacher_also",
        _("Call to action: the other versions"),
        70,
        {"teacher": content.TEACHER_ALSO},
    ),
    Editable("local_heading", _("Heading: our practice"), 40, {"teacher": content.LOCAL_PRACTICE_HEADING}),
    Editable("contacts_heading", _("Heading: contacts"), 40, _same(content.CONTACTS_HEADING)),
)

_PHASE_LABELS = {
    "before": _("Before the period"),
    "during": _("During the period"),
    "after": _("After the period"),
}


def _checklist_items() -> tuple[Editable, ...]:
    """One rewordable text per checklist item, under the item's own key (not its position, so
    that a reordered or inserted item leaves every wording where it was written); an item
    that states the law (it carries a `source`) stays locked, as the brochures' do."""
    result = []
    for audience, phases in checklists.CHECKLISTS.items():
        for phase in checklists.PHASES:
            for index, entry in enumerate(phases[phase]):
                if entry.text.source:
                    continue
                label = _format(_("%(phase)s: item %(number)s"), phase=_PHASE_LABELS[phase], number=index + 1)
                result.append(Editable(item_key(entry), label, 110, {audience: entry.text}, multiline=True))
    return tuple(result)


def item_key(entry: checklists.Item) -> str:
    return f"item_{entry.key}"


CHECKLIST_TEXTS = (
    Editable("checklist_title", _("Title"), 45, checklists.CHECKLIST_TITLE),
    Editable(
        "checklist_subtitle",
        _("Subtitle"),
        50,
        _same(checklists.CHECKLIST_SUBTITLE, checklists.CHECKLIST_AUDIENCES),
    ),
    *(
        Editable(
            f"phase_{phase}",
            _format(_("Heading: %(phase)s"), phase=_PHASE_LABELS[phase]),
            30,
            _same(checklists.PHASE_NAMES[phase], checklists.CHECKLIST_AUDIENCES),
        )
        for phase in checklists.PHASES
    ),
    Editable(
        "checkpoint_label",
        _("Label before the checkpoint"),
        24,
        _same(checklists.CHECKPOINT_LABEL, checklists.CHECKLIST_AUDIENCES),
    ),
    Editable(
        "checklist_contacts_heading",
        _("Heading: contacts"),
        40,
        _same(content.CONTACTS_HEADING, checklists.CHECKLIST_AUDIENCES),
    ),
    *_checklist_items(),
)

TEXTS = {BROCHURE: BROCHURE_TEXTS, CHECKLIST: CHECKLIST_TEXTS}
BY_KEY = {text.key: text for texts in TEXTS.values() for text in texts}
assert len(BY_KEY) == len(BROCHURE_TEXTS) + len(CHECKLIST_TEXTS), "each key names one text"


def editable(document: str, audience: str) -> list[Editable]:
    """The texts `audience`'s version of `document` prints and a coordinator may reword."""
    return [text for text in TEXTS[document] if audience in text.defaults]


def document_of(key: str) -> str:
    return BROCHURE if any(text.key == key for text in BROCHURE_TEXTS) else CHECKLIST


class Wording:
    """What one language's documents print, an institution's overrides over our defaults.
    `overrides` maps (key, audience) to the institution's text; blank ones are left out."""

    def __init__(self, language: str, overrides: dict[tuple[str, str], str]):
        self.language = language
        self.overrides = {k: v for k, v in overrides.items() if v.strip()}

    def get(self, key: str, audience: str) -> str:
        own = self.overrides.get((key, audience))
        return own if own is not None else BY_KEY[key].default(audience, self.language)

    def fingerprint(self, document: str, audience: str) -> str:
        """The overrides `audience`'s version of `document` prints, in key order: they go into
        its cache key, so rewording one audience's text makes only its files again."""
        keys = {text.key for text in editable(document, audience)}
        return "\x1e".join(
            f"{key}={value}"
            for (key, who), value in sorted(self.overrides.items())
            if who == audience and key in keys
        )


def locked_statements(audience: str, language: str) -> list[dict]:
    """The legal statements of `audience`'s brochure as they print, each with its source."""

    def row(value: Text) -> dict:
        return {"text": value.get(language), "source": value.source}

    blocks = [
        {"heading": content.BOTH_MODELS_HEADING.get(language), "statements": [row(content.BOTH_MODELS)]}
    ]
    for kind in (content.APPRENTICESHIP, content.TRAINING):
        statements = [row(item) for item in content.BULLETS[audience][kind]]
        blocks.append({"heading": content.HEADINGS[kind].get(language), "statements": statements})
    blocks.append({"heading": "", "statements": [row(content.SUMMER)]})
    return blocks


def locked_checklist_items(audience: str, language: str) -> list[dict]:
    return [
        {"phase": phase, "number": index + 1, "text": entry.text.get(language), "source": entry.text.source}
        for phase in checklists.PHASES
        for index, entry in enumerate(checklists.CHECKLISTS[audience][phase])
        if entry.text.source
    ]
