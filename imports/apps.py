from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def imports_waiting() -> int:
    """Confirmed imports that a worker has not finished (the background banner counts them)."""
    from .models import ImportJob, ImportStatus

    return ImportJob.objects.filter(status=ImportStatus.RUNNING).count()


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = _("Imports")

    def ready(self):
        # The apps below know nothing of imports: what they need from them is registered here.
        from core.background import imports_waiting_register
        from partnerships.services.privacy import erasure_step_register

        from .erasure import forget_pending_rows

        erasure_step_register(forget_pending_rows)
        imports_waiting_register(imports_waiting)
