"""An answered feedback on one work period, shared by the feedback view and service tests."""

import datetime

from partnerships import services
from partnerships.models import FeedbackRequest

from ..factories import AgreementFactory, ContactPersonFactory, EmployerFactory, StudentFactory

START, END = datetime.date(2027, 1, 11), datetime.date(2027, 3, 26)


def answered_feedback(*, teacher, group, respondent="student", language="fi", **answer):
    """Feedback from the student (or a partner) of a period at Sähkö-Virtanen Oy, answered
    with a 2 for planning and a 4 for induction unless told otherwise."""
    employer = EmployerFactory(name="Sähkö-Virtanen Oy")
    student = StudentFactory(
        first_name="Aino", last_name="Aaltonen", group=group, email="aino@opiskelija.example"
    )
    agreement = AgreementFactory(
        student=student, workplace=employer.workplaces.get(), responsible_teacher=teacher, period=(START, END)
    )
    period = agreement.work_periods.get()
    person = None if respondent == "student" else ContactPersonFactory(employer=employer)
    request = FeedbackRequest.objects.create(
        work_period=period,
        respondent=respondent,
        student=student if respondent == "student" else None,
        person=person,
        email="vastaaja@example.fi",
        language=language,
    )
    return services.feedback_answer_save(
        request=request,
        scores=answer.get("scores", {"planning": 2, "induction": 4}),
        texts=answer.get("texts", {"planning": "Kukaan ei kertonut aloituksesta."}),
        contact_me=answer.get("contact_me", False),
        comment=answer.get("comment", ""),
    )
