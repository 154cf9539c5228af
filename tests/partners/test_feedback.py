"""The feedback about the partner's workplaces: aggregates of at least five answers under every
filter, no smaller group derivable from two figures, no free text; and "you said, we did"
with only the reactions staff chose to share."""

import datetime
import itertools
import random

import pytest
from django.urls import reverse
from django.utils import timezone

from partners.feedback import MIN_ANSWERS, feedback_summary, figures_for
from partnerships.models import QUESTIONS, FeedbackAnswer, FeedbackReaction, FeedbackRequest

from ..factories import (
    AgreementFactory,
    EmployerFactory,
    QualificationUnitFactory,
    StudentFactory,
    WorkplaceFactory,
)
from .test_signin import ville  # noqa: F401  (the partner signed in by `partner`)

KEYS = [key for key, _checkpoint, _text in QUESTIONS]
CHECKPOINT = {key: number for key, number, _text in QUESTIONS}


def answered(workplace, teacher, *, year: int, scores: dict, comment: str = "", respondent="student"):
    """One student's answered feedback on a period at `workplace` that ended in `year`."""
    student = StudentFactory(email="aino@opiskelija.example")
    agreement = AgreementFactory(student=student, workplace=workplace, responsible_teacher=teacher)
    end = datetime.date(year, 5, 15)
    period = agreement.work_periods.create(
        unit=QualificationUnitFactory(), start=end - datetime.timedelta(days=30), end=end
    )
    request = FeedbackRequest.objects.create(
        work_period=period,
        respondent=respondent,
        student=student,
        email=student.email,
        answered_at=timezone.now(),
        comment=comment,
    )
    FeedbackAnswer.objects.bulk_create(
        FeedbackAnswer(request=request, question=key, checkpoint=CHECKPOINT[key], score=score, text=comment)
        for key, score in scores.items()
    )
    return request


def all_scores(score: int) -> dict:
    return dict.fromkeys(KEYS, score)


# The property: the figures of every filter a partner can ask for, taken apart.


def random_answers(rng: random.Random) -> list[tuple[int, int, int, str, int]]:
    """(respondent, year, workplace, question, score): a few respondents over a few years and
    workplaces, some skipping questions, sized around the threshold on purpose."""
    years = rng.sample(range(2021, 2027), rng.randint(1, 4))
    workplaces = list(range(1, rng.randint(2, 5)))
    rows = []
    for respondent in range(rng.randint(0, 26)):
        year, workplace = rng.choice(years), rng.choice(workplaces)
        for key in KEYS:
            if rng.random() < 0.85:
                rows.append((respondent, year, workplace, key, rng.randint(1, 5)))
    return rows


def cells_of(rows) -> dict:
    cells = {}
    for _respondent, year, workplace, key, score in rows:
        n, total = cells.get((year, workplace, key), (0, 0))
        cells[(year, workplace, key)] = (n + 1, total + score)
    return cells


def requestable(rows) -> list[tuple]:
    """Every filter: all, each year and workplace in the data, and one that is not there."""
    years = {row[1] for row in rows} | {1999}
    workplaces = {row[2] for row in rows} | {999}
    return list(itertools.product([None, *years], [None, *workplaces]))


def shown_sets(rows, cells) -> list[tuple[str, frozenset, float]]:
    """(question, the answers a shown figure rests on, its average) over every filter."""
    shown = []
    for year, workplace in requestable(rows):
        _years, _workplaces, _offered, figures = figures_for(cells, year=year, workplace=workplace)
        for figure in figures:
            if not figure.shown:
                continue
            answers = frozenset(
                (row[0], row[3])
                for row in rows
                if row[3] == figure.key and year in (None, row[1]) and workplace in (None, row[2])
            )
            shown.append((figure.key, answers, figure.average))
    return shown


def assert_no_small_group_revealed(shown) -> None:
    for key, answers, _average in shown:
        assert len(answers) >= MIN_ANSWERS, (key, len(answers))
    for (key_a, a, _), (key_b, b, _) in itertools.combinations(shown, 2):
        if key_a == key_b and (a <= b or b <= a):
            assert len(a ^ b) == 0 or len(a ^ b) >= MIN_ANSWERS, (key_a, len(a), len(b))


