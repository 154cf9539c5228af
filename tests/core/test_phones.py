"""Phone numbers in E.164, and which of them the national feedback's SMS reaches."""

import re

import pytest
from django.core.exceptions import ValidationError

from core.phones import (
    finnish_mobile_e164_regex,
    format_phone,
    is_finnish_mobile,
    normalize_phone,
    validate_phone,
)


@pytest.mark.parametrize(
    "typed, stored, mobile",
    [
        ("+358 40 123 4567", "+358401234567", True),
        ("040 1234567", "+358401234567", True),
        ("050-123 4567", "+358501234567", True),
        ("09 1234567", "+35891234567", False),  # a Helsinki landline
        ("010 123 4567", "+358101234567", False),  # a company number
        ("+46 70 123 45 67", "+46701234567", False),  # a Swedish mobile
    ],
)
def test_phones_are_normalised_and_only_finnish_mobiles_count_for_the_sms(typed, stored, mobile):
    assert normalize_phone(typed) == stored
    assert is_finnish_mobile(typed) is mobile
    # The database's test is the library's, for every stored number.
    assert bool(re.match(finnish_mobile_e164_regex(), stored)) is mobile


def test_a_stored_phone_is_shown_in_the_international_format():
    assert format_phone("+358401234567") == "+358 40 1234567"
    assert format_phone("legacy 123") == "legacy 123"


@pytest.mark.parametrize("typed", ["12", "0401", "040 123 4567 ext", "phone me"])
def test_an_invalid_phone_is_refused_with_a_message(typed):
    with pytest.raises(ValidationError, match="valid phone number"):
        validate_phone(typed)
    validate_phone("")  # no phone at all is allowed
