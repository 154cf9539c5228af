import datetime
import functools

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checkpoints.models import PartnershipLevel
from core.forms import list_choices
from core.models import StudentGroup, Unit, User

from .forms.common import staff_choices
from .models import Agreement, AgreementPhase, AgreementType, Employer, ItemKind, Sector, Student, WorkPeriod
from .permissions import can_view_all_students
from .selectors.feedback_risk import at_risk
from .selectors.overdue import overdue_condition, with_agreement_dates

# The agreement list pages through the agreements by their dates: per-row subqueries, no
# GROUP BY over every work period (see with_agreement_dates).
_dated = functools.partial(with_agreement_dates, per_row=True)

# Sort keys offered on the employer list. Never-contacted employers count as the oldest.
EMPLOYER_SORTS = {
    "name": (_("Name"), ("name",)),
    "-name": (_("Name (Z–A)"), ("-name",)),
    "-last_contact": (_("Last contact (newest first)"), (F("last_contact").desc(nulls_last=True),)),
    "last_contact": (_("Last contact (oldest first)"), (F("last_contact").asc(nulls_first=True),)),
    "owner": (_("Account owner"), ("account_owner__first_name", "account_owner__last_name")),
}


def _unchanged(queryset, name, value):
    """For filters applied in `qs` below, where they combine with the others."""
    return queryset


def _level_choices(levels=None):
    """The levels an employer can be at, and "not recorded yet" (the dashboard links to each).
    `levels`: every PartnershipLevel when the caller has read them already."""
    if levels is None:
        levels = PartnershipLevel.objects.filter(cross_cutting=False)
    else:
        levels = [level for level in levels if not level.cross_cutting]
    return [*((str(level.pk), level.name) for level in levels), (NO_LEVEL, _("Not recorded yet"))]


NO_LEVEL = "none"


class EmployerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        widget=forms.TextInput(attrs={"placeholder": _("Name or business ID"), "type": "search"}),
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"), choices=Sector.choices, empty_label=_("All sectors")
    )
    municipality = django_filters.CharFilter(label=_("Municipality"), method="filter_municipality")
    account_owner = django_filters.ModelChoiceFilter(
        label=_("Account owner"), queryset=User.objects.none(), empty_label=_("Anyone")
    )
    not_contacted_days = django_filters.NumberFilter(
        label=_("Not contacted in (days)"),
        method="filter_not_contacted",
        min_value=1,
        max_value=3650,
        widget=forms.NumberInput(attrs={"min": 1, "max": 3650, "step": 1}),
    )
    contact_due = django_filters.BooleanFilter(
        label=_("Not contacted within their interval"),
        method="filter_contact_due",
        widget=forms.CheckboxInput,
    )
    level = django_filters.ChoiceFilter(
        label=_("Partnership level"),
        choices=_level_choices,
        method="filter_level",
        empty_label=_("Any level"),
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), queryset=Unit.objects.all(), method="filter_unit", empty_label=_("All units")
    )
    inactive = django_filters.BooleanFilter(
        label=_("Include inactive employers"), method=_unchanged, widget=forms.CheckboxInput
    )
    o = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[(key, label) for key, (label, _order) in EMPLOYER_SORTS.items()],
        method=_unchanged,
        empty_label=None,
    )

    class Meta:
        model = Employer
        fields = ["q", "sector", "municipality", "account_owner", "not_contacted_days"]

    def __init__(self, *args, levels=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["account_owner"].queryset = staff_choices()
        if levels is not None:  # the page has read them for its rows: one query, not two
            self.filters["level"].extra["choices"] = _level_choices(levels)

    @property
    def form(self):
        if not hasattr(self, "_form"):
            list_choices(super().form, "account_owner", "unit")
        return self._form

    @property
    def qs(self):
        qs = super().qs
        data = getattr(self.form, "cleaned_data", {})
        if not data.get("inactive"):
            qs = qs.filter(is_active=True)
        _label, order = EMPLOYER_SORTS.get(data.get("o") or "name", EMPLOYER_SORTS["name"])
        return qs.order_by(*order, "name", "pk")

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_municipality(self, queryset, name, value):
        return queryset.in_municipality(value) if value.strip() else queryset

    def filter_level(self, queryset, name, value):
        return queryset.at_level(None if value == NO_LEVEL else int(value))

    def filter_unit(self, queryset, name, value):
        return queryset.in_unit(value.pk)

    def filter_not_contacted(self, queryset, name, value):
        return queryset.needing_contact(int(value))

    def filter_contact_due(self, queryset, name, value):
        return queryset.needing_contact() if value else queryset


class StudentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        widget=forms.TextInput(attrs={"placeholder": _("Name or student number"), "type": "search"}),
    )
    group = django_filters.ModelChoiceFilter(
        label=_("Group"), queryset=StudentGroup.objects.none(), empty_label=_("All groups")
    )

    class Meta:
        model = Student
        fields = ["q", "group"]

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        groups = StudentGroup.objects.all()
        if not can_view_all_students(user):
            groups = groups.filter(teachers=user)
        self.filters["group"].queryset = groups

    def filter_search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(first_name__icontains=value)
            | Q(last_name__icontains=value)
            | Q(student_number__icontains=value)
        )


