"""The partner page's feedback and partnership sections on a phone: a partner signs in from the
link, opens the feedback about their workplaces (with a shared "you said, we did") and their
partnership (level, promises, thanks, brochures); each page fits the phone and passes axe."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from checkpoints.models import Checkpoint, PartnershipLevel
from core.email import outbox_deliver
from core.models import Institution, OutboxMessage, Role
from partnerships.models import FeedbackReaction, LevelRecord

from ..factories import ContactPersonFactory, EmployerFactory, UserFactory
from ..partners.test_feedback import all_scores, answered
from .conftest import assert_page_ok, watch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE_TALL = {"width": 375, "height": 740}
FITS_WIDTH = "document.documentElement.scrollWidth <= window.innerWidth"
ADDRESS = "paula@konepaja.example"


@pytest.fixture
def partnership(db):
    Institution.objects.create(name="Järvilaakson ammattiopisto")
    teacher = UserFactory(username="tiina")
    teacher.groups.add(Group.objects.get(name=Role.TEACHER))
    employer = EmployerFactory(name="Konepaja Oy", account_owner=teacher)
    ContactPersonFactory(employer=employer, first_name="Paula", email=ADDRESS)
    workplace = employer.workplaces.first()
    requests = [answered(workplace, teacher, year=2025, scores=all_scores(s)) for s in (5, 4, 4, 3, 5, 2)]
    FeedbackReaction.objects.create(
        request=requests[-1],
        text="Perehdytys käydään nyt läpi yhdessä ohjaajan kanssa.",
        by=teacher,
        shared_with_partner=True,
    )
    level = PartnershipLevel.objects.filter(cross_cutting=False).order_by("order")[1]
    LevelRecord.objects.create(employer=employer, level=level, rationale="Sisäinen", recorded_by=teacher)
    Checkpoint.objects.filter(number=4).update(service_promise_fi="Perehdytämme jokaisen ohjaajan.")
    return employer


def sign_in(page, live_server) -> None:
    page.goto(f"{live_server.url}/kumppani/")
    page.fill("input[name=email]", ADDRESS)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/kumppani/linkki-lahetetty/"))
    for pk in OutboxMessage.objects.filter(kind="partner-sign-in", status="pending").values_list(
        "pk", flat=True
    ):
        outbox_deliver(pk)
    link = re.search(r"(/kumppani/kirjaudu/[^/\s]+/)", mail.outbox[-1].body).group(1)
    page.goto(f"{live_server.url}{link}")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/kumppani/oma/$"))


def test_the_feedback_and_partnership_sections_on_a_phone(
    browser, browser_context_args, live_server, partnership
):
    context = browser.new_context(**{**browser_context_args, "viewport": PHONE_TALL})
    try:
        page = context.new_page()
        problems = watch(page)
        sign_in(page, live_server)
        problems.clear()
        page.locator("a[href$='/kumppani/oma/palaute/']").click()
        page.wait_for_url(re.compile(r"/oma/palaute/"))
        assert "3,8" in page.content()  # (5 + 4 + 4 + 3 + 5 + 2) / 6, Finnish decimals
        assert "Perehdytys käydään nyt läpi" in page.content()
        assert page.evaluate(FITS_WIDTH), "the feedback page is wider than the phone"
        assert_page_ok(page, problems, "the partner's feedback page")
        page.goto(f"{live_server.url}/kumppani/oma/")
        problems.clear()
        page.locator("a[href$='/kumppani/oma/kumppanuus/']").click()
        page.wait_for_url(re.compile(r"/oma/kumppanuus/"))
        assert "Perehdytämme jokaisen ohjaajan." in page.content()
        assert "Sisäinen" not in page.content()
        assert page.evaluate(FITS_WIDTH), "the partnership page is wider than the phone"
        assert_page_ok(page, problems, "the partner's partnership page")
    finally:
        context.close()
