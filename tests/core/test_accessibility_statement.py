"""The accessibility statement tells the truth: it lists the known shortcomings with the day
each was found, in fi, sv and en, and says how to report one."""

import re

import pytest
from django.urls import reverse

from core.models import Institution

URL = reverse("core:accessibility_statement")
DATED = re.compile(r"(2\.12\.2026|2 December 2026)")


@pytest.fixture
def institution(db):
    institution = Institution.current()
    institution.email = "saavutettavuus@opisto.example"
    institution.save()
    return institution


@pytest.mark.parametrize(
    ("language", "partially", "none_known"),
    [
        ("fi", "täyttää vaatimukset osittain", "emme tiedä"),
        ("sv", "uppfyller kraven delvis", "vi känner inte till"),
        ("en", "meets the requirements partially", "We know of no content"),
    ],
)
def test_the_statement_lists_each_known_shortcoming_with_its_date_in_each_language(
    anonymous_client, institution, language, partially, none_known
):
    response = anonymous_client.get(URL, headers={"Accept-Language": language})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'lang="{language}"' in html
    assert partially in html
    assert none_known.lower() not in html.lower()  # no longer claims there is nothing
    known = html.split('id="known-issues"', 1)[1].split("</ul>", 1)[0]
    items = re.findall(r"<li>(.*?)</li>", known, flags=re.S)
    assert len(items) == 4
    assert all(DATED.search(item) for item in items), items
    assert "WCAG 1.3.1" in known
    # How to report one: the institution's address, and the supervisory authority.
    assert 'href="mailto:saavutettavuus@opisto.example"' in html
    assert "saavutettavuusvaatimukset.fi" in html
