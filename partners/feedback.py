"""The feedback about a partner's workplaces, as aggregates that protect who answered.

The students' answers to the institution's own feedback (partnerships/models/feedback.py)
concern the workplace; a partner sees them only as averages of at least MIN_ANSWERS answers,
and no combination of the figures offered may single out fewer than that.

How: the answers are split into blocks by the year the period ended and the workplace. Only
some years and workplaces are offered as filters; the others are pooled into "the rest" of
their dimension, and the blocks are the cells of the grid (offered years + the rest) ×
(offered workplaces + the rest). A grid is accepted only when every block holds, for every
question, either no answers or at least MIN_ANSWERS. Every figure shown is the sum of whole
blocks, so any sum or difference of figures is again a sum of whole blocks: it is empty or
rests on at least MIN_ANSWERS answers. Years and workplaces are pooled one at a time, the
smallest first, until the grid is accepted (in the end everything is one block: the
employer's total, shown only if it has MIN_ANSWERS answers itself).

No free text is shown at all: a comment can name its writer or the instructor however many
answers there are, and nothing on the page could tell which ones do.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear

from partnerships.models import QUESTIONS, FeedbackAnswer, Respondent, Workplace

MIN_ANSWERS = 5
REST = None  # the pooled rest of a dimension


@dataclass
class Figure:
    key: str
    text: str
    count: int  # 0 when withheld
    total: int = 0  # the sum of the scores

    @property
    def shown(self) -> bool:
        return self.count >= MIN_ANSWERS

    @property
    def average(self) -> float | None:
        return round(self.total / self.count, 1) if self.shown else None


@dataclass
class FeedbackSummary:
    years: list[int]  # the years offered as a filter
    workplaces: list[Workplace]  # the workplaces offered as a filter
    year: int | None  # the filter asked for (None: all)
    workplace: int | None
    withheld: bool  # the filter asked for is not offered, or too few answers in all
    figures: list[Figure] = field(default_factory=list)

    @property
    def any_shown(self) -> bool:
        return any(f.shown for f in self.figures)


def _cells(employer) -> dict[tuple[int, int, str], tuple[int, int]]:
    """(year, workplace id, question) → (answers, sum of scores): the students' scored answers
    about the employer's workplaces, in one query."""
    rows = (
        FeedbackAnswer.objects.filter(
            request__respondent=Respondent.STUDENT,
            request__answered_at__isnull=False,
            request__work_period__agreement__workplace__employer=employer,
            score__isnull=False,
        )
        .annotate(year=ExtractYear("request__work_period__end"))
        .values_list("year", "request__work_period__agreement__workplace_id", "question")
        .annotate(n=Count("pk"), total=Sum("score"))
        .order_by()
    )
    cells = {(year, workplace, question): (n, total) for year, workplace, question, n, total in rows}
    # A question with fewer answers than that in all is never shown, so it does not hold
    # back the filters of the others.
    per_question: dict[str, int] = defaultdict(int)
    for (_year, _workplace, question), (n, _total) in cells.items():
        per_question[question] += n
    return {key: value for key, value in cells.items() if per_question[key[2]] >= MIN_ANSWERS}


def _grid_ok(cells, years: set, workplaces: set) -> bool:
    blocks: dict[tuple, int] = defaultdict(int)
    for (year, workplace, question), (n, _total) in cells.items():
        block = (year if year in years else REST, workplace if workplace in workplaces else REST, question)
        blocks[block] += n
    return all(n >= MIN_ANSWERS for n in blocks.values())


def offered_filters(cells) -> tuple[set[int], set[int]]:
    """The years and workplace ids that may be offered as filters (see the module's note)."""
    sizes: dict[tuple[str, int], int] = defaultdict(int)
    for (year, workplace, _question), (n, _total) in cells.items():
        sizes[("year", year)] += n
        sizes[("workplace", workplace)] += n
    years = {value for dim, value in sizes if dim == "year"}
    workplaces = {value for dim, value in sizes if dim == "workplace"}
    while (years or workplaces) and not _grid_ok(cells, years, workplaces):
        candidates = [(sizes[("year", y)], 0, y) for y in years] + [
            (sizes[("workplace", w)], 1, w) for w in workplaces
        ]
        _size, dim, value = min(candidates)
        (years if dim == 0 else workplaces).discard(value)
    # A single year or workplace with nothing else beside it is no filter: it is the total.
    if len(years) == 1 and not _rest_nonempty(cells, years, 0):
        years = set()
    if len(workplaces) == 1 and not _rest_nonempty(cells, workplaces, 1):
        workplaces = set()
    return years, workplaces


def _rest_nonempty(cells, offered: set, position: int) -> bool:
    return any(key[position] not in offered for key in cells)


def figures_for(cells, *, year: int | None, workplace: int | None) -> tuple[set, set, bool, list[Figure]]:
    """(offered years, offered workplace ids, whether the filter asked for is offered, the
    figures) from the cells alone: what the page shows, for the tests to take apart."""
    years, workplace_ids = offered_filters(cells)
    offered = (year is None or year in years) and (workplace is None or workplace in workplace_ids)
    figures = []
    for key, _checkpoint, text in QUESTIONS:
        count = total = 0
        if offered:
            for (cell_year, cell_workplace, question), (n, score_sum) in cells.items():
                if question == key and year in (None, cell_year) and workplace in (None, cell_workplace):
                    count, total = count + n, total + score_sum
        if count < MIN_ANSWERS:  # only 0 can be left here; withheld all the same
            count = total = 0
        figures.append(Figure(key=key, text=str(text), count=count, total=total))
    return years, workplace_ids, offered, figures


def feedback_summary(employer, *, year: int | None = None, workplace: int | None = None) -> FeedbackSummary:
    """The figures for one filter: every question's average over the students' answers of
    that year and workplace (None: all), each withheld below MIN_ANSWERS; a filter that is
    not offered withholds everything."""
    years, workplace_ids, offered, figures = figures_for(_cells(employer), year=year, workplace=workplace)
    return FeedbackSummary(
        years=sorted(years, reverse=True),
        workplaces=list(Workplace.objects.filter(pk__in=workplace_ids).order_by("name")),
        year=year,
        workplace=workplace,
        withheld=not offered or not any(figure.shown for figure in figures),
        figures=figures,
    )
