"""Validators for identifiers the data must respect (domain.md, "Facts the data must respect"),
and the normal forms they are compared in."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Y-tunnus check digit: Finnish Tax Administration / PRH business ID specification.
_BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
_BUSINESS_ID_RE = re.compile(r"^(\d{7})-(\d)$", re.ASCII)
# Oppijanumero: the national learner OID is under the 1.2.246.562.24. arc with 11 digits.
_LEARNER_OID_RE = re.compile(r"^1\.2\.246\.562\.24\.\d{11}$", re.ASCII)


def business_id_check_digit(digits: str) -> int | None:
    """The check digit for seven digits, or None when no check digit exists (remainder 1)."""
    remainder = sum(int(d) * w for d, w in zip(digits, _BUSINESS_ID_WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def nth_business_id(n: int, start: int = 1_000_000) -> str:
    """The n-th synthetic valid Y-tunnus from `start`, for demo data, benchmarks and tests.
    A body with remainder 1 has no check digit; it skips ahead by 3,000,000, far enough not to
    collide with a later n of the same or another start used in this project."""
    body = start + n
    while business_id_check_digit(f"{body:07d}") is None:
        body += 3_000_000
    return f"{body:07d}-{business_id_check_digit(f'{body:07d}')}"


def normalize_business_id(value: str) -> str:
    """Strip spaces; a six-digit body gets its leading zero back (PRH writes 0123456-7)."""
    value = (value or "").strip().replace(" ", "")
    if re.fullmatch(r"\d{6}-\d", value, re.ASCII):
        value = "0" + value
    return value


def validate_business_id(value: str) -> None:
    """Raise ValidationError unless `value` is a valid Y-tunnus `NNNNNNN-C`."""
    normalized = normalize_business_id(value)
    match = _BUSINESS_ID_RE.match(normalized)
    if not match:
        raise ValidationError(
            _("Enter the business ID in the form 1234567-8: seven digits, a hyphen and a check digit."),
            code="format",
        )
    expected = business_id_check_digit(match.group(1))
    if expected is None:
        raise ValidationError(
            _("%(value)s is not a valid business ID: no business ID can start with these digits."),
            code="invalid",
            params={"value": normalized},
        )
    if expected != int(match.group(2)):
        raise ValidationError(
            _("%(value)s is not a valid business ID: the check digit does not match."),
            code="checksum",
            params={"value": normalized},
        )


def validate_learner_oid(value: str) -> None:
    if not _LEARNER_OID_RE.match((value or "").strip()):
        raise ValidationError(
            _("Enter the learner number in the form 1.2.246.562.24.12345678901."), code="format"
        )


# Without a Y-tunnus, an employer is known by its name in a municipality: the importer matches
# rows on it (imports.planning) and the duplicate finder groups employers by it (services.merge).
COMPANY_FORMS = re.compile(r"\b(oy|oyj|ab|ky|tmi|ay|ry|osk|oy ab|ab oy|ltd|inc|gmbh)\b\.?", re.IGNORECASE)


def normal_name(name: str) -> str:
    """Compare employer names without case, spaces, punctuation or company-form words."""
    name = COMPANY_FORMS.sub(" ", unicodedata.normalize("NFC", name).casefold())
    return re.sub(r"[\W_]+", "", name)
