"""A believable demo institution: units, staff, groups, employers with workplaces and people,
students, a year of contacts, and agreements with work periods. Deterministic (one seeded
random generator) and written through the services, like real data."""

import datetime
import random
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from checkpoints.models import Checkpoint, PartnershipLevel
from core.models import Institution, Role, StudentGroup, Unit, User

from . import services
from .models import (
    QUESTIONS,
    Channel,
    Employer,
    FeedbackRequest,
    ItemKind,
    Qualification,
    QualificationUnit,
    Student,
)
from .selectors.level_suggestions import evidence_for, suggest
from .validators import business_id_check_digit

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
# name, sector, municipality, group that trains there, extra workplaces
EMPLOYERS = [
    ("Sähkö-Virtanen Oy", "F", "Tampere", "SÄH24A", []),
    ("Kiinteistösähkö Laine Oy", "F", "Nokia", "SÄH24A", []),
    ("Automaatio Rantanen Oy", "C", "Kangasala", "SÄH24A", []),
    ("Pirkan Sähköasennus Oy", "F", "Ylöjärvi", "SÄH24A", []),
    ("Valkeakosken Voimalaitos Oy", "D", "Valkeakoski", "SÄH24A", []),
    ("Konepaja Heinonen Oy", "C", "Lempäälä", "SÄH24A", []),
    ("Autokorjaamo Mäkinen Oy", "G", "Tampere", "AUT25A", []),
    ("Rengas ja Huolto Salo Oy", "G", "Pirkkala", "AUT25A", []),
    ("Kuljetus Mäkelä Oy", "H", "Nokia", "LOG24A", []),
    ("Pirkanmaan Logistiikka Oy", "H", "Lempäälä", "LOG24A", []),
    ("Varastopalvelu Kivelä Oy", "H", "Sastamala", "LOG24A", []),
    ("Ravintola Kultainen Lusikka", "I", "Tampere", "RAV25A", []),
    ("Kahvila Kanerva Ab", "I", "Tampere", "RAV25A", []),
    ("Hotelli Näsinranta Oy", "I", "Tampere", "RAV25A", []),
    ("Lounasravintola Pata Oy", "I", "Orivesi", "RAV25A", []),
    ("Catering Aalto Oy", "I", "Kangasala", "RAV25A", []),
    ("Hoivakoti Kotirinne Oy", "Q", "Ylöjärvi", "SOTE24B", []),
    ("Palvelutalo Päivärinne Oy", "Q", "Valkeakoski", "SOTE24B", []),
    ("Fysioterapia Kunto Oy", "Q", "Tampere", "SOTE24B", []),
    (
        "Järvilaakson kaupunki",
        "O",
        "Tampere",
        "SOTE24B",
        [
            ("Päiväkoti Satakieli", "Tampere"),
            ("Päiväkoti Pikku-Myy", "Tampere"),
            ("Kotihoito, läntinen alue", "Tampere"),
            ("Kaupungin varikko", "Tampere"),
            ("Kirjasto ja kulttuuritalo", "Tampere"),
            ("Liikuntapalvelut", "Tampere"),
        ],
    ),
    (
        "Pirkanmaan hyvinvointialue",
        "Q",
        "Tampere",
        "SOTE24B",
        [
            ("Sastamalan sairaala, osasto 2", "Sastamala"),
            ("Valkeakosken terveyskeskus", "Valkeakoski"),
            ("Kotihoito Nokia", "Nokia"),
            ("Hammashoitola Kangasala", "Kangasala"),
        ],
    ),
    (
        "Osuuskauppa Järvilaakso",
        "G",
        "Tampere",
        "LOG24A",
        [
            ("Prisma Lielahti", "Tampere"),
            ("S-market Nokia", "Nokia"),
            ("Sale Pirkkala", "Pirkkala"),
            ("Ravintola Amarillo", "Tampere"),
        ],
    ),
    ("Tietotekniikka Hakala Oy", "J", "Tampere", "", []),
    ("Tilitoimisto Numerola Oy", "M", "Kangasala", "", []),
    ("Rakennus Koivisto Oy", "F", "Lempäälä", "", []),
    ("Puutarha Vihervaara", "A", "Orivesi", "", []),
    ("Siivouspalvelu Kirkas Oy", "N", "Tampere", "", []),
    ("Kiinteistöhuolto Jokela Oy", "L", "Pirkkala", "", []),
    ("Painotalo Sivu Oy", "C", "Tampere", "", []),
    ("Metsäpalvelu Honkanen", "A", "Sastamala", "", []),
    ("Vesihuolto Pirkka Oy", "E", "Nokia", "", []),
    ("Kauneushoitola Helmi", "S", "Ylöjärvi", "", []),
    ("Teatteri Kulissi ry", "R", "Tampere", "", []),
    ("Vakuutuspalvelu Turva Oy", "K", "Tampere", "", []),
    ("Autokoulu Ajokki Oy", "P", "Kangasala", "AUT25A", []),
    ("Kuntosali Voima Oy", "R", "Pirkkala", "", []),
    ("Sähkötukku Kytkin Oy", "G", "Tampere", "SÄH24A", []),
    ("Leipomo Lämmin Oy", "C", "Valkeakoski", "RAV25A", []),
    ("Toiminimi Lehtonen", "S", "Orivesi", "", []),  # a sole trader without a Y-tunnus yet
    ("Kirjapaino Laatu Oy", "C", "Nokia", "", []),
]
FIRST_NAMES = [
    "Pekka", "Maria", "Jari", "Sanna", "Timo", "Johanna", "Mikko", "Laura", "Antti", "Heidi",
    "Juha", "Minna", "Kari", "Tiina", "Ville", "Elina", "Janne", "Katja", "Markku", "Riikka",
]  # fmt: skip
LAST_NAMES = [
    "Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen",
    "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen", "Niemi",
]  # fmt: skip
STUDENT_FIRST = [
    "Aino", "Eetu", "Emma", "Onni", "Ella", "Leevi", "Sofia", "Elias", "Aada", "Veeti",
    "Venla", "Lauri", "Iida", "Niilo", "Helmi", "Joel", "Linnea", "Oskar", "Saga", "Eino",
]  # fmt: skip
TITLES = ["toimitusjohtaja", "työnjohtaja", "henkilöstöpäällikkö", "esihenkilö", "asentaja", "vuoropäällikkö"]
SUMMARIES = [
    ("Soitin työnjohtajalle ja sovimme kevään työpaikkajaksoista kahdelle opiskelijalle.", [3]),
    ("Kävin työpaikalla tapaamassa työpaikkaohjaajaa ja opiskelijaa. Jakso etenee hyvin.", [4]),
    ("Perehdytin uuden työpaikkaohjaajan: ohjaajan tehtävät, arviointi ja yhteystiedot.", [4]),
    ("Sovimme näytön ajankohdasta ja arvioijista.", [7]),
    ("Kiitin yritystä syksyn jaksosta ja veimme kiitoskortin.", [8]),
    ("Yritys kysyi oppisopimusmahdollisuuksista uudelle työntekijälle.", [1, 8]),
    ("Käytiin läpi opiskelijan aiempi osaaminen ja tavoitteet ennen jaksoa.", [2, 3]),
    ("Ohjaaja antoi palautetta: toivovat tiiviimpää yhteydenpitoa jakson aikana.", [6]),
    ("Opiskelijan jakso keskeytyi sairausloman vuoksi; sovimme jatkosta.", [5]),
    ("Rekrytointitapahtumassa yrityksen edustaja esitteli kesätyömahdollisuudet.", [1]),
    ("Lähetin Molempi parempi -esitteen ja tietoa koulutussopimuksesta.", [1]),
    ("Tarkistimme jakson tiedot eHOKSiin: ohjaajan puhelinnumero puuttui, nyt lisätty.", [6]),
    ("Työpaikalla vaihtui ohjaaja; sovimme perehdytyksestä uudelle ohjaajalle.", [4, 5]),
    ("Yhteispalaveri oppilaitoksella: yrityksen osaamistarpeet ensi vuodelle.", [8]),
    ("Opiskelija esitteli näyttösuunnitelman ohjaajalle ja opettajalle.", [7]),
    ("Kysyin mahdollisuutta ottaa kaksi opiskelijaa syksyllä.", [1]),
    ("Työpaikan edustaja vieraili luokassa kertomassa alan töistä.", [2]),
    ("Yritys pyysi lisätietoa koulutuskorvauksesta oppisopimuksessa.", [1]),
    ("Sovimme yhteisestä kehittämispäivästä ohjaajien kanssa.", [4, 6]),
    ("Puhelu: opiskelijan työajoista ja nuorten työntekijöiden säännöistä.", [3, 5]),
    ("Lähetin opiskelijapalautteen yhteenvedon ja kiitokset yhteistyöstä.", [6, 8]),
    ("Tapasimme messuilla, yritys kiinnostunut jatkamaan yhteistyötä.", [8]),
    ("Työpaikkaohjaajakoulutuksen kutsu lähetetty.", [4]),
    ("Keskustelimme opiskelijan motivaatiosta ja urapolusta.", [2]),
    ("Yritys ilmoitti lomautuksista; selvitimme vaikutukset oppisopimukseen.", [5]),
]


