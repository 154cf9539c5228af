"""Journey 2: a coordinator opens the review dashboard, follows an attention link to an
employer, and records a new partnership level with a rationale, then withdraws it with a reason;
writes a checkpoint's service promise; records a teacher's working-life period and reads the
yearly summary per unit; records a future competence need with a network organisation and links
it to an initiative."""

import datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from core.models import OutboxMessage, Role
from partnerships import services
from partnerships.models import CompetenceNeed, DigestSchedule, LevelRecord, StaffActivity

from ..factories import ContactFactory, EmployerFactory, UnitFactory, UserFactory
from .conftest import assert_page_ok

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "kumppani-koordinaattori-2026"


def login(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "kaisa")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


@pytest.fixture
def quiet_employer(db):
    coordinator = UserFactory(username="kaisa", first_name="Kaisa", password=PASSWORD)
    coordinator.groups.add(Group.objects.get(name=Role.COORDINATOR))
    employer = EmployerFactory(name="Hiljainen Rakennus Oy")
    ContactFactory(
        employer=employer, author=coordinator, date=timezone.localdate() - datetime.timedelta(days=200)
    )
    return employer


def test_coordinator_follows_the_attention_list_and_records_a_level(
    page, live_server, quiet_employer, shot, problems
):
    login(page, live_server)
    assert_page_ok(page, problems, "home page")
    page.goto(f"{live_server.url}/review/")
    expect(page.locator("[data-chart]")).to_have_count(4)  # two bar charts, two sets of small multiples
    shot(page, "review-dashboard")
    assert_page_ok(page, problems, "review dashboard")
    page.click("#attention-heading ~ .row >> text=Hiljainen Rakennus Oy")
    expect(page.locator("h1")).to_contain_text("Hiljainen Rakennus Oy")
    assert_page_ok(page, problems, "employer page")
    page.click("#level summary >> nth=-1")
    page.select_option("#id_level-level", label="Arkipäivän kumppanuus")
    page.fill("#id_level-rationale", "Uusi yhteyshenkilö, sovittu säännölliset käynnit.")
    page.click('#level form[action$="/level/"] button[type=submit]')  # not the accept button
    expect(page.locator("#level")).to_contain_text("Arkipäivän kumppanuus")
    record = LevelRecord.objects.get(employer=quiet_employer)
    assert record.rationale == "Uusi yhteyshenkilö, sovittu säännölliset käynnit."
    assert_page_ok(page, problems, "employer page with the new level")
    # The level was recorded for the wrong employer: the coordinator withdraws it, with a reason.
    page.click("#level >> text=Korjaa tai peru")
    expect(page.locator("h1")).to_contain_text("Korjaa tasokirjaus")
    assert_page_ok(page, problems, "level record page")
    page.click("form:has(input[name=action]) button[type=submit]")  # no reason yet: refused
    expect(page.locator("#id_withdraw-reason")).to_have_attribute("aria-invalid", "true")
    page.fill("#id_withdraw-reason", "Kirjattu väärälle työnantajalle")
    page.click("form:has(input[name=action]) button[type=submit]")
    expect(page.locator("#level")).to_contain_text("Ei vielä kirjattu")
    record.refresh_from_db()
    assert record.is_withdrawn
    assert record.history.latest().history_change_reason == "Kirjattu väärälle työnantajalle"
    assert_page_ok(page, problems, "employer page after the withdrawal")


def test_coordinator_writes_a_checkpoint_promise_and_finds_it_on_the_dashboard(
    page, live_server, quiet_employer, shot, problems
):
    login(page, live_server)
    page.click("nav .dropdown-toggle")
    page.click("nav >> text=Palvelulupaukset")
    expect(page.locator("h1")).to_have_text("Palvelulupaukset")
    expect(page.locator("main section.card")).to_have_count(8)
    assert_page_ok(page, problems, "service promises page")
    page.fill("#id_form-7-service_promise_fi", "Kiitämme työpaikkaa jokaisen jakson jälkeen.")
    page.fill("#id_form-7-service_promise_sv", "Vi tackar arbetsplatsen efter varje period.")
    page.click("main form button[type=submit]")
    expect(page.locator(".alert-success, .alert-info").first).to_contain_text("Palvelulupaukset tallennettu.")
    shot(page, "service-promises")
    assert_page_ok(page, problems, "service promises page after saving")
    page.goto(f"{live_server.url}/review/")
    promise = page.locator("#coverage-heading ~ div details.checkpoint-promise").first
    expect(promise).not_to_contain_text("Kiitämme", use_inner_text=True)  # closed until asked for
    promise.locator("summary").focus()
    page.keyboard.press("Enter")  # a keyboard opens it as a tap does
    expect(promise).to_contain_text("Kiitämme työpaikkaa jokaisen jakson jälkeen.", use_inner_text=True)
    assert_page_ok(page, problems, "review dashboard with a promise open")


