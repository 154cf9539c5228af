"""The public brochure page and downloads, the coordinator's brochure settings and figures,
and sharing a brochure with an employer's contact person."""

import logging

from csp.constants import NONCE
from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe

from brochures.storage import brochure_storage
from core.background import say_queued
from core.forms import form_error
from core.http import file_response
from core.models import Institution, OutboxMessage
from core.pdf import PdfRenderError
from core.permissions import can_use_staff_pages, coordinator_required, staff_required
from partnerships.views.access import _get_employer_for_share
from partnerships.views.history import history_entries

from . import checklists, content, rendering, selectors, services, texts
from .forms import BrochureTextForm, OwnColourForm, PreviewForm, ShareForm, WordingForm, colour_choices
from .models import BrochureColourChange, BrochureText, BrochureTextOverride, DownloadKind
from .rendering import Variant

logger = logging.getLogger(__name__)
CACHE_SECONDS = 600
HISTORY_ROWS = 100  # the latest changes of a language's texts


def _language() -> str:
    language = (get_language() or "fi")[:2]
    return language if language in content.LANGUAGES else "fi"


def language_names() -> list[tuple[str, str]]:
    """The brochure languages, named in the current UI language."""
    return [(code, str(name)) for code, name in settings.LANGUAGES]


def _is_staff(request) -> bool:
    return can_use_staff_pages(request.user)


def _guard_internal(request, variant: Variant):
    """The teacher versions are for staff: anonymous visitors get the login page, anyone else
    signed in a 403. Returns a response to send instead, or None."""
    if not variant.is_internal:
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_use_staff_pages(request.user):
        raise PermissionDenied
    return None


def _brochure_variant(audience: str, language: str, colour: str) -> Variant:
    """The brochure a URL names; the own colour only while the institution has one (404)."""
    if colour == content.OWN_COLOUR and not rendering.own_colour():
        raise Http404
    return Variant(DownloadKind.BROCHURE, audience, language, colour)


def _cached_file_response(request, variant: Variant, *, preview: bool = False):
    denied = _guard_internal(request, variant)
    if denied:
        return denied
    make = rendering.brochure_preview if preview else rendering.brochure_file
    for _attempt in range(2):
        try:
            key, name = make(variant)
            return _stored_file_response(request, variant, key, name, preview=preview)
        except PdfRenderError as exc:
            return render(request, "brochures/unavailable.html", {"message": str(exc)}, status=503)
        except FileNotFoundError:
            # Removed from the storage between finding and reading it: forget it, make it again.
            logger.warning("%s vanished from the brochure storage; making it again", variant)
            rendering.forget_key(variant)
    message = _("The brochure file could not be read from the storage. Please try again in a moment.")
    return render(request, "brochures/unavailable.html", {"message": message}, status=503)


def _stored_file_response(request, variant: Variant, key: str, name: str, *, preview: bool = False):
    """The stored PDF (or preview) of `variant`, counted as a download when it is one; raises
    FileNotFoundError when the file is not in the storage."""
    response = file_response(
        request,
        lambda: brochure_storage().open(name, "rb"),
        etag=f"{key[:32]}{'-png' if preview else ''}",
        content_type="image/png" if preview else "application/pdf",
        cache_control=f"{'private' if variant.is_internal else 'public'}, max-age={CACHE_SECONDS}",
        filename="" if preview else variant.filename,
        on_send=None
        if preview
        else lambda: services.download_count(
            kind=variant.kind, audience=variant.audience, language=variant.language
        ),
    )
    if variant.is_internal:
        response["Vary"] = "Cookie"
    return response


# The count is one UPDATE, atomic on its own; a transaction would only hold the day's row
# locked for longer, making concurrent downloads of a variant wait for each other.
@transaction.non_atomic_requests
@require_safe
def brochure_download(request, audience, language, colour):
    return _cached_file_response(request, _brochure_variant(audience, language, colour))


@require_safe
def brochure_preview(request, audience, language, colour):
    return _cached_file_response(request, _brochure_variant(audience, language, colour), preview=True)


