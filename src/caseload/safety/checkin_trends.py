"""Trends in a client's check-in scales, for the check-ins tab: a small line chart per
scale (drawn as SVG from numbers computed here) and the last week against the one
before. Pure Python."""

from dataclasses import dataclass
from datetime import datetime, timedelta

WIDTH, HEIGHT, PAD = 300, 80, 6
SCALES = (
    ("mood", "Mood", "higher is better"),
    ("sleep", "Sleep", "higher is better"),
    ("stress", "Stress", "higher is worse"),
)


@dataclass(frozen=True)
class Trend:
    key: str
    label: str
    reading: str
    points: str  # SVG polyline points, "x,y x,y"
    dots: tuple[tuple[float, float, int], ...]
    latest: int | None
    recent_average: float | None
    earlier_average: float | None

    @property
    def change(self) -> float | None:
        if self.recent_average is None or self.earlier_average is None:
            return None
        return round(self.recent_average - self.earlier_average, 1)


def _average(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def trends(checkins, *, now: datetime) -> list[Trend]:
    """`checkins`: objects with received_at and the three scales, any order."""
    ordered = sorted(checkins, key=lambda c: c.received_at)
    week_ago, fortnight_ago = now - timedelta(days=7), now - timedelta(days=14)
    result = []
    for key, label, reading in SCALES:
        rated = [(c.received_at, getattr(c, key)) for c in ordered if getattr(c, key) is not None]
        coordinates = []
        if rated:
            first, last = rated[0][0], rated[-1][0]
            span = (last - first).total_seconds() or 1
            for when, value in rated:
                x = PAD + (WIDTH - 2 * PAD) * ((when - first).total_seconds() / span)
                if len(rated) == 1:
                    x = WIDTH / 2
                y = HEIGHT - PAD - (HEIGHT - 2 * PAD) * value / 10
                coordinates.append((round(x, 1), round(y, 1), value))
        result.append(
            Trend(
                key=key,
                label=label,
                reading=reading,
                points=" ".join(f"{x},{y}" for x, y, _ in coordinates),
                dots=tuple(coordinates),
                latest=rated[-1][1] if rated else None,
                recent_average=_average([v for when, v in rated if when >= week_ago]),
                earlier_average=_average(
                    [v for when, v in rated if fortnight_ago <= when < week_ago]
                ),
            )
        )
    return result
