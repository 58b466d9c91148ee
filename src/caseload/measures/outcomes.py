"""The outcomes report: completed episodes with paired PHQ-9 and GAD-7 scores, and the
NHS Talking Therapies rates of recovery, reliable improvement, reliable recovery and
reliable deterioration, by clinician or for the whole service.

Definitions (NHS England, NHS Talking Therapies for anxiety and depression manual, 2024):
- paired: a first and a last score on both PHQ-9 and GAD-7 in the episode;
- caseness: PHQ-9 10 or more, or GAD-7 8 or more;
- recovery: a case at the first scores and not a case at the last; the rate is out of the
  episodes that were a case at the start;
- reliable improvement: a drop of 6 or more on PHQ-9 or 4 or more on GAD-7, and no
  reliable rise on the other; reliable deterioration the same the other way round;
- reliable recovery: recovery and reliable improvement together (rate out of those that
  were a case at the start).

Everything is counted by the database in one grouped query (MeasureResponse keeps its
baseline total and an `is_latest` mark, so the last result of an episode is a plain
join), which keeps the report fast and its memory flat at a service's scale. The CSV
streams one de-identified row per paired episode.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, FilteredRelation, Q, QuerySet

from caseload.accounts.models import User
from caseload.clients.access import clients_visible_to
from caseload.clients.models import CareTeamRole, Client, Episode

PHQ_CASE, GAD_CASE = 10, 8
PHQ_RELIABLE, GAD_RELIABLE = 6, 4


@dataclass(frozen=True)
class OutcomeRow:
    label: str
    completed: int
    paired: int
    case_at_start: int
    recovered: int
    reliable_improvement: int
    reliable_recovery: int
    reliable_deterioration: int

    @staticmethod
    def _rate(count: int, out_of: int) -> float | None:
        return round(100 * count / out_of, 1) if out_of else None

    @property
    def recovery_rate(self) -> float | None:
        return self._rate(self.recovered, self.case_at_start)

    @property
    def reliable_recovery_rate(self) -> float | None:
        return self._rate(self.reliable_recovery, self.case_at_start)

    @property
    def reliable_improvement_rate(self) -> float | None:
        return self._rate(self.reliable_improvement, self.paired)

    @property
    def reliable_deterioration_rate(self) -> float | None:
        return self._rate(self.reliable_deterioration, self.paired)


def _paired_episodes(episodes: QuerySet[Episode]) -> QuerySet[Episode]:
    """Episodes joined to their last PHQ-9 and GAD-7 (each carrying its baseline)."""

    def last(code: str) -> FilteredRelation:
        return FilteredRelation(
            "measure_responses",
            condition=Q(
                measure_responses__instrument=code,
                measure_responses__is_latest=True,
                measure_responses__is_baseline=False,
            ),
        )

    return episodes.annotate(
        phq=last("phq9"),
        gad=last("gad7"),
        p0=F("phq__baseline_total"),
        p1=F("phq__total"),
        g0=F("gad__baseline_total"),
        g1=F("gad__total"),
        p_drop=F("phq__baseline_total") - F("phq__total"),
        g_drop=F("gad__baseline_total") - F("gad__total"),
    )


PAIRED = Q(p0__isnull=False, p1__isnull=False, g0__isnull=False, g1__isnull=False)
CASE_START = Q(p0__gte=PHQ_CASE) | Q(g0__gte=GAD_CASE)
CASE_END = Q(p1__gte=PHQ_CASE) | Q(g1__gte=GAD_CASE)
IMPROVED = Q(p_drop__gte=PHQ_RELIABLE) | Q(g_drop__gte=GAD_RELIABLE)
WORSENED = Q(p_drop__lte=-PHQ_RELIABLE) | Q(g_drop__lte=-GAD_RELIABLE)
RECOVERED = PAIRED & CASE_START & ~CASE_END
RELIABLE_IMPROVEMENT = PAIRED & IMPROVED & ~WORSENED
RELIABLE_DETERIORATION = PAIRED & WORSENED & ~IMPROVED

_COUNTS = {
    "completed": Count("pk"),
    "paired": Count("pk", filter=PAIRED),
    "case_at_start": Count("pk", filter=PAIRED & CASE_START),
    "recovered": Count("pk", filter=RECOVERED),
    "reliable_improvement": Count("pk", filter=RELIABLE_IMPROVEMENT),
    "reliable_recovery": Count("pk", filter=RECOVERED & RELIABLE_IMPROVEMENT),
    "reliable_deterioration": Count("pk", filter=RELIABLE_DETERIORATION),
}


def completed_episodes(clients: QuerySet, start: date, end: date) -> QuerySet[Episode]:
    """Episodes of `clients` that ended between `start` and `end` (inclusive)."""
    return Episode.objects.filter(
        client__in=clients.values("pk"), ended_on__gte=start, ended_on__lte=end
    )


def outcome_total(episodes: QuerySet[Episode], label: str) -> OutcomeRow:
    counts = _paired_episodes(episodes).aggregate(**_COUNTS)
    return OutcomeRow(label=label, **counts)


def outcomes_by_clinician(episodes: QuerySet[Episode]) -> list[OutcomeRow]:
    """One row per primary clinician of the episodes' clients, by name."""
    grouped = (
        _paired_episodes(episodes)
        .annotate(
            primary_member=FilteredRelation(
                "client__care_team", condition=Q(client__care_team__role=CareTeamRole.PRIMARY)
            ),
            clinician_id=F("primary_member__user_id"),
        )
        .values("clinician_id")
        .annotate(**_COUNTS)
        .order_by()
    )
    rows = list(grouped)
    names = {
        user.pk: str(user)
        for user in User.objects.filter(pk__in=[row["clinician_id"] for row in rows])
    }
    result = [
        OutcomeRow(label=names.get(row.pop("clinician_id"), "No primary clinician"), **row)
        for row in rows
    ]
    return sorted(result, key=lambda row: row.label)


