from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        # The deadline digests are rendered on delivery: the worker needs their context builder.
        from . import reminders  # noqa: F401
