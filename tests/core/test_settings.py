"""config/settings.py reads the environment and stops with a message naming a bad variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 20 + "Q7v!x9#Lm2$Zp4&Rt6*Wy8(Bn0)Cd3^Fh5"


def load_settings(tmp_path, code: str = "print(settings.DEBUG)", **env) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "KUMPPANI_BASE_URL")
    }
    clean.update({"DJANGO_SETTINGS_MODULE": "config.settings", "KUMPPANI_VAR_DIR": str(tmp_path), **env})
    script = f"import django\nfrom django.conf import settings\ndjango.setup()\n{code}\n"
    return subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    "env, variable",
    [
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"DEBUG": "false"}, "SECRET_KEY"),
        ({"DEBUG": "false", "SECRET_KEY": STRONG_KEY}, "ALLOWED_HOSTS"),
        (
            {"DEBUG": "false", "SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "kumppani.example"},
            "KUMPPANI_BASE_URL",
        ),
        ({"DEBUG": "true", "KUMPPANI_BASE_URL": "kumppani.example"}, "KUMPPANI_BASE_URL"),
        ({"DEBUG": "true", "DATABASE_URL": "nosuchdb://localhost/x"}, "DATABASE_URL"),
        ({"DEBUG": "true", "EMAIL_PORT": "twenty-five"}, "EMAIL_PORT"),
        ({"DEBUG": "true", "SESSION_COOKIE_AGE": "-5"}, "SESSION_COOKIE_AGE"),
    ],
)
def test_a_bad_value_stops_the_start_with_a_message_naming_the_variable(tmp_path, env, variable):
    result = load_settings(tmp_path, **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr.strip().splitlines()[-1]


def test_development_generates_a_secret_key_once_and_keeps_it(tmp_path):
    first = load_settings(tmp_path, "print(settings.SECRET_KEY)", DEBUG="true")
    second = load_settings(tmp_path, "print(settings.SECRET_KEY)", DEBUG="true")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert len(first.stdout.strip()) >= 50
    assert (tmp_path / "secret_key").read_text().strip() == first.stdout.strip()


def test_the_default_database_is_sqlite_under_var(tmp_path):
    result = load_settings(tmp_path, "print(settings.DATABASES['default']['NAME'])", DEBUG="true")
    assert result.stdout.strip() == str(tmp_path / "kumppani.sqlite3")


def test_database_url_selects_postgresql(tmp_path):
    result = load_settings(
        tmp_path,
        "d = settings.DATABASES['default']; print(d['ENGINE'], d['HOST'], d['NAME'])",
        DEBUG="true",
        DATABASE_URL="postgres://kumppani@db.example:5432/kumppani",
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "db.example", "kumppani"]


def test_production_takes_its_base_url_from_the_environment(tmp_path):
    result = load_settings(
        tmp_path,
        "print(settings.KUMPPANI_BASE_URL)",
        DEBUG="false",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="kumppani.example",
        KUMPPANI_BASE_URL="https://kumppani.example/",
    )
    assert result.stdout.strip() == "https://kumppani.example", result.stderr


def test_development_links_point_at_the_local_server_by_default(tmp_path):
    result = load_settings(tmp_path, "print(settings.KUMPPANI_BASE_URL)", DEBUG="true")
    assert result.stdout.strip() == "http://127.0.0.1:8000", result.stderr


def test_production_settings_pass_check_deploy_with_zero_warnings(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "KUMPPANI_VAR_DIR": str(tmp_path),
            "DEBUG": "false",
            "SECRET_KEY": STRONG_KEY,
            "ALLOWED_HOSTS": "kumppani.example",
            "KUMPPANI_BASE_URL": "https://kumppani.example",
        }
    )
    for name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_an_s3_bucket_puts_the_logo_and_the_brochures_in_the_object_store(tmp_path):
    code = (
        "from django.core.files.storage import storages\n"
        "for alias in ('default', 'brochures'):\n"
        "    s = storages[alias]\n"
        "    print(type(s).__name__, s.bucket_name, s.location, s.endpoint_url, s.addressing_style)"
    )
    result = load_settings(
        tmp_path,
        code,
        DEBUG="true",
        KUMPPANI_S3_BUCKET="kumppani-files",
        KUMPPANI_S3_PREFIX="/opisto/",
        KUMPPANI_S3_ENDPOINT_URL="https://s3.example.fi",
        KUMPPANI_S3_ADDRESSING_STYLE="path",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "S3Storage kumppani-files opisto/media https://s3.example.fi path",
        "S3Storage kumppani-files opisto/brochures https://s3.example.fi path",
    ]


def test_without_a_bucket_the_files_stay_in_folders_under_var(tmp_path):
    code = (
        "from django.core.files.storage import storages\n"
        "print(storages['default'].location)\nprint(storages['brochures'].location)"
    )
    result = load_settings(tmp_path, code, DEBUG="true")
    assert result.stdout.splitlines() == [str(tmp_path / "media"), str(tmp_path / "brochures")]


def test_a_bad_s3_addressing_style_stops_the_start(tmp_path):
    result = load_settings(
        tmp_path, DEBUG="true", KUMPPANI_S3_BUCKET="b", KUMPPANI_S3_ADDRESSING_STYLE="sideways"
    )
    assert result.returncode != 0 and "KUMPPANI_S3_ADDRESSING_STYLE" in result.stderr
