"""Workload figures other capabilities add to the workload page without editing this
app (notes adds "overdue notes"), listed in caseload/composition.py:

    WorkloadFigure(
        key="overdue_notes",
        label=_("Notes overdue"),
        count=overdue_notes_count,
        nudge_at=5,
        nudge=_("{count} notes are overdue. A protected half hour to catch up may help."),
    )

`count(user)` answers for the professional's own work only; it must not name clients,
since a supervisor sees the figures too.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from caseload.core.composition import composed


@dataclass(frozen=True)
class WorkloadFigure:
    key: str
    label: str | Promise
    count: Callable[..., int]
    # A nudge shows when the count is at or above `nudge_at` (None: never).
    nudge_at: int | None = None
    nudge: str | Promise = ""  # may use {count} and {threshold}
    suggest_supervision: bool = False


def registered_figures() -> tuple[WorkloadFigure, ...]:
    """The figures the composition lists, in its order."""
    return composed("WORKLOAD_FIGURES")
