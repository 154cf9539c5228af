"""Phone numbers: parsed, validated and stored in E.164 (+358401234567) with Google's
libphonenumber data (the `phonenumbers` package), and shown in the international format.

The national working-life feedback sends its SMS only to a number the same library
classifies as a mobile, or possibly a mobile (FIXED_LINE_OR_MOBILE), when parsed for Finland
(Opetushallitus/heratepalvelu, src/oph/heratepalvelu/tep/tepSmsHandler.clj, `valid-number?`).
`is_finnish_mobile` asks the library the same question; a landline or a foreign number does
not count.
"""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

REGION = "FI"
_MOBILE_TYPES = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)


def parse_phone(value: str) -> phonenumbers.PhoneNumber | None:
    """The number, read as Finnish unless it starts with +, or None when it is no valid number."""
    value = (value or "").strip()
    if not value or any(ch.isalpha() for ch in value):
        return None
    try:
        number = phonenumbers.parse(value, REGION)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def validate_phone(value: str) -> None:
    if value and parse_phone(value) is None:
        raise ValidationError(
            _("Enter a valid phone number, for example 040 123 4567 or +358 40 123 4567."),
            code="invalid_phone",
        )


def normalize_phone(value: str) -> str:
    """E.164 for a valid number; anything else is returned stripped (validation refuses it)."""
    number = parse_phone(value)
    if number is None:
        return (value or "").strip()
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(value: str) -> str:
    """+358 40 1234567 for display; an unparseable legacy value is shown as it is."""
    number = parse_phone(value)
    if number is None:
        return value or ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def is_finnish_mobile(value: str) -> bool:
    number = parse_phone(value)
    return (
        number is not None
        and phonenumbers.region_code_for_number(number) == REGION
        and phonenumbers.number_type(number) in _MOBILE_TYPES
    )


def finnish_mobile_e164_regex() -> str:
    """A regular expression matching exactly the Finnish mobile numbers in E.164, built from the
    library's own metadata, so that a database query can ask what `is_finnish_mobile` answers
    for a stored, normalised number (tests/core/test_phones.py keeps the two in step)."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(REGION)
    patterns = [metadata.mobile.national_number_pattern]
    fixed_or_mobile = getattr(metadata, "fixed_line_or_mobile", None)
    if fixed_or_mobile is not None and fixed_or_mobile.national_number_pattern:
        patterns.append(fixed_or_mobile.national_number_pattern)
    body = "|".join(f"(?:{p})" for p in patterns)
    return rf"^\+{metadata.country_code}(?:{body})$"
