import datetime
import re

import pytest
from django.contrib.auth import authenticate
from django.core import mail
from django.core.management import call_command
from django.db.models import F
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from core.email import outbox_deliver
from core.models import Institution, OutboxMessage, User
from devtools.demo.partner_page import PARTNER_EMAIL
from partnerships.models import (
    Agreement,
    CompetenceNeed,
    Contact,
    ContactPerson,
    Demonstration,
    Employer,
    Initiative,
    NetworkCooperation,
    NetworkOrganisation,
    PartnershipAgreement,
    Prospect,
    QualificationUnit,
    StaffActivity,
    Student,
    WorkPeriod,
)
from partnerships.validators import validate_business_id


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_seed_demo_creates_a_believable_institution(seeded):
    assert Institution.objects.count() == 1
    assert Employer.objects.count() >= 35
    assert Student.objects.count() >= 55
    assert User.objects.filter(groups__name="Teacher").count() >= 5
    assert User.objects.filter(groups__name="Coordinator").count() >= 1
    assert Contact.objects.count() >= 250
    assert Agreement.objects.count() >= 30
    big = [e for e in Employer.objects.all() if e.workplaces.count() > 3]
    assert len(big) >= 3
    assert Contact.objects.open_follow_ups().filter(author__username="teacher").count() >= 3
    assert Employer.objects.needing_contact().exists()
    # Partnership agreements: one in force, one up for renewal, one expired.
    validity = sorted(PartnershipAgreement.objects.with_validity().values_list("validity", flat=True))
    assert validity == ["expired", "expiring", "valid"]
    # The strategic network: organisations of several kinds, and cooperation this year.
    assert NetworkOrganisation.objects.values("kind").distinct().count() >= 6
    assert NetworkCooperation.objects.filter(date__year=timezone.localdate().year).count() >= 1
    assert NetworkCooperation.objects.filter(staff__isnull=False).exists()
    # A competence need heard from an organisation of the network, linked to it.
    assert NetworkOrganisation.objects.filter(competence_needs__isnull=False, kind="ely").exists()
    # New partners in every stage, one already an employer.
    assert set(Prospect.objects.values_list("stage", flat=True)) == {
        "identified",
        "contacted",
        "meeting",
        "dropped",
        "first_agreement",
    }
    assert Prospect.objects.filter(employer__isnull=False).count() == 1
    # Co-development: one initiative well under way, with its log and an evaluation.
    under_way = Initiative.objects.get(phase="ideate")
    assert under_way.employers.count() == 3 and under_way.representatives.exists()
    assert under_way.entries.filter(kind="evaluation").exists()
    assert under_way.entries.filter(phase="understand").count() >= 4  # three logs and the decision
    # A student representative who consented to take part and to be named.
    representative = under_way.student_participants.get()
    assert representative.in_force and representative.is_named and representative.student is None
    # Competence needs from every kind of source and in every horizon, one with an initiative.
    needs = CompetenceNeed.objects.all()
    assert set(needs.values_list("source", flat=True)) == {"contact", "forum", "survey"}
    assert set(needs.values_list("horizon", flat=True)) == {"year", "1-3", "3+"}
    assert needs.filter(contact__isnull=False).exists() and needs.filter(employer__isnull=True).exists()
    assert needs.filter(initiatives__isnull=False).count() == 1
    # Staff in working life: every kind, in every unit, over the last year, some recorded by
    # the coordinator for a teacher.
    activities = StaffActivity.objects.all()
    assert set(activities.values_list("kind", flat=True)) == {"work_period", "forum", "development_day"}
    assert activities.values("unit").distinct().count() == 3
    assert activities.filter(employer__isnull=False).exists()
    assert activities.exclude(created_by=F("staff_member")).exists()
    assert not activities.filter(starts_on__lt=timezone.localdate() - datetime.timedelta(days=365)).exists()


def test_every_demo_business_id_passes_the_checksum(seeded):
    ids = list(Employer.objects.exclude(business_id=None).values_list("business_id", flat=True))
    assert len(ids) >= 35
    for business_id in ids:
        validate_business_id(business_id)
    assert Employer.objects.filter(business_id=None).exists()  # the sole trader


def test_the_demo_covers_national_units_of_each_students_qualification(seeded):
    assert not QualificationUnit.objects.filter(is_local=True).exists()
    periods = WorkPeriod.objects.select_related("unit", "agreement__student")
    assert periods.count() >= 30
    for period in periods:
        assert period.unit.qualification_id == period.agreement.student.qualification_id
    assert periods.filter(unit__national_code__startswith="tutkinnonosat_").exists()
    demonstrations = Demonstration.objects.select_related("unit")
    assert demonstrations.exists()
    assert not demonstrations.filter(unit__is_local=True).exists()


