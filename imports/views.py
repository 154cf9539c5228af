"""The coordinator's imports: upload, map the columns, check the rows, confirm, follow."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.background import note_queued
from core.forms import form_error
from core.permissions import coordinator_required

from . import services
from .fields import FIELDS
from .forms import ImportMappingForm, ImportUploadForm
from .models import ImportJob, ImportStatus
from .permissions import can_run_import
from .planning import summary
from .reading import MAX_BYTES, too_large_message

PREVIEW_ROWS = 200  # rows of each kind shown on the preview page; the counts cover all


@require_http_methods(["GET", "POST"])
@coordinator_required
def import_list(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_BYTES:  # before reading it into memory
                raise ValidationError({"file": too_large_message()})
            job = services.import_upload(
                kind=form.cleaned_data["kind"], data=upload.read(), name=upload.name, by=request.user
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            return redirect("imports:import_mapping", pk=job.pk)
    jobs = ImportJob.objects.select_related("created_by")[:20]
    return render(request, "imports/import_list.html", {"form": form, "jobs": jobs})


def _get_import_for_run(user, pk: int) -> ImportJob:
    """The import the URL names (404 if there is none), if the user may run it (else 403):
    the fetch helper of the project's permission vocabulary (partnerships/views/access.py)."""
    job = get_object_or_404(ImportJob, pk=pk)
    if not can_run_import(user, job):
        raise PermissionDenied
    return job


@require_http_methods(["GET", "POST"])
@coordinator_required
def import_mapping(request, pk):
    job = _get_import_for_run(request.user, pk)
    if job.status not in (ImportStatus.MAPPING, ImportStatus.READY) or not job.has_rows():
        return redirect("imports:import_preview", pk=job.pk)
    form = ImportMappingForm(request.POST or None, job=job)
    if request.method == "POST" and form.is_valid():
        try:
            services.import_set_mapping(job=job, mapping=form.mapping())
        except ValidationError as exc:
            form_error(form, exc)
        else:
            return redirect("imports:import_preview", pk=job.pk)
    sample = job.rows()[:3]
    columns = [
        {"field": form[f"col_{i}"], "examples": [row[i] for row in sample if i < len(row) and row[i]]}
        for i in range(len(job.headers))
    ]
    return render(request, "imports/import_mapping.html", {"job": job, "form": form, "columns": columns})


@require_http_methods(["GET", "POST"])
@coordinator_required
def import_preview(request, pk):
    job = _get_import_for_run(request.user, pk)
    if request.method == "POST":
        try:
            services.import_start(job=job, by=request.user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            note_queued(request)
        return redirect("imports:import_preview", pk=job.pk)
    context = {"job": job, "progress": services.import_progress(job)}
    has_rows = job.has_rows()
    # Rows are kept for a day: an abandoned upload says so rather than show an empty page.
    context["rows_gone"] = job.status in (ImportStatus.MAPPING, ImportStatus.READY) and not has_rows
    if job.status == ImportStatus.READY and has_rows:
        planned = services.import_plan(job)
        labels = {f.key: f.label for f in FIELDS[job.kind]}
        labels["person"] = _("a new contact person")
        updates = [
            {"row": r.row, "label": r.label, "changes": [labels.get(key, key) for key in r.changes]}
            for r in planned
            if r.action == "update"
        ]
        context.update(
            counts=summary(planned),
            errors=[e for row in planned for e in row.errors][:PREVIEW_ROWS],
            new=[r for r in planned if r.action == "new"][:PREVIEW_ROWS],
            updates=updates[:PREVIEW_ROWS],
        )
    return render(request, "imports/import_preview.html", context)


@require_GET
@coordinator_required
def import_progress(request, pk):
    """The progress bar alone, polled by htmx while the import runs."""
    job = _get_import_for_run(request.user, pk)
    return render(
        request,
        "imports/import_preview.html#progress",
        {"job": job, "progress": services.import_progress(job)},
    )
