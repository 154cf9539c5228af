"""The demo's employers, their workplaces and their people."""

import datetime

from partnerships import services
from partnerships.models import Employer

from .institution import GROUPS
from .names import FIRST_NAMES, LAST_NAMES, ascii_name, business_id, phone

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
TITLES = ["toimitusjohtaja", "työnjohtaja", "henkilöstöpäällikkö", "esihenkilö", "asentaja", "vuoropäällikkö"]


class EmployerSeeding:
    """The employers of DemoSeeder (seeder.py), which owns `rng` and `today`."""

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
