"""The "you said, we did" note says what it answers, which work period and employer it concerns
and what was done, in the respondent's language, in its text and html parts alike (issue 21)."""

import pytest

from core.models import OutboxMessage
from partnerships import services

from ..feedback_data import answered_feedback

EXPECTED = {
    "fi": {
        "period": "Sähkö-Virtanen Oy (11.1.2027–26.3.2027, Tutkinnon osa",
        "question": "Työpaikkajakso suunniteltiin yhdessä etukäteen.",
        "score": "vastauksesi 2/5",
        "did": "Näin toimimme",
        "subject": "Sanoit – teimme: Sähkö-Virtanen Oy",
    },
    "sv": {
        "period": "Sähkö-Virtanen Oy (2027-01-11–2027-03-26, Examensdel",
        "question": "Arbetsplatsperioden planerades tillsammans i förväg.",
        "score": "ditt svar 2/5",
        "did": "Så här gjorde vi",
        "subject": "Du sa – vi gjorde: Sähkö-Virtanen Oy",
    },
    "en": {
        "period": "Sähkö-Virtanen Oy (01/11/2027–03/26/2027, Qualification unit",
        "question": "The work period was planned together beforehand.",
        "score": "your answer 2/5",
        "did": "This is what we did",
        "subject": "You said, we did: Sähkö-Virtanen Oy",
    },
}


def react(teacher, feedback, text="Sovimme aloituspalaverin."):
    services.feedback_react(request=feedback, by=teacher, text=text, send_note=True)
    return OutboxMessage.objects.get(kind="you-said-we-did")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_note_quotes_the_answer_and_names_the_period_and_employer_in_the_respondents_language(
    teacher, teacher_group, language
):
    feedback = answered_feedback(
        teacher=teacher, group=teacher_group, language=language, comment="Perehdytys jäi lyhyeksi."
    )
    note = react(teacher, feedback)
    expected = EXPECTED[language]
    assert note.language == language
    assert note.subject == expected["subject"]
    for body in (note.body_text, note.body_html):
        for part in ("period", "question", "score", "did"):
            assert expected[part] in body, (part, body)
        assert "Kukaan ei kertonut aloituksesta." in body
        assert "Perehdytys jäi lyhyeksi." in body
        assert "Sovimme aloituspalaverin." in body
        # Only what was said badly is quoted back: the 4 for induction is not.
        assert EXPECTED[language]["score"].replace("2/5", "4/5") not in body
        # The student reads about their own period: no name of theirs needed.
        assert "Aaltonen" not in body


def test_a_partner_reads_which_students_period_it_concerns_as_in_the_request_they_answered(
    teacher, teacher_group
):
    feedback = answered_feedback(teacher=teacher, group=teacher_group, respondent="instructor")
    note = react(teacher, feedback)
    for body in (note.body_text, note.body_html):
        assert "Aino Aaltonen" in body
        assert "Sähkö-Virtanen Oy" in body


def test_a_request_to_be_contacted_is_what_the_note_answers_when_every_score_was_good(teacher, teacher_group):
    feedback = answered_feedback(
        teacher=teacher, group=teacher_group, scores={"planning": 5}, texts={}, contact_me=True
    )
    note = react(teacher, feedback)
    assert "Pyysit, että otamme sinuun yhteyttä." in note.body_text
    assert "Pyysit, että otamme sinuun yhteyttä." in note.body_html
    assert "/5" not in note.body_text


def test_a_long_comment_is_quoted_briefly(teacher, teacher_group):
    feedback = answered_feedback(teacher=teacher, group=teacher_group, comment="sana " * 200)
    note = react(teacher, feedback)
    assert note.body_text.count("sana") < 80


def test_the_students_name_leaves_a_partners_note_when_the_student_is_erased(
    teacher, teacher_group, coordinator
):
    feedback = answered_feedback(teacher=teacher, group=teacher_group, respondent="instructor")
    note = react(teacher, feedback)
    services.erase_student(feedback.work_period.agreement.student, by=coordinator, reason="request")
    note.refresh_from_db()
    for field in (note.subject, note.body_text, note.body_html):
        assert "Aaltonen" not in field
    assert "Sähkö-Virtanen Oy" in note.body_text
