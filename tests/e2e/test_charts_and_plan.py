"""Charts that read well and a year clock that stays readable, in Finnish and Swedish, on a
desktop and on a phone: no label of a chart leaves its canvas or overlaps another (measured
from Chart.js' own label layout), the contact charts are small multiples on one scale, a
share's axis ends at 100 %, the self-assessment chart carries last year's means as a second
series, and the numbers of activities in the same month do not overlap on the clock (their
bounding boxes); axe finds no serious or critical violation."""

import datetime
import math
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from checkpoints.models import (
    AnnualActivity,
    Checkpoint,
    LevelQuestion,
    PartnershipLevel,
    SelfAssessment,
    SelfAssessmentAnswer,
)
from core.models import Role, User
from partnerships.models import LevelRecord

from ..factories import ContactFactory, EmployerFactory, UserFactory
from .conftest import PHONE, assert_page_ok, log_in_as_new_coordinator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 800}
PHONE_740 = {**PHONE, "height": 740}
VIEWPORTS = [DESKTOP, PHONE_740]
CHANNELS = ["phone", "visit", "email", "meeting"]

# Every label of every chart on the page as a box, as Chart.js lays it out.
LABEL_BOXES = (Path(__file__).parent / "label_boxes.js").read_text()


def assert_labels_fit(page, where: str) -> int:
    """No label leaves its chart or overlaps another; the page does not scroll sideways."""
    charts = page.evaluate(LABEL_BOXES)
    assert charts, where
    for chart in charts:
        for box in chart["boxes"]:
            assert box["rotation"] == 0, (where, chart["id"], box)
            assert box["left"] >= -0.5 and box["right"] <= chart["width"] + 0.5, (where, chart["id"], box)
            assert box["top"] >= -0.5 and box["bottom"] <= chart["height"] + 0.5, (where, chart["id"], box)
        ticks = [b for b in chart["boxes"] if b["axis"] != "value"]
        for i, a in enumerate(ticks):
            for b in ticks[i + 1 :]:
                apart = (
                    a["right"] <= b["left"] + 0.5
                    or b["right"] <= a["left"] + 0.5
                    or a["bottom"] <= b["top"] + 0.5
                    or b["bottom"] <= a["top"] + 0.5
                )
                assert apart, (where, chart["id"], a, b)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), where
    return len(charts)


def circles_apart(boxes) -> bool:
    """The numbers' circles, each drawn in its bounding box, do not touch."""
    centres = [(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2, b["width"] / 2) for b in boxes]
    return all(
        math.hypot(a[0] - b[0], a[1] - b[1]) >= a[2] + b[2] - 0.5
        for i, a in enumerate(centres)
        for b in centres[i + 1 :]
    )


def boxes_apart(boxes) -> bool:
    return all(
        a["x"] + a["width"] <= b["x"] + 0.5
        or b["x"] + b["width"] <= a["x"] + 0.5
        or a["y"] + a["height"] <= b["y"] + 0.5
        or b["y"] + b["height"] <= a["y"] + 0.5
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
    )


def in_language(language: str) -> None:
    User.objects.filter(username="kaisa").update(language=language)


