"""Reference data stored with its fi, sv and en text (conventions.md, i18n)."""

from dataclasses import dataclass

from django.utils.translation import get_language

LANGUAGE_CODES = ("fi", "sv", "en")


def active_language() -> str:
    language = (get_language() or "fi")[:2]
    return language if language in LANGUAGE_CODES else "fi"


@dataclass(frozen=True)
class Text:
    """Fixed reference text kept in code with its three languages (and where it comes from)."""

    fi: str
    sv: str
    en: str
    source: str = ""

    def get(self, language: str) -> str:
        return getattr(self, language)

    def __str__(self) -> str:
        return self.get(active_language())


def localized(obj, field: str) -> str:
    """The text of `field` in the active language, falling back to Finnish.

    Reference models keep one column per language (`name_fi`, `name_sv`, `name_en`).
    """
    language = active_language()
    return getattr(obj, f"{field}_{language}") or getattr(obj, f"{field}_fi")