# ---------------------------------------------------------------------------------------------
# Issue 21, "Done means": the coordinator's review on desktop (1280×800) and phone (375×740),
# axe on every page: levels, the self-assessment summary, the dashboard with its filters and
# CSVs, the digests and thanks previews, and the admin page of a level's tools and questions.
# Separate functions from the journeys above, so parallel work on this module merges cleanly.

REVIEW_DESKTOP = {"width": 1280, "height": 800}
REVIEW_PHONE = {"width": 375, "height": 740}
REVIEW_VIEWPORTS = pytest.mark.parametrize(
    "viewport", [REVIEW_DESKTOP, REVIEW_PHONE], ids=["desktop", "phone"]
)


@pytest.fixture
def review_world(db):
    """A staff coordinator in a unit, employers at two levels (one quiet), a self-assessment,
    and a completed agreement whose thank-you waits for its teacher."""
    from checkpoints.models import LevelQuestion, PartnershipLevel, SelfAssessment, SelfAssessmentAnswer
    from partnerships import services

    from ..factories import UnitFactory, thank_you_waiting

    unit = UnitFactory(name="Kampus Keskusta")
    coordinator = UserFactory(
        username="kaisa", first_name="Kaisa", password=PASSWORD, is_staff=True, email="kaisa@opisto.example"
    )
    coordinator.unit = unit
    coordinator.save()
    coordinator.groups.add(Group.objects.get(name=Role.COORDINATOR))
    today = timezone.localdate()
    quiet = EmployerFactory(name="Hiljainen Rakennus Oy", account_owner=coordinator)
    ContactFactory(employer=quiet, author=coordinator, date=today - datetime.timedelta(days=200))
    services.level_record(
        employer=quiet,
        by=coordinator,
        level=PartnershipLevel.objects.get(key="everyday"),
        rationale="Säännölliset jaksot.",
    )
    busy = EmployerFactory(name="Vilkas Kone Oy", account_owner=coordinator)
    ContactFactory(employer=busy, author=coordinator, date=today - datetime.timedelta(days=3))
    services.level_record(
        employer=busy, by=coordinator, level=PartnershipLevel.objects.get(key="minimum"), rationale="Alku."
    )
    assessment = SelfAssessment.objects.create(year=today.year)
    for question in LevelQuestion.objects.filter(level__key__in=["minimum", "everyday"]):
        SelfAssessmentAnswer.objects.create(assessment=assessment, question=question, rating=3)
    thank_you_waiting(teacher=coordinator)
    return {"unit": unit, "assessment": assessment, "quiet": quiet}


def _sign_in(page, live_server, viewport) -> None:
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "kaisa")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def _name(viewport) -> str:
    return "phone" if viewport == REVIEW_PHONE else "desktop"


@REVIEW_VIEWPORTS
def test_coordinator_reviews_levels_on_the_dashboard_with_filters_and_csvs(
    page, live_server, review_world, shot, problems, viewport
):
    _sign_in(page, live_server, viewport)
    assert_page_ok(page, problems, "home page")
    page.goto(f"{live_server.url}/review/")
    # Levels and coverage as one chart each, the two monthly charts as small multiples.
    expect(page.locator("canvas[data-chart]")).to_have_count(2)
    expect(page.locator(".chart-multiples[data-chart] canvas").first).to_be_visible()
    assert_page_ok(page, problems, "review dashboard")
    # Filter by the unit: the figures and every CSV link carry the filter.
    unit = review_world["unit"]
    page.select_option("#id_unit", str(unit.pk))
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/review/?*unit={unit.pk}*")
    expect(page.locator("#id_unit")).to_have_value(str(unit.pk))
    levels_csv = page.locator("a[href*='csv=levels']")
    expect(levels_csv).to_have_attribute("href", f"?unit={unit.pk}&sector=&start=&end=&csv=levels")
    shot(page, f"review-dashboard-filtered-{_name(viewport)}")
    assert_page_ok(page, problems, "review dashboard filtered by unit")
    with page.expect_download() as download:
        levels_csv.click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Arkipäivän kumppanuus" in text and "Minimitaso" in text
    with page.expect_download() as download:
        page.locator("a[href*='csv=coverage']").click()
    assert download.value.suggested_filename.endswith(".csv")
    # A level's count leads to the employer list of that level.
    page.goto(f"{live_server.url}/review/")
    page.locator("tr:has-text('Arkipäivän kumppanuus') a[data-count=level]").click()
    expect(page.locator("main table")).to_contain_text("Hiljainen Rakennus Oy")
    expect(page.locator("main table")).not_to_contain_text("Vilkas Kone Oy")
    assert_page_ok(page, problems, "employer list of a level")
    page.goto(live_server.url + review_world["quiet"].get_absolute_url())
    expect(page.locator("#level")).to_contain_text("Arkipäivän kumppanuus")
    assert_page_ok(page, problems, "employer page with its level")


