from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm

from .email import outbox_enqueue


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
        user = context["user"]
        outbox_enqueue(
            key=f"password-reset:{user.pk}:{context['token']}",
            kind="password-reset",
            template="password-reset",
            context={key: context[key] for key in ("uid", "token", "protocol", "domain", "user")},
            to_email=to_email,
            to_name=user.get_full_name(),
            language=user.language or settings.LANGUAGE_CODE,
            responsible=user,
        )