@pytest.fixture
def review_data(db):
    today = timezone.localdate()
    teacher = UserFactory(username="tiina", first_name="Tiina", last_name="Opettaja")
    teacher.groups.add(Group.objects.get(name=Role.TEACHER))
    levels = list(PartnershipLevel.objects.order_by("order"))
    checkpoints = list(Checkpoint.objects.order_by("number"))
    for i in range(12):
        employer = EmployerFactory(name=f"Kumppani {i} Oy", account_owner=teacher)
        LevelRecord.objects.create(
            employer=employer, level=levels[i % len(levels)], rationale="x", recorded_by=teacher
        )
        for months_ago in range(0, 12, 1 + i % 3):
            contact = ContactFactory(
                employer=employer,
                author=teacher,
                channel=CHANNELS[(i + months_ago) % len(CHANNELS)],
                date=today.replace(day=1) - datetime.timedelta(days=30 * months_ago - 3),
            )
            contact.checkpoints.add(checkpoints[(i + months_ago) % len(checkpoints)])
    this, last = SelfAssessment.objects.create(year=2026), SelfAssessment.objects.create(year=2025)
    for assessment, base in ((this, 2), (last, 3)):
        for n, question in enumerate(LevelQuestion.objects.all()):
            SelfAssessmentAnswer.objects.create(assessment=assessment, question=question, rating=base + n % 3)
    return this


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["desktop", "phone"])
def test_the_dashboard_charts_read_well(page, live_server, review_data, problems, shot, viewport, language):
    page.set_viewport_size(viewport)
    log_in_as_new_coordinator(page, live_server)
    in_language(language)
    page.goto(f"{live_server.url}/review/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    # Small multiples: one titled chart per channel and per checkpoint, on one scale.
    channels = page.locator("[data-chart=chart-channels] figure")
    expect(channels).to_have_count(len(CHANNELS))
    expect(page.locator("[data-chart=chart-checkpoints] figure")).to_have_count(8)
    scales = page.evaluate(
        "Object.values(Chart.instances).filter((c) => c.config.type === 'line')"
        ".map((c) => [c.canvas.closest('[data-chart]').dataset.chart, c.scales.y.max])"
    )
    assert len(scales) == len(CHANNELS) + 8
    for group in ("chart-channels", "chart-checkpoints"):  # one scale within each set
        assert len({top for name, top in scales if name == group}) == 1, scales
    assert (
        page.evaluate("Chart.getChart(document.querySelector('[data-chart=chart-coverage]')).scales.x.max")
        == 100
    )
    # Each small chart's title fits its figure.
    assert page.evaluate(
        "[...document.querySelectorAll('.chart-multiple figcaption')]"
        ".every((c) => c.scrollWidth <= c.clientWidth + 1 && c.getBoundingClientRect().right <= innerWidth)"
    )
    assert assert_labels_fit(page, f"dashboard {language} {viewport}") == 2 + len(CHANNELS) + 8
    shot(page, f"review-dashboard-charts-{language}-{'phone' if viewport == PHONE_740 else 'desktop'}")
    assert_page_ok(page, problems, "review dashboard")


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["desktop", "phone"])
def test_the_self_assessment_chart_has_last_years_means_beside_this_years(
    page, live_server, review_data, problems, shot, viewport, language
):
    page.set_viewport_size(viewport)
    log_in_as_new_coordinator(page, live_server)
    in_language(language)
    page.goto(f"{live_server.url}/self-assessment/{review_data.pk}/summary/")
    expect(page.locator(".chart-legend li")).to_have_text(["2026", "2025"])
    chart = page.evaluate(
        "(() => { const c = Chart.getChart(document.querySelector('[data-chart=chart-self-assessment]'));"
        " return {max: c.scales.x.max, series: c.data.datasets.map((d) => d.data)}; })()"
    )
    assert chart["max"] == 5
    table = page.evaluate(
        "[...document.querySelectorAll('#self-assessment-summary tbody tr')]"
        ".map((tr) => [tr.cells[2].textContent.trim(), tr.cells[5].textContent.trim()])"
    )
    assert [f"{v:.2f}".replace(".", ",") for v in chart["series"][0]] == [row[0] for row in table]
    assert [f"{v:.2f}".replace(".", ",") for v in chart["series"][1]] == [row[1] for row in table]
    assert_labels_fit(page, f"summary {language} {viewport}")
    assert_page_ok(page, problems, "self-assessment summary")


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["desktop", "phone"])
def test_activities_in_the_same_month_stay_readable_on_the_year_clock(
    page, live_server, problems, shot, viewport
):
    responsible = UserFactory(username="tiina", first_name="Tiina", last_name="Opettaja")
    responsible.groups.add(Group.objects.get(name=Role.TEACHER))
    for day in (1, 2, 3, 5, 8):
        AnnualActivity.objects.create(
            kind="event",
            title=f"Maaliskuu {day}",
            start_month=3,
            start_day=day,
            end_month=3,
            end_day=day + 1,
            responsible=responsible,
        )
    AnnualActivity.objects.create(
        kind="thanks", title="Joulukiitokset", start_month=12, start_day=20, end_month=1, end_day=3
    )
    page.set_viewport_size(viewport)
    log_in_as_new_coordinator(page, live_server)
    page.goto(f"{live_server.url}/annual-plan/")
    markers = page.locator(".clock-marker")
    expect(markers).to_have_count(AnnualActivity.objects.count())
    boxes = [markers.nth(i).locator("circle").bounding_box() for i in range(markers.count())]
    assert circles_apart(boxes), boxes
    numbers = [markers.nth(i).locator("text").bounding_box() for i in range(markers.count())]
    assert boxes_apart(numbers), numbers
    assert all(
        m["x"] <= n["x"] and n["x"] + n["width"] <= m["x"] + m["width"] + 0.5
        for m, n in zip(boxes, numbers, strict=True)
    ), "a number is wider than its circle"
    expect(page.locator("#national-feedback [data-survey=instructor]")).to_contain_text("1. ja 16.")
    expect(page.locator("li[data-number='2']")).to_contain_text("Vastuussa: Tiina Opettaja")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, f"annual-plan-{'phone' if viewport == PHONE_740 else 'desktop'}")
    assert_page_ok(page, problems, "annual plan")
    page.select_option("#id_kind", "event")
    page.select_option("#id_responsible", label="Tiina Opettaja")
    page.fill("#id_title", "Ohjaajailta")
    page.fill("#id_start", "2026-03-04")
    page.fill("#id_end", "2026-03-04")
    page.click("main form button[type=submit]")
    expect(page.locator(".alert-success").first).to_be_visible()
    assert AnnualActivity.objects.get(title="Ohjaajailta").responsible == responsible
    boxes = [markers.nth(i).locator("circle").bounding_box() for i in range(markers.count())]
    assert len(boxes) == 7 and circles_apart(boxes), boxes
    assert_page_ok(page, problems, "annual plan after adding")
