"""Demo measures: plans and three to twelve months of PHQ-9 and GAD-7 for the demo's
active clients, recorded through `response_record` like real results (so baselines,
change categories and the risk answers' alerts are all real, each with the severity its
instrument's rule gives: H-097). Some clients improve,
one of `clinician`'s reliably deteriorates (off track), one is due and one overdue, and a
few have a finished earlier episode so the outcomes report has something to count.
Every person and score here is synthetic."""

from datetime import datetime, timedelta

from caseload.clients import services as client_services
from caseload.clients.models import ClientStatus
from caseload.core import clock
from caseload.measures.services import measure_plan_save, response_record
from caseload.safety.models import Alert
from caseload.safety.services import alert_acknowledge

PHQ_ITEMS, GAD_ITEMS = 8, 7  # PHQ-9 items 1-8 carry the demo's total; item 9 is the risk item


def _answers(total: int, items: int, *, extra: list) -> list:
    """An answer set adding up to `total` spread over the first `items` items (0-3 each),
    followed by `extra` (PHQ-9's item 9 and difficulty item, GAD-7's difficulty item)."""
    total = max(0, min(total, 3 * items))
    base, rest = divmod(total, items)
    return [base + (1 if index < rest else 0) for index in range(items)] + extra


def _path(kind: str, points: int, rng) -> list[tuple[int, int]]:
    """(PHQ-9, GAD-7) totals over `points` results for a kind of course."""
    if kind == "improving":
        start, end = rng.randint(15, 21), rng.randint(3, 8)
    elif kind == "worsening":
        start, end = rng.randint(7, 9), rng.randint(17, 20)
    else:  # "stuck": a case all along, no reliable change
        start = end = rng.randint(11, 14)
    path = []
    for index in range(points):
        share = index / max(points - 1, 1)
        phq = round(start + (end - start) * share + rng.uniform(-1.5, 1.5))
        gad = round(phq * 0.75 + rng.uniform(-1.5, 1.5))
        path.append((max(0, min(phq, 24)), max(0, min(gad, 21))))
    return path


def _record_course(client, user, path, start: datetime, step_days: int, risk_at=()) -> None:
    for index, (phq, gad) in enumerate(path):
        when = start + timedelta(days=index * step_days)
        item9 = 1 if index in risk_at else 0
        response_record(
            client=client,
            instrument="phq9",
            answers=_answers(phq, PHQ_ITEMS, extra=[item9, 1 if phq >= 10 else 0]),
            source="session" if index % 3 else "link",
            acting_user=None if index % 3 == 0 else user,
            completed_at=when,
        )
        response_record(
            client=client,
            instrument="gad7",
            answers=_answers(gad, GAD_ITEMS, extra=[1 if gad >= 8 else 0]),
            source="session",
            acting_user=user,
            completed_at=when + timedelta(minutes=5),
        )


def _previous_episode(client, user, rng) -> None:
    """A finished episode a year ago, with its first and last scores, for the outcomes."""
    today = clock.today()
    episode = client.episodes.get()
    # Synthetic background: the record's episode is dated back to make room for history.
    client.episodes.filter(pk=episode.pk).update(started_on=today - timedelta(days=420))
    kind = rng.choice(["improving", "improving", "stuck", "worsening"])
    start = clock.now() - timedelta(days=410)
    _record_course(client, user, _path(kind, 6, rng), start, 21)
    episode.refresh_from_db()
    client_services.episode_close(
        acting_user=user, episode=episode, ended_on=today - timedelta(days=280)
    )
    client_services.episode_open(
        acting_user=user, client=client, started_on=today - timedelta(days=270)
    )


def seed(*, staff, clients, rng) -> None:
    active = [client for client in clients if client.status == ClientStatus.ACTIVE]
    seen: dict[str, int] = {}
    for index, client in enumerate(active):
        user = client.care_team.get(role="primary").user
        position = seen[user.username] = seen.get(user.username, -1) + 1
        months = rng.randint(3, 12)
        if index % 3 == 2:
            _previous_episode(client, user, rng)
            months = min(months, 8)
        else:
            client.episodes.filter(ended_on__isnull=True).update(
                started_on=clock.today() - timedelta(days=months * 31)
            )
        _seed_current(client, user, rng, position, months)
    _seed_core10_risk_answers(staff["clinician"], active, rng)


# CORE-10 with item 6 ("made plans to end my life") answered "Only occasionally": the
# instrument's rule makes that a moderate alert (core10.HIGH_FROM). Items 2 and 3 are
# reverse scored; these answers make a total in the moderate range.
_CORE10_OCCASIONALLY = [2, 2, 2, 2, 2, 1, 2, 2, 2, 2]


def _seed_core10_risk_answers(clinician, active, rng) -> None:
    """Two of `clinician`'s clients answered CORE-10's risk item: one alert waiting, and
    an older one acknowledged after it was discussed in session."""
    own = [client for client in active if client.care_team.filter(user=clinician).exists()]
    if len(own) < 2:
        return
    waiting, discussed = rng.sample(own, 2)
    for client, days_ago in ((waiting, 0), (discussed, 12)):
        response_record(
            client=client,
            instrument="core10",
            answers=_CORE10_OCCASIONALLY,
            source="session",
            acting_user=clinician,
            completed_at=clock.now() - timedelta(days=days_ago),
        )
    alert = discussed.alerts.get(state="open", source="measure", reason__startswith="CORE-10")
    alert = alert_acknowledge(
        acting_user=clinician,
        alert=alert,
        action_taken="no_action",
        note="Discussed in session the same day: a passing thought, no plan; plan unchanged.",
    )
    # Demo only: the alert belongs with its answer, 12 days ago.
    twelve_days = timedelta(days=12)
    Alert.objects.filter(pk=alert.pk).update(
        raised_at=alert.raised_at - twelve_days,
        acknowledged_at=alert.acknowledged_at - twelve_days,
    )


# `clinician`'s first few clients show the signals: off track (with a risk answer in the
# latest PHQ-9), overdue, due. Each clinician's first client has a risk answer.
_OFF_TRACK, _OVERDUE, _DUE = 0, 1, 2


def _seed_current(client, user, rng, position, months) -> None:
    showcase = user.username == "clinician"
    kind = rng.choice(["improving", "improving", "stuck"])
    if showcase and position == _OFF_TRACK:
        kind = "worsening"
    step = 14
    points = max(3, months * 30 // step)
    last_days_ago = rng.randint(1, 12)
    if showcase and position in (_OVERDUE, _DUE):
        last_days_ago = 30 if position == _OVERDUE else 15
    start = clock.now() - timedelta(days=last_days_ago + (points - 1) * step)
    risk_at = {points - 1} if position == 0 else set()
    _record_course(client, user, _path(kind, points, rng), start, step, risk_at)
    measure_plan_save(
        acting_user=user, client=client, instrument="phq9", frequency="weeks", interval_weeks=2
    )
    measure_plan_save(
        acting_user=user,
        client=client,
        instrument="gad7",
        frequency="session" if position % 2 else "weeks",
        interval_weeks=None if position % 2 else 2,
    )
