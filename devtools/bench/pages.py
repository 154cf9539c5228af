"""`make bench`: the page figures. Seed a large data set, serve the app with gunicorn (2
workers, DEBUG off) and load each page with wrk from a second process, side by side with a
bare Django view behind the same middleware (the floor), a static file and the Django admin.

Every figure is honest about what it measured: one sample request is checked for a marker of
real content before the load, and its X-Queries header (present only with KUMPPANI_BENCH)
gives the queries of that same request. A non-2xx answer during the load is an error.
"""

import datetime
import http.cookiejar
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction
from django.utils import timezone

from core.models import Role, StudentGroup, Unit, User
from partnerships.models import (
    Agreement,
    Contact,
    ContactPerson,
    Employer,
    Qualification,
    QualificationUnit,
    Student,
    WorkPeriod,
    Workplace,
)
from partnerships.validators import nth_business_id
from partnerships.views.crm import EMPLOYERS_PER_PAGE

# Defaults at SCALE=1 (issue 8): 5,000 employers, 15,000 contact persons, 20,000 students,
# 50,000 contacts and 20,000 agreements.
SIZES = {"employers": 5_000, "people": 15_000, "students": 20_000, "contacts": 50_000, "agreements": 20_000}
SEARCH_WORD = "Kumppanuuspaja"  # in 1 % of the employers' names
MUNICIPALITIES = [
    "Tampere",
    "Jyväskylä",
    "Oulu",
    "Turku",
    "Vaasa",
    "Kuopio",
    "Lahti",
    "Pori",
    "Espoo",
    "Joensuu",
]
WRK_SECONDS = 5
WRK_CONNECTIONS = 8
PASSWORD = "bench-only"
TEACHERS = 16  # the mixed figures' teachers, each with a session of their own, and a coordinator


@dataclass
class World:
    teacher: User
    coordinator: User
    employer: Employer
    last_page: int
    teachers: list[User] = field(default_factory=list)
    student: Student | None = None


def bench_unit(name_fi: str) -> QualificationUnit:
    """A local unit of study of the first qualification, for the benchmark's work periods."""
    unit, _created = QualificationUnit.objects.get_or_create(
        qualification=Qualification.objects.order_by("pk").first(),
        name_fi=name_fi,
        defaults={"name_sv": "Bench-del", "name_en": "Bench unit", "is_local": True},
    )
    return unit


