"""The demo's agreements with their work periods, items and demonstrations, and the
students' "Molempi parempi" paths."""

import datetime
from decimal import Decimal

from partnerships import services
from partnerships.models import Employer, ItemKind, Student
from partnerships.rules import age_on


class AgreementSeeding:
    """The agreements of DemoSeeder (seeder.py), which owns `rng` and `today`."""

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

    @staticmethod
    def _age(student: Student, day: datetime.date) -> int:
        return age_on(student.date_of_birth, day)
