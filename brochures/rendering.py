"""Brochures and checklists: render, store, preview and prerender them.


Every PDF is rendered by core.pdf (WeasyPrint in a child process with a hard time limit and a
fetcher that reads only our own files) and stored under a key made of everything that goes
into it: the content version (this app's code, templates and stylesheets), the branding, the
institution's brochure texts, the kind, audience, language and colour. A changed input gives
a new key and a new file; a public request with a warm cache only reads a file. The files are
in the "brochures" storage (core/storage.py: a local folder, or an object store that every
machine shares), so a brochure a worker rendered is there for every web machine.

An editing page's preview goes through the same contexts, templates and renderer with the
posted values in its Inputs (unsaved_inputs): nothing of it is stored or remembered.
"""

import datetime
import functools
import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe

from brochures.storage import brochure_storage
from checkpoints.models import Checkpoint
from core.branding import logo_data_url
from core.models import Institution
from core.pdf import PdfRenderError, html_to_pdf_many, render_html

from . import checklists, content, texts
from .contrast import tint_of
from .hyphenate import hyphenate
from .models import BrochureColour, BrochureText, BrochureTextOverride, DownloadKind

logger = logging.getLogger(__name__)
BROCHURE_TEMPLATE = "brochures/pdf/brochure.html"
CHECKLIST_TEMPLATE = "brochures/pdf/checklist.html"
BODY_TEMPLATES = {
    DownloadKind.BROCHURE: "brochures/pdf/_brochure_body.html",
    DownloadKind.CHECKLIST: "brochures/pdf/_checklist_body.html",
}
PREVIEW_WIDTH = 560  # pixels of the preview image on the public page
APP_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Variant:
    kind: str  # DownloadKind
    audience: str
    language: str
    colour: str

    @property
    def filename(self) -> str:
        if self.kind == DownloadKind.CHECKLIST:
            return f"{checklists.FILENAME_CHECKLIST[self.language][self.audience]}.pdf"
        title = content.FILENAME_TITLE[self.language]
        audience = content.FILENAME_AUDIENCE[self.language][self.audience]
        if self.colour == content.OWN_COLOUR:
            colour = content.OWN_COLOUR
        else:
            colour = content.colour_by_slug(self.colour).name.get("en").lower()
        return f"{title}-{audience}-{self.language}-{colour}.pdf"

    @property
    def is_internal(self) -> bool:
        return self.audience == "teacher"


def own_colour() -> str:
    """The institution's own brochure colour as "#rrggbb", or "" when it has set none."""
    return BrochureColour.objects.values_list("dark", flat=True).first() or ""


def colour_slugs(own: bool) -> tuple[str, ...]:
    return content.COLOUR_SLUGS + ((content.OWN_COLOUR,) if own else ())


def brochure_variants(colours: tuple[str, ...]) -> list[Variant]:
    return [
        Variant(DownloadKind.BROCHURE, audience, language, colour)
        for audience in content.AUDIENCES
        for language in content.LANGUAGES
        for colour in colours
    ]


def all_variants(*, own: bool = False) -> list[Variant]:
    """Every brochure and checklist; the brochures in the own colour too with `own`."""
    brochures = brochure_variants(colour_slugs(own))
    lists = [
        Variant(DownloadKind.CHECKLIST, audience, language, content.COLOUR_SLUGS[0])
        for audience in checklists.CHECKLIST_AUDIENCES
        for language in content.LANGUAGES
    ]
    return brochures + lists


@functools.cache
def content_version() -> str:
    """A hash of the code, templates and stylesheets that shape the PDFs: a deploy that changes
    any of them changes every key. Computed once per process."""
    digest = hashlib.sha256()
    sources = [APP_DIR / name for name in ("content.py", "checklists.py", "hyphenate.py", "texts.py")]
    templates = (BROCHURE_TEMPLATE, CHECKLIST_TEMPLATE, *BODY_TEMPLATES.values())
    sources += [Path(get_template(name).origin.name) for name in templates]
    sources += [
        Path(settings.BASE_DIR) / "static" / "css" / name for name in ("brochure.css", "pdf-fonts.css")
    ]
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()


def brochure_text(language: str) -> BrochureText:
    return BrochureText.objects.filter(language=language).first() or BrochureText(language=language)


def wording(language: str) -> texts.Wording:
    """A language's wording: the institution's overrides over our defaults (one query)."""
    rows = BrochureTextOverride.objects.filter(language=language).exclude(text="")
    return texts.Wording(language, {(r.key, r.audience): r.text for r in rows})


