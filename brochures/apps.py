import logging

from django.apps import AppConfig
from django.db import transaction
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


def prerender_soon(**kwargs) -> None:
    """After a committed change of what the brochures print, render them again in the
    background, so that no visitor waits for WeasyPrint. With the broker down the page still
    answers: a visitor's request renders its own variant, and the nightly task the rest."""
    transaction.on_commit(queue_prerender)


def queue_prerender() -> None:
    from .tasks import brochures_prerender

    try:
        brochures_prerender.apply_async(retry=False)
    except Exception:  # any broker failure: never fail the coordinator's save for it
        logger.warning("Broker unavailable; the brochures are rendered on demand instead")


class BrochuresConfig(AppConfig):
    name = "brochures"
    verbose_name = _("Brochures")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from checkpoints.models import Checkpoint
        from core.email import outbox_kinds_register
        from core.models import Institution
        from core.signals import branding_changed

        from .models import BrochureText
        from .services import forget_keys

        outbox_kinds_register({"brochure-share": _("Brochure link")})
        branding_changed.connect(prerender_soon, dispatch_uid="brochures-branding")
        post_save.connect(prerender_soon, sender=BrochureText, dispatch_uid="brochures-text")
        # What the downloads remember of the current keys (services.brochure_file).
        branding_changed.connect(forget_keys, dispatch_uid="brochures-keys-branding")
        post_save.connect(forget_keys, sender=BrochureText, dispatch_uid="brochures-keys-text")
        post_delete.connect(forget_keys, sender=BrochureText, dispatch_uid="brochures-keys-text-gone")
        post_save.connect(forget_keys, sender=Checkpoint, dispatch_uid="brochures-keys-checkpoints")
        post_save.connect(forget_keys, sender=Institution, dispatch_uid="brochures-keys-institution")
