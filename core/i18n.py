"""Reference data stored with its fi, sv and en text (conventions.md, i18n)."""

from django.utils.translation import get_language

LANGUAGE_CODES = ("fi", "sv", "en")


def localized(obj, field: str) -> str:
    """The text of `field` in the active language, falling back to Finnish.

    Reference models keep one column per language (`name_fi`, `name_sv`, `name_en`).
    """
    language = (get_language() or "fi")[:2]
    if language not in LANGUAGE_CODES:
        language = "fi"
    return getattr(obj, f"{field}_{language}") or getattr(obj, f"{field}_fi")
