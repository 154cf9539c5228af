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
