"""The systemd units in deploy/ and README.md's "Production deployment" say the same thing,
and the units are what a supervised production service needs."""

import re

import pytest

from .integration.machines import DEPLOY, ROOT, env_file, exec_start, unit_settings

UNITS = ("kumppani-web", "kumppani-worker", "kumppani-beat")


def production_section() -> str:
    readme = (ROOT / "README.md").read_text()
    return readme[readme.index("## Production deployment") :].split("\n## ", 1)[0]


@pytest.mark.parametrize("unit", UNITS)
def test_each_unit_is_supervised_restarted_and_limited(unit):
    service = unit_settings(unit)
    assert service["Restart"] == "always"
    assert service["User"] == service["Group"] == "kumppani"
    assert service["EnvironmentFile"] == "/etc/kumppani/kumppani.env"
    assert service["WorkingDirectory"] == "/srv/kumppani/app"
    assert service["ReadWritePaths"] == "/var/lib/kumppani" and service["ProtectSystem"] == "strict"
    for limit in ("LimitNOFILE", "MemoryMax", "TasksMax", "TimeoutStopSec"):
        assert service[limit]


@pytest.mark.parametrize("unit", UNITS)
def test_the_readme_shows_each_units_command_as_the_unit_runs_it(unit):
    assert unit_settings(unit)["ExecStart"] in production_section()
    assert f"deploy/{unit}.service" in production_section()


@pytest.mark.parametrize("unit", UNITS)
def test_every_variable_a_unit_uses_is_in_the_example_environment(unit):
    example = env_file(DEPLOY / "kumppani.env.example")
    used = set(re.findall(r"\$\{(\w+)\}", unit_settings(unit)["ExecStart"]))
    assert used <= set(example)
    command = exec_start(unit, example)
    assert command[0].endswith(("/bin/gunicorn", "/bin/celery")) and "${" not in " ".join(command)


def test_the_worker_gets_celerys_host_name_placeholder_not_a_systemd_specifier():
    command = exec_start("kumppani-worker", env_file(DEPLOY / "kumppani.env.example"))
    assert "worker@%h" in command


def test_the_example_environment_names_rabbitmq_first_redis_as_cache_and_an_object_store():
    example = env_file(DEPLOY / "kumppani.env.example")
    assert example["CELERY_BROKER_URL"].startswith("amqp://")
    assert example["CACHE_URL"].startswith("redis://")
    assert example["KUMPPANI_S3_BUCKET"] and example["DEBUG"] == "false"
    assert example["KUMPPANI_VAR_DIR"] == "/var/lib/kumppani"
