"""The partner page's demo contact: an address that signs in with `make run` (the e-mail
with the link is printed by the Celery worker, since DEBUG sends e-mail to the console), and
what their page shows: the students' feedback on their workplace (enough answers for the
figures), a shared "you said, we did", their level and a thank-you."""

import datetime

from partnerships import services
from partnerships.models import (
    QUESTIONS,
    Agreement,
    ContactPerson,
    Employer,
    FeedbackRequest,
    LevelRecord,
    QualificationUnit,
    Student,
    ThankYou,
)

PARTNER_EMAIL = "kumppani@demo.example"
# Students' answers about the demo partner's workplace: more than the five the partner page
# needs to show a figure.
FEEDBACK_ANSWERS = 7


class PartnerPageSeeding:
    def partner_page(self, staff) -> None:
        if ContactPerson.objects.filter(email=PARTNER_EMAIL).exists():
            return
        # The teacher's first employer, so that `teacher` sees the partner's changes and requests.
        employer = Employer.objects.filter(account_owner=staff["teacher"]).order_by("name").first()
        if employer is None:
            return
        partner = services.contact_person_create(
            employer=employer,
            data={
                "first_name": "Paula",
                "last_name": "Kumppani",
                "title": "HR-päällikkö",
                "email": PARTNER_EMAIL,
                "phone": "+358401110000",
                "language": "fi",
            },
        )
        self._partner_feedback(employer, partner, staff["teacher"])
        if not LevelRecord.objects.current(self.today).filter(employer=employer).exists():
            services.level_record(
                employer=employer,
                by=staff["coordinator"],
                level=self._everyday_level(),
                rationale="Jaksoja joka vuosi, ohjaajat koulutettu.",
                date=self.today - datetime.timedelta(days=30),
            )

    @staticmethod
    def _everyday_level():
        from checkpoints.models import PartnershipLevel

        return PartnershipLevel.objects.filter(cross_cutting=False).order_by("order")[1]

    def _partner_feedback(self, employer, partner, teacher) -> None:
        """Past work periods at the partner's workplace with the students' answers, the
        institution's shared reaction to the weakest one, and the thanks for the latest."""
        workplace = employer.workplaces.order_by("pk").first()
        students = list(Student.objects.filter(qualification__isnull=False).order_by("pk")[:FEEDBACK_ANSWERS])
        # Each student's period in a national unit of their own qualification.
        units = {}
        for unit in QualificationUnit.objects.filter(
            qualification__in=[student.qualification_id for student in students], is_local=False
        ).order_by("pk"):
            units.setdefault(unit.qualification_id, unit)
        requests = []
        for index, student in enumerate(students):
            # Spread over this year and the last, the latest ending a few days ago.
            end = self.today - datetime.timedelta(days=5 + 60 * index)
            agreement = Agreement.objects.create(
                type="training",
                status="signed",
                student=student,
                workplace=workplace,
                instructor=partner,
                responsible_teacher=teacher,
                created_by=teacher,
                hoks_reference=f"HOKS-DEMO-{index + 1}",
                days_per_week=4,
            )
            period = agreement.work_periods.create(
                unit=units[student.qualification_id], start=end - datetime.timedelta(days=42), end=end
            )
            request = FeedbackRequest.objects.create(
                work_period=period,
                respondent="student",
                student=student,
                email=student.email or f"opiskelija{student.pk}@demo.example",
                language=student.language,
            )
            low = index == 2
            services.feedback_answer_save(
                request=request,
                scores={key: (2 if low else self.rng.choice([3, 4, 5])) for key, _c, _t in QUESTIONS},
                texts={"induction": "Perehdytys jäi lyhyeksi." if low else ""},
                contact_me=False,
                comment="",
            )
            requests.append((request, agreement))
        weakest, _agreement = requests[2]
        services.feedback_react(
            request=weakest,
            by=teacher,
            text=(
                "Perehdytykseen on nyt varattu kokonainen ensimmäinen päivä, ja opettaja käy "
                "työpaikalla jakson ensimmäisellä viikolla."
            ),
            shared_with_partner=True,
        )
        _request, latest = requests[0]
        thank_you, _created = ThankYou.objects.get_or_create(agreement=latest)
        services.thanks_send(
            thank_you=thank_you, by=teacher, personal_note="Kiitos, että otitte opiskelijan taas vastaan!"
        )
