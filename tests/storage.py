"""Pointing the storages at a test's own folders (Django resets its storages when STORAGES
changes through the `settings` fixture)."""

from pathlib import Path


def brochures_in(settings, folder: Path) -> Path:
    """The brochure storage as a local folder of the test's own."""
    settings.KUMPPANI_BROCHURE_DIR = folder
    settings.STORAGES = {
        **settings.STORAGES,
        "brochures": {
            "BACKEND": "core.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": str(folder)},
        },
    }
    return folder
