"""Brochures' writes: a download counted, the institution's texts changed, a brochure's link
shared with a contact person. Rendering and storing the files is brochures/rendering.py;
the download figures are brochures/selectors.py."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from checkpoints.models import Checkpoint
from core.email import outbox_enqueue
from core.models import Institution, User
from partnerships.models import Channel, ContactPerson, Employer
from partnerships.services import contact_log

from . import content, texts
from .contrast import hex_normalise
from .models import (
    BrochureColour,
    BrochureColourChange,
    BrochureDownload,
    BrochureText,
    BrochureTextOverride,
    DownloadKind,
)
from .rendering import (
    Variant,
    brochure_text,
    brochures_changed,
    colour_slugs,
    own_colour,
    own_colour_changed,
    text_variants,
)


def download_count(*, kind: str, audience: str, language: str) -> None:
    """Count one download, in the request: one UPDATE of the day's row (created by the day's
    first download). Concurrent downloads add up in the database, never in the process."""
    day = {"day": timezone.localdate(), "kind": kind, "audience": audience, "language": language}
    rows = BrochureDownload.objects.filter(**day)
    if rows.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            BrochureDownload.objects.create(**day, count=1)
    except IntegrityError:  # another request created it first
        rows.update(count=F("count") + 1)


def brochure_text_update(*, language: str, data: dict, by: User | None = None) -> BrochureText:
    """Save a language's texts, in their history with who saved them; only the brochures that
    print a changed field (that language, the audiences whose version shows it) are made
    again."""
    text = brochure_text(language)
    text._history_user = by
    changed = set()
    for field, value in data.items():
        value = (value or "").strip()
        if getattr(text, field) != value:
            changed.add(field)
        setattr(text, field, value)
    text.full_clean()
    text.save()
    audiences = [a for a in content.AUDIENCES if changed & set(text.fields_for(a))]
    if audiences:
        brochures_changed(text_variants(language, audiences))
    return text


def wording_variants(document: str, audience: str, language: str) -> list[Variant]:
    """The files that print `audience`'s version of `document` in `language`."""
    if document == texts.CHECKLIST:
        return [Variant(DownloadKind.CHECKLIST, audience, language, content.COLOUR_SLUGS[0])]
    return text_variants(language, [audience])


def wording_clean(*, document: str, audience: str, data: dict) -> dict[str, str]:
    """The institution's wording of `audience`'s `document`, checked: only texts it may reword
    (never a legal statement, whatever a form posts), each within its length. Returns the
    stripped values by key; raises ValidationError naming the text."""
    allowed = {text.key: text for text in texts.editable(document, audience)}
    errors, cleaned = {}, {}
    for key, value in data.items():
        text = allowed.get(key)
        if text is None:
            raise ValidationError(_("This text cannot be reworded here: the legal statements are locked."))
        value = " ".join((value or "").split()) if not text.multiline else (value or "").strip()
        if len(value) > text.max_length:
            errors[key] = _(
                "“%(text)s” is %(length)s characters long; at most %(max)s fit on the one-page brochure."
            ) % {"text": text.label, "length": len(value), "max": text.max_length}
        cleaned[key] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def brochure_wording_update(
    *, document: str, audience: str, language: str, data: dict, by: User | None = None
) -> list[str]:
    """Save the institution's wording of `audience`'s `document` in `language`: one row per
    text, each change in its history with who made it. A value equal to our default (or
    blank) stores blank, so the default prints. Only the changed variants are made again.
    Returns the keys that changed."""
    if document not in texts.DOCUMENTS or audience not in texts.DOCUMENT_AUDIENCES[document]:
        raise ValidationError(_("There is no such brochure or checklist."))
    if language not in content.LANGUAGES:
        raise ValidationError(_("Choose one of the languages."))
    cleaned = wording_clean(document=document, audience=audience, data=data)
    rows = {
        row.key: row
        for row in BrochureTextOverride.objects.select_for_update().filter(
            audience=audience, language=language, key__in=list(cleaned)
        )
    }
    changed = []
    for key, value in cleaned.items():
        if value == texts.BY_KEY[key].default(audience, language):
            value = ""
        row = rows.get(key) or BrochureTextOverride(key=key, audience=audience, language=language)
        if row.text == value and (row.pk or not value):
            continue
        row.text = value
        row._history_user = by
        row.full_clean()
        row.save()
        changed.append(key)
    if changed:
        brochures_changed(wording_variants(document, audience, language))
    return changed


