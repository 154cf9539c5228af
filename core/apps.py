from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Institution")

    def ready(self):
        from . import freshness, password_reset  # noqa: F401 (registers its e-mail for the worker)
        from .email import outbox_kinds_register

        outbox_kinds_register({"password-reset": _("Password reset")})

        freshness.watch_open_connections()