def checkpoint_names(language: str) -> dict[int, str]:
    return {c.number: getattr(c, f"name_{language}") for c in Checkpoint.objects.order_by("number")}


class Inputs:
    """What a set of renders reads from the database, fetched once."""

    def __init__(self):
        self.institution = Institution.current()
        self._texts: dict[str, BrochureText] = {}
        self._wording: dict[str, texts.Wording] = {}
        self._checkpoints: dict[str, dict[int, str]] = {}
        self._own_colour: str | None = None

    def own_colour(self) -> str:
        if self._own_colour is None:
            self._own_colour = own_colour()
        return self._own_colour

    def colour(self, slug: str) -> content.Colour:
        if slug != content.OWN_COLOUR:
            return content.colour_by_slug(slug)
        dark = self.own_colour()
        if not dark:
            raise LookupError("The institution has no own brochure colour")
        return content.Colour(slug, content.OWN_COLOUR_NAME, dark=dark, accent=dark, tint=tint_of(dark))

    def text(self, language: str) -> BrochureText:
        if language not in self._texts:
            self._texts[language] = brochure_text(language)
        return self._texts[language]

    def wording(self, language: str) -> texts.Wording:
        if language not in self._wording:
            self._wording[language] = wording(language)
        return self._wording[language]

    def checkpoints(self, language: str) -> dict[int, str]:
        if language not in self._checkpoints:
            self._checkpoints[language] = checkpoint_names(language)
        return self._checkpoints[language]

    def key(self, variant: Variant) -> str:
        parts = [
            content_version(),
            self.institution.branding_fingerprint(),
            variant.kind,
            variant.audience,
            variant.language,
            variant.colour,
        ]
        if variant.colour == content.OWN_COLOUR:  # only these keys move when it changes
            parts.append(self.own_colour())
        if variant.kind == DownloadKind.BROCHURE:
            parts.append(self.text(variant.language).fingerprint(variant.audience))
        else:
            parts += [f"{n}:{name}" for n, name in sorted(self.checkpoints(variant.language).items())]
        document = texts.BROCHURE if variant.kind == DownloadKind.BROCHURE else texts.CHECKLIST
        parts.append(self.wording(variant.language).fingerprint(document, variant.audience))
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _institution_context(institution: Institution, language: str) -> dict:
    address = " ".join(p for p in (institution.postal_code, institution.city) if p)
    return {
        "institution": institution,
        "address": ", ".join(p for p in (institution.street_address, address) if p),
        "contact_lines": [hyphenate(line, language) for line in institution.contact_line_list()],
        "logo_url": logo_data_url(institution),
    }


def brochure_context(variant: Variant, inputs: Inputs) -> dict:
    language, audience = variant.language, variant.audience
    text = inputs.text(language)
    words = inputs.wording(language)

    def t(value: content.Text) -> str:
        return hyphenate(value.get(language), language)

    def own(key: str) -> str:
        return words.get(key, audience)

    columns = content.columns(audience, language)
    for column in columns:
        column["bullets"] = [hyphenate(b, language) for b in column["bullets"]]
        column["heading"] = own(f"heading_{column['kind']}")
        column["question"] = hyphenate(own(f"question_{column['kind']}"), language)
    return {
        **_institution_context(inputs.institution, language),
        "variant": variant,
        "colour": inputs.colour(variant.colour),
        "title": own("title"),
        "subtitle": own("subtitle"),
        "audience_name": own("audience_name"),
        "introduction": hyphenate(text.introduction(audience), language),
        "both_heading": own("both_heading"),
        "both": t(content.BOTH_MODELS),
        "columns": columns,
        "summer": t(content.SUMMER),
        "check_practices": hyphenate(own("check_practices"), language),
        "contacts_heading": own("contacts_heading"),
        "links": text.link_list(),
        "is_teacher": audience == "teacher",
        "teacher_only": own("teacher_only") if audience == "teacher" else "",
        "teacher_also": hyphenate(own("teacher_also"), language) if audience == "teacher" else "",
        "local_heading": own("local_heading") if audience == "teacher" else "",
        "local_practice": hyphenate(text.local_practice.strip(), language),
        "funding": hyphenate(text.funding(), language),
    }


