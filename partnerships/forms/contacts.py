"""The contact log."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checkpoints.models import Checkpoint
from core.forms import list_choices

from ..models import (
    Contact,
    Employer,
)
from .common import date_field


class ContactForm(forms.ModelForm):
    """Log a contact: date (prefilled), channel and summary are all that is required."""

    date = date_field(_("Date"), required=True, initial=timezone.localdate)
    follow_up_date = date_field(_("Follow-up date"))

    class Meta:
        model = Contact
        fields = [
            "date",
            "channel",
            "summary",
            "workplace",
            "persons",
            "checkpoints",
            "follow_up_date",
            "follow_up_note",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "persons": forms.CheckboxSelectMultiple,
            "checkpoints": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "summary": {"required": _("Write a few words on what was discussed.")},
            "channel": {"required": _("Choose how you were in contact.")},
        }

    def __init__(self, *args, employer: Employer, people=None, **kwargs):
        """`people`: the employer's people as the employer's page has read them already (all of
        them, in their order); its active ones are then the people to choose from, not read
        again. The field still validates a POST against the database."""
        super().__init__(*args, **kwargs)
        self.fields["workplace"].queryset = employer.workplaces.all()
        self.fields["persons"].queryset = employer.people.filter(is_active=True)
        self.fields["checkpoints"].queryset = Checkpoint.objects.all()
        self.fields["channel"].choices = [("", _("Choose…")), *list(self.fields["channel"].choices)[1:]]
        # Each option list read once, however often the page asks (the employer page shows the
        # workplaces beside the form and asks whether there is more than one).
        list_choices(self, "workplace", "persons", "checkpoints")
        if people is not None:
            persons = self.fields["persons"]
            options = persons.iterator(persons)
            persons.widget.choices = [options.choice(person) for person in people if person.is_active]

    def clean(self):
        data = super().clean()
        date, follow_up = data.get("date"), data.get("follow_up_date")
        if date and follow_up and follow_up < date:
            self.add_error("follow_up_date", _("The follow-up date cannot be before the contact date."))
        if data.get("follow_up_note") and not follow_up:
            self.add_error("follow_up_date", _("Give a date for the follow-up."))
        return data
