"""The mixed figures: a school day's traffic of 16 teachers and a coordinator at once."""

import urllib.parse
from dataclasses import dataclass

from django.utils import timezone

from partnerships.models import Contact, Employer

from .client import Scenario, csrf_for, fetch, session_cookie
from .seed import SEARCH_WORD, World
from .server import settle
from .wrk import WRK_SUMMARY, lua_string, lua_table, run_wrk

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


def mixed_figures(base: str, world: World, floor_rps: float | None) -> list[dict]:
    people = mix_people(base, world)
    employer_ids = list(Employer.objects.order_by("pk").values_list("pk", flat=True))
    queries = mix_samples(base, people, world.employer.pk, world.last_page)
    logged = Contact.objects.filter(summary=MIX_SUMMARY)
    figures = []
    for name, writes in MIXES.items():
        settle()
        before = logged.count()
        figure = {"name": name, "queries": queries, "sessions": len(people), "seed": MIX_SEED}
        figure["weights"] = {"writes": writes, "teacher": TEACHER_MIX, "coordinator": COORDINATOR_MIX}
        figure.update(
            run_wrk(base + "/", mix_script(people, employer_ids, world.last_page, writes), MIX_SECONDS)
        )
        settle()
        figure["contacts_logged"] = logged.count() - before
        figure["ratio_to_floor"] = round(figure["rps"] / floor_rps, 3) if floor_rps else 1.0
        figures.append(figure)
    return figures
