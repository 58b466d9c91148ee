"""`make bench` (second part): the client timeline of a client with five years of weekly
sessions, each with a signed note, against a bare Django view on the same setup, and
against a client with two weeks of history for the query count.

A fresh practice is built with the real commands (migrate, `caseload demo --clients 0`
for the staff); a child process adds the two clients through the services and measures
the pages in-process with django.test.Client, as bench/run.py does. See README.md.
"""

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # run as a script: make `bench` importable

from bench.run import (  # noqa: E402 - after the path is set
    CLINICIAN,
    RUNS,
    WARMUPS,
    _caseload,
    _database,
    _environment,
    _postgres_admin,
    _time_pages,
)

YEARS = 5
# Against the client's overview page, which has the same frame (door, audit event,
# banner, tabs, alerts badge): five years of history may cost at most as much again.
TARGET_RATIO = 2.0


def build_and_measure() -> dict:
    var_dir = Path(tempfile.mkdtemp(prefix="caseload-bench-timeline-"))
    database_url, backend = _database(var_dir)
    environment = _environment(var_dir, database_url)
    try:
        _caseload(["migrate", "--verbosity", "0"], environment)
        _caseload(["demo", "--clients", "0"], environment)
        started = time.perf_counter()
        child = subprocess.run(
            [sys.executable, __file__, "--measure"],
            env={**environment, "DJANGO_SETTINGS_MODULE": "bench.settings"},
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode != 0:
            sys.exit(f"Measuring the timeline failed:\n{child.stdout}{child.stderr}")
        result = json.loads(child.stdout)
        result.update(backend=backend, seconds=time.perf_counter() - started)
        return result
    finally:
        if backend == "postgresql":
            name = urlsplit(database_url).path.lstrip("/")
            _postgres_admin(database_url, ["DROP DATABASE IF EXISTS {} WITH (FORCE)"], name)
        shutil.rmtree(var_dir, ignore_errors=True)


def _client_with_history(clinician, *, name: str, weeks: int):
    """A client with `weeks` of weekly attended sessions up to yesterday, each with a
    signed DAP note, written through the services (with their audit events)."""
    from datetime import date

    from caseload.clients import services as client_services
    from caseload.clients.models import Appointment
    from caseload.core import clock
    from caseload.notes import services

    client = client_services.client_create(
        acting_user=clinician,
        primary_clinician=clinician,
        fields={"legal_name": name, "date_of_birth": date(1980, 1, 1), "status": "active"},
    )
    now = clock.now()
    # The appointment history is background, bulk-made as the demo makes it.
    sessions = Appointment.objects.bulk_create(
        Appointment(
            client=client,
            clinician=clinician,
            starts_at=now - timedelta(days=1, weeks=week),
            duration_minutes=50,
            kind="session",
            attendance="attended" if week % 9 else "no_show",
        )
        for week in range(weeks)
    )
    for session in sessions:
        if session.attendance != "attended":
            continue
        note = services.note_create(
            acting_user=clinician,
            client=client,
            kind="progress",
            appointment=session,
            sections={"data": "Synthetic session.", "plan": "Next week as booked."},
        )
        services.note_sign(acting_user=clinician, note=note, version=note.version)
    return client


def measure() -> dict:
    """In the child process, with bench.settings: build, then time and count queries."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client as HttpClient

    from caseload.accounts.models import User

    user = User.objects.get(username=CLINICIAN)
    long = _client_with_history(user, name="Long History", weeks=52 * YEARS)
    short = _client_with_history(user, name="Short History", weeks=2)
    http = HttpClient()
    http.force_login(user)
    a_year_ago = (long.appointments.order_by("-starts_at")[52].starts_at.date()).isoformat()
    pages = {
        "bare": "/bench/bare/",
        "overview": f"/clients/{long.pk}/",
        "timeline": f"/clients/{long.pk}/timeline/",
        "year_ago": f"/clients/{long.pk}/timeline/?until={a_year_ago}",
        "short": f"/clients/{short.pk}/timeline/",
    }
    return {
        "sessions": long.appointments.count(),
        "notes": long.notes.count(),
        "pages": _time_pages(http, pages, connection),
    }


def report(result: dict) -> str:
    import platform

    bare = result["pages"]["bare"]["ms"]
    lines = [
        f"caseload timeline bench: {result['backend']}, Python {platform.python_version()}, "
        f"median of {RUNS} requests after {WARMUPS} warm-ups; "
        f"{result['sessions']} sessions and {result['notes']} notes over {YEARS} years",
        "",
        f"{'page':<10} {'median ms':>10} {'queries':>8} {'x bare':>7}",
    ]
    for name, page in result["pages"].items():
        lines.append(
            f"{name:<10} {page['ms']:>10.2f} {page['queries']:>8} {page['ms'] / bare:>7.1f}"
        )
    ratio = result["pages"]["timeline"]["ms"] / result["pages"]["overview"]["ms"]
    counts = [result["pages"][name]["queries"] for name in ("timeline", "year_ago", "short")]
    verdicts = [
        (
            ratio < TARGET_RATIO,
            f"timeline is {ratio:.1f}x the client's overview page (target: under "
            f"{TARGET_RATIO:.0f}x)",
        ),
        (
            len(set(counts)) == 1,
            "timeline queries for five years / a year ago / two weeks of history: "
            f"{'/'.join(map(str, counts))} (target: independent of the history's length)",
        ),
    ]
    lines += ["", *(f"{'PASS' if passed else 'FAIL'}  {text}" for passed, text in verdicts)]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help="print the raw results too")
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure()))
        return
    print(f"building a client with {YEARS} years of weekly sessions and measuring...", flush=True)
    result = build_and_measure()
    print()
    print(report(result))
    if args.json:
        print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
