"""Model choice fields refuse an id the database cannot hold, as an invalid choice.

`checkpoints=99999999999999999999` used to end in a server error on SQLite: Django keeps
an out-of-range `pk=` lookup from reaching the database, but not `pk__in=`, which every
multiple choice field (ours, the admin's, django-filter's) runs, and sqlite3 cannot bind
an integer above 64 bits. The check lives on Django's two model choice field classes, so
every form and filter has it without a line of its own.
"""

from django.core.exceptions import ValidationError
from django.db import connections, models
from django.forms.models import ModelChoiceField, ModelMultipleChoiceField


def _out_of_range(field: ModelChoiceField, value) -> bool:
    """Whether `value` is an integer the key column of the field's choices cannot hold."""
    model = field.queryset.model
    key = model._meta.pk if field.to_field_name is None else model._meta.get_field(field.to_field_name)
    if not isinstance(key, models.IntegerField | models.AutoField) or isinstance(value, model):
        return False
    try:
        number = int(str(value).strip())
    except ValueError:
        return False  # not a number at all: Django's own check reports it
    low, high = connections[field.queryset.db].ops.integer_field_range(key.get_internal_type())
    return (low is not None and number < low) or (high is not None and number > high)


def _invalid_choice(field: ModelChoiceField, value) -> ValidationError:
    return ValidationError(
        field.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
    )


def install() -> None:
    single_to_python = ModelChoiceField.to_python
    check_values = ModelMultipleChoiceField._check_values

    def to_python(self, value):
        if value not in self.empty_values and _out_of_range(self, value):
            raise _invalid_choice(self, value)
        return single_to_python(self, value)

    def _check_values(self, value):
        for item in value if isinstance(value, list | tuple | set | frozenset) else ():
            if _out_of_range(self, item):
                raise _invalid_choice(self, item)
        return check_values(self, value)

    ModelChoiceField.to_python = to_python
    ModelMultipleChoiceField._check_values = _check_values