def test_running_seed_demo_twice_creates_nothing_twice(seeded):
    def counts():
        return (
            Employer.objects.count(),
            Student.objects.count(),
            Contact.objects.count(),
            Agreement.objects.count(),
            QualificationUnit.objects.count(),
        )

    before = counts()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == before


def test_demo_logins_are_created_only_when_debug_is_on(db, settings):
    request = RequestFactory().post("/accounts/login/")
    settings.DEBUG = False
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert authenticate(request, username="teacher", password="demo") is None
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert authenticate(request, username="teacher", password="demo") is not None
    assert User.objects.get(username="coordinator").groups.filter(name="Coordinator").exists()


def test_the_demo_shows_students_paths_summer_periods_and_instructors_trainings(seeded):
    from partnerships.models import Demonstration, InstructorTraining, Interruption
    from partnerships.selectors.timeline import Combination, combination

    combinations = {
        combination(list(student.agreements.prefetch_related("work_periods")))
        for student in Student.objects.filter(agreements__type="apprenticeship").distinct()
    }
    assert {Combination.SEQUENCE, Combination.CONCURRENT} <= combinations
    assert Agreement.objects.for_summer().exists()
    assert Agreement.objects.filter(other_employment_hours__isnull=False).exists()
    assert Interruption.objects.exists()
    assert InstructorTraining.objects.filter(kind="training", form="ohjaan_fi").exists()
    assert Demonstration.objects.filter(start_time__isnull=False, duration_minutes__isnull=False).exists()


def test_the_demo_writes_a_service_promise_at_every_checkpoint_in_three_languages(seeded):
    from checkpoints.models import Checkpoint

    for checkpoint in Checkpoint.objects.all():
        texts = [checkpoint.service_promise_fi, checkpoint.service_promise_sv, checkpoint.service_promise_en]
        assert all(texts) and len(set(texts)) == 3, checkpoint.number


def test_the_demo_partner_signs_in_to_the_partner_page_of_the_teachers_employer(seeded, client):
    client.post(reverse("partners:start"), {"email": PARTNER_EMAIL})
    message = OutboxMessage.objects.get(kind="partner-sign-in")
    assert outbox_deliver(message.pk) == "sent"
    path = re.search(r"(/kumppani/kirjaudu/[^/\s]+/)", mail.outbox[-1].body).group(1)
    assert client.post(path)["Location"] == reverse("partners:home")
    page = client.get(reverse("partners:home")).content.decode()
    person = ContactPerson.objects.get(email=PARTNER_EMAIL)
    assert person.employer.account_owner.username == "teacher" and person.employer.name in page


def test_the_demo_partner_sees_feedback_figures_a_shared_reaction_their_level_and_thanks(seeded, client):
    from partners.feedback import feedback_summary

    person = ContactPerson.objects.get(email=PARTNER_EMAIL)
    summary = feedback_summary(person.employer)
    assert not summary.withheld and all(figure.count >= 5 for figure in summary.figures)
    for message in OutboxMessage.objects.filter(kind="thanks", status="pending"):
        outbox_deliver(message.pk)
    client.post(reverse("partners:start"), {"email": PARTNER_EMAIL})
    outbox_deliver(OutboxMessage.objects.get(kind="partner-sign-in").pk)
    client.post(re.search(r"(/kumppani/kirjaudu/[^/\s]+/)", mail.outbox[-1].body).group(1))
    feedback = client.get(reverse("partners:feedback")).content.decode()
    assert "Perehdytykseen on nyt varattu" in feedback
    partnership = client.get(reverse("partners:partnership")).content.decode()
    assert "Kiitos, että otitte opiskelijan taas vastaan!" in partnership
    assert "The institution has not assessed the level of your partnership yet." not in partnership


def test_the_demo_brochures_are_the_institutions_own_in_three_languages(seeded):
    from brochures.content import OWN_COLOUR
    from brochures.models import BrochureColourChange, BrochureText, BrochureTextOverride, DownloadKind
    from brochures.rendering import Inputs, Variant, own_colour, variant_html
    from devtools.demo.brochures import CALL_TO_ACTION
    from devtools.demo.brochures import OWN_COLOUR as DEMO_COLOUR

    for language in ("fi", "sv", "en"):
        text = BrochureText.objects.get(language=language)
        assert text.introduction_employer and text.introduction_student and text.links
        assert text.history.exists()
    assert own_colour() == DEMO_COLOUR and BrochureColourChange.objects.get().after == DEMO_COLOUR
    override = BrochureTextOverride.objects.get()
    assert (override.key, override.audience, override.language) == ("check_practices", "employer", "fi")
    html = variant_html(Variant(DownloadKind.BROCHURE, "employer", "fi", OWN_COLOUR), Inputs())
    html = html.replace("\xad", "")  # the brochure hyphenates long Finnish words
    assert CALL_TO_ACTION in html and "Järvilaakson ammattiopisto etsii työpaikkoja" in html