@transaction.non_atomic_requests  # as brochure_download
@require_safe
def checklist_download(request, audience, language):
    variant = Variant(DownloadKind.CHECKLIST, audience, language, content.COLOUR_SLUGS[0])
    return _cached_file_response(request, variant)


@require_safe
def brochure_index(request):
    """The public page: pick the brochure's language and colour, see a preview, download."""
    ui_language = _language()
    language = request.GET.get("language") or ui_language
    language = language if language in content.LANGUAGES else ui_language
    own = rendering.own_colour()
    slugs = rendering.colour_slugs(own=bool(own))
    colour = request.GET.get("colour")
    colour = colour if colour in slugs else slugs[0]
    staff = _is_staff(request)
    audiences = list(content.PUBLIC_AUDIENCES) + (["teacher"] if staff else [])
    cards = [
        {
            "audience": audience,
            "name": content.AUDIENCE_NAMES[audience].get(ui_language),
            "internal": audience == "teacher",
            "download": reverse("brochures:brochure_download", args=[audience, language, colour]),
            "preview": reverse("brochures:brochure_preview", args=[audience, language, colour]),
        }
        for audience in audiences
    ]
    checklist_audiences = [a for a in checklists.CHECKLIST_AUDIENCES if a != "teacher" or staff]
    checklist_links = [
        {
            "name": checklists.CHECKLIST_AUDIENCE_NAMES[audience].get(ui_language),
            "internal": audience == "teacher",
            "url": reverse("brochures:checklist_download", args=[audience, language]),
        }
        for audience in checklist_audiences
    ]
    context = {
        "cards": cards,
        "checklists": checklist_links,
        "language": language,
        "colour": colour,
        "languages": language_names(),
        "colours": [(c.slug, c.name.get(ui_language), c.dark) for c in content.COLOURS]
        + ([(content.OWN_COLOUR, content.OWN_COLOUR_NAME.get(ui_language), own)] if own else []),
        "institution": Institution.current(),
        "staff": staff,
    }
    return render(request, "brochures/index.html", context)


@require_GET
@coordinator_required
def brochure_admin(request):
    """The coordinator's page: downloads per audience and language, the texts, the branding."""
    last_month = selectors.download_totals(days=30)
    last_year = selectors.download_totals(days=365)
    ui_language = _language()
    rows = []
    for kind, audiences, names in (
        (DownloadKind.BROCHURE, content.AUDIENCES, content.AUDIENCE_NAMES),
        (DownloadKind.CHECKLIST, checklists.CHECKLIST_AUDIENCES, checklists.CHECKLIST_AUDIENCE_NAMES),
    ):
        for audience in audiences:
            rows.append(
                {
                    "kind": DownloadKind(kind).label,
                    "audience": names[audience].get(ui_language),
                    "month": [
                        last_month["table"].get((kind, audience, lang), 0) for lang in content.LANGUAGES
                    ],
                    "year": [last_year["table"].get((kind, audience, lang), 0) for lang in content.LANGUAGES],
                }
            )
    context = {
        "rows": rows,
        "month_total": last_month["total"],
        "year_total": last_year["total"],
        "languages": language_names(),
        "institution": Institution.current(),
        "own_colour": rendering.own_colour(),
    }
    return render(request, "brochures/admin.html", context)


def _pdf_preview(request, variant: Variant, inputs: rendering.Inputs):
    """The PDF of posted, unsaved values, rendered by the downloads' own code and answered
    inline: stored nowhere, remembered by no cache (no-store), in no history."""
    try:
        [pdf] = rendering.brochure_render([variant], inputs)
    except PdfRenderError as exc:
        return render(request, "brochures/unavailable.html", {"message": str(exc)}, status=503)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="preview-{variant.filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _preview(request, context: dict, variant: Variant, inputs: rendering.Inputs, *, pdf: bool):
    """A preview was asked for and the input is valid: the PDF, or the page with the HTML
    preview (None: render the page)."""
    if pdf:
        return _pdf_preview(request, variant, inputs)
    context["preview"] = rendering.preview_page(variant, inputs)
    return None


