from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .branding import BRANDING_FIELDS, MAX_LOGO_BYTES, logo_clean, logo_too_large
from .models import Institution
from .password_reset import password_reset_enqueue


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the e-mail sent through the outbox like every other."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        # The token in `context` is dropped: the worker makes its own when it sends.
        password_reset_enqueue(
            user=context["user"], to_email=to_email, protocol=context["protocol"], domain=context["domain"]
        )


class BrandingForm(forms.ModelForm):
    """The institution's name, contacts and logo. The logo is checked here, so that a refused
    file is reported beside its field together with the rest of what the user typed."""

    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    logo_file = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG or JPEG, at most 10 MB. It is resized to fit 800 × 400 pixels."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = Institution
        fields = BRANDING_FIELDS

    def clean_logo_file(self):
        upload = self.cleaned_data.get("logo_file")
        if not upload:
            return None
        if upload.size > MAX_LOGO_BYTES:
            raise logo_too_large()
        data = upload.read()
        logo_clean(data)  # raises a ValidationError naming the problem
        return data


def form_error(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form so the user sees it beside their input."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class ListedChoiceIterator(forms.models.ModelChoiceIterator):
    """A model choice field's options from one ordinary query, kept for the request.

    Django's own iterator reads the options with `QuerySet.iterator()`, which on PostgreSQL is
    a server-side cursor: DECLARE, FETCH and CLOSE, three round trips for a handful of staff
    members or units, and again each time the field is rendered. A select of choices is short,
    so it is read once like any other queryset."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if getattr(self.field, "null_label", None) is not None:  # django-filters' "none" option
            yield (self.field.null_value, self.field.null_label)
        for obj in self.queryset:
            yield self.choice(obj)


def list_choices(form, *names: str):
    """Read the options of these model choice fields of `form` with ListedChoiceIterator."""
    for name in names:
        field = form.fields[name]
        field.iterator = ListedChoiceIterator
        field.widget.choices = field.choices  # the widget holds the iterator it was given
    return form
