"""Journey 4: a student answers the feedback link on a phone-sized screen, and so does the
workplace instructor where the institution has turned partner feedback on."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from core.models import Institution, Role
from partnerships.models import FeedbackRequest

from ..factories import UserFactory, training_agreement
from .conftest import PHONE, assert_page_ok

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FITS_WIDTH = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def requests_sent(db):
    Institution.objects.create(name="Järvilaakson ammattiopisto", partner_feedback=True)
    teacher = UserFactory(username="tiina")
    teacher.groups.add(Group.objects.get(name=Role.TEACHER))
    today = timezone.localdate()
    agreement = training_agreement(
        teacher=teacher, start=today - datetime.timedelta(days=40), end=today - datetime.timedelta(days=2)
    )
    period = agreement.work_periods.get()
    student = FeedbackRequest.objects.create(
        work_period=period, respondent="student", student=agreement.student, email="s@opisto.example"
    )
    instructor = FeedbackRequest.objects.create(
        work_period=period,
        respondent="instructor",
        person=agreement.instructor,
        email="o@yritys.example",
        language="sv",
    )
    return student, instructor


@pytest.mark.parametrize("who", ["student", "instructor"])
def test_the_feedback_link_is_answered_on_a_phone(
    browser, browser_context_args, live_server, requests_sent, who, shot
):
    feedback = requests_sent[0] if who == "student" else requests_sent[1]
    context = browser.new_context(**{**browser_context_args, "viewport": PHONE})
    try:
        page = context.new_page()
        from .conftest import watch

        problems = watch(page)
        page.goto(f"{live_server.url}/f/{feedback.token}/")
        expect(page.locator("html")).to_have_attribute("lang", feedback.language)
        assert page.evaluate(FITS_WIDTH), "the form is wider than the phone"
        assert_page_ok(page, problems, f"{who}'s feedback form")
        for question, score in (
            ("planning", "5"),
            ("induction", "4"),
            ("readiness", "4"),
            ("communication", "2"),
        ):
            page.check(f"input[name=score_{question}][value='{score}']")
        page.fill("#id_text_communication", "Tieto muutoksista tuli myöhään.")
        page.check("#id_contact_me")
        if who == "student":
            shot(page, "feedback-phone", full_page=True)
        page.click("main form button[type=submit]")
        expect(page.locator(".alert-success")).to_be_visible()
        assert page.evaluate(FITS_WIDTH)
        assert_page_ok(page, problems, f"{who}'s feedback saved")
    finally:
        context.close()
    feedback.refresh_from_db()
    assert feedback.answered_at is not None and feedback.contact_me
    scores = dict(feedback.answers.values_list("question", "score"))
    assert scores["planning"] == 5 and scores["communication"] == 2 and scores["demonstration"] is None
    assert feedback.answers.get(question="communication").text == "Tieto muutoksista tuli myöhään."
