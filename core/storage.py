"""Where files live: behind Django's storage API, so that every machine sees the same ones.

By default a folder under `KUMPPANI_VAR_DIR` (one machine); with `KUMPPANI_S3_BUCKET` an
S3-compatible object store that every web and worker machine shares (config/settings.py).
Either way the files are private: they are served only by our own views, with their
permission checks, never from a public URL.
"""

import os
import tempfile
from pathlib import Path

from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """A local folder whose files are written atomically (a reader sees the whole file or
    none, as with an object store) and replaced when saved again under the same name: the
    names are content hashes or pointers that are meant to be replaced."""

    def get_available_name(self, name, max_length=None):
        return name

    def _save(self, name, content):
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as out:
                for chunk in content.chunks():
                    out.write(chunk)
            os.chmod(temporary, 0o600)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return name