# The preview's colours are set by a <style> with the request's nonce: the page's CSP allows
# no inline style otherwise.
preview_styles = csp_update({"style-src": [NONCE]})


@require_http_methods(["GET", "POST"])
@coordinator_required
@preview_styles
def brochure_colour(request, pdf: bool = False):
    """The institution's own brochure colour, beside the three fixed ones, with its changes
    and a preview of the colour typed before it is saved."""
    current = rendering.own_colour()
    form = OwnColourForm(request.POST or None, initial={"dark": current})
    preview_form = PreviewForm(request.POST or None, audiences=content.AUDIENCES, language=_language())
    if request.method == "POST" and not pdf and "remove" in request.POST:
        services.brochure_colour_remove(by=request.user)
        messages.success(request, _("The own colour was removed. The brochures come in the three colours."))
        return redirect("brochures:brochure_admin")
    if request.method == "POST" and not pdf and "restore" in request.POST:
        pk = request.POST["restore"]
        change = BrochureColourChange.objects.filter(pk=pk).first() if pk.isdigit() else None
        if change is None:
            raise Http404
        try:
            colour = services.brochure_colour_restore(change=change, by=request.user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(
                request,
                _("The own colour %(colour)s is back. The brochures in it are being made.")
                % {"colour": colour.dark},
            )
        return redirect("brochures:brochure_colour")
    context = {
        "form": form,
        "preview_form": preview_form,
        "current": current,
        "changes": selectors.colour_changes(HISTORY_ROWS),
        "here": reverse("brochures:brochure_colour"),
        "pdf_url": reverse("brochures:brochure_colour_pdf"),
    }
    if request.method == "POST" and (pdf or "preview" in request.POST):
        if form.is_valid() and preview_form.is_valid():
            variant = Variant(
                DownloadKind.BROCHURE, preview_form.cleaned_data["audience"], _language(), content.OWN_COLOUR
            )
            inputs = rendering.unsaved_inputs(own_colour=form.cleaned_data["dark"])
            if response := _preview(request, context, variant, inputs, pdf=pdf):
                return response
    elif request.method == "POST" and form.is_valid():
        try:
            colour = services.brochure_colour_set(dark=form.cleaned_data["dark"], by=request.user)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request,
                _("The own colour %(colour)s was saved. The brochures in it are being made.")
                % {"colour": colour.dark},
            )
            return redirect("brochures:brochure_admin")
    return render(request, "brochures/colour_form.html", context)


@require_POST
@coordinator_required
def brochure_colour_pdf(request):
    """The colour page's PDF preview (the form posts here from its PDF button)."""
    return brochure_colour(request, pdf=True)


