"""The self-assessment workbook: every level's questions answered with text and a rating, the
summary, last year's answers beside this year's, and a PDF report."""

import pytest
from django.urls import reverse

from checkpoints.models import LevelQuestion, SelfAssessment

from ..brochures.pdfs import text_of


@pytest.fixture
def last_year(coordinator):
    from checkpoints import services

    assessment = services.self_assessment_open(by=coordinator, year=2025, unit=None)
    question = LevelQuestion.objects.get(level__key="everyday", number=1)
    services.self_assessment_save(
        assessment=assessment,
        by=coordinator,
        answers={question.pk: ("Opettajat kävivät työpaikoilla harvoin.", 2)},
        cherished="Paikallinen kauppa.",
        to_develop="Työpaikkaohjaajien koulutus.",
    )
    return question


def test_a_coordinator_answers_the_workbook_beside_last_years_answers(last_year, coordinator_client):
    response = coordinator_client.post(
        reverse("checkpoints:self_assessment_list"), {"year": 2026, "unit": ""}
    )
    assessment = SelfAssessment.objects.get(year=2026)
    assert response["Location"] == reverse("checkpoints:self_assessment", args=[assessment.pk])
    page = coordinator_client.get(
        reverse("checkpoints:self_assessment", args=[assessment.pk])
    ).content.decode()
    assert page.count('name="text-') == LevelQuestion.objects.count() == 23
    assert "Opettajat kävivät työpaikoilla harvoin." in page  # last year's answer beside
    coordinator_client.post(
        reverse("checkpoints:self_assessment", args=[assessment.pk]),
        {
            f"text-{last_year.pk}": "Vierailut kuukausittain.",
            f"rating-{last_year.pk}": "4",
            "cherished": "Sairaanhoitopiiri ja kaupunki.",
            "to_develop": "Palautteeseen reagointi.",
        },
    )
    answer = assessment.answers.get(question=last_year)
    assert (answer.text, answer.rating) == ("Vierailut kuukausittain.", 4)
    assessment.refresh_from_db()
    assert assessment.to_develop == "Palautteeseen reagointi."


def test_a_rating_outside_1_to_5_is_refused(last_year, coordinator_client, coordinator):
    assessment = SelfAssessment.objects.create(year=2026)
    response = coordinator_client.post(
        reverse("checkpoints:self_assessment", args=[assessment.pk]),
        {f"text-{last_year.pk}": "x", f"rating-{last_year.pk}": "9"},
    )
    assert response.status_code == 200
    assert not assessment.answers.exists()


def test_the_report_pdf_carries_the_answers_and_the_summary(last_year, coordinator_client):
    assessment = SelfAssessment.objects.get(year=2025)
    response = coordinator_client.get(reverse("checkpoints:self_assessment_pdf", args=[assessment.pk]))
    text = text_of(response.content)
    assert "Opettajat kävivät työpaikoilla harvoin." in text
    assert "Työpaikkaohjaajien koulutus." in text
    assert "Everyday partnership" in text
