"""Where the rendered brochures live: the "brochures" storage of STORAGES (config/settings.py),
named here and not in core, which knows no app above it."""

from django.core.files.storage import storages


def brochure_storage():
    """Rendered brochures, checklists and their previews (brochures/rendering.py)."""
    return storages["brochures"]
