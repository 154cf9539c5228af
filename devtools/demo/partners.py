"""The partnership over time in the demo: instructors' training, feedback and its answers,
levels, partnership agreements, the strategic network, co-development initiatives, prospects,
competence needs and the staff in working life."""

import datetime

from checkpoints.models import Checkpoint, PartnershipLevel
from core.models import User
from partnerships import services
from partnerships.models import QUESTIONS, ContactPerson, FeedbackRequest, NetworkOrganisation, Qualification
from partnerships.selectors.level_suggestions import evidence_for, suggest

from .names import ascii_name, phone

# Staff in working life: username, kind, title, employer (index) or organisation, days ago, days, notes
STAFF_ACTIVITIES = [
    (
        "teacher",
        "work_period",
        "Kaksi viikkoa lämpöpumppuasennuksissa",
        0,
        260,
        10,
        "Uudet kylmäaineet ja kaukovalvonta mukaan LVI-opetukseen.",
    ),
    (
        "mikko.lahtinen",
        "work_period",
        "Tietomallinnus työmaalla",
        1,
        190,
        5,
        "BIM-mallin käyttö työmaakokouksissa; opiskelijoille harjoitus mallista.",
    ),
    (
        "anna.berg",
        "work_period",
        "Arbetslivsperiod i hotellets reception",
        4,
        150,
        8,
        "Bokningssystemet och kundservice på svenska och engelska.",
    ),
    (
        "sari.nieminen",
        "work_period",
        "Viikko kotihoidon tiimissä",
        5,
        300,
        5,
        "Etähoivan laitteet ja lääkehoito.",
    ),
    (
        "jussi.koskinen",
        "forum",
        "Matkailualan työelämäfoorumi",
        "Järvilaakson matkailuyhdistys",
        220,
        1,
        "Kesäkauden rekrytointitarpeet; työpaikkaohjaajille lyhyt perehdytys.",
    ),
    (
        "teacher",
        "forum",
        "Rakennusalan työelämäfoorumi",
        "Rakennusalan foorumi",
        70,
        1,
        "Korjausrakentamisen osaajista pulaa; yhteinen koulutuspäivä sovittiin syksylle.",
    ),
    (
        "mikko.lahtinen",
        "development_day",
        "Yhteinen kehittämispäivä työpaikkaohjaajien kanssa",
        2,
        40,
        1,
        "Arvioinnin yhteiset kriteerit näyttöihin.",
    ),
    (
        "coordinator",
        "forum",
        "AMKEn työelämäfoorumi",
        "AMKE ry",
        200,
        2,
        "Työelämäyhteistyön laatukriteerit.",
    ),
    (
        "sari.nieminen",
        "development_day",
        "Hoiva-alan koulutuspäivä",
        "Hyvinvointialueen koulutusyksikkö",
        20,
        1,
        "",
    ),
]


