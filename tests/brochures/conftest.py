import pytest

from brochures import rendering
from brochures.models import BrochureText
from brochures.rendering import Inputs, all_variants, brochure_render
from core.models import Institution
from core.pdf import html_to_pdf

from ..storage import brochures_in
from .pdfs import BRANDING, LONG_LINK


def stress_inputs() -> Inputs:
    inputs = Inputs()
    inputs.institution = Institution(**BRANDING)
    for language in ("fi", "sv", "en"):
        inputs._texts[language] = BrochureText(
            language=language,
            links=LONG_LINK,
            local_practice="Sopimukset laatii oppisopimustoimisto; kysy ensin omalta tiimiltäsi. " * 3,
        )
    return inputs


@pytest.fixture(scope="session")
def rendered(django_db_setup, django_db_blocker):
    """Every brochure and checklist variant, rendered once for the session (one child
    process: about half a second each)."""
    with django_db_blocker.unblock():
        variants = all_variants()
        pdfs = brochure_render(variants, stress_inputs())
    return dict(zip(variants, pdfs, strict=True))


@pytest.fixture(scope="session")
def small_pdf():
    return html_to_pdf(
        '<!doctype html><html lang="fi"><head><title>t</title></head><body><p>Esite</p></body></html>'
    )


@pytest.fixture
def renders(settings, tmp_path, monkeypatch, small_pdf):
    """A fresh cache, and a renderer that records what it was asked to make."""
    brochures_in(settings, tmp_path / "brochures")
    made = []

    def render(variants, inputs=None):
        made.extend(variants)
        return [small_pdf for _ in variants]

    monkeypatch.setattr(rendering, "brochure_render", render)
    return made


@pytest.fixture
def queued(monkeypatch):
    """The prerenders queued after a change, not run: a test runs the prerender itself. The
    list holds each queueing's arguments."""
    from brochures import tasks

    started = []
    monkeypatch.setattr(tasks.brochures_prerender, "apply_async", lambda **kw: started.append(kw))
    return started
