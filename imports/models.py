"""Imports from spreadsheets: the jobs, their rows until they are imported, and the mappings
remembered. The tables keep the names they had when the models lived in partnerships."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# An import that no worker has started this many seconds after it was confirmed says so.
PICKUP_SECONDS = 30


class ImportKind(models.TextChoices):
    EMPLOYERS = "employers", _("Employers and their contact persons")
    STUDENTS = "students", _("Students")


class ImportStatus(models.TextChoices):
    MAPPING = "mapping", _("Columns to map")
    READY = "ready", _("Checked, waiting for confirmation")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed: nothing was saved")


class ImportJob(models.Model):
    """One upload. The rows are kept, without any henkilötunnus column, in the database
    (ImportRows: every web and worker machine reads the same ones) and deleted when the import
    is done, or after a day if it is abandoned."""

    kind = models.CharField(_("what"), max_length=20, choices=ImportKind.choices)
    original_name = models.CharField(_("file"), max_length=255)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.MAPPING
    )
    headers = models.JSONField(default=list)
    dropped_columns = models.JSONField(default=list)
    mapping = models.JSONField(default=dict)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    result = models.JSONField(default=dict, blank=True)
    # 0-100 while a worker writes the rows, committed on a connection of its own so that every
    # web machine sees it while the import's transaction is still open (applying.py).
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # When the user confirmed it (handed to a worker) and when a worker started on it: an
    # import that no worker has picked up says so instead of showing 0 %.
    queued_at = models.DateTimeField(_("queued"), null=True, blank=True)
    picked_up_at = models.DateTimeField(_("picked up by a worker"), null=True, blank=True)

    class Meta:
        db_table = "partnerships_importjob"
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return f"{self.original_name} ({self.get_kind_display()})"

    @property
    def waiting_for_worker(self) -> bool:
        """Confirmed, and no worker has started on it yet."""
        return self.status == ImportStatus.RUNNING and self.picked_up_at is None

    @property
    def worker_overdue(self) -> bool:
        """Waiting for a worker for longer than one takes to start when background work runs."""
        return (
            self.waiting_for_worker
            and self.queued_at is not None
            and (timezone.now() - self.queued_at).total_seconds() > PICKUP_SECONDS
        )

    def store_rows(self, rows: list[list[str]]) -> None:
        ImportRows.objects.update_or_create(job=self, defaults={"rows": rows})

    def rows(self) -> list[list[str]]:
        """The stored rows; ImportRows.DoesNotExist once they have been deleted."""
        return ImportRows.objects.values_list("rows", flat=True).get(job=self)

    def has_rows(self) -> bool:
        return ImportRows.objects.filter(job=self).exists()

    def delete_rows(self) -> None:
        ImportRows.objects.filter(job=self).delete()


class ImportRows(models.Model):
    """The rows of an upload until its import is done (never a henkilötunnus column): in their
    own table, so that listing the jobs never reads them."""

    job = models.OneToOneField(ImportJob, on_delete=models.CASCADE, primary_key=True, related_name="+")
    rows = models.JSONField()

    class Meta:
        db_table = "partnerships_importrows"
        verbose_name = _("rows of an import")
        verbose_name_plural = _("rows of imports")

    def __str__(self):
        return str(self.job_id)


class ImportMappingMemory(models.Model):
    """The column a header was last mapped to, per kind of import: the next file with the
    same headers gets the same mapping suggested."""

    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    header = models.CharField(max_length=200)
    field = models.CharField(max_length=40, blank=True)

    class Meta:
        db_table = "partnerships_importmappingmemory"
        verbose_name = _("remembered column mapping")
        verbose_name_plural = _("remembered column mappings")
        constraints = [models.UniqueConstraint(fields=["kind", "header"], name="one_memory_per_header")]

    def __str__(self):
        return f"{self.kind}: {self.header} → {self.field or '–'}"