def business_id(rng: random.Random) -> str:
    """A Y-tunnus valid by the check-digit algorithm (domain.md), from a random body."""
    while True:
        body = f"{rng.randrange(1_000_000, 3_400_000):07d}"
        check = business_id_check_digit(body)
        if check is not None:
            return f"{body}-{check}"


def phone(rng: random.Random) -> str:
    return f"0{rng.choice([40, 44, 45, 50])} {rng.randrange(100, 999)} {rng.randrange(1000, 9999)}"


def ascii_name(text: str) -> str:
    table = str.maketrans({"ä": "a", "ö": "o", "å": "a", " ": "", "-": "", ".": "", ",": ""})
    return text.lower().translate(table)


class DemoSeeder:
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
        self.initiatives(employers, staff)
        self.prospects(staff)
        return self.counts()

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

    def employers(self, staff, groups) -> list[tuple[Employer, str]]:
        teachers = [u for u in staff.values() if u.username != "coordinator"]
        group_owner = {name: staff[t[0]] for name, _u, t, _q in GROUPS}
        created = []
        for index, (name, sector, municipality, group, extra) in enumerate(EMPLOYERS):
            owner = None if index % 9 == 8 else group_owner.get(group) or self.rng.choice(teachers)
            employer = services.employer_create(
                name=name,
                municipality=municipality,
                business_id=None if name.startswith("Toiminimi") else business_id(self.rng),
                sector=sector,
                website=f"https://www.{ascii_name(name.split()[0])}.example",
                account_owner=owner,
                street_address=f"{self.rng.choice(['Teollisuus', 'Kauppa', 'Koulu', 'Rautatien'])}katu "
                f"{self.rng.randrange(1, 60)}",
                postal_code=f"33{self.rng.randrange(100, 999)}",
            )
            for workplace_name, workplace_municipality in extra:
                services.workplace_create(
                    employer=employer, data={"name": workplace_name, "municipality": workplace_municipality}
                )
            self.people(employer)
            created.append((employer, group))
        return created

    def people(self, employer: Employer) -> None:
        domain = ascii_name(employer.name.split()[0]) + ".example"
        workplaces = list(employer.workplaces.all())
        for i in range(self.rng.randrange(1, 5)):
            first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
            instructor = i > 0 or self.rng.random() < 0.3
            inducted = instructor and self.rng.random() < 0.7
            services.contact_person_create(
                employer=employer,
                data={
                    "first_name": first,
                    "last_name": last,
                    "title": "työpaikkaohjaaja" if instructor and i > 0 else self.rng.choice(TITLES),
                    "email": f"{ascii_name(first)}.{ascii_name(last)}@{domain}",
                    # A few people lack a phone: their e-mail address is enough for the national feedback.
                    "phone": phone(self.rng) if self.rng.random() < 0.85 else "",
                    "language": self.rng.choices(["fi", "sv", "en"], weights=[90, 8, 2])[0],
                    "workplace": self.rng.choice(workplaces) if len(workplaces) > 1 else None,
                    "is_instructor": instructor,
                    "induction_date": self.today - datetime.timedelta(days=self.rng.randrange(30, 700))
                    if inducted
                    else None,
                    "instructor_training": "Työpaikkaohjaajakoulutus 2 osp" if inducted and i % 2 else "",
                    "instructor_training_date": self.today
                    - datetime.timedelta(days=self.rng.randrange(60, 900))
                    if inducted and i % 2
                    else None,
                },
            )

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

    def contacts(self, employers, staff) -> None:
        checkpoints = {c.number: c for c in Checkpoint.objects.all()}
        teacher = staff["teacher"]
        for index, (employer, _group) in enumerate(employers):
            if index % 11 == 10:
                continue  # never contacted
            people = list(employer.people.all())
            # Some employers have gone quiet: their last contact is over 90 days ago.
            newest = self.rng.randrange(100, 200) if index % 7 == 6 else self.rng.randrange(0, 60)
            for _ in range(self.rng.randrange(3, 12)):
                summary, tags = self.rng.choice(SUMMARIES)
                author = employer.account_owner or self.rng.choice(list(staff.values()))
                services.contact_log(
                    employer=employer,
                    author=author,
                    channel=self.rng.choice(Channel.values),
                    summary=summary,
                    date=self.today - datetime.timedelta(days=self.rng.randrange(newest, 365)),
                    persons=self.rng.sample(people, k=min(len(people), self.rng.randrange(0, 3))),
                    checkpoints=[checkpoints[t] for t in tags],
                )
        # The demo teacher's open follow-ups: overdue, today and next week.
        own = [e for e, _g in employers if e.account_owner_id == teacher.pk]
        for days_ago, follow_in, note in [
            (10, -3, "Soita ja vahvista kevään jaksojen aloituspäivät."),
            (5, 0, "Lähetä näytön arviointilomake ohjaajalle."),
            (2, 6, "Varaa käynti työpaikalle jakson puoliväliin."),
            (1, 9, "Kysy mahdollisuutta oppisopimukseen kesäksi."),
        ]:
            date = self.today - datetime.timedelta(days=days_ago)
            services.contact_log(
                employer=own[days_ago % len(own)],
                author=teacher,
                channel=Channel.PHONE,
                summary="Puhelu ohjaajan kanssa jakson järjestelyistä.",
                date=date,
                follow_up_date=self.today + datetime.timedelta(days=follow_in),
                follow_up_note=note,
            )

    def agreements(self, employers, students, staff, units_by_qualification) -> None:
        by_group: dict[str, list[Employer]] = {}
        for employer, group in employers:
            if group:
                by_group.setdefault(group, []).append(employer)
        for index, student in enumerate(students):
            if index % 3 == 2:
                continue  # not every student is at a workplace this year
            employer = self.rng.choice(by_group[student.group.name])
            workplace = self.rng.choice(list(employer.workplaces.all()))
            instructors = [p for p in employer.people.all() if p.is_instructor] or list(employer.people.all())
            responsible = student.group.teachers.order_by("pk").first()
            unit = self.rng.choice(units_by_qualification[student.qualification.name_fi])
            start = self.today + datetime.timedelta(days=self.rng.randrange(-120, 40))
            end = start + datetime.timedelta(days=self.rng.randrange(30, 120))
            apprenticeship = index % 4 == 0 and (
                student.date_of_birth is None or self._age(student, start) >= 15
            )
            data = {
                "type": "apprenticeship" if apprenticeship else "training",
                "student": student,
                "workplace": workplace,
                "instructor": self.rng.choice(instructors),
                "responsible_teacher": responsible,
                "hoks_reference": f"HOKS-{student.student_number}",
                "young_workers_considered": True,
                "age_confirmed": True,
                "overlap_confirmed": True,
            }
            if apprenticeship:
                data.update(hours_per_week=Decimal("37.5"), wage_confirmed=True)
                if index % 8 == 0:
                    data["training_compensation"] = Decimal(300)
            else:
                data["days_per_week"] = Decimal(self.rng.choice([3, 4, 5]))
            periods = [
                {
                    "unit": unit,
                    "start": start,
                    "end": end,
                    "part_time_percent": self.rng.choice([None, 60, 100, 100]),
                }
            ]
            agreement = services.agreement_create(by=responsible, data=data, periods=periods)
            if index % 5 != 4:
                signed = {
                    "provider_signed_on": start - datetime.timedelta(days=14),
                    "employer_signed_on": start - datetime.timedelta(days=12),
                    "student_signed_on": start - datetime.timedelta(days=12) if apprenticeship else None,
                    "student_informed_on": None if apprenticeship else start - datetime.timedelta(days=10),
                }
                services.agreement_change_status(
                    agreement=agreement, by=responsible, status="signed", signed=signed
                )
            for kind in (ItemKind.READINESS, ItemKind.PLANNING, ItemKind.INDUCTION):
                if start - datetime.timedelta(days=5) < self.today and self.rng.random() < 0.75:
                    services.agreement_item_record(
                        agreement=agreement,
                        by=responsible,
                        kind=kind,
                        done_on=min(start - datetime.timedelta(days=3), self.today),
                        participants=["student", "teacher", "instructor"]
                        if kind == ItemKind.PLANNING
                        else None,
                    )
            if index % 6 == 0 and data["instructor"]:
                services.demonstration_save(
                    by=responsible,
                    student=student,
                    data={
                        "unit": unit,
                        "agreement": agreement,
                        "date": end - datetime.timedelta(days=7),
                        "start_time": datetime.time(8 + index % 5, 0),
                        "duration_minutes": self.rng.choice([90, 120, 180]),
                        "teacher_assessor": responsible,
                        "worklife_assessor": data["instructor"],
                        "status": "scheduled",
                    },
                )

    def paths(self, employers, students, units_by_qualification) -> None:
        """ "Molempi parempi" paths: some students add an agreement of the other type, after the
        first (a summer apprenticeship) or at the same time, one has two concurrent part-time
        apprenticeships (20 h + 10 h a week), and some periods have an interruption."""
        by_group: dict[str, list[Employer]] = {}
        for employer, group in employers:
            if group:
                by_group.setdefault(group, []).append(employer)
        summer = datetime.date(self.today.year + (self.today.month > 5), 6, 1)
        for index, student in enumerate(students):
            first = student.agreements.filter(status__in=["draft", "signed"]).order_by("pk").first()
            if first is None or index % 4 == 0:
                continue
            responsible = first.responsible_teacher
            units = units_by_qualification[student.qualification.name_fi]
            period = first.work_periods.get()
            if index % 7 == 1:
                services.interruption_record(
                    period=period,
                    by=responsible,
                    data={
                        "start": period.start + datetime.timedelta(days=10),
                        "end": period.start + datetime.timedelta(days=14),
                        "reason": self.rng.choice(["sickness", "layoff", "other"]),
                        "communicated": "Opiskelija ja työpaikkaohjaaja, puhelimitse",
                    },
                )
            if index % 5 not in (1, 3) or first.type != "training":
                continue
            employer = self.rng.choice(
                [e for e in by_group[student.group.name] if e != first.workplace.employer]
            )
            instructor = employer.people.filter(is_instructor=True).first() or employer.people.first()
            concurrent = index % 5 == 3
            start = period.start if concurrent else max(summer, period.end + datetime.timedelta(days=1))
            end = start + datetime.timedelta(days=80 if concurrent else 70)
            services.agreement_create(
                by=responsible,
                data={
                    "type": "apprenticeship",
                    "student": student,
                    "workplace": employer.workplaces.first(),
                    "instructor": instructor,
                    "responsible_teacher": responsible,
                    "hoks_reference": f"HOKS-{student.student_number}",
                    "hours_per_week": Decimal(30 if concurrent else "37.5"),
                    "wage_confirmed": True,
                    "age_confirmed": True,
                    "young_workers_considered": True,
                    "overlap_confirmed": True,
                    "for_summer": not concurrent,
                },
                periods=[
                    {
                        "unit": self.rng.choice(units),
                        "start": start,
                        "end": end,
                        "part_time_percent": 80 if concurrent else 100,
                        "for_summer": not concurrent,
                    }
                ],
            )
        self._concurrent_apprenticeships(by_group, students, units_by_qualification)

    def _concurrent_apprenticeships(self, by_group, students, units_by_qualification) -> None:
        student = next(s for s in students if not s.agreements.exists())
        responsible = student.group.teachers.order_by("pk").first()
        start = self.today - datetime.timedelta(days=20)
        first_employer, second_employer = by_group[student.group.name][:2]
        for employer, hours, declared in ((first_employer, 20, 10), (second_employer, 10, None)):
            services.agreement_create(
                by=responsible,
                data={
                    "type": "apprenticeship",
                    "student": student,
                    "workplace": employer.workplaces.first(),
                    "instructor": employer.people.first(),
                    "responsible_teacher": responsible,
                    "hoks_reference": f"HOKS-{student.student_number}",
                    "hours_per_week": Decimal(hours),
                    # Entered first, it declares the other one's hours until that is entered too.
                    "other_employment_hours": Decimal(declared) if declared else None,
                    "wage_confirmed": True,
                    "age_confirmed": True,
                    "young_workers_considered": True,
                    "overlap_confirmed": True,
                },
                periods=[
                    {
                        "unit": self.rng.choice(units_by_qualification[student.qualification.name_fi]),
                        "start": start,
                        "end": start + datetime.timedelta(days=180),
                        "part_time_percent": hours * 100 // 30,
                    }
                ],
            )

    def instructor_trainings(self, staff) -> None:
        """Some instructors have taken the ohjaan.fi course or a course of the institution."""
        from .models import ContactPerson

        teacher = staff["teacher"]
        for index, person in enumerate(ContactPerson.objects.filter(is_instructor=True).order_by("pk")):
            if index % 3:
                continue
            services.instructor_training_record(
                by=teacher,
                person=person,
                kind="training",
                form="ohjaan_fi" if index % 2 else "course",
                date=self.today - datetime.timedelta(days=self.rng.randrange(20, 400)),
                note="Työpaikkaohjaajan verkkokurssi" if index % 2 else "Työpaikkaohjaajakoulutus 2 osp",
            )

    def levels(self, employers, coordinator: User) -> None:
        """Record most employers' level as their evidence suggests (the coordinator's review)."""
        levels = {level.key: level for level in PartnershipLevel.objects.all()}
        for index, (employer, _group) in enumerate(employers):
            key, reasons = suggest(evidence_for(employer, self.today))
            if key is None or index % 5 == 4:
                continue  # a few are still waiting for a review
            services.level_record(
                employer=employer,
                by=coordinator,
                level=levels[key],
                rationale="; ".join(reasons),
                date=self.today - datetime.timedelta(days=self.rng.randrange(10, 200)),
            )

    def partnership_agreements(self, employers, coordinator: User) -> None:
        """Three partnership agreements: one in force with the biggest partner, a network
        agreement up for renewal, and one that has expired, so the dashboard's three figures,
        the list's filters and the renewal reminder all have something to show."""
        first, second, third, fourth = (employer for employer, _group in employers[:4])
        days = datetime.timedelta
        for title, parties, network, scope, signed_ago, valid_for in (
            (
                f"Kumppanuussopimus {first.name}",
                [first],
                "",
                "Vuosittain vähintään kuusi koulutussopimuspaikkaa, työpaikkaohjaajien koulutus "
                "yhdessä ja yhteinen kehittämispäivä keväisin.",
                200,
                900,
            ),
            (
                "Alueen rakennus- ja kiinteistöalan verkostosopimus",
                [second, third, fourth],
                "Järvilaakson rakennusalan verkosto",
                "Oppisopimus- ja koulutussopimuspaikat verkoston yrityksissä, näytöt yhteisin "
                "kriteerein ja opettajien työelämäjaksot vuorotellen verkoston yrityksissä.",
                700,
                740,
            ),
            (
                f"Yhteistyösopimus {fourth.name} 2023–2025",
                [fourth],
                "",
                "Kesätyöpaikat ja tutustumiskäynnit.",
                1100,
                1000,
            ),
        ):
            signed_on = self.today - days(days=signed_ago)
            services.partnership_agreement_create(
                by=coordinator,
                data={
                    "title": title,
                    "employers": parties,
                    "network_name": network,
                    "scope": scope,
                    "signed_on": signed_on,
                    "valid_until": signed_on + days(days=valid_for),
                    "responsible": coordinator,
                },
            )

    def initiatives(self, employers, staff) -> None:
        """Two co-development initiatives: one in ideation with its log and an evaluation, one
        just started, so the dashboard, employer pages and the report have something to show."""
        checkpoints = {checkpoint.number: checkpoint for checkpoint in Checkpoint.objects.all()}
        teacher, coordinator = staff["teacher"], staff["coordinator"]
        partners = [employer for employer, _group in employers[:3]]
        induction = services.initiative_create(
            by=teacher,
            data={
                "title": "Työpaikkaohjaajan perehdytys kahdessa tunnissa",
                "starting_point": "Ohjaajat kertovat, ettei heillä ole kokonaista päivää perehdytykseen.",
                "goal": "Jokainen työpaikkaohjaaja on perehdytetty ennen jakson alkua.",
                "need": "Lyhyt, joustava perehdytys, jonka voi käydä myös verkossa.",
                "scope": "Sähkö- ja metallialan työpaikat",
                "checkpoints": [checkpoints[4], checkpoints[3]],
                "employers": partners,
                "representatives": [e.people.order_by("-is_instructor", "pk").first() for e in partners],
                "staff": [staff["mikko.lahtinen"], coordinator],
                "resources": "Kaksi opettajaa, 40 tuntia; videotyökalu",
                "start_date": self.today - datetime.timedelta(days=90),
                "end_date": self.today + datetime.timedelta(days=180),
                "metrics": "Ennen jaksoa perehdytettyjä ohjaajia ≥ 90 %; palaute perehdytyksestä ≥ 4,0",
            },
        )
        for days_ago, kind, text in [
            (80, "interview", "Haastateltiin viittä ohjaajaa kolmesta yrityksestä."),
            (60, "survey", "Kysely 40 ohjaajalle: 70 % toivoo verkkovaihtoehtoa."),
            (45, "workshop", "Työpaja yritysten kanssa: tarve ja tavoite sovittiin yhdessä."),
        ]:
            services.initiative_log(
                initiative=induction,
                by=teacher,
                data={"kind": kind, "date": self.today - datetime.timedelta(days=days_ago), "text": text},
            )
        services.initiative_change_phase(
            initiative=induction, by=teacher, to_phase="ideate", decision="Ohjausryhmä hyväksyi määrittelyn."
        )
        services.initiative_log(
            initiative=induction,
            by=staff["mikko.lahtinen"],
            data={
                "kind": "prototype",
                "date": self.today - datetime.timedelta(days=20),
                "text": "Kokeiltiin 20 minuutin videota ja tarkistuslistaa kahdessa yrityksessä.",
            },
        )
        services.initiative_evaluate(
            initiative=induction,
            by=teacher,
            date=self.today - datetime.timedelta(days=5),
            measured="Ennen jaksoa perehdytetyt ohjaajat",
            result="72 %",
            text="Lisättiin iltatilaisuus niille, jotka eivät ehdi päivällä.",
        )
        services.initiative_create(
            by=coordinator,
            data={
                "title": "Palautteeseen reagointi näkyväksi",
                "starting_point": "Työnantajat eivät tiedä, mitä heidän palautteelleen tapahtuu.",
                "checkpoints": [checkpoints[6]],
                "employers": partners[:1],
                "staff": [teacher],
                "start_date": self.today - datetime.timedelta(days=10),
            },
        )

    def prospects(self, staff) -> None:
        """New partners in every stage of the pipeline, one of them already an employer."""
        teacher, coordinator = staff["teacher"], staff["coordinator"]
        rows = [
            (teacher, "Aurinkosähkö Saarinen Oy", "D", "Jyväskylä", "Sami Saarinen", "identified", ""),
            (teacher, "Hoivakoti Kotiranta", "Q", "Muurame", "Riikka Ranta", "contacted", ""),
            (coordinator, "Laaksonen Logistiikka Oy", "H", "Jyväskylä", "Jari Laaksonen", "meeting", ""),
            (
                coordinator,
                "Kahvila Kanerva",
                "I",
                "Laukaa",
                "Kaisu Kanerva",
                "dropped",
                "Ei voi ottaa opiskelijoita tänä vuonna",
            ),
            (teacher, "Puusepänverstas Honka", "C", "Jyväskylä", "Heikki Honka", "meeting", ""),
        ]
        for owner, name, sector, municipality, contact, stage, reason in rows:
            email = f"{ascii_name(contact.split()[0])}@{ascii_name(name.split()[0])}.example"
            prospect = services.prospect_create(
                by=coordinator,
                data={
                    "name": name,
                    "sector": sector,
                    "municipality": municipality,
                    "contact_name": contact,
                    "contact_email": email,
                    "contact_phone": phone(self.rng),
                    "stage": stage,
                    "dropped_reason": reason,
                    "owner": owner,
                    "notes": "Tavattu alueen yrittäjäillassa.",
                },
            )
        # The last one signed its first agreement and became an employer.
        services.prospect_convert(prospect=prospect, by=teacher)

    def feedback(self) -> None:
        """Feedback requests for the periods that ended, and answers to most of them: some
        praise, some criticism waiting for a reaction."""
        services.feedback_requests_send(self.today)
        for index, request in enumerate(FeedbackRequest.objects.order_by("pk")):
            if index % 4 == 3:
                continue  # not everyone answers
            low = index % 3 == 0
            services.feedback_answer_save(
                request=request,
                scores={
                    key: (self.rng.choice([1, 2, 3]) if low else self.rng.choice([4, 5]))
                    for key, _c, _t in QUESTIONS
                },
                texts={"planning": "Aloitus oli sekava, ohjaaja ei tiennyt tulostani." if low else ""},
                contact_me=low and index % 2 == 0,
                comment="" if low else "Hyvä jakso, opin paljon.",
            )

    @staticmethod
    def _age(student: Student, day: datetime.date) -> int:
        from .rules import age_on

        return age_on(student.date_of_birth, day)

    @staticmethod
    def counts() -> dict[str, int]:
        from .models import Agreement, Contact, ContactPerson, Workplace

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