def test_no_filter_combination_shows_a_figure_or_a_difference_of_fewer_than_five_answers():
    rng = random.Random(24)
    figures_seen = 0
    for _trial in range(400):
        rows = random_answers(rng)
        cells = cells_of(rows)
        shown = shown_sets(rows, cells)
        figures_seen += len(shown)
        assert_no_small_group_revealed(shown)
        # The figures that are shown are right: each average is that of its answers.
        scores = {(row[0], row[3]): row[4] for row in rows}
        for _key, answers, average in shown:
            assert average == round(sum(scores[a] for a in answers) / len(answers), 1)
    assert figures_seen > 1000  # the trials did show figures, not only withhold them


def test_a_workplace_whose_rest_would_be_fewer_than_five_is_not_offered():
    # All workplaces 7, workplace 1 has 5: offering it would give away workplace 2's 2.
    rows = [(r, 2025, 1 if r < 5 else 2, key, 4) for r in range(7) for key in KEYS]
    years, workplaces, _offered, figures = figures_for(cells_of(rows), year=None, workplace=None)
    assert (years, workplaces) == (set(), set())
    assert all(figure.count == 7 for figure in figures)
    _years, _workplaces, offered, figures = figures_for(cells_of(rows), year=None, workplace=1)
    assert not offered and not any(figure.shown for figure in figures)


def test_two_workplaces_of_five_or_more_are_both_offered():
    rows = [(r, 2025, 1 if r < 5 else 2, key, 4) for r in range(11) for key in KEYS]
    _years, workplaces, offered, figures = figures_for(cells_of(rows), year=None, workplace=2)
    assert workplaces == {1, 2} and offered
    assert {figure.count for figure in figures} == {6}


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2])
def test_the_selector_on_the_database_withholds_as_the_property_says(seed, teacher):
    rng = random.Random(seed)
    employer = EmployerFactory()
    workplaces = [employer.workplaces.first(), WorkplaceFactory(employer=employer)]
    for _respondent in range(rng.randint(6, 14)):
        scores = {key: rng.randint(1, 5) for key in KEYS if rng.random() < 0.9}
        answered(rng.choice(workplaces), teacher, year=rng.choice([2024, 2025]), scores=scores)
    rows = [
        (
            a.request_id,
            a.request.work_period.end.year,
            a.request.work_period.agreement.workplace_id,
            a.question,
            a.score,
        )
        for a in FeedbackAnswer.objects.select_related("request__work_period__agreement")
    ]
    shown = []
    for year, workplace in itertools.product([None, 2024, 2025], [None, *(w.pk for w in workplaces)]):
        summary = feedback_summary(employer, year=year, workplace=workplace)
        for figure in summary.figures:
            if figure.shown:
                answers = frozenset(
                    (r[0], r[3])
                    for r in rows
                    if r[3] == figure.key and year in (None, r[1]) and workplace in (None, r[2])
                )
                assert len(answers) == figure.count
                shown.append((figure.key, answers, figure.average))
    assert_no_small_group_revealed(shown)


# The page.


@pytest.mark.django_db
def test_the_partner_sees_averages_of_their_own_workplaces_and_no_comment(partner, ville, teacher):  # noqa: F811
    workplace = ville.employer.workplaces.first()
    for score in (5, 4, 4, 5, 2):
        answered(workplace, teacher, year=2025, scores=all_scores(score), comment="Ohjaaja Ville huusi")
    other = EmployerFactory(name="Muu Oy").workplaces.first()
    for _n in range(6):
        answered(other, teacher, year=2025, scores=all_scores(1))
    page = partner.get(reverse("partners:feedback")).content.decode()
    assert "4.0" in page and "5 answers" in page
    assert "1.0" not in page and "6 answers" not in page
    assert "huusi" not in page


@pytest.mark.django_db
def test_fewer_than_five_answers_are_withheld_with_an_explanation(partner, ville, teacher):  # noqa: F811
    for score in (5, 4, 1, 2):
        answered(ville.employer.workplaces.first(), teacher, year=2025, scores=all_scores(score))
    page = partner.get(reverse("partners:feedback")).content.decode()
    assert "Not shown: fewer than 5 answers." in page
    assert "3.0" not in page