def seed(scale: float, *, log: Callable[[str], None]) -> World:
    sizes = {key: max(int(value * scale), 50) for key, value in SIZES.items()}
    rng = random.Random(2026)
    started = time.monotonic()
    with transaction.atomic():
        teacher = User.objects.create_user(
            "bench-teacher", password=PASSWORD, first_name="Tiina", last_name="Testi"
        )
        colleagues = [
            User.objects.create_user(
                f"bench-teacher-{i:02d}", password=PASSWORD, first_name="Opettaja", last_name=f"{i:02d}"
            )
            for i in range(2, TEACHERS + 1)
        ]
        Group.objects.get(name=Role.TEACHER).user_set.add(teacher, *colleagues)
        coordinator = User.objects.create_user(
            "bench-coordinator", password=PASSWORD, is_staff=True, is_superuser=True, first_name="Kaisa"
        )
        coordinator.groups.add(Group.objects.get(name=Role.COORDINATOR))
        unit = Unit.objects.order_by("pk").first() or Unit.objects.create(name="Bench")
        group = StudentGroup.objects.create(name="BENCH1", unit=unit)
        group.teachers.add(teacher)
        # Each colleague teaches a group of their own: their lists and home pages have rows.
        colleague_groups = []
        for i, colleague in enumerate(colleagues):
            colleague_groups.append(StudentGroup.objects.create(name=f"BENCH{i + 2}", unit=unit))
            colleague_groups[-1].teachers.add(colleague)

        def owner(i: int) -> User:
            """The bench teacher every 4th, a colleague every 4th, the coordinator the rest."""
            return (
                teacher if i % 4 == 0 else colleagues[i // 4 % len(colleagues)] if i % 4 == 2 else coordinator
            )

        employers = Employer.objects.bulk_create(
            [
                Employer(
                    name=f"{SEARCH_WORD} {i} Oy" if i % 100 == 7 else f"Yritys {i:05d} Oy",
                    business_id=nth_business_id(i, start=2_000_000),  # the sweep uses 1,000,000 up
                    sector=rng.choice("CFGHIJMNQ"),
                    account_owner=owner(i),
                )
                for i in range(sizes["employers"])
            ],
            batch_size=2000,
        )
        workplaces = Workplace.objects.bulk_create(
            [
                Workplace(employer=e, name=e.name, municipality=MUNICIPALITIES[i % 10])
                for i, e in enumerate(employers)
            ],
            batch_size=2000,
        )
        people = ContactPerson.objects.bulk_create(
            [
                ContactPerson(
                    employer=employers[i % len(employers)],
                    workplace=workplaces[i % len(employers)],
                    first_name="Henkilö",
                    last_name=f"{i}",
                    email=f"p{i}@bench.example",
                    is_instructor=i % 3 == 0,
                )
                for i in range(sizes["people"])
            ],
            batch_size=2000,
        )
        students = Student.objects.bulk_create(
            [
                Student(
                    first_name="Opiskelija",
                    last_name=f"{i}",
                    student_number=f"P{i}",
                    group=group
                    if i % 5 == 0
                    else colleague_groups[i // 5 % len(colleague_groups)]
                    if i % 5 == 1
                    else None,
                )
                for i in range(sizes["students"])
            ],
            batch_size=2000,
        )
        today = timezone.localdate()
        Contact.objects.bulk_create(
            [
                Contact(
                    employer=employers[i % len(employers)],
                    author=(teacher if i % 4 == 1 else colleagues[i // 4 % len(colleagues)])
                    if i % 2
                    else coordinator,
                    channel=rng.choice(["phone", "email", "visit", "meeting"]),
                    summary=f"Yhteydenotto {i}: sovittiin seuraavista työpaikkajaksoista.",
                    date=today - datetime.timedelta(days=rng.randrange(0, 700)),
                )
                for i in range(sizes["contacts"])
            ],
            batch_size=2000,
        )
        unit_of_study = bench_unit("Bench-osa (sivut)")
        instructors = [p for p in people if p.is_instructor]
        by_employer = {p.employer_id: p for p in instructors}
        agreements = []
        for i in range(sizes["agreements"]):
            place = workplaces[(i * 7) % len(workplaces)]
            agreements.append(
                Agreement(
                    type="training",
                    student=students[i % len(students)],
                    workplace=place,
                    instructor=by_employer.get(place.employer_id),
                    responsible_teacher=teacher
                    if i % 10 == 0
                    else colleagues[i // 10 % len(colleagues)]
                    if i % 10 == 2
                    else coordinator,
                    created_by=coordinator,
                    hoks_reference=f"H{i}",
                    days_per_week=Decimal(4),
                    status="signed",
                )
            )
        agreements = Agreement.objects.bulk_create(agreements, batch_size=2000)
        WorkPeriod.objects.bulk_create(
            [
                WorkPeriod(
                    agreement=a,
                    unit=unit_of_study,
                    start=today - datetime.timedelta(days=rng.randrange(0, 200)),
                    end=today + datetime.timedelta(days=rng.randrange(1, 200)),
                    part_time_percent=100,
                )
                for a in agreements
            ],
            batch_size=2000,
        )
    # A production database has planner statistics (autovacuum); fresh bulk inserts do not.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log(f"seeded {sizes} in {time.monotonic() - started:.1f} s")
    return World(
        teacher=teacher,
        coordinator=coordinator,
        # One in the middle that the teacher owns (i % 4 == 0) whatever the scale, so that the
        # page shows the same sections, and runs the same queries, at SCALE=0.1 and 1.
        employer=employers[len(employers) // 8 * 4],
        last_page=max((len(employers) + EMPLOYERS_PER_PAGE - 1) // EMPLOYERS_PER_PAGE - 1, 1),
        teachers=[teacher, *colleagues],
        student=students[0],  # in the bench teacher's group, with an agreement and its period
    )


def session_cookie(user: User) -> str:
    """A signed-in session created directly (no login request, so no throttling)."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


@dataclass
class Scenario:
    name: str
    path: str
    marker: bytes
    cookie: str = ""
    method: str = "GET"
    body: str = ""
    headers: dict = field(default_factory=dict)
    # "{day}" in the path: a later day for each request (see DAY_ZERO), so that none of them
    # finds what an earlier one cached.
    varies: bool = False


DAY_ZERO = datetime.date(2100, 1, 1)  # far beyond any data: the same figures whatever the day


def nth(scenario: Scenario, n: int) -> Scenario:
    if not scenario.varies:
        return scenario
    day = (DAY_ZERO + datetime.timedelta(days=n)).isoformat()
    return Scenario(**{**scenario.__dict__, "path": scenario.path.replace("{day}", day)})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with 2 sync workers, DEBUG off, on the benchmark database."""

    def __init__(self, env: dict):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "2",
             "--bind", f"127.0.0.1:{self.port}", "--access-logfile", "/dev/null",
             "--error-logfile", "-", "--log-level", "warning"],
            env=env,
            cwd=settings.BASE_DIR,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.base}/bench/floor/", timeout=2).read()
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


def fetch(base: str, scenario: Scenario) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(
        base + scenario.path,
        data=scenario.body.encode() if scenario.method == "POST" else None,
        method=scenario.method,
        headers={**({"Cookie": scenario.cookie} if scenario.cookie else {}), **scenario.headers},
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# Every non-2xx answer is an error (a 403 for a refused CSRF token, a 302 to the login page).
WRK_SUMMARY = """
errors = 0  -- a global of each thread, read by done() through thread:get
function response(status, headers, body)
  if status < 200 or status > 299 then errors = errors + 1 end
end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + (thread:get("errors") or 0) end
  io.write(string.format(
    'WRK {"requests": %%d, "seconds": %%f, "p50_us": %%d, "p95_us": %%d, "errors": %%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(95), total))
end
"""
WRK_SCRIPT = (
    """
wrk.method = %(method)s
wrk.body = %(body)s
%(headers)s
"""
    + WRK_SUMMARY
)


def lua_string(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid Lua string literal for our inputs


# The requests of a varying scenario: day 0 and 1 were the warm-up and the sample.
VARYING_REQUEST = """
local n = 1
function request()
  n = n + 1
  local path = %(path)s:gsub("{day}", os.date("!%%Y-%%m-%%d", %(day_zero)d + n * 86400))
  return wrk.format(nil, path)
end
"""


def wrk_script(scenario: Scenario) -> str:
    headers = {**scenario.headers}
    if scenario.cookie:
        headers["Cookie"] = scenario.cookie
    lines = "\n".join(f"wrk.headers[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items())
    script = WRK_SCRIPT % {
        "method": lua_string(scenario.method),
        "body": lua_string(scenario.body) if scenario.body else "nil",
        "headers": lines,
    }
    if scenario.varies:
        day_zero = int(datetime.datetime.combine(DAY_ZERO, datetime.time(), datetime.UTC).timestamp())
        script += VARYING_REQUEST % {"path": f"({lua_string(scenario.path)})", "day_zero": day_zero}
    return script


def parse_wrk(output: str) -> dict:
    match = re.search(r"^WRK (\{.*\})$", output, re.MULTILINE)
    if not match:
        raise RuntimeError(f"wrk gave no summary: {output[-500:]}")
    data = json.loads(match.group(1))
    return {
        "rps": round(data["requests"] / data["seconds"], 1),
        "p50_ms": round(data["p50_us"] / 1000, 2),
        "p95_ms": round(data["p95_us"] / 1000, 2),
        "errors": data["errors"],
    }


def load(base: str, scenario: Scenario, seconds: int = WRK_SECONDS) -> dict:
    return run_wrk(base + scenario.path, wrk_script(scenario), seconds)


def csrf_for(base: str, cookie: str, path: str) -> tuple[str, str]:
    """A CSRF token and the cookie that goes with it, from a page with a form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    request = urllib.request.Request(base + path, headers={"Cookie": cookie})
    html = opener.open(request, timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    csrf_cookie = next(c.value for c in jar if c.name == settings.CSRF_COOKIE_NAME)
    return token, f"{cookie}; {settings.CSRF_COOKIE_NAME}={csrf_cookie}"


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


# wrk stops with requests still in the server's queue: they finish first, so that the last
# POSTs of one figure do not change the data under the next figure's sample.
SETTLE_SECONDS = 1.5


def measure(base: str, scenario: Scenario, floor_rps: float | None) -> dict:
    # One request first, so that the sample shows the steady state the load measures (a
    # brochure's key remembered, templates compiled), whatever ran before: its query count
    # is then the same at every scale and on every run.
    time.sleep(SETTLE_SECONDS)
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


def server_env() -> dict:
    env = dict(os.environ)
    env.update(
        DEBUG="false",
        KUMPPANI_BENCH="true",
        SECRET_KEY=env.get("SECRET_KEY", "bench-only-not-secret"),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        KUMPPANI_BASE_URL=env.get("KUMPPANI_BASE_URL", "http://127.0.0.1:8000"),
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
    )
    return env


# The mixed figures: a school day's traffic. Every session is a signed-in person of their own
# (16 teachers and a coordinator), taken in turn for each request over the 8 connections; the
# Lua script then draws, with a fixed seed, what that person asks for: a contact logged on a
# random employer with probability `writes`, otherwise a page by these weights (percent).
MIX_SECONDS = 10
MIX_SEED = 19
TEACHER_MIX = {
    "home": 15,
    "employer_list": 20,
    "employer_search": 15,
    "employer_page": 35,
    "agreement_list": 15,
}
COORDINATOR_MIX = {
    "dashboard": 30,
    "home": 10,
    "employer_list": 20,
    "employer_page": 25,
    "agreement_list": 15,
}
MIXES = {"mixed_read_only": 0.0, "mixed_writes_2pct": 0.02, "mixed_writes_10pct": 0.10}
MIX_SEARCHES = (SEARCH_WORD.lower(), "yritys 01", "yritys 002", "oy 7")
MIX_SUMMARY = "Kuormitustesti: päivän puhelu"

MIX_SCRIPT = """
math.randomseed(%(seed)d)
local sessions = %(sessions)s
local mixes = %(mixes)s
local employers = %(employers)s
local searches = %(searches)s
local last_page = %(last_page)d
local writes = %(writes)s
local contact = %(contact)s
local turn = 0
local function pick(mix)
  local r = math.random() * 100
  for _, entry in ipairs(mix) do
    r = r - entry[2]
    if r < 0 then return entry[1] end
  end
  return mix[#mix][1]
end
function request()
  turn = turn %% #sessions + 1
  local session = sessions[turn]
  local headers = {Cookie = session.cookie}
  local employer = employers[math.random(#employers)]
  if math.random() < writes then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    headers["X-CSRFToken"] = session.token
    headers["HX-Request"] = "true"
    headers["HX-Target"] = "contact-form"
    return wrk.format("POST", "/employers/" .. employer .. "/contacts/", headers, contact)
  end
  local kind = pick(mixes[session.mix])
  local path = "/"
  if kind == "employer_list" then path = "/employers/?page=" .. math.random(last_page + 1)
  elseif kind == "employer_search" then path = "/employers/?q=" .. searches[math.random(#searches)]
  elseif kind == "employer_page" then path = "/employers/" .. employer .. "/"
  elseif kind == "agreement_list" then path = "/agreements/"
  elseif kind == "dashboard" then path = "/review/"
  end
  return wrk.format("GET", path, headers)
end
"""
MIX_SCRIPT += WRK_SUMMARY


def lua_table(items) -> str:
    """A Lua table of strings, numbers and tables (dicts become records)."""
    if isinstance(items, dict):
        return "{" + ", ".join(f"[{lua_string(k)}] = {lua_table(v)}" for k, v in items.items()) + "}"
    if isinstance(items, (list, tuple)):
        return "{" + ", ".join(lua_table(v) for v in items) + "}"
    if isinstance(items, str):
        return lua_string(items)
    return repr(items)


@dataclass
class Person:
    """One signed-in session of the mix: its cookies, its CSRF token and its mix (1 teacher,
    2 coordinator)."""

    cookie: str
    token: str
    mix: int


def mix_people(base: str, world: World) -> list[Person]:
    people = []
    for user, mix in [*((t, 1) for t in world.teachers), (world.coordinator, 2)]:
        token, cookie = csrf_for(base, session_cookie(user), "/")
        people.append(Person(cookie, token, mix))
    return people


def mix_script(people: list[Person], employer_ids: list[int], last_page: int, writes: float) -> str:
    contact = urllib.parse.urlencode(
        {"date": timezone.localdate().isoformat(), "channel": "phone", "summary": MIX_SUMMARY}
    )
    return MIX_SCRIPT % {
        "seed": MIX_SEED,
        "sessions": lua_table([{"cookie": p.cookie, "token": p.token, "mix": p.mix} for p in people]),
        "mixes": lua_table([list(TEACHER_MIX.items()), list(COORDINATOR_MIX.items())]),
        "employers": lua_table(employer_ids),
        "searches": lua_table([urllib.parse.quote_plus(q) for q in MIX_SEARCHES]),
        "last_page": last_page,
        "writes": repr(writes),
        "contact": lua_string(contact),
    }


def mix_samples(base: str, people: list[Person], employer_id: int, last_page: int) -> dict:
    """One request of each kind, as a teacher and as the coordinator, each checked for its
    content; its query count is the figure's `queries` for that kind."""
    teacher, coordinator = people[0], people[-1]
    kinds = {
        "home": ("/", teacher, b"Yritys 00000 Oy"),
        "employer_list": (f"/employers/?page={last_page + 1}", teacher, b"employer-row"),
        "employer_search": (
            f"/employers/?q={urllib.parse.quote_plus(MIX_SEARCHES[0])}",
            teacher,
            b"employer-row",
        ),
        "employer_page": (f"/employers/{employer_id}/", teacher, b"timeline-entry"),
        "agreement_list": ("/agreements/", teacher, b"kp-progress"),
        "dashboard": ("/review/", coordinator, b"data-chart"),
    }
    queries = {}
    for kind, (path, person, marker) in kinds.items():
        status, headers, body = fetch(base, Scenario(kind, path, marker, person.cookie))
        if not (200 <= status < 300 and marker in body):
            raise RuntimeError(f"the mix's {kind} sample answered {status} without its marker")
        queries[kind] = int(headers.get("X-Queries", -1))
    # Every session's own token must be accepted: one contact logged each, before the load.
    for person in people:
        scenario = Scenario(
            "contact",
            f"/employers/{employer_id}/contacts/",
            MIX_SUMMARY.encode(),
            person.cookie,
            method="POST",
            body=urllib.parse.urlencode(
                {"date": timezone.localdate().isoformat(), "channel": "phone", "summary": MIX_SUMMARY}
            ),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "X-CSRFToken": person.token,
                "HX-Request": "true",
                "HX-Target": "contact-form",
            },
        )
        status, headers, body = fetch(base, scenario)
        if not (200 <= status < 300 and scenario.marker in body):
            raise RuntimeError(f"a mix session's contact POST answered {status} without its marker")
        queries["contact"] = int(headers.get("X-Queries", -1))
    return queries


def run_wrk(url: str, script_text: str, seconds: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(script_text)
    try:
        result = subprocess.run(
            ["wrk", "-t1", f"-c{WRK_CONNECTIONS}", f"-d{seconds}s", "-s", script.name, url],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=False,
        )
    finally:
        os.unlink(script.name)
    return parse_wrk(result.stdout)


def mixed_figures(base: str, world: World, floor_rps: float | None) -> list[dict]:
    people = mix_people(base, world)
    employer_ids = list(Employer.objects.order_by("pk").values_list("pk", flat=True))
    queries = mix_samples(base, people, world.employer.pk, world.last_page)
    logged = Contact.objects.filter(summary=MIX_SUMMARY)
    figures = []
    for name, writes in MIXES.items():
        time.sleep(SETTLE_SECONDS)
        before = logged.count()
        figure = {"name": name, "queries": queries, "sessions": len(people), "seed": MIX_SEED}
        figure["weights"] = {"writes": writes, "teacher": TEACHER_MIX, "coordinator": COORDINATOR_MIX}
        figure.update(
            run_wrk(base + "/", mix_script(people, employer_ids, world.last_page, writes), MIX_SECONDS)
        )
        time.sleep(SETTLE_SECONDS)
        figure["contacts_logged"] = logged.count() - before
        figure["ratio_to_floor"] = round(figure["rps"] / floor_rps, 3) if floor_rps else 1.0
        figures.append(figure)
    return figures


def page_figures(scale: float, *, log: Callable[[str], None]) -> list[dict]:
    if shutil.which("wrk") is None:
        raise RuntimeError("make bench needs wrk as its load generator: apt-get install -y wrk")
    world = seed(scale, log=log)
    from brochures.services import brochures_prerender

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
    from brochures.models import DownloadKind
    from brochures.services import Variant, brochure_render

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


def output_path() -> Path:
    return Path(settings.VAR_DIR) / "bench" / "latest.json"
