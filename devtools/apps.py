from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """The demo seeder and the benchmark: installed with DEBUG or KUMPPANI_BENCH on, and in
    the tests, never in production (config/settings.py)."""

    name = "devtools"
