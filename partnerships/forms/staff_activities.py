"""Staff in working life: one activity, the list's filters, the summary's year."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Unit, User

from ..models import Employer, StaffActivity, StaffActivityKind
from .common import DATE_INPUT_FORMATS, DateInput, staff_choices

FIRST_YEAR = 2000


class StaffActivityForm(forms.ModelForm):
    """A teacher's form has no staff member or unit: the activity is their own, in their unit.
    A coordinator's names the staff member (and may correct the unit)."""

    class Meta:
        model = StaffActivity
        fields = [
            "staff_member",
            "unit",
            "kind",
            "title",
            "employer",
            "organisation_name",
            "starts_on",
            "ends_on",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4}), "starts_on": DateInput, "ends_on": DateInput}

    def __init__(self, *args, for_others: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_on", "ends_on"):
            self.fields[name].input_formats = DATE_INPUT_FORMATS
        if for_others:
            chosen = [self.instance.staff_member_id] if self.instance.staff_member_id else []
            # Active staff, and the one already named even if they have left since.
            self.fields["staff_member"].queryset = User.objects.filter(
                Q(pk__in=staff_choices().values("pk")) | Q(pk__in=chosen)
            )
        else:
            del self.fields["staff_member"]
            del self.fields["unit"]
        chosen = [self.instance.employer_id] if self.instance.employer_id else []
        self.fields["employer"].queryset = (
            Employer.objects.filter(is_active=True) | Employer.objects.filter(pk__in=chosen)
        ).order_by("name")


def _years():
    this_year = timezone.localdate().year
    return [(year, str(year)) for year in range(this_year + 1, FIRST_YEAR - 1, -1)]


class StaffActivityFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.all(), required=False, empty_label=_("All units")
    )
    staff_member = forms.ModelChoiceField(
        label=_("Staff member"), queryset=staff_choices(), required=False, empty_label=_("All")
    )

    def __init__(self, *args, everyone: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All")), *_years()]
        self.fields["kind"].choices = [("", _("All")), *StaffActivityKind.choices]
        if not everyone:
            # A teacher's list is their own: no one else to choose.
            del self.fields["staff_member"]
            del self.fields["unit"]


class StaffSummaryFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _years()
