"""`make bench`: the page figures. Seed a large data set, serve the app with gunicorn (2
workers, DEBUG off) and load each page with wrk from a second process, side by side with a
bare Django view behind the same middleware (the floor), a static file and the Django admin.

Every figure is honest about what it measured: one sample request is checked for a marker of
real content before the load, and its X-Queries header (present only with KUMPPANI_BENCH)
gives the queries of that same request. A non-2xx answer during the load is an error.
"""

import shutil
import time
import urllib.parse
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone

from brochures.models import DownloadKind
from brochures.rendering import Variant, brochure_render, brochures_prerender
from partnerships.models import Employer
from partnerships.views.employers import EMPLOYERS_PER_PAGE

from .client import Scenario, csrf_for, fetch, nth, session_cookie
from .mix import mixed_figures
from .seed import SEARCH_WORD, World, seed
from .server import Server, server_env, settle
from .wrk import WRK_SECONDS, run_wrk, wrk_script


def load(base: str, scenario: Scenario, seconds: int = WRK_SECONDS) -> dict:
    return run_wrk(base + scenario.path, wrk_script(scenario), seconds)


def scenarios(base: str, world: World) -> list[Scenario]:
    teacher = session_cookie(world.teacher)
    coordinator = session_cookie(world.coordinator)
    employer = world.employer
    token, post_cookie = csrf_for(base, teacher, f"/employers/{employer.pk}/")
    contact = urllib.parse.urlencode(
        {"date": timezone.localdate().isoformat(), "channel": "phone", "summary": "Kuormitustesti: puhelu"}
    )
    names = Employer.objects.order_by("name", "pk").values_list("name", flat=True)
    first, last = names[0], names[world.last_page * EMPLOYERS_PER_PAGE]
    found = names.filter(name__icontains=SEARCH_WORD)[0]  # the search's first result
    pages = [
        Scenario("floor", "/bench/floor/", b"floor"),
        # The same view outside ATOMIC_REQUESTS' transaction: the difference is the connection
        # health check that entering the transaction costs every request (devtools/views.py).
        Scenario("floor_no_transaction", "/bench/floor/no-transaction/", b"floor"),
        Scenario("static", "/static/css/kumppani.css", b".bg-brand"),
        Scenario("employer_list_p1", "/employers/", first.encode(), teacher),
        Scenario("employer_list_deep", f"/employers/?page={world.last_page + 1}", last.encode(), teacher),
        Scenario(
            "employer_list_search",
            f"/employers/?q={SEARCH_WORD.lower()}",
            found.encode(),
            teacher,
        ),
        Scenario("employer_page", f"/employers/{employer.pk}/", employer.name.encode(), teacher),
        Scenario(
            "contact_log_post",
            f"/employers/{employer.pk}/contacts/",
            b"Kuormitustesti: puhelu",
            post_cookie,
            method="POST",
            body=contact,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "X-CSRFToken": token,
                "HX-Request": "true",
                "HX-Target": "contact-form",
            },
        ),
        Scenario("agreement_list", "/agreements/", b"Opiskelija", teacher),
        Scenario("home", "/", b"Yritys 00000 Oy", teacher),  # the first of the teacher's employers
        Scenario("student_page", world.student.get_absolute_url(), b"Bench-osa (sivut)", teacher),
        Scenario("coordinator_dashboard", "/review/", b"data-chart", coordinator),
        # Counted anew for every request: each asks for the figures until a later day (in
        # the future, so the same figures and the same work), which no earlier one cached.
        Scenario(
            "coordinator_dashboard_counted", "/review/?end={day}", b"data-chart", coordinator, varies=True
        ),
        Scenario("brochure_cached", "/brochures/employer/fi/blue/", b"%PDF"),
        Scenario("admin_employer_changelist", "/admin/partnerships/employer/", b"Yritys", coordinator),
    ]
    return pages


def measure(base: str, scenario: Scenario, floor_rps: float | None) -> dict:
    # One request first, so that the sample shows the steady state the load measures (a
    # brochure's key remembered, templates compiled), whatever ran before: its query count
    # is then the same at every scale and on every run.
    settle()
    fetch(base, nth(scenario, 0))
    status, headers, body = fetch(base, nth(scenario, 1))
    honest = 200 <= status < 300 and scenario.marker in body
    figure = {"name": scenario.name, "queries": int(headers.get("X-Queries", -1))}
    if not honest:
        figure.update(
            rps=0.0, p50_ms=None, p95_ms=None, errors=1, note=f"sample answered {status} without its marker"
        )
        return figure
    figure.update(load(base, scenario))
    figure["ratio_to_floor"] = round(figure["rps"] / floor_rps, 3) if floor_rps else 1.0
    return figure


def page_figures(scale: float, *, log: Callable[[str], None]) -> list[dict]:
    if shutil.which("wrk") is None:
        raise RuntimeError("make bench needs wrk as its load generator: apt-get install -y wrk")
    world = seed(scale, log=log)
    brochures_prerender()  # brochure_cached measures the warm cache
    server = Server(server_env())
    try:
        figures = []
        floor_rps = None
        for scenario in scenarios(server.base, world):
            figure = measure(server.base, scenario, floor_rps)
            if scenario.name == "floor":
                floor_rps = figure["rps"] or None
                figure["ratio_to_floor"] = 1.0
                figure["cache"] = cache_measured()
            figures.append(figure)
            log(f"{figure['name']}: {figure.get('rps')} rps, {figure['queries']} queries")
        for figure in mixed_figures(server.base, world, floor_rps):
            figures.append(figure)
            log(f"{figure['name']}: {figure['rps']} rps, p95 {figure['p95_ms']} ms")
        return figures
    finally:
        server.stop()


def cold_render_figure() -> dict:
    """One brochure of each audience rendered without the cache, each in its own child
    process as a visitor's cold request would (WeasyPrint's start-up included)."""
    seconds = {}
    for audience in ("employer", "student", "teacher"):
        started = time.monotonic()
        [pdf] = brochure_render([Variant(DownloadKind.BROCHURE, audience, "fi", "blue")])
        seconds[audience] = round(time.monotonic() - started, 2)
        assert pdf.startswith(b"%PDF")
    return {"name": "brochure_cold_render", "seconds": seconds, "errors": 0}


def cache_measured() -> str:
    """The cache backend the pages were served from (the floor's figure names it)."""
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    return {"RedisCache": "redis", "FileBasedCache": "files"}.get(backend, backend)
