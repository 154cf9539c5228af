"""The feedback detail page names each question, in the reader's language, with its checkpoint
beside it (issue 21)."""

import pytest
from django.urls import reverse

from checkpoints.models import Checkpoint

from ..feedback_data import answered_feedback


@pytest.mark.parametrize(
    ("language", "question", "checkpoint"),
    [
        ("fi", "Työpaikkajakso suunniteltiin yhdessä etukäteen.", "kriittinen piste 3"),
        ("sv", "Arbetsplatsperioden planerades tillsammans i förväg.", "kritisk punkt 3"),
        ("en", "The work period was planned together beforehand.", "checkpoint 3"),
    ],
)
def test_the_detail_page_shows_each_questions_text_with_its_checkpoint_beside_it(
    teacher, teacher_group, teacher_client, language, question, checkpoint
):
    feedback = answered_feedback(teacher=teacher, group=teacher_group)
    teacher.language = language
    teacher.save()
    page = teacher_client.get(reverse("partnerships:feedback_detail", args=[feedback.pk])).content.decode()
    answers = page.split('id="answers-heading"')[1].split('id="reactions-heading"')[0]
    assert question in answers
    name = getattr(Checkpoint.objects.get(number=3), f"name_{language}")
    assert f"{checkpoint}: {name}" in answers
    # The question comes first; the checkpoint is secondary information after it.
    assert answers.index(question) < answers.index(checkpoint)
    assert "Kukaan ei kertonut aloituksesta." in answers
    # Every answered question is there by its text, not only by its checkpoint's number.
    assert answers.count("text-bg-") == 5


def test_the_list_names_the_questions_of_the_answers_waiting_for_a_reaction(
    teacher, teacher_group, teacher_client
):
    answered_feedback(teacher=teacher, group=teacher_group)
    teacher.language = "fi"
    teacher.save()
    page = teacher_client.get(reverse("partnerships:feedback_list")).content.decode()
    assert "Työpaikkajakso suunniteltiin yhdessä etukäteen." in page.split('id="recent-heading"')[0]
