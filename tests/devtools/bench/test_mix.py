"""The mixed figures: every session its own, the weights as reported, the writes counted."""

import pytest

from devtools.bench import mix, seed
from devtools.bench.wrk import lua_string

pytestmark = pytest.mark.django_db


def test_each_mix_draws_its_pages_by_weights_that_add_up_to_all_requests():
    assert sum(mix.TEACHER_MIX.values()) == 100
    assert sum(mix.COORDINATOR_MIX.values()) == 100
    assert "dashboard" in mix.COORDINATOR_MIX and "dashboard" not in mix.TEACHER_MIX
    assert mix.MIXES == {"mixed_read_only": 0.0, "mixed_writes_2pct": 0.02, "mixed_writes_10pct": 0.1}


def test_the_mix_script_gives_every_session_its_own_cookie_and_token_and_a_fixed_seed():
    people = [mix.Person(f"sessionid=s{i}; csrftoken=c{i}", f"token{i}", 1) for i in range(16)]
    people.append(mix.Person("sessionid=boss; csrftoken=cb", "tokenboss", 2))
    script = mix.mix_script(people, [11, 12, 13], last_page=7, writes=0.02)
    for person in people:
        assert lua_string(person.cookie) in script and lua_string(person.token) in script
    assert f"math.randomseed({mix.MIX_SEED})" in script
    assert "local writes = 0.02" in script and "local employers = {11, 12, 13}" in script
    assert "local last_page = 7" in script
    assert '{"dashboard", 30}' in script  # the coordinator's weights, as the JSON reports them
    assert 'headers["X-CSRFToken"] = session.token' in script
    assert "if status < 200 or status > 299 then errors = errors + 1 end" in script


def test_a_mixed_figure_reports_its_weights_its_writes_and_its_ratio_to_the_floor(monkeypatch, teacher):
    from partnerships.models import Contact

    from ...factories import ContactFactory

    world = seed.World(teacher=teacher, coordinator=teacher, employer=None, last_page=3)
    monkeypatch.setattr(mix, "mix_people", lambda base, world: [mix.Person("c", "t", 1)] * 17)
    monkeypatch.setattr(mix, "mix_samples", lambda *args: {"home": 5, "contact": 12})
    world.employer = ContactFactory().employer

    def wrk(url, script, seconds):
        ContactFactory(summary=mix.MIX_SUMMARY)  # the load logged one contact
        return {"rps": 150.0, "p50_ms": 20.0, "p95_ms": 60.0, "errors": 0}

    monkeypatch.setattr(mix, "run_wrk", wrk)
    figures = mix.mixed_figures("http://x", world, 1000.0)
    assert [f["name"] for f in figures] == list(mix.MIXES)
    assert figures[1]["weights"] == {
        "writes": 0.02,
        "teacher": mix.TEACHER_MIX,
        "coordinator": mix.COORDINATOR_MIX,
    }
    assert all(f["contacts_logged"] == 1 and f["ratio_to_floor"] == 0.15 for f in figures)
    assert figures[0]["sessions"] == 17 and figures[0]["queries"] == {"home": 5, "contact": 12}
    assert Contact.objects.filter(summary=mix.MIX_SUMMARY).count() == 3
