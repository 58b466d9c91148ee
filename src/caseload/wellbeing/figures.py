"""Workload figures: a small registry, so that other capabilities add their own counts to
the workload page without editing this app (notes adds "overdue notes", plans adds
"overdue reviews").

    from caseload.wellbeing.figures import WorkloadFigure, register_workload_figure

    register_workload_figure(WorkloadFigure(
        key="overdue_notes",
        label=_("Notes overdue"),
        count=lambda user: unsigned_notes_older_than_a_week(user).count(),
        nudge_at=5,
        nudge=_("{count} notes are overdue. A protected half hour to catch up may help."),
    ))

Call it from the app's AppConfig.ready(). `count(user)` answers for the professional's
own work only; it must not name clients, since a supervisor sees the figures too.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class WorkloadFigure:
    key: str
    label: str
    count: Callable[..., int]
    order: int = 100
    # A nudge shows when the count is at or above `nudge_at` (None: never).
    nudge_at: int | None = None
    nudge: str = ""  # may use {count} and {threshold}
    suggest_supervision: bool = False


_FIGURES: dict[str, WorkloadFigure] = {}


def register_workload_figure(figure: WorkloadFigure) -> None:
    """Add (or replace, by key) a figure on every professional's workload page."""
    _FIGURES[figure.key] = figure


def registered_figures() -> list[WorkloadFigure]:
    return sorted(_FIGURES.values(), key=lambda figure: (figure.order, figure.key))
