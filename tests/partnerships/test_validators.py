import pytest
from django.core.exceptions import ValidationError

from partnerships.validators import (
    business_id_check_digit,
    validate_business_id,
    validate_learner_oid,
)

WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def expected_check_digit(body: str) -> int | None:
    """The published algorithm, written out independently of the code under test."""
    remainder = sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11
    return {0: 0, 1: None}.get(remainder, 11 - remainder)


def bodies_with_remainder(wanted: int, count: int = 3) -> list[str]:
    found = []
    for n in range(1_000_000, 9_999_999, 7919):
        body = f"{n:07d}"
        if sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11 == wanted:
            found.append(body)
            if len(found) == count:
                return found
    raise AssertionError("no body found")


@pytest.mark.parametrize("body", ["0000000", "1234567", "7654321", "0100000", "9999998"])
def test_check_digit_matches_the_published_algorithm(body):
    assert business_id_check_digit(body) == expected_check_digit(body)


@pytest.mark.parametrize("body", bodies_with_remainder(0))
def test_remainder_zero_gives_check_digit_zero(body):
    validate_business_id(f"{body}-0")


@pytest.mark.parametrize("body", bodies_with_remainder(5))
def test_valid_business_ids_pass_with_or_without_spaces(body):
    valid = f"{body}-{11 - 5}"
    assert validate_business_id(valid) is None
    assert validate_business_id(f"  {valid} ") is None


@pytest.mark.parametrize("body", bodies_with_remainder(1))
def test_a_body_with_remainder_one_is_never_valid(body):
    for digit in range(10):
        with pytest.raises(ValidationError) as excinfo:
            validate_business_id(f"{body}-{digit}")
        assert excinfo.value.code == "invalid"


@pytest.mark.parametrize("body", bodies_with_remainder(3))
def test_a_wrong_check_digit_is_refused(body):
    right = 11 - 3
    wrong = (right + 1) % 10
    with pytest.raises(ValidationError) as excinfo:
        validate_business_id(f"{body}-{wrong}")
    assert excinfo.value.code == "checksum"


@pytest.mark.parametrize(
    "value",
    ["", "abcdefg-h", "123456-", "12345678-9", "1234567", "1234567-89", "123 4567-1x", "１２３４５６７-８"],
)
def test_malformed_business_ids_are_refused_with_the_format_message(value):
    with pytest.raises(ValidationError) as excinfo:
        validate_business_id(value)
    assert excinfo.value.code == "format"


def test_a_six_digit_body_gets_its_leading_zero_back():
    body = next(f"0{n:06d}" for n in range(123456, 999999) if expected_check_digit(f"0{n:06d}") is not None)
    validate_business_id(f"{body[1:]}-{expected_check_digit(body)}")


@pytest.mark.parametrize("value", ["1.2.246.562.24.12345678901", " 1.2.246.562.24.00000000001 "])
def test_learner_oids_in_the_national_format_pass(value):
    validate_learner_oid(value)


@pytest.mark.parametrize(
    "value",
    ["1.2.246.562.24.1234567890", "1.2.246.562.10.12345678901", "12345678901", "1.2.246.562.24.1234567890a"],
)
def test_other_learner_oids_are_refused(value):
    with pytest.raises(ValidationError):
        validate_learner_oid(value)
