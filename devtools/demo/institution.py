"""The demo institution: its units, staff, student groups and students."""

from django.contrib.auth.models import Group

from core.models import Role, StudentGroup, User
from partnerships import services
from partnerships.models import Qualification, QualificationUnit, Student

from .names import LAST_NAMES, STUDENT_FIRST, ascii_name, phone

INSTITUTION = {
    "name": "Järvilaakson ammattiopisto",
    "website": "https://www.jarvilaakso.example",
    "email": "tyoelama@jarvilaakso.example",
    "phone": "03 123 4500",
    "street_address": "Opintie 1",
    "postal_code": "33100",
    "city": "Tampere",
}
UNITS = ["Tekniikan kampus", "Palvelujen kampus", "Hyvinvointialan kampus"]
# username, first name, last name, unit index, language, role
STAFF = [
    ("teacher", "Tiina", "Opettaja", 0, "fi", Role.TEACHER),
    ("mikko.lahtinen", "Mikko", "Lahtinen", 0, "fi", Role.TEACHER),
    ("anna.berg", "Anna", "Berg", 1, "sv", Role.TEACHER),
    ("sari.nieminen", "Sari", "Nieminen", 2, "fi", Role.TEACHER),
    ("jussi.koskinen", "Jussi", "Koskinen", 1, "fi", Role.TEACHER),
    ("coordinator", "Kaisa", "Koordinaattori", 2, "fi", Role.COORDINATOR),
]
# group, unit index, teacher usernames, qualification (Finnish name)
GROUPS = [
    ("SÄH24A", 0, ["teacher", "mikko.lahtinen"], "Sähkö- ja automaatioalan perustutkinto"),
    ("AUT25A", 0, ["teacher"], "Ajoneuvoalan perustutkinto"),
    ("RAV25A", 1, ["anna.berg"], "Ravintola- ja catering-alan perustutkinto"),
    ("LOG24A", 1, ["jussi.koskinen"], "Logistiikan perustutkinto"),
    ("SOTE24B", 2, ["sari.nieminen", "coordinator"], "Sosiaali- ja terveysalan perustutkinto"),
]
# The national units (partnerships/reference.py, loaded by a migration) the demo's work
# periods and demonstrations cover. Where we ship no units of a qualification's own, the
# demo uses the optional units common to all qualifications.
DEMO_UNITS = {
    "Sähkö- ja automaatioalan perustutkinto": ["Yrityksessä toimiminen", "Ilmastovastuullinen toiminta"],
    "Ajoneuvoalan perustutkinto": ["Ajoneuvon huoltotyöt", "Jarrujen korjaus", "Rengas- ja vannemyyntityö"],
    "Ravintola- ja catering-alan perustutkinto": [
        "Yrityksessä toimiminen",
        "Kansainvälisessä työympäristössä toimiminen",
    ],
    "Logistiikan perustutkinto": [
        "Kuorma-auton tavarankuljetusten hallinta",
        "Jakelukuljetukset",
        "Elintarvikekuljetukset",
    ],
    "Sosiaali- ja terveysalan perustutkinto": [
        "Asiakkaan kohtaaminen ja ohjaaminen",
        "Hyvinvoinnin ja toimintakyvyn edistäminen",
    ],
}


class InstitutionSeeding:
    """The staff, groups and students of DemoSeeder (seeder.py), which owns `rng` and `today`."""

    def staff(self, units) -> dict[str, User]:
        people = {}
        for username, first, last, unit_index, language, role in STAFF:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{ascii_name(first)}.{ascii_name(last)}@jarvilaakso.example",
                    "unit": units[unit_index],
                    "language": language,
                    "is_staff": role == Role.COORDINATOR,
                },
            )
            if created:
                user.set_unusable_password()
                user.save()
            user.groups.add(Group.objects.get(name=role))
            people[username] = user
        return people

    def groups(self, units, staff) -> dict[str, StudentGroup]:
        groups = {}
        for name, unit_index, teachers, _qualification in GROUPS:
            group, _created = StudentGroup.objects.get_or_create(
                name=name, defaults={"unit": units[unit_index]}
            )
            group.teachers.add(*(staff[t] for t in teachers))
            groups[name] = group
        return groups

    def qualification_units(self) -> dict[str, list[QualificationUnit]]:
        return {
            qualification_name: [
                QualificationUnit.objects.get(
                    qualification__name_fi=qualification_name, name_fi=name, is_local=False
                )
                for name in names
            ]
            for qualification_name, names in DEMO_UNITS.items()
        }

    def students(self, groups) -> list[Student]:
        students = []
        number = 1
        for name, _unit, _teachers, qualification_name in GROUPS:
            qualification = Qualification.objects.get(name_fi=qualification_name)
            year = 2000 + int(name[-3:-1])
            for _ in range(12):
                first, last = self.rng.choice(STUDENT_FIRST), self.rng.choice(LAST_NAMES)
                age = self.rng.choice([16, 17, 17, 18, 19, 22, 28, 35, 44])
                students.append(
                    services.student_create(
                        data={
                            "first_name": first,
                            "last_name": last,
                            "student_number": f"JL{year % 100}{number:03d}",
                            "learner_oid": f"1.2.246.562.24.{self.rng.randrange(10**10, 10**11):011d}"
                            if self.rng.random() < 0.8
                            else "",
                            "email": f"{ascii_name(first)}.{ascii_name(last)}{number}@opiskelija.example",
                            "phone": phone(self.rng),
                            "date_of_birth": self.today.replace(year=self.today.year - age, month=6, day=15)
                            if self.rng.random() < 0.9
                            else None,
                            "qualification": qualification,
                            "group": groups[name],
                            "language": "sv" if name == "RAV25A" and self.rng.random() < 0.4 else "fi",
                        }
                    )
                )
                number += 1
        return students
