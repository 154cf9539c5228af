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
    response = client.get(reverse("partnerships:home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "nonce-" not in policy  # only the brochure previews allow their one <style>
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_no_template_has_inline_script_or_style():
    """Nothing inline that the CSP would have to allow for every page. The one exception is a
    <style> carrying the request's nonce (the brochure previews' colours), which the CSP allows
    only on the views that add the nonce to style-src (tests/brochures/test_preview.py)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    offenders = []
    for path in root.rglob("*.html"):
        if path.name == "500.html" or "pdf" in path.parts or "emails" in path.parts:
            continue  # the bare error page, PDFs and e-mails are not served under the CSP
        text = path.read_text().replace('<style nonce="{{ request.csp_nonce }}">', "")
        if "style=" in text or "<style" in text or "onclick=" in text or "<script>" in text:
            offenders.append(str(path))
        if "<script" in text and "src=" not in text.split("<script", 1)[1].split(">", 1)[0]:
            offenders.append(str(path))
    assert not offenders


def login_via_proxy(client, forwarded_for, password):
    """Through the documented nginx: REMOTE_ADDR is the proxy, the client is in X-Forwarded-For."""
    return client.post(
        reverse("login"),
        {"username": "tiina", "password": password},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_a_proxy_two_clients_are_locked_out_separately(user, settings):
    from django.test import Client

    settings.KUMPPANI_PROXY_COUNT = 1
    attacker, teacher = Client(), Client()
    statuses = [login_via_proxy(attacker, "198.51.100.7", "väärä").status_code for _ in range(5)]
    assert statuses[-1] == 429
    # Same proxy, same username, another client: not locked out by the attacker.
    assert login_via_proxy(teacher, "203.0.113.5", PASSWORD).status_code == 302


def test_a_forged_x_forwarded_for_entry_does_not_change_the_lockout_key(user, settings):
    from django.test import Client

    settings.KUMPPANI_PROXY_COUNT = 1
    for _ in range(5):
        login_via_proxy(Client(), "198.51.100.7", "väärä")
    # The attacker puts a made-up address first; nginx appends the real one on the right.
    forged = login_via_proxy(Client(), "203.0.113.5, 198.51.100.7", PASSWORD)
    assert forged.status_code == 429


def test_without_a_proxy_setting_x_forwarded_for_is_not_trusted(user, settings):
    from django.test import Client

    settings.KUMPPANI_PROXY_COUNT = 0
    for number in range(5):
        # Each attempt claims another address: all of them count against the real one.
        login_via_proxy(Client(), f"198.51.100.{number}", "väärä")
    assert login_via_proxy(Client(), "203.0.113.5", PASSWORD).status_code == 429


@pytest.mark.parametrize(
    ("count", "forwarded_for", "expected"),
    [
        (0, "198.51.100.7", "10.0.0.1"),
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "203.0.113.5, 198.51.100.7", "198.51.100.7"),
        (2, "203.0.113.5, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        (2, "198.51.100.7", "10.0.0.1"),  # fewer entries than proxies: not through ours
        (1, "not-an-address", "10.0.0.1"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_is_the_entry_our_outermost_proxy_added(
    settings, rf, count, forwarded_for, expected
):
    from core.ratelimit import client_address

    settings.KUMPPANI_PROXY_COUNT = count
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)
    assert client_address(request) == expected
