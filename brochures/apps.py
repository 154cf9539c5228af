from django.apps import AppConfig
from django.db import transaction
from django.utils.translation import gettext_lazy as _


def prerender_soon(**kwargs) -> None:
    """After a committed change of what the brochures print, render them again in the
    background, so that no visitor waits for WeasyPrint."""
    from .tasks import brochures_prerender

    transaction.on_commit(brochures_prerender.delay)


class BrochuresConfig(AppConfig):
    name = "brochures"
    verbose_name = _("Brochures")

    def ready(self):
        from django.db.models.signals import post_save

        from core.signals import branding_changed

        from .models import BrochureText

        branding_changed.connect(prerender_soon, dispatch_uid="brochures-branding")
        post_save.connect(prerender_soon, sender=BrochureText, dispatch_uid="brochures-text")