@require_http_methods(["GET", "POST"])
@coordinator_required
@preview_styles
def brochure_texts(request, language, pdf: bool = False):
    text = rendering.brochure_text(language)
    restore = request.POST.get("restore", "")
    if request.method == "POST" and not pdf and restore in BrochureText.EDITABLE:
        # One text back to our default: the field blank, as a saved change in its history.
        services.brochure_text_update(language=language, data={restore: ""}, by=request.user)
        label = BrochureText._meta.get_field(restore).verbose_name
        messages.success(request, _("The default text is back: %(field)s.") % {"field": label})
        return redirect("brochures:brochure_texts", language=language)
    form = BrochureTextForm(None if restore else request.POST or None, instance=text)
    preview_form = PreviewForm(
        request.POST or None,
        audiences=content.AUDIENCES,
        colours=colour_choices(_language()),
        language=_language(),
    )
    context = {
        "form": form,
        "preview_form": preview_form,
        "here": reverse("brochures:brochure_texts", args=[language]),
        "pdf_url": reverse("brochures:brochure_texts_pdf", args=[language]),
        "language": language,
        "language_name": dict(language_names())[language],
        "languages": language_names(),
        "wording_links": [
            (document, audience, names[audience].get(_language()))
            for document, names in (
                (texts.BROCHURE, content.AUDIENCE_NAMES),
                (texts.CHECKLIST, checklists.CHECKLIST_AUDIENCE_NAMES),
            )
            for audience in texts.DOCUMENT_AUDIENCES[document]
        ],
        "own_texts": [
            (field, BrochureText._meta.get_field(field).verbose_name)
            for field in BrochureText.EDITABLE
            if getattr(text, field).strip()
        ],
        # Saved before a limit was lowered (the one-page limits): printed until shortened. Read
        # before the form is validated, which puts the posted values on `text`.
        "too_long": [
            {"label": model_field.verbose_name, "length": len(value), "max": model_field.max_length}
            for model_field in (BrochureText._meta.get_field(f) for f in BrochureText.EDITABLE)
            if len(value := getattr(text, model_field.name)) > model_field.max_length
        ],
        # The legal statements, shown as they print and not editable (brochures/content.py).
        "locked": [
            {
                "name": content.AUDIENCE_NAMES[audience].get(_language()),
                "columns": content.columns(audience, language),
            }
            for audience in content.AUDIENCES
        ],
    }
    if request.method == "POST" and (pdf or "preview" in request.POST):
        # A valid form has put the posted values on `text` (not saved): the preview prints them.
        if form.is_valid() and preview_form.is_valid():
            choice = preview_form.cleaned_data
            variant = Variant(DownloadKind.BROCHURE, choice["audience"], language, choice["colour"])
            inputs = rendering.unsaved_inputs(text=form.instance)
            if response := _preview(request, context, variant, inputs, pdf=pdf):
                return response
    elif request.method == "POST" and form.is_valid():
        try:
            services.brochure_text_update(language=language, data=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Brochure texts saved. The brochures are being made again."))
            return redirect("brochures:brochure_admin")
    return render(request, "brochures/texts_form.html", context)


@require_POST
@coordinator_required
def brochure_texts_pdf(request, language):
    """The institution texts page's PDF preview."""
    return brochure_texts(request, language, pdf=True)


@require_http_methods(["GET", "POST"])
@coordinator_required
@preview_styles
def brochure_wording(request, language, document, audience, pdf: bool = False):
    """Every rewordable text of one audience's brochure or checklist in one language; the
    legal statements beside them, locked, with their sources."""
    if audience not in texts.DOCUMENT_AUDIENCES[document]:
        raise Http404
    here = reverse("brochures:brochure_wording", args=[language, document, audience])
    restore = request.POST.get("restore", "")
    if request.method == "POST" and not pdf and restore:
        try:
            services.brochure_wording_restore(
                key=restore, audience=audience, language=language, by=request.user
            )
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(
                request, _("The default text is back: %(field)s.") % {"field": texts.BY_KEY[restore].label}
            )
        return redirect(here)
    wording = rendering.wording(language)
    form = WordingForm(request.POST or None, document=document, audience=audience, wording=wording)
    is_brochure = document == texts.BROCHURE
    # A checklist comes in one colour; a brochure's wording is previewed in the one chosen.
    preview_form = PreviewForm(
        request.POST or None, colours=colour_choices(_language()) if is_brochure else (), language=_language()
    )
    names = content.AUDIENCE_NAMES if is_brochure else checklists.CHECKLIST_AUDIENCE_NAMES
    context = {
        "form": form,
        "preview_form": preview_form,
        "here": here,
        "pdf_url": reverse("brochures:brochure_wording_pdf", args=[language, document, audience]),
        "language": language,
        "language_name": dict(language_names())[language],
        "document": document,
        "audience_name": names[audience].get(_language()),
        "own_texts": [
            t for t in texts.editable(document, audience) if (t.key, audience) in wording.overrides
        ],
        "locked": texts.locked_statements(audience, language) if document == texts.BROCHURE else [],
        "locked_items": texts.locked_checklist_items(audience, language)
        if document == texts.CHECKLIST
        else [],
    }
    previewing = request.method == "POST" and (pdf or "preview" in request.POST)
    if previewing and form.is_valid() and preview_form.is_valid():
        try:  # checked as a save checks it, nothing saved
            cleaned = services.wording_clean(document=document, audience=audience, data=form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            own = {**wording.overrides, **{(key, audience): value for key, value in cleaned.items()}}
            if is_brochure:
                variant = Variant(
                    DownloadKind.BROCHURE, audience, language, preview_form.cleaned_data["colour"]
                )
            else:
                variant = Variant(DownloadKind.CHECKLIST, audience, language, content.COLOUR_SLUGS[0])
            inputs = rendering.unsaved_inputs(wording=texts.Wording(language, own))
            if response := _preview(request, context, variant, inputs, pdf=pdf):
                return response
    elif request.method == "POST" and not previewing and form.is_valid():
        try:
            services.brochure_wording_update(
                document=document,
                audience=audience,
                language=language,
                data=form.cleaned_data,
                by=request.user,
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Brochure texts saved. The brochures are being made again."))
            return redirect(here)
    return render(request, "brochures/wording_form.html", context)


@require_POST
@coordinator_required
def brochure_wording_pdf(request, language, document, audience):
    """The wording page's PDF preview."""
    return brochure_wording(request, language, document, audience, pdf=True)


def _wording_entries(language: str) -> list[dict]:
    """The own wordings' history in `language` (newest first), each against the version of the
    same row before it: which text of which audience, before and after (blank: our default).
    Two queries however many edits."""
    history = BrochureTextOverride.history.filter(language=language)
    records = list(
        history.select_related("history_user").order_by("-history_date", "-history_id")[:HISTORY_ROWS]
    )
    earlier: dict[int, list] = {}
    for row in history.filter(id__in={r.id for r in records}).order_by("history_id"):
        earlier.setdefault(row.id, []).append(row)
    default = _("our default text")
    entries = []
    for record in records:
        versions = [r for r in earlier[record.id] if r.history_id < record.history_id]
        old = versions[-1].text if versions else ""
        text = texts.BY_KEY.get(record.key)
        names = (
            content.AUDIENCE_NAMES
            if texts.document_of(record.key) == texts.BROCHURE
            else checklists.CHECKLIST_AUDIENCE_NAMES
        )
        audience = names.get(record.audience)
        who = audience.get(_language()) if audience else record.audience
        field = f"{who}: {text.label if text else record.key}"
        entries.append(
            {
                "record": record,
                "action": "changed",
                "changes": [{"field": field, "old": old or default, "new": record.text or default}],
            }
        )
    return entries


@require_GET
@coordinator_required
def brochure_text_history(request, language):
    """Who changed a language's brochure texts, when, and what was there before and after."""
    records = list(
        BrochureText.history.filter(language=language)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:HISTORY_ROWS]
    )
    entries = history_entries(BrochureText, records, fields=list(BrochureText.EDITABLE))
    entries = sorted(
        entries + _wording_entries(language), key=lambda e: e["record"].history_date, reverse=True
    )
    context = {
        "entries": entries[:HISTORY_ROWS],
        "name": f"{_('Brochure texts')} · {dict(language_names())[language]}",
        "current": None,
        "back_url": reverse("brochures:brochure_texts", args=[language]),
    }
    return render(request, "partnerships/history.html", context)


@require_http_methods(["GET", "POST"])
@staff_required
def brochure_share(request, employer_pk):
    employer = _get_employer_for_share(request.user, employer_pk)
    form = ShareForm(request.POST or None, employer=employer, language=_language())
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.brochure_share(
                employer=employer,
                person=form.cleaned_data["person"],
                colour=form.cleaned_data["colour"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            say_queued(
                request,
                _(
                    "The contact was logged, and the brochure link to %(name)s is queued: "
                    "it goes out in a moment."
                )
                % {"name": form.cleaned_data["person"].full_name},
                OutboxMessage.objects.filter(key=services.share_outbox_key(contact.pk)),
            )
            return redirect(employer)
    return render(request, "brochures/share_form.html", {"form": form, "employer": employer})
