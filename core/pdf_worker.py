"""The child process of core.pdf: reads {"documents": [html, ...], "roots"} as JSON on stdin
and writes each PDF to stdout as a 12-digit byte length followed by the bytes, so that one
process (one WeasyPrint import, about a second) renders a whole batch. Kept free of Django so
that it starts fast and can reach nothing but `roots`."""

import json
import mimetypes
import sys
from pathlib import Path

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

SCHEME = "kumppani"


class SafeFetcher(URLFetcher):
    """Serves `kumppani:<kind>/...` (static files) from the given folders, and `data:` URLs
    (the logo); refuses every other scheme and never follows a redirect."""

    def __init__(self, roots: dict[str, list[list[str]]]):
        super().__init__(allowed_protocols={SCHEME, "data"}, allow_redirects=False, timeout=1)
        self.roots = {
            kind: [(Path(root).resolve(), prefix.strip("/")) for root, prefix in pairs]
            for kind, pairs in roots.items()
        }

    def fetch(self, url, headers=None):
        scheme, _, rest = url.partition(":")
        scheme = scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != SCHEME:
            raise ValueError(f"refused: {scheme} URLs are not fetched")
        kind, _, relative = rest.lstrip("/").partition("/")
        relative = relative.split("?")[0].split("#")[0]
        for root, prefix in self.roots.get(kind, []):
            if prefix:
                if not relative.startswith(prefix + "/"):
                    continue
                candidate = (root / relative[len(prefix) + 1 :]).resolve()
            else:
                candidate = (root / relative).resolve()
            if candidate.is_relative_to(root) and candidate.is_file():
                content_type = mimetypes.guess_type(str(candidate))[0] or "application/octet-stream"
                return URLFetcherResponse(url, candidate.read_bytes(), {"Content-Type": content_type})
        raise ValueError(f"refused: {url} is not one of our files")


def main() -> None:
    job = json.loads(sys.stdin.buffer.read())
    fetcher = SafeFetcher(job["roots"])
    out = sys.stdout.buffer
    for html in job["documents"]:
        document = HTML(string=html, base_url=f"{SCHEME}:/", url_fetcher=fetcher)
        pdf = document.write_pdf(pdf_variant="pdf/ua-1")
        out.write(b"%012d" % len(pdf))
        out.write(pdf)
        out.flush()


if __name__ == "__main__":
    main()
