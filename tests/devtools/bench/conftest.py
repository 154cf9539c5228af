import pytest

from devtools.bench import server


@pytest.fixture(autouse=True)
def no_settling(monkeypatch):
    monkeypatch.setattr(server, "SETTLE_SECONDS", 0)
