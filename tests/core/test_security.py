"""Headers and login throttling (the trust issue's first steps)."""

import pytest
from django.urls import reverse

from ..factories import UserFactory

PASSWORD = "oikea-salasana-2026"


@pytest.fixture
def user(db):
    from django.contrib.auth.models import Group

    user = UserFactory(username="tiina", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Teacher"))
    return user


def login(client, ip, password):
    return client.post(reverse("login"), {"username": "tiina", "password": password}, REMOTE_ADDR=ip)


def test_login_is_throttled_on_username_and_ip_together(user, client):
    statuses = [login(client, "10.0.0.1", "väärä").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks
    locked = login(client, "10.0.0.1", PASSWORD)
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode() or "Liian" in locked.content.decode()
    # The same user from elsewhere is not locked out by the attacker's attempts.
    from django.test import Client

    elsewhere = login(Client(), "10.0.0.2", PASSWORD)
    assert elsewhere.status_code == 302


def test_a_failed_login_says_so_and_keeps_the_username(user, client):
    html = login(client, "10.0.0.3", "väärä").content.decode()
    assert 'value="tiina"' in html


def test_pages_carry_a_strict_content_security_policy(user, client):
    client.force_login(user)
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_no_template_has_inline_script_or_style():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    offenders = []
    for path in root.rglob("*.html"):
        if path.name == "500.html" or "pdf" in path.parts or "emails" in path.parts:
            continue  # the bare error page, PDFs and e-mails are not served under the CSP
        text = path.read_text()
        if "style=" in text or "<style" in text or "onclick=" in text or "<script>" in text:
            offenders.append(str(path))
        if "<script" in text and "src=" not in text.split("<script", 1)[1].split(">", 1)[0]:
            offenders.append(str(path))
    assert not offenders