def brochure_wording_restore(*, key: str, audience: str, language: str, by: User | None = None) -> bool:
    """One text back to our default (its row blanked, kept in the history). False when it was
    the default already."""
    document = texts.document_of(key) if key in texts.BY_KEY else ""
    if not document:
        raise ValidationError(_("This text cannot be reworded here: the legal statements are locked."))
    return bool(
        brochure_wording_update(
            document=document, audience=audience, language=language, data={key: ""}, by=by
        )
    )


@transaction.atomic
def brochure_colour_set(*, dark: str, by: User) -> BrochureColour:
    """Set the institution's own brochure colour, refused (ValidationError on "dark", naming
    the contrast ratio) when a text on it would fail WCAG AA. The change is recorded (who,
    when, before and after); only the own-colour brochures are made again, and nothing at all
    when the colour is the one already set."""
    colour = BrochureColour.objects.select_for_update().first() or BrochureColour()
    before = colour.dark if colour.pk else ""
    colour.dark = hex_normalise(dark) or dark.strip()
    colour.updated_by = by
    colour.full_clean()
    if colour.dark == before:
        return colour
    colour.save()
    BrochureColourChange.objects.create(before=before, after=colour.dark, changed_by=by)
    own_colour_changed()
    return colour


@transaction.atomic
def brochure_colour_remove(*, by: User) -> None:
    """Offer only the three fixed colours again; links to the own colour answer 404."""
    before = own_colour()
    if BrochureColour.objects.all().delete()[0]:
        BrochureColourChange.objects.create(before=before, after="", changed_by=by)
        own_colour_changed()


def brochure_colour_restore(*, change: BrochureColourChange, by: User) -> BrochureColour:
    """Set the own colour back to what it was before `change`, as a save: validated again
    (a colour once allowed is refused if it no longer reaches WCAG AA), recorded as a new
    change, only the own-colour brochures made again."""
    if not change.before:
        raise ValidationError(_("Before this change there was no own colour; remove the own colour instead."))
    return brochure_colour_set(dark=change.before, by=by)


def share_url(language: str, colour: str) -> str:
    path = reverse("brochures:brochure_download", args=["employer", language, colour])
    return f"{settings.KUMPPANI_BASE_URL}{path}"


def share_outbox_key(contact_pk: int) -> str:
    """The outbox key of the e-mail that shared a brochure, by the contact it logged."""
    return f"brochure-share:{contact_pk}"


def brochure_share(*, employer: Employer, person: ContactPerson, colour: str, by: User, note: str = ""):
    """E-mail the employer brochure's link to a contact person, in that person's language, and
    log it as a contact (channel e-mail, checkpoint 1: reachability and visibility)."""

    if person.employer_id != employer.pk:
        raise ValidationError({"person": _("This person is not one of the employer's contacts.")})
    if not person.email:
        raise ValidationError({"person": _("This person has no e-mail address.")})
    if colour not in colour_slugs(own=bool(own_colour())):
        raise ValidationError({"colour": _("Choose one of the colours.")})
    language = person.language if person.language in content.LANGUAGES else settings.LANGUAGE_CODE
    institution = Institution.current()
    url = share_url(language, colour)
    with transaction.atomic():
        with translation.override(language):
            summary = _("Sent the “Molempi parempi” employer brochure to %(name)s.") % {
                "name": person.full_name
            }
        contact = contact_log(
            employer=employer,
            author=by,
            channel=Channel.EMAIL,
            summary=summary,
            persons=[person],
            checkpoints=Checkpoint.objects.filter(number=1),
        )
        outbox_enqueue(
            key=share_outbox_key(contact.pk),
            kind="brochure-share",
            template="brochure-share",
            context={
                "person": person,
                "teacher": by,
                "institution": institution,
                "url": url,
                "note": note.strip(),
            },
            to_email=person.email,
            to_name=person.full_name,
            language=language,
            responsible=by,
        )
    return contact
