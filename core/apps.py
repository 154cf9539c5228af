from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Institution")

    def ready(self):
        from . import choices, password_reset  # noqa: F401 (password_reset registers its e-mail)
        from .email import outbox_kinds_register

        outbox_kinds_register({"password-reset": _("Password reset")})
        choices.install()
