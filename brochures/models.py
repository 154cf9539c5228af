"""What the institution writes on its brochures, and how often they are downloaded."""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Language

from .content import DEFAULT_FUNDING_NOTE, DEFAULT_INTRODUCTION
from .contrast import MIN_RATIO, hex_normalise, ratio_text, weakest_pair


class Audience(models.TextChoices):
    EMPLOYER = "employer", _("Employer")
    STUDENT = "student", _("Student")
    TEACHER = "teacher", _("Teacher")


class DownloadKind(models.TextChoices):
    BROCHURE = "brochure", _("Brochure")
    CHECKLIST = "checklist", _("Checklist")


def link_lines(value: str) -> None:
    """Each line of the links is "label | https://address" or just the address."""
    validate = URLValidator(schemes=["https", "http"])
    for number, line in enumerate((v.strip() for v in value.splitlines()), start=1):
        if not line:
            continue
        url = line.rsplit("|", 1)[-1].strip()
        try:
            validate(url)
        except ValidationError:
            raise ValidationError(
                _('Line %(number)s is not a web address: write "label | https://address".'),
                params={"number": number},
                code="link",
            ) from None


class BrochureText(models.Model):
    """The institution's own parts of the brochures in one language. The legal statements are
    fixed in brochures/content.py; a blank field here prints our default text."""

    language = models.CharField(_("language"), max_length=2, choices=Language.choices, unique=True)
    introduction_employer = models.TextField(_("introduction, employer version"), blank=True, max_length=400)
    introduction_student = models.TextField(_("introduction, student version"), blank=True, max_length=400)
    introduction_teacher = models.TextField(_("introduction, teacher version"), blank=True, max_length=400)
    links = models.TextField(
        _("links"),
        blank=True,
        max_length=300,
        validators=[link_lines],
        help_text=_('One per line: "label | https://address", for example our apprenticeship pages.'),
    )
    local_practice = models.TextField(
        _("our local practice (teacher version)"),
        blank=True,
        max_length=500,
        help_text=_("For example who draws up the agreements and whom to ask about apprenticeships."),
    )
    funding_note = models.TextField(
        _("note on funding (teacher version)"),
        blank=True,
        max_length=200,
        help_text=_("Blank: “Both models are equal for the education provider's funding.”"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["language"]
        verbose_name = _("brochure text")
        verbose_name_plural = _("brochure texts")

    def __str__(self):
        return str(self.get_language_display())

    def introduction(self, audience: str) -> str:
        own = getattr(self, f"introduction_{audience}")
        return own.strip() or DEFAULT_INTRODUCTION[audience].get(self.language)

    def funding(self) -> str:
        return self.funding_note.strip() or DEFAULT_FUNDING_NOTE.get(self.language)

    def link_list(self) -> list[dict]:
        result = []
        for line in self.links.splitlines():
            if not line.strip():
                continue
            label, _sep, url = line.rpartition("|")
            url = url.strip()
            result.append({"label": label.strip() or url, "url": url})
        return result

    EDITABLE = (
        "introduction_employer",
        "introduction_student",
        "introduction_teacher",
        "links",
        "local_practice",
        "funding_note",
    )

    def fields_for(self, audience: str) -> list[str]:
        """The fields printed on `audience`'s brochure: only these go into its key, so an edit
        of one audience's text makes only that audience's brochures again."""
        fields = [f"introduction_{audience}", "links"]
        if audience == "teacher":
            fields += ["local_practice", "funding_note"]
        return fields

    def fingerprint(self, audience: str) -> str:
        parts = [self.language] + [getattr(self, field) for field in self.fields_for(audience)]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


class BrochureTextOverride(models.Model):
    """An institution's own wording of one brochure or checklist text (brochures/texts.py) for
    one audience in one language. Blank prints our default again: "restore the default" blanks
    it, so that the row's history keeps every wording it ever had, who wrote it and when."""

    key = models.CharField(_("text"), max_length=40)
    audience = models.CharField(_("audience"), max_length=12)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    text = models.TextField(_("wording"), blank=True, max_length=200)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["language", "audience", "key"]
        verbose_name = _("own brochure wording")
        verbose_name_plural = _("own brochure wordings")
        constraints = [
            models.UniqueConstraint(fields=["key", "audience", "language"], name="one_wording_per_text")
        ]

    def __str__(self):
        return f"{self.key} · {self.audience} · {self.language}"


def readable_colour(value: str) -> None:
    """A hex colour on which every text of the brochure reaches WCAG AA (brochures/contrast.py)."""
    colour = hex_normalise(value)
    if not colour:
        raise ValidationError(_("Write the colour as a hex code, for example #1b4f80."), code="hex")
    pair = weakest_pair(colour)
    if pair.ratio < MIN_RATIO:
        raise ValidationError(
            _(
                "The contrast of %(where)s is %(ratio)s; WCAG AA needs at least 4.5:1. "
                "Choose a darker colour."
            ),
            params={"where": pair.where, "ratio": ratio_text(pair.ratio)},
            code="contrast",
        )


class BrochureColour(models.Model):
    """The institution's own brochure colour, offered beside the three fixed ones. One row;
    none while the institution has not set one."""

    dark = models.CharField(_("own colour"), max_length=7, validators=[readable_colour])
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("own brochure colour")
        verbose_name_plural = _("own brochure colours")

    def __str__(self):
        return self.dark


class BrochureColourChange(models.Model):
    """One change of the own colour: who, when, the colour before and after (blank: none, the
    three fixed colours only). Written by the services that set, remove or restore it."""

    before = models.CharField(_("before"), max_length=7, blank=True)
    after = models.CharField(_("after"), max_length=7, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("own colour change")
        verbose_name_plural = _("own colour changes")

    def __str__(self):
        return f"{self.before or '–'} → {self.after or '–'}"


class BrochureDownload(models.Model):
    """Downloads per day, kind, audience and language: one row a day, counted by a single
    UPDATE ... SET count = count + 1, so that counting never slows the download."""

    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=10, choices=DownloadKind.choices)
    audience = models.CharField(_("audience"), max_length=12)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    count = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        ordering = ["-day", "kind", "audience", "language"]
        verbose_name = _("brochure downloads")
        verbose_name_plural = _("brochure downloads")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "kind", "audience", "language"], name="one_download_row_per_day"
            )
        ]

    def __str__(self):
        return f"{self.day} {self.kind} {self.audience} {self.language}: {self.count}"
