"""The initiative form prefilled from the self-assessment summary's "where is most to develop":
the level's name and questions, and (for a coordinator) the year and the level's mean."""

import pytest
from django.urls import reverse

from checkpoints.models import LevelQuestion, PartnershipLevel, SelfAssessment, SelfAssessmentAnswer
from checkpoints.summary import develop_link
from partnerships.forms.initiatives import initial_from_self_assessment
from partnerships.models import Initiative


@pytest.fixture
def assessment(db):
    assessment = SelfAssessment.objects.create(year=2026)
    for question, rating in zip(LevelQuestion.objects.filter(level__key="everyday"), [1, 2], strict=False):
        SelfAssessmentAnswer.objects.create(assessment=assessment, question=question, rating=rating)
    return assessment


def test_the_button_opens_the_initiative_form_prefilled_with_the_level_and_its_questions(
    assessment, coordinator_client
):
    level = PartnershipLevel.objects.get(key="everyday")
    url = develop_link(assessment, level)
    assert url.startswith(reverse("partnerships:initiative_create") + "?")
    form = coordinator_client.get(url).context["form"]
    assert form.initial["title"] == f"Developing the partnership level: {level.name}"
    starting_point = form.initial["starting_point"]
    assert starting_point.startswith(
        "Self-assessment 2026 (The whole institution): the mean rating of the level is 1.50"
    )
    for question in level.questions.all():
        assert f"{question.number}. {question.text}" in starting_point


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("fi", "Kumppanuuden tason kehittäminen: "),
        ("sv", "Utveckling av partnerskapsnivån: "),
        ("en", "Developing the partnership level: "),
    ],
)
def test_the_prefill_in_each_language(assessment, coordinator_client, language, title):
    level = PartnershipLevel.objects.get(key="everyday")
    page = coordinator_client.get(develop_link(assessment, level), headers={"Accept-Language": language})
    assert page.context["form"].initial["title"] == title + getattr(level, f"name_{language}")


def test_saving_the_prefilled_form_starts_the_initiative(assessment, coordinator_client, coordinator):
    level = PartnershipLevel.objects.get(key="everyday")
    initial = initial_from_self_assessment(
        user=coordinator, level_key="everyday", assessment_pk=str(assessment.pk)
    )
    response = coordinator_client.post(
        develop_link(assessment, level),
        {**initial, "owner": coordinator.pk, "start_date": "2026-12-02"},
    )
    initiative = Initiative.objects.get()
    assert response.status_code == 302
    assert (initiative.title, initiative.starting_point) == (initial["title"], initial["starting_point"])


def test_a_teacher_gets_the_questions_but_not_the_coordinators_self_assessment(assessment, teacher):
    initial = initial_from_self_assessment(
        user=teacher, level_key="everyday", assessment_pk=str(assessment.pk)
    )
    assert "2026" not in initial["starting_point"]
    assert initial["starting_point"].startswith("The level's self-assessment questions:")


def test_an_unknown_level_prefills_nothing(assessment, coordinator):
    assert initial_from_self_assessment(user=coordinator, level_key="nope", assessment_pk="x") == {}
