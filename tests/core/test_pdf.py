"""The PDF service: renders tagged PDFs through a fetcher that reads only our own files."""

import contextlib
import http.server
import re
import threading
import zlib

import pytest

from core.pdf import PdfRenderError, html_to_pdf

PAGE = (
    '<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>Testi</title></head>'
    "<body>{}</body></html>"
)


def inflated(pdf: bytes) -> bytes:
    """The PDF with every Flate stream decompressed, to search its objects and content."""
    out = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        with contextlib.suppress(zlib.error):
            out.append(zlib.decompress(match.group(1)))
    return b"".join(out)


def test_a_page_renders_as_a_tagged_pdf_with_its_language():
    pdf = html_to_pdf(PAGE.format("<h1>Hei maailma</h1><p>Työpaikkaohjaaja</p>"))
    assert pdf.startswith(b"%PDF")
    body = inflated(pdf)
    assert b"/StructTreeRoot" in body
    assert b"/Lang" in body


def test_our_static_css_is_applied():
    pdf = html_to_pdf(
        PAGE.format('<link rel="stylesheet" href="kumppani:static/css/pdf.css"><h1>Otsikko</h1>')
    )
    assert pdf.startswith(b"%PDF")


def test_a_file_url_is_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("MARKER-7f3a9c-SECRET")
    html = PAGE.format(
        f'<link rel="attachment" href="file://{secret}"><img src="file://{secret}">'
        f'<link rel="stylesheet" href="file://{secret}">'
    )
    pdf = html_to_pdf(html)
    assert b"MARKER-7f3a9c-SECRET" not in inflated(pdf)


def test_traversal_out_of_the_static_folder_is_refused(tmp_path):
    pdf = html_to_pdf(PAGE.format('<link rel="attachment" href="kumppani:static/../../../../etc/passwd">'))
    assert b"root:x:0:0" not in inflated(pdf)


@pytest.fixture
def recording_server():
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            if self.path == "/redirect":
                self.send_response(302)
                self.send_header("Location", "/target")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args):
            """Keep the test output quiet."""

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()


def test_the_network_is_never_reached(recording_server):
    base, requests = recording_server
    html = PAGE.format(
        f'<link rel="stylesheet" href="{base}/style.css"><img src="{base}/logo.png">'
        f'<link rel="attachment" href="{base}/redirect">'
        '<img src="data:image/svg+xml;utf8,<svg xmlns=%22http://www.w3.org/2000/svg%22>'
        f'<image href=%22{base}/svg%22/></svg>">'
    )
    assert html_to_pdf(html).startswith(b"%PDF")
    assert requests == []


def test_a_render_that_takes_too_long_is_stopped_with_a_clear_error():
    huge = PAGE.format("<table>" + "<tr><td>solu</td></tr>" * 60000 + "</table>")
    with pytest.raises(PdfRenderError, match="too long"):
        html_to_pdf(huge, timeout=0.5)
