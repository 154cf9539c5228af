"""Form pieces the concept modules share: date inputs, staff choices, the Y-tunnus and phone mixins."""

from django import forms

from core.models import staff_members
from core.phones import normalize_phone

from ..validators import normalize_business_id, validate_business_id

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(label, required=False, **kwargs):
    return forms.DateField(
        label=label, required=required, widget=DateInput, input_formats=DATE_INPUT_FORMATS, **kwargs
    )


def staff_choices():
    return staff_members()


class BusinessIdMixin:
    def clean_business_id(self):
        value = normalize_business_id(self.cleaned_data.get("business_id") or "")
        if value:
            validate_business_id(value)
        return value or None


class PhoneMixin:
    """The phone as typed (040 123 4567, +358 40 123 4567) is stored in E.164."""

    def clean_phone(self):
        return normalize_phone(self.cleaned_data.get("phone", ""))
