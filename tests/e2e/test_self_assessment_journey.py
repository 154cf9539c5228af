"""A coordinator reads the self-assessment summary per level (the chart and its table, last
year beside this year's), on desktop and phone, and starts a co-development initiative from
the level with most to develop, the initiative form prefilled with the level's questions."""

import pytest
from playwright.sync_api import expect

from checkpoints.models import LevelQuestion, SelfAssessment, SelfAssessmentAnswer

from .conftest import DESKTOP, PHONE, assert_page_ok, log_in_as_new_coordinator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def assessments(db):
    this = SelfAssessment.objects.create(year=2026)
    last = SelfAssessment.objects.create(year=2025)
    for assessment, ratings in ((this, {"minimum": 4, "everyday": 2}), (last, {"minimum": 3, "everyday": 3})):
        for key, rating in ratings.items():
            for question in LevelQuestion.objects.filter(level__key=key):
                SelfAssessmentAnswer.objects.create(assessment=assessment, question=question, rating=rating)
    return this


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_summary_leads_to_an_initiative(page, live_server, assessments, problems, shot, viewport):
    page.set_viewport_size(viewport)
    log_in_as_new_coordinator(page, live_server)
    page.goto(f"{live_server.url}/self-assessment/")
    page.click(f"a[href$='/self-assessment/{assessments.pk}/summary/']")
    # Drawn: Chart.js sizes the canvas (its style) once it has run.
    expect(page.locator("canvas[data-chart=chart-self-assessment][style]")).to_have_count(1)
    expect(page.locator("tr[data-level=everyday]")).to_contain_text("2,00")
    expect(page.locator("tr[data-level=everyday]")).to_contain_text("-1,00")
    shot(page, f"self-assessment-summary-{'phone' if viewport == PHONE else 'desktop'}")
    assert_page_ok(page, problems, "self-assessment summary")
    page.click("[aria-labelledby=develop-heading] a.btn")
    expect(page.locator("#id_title")).to_have_value("Kumppanuuden tason kehittäminen: Arkipäivän kumppanuus")
    expect(page.locator("#id_starting_point")).to_contain_text("1. ")
    assert_page_ok(page, problems, "initiative form from the self-assessment")
