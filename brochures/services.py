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

from . import content
from .contrast import hex_normalise
from .models import BrochureColour, BrochureDownload, BrochureText
from .rendering import (
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


def brochure_colour_set(*, dark: str, by: User) -> BrochureColour:
    """Set the institution's own brochure colour, refused (ValidationError on "dark", naming
    the contrast ratio) when a text on it would fail WCAG AA. Only the own-colour brochures
    are made again."""
    colour = BrochureColour.objects.select_for_update().first() or BrochureColour()
    colour.dark = hex_normalise(dark) or dark.strip()
    colour.updated_by = by
    colour.full_clean()
    colour.save()
    own_colour_changed()
    return colour


def brochure_colour_remove(*, by: User) -> None:
    """Offer only the three fixed colours again; links to the own colour answer 404."""
    if BrochureColour.objects.all().delete()[0]:
        own_colour_changed()


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
