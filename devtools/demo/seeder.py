"""A believable demo institution: units, staff, groups, employers with workplaces and people,
students, a year of contacts, and agreements with work periods. Deterministic (one seeded
random generator) and written through the services, like real data."""

import random

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.models import Institution, Unit, User
from partnerships import services
from partnerships.models import Agreement, Contact, ContactPerson, Employer, Student, Workplace

from .agreements import AgreementSeeding
from .brochures import BrochureSeeding
from .contacts import ContactSeeding
from .employers import EMPLOYERS, EmployerSeeding
from .institution import INSTITUTION, UNITS, InstitutionSeeding
from .partner_page import PartnerPageSeeding
from .partners import PartnerSeeding
from .promises import seed_promises


class DemoSeeder(
    InstitutionSeeding,
    EmployerSeeding,
    ContactSeeding,
    AgreementSeeding,
    PartnerSeeding,
    PartnerPageSeeding,
    BrochureSeeding,
):
    """One seeded random generator for the whole run: the same data every time, each part
    seeded by its own module in the order `run` calls them."""

    def __init__(self, *, stdout=None):
        self.rng = random.Random(2026)
        self.today = timezone.localdate()
        self.stdout = stdout

    def already_seeded(self) -> bool:
        return Employer.objects.filter(name=EMPLOYERS[0][0]).exists()

    @transaction.atomic
    def run(self) -> dict[str, int]:
        Institution.objects.update_or_create(name=INSTITUTION["name"], defaults=INSTITUTION)
        units = [Unit.objects.get_or_create(name=name)[0] for name in UNITS]
        staff = self.staff(units)
        seed_promises(staff["coordinator"])
        groups = self.groups(units, staff)
        units_by_qualification = self.qualification_units()
        employers = self.employers(staff, groups)
        students = self.students(groups)
        self.contacts(employers, staff)
        self.agreements(employers, students, staff, units_by_qualification)
        self.paths(employers, students, units_by_qualification)
        self.instructor_trainings(staff)
        self.feedback()
        services.thanks_prepare(self.today)
        self.partnership_agreements(employers, staff["coordinator"])
        self.levels(employers, staff["coordinator"])
        self.network(staff)
        self.initiatives(employers, staff)
        self.prospects(staff)
        self.competence_needs(employers, staff)
        self.staff_activities(employers, staff)
        self.partner_page(staff)
        self.brochures(staff["coordinator"])
        return self.counts()

    @staticmethod
    def counts() -> dict[str, int]:
        return {
            "employers": Employer.objects.count(),
            "workplaces": Workplace.objects.count(),
            "contact persons": ContactPerson.objects.count(),
            "students": Student.objects.count(),
            "contacts": Contact.objects.count(),
            "agreements": Agreement.objects.count(),
        }


def ensure_demo_logins() -> list[tuple[str, str]]:
    """`teacher` / `demo` and `coordinator` / `demo`, only while DEBUG is on."""
    if not settings.DEBUG:
        return []
    logins = []
    for username in ("teacher", "coordinator"):
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        if not user.check_password("demo"):
            user.set_password("demo")
            user.save(update_fields=["password"])
        logins.append((username, "demo"))
    return logins