def checklist_context(variant: Variant, inputs: Inputs) -> dict:
    language, audience = variant.language, variant.audience
    names = inputs.checkpoints(language)
    words = inputs.wording(language)

    def item_text(entry: checklists.Item) -> str:
        # A legal item (with its source) prints as it is; every other one in the own wording.
        text = entry.text
        value = text.get(language) if text.source else words.get(texts.item_key(entry), audience)
        return hyphenate(value, language)

    phases = [
        {
            "name": words.get(f"phase_{phase}", audience),
            "items": [
                {
                    "text": item_text(entry),
                    "checkpoint": entry.checkpoint,
                    "checkpoint_name": names.get(entry.checkpoint, ""),
                }
                for entry in checklists.CHECKLISTS[audience][phase]
            ],
        }
        for phase in checklists.PHASES
    ]
    return {
        **_institution_context(inputs.institution, language),
        "variant": variant,
        "colour": inputs.colour(variant.colour),
        "title": words.get("checklist_title", audience),
        "subtitle": words.get("checklist_subtitle", audience),
        "phases": phases,
        "contacts_heading": words.get("checklist_contacts_heading", audience),
        "checkpoint_label": words.get("checkpoint_label", audience),
    }


def variant_context(variant: Variant, inputs: Inputs) -> dict:
    if variant.kind == DownloadKind.CHECKLIST:
        return checklist_context(variant, inputs)
    return brochure_context(variant, inputs)


def variant_html(variant: Variant, inputs: Inputs) -> str:
    template = CHECKLIST_TEMPLATE if variant.kind == DownloadKind.CHECKLIST else BROCHURE_TEMPLATE
    return render_html(template, variant_context(variant, inputs), language=variant.language)


def unsaved_inputs(
    *,
    own_colour: str | None = None,
    text: BrochureText | None = None,
    wording: texts.Wording | None = None,
) -> Inputs:
    """The inputs with an editing page's posted values in place of the saved ones, for a
    preview: rendered from them, never stored, remembered or written to any history."""
    inputs = Inputs()
    if own_colour is not None:
        inputs._own_colour = own_colour
    if text is not None:
        inputs._texts[text.language] = text
    if wording is not None:
        inputs._wording[wording.language] = wording
    return inputs


def preview_page(variant: Variant, inputs: Inputs) -> dict:
    """The printed page as HTML for an editing page: the PDF's own body template with the same
    context the PDF gets, and its colours (the page sets them in a nonced style)."""
    context = variant_context(variant, inputs)
    body = BODY_TEMPLATES[variant.kind]
    return {
        "variant": variant,
        "colour": context["colour"],
        "html": mark_safe(render_html(body, context, language=variant.language)),  # our template's output
    }


def brochure_render(variants: list[Variant], inputs: Inputs | None = None) -> list[bytes]:
    """Render without the cache (one child process for the batch); raises PdfRenderError."""
    inputs = inputs or Inputs()
    return html_to_pdf_many([variant_html(v, inputs) for v in variants])


def _write(name: str, data: bytes) -> None:
    """Stored whole or not at all (core/storage.py), under this name."""
    brochure_storage().save(name, ContentFile(data))


def _exists(name: str) -> bool:
    return brochure_storage().exists(name)


def _read(name: str) -> bytes:
    with brochure_storage().open(name, "rb") as stored:
        return stored.read()


def preview_png(pdf: bytes, width: int = PREVIEW_WIDTH) -> bytes:
    """The first page as a PNG, with pypdfium2 (a PyPI wheel: no system tool needed)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        scale = width / page.get_width()
        image = page.render(scale=scale).to_pil()
        out = io.BytesIO()
        image.convert("RGB").save(out, "PNG", optimize=True)
        return out.getvalue()
    finally:
        document.close()


def last_good_name(variant: Variant) -> str:
    """Names the key of the variant's last good render, served when a new render fails."""
    return f"last-{variant.kind}-{variant.audience}-{variant.language}-{variant.colour}.txt"


def _store(variant: Variant, key: str, pdf: bytes) -> None:
    if variant.kind == DownloadKind.BROCHURE:
        _write(f"{key}.png", preview_png(pdf))
    _write(f"{key}.pdf", pdf)
    _write(last_good_name(variant), key.encode())


def last_good(variant: Variant) -> tuple[str, str] | None:
    try:
        key = _read(last_good_name(variant)).decode().strip()
    except (OSError, UnicodeDecodeError):  # never rendered, or the file is gone
        return None
    name = f"{key}.pdf"
    return (key, name) if key and _exists(name) else None


def warm_file(variant: Variant) -> tuple[str, str] | None:
    """The variant's remembered key and its stored file, if both are still there; (key, name)."""
    known = cache.get(_key_name(variant))
    if known and _exists(name := f"{known}.pdf"):
        return known, name
    return None