class AgreementFilter(django_filters.FilterSet):
    """Agreement lists: mine or all, by phase, type, ending soon, overdue items, feedback at risk."""

    scope = django_filters.ChoiceFilter(
        label=_("Show"),
        choices=[("mine", _("My agreements")), ("all", _("All I may see"))],
        method=_unchanged,
        empty_label=None,
    )
    phase = django_filters.ChoiceFilter(
        label=_("Status"), choices=AgreementPhase.choices, method="filter_phase", empty_label=_("Any status")
    )
    type = django_filters.ChoiceFilter(
        label=_("Type"), choices=AgreementType.choices, empty_label=_("Both types")
    )
    ending_within = django_filters.NumberFilter(
        label=_("Ending within (days)"),
        method="filter_ending",
        min_value=1,
        max_value=365,
        widget=forms.NumberInput(attrs={"min": 1, "max": 365}),
    )
    overdue = django_filters.BooleanFilter(
        label=_("A checkpoint item overdue"), method="filter_overdue", widget=forms.CheckboxInput
    )
    overdue_item = django_filters.ChoiceFilter(
        label=_("This item overdue"),
        choices=ItemKind.choices,
        method="filter_overdue_item",
        empty_label=_("Any item"),
    )
    at_risk = django_filters.BooleanFilter(
        label=_("National feedback at risk"), method="filter_at_risk", widget=forms.CheckboxInput
    )
    summer = django_filters.BooleanFilter(
        label=_("For the summer"), method="filter_summer", widget=forms.CheckboxInput
    )
    # As the dashboard narrows its counts, so that its links show the very agreements counted.
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"),
        field_name="student__group__unit",
        queryset=Unit.objects.all(),
        empty_label=_("All units"),
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"),
        field_name="workplace__employer__sector",
        choices=Sector.choices,
        empty_label=_("All sectors"),
    )

    class Meta:
        model = Agreement
        fields = [
            "scope",
            "phase",
            "type",
            "ending_within",
            "overdue",
            "overdue_item",
            "at_risk",
            "summer",
            "unit",
            "sector",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    @property
    def form(self):
        if not hasattr(self, "_form"):
            list_choices(super().form, "unit")  # one plain query, not a server-side cursor
        return self._form

    @property
    def qs(self):
        qs = super().qs
        data = getattr(self.form, "cleaned_data", {})
        if (data.get("scope") or "mine") == "mine":
            qs = qs.filter(responsible_teacher=self.user)
        return _dated(qs).order_by(F("last_day").desc(nulls_last=True), "-pk")

    def filter_phase(self, queryset, name, value):
        today = timezone.localdate()
        dated = _dated(queryset)
        phases = {
            AgreementPhase.DRAFT: Q(status="draft"),
            AgreementPhase.CANCELLED: Q(status="cancelled"),
            AgreementPhase.ENDED_EARLY: Q(status="ended_early"),
            AgreementPhase.UPCOMING: Q(status="signed")
            & (Q(first_day__gt=today) | Q(first_day__isnull=True)),
            AgreementPhase.ACTIVE: Q(status="signed", first_day__lte=today, last_day__gte=today),
            AgreementPhase.COMPLETED: Q(status="signed", last_day__lt=today),
        }
        return dated.filter(phases[value])

    def filter_summer(self, queryset, name, value):
        return queryset.for_summer() if value else queryset

    def filter_ending(self, queryset, name, value):
        today = timezone.localdate()
        return _dated(queryset).filter(
            status__in=["draft", "signed"],
            last_day__gte=today,
            last_day__lte=today + datetime.timedelta(days=int(value)),
        )

    def filter_overdue(self, queryset, name, value):
        return _dated(queryset).filter(overdue_condition()) if value else queryset

    def filter_overdue_item(self, queryset, name, value):
        return _dated(queryset).filter(overdue_condition(kind=value))

    def filter_at_risk(self, queryset, name, value):
        if not value:
            return queryset
        risky = at_risk(WorkPeriod.objects.filter(agreement=OuterRef("pk")))
        return queryset.filter(Exists(risky))
