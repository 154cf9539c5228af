import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .email import outbox_kind_choices
from .models import OutboxMessage, OutboxStatus


class OutboxFilter(django_filters.FilterSet):
    """The coordinators' outbox page: by status, kind, and recipient or subject."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        widget=forms.TextInput(attrs={"placeholder": _("Recipient or subject"), "type": "search"}),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=OutboxStatus.choices, empty_label=_("Any status")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=outbox_kind_choices, empty_label=_("Any kind")
    )

    class Meta:
        model = OutboxMessage
        fields = ["q", "status", "kind"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(to_email__icontains=value) | Q(to_name__icontains=value) | Q(subject__icontains=value)
        )
