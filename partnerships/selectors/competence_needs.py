"""The coordinator's summary of future competence needs: how many, by sector and horizon."""

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from ..models import CompetenceNeed, Horizon, Sector


@dataclass
class SummaryRow:
    sector: str
    label: str
    cells: list[tuple[str, int]]  # (horizon, count) for each horizon, in Horizon's order
    total: int = 0

    @property
    def counts(self) -> list[int]:
        return [count for _horizon, count in self.cells]


@dataclass
class Summary:
    horizons: list[tuple[str, str]]
    rows: list[SummaryRow] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)
    total: int = 0


def summary_by_sector(needs: QuerySet[CompetenceNeed] | None = None) -> Summary:
    """Counts of `needs` (every need by default) by sector × horizon, in one grouped query.
    Only sectors with needs get a row, in the order of the classification."""
    needs = CompetenceNeed.objects.all() if needs is None else needs
    counted = needs.order_by().values("sector", "horizon").annotate(n=Count("pk", distinct=True))
    grid: dict[str, dict[str, int]] = {}
    for row in counted:
        grid.setdefault(row["sector"], {})[row["horizon"]] = row["n"]
    horizons = list(Horizon.choices)
    summary = Summary(horizons=horizons)
    for sector, label in Sector.choices:
        if sector not in grid:
            continue
        cells = [(value, grid[sector].get(value, 0)) for value, _label in horizons]
        total = sum(count for _value, count in cells)
        summary.rows.append(SummaryRow(sector=sector, label=label, cells=cells, total=total))
    summary.totals = [sum(row.counts[i] for row in summary.rows) for i in range(len(horizons))]
    summary.total = sum(summary.totals)
    return summary