class PartnerSeeding:
    """The partnership work of DemoSeeder (seeder.py), which owns `rng` and `today`."""

    def instructor_trainings(self, staff) -> None:
        """Some instructors have taken the ohjaan.fi course or a course of the institution."""
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

    def network(self, staff) -> None:
        """The strategic network: the organisations of a regional institution, and a year of
        cooperation with them (this year's and last year's), so the dashboard's figures and the
        self-assessment's strategic questions have something beside them."""
        coordinator, teacher = staff["coordinator"], staff["teacher"]
        organisations = {
            key: services.network_organisation_create(by=coordinator, data=data)
            for key, data in {
                "ely": {
                    "name": "Järvilaakson ELY-keskus",
                    "kind": "ely",
                    "description": "Työvoimakoulutus ja alueen ennakointi.",
                    "contact_names": "Eeva Kettunen, ennakointiasiantuntija",
                },
                "te": {
                    "name": "Järvilaakson TE-palvelut",
                    "kind": "te_services",
                    "description": "Työnhakijoiden ohjaus koulutukseen ja rekrytointitapahtumat.",
                    "contact_names": "Tapio Mäkelä, yritysasiantuntija",
                },
                "chamber": {
                    "name": "Järvilaakson kauppakamari",
                    "kind": "chamber",
                    "website": "https://kauppakamari.jarvilaakso.example",
                    "contact_names": "Hanna Salo, koulutusvaliokunnan sihteeri",
                },
                "amke": {"name": "AMKE ry", "kind": "amke", "website": "https://www.amke.fi"},
                "ministry": {"name": "Opetus- ja kulttuuriministeriö", "kind": "ministry"},
                "uas": {
                    "name": "Järvilaakson ammattikorkeakoulu",
                    "kind": "education_provider",
                    "description": "Väylät jatko-opintoihin ja yhteiset opettajien työelämäjaksot.",
                },
                "project": {
                    "name": "Osaava Järvilaakso -hankeverkosto",
                    "kind": "project_network",
                    "description": "ESR+-hanke alueen pk-yritysten osaamisen kehittämiseen.",
                },
            }.items()
        }
        year = self.today.year
        for month, kind, title, parties, people, their_people in (
            (
                2,
                "meeting",
                "Alueen osaamistarpeiden ennakointikokous",
                ["ely", "te"],
                [coordinator],
                "Eeva Kettunen",
            ),
            (3, "forum", "Kauppakamarin koulutusvaliokunta", ["chamber"], [coordinator], "Hanna Salo"),
            (
                4,
                "joint_project",
                "Osaava Järvilaakso: yritysten osaamiskartoitukset",
                ["project", "ely"],
                [coordinator, teacher],
                "",
            ),
            (5, "forum", "AMKEn työelämäfoorumi", ["amke"], [coordinator], ""),
            (9, "meeting", "Jatko-opintoväylät ammattikorkeakouluun", ["uas"], [teacher], ""),
        ):
            day = datetime.date(year, month, 10)
            if day > self.today:
                # Later in the year than today: last year's, but the first is always this year's.
                day = self.today if month == 2 else day.replace(year=year - 1)
            services.network_cooperation_create(
                by=coordinator,
                data={
                    "date": day,
                    "kind": kind,
                    "title": title,
                    "organisations": [organisations[key] for key in parties],
                    "staff": people,
                    "contact_names": their_people,
                    "notes": "",
                },
            )
        services.network_cooperation_create(
            by=coordinator,
            data={
                "date": datetime.date(year - 1, 11, 20),
                "kind": "meeting",
                "title": "Rekrytointitapahtuma TE-palveluiden kanssa",
                "organisations": [organisations["te"]],
                "staff": [teacher],
                "contact_names": "Tapio Mäkelä",
                "notes": "Kaksitoista työnantajaa, noin sata kävijää.",
            },
        )

    def initiatives(self, employers, staff) -> None:
        """Two co-development initiatives: one in ideation with its log, an evaluation and a
        student representative who consented to take part, one just started, so the dashboard,
        employer pages and the report have something to show."""
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
        # The students' view: a student union representative, who consented in writing to take
        # part and to be named in the log and the steering group's report.
        services.initiative_student_add(
            initiative=induction,
            by=teacher,
            name="Sanni Suomela",
            role="Opiskelijakunnan hallitus",
            consent_on=self.today - datetime.timedelta(days=30),
            consent_method="written",
            consent_scope="named",
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

    def competence_needs(self, employers, staff) -> None:
        """Future competence needs from contacts, a forum and a survey in a few sectors and
        every horizon, one of them the starting point of an initiative, so the list, the
        summary by sector and the initiative's page have something to show."""
        teacher, coordinator = staff["teacher"], staff["coordinator"]
        qualifications = list(Qualification.objects.order_by("pk")[:3])
        partners = [employer for employer, _group in employers[:6]]
        ely = NetworkOrganisation.objects.filter(kind="ely").first()
        rows = [
            (teacher, partners[0], "", "Lämpöpumppujen asennus", "year", "contact", 0),
            (teacher, partners[1], "", "Tietomallinnus (BIM) työmaalla", "1-3", "contact", 1),
            # Heard at the ELY centre's forecasting forum: a need from the strategic network.
            (coordinator, None, ely, "Korjausrakentamisen osaajat", "1-3", "forum", 2),
            (coordinator, partners[2], "", "Sähköautojen latausinfran asennus", "year", "survey", 0),
            (teacher, partners[3], "", "Robotiikka hoivatyössä", "3+", "forum", 1),
            (coordinator, None, "Työnantajakysely 2026", "Vuorovaikutustaidot", "3+", "survey", None),
        ]
        needs = []
        for by, employer, organisation, title, horizon, source, qualification in rows:
            in_network = isinstance(organisation, NetworkOrganisation)
            contact = (
                employer.contacts.order_by("-date").first() if employer and source == "contact" else None
            )
            needs.append(
                services.competence_need_create(
                    by=by,
                    data={
                        "title": title,
                        "description": f"{title}: työnantajat arvioivat tarvitsevansa lisää osaajia.",
                        "employer": employer,
                        "organisation": organisation if in_network else None,
                        "organisation_name": "" if in_network else organisation,
                        "sector": (employer.sector if employer and employer.sector else "F"),
                        "qualification": qualifications[qualification] if qualification is not None else None,
                        "horizon": horizon,
                        "source": source,
                        "contact": contact,
                        "recorded_on": self.today - datetime.timedelta(days=self.rng.randrange(5, 200)),
                    },
                )
            )
        services.competence_need_start_initiative(
            need=needs[1],
            by=teacher,
            data={
                "title": "Tietomallinnus osaksi talonrakennuksen opetusta",
                "starting_point": needs[1].description,
                "employers": [partners[1]],
                "start_date": self.today - datetime.timedelta(days=3),
            },
        )

    def staff_activities(self, employers, staff) -> None:
        """A year of the staff in working life in every unit: teachers' working-life periods at
        the demo's employers, forums and joint development days, so the list, the summary by
        unit, the dashboard and the self-assessment have something to show."""
        members = {
            user.username: user for user in User.objects.filter(username__in=[r[0] for r in STAFF_ACTIVITIES])
        }
        coordinator = staff["coordinator"]
        partners = [employer for employer, _group in employers[:8]]
        for index, (username, kind, title, party, days_ago, days, notes) in enumerate(STAFF_ACTIVITIES):
            starts_on = self.today - datetime.timedelta(days=days_ago)
            # Most record their own; the coordinator records some for them, as after a forum.
            by = coordinator if index % 3 == 2 else members[username]
            services.staff_activity_create(
                by=by,
                data={
                    "staff_member": members[username],
                    "kind": kind,
                    "title": title,
                    "employer": partners[party] if isinstance(party, int) else None,
                    "organisation_name": party if isinstance(party, str) else "",
                    "starts_on": starts_on,
                    "ends_on": starts_on + datetime.timedelta(days=days - 1),
                    "notes": notes,
                },
            )

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