def brochure_file(variant: Variant, inputs: Inputs | None = None) -> tuple[str, str]:
    """The stored PDF of a variant, rendered now if there is none; (key, name in the brochure
    storage). When the render fails (WeasyPrint error or time limit), the last good PDF of the
    variant is served instead; only when there is none does the PdfRenderError reach the
    visitor."""
    if inputs is None and (warm := warm_file(variant)):  # a visitor's download
        return warm
    inputs = inputs or Inputs()
    key = inputs.key(variant)
    name = f"{key}.pdf"
    if not _exists(name):
        try:
            [pdf] = brochure_render([variant], inputs)
        except PdfRenderError:
            fallback = last_good(variant)
            if fallback is None:
                raise
            logger.warning("Serving the last good %s: the new render failed", variant)
            return fallback
        _store(variant, key, pdf)
    cache.set(_key_name(variant), key, KEY_SECONDS)
    return key, name


# A download computes its variant's key from the institution, the texts and the checkpoints
# (three queries) only when the cache does not know it: the key is remembered for five
# minutes, and forgotten at once when the texts or the branding change (brochures_changed);
# a checkpoint renamed in the admin reaches the checklists within those five minutes.
KEY_SECONDS = 300


def _key_name(variant: Variant) -> str:
    return f"brochure-key:{variant.kind}:{variant.audience}:{variant.language}:{variant.colour}"


def forget_keys(variants: list[Variant] | None = None) -> None:
    """Forget the remembered keys of `variants` (default: all of them)."""
    variants = all_variants(own=True) if variants is None else variants
    cache.delete_many([_key_name(variant) for variant in variants])


def forget_key(variant: Variant) -> None:
    cache.delete(_key_name(variant))


def brochures_changed(variants: list[Variant] | None = None) -> None:
    """What the brochures print has changed (the branding: every variant; a text: `variants`,
    the ones that print it): once that is committed, forget their remembered keys and render
    again in the background, so that no visitor waits for WeasyPrint. Called by the services
    that make such a change. The prerender makes only what has no stored file under its key,
    so a variant whose inputs did not change is not rendered again."""
    transaction.on_commit(lambda: forget_keys(variants))
    transaction.on_commit(_queue_prerender)


def text_variants(language: str, audiences: list[str]) -> list[Variant]:
    """The brochures that print a text of `language` for `audiences`, in every colour."""
    return [
        v
        for v in brochure_variants(colour_slugs(own=True))
        if v.language == language and v.audience in audiences
    ]


def own_colour_changed() -> None:
    """The own colour was set, changed or removed: only the brochures in it are affected.
    Their keys are forgotten once that is committed, and the prerender makes just them (every
    other variant's file is still stored under its unchanged key)."""
    brochures_changed(brochure_variants((content.OWN_COLOUR,)))


def _queue_prerender() -> None:
    from .tasks import brochures_prerender as task

    try:
        task.apply_async(retry=False)
    except Exception:  # any broker failure: never fail the coordinator's save for it
        # The page still answers: a visitor's request renders its own variant, and the
        # nightly task the rest.
        logger.warning("Broker unavailable; the brochures are rendered on demand instead")


def brochure_preview(variant: Variant) -> tuple[str, str]:
    key, pdf_name = brochure_file(variant)
    name = f"{pdf_name.removesuffix('.pdf')}.png"
    if not _exists(name):
        _write(name, preview_png(_read(pdf_name)))
    return key, name


def brochures_prerender(batch: int = 9) -> dict:
    """Render every variant that is not stored yet and remove files no key points to any
    more (older than an hour, so a download in flight is never cut). Returns counts."""
    inputs = Inputs()
    storage = brochure_storage()
    wanted = {inputs.key(v): v for v in all_variants(own=bool(inputs.own_colour()))}
    missing = [(k, v) for k, v in wanted.items() if not storage.exists(f"{k}.pdf")]
    for start in range(0, len(missing), batch):
        chunk = missing[start : start + batch]
        pdfs = brochure_render([v for _k, v in chunk], inputs)
        for (key, variant), pdf in zip(chunk, pdfs, strict=True):
            _store(variant, key, pdf)
    removed = 0
    cutoff = timezone.now() - datetime.timedelta(hours=1)
    keep = set(wanted) | {good[0] for v in wanted.values() if (good := last_good(v))}
    try:
        _folders, names = storage.listdir("")
    except FileNotFoundError:  # a local folder not made yet: nothing to remove
        names = []
    for name in names:
        stem, _dot, suffix = name.rpartition(".")
        if suffix in ("pdf", "png") and stem not in keep and storage.get_modified_time(name) < cutoff:
            storage.delete(name)
            removed += 1
    return {"variants": len(wanted), "rendered": len(missing), "removed": removed}
