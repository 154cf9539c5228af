from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def on_branding_changed(**kwargs) -> None:
    from .rendering import brochures_changed

    brochures_changed()


class BrochuresConfig(AppConfig):
    name = "brochures"
    verbose_name = _("Brochures")

    def ready(self):
        from core.email import outbox_kinds_register
        from core.signals import branding_changed

        outbox_kinds_register({"brochure-share": _("Brochure link")})
        # The branding is core's, which knows no higher app: core's branding service sends
        # the signal once its change is committed, and the brochures re-render.
        branding_changed.connect(on_branding_changed, dispatch_uid="brochures-branding")
