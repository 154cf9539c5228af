from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partner pages")

    def ready(self):
        from core.email import outbox_kinds_register

        # The sign-in link is rendered by the worker (services/signin.py registers it).
        from .services import signin  # noqa: F401

        outbox_kinds_register(
            {
                "partner-sign-in": _("Partner sign-in link"),
                "partner-correction": _("Correction by a partner"),
                "partner-change": _("Change asked by a partner"),
                "partner-contact-request": _("Contact request from a partner"),
            }
        )