@REVIEW_VIEWPORTS
def test_coordinator_reads_the_self_assessment_summary_and_previews_the_digests_and_thanks(
    page, live_server, review_world, shot, problems, viewport
):
    _sign_in(page, live_server, viewport)
    assessment = review_world["assessment"]
    page.goto(f"{live_server.url}/self-assessment/{assessment.pk}/summary/")
    expect(page.locator("tr[data-level=everyday]")).to_contain_text("3,00")
    assert_page_ok(page, problems, "self-assessment summary")
    # The digests page, from the menu.
    page.goto(f"{live_server.url}/")
    if viewport == REVIEW_PHONE:
        page.click("nav .navbar-toggler")
    page.click("nav .dropdown-toggle")
    page.click("nav >> text=Koosteet ja kiitokset")
    expect(page.locator("h1")).to_have_text("Koosteet ja kiitokset")
    expect(page.locator("#upkeep-heading")).to_contain_text("1 vastuuhenkilö")
    expect(page.locator("#thanks-heading")).to_contain_text("Lähettämättömiä kiitoksia: 1")
    assert_page_ok(page, problems, "digests page")
    # Open the account owner's digest: the frame shows the HTML part as it would be sent.
    page.locator("[aria-labelledby=upkeep-heading] details > summary").first.click()
    frame = page.frame_locator("[aria-labelledby=upkeep-heading] iframe").first
    expect(frame.locator("body")).to_contain_text("Hiljainen Rakennus Oy")
    expect(frame.locator("body")).not_to_contain_text("Vilkas Kone Oy")
    page.locator("[aria-labelledby=thanks-heading] details > summary").first.click()
    expect(
        page.frame_locator("[aria-labelledby=thanks-heading] iframe").first.locator("body")
    ).to_contain_text("Aino")
    shot(page, f"digests-preview-{_name(viewport)}")
    assert_page_ok(page, problems, "digests page with previews open")
    # A bad interval is refused beside its field; nothing is saved.
    page.select_option("#id_schedule-digest_weekday", "2")
    page.fill("#id_levels-0-contact_interval_days", "0")
    page.click("main form button[type=submit]")
    expect(page.locator("#id_levels-0-contact_interval_days")).to_have_attribute("aria-invalid", "true")
    assert DigestSchedule.current().digest_weekday == 0
    assert_page_ok(page, problems, "digests page with an error")
    page.fill("#id_levels-0-contact_interval_days", "60")
    page.select_option("#id_schedule-digest_hour", "8")
    page.click("main form button[type=submit]")
    expect(page.locator(".alert-success, .alert-info").first).to_contain_text(
        "Aikataulu ja yhteydenpitovälit"
    )
    expect(page.locator("h2.h4").first).to_contain_text("keskiviikko")
    schedule = DigestSchedule.current()
    assert (schedule.digest_weekday, schedule.digest_hour) == (2, 8)
    assert not OutboxMessage.objects.exists()  # previewing sent nothing
    assert_page_ok(page, problems, "digests page after saving")


