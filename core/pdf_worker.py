"""The child process of core.pdf: reads {"html", "roots"} as JSON on stdin, writes the PDF
to stdout. Kept free of Django so that it starts fast and can reach nothing but `roots`."""

import json
import mimetypes
import sys
from pathlib import Path

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

SCHEME = "kumppani"


class SafeFetcher(URLFetcher):
    """Serves `kumppani:static/...` and `kumppani:media/...` from the given folders, and
    `data:` URLs; refuses every other scheme and never follows a redirect."""

    def __init__(self, roots: dict[str, list[str]]):
        super().__init__(allowed_protocols={SCHEME, "data"}, allow_redirects=False, timeout=1)
        self.roots = {kind: [Path(p).resolve() for p in paths] for kind, paths in roots.items()}

    def fetch(self, url, headers=None):
        scheme, _, rest = url.partition(":")
        scheme = scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != SCHEME:
            raise ValueError(f"refused: {scheme} URLs are not fetched")
        kind, _, relative = rest.lstrip("/").partition("/")
        relative = relative.split("?")[0].split("#")[0]
        for root in self.roots.get(kind, []):
            candidate = (root / relative).resolve()
            if candidate.is_relative_to(root) and candidate.is_file():
                content_type = mimetypes.guess_type(str(candidate))[0] or "application/octet-stream"
                return URLFetcherResponse(url, candidate.read_bytes(), {"Content-Type": content_type})
        raise ValueError(f"refused: {url} is not one of our files")


def main() -> None:
    job = json.loads(sys.stdin.buffer.read())
    fetcher = SafeFetcher(job["roots"])
    document = HTML(string=job["html"], base_url=f"{SCHEME}:/", url_fetcher=fetcher)
    sys.stdout.buffer.write(document.write_pdf(pdf_variant="pdf/ua-1"))


if __name__ == "__main__":
    main()