@pytest.mark.django_db
def test_a_filter_not_offered_shows_nothing_even_when_asked_for_by_hand(partner, ville, teacher):  # noqa: F811
    first = ville.employer.workplaces.first()
    second = WorkplaceFactory(employer=ville.employer, name="Toinen halli")
    for _n in range(5):
        answered(first, teacher, year=2025, scores=all_scores(5))
    for _n in range(2):
        answered(second, teacher, year=2025, scores=all_scores(1))
    page = partner.get(reverse("partners:feedback")).content.decode()
    assert "Toinen halli" not in page and "3.9" in page  # 7 answers: (25 + 2) / 7
    for workplace in (first, second):
        page = partner.get(reverse("partners:feedback"), {"toimipaikka": workplace.pk}).content.decode()
        assert "Not shown: fewer than 5 answers." in page
        assert "5.0" not in page and "1.0" not in page
    assert partner.get(reverse("partners:feedback"), {"vuosi": "x' or 1=1"}).status_code == 200


@pytest.mark.django_db
def test_the_partners_own_peoples_answers_are_not_counted_as_the_students(partner, ville, teacher):  # noqa: F811
    for _n in range(5):
        answered(
            ville.employer.workplaces.first(),
            teacher,
            year=2025,
            scores=all_scores(3),
            respondent="instructor",
        )
    assert feedback_summary(ville.employer).withheld


# "You said, we did".


def reaction(request, teacher, text, *, shared):
    return FeedbackReaction.objects.create(request=request, text=text, by=teacher, shared_with_partner=shared)


@pytest.mark.django_db
def test_only_shared_reactions_about_this_employer_appear(partner, ville, teacher):  # noqa: F811
    own = answered(ville.employer.workplaces.first(), teacher, year=2025, scores=all_scores(1))
    other = answered(EmployerFactory().workplaces.first(), teacher, year=2025, scores=all_scores(1))
    reaction(own, teacher, "Perehdytys uusittiin yhdessä", shared=True)
    reaction(own, teacher, "Sisäinen: opettaja vaihdettiin", shared=False)
    reaction(other, teacher, "Toisen yrityksen asia", shared=True)
    page = partner.get(reverse("partners:feedback")).content.decode()
    assert "Perehdytys uusittiin yhdessä" in page
    assert "Sisäinen" not in page and "Toisen yrityksen" not in page


@pytest.mark.django_db
def test_a_reaction_is_not_shared_unless_staff_say_so(teacher_client, teacher):
    feedback = answered(EmployerFactory().workplaces.first(), teacher, year=2025, scores=all_scores(1))
    url = reverse("partnerships:feedback_detail", args=[feedback.pk])
    teacher_client.post(url, {"text": "Soitettiin ohjaajalle"})
    teacher_client.post(url, {"text": "Jaettava", "shared_with_partner": "on"})
    assert dict(FeedbackReaction.objects.values_list("text", "shared_with_partner")) == {
        "Soitettiin ohjaajalle": False,
        "Jaettava": True,
    }


@pytest.mark.django_db
def test_the_responsible_teacher_shares_and_unshares_a_reaction_and_another_teacher_cannot(
    teacher_client, other_teacher, teacher
):
    from django.test import Client

    feedback = answered(EmployerFactory().workplaces.first(), teacher, year=2025, scores=all_scores(1))
    recorded = reaction(feedback, teacher, "Korjattu", shared=False)
    url = reverse("partnerships:feedback_detail", args=[feedback.pk])
    page = teacher_client.get(url).content.decode()
    assert "Show it on the employer&#x27;s partner page" in page and 'name="shared_with_partner"' in page
    response = teacher_client.post(url, {"reaction": recorded.pk, "shared": "1"})
    assert response.status_code == 302
    recorded.refresh_from_db()
    assert recorded.shared_with_partner and recorded.history.first().history_user == teacher
    teacher_client.post(url, {"reaction": recorded.pk, "shared": "0"})
    recorded.refresh_from_db()
    assert not recorded.shared_with_partner
    other = Client(headers={"Accept-Language": "en"})
    other.force_login(other_teacher)
    assert other.post(url, {"reaction": recorded.pk, "shared": "1"}).status_code == 404
    recorded.refresh_from_db()
    assert not recorded.shared_with_partner
    # A reaction of another feedback cannot be switched through this one.
    elsewhere = reaction(
        answered(EmployerFactory().workplaces.first(), teacher, year=2025, scores=all_scores(1)),
        teacher,
        "Muualla",
        shared=False,
    )
    response = teacher_client.post(url, {"reaction": elsewhere.pk, "shared": "1"}, follow=True)
    assert "That reaction is not on this feedback." in response.content.decode()
    elsewhere.refresh_from_db()
    assert not elsewhere.shared_with_partner