@REVIEW_VIEWPORTS
def test_coordinator_edits_a_levels_tools_in_the_admin_with_every_input_labelled(
    page, live_server, review_world, problems, viewport
):
    from checkpoints.models import PartnershipLevel

    _sign_in(page, live_server, viewport)
    level = PartnershipLevel.objects.get(key="everyday")
    page.goto(f"{live_server.url}/admin/")
    assert_page_ok(page, problems, "admin index")
    page.goto(f"{live_server.url}/admin/checkpoints/partnershiplevel/")
    assert_page_ok(page, problems, "admin partnership levels")
    page.goto(f"{live_server.url}/admin/checkpoints/partnershiplevel/{level.pk}/change/")
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll(
                'input:not([type=hidden]):not([type=submit]), select, textarea')]
            .filter(el => !el.labels.length && !el.getAttribute('aria-label')).map(el => el.name)"""
    )
    assert unlabelled == []
    assert_page_ok(page, problems, "admin change page of a level")
    page.fill("#id_tools-0-text_fi", "Yhteinen suunnittelupohja (päivitetty)")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_be_visible()
    assert level.tools.order_by("order").first().text_fi == "Yhteinen suunnittelupohja (päivitetty)"
    assert_page_ok(page, problems, "admin change page of a level after saving")


def test_coordinator_records_a_teachers_working_life_period_and_reads_the_units_summary(
    page, live_server, quiet_employer, shot, problems
):
    teacher = UserFactory(username="tiina", first_name="Tiina", last_name="Opettaja")
    teacher.groups.add(Group.objects.get(name=Role.TEACHER))
    teacher.unit = UnitFactory(name="Tekniikan kampus")
    teacher.save()
    login(page, live_server)
    page.click("nav .dropdown-toggle")
    page.click("nav >> text=Henkilöstö työelämässä")
    expect(page.locator("h1")).to_have_text("Henkilöstö työelämässä")
    assert_page_ok(page, problems, "staff in working life list")
    page.click("main a.btn-primary")
    assert_page_ok(page, problems, "new working-life activity form")
    page.select_option("#id_staff_member", str(teacher.pk))
    page.select_option("#id_kind", "work_period")
    page.fill("#id_title", "Kaksi viikkoa työmaalla")
    page.select_option("#id_employer", str(quiet_employer.pk))
    today = timezone.localdate()
    page.fill("#id_starts_on", today.isoformat())
    page.fill("#id_ends_on", (today - datetime.timedelta(days=1)).isoformat())
    page.click("main button[type=submit]")
    # The end before the start: said in Finnish beside the field, nothing saved.
    expect(page.locator("main")).to_contain_text("Loppu ei voi olla ennen alkua.")
    assert not StaffActivity.objects.exists()
    assert_page_ok(page, problems, "working-life activity form with an error")
    start = today - datetime.timedelta(days=9)
    page.fill("#id_starts_on", start.isoformat())
    page.fill("#id_ends_on", today.isoformat())
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_have_text("Kaksi viikkoa työmaalla")
    expect(page.locator("main")).to_contain_text("Hiljainen Rakennus Oy")
    assert_page_ok(page, problems, "working-life activity page")
    activity = StaffActivity.objects.get()
    assert activity.staff_member == teacher and activity.unit.name == "Tekniikan kampus"
    page.goto(f"{live_server.url}/staff-in-working-life/")
    page.click("main >> text=Vuosikooste yksiköittäin")
    expect(page.locator("#staff-summary tbody")).to_contain_text("Tekniikan kampus")
    shot(page, "staff-in-working-life-summary")
    assert_page_ok(page, problems, "staff in working life by unit")
    page.goto(f"{live_server.url}/review/")
    # This year's (a period that began in late December last year counts there).
    expect(page.locator("[data-staff=activities]")).to_have_text("1" if start.year == today.year else "0")
    assert_page_ok(page, problems, "review dashboard with staff in working life")


def test_coordinator_records_a_competence_need_with_a_network_organisation_and_links_an_initiative(
    page, live_server, quiet_employer, problems
):
    """A need heard in a chamber of commerce's forum, recorded with the organisation, linked
    to an initiative in progress: it shows on the organisation's page and the initiative's."""
    coordinator = UserFactory._meta.model.objects.get(username="kaisa")
    chamber = services.network_organisation_create(
        by=coordinator, data={"name": "Keski-Suomen kauppakamari", "kind": "chamber"}
    )
    initiative = services.initiative_create(
        by=coordinator,
        data={"title": "Lämpöpumppuasentajien koulutus", "starting_point": "Asentajista on pula."},
    )
    login(page, live_server)
    page.goto(f"{live_server.url}/competence-needs/new/")
    assert_page_ok(page, problems, "new competence need form")
    page.fill("#id_title", "Lämpöpumppujen asennus")
    page.fill("#id_description", "Kauppakamarin foorumissa: asentajia tarvitaan kolmen vuoden sisällä.")
    page.select_option("#id_organisation", str(chamber.pk))
    page.select_option("#id_sector", "F")
    page.select_option("#id_horizon", "1-3")
    page.select_option("#id_source", "forum")
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_have_text("Lämpöpumppujen asennus")
    expect(page.locator("main")).to_contain_text("Keski-Suomen kauppakamari")
    page.select_option("#id_initiative", str(initiative.pk))
    page.click(
        f"form[action$='/competence-needs/{CompetenceNeed.objects.get().pk}/link/'] button[type=submit]"
    )
    expect(page.locator("main")).to_contain_text("Lämpöpumppuasentajien koulutus")
    assert_page_ok(page, problems, "competence need linked to an initiative")
    need = CompetenceNeed.objects.get()
    assert need.organisation == chamber and list(need.initiatives.all()) == [initiative]

    page.goto(f"{live_server.url}{chamber.get_absolute_url()}")
    expect(page.locator("#competence-needs")).to_contain_text("Lämpöpumppujen asennus")
    assert_page_ok(page, problems, "network organisation with its competence need")
    page.goto(f"{live_server.url}{initiative.get_absolute_url()}")
    expect(page.locator("#competence-needs")).to_contain_text("Lämpöpumppujen asennus")
    expect(page.locator("#competence-needs")).to_contain_text("Keski-Suomen kauppakamari")
    assert_page_ok(page, problems, "initiative with the competence need it answers")