def sum_rows(rows: list[OutcomeRow], label: str) -> OutcomeRow:
    """The total of clinicians' rows: every episode is in exactly one of them (a client
    has at most one primary clinician, a database constraint; none counts as its own
    row), so the counts add up, and the team's total costs no second pass over it."""
    fields = [name for name in OutcomeRow.__dataclass_fields__ if name != "label"]
    return OutcomeRow(
        label=label, **{name: sum(getattr(row, name) for row in rows) for name in fields}
    )


CSV_HEADER = [
    "episode",
    "ended_month",
    "clinician",
    "phq9_first",
    "phq9_last",
    "gad7_first",
    "gad7_last",
    "case_at_start",
    "recovered",
    "reliable_improvement",
    "reliable_recovery",
    "reliable_deterioration",
]


def categorise(p0: float, p1: float, g0: float, g1: float) -> dict[str, bool]:
    """The Talking Therapies categories of one paired episode (the same rules as the
    grouped query above, for the CSV's rows)."""
    case_start = p0 >= PHQ_CASE or g0 >= GAD_CASE
    case_end = p1 >= PHQ_CASE or g1 >= GAD_CASE
    improved = p0 - p1 >= PHQ_RELIABLE or g0 - g1 >= GAD_RELIABLE
    worsened = p1 - p0 >= PHQ_RELIABLE or g1 - g0 >= GAD_RELIABLE
    recovered = case_start and not case_end
    improvement = improved and not worsened
    return {
        "case_at_start": case_start,
        "recovered": recovered,
        "reliable_improvement": improvement,
        "reliable_recovery": recovered and improvement,
        "reliable_deterioration": worsened and not improved,
    }


def csv_rows(episodes: QuerySet[Episode], *, with_clinician: bool) -> Iterator[list]:
    """De-identified rows, one per paired episode: a running number instead of any id, the
    month the episode ended instead of the date, and the scores. Streamed in chunks."""
    rows = (
        _paired_episodes(episodes)
        .filter(PAIRED)
        .annotate(
            primary_member=FilteredRelation(
                "client__care_team", condition=Q(client__care_team__role=CareTeamRole.PRIMARY)
            ),
            clinician=F("primary_member__user__username"),
        )
        .order_by("ended_on", "pk")
        .values_list("ended_on", "clinician", "p0", "p1", "g0", "g1")
    )
    yield CSV_HEADER
    for number, (ended, clinician, p0, p1, g0, g1) in enumerate(
        rows.iterator(chunk_size=2000), start=1
    ):
        flags = categorise(p0, p1, g0, g1)
        yield [
            number,
            f"{ended:%Y-%m}",
            clinician if with_clinician else "",
            *(f"{value:g}" for value in (p0, p1, g0, g1)),
            *(int(flags[name]) for name in CSV_HEADER[7:]),
        ]


def report_clients(user, *, service: bool) -> QuerySet[Client]:
    """Whose episodes a supervisor's report counts: their own and their supervisees'
    clients (the clients they may open), or, for the service view, every client. The
    service view is only ever shown as one total, never by clinician or client."""
    return Client.objects.all() if service else clients_visible_to(user)


@dataclass(frozen=True)
class Bar:
    y: float
    width: float
    label: str
    css: str


@dataclass(frozen=True)
class Report:
    rows: list[OutcomeRow]  # by clinician (team view); empty for the service view
    total: OutcomeRow
    bars: list[Bar]
    height: int


RATES = (
    ("recovery_rate", "Recovery", "rate-recovery"),
    ("reliable_improvement_rate", "Reliable improvement", "rate-improvement"),
    ("reliable_recovery_rate", "Reliable recovery", "rate-reliable-recovery"),
    ("reliable_deterioration_rate", "Reliable deterioration", "rate-deterioration"),
)
BAR_HEIGHT, BAR_GAP, CHART_LEFT, CHART_WIDTH = 18, 6, 190, 420


def report_for(user, start: date, end: date, *, service: bool) -> Report:
    episodes = completed_episodes(report_clients(user, service=service), start, end)
    if service:
        rows, total = [], outcome_total(episodes, "Whole service")
    else:
        rows = outcomes_by_clinician(episodes)
        total = sum_rows(rows, "Team total")
    bars = _bars(total)
    return Report(rows=rows, total=total, bars=bars, height=len(bars) * (BAR_HEIGHT + BAR_GAP))


def _bars(row: OutcomeRow) -> list[Bar]:
    """Horizontal bars, one per rate, 0-100 %."""
    bars = []
    for index, (attribute, name, css) in enumerate(RATES):
        rate = getattr(row, attribute)
        text = "no episodes" if rate is None else f"{rate:g}%"
        bars.append(
            Bar(
                y=index * (BAR_HEIGHT + BAR_GAP),
                width=round(CHART_WIDTH * (rate or 0) / 100, 1),
                label=f"{name}: {text}",
                css=css,
            )
        )
    return bars
