"""`make bench` (audit part): the privacy officer's audit trail over a large trail. The
search page (in sentences with names) against a bare Django view, its query count at a
small and a large trail, and the CSV export's speed and memory.

A fresh practice is built with the real commands (migrate, `caseload demo --clients 0`
for the staff); a child process adds clients and reads of their records through the
services (so every event is a real, chained one) and measures in-process with
django.test.Client, as bench/run.py does. See README.md.
"""

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # run as a script: make `bench` importable

from bench.run import (  # noqa: E402 - after the path is set
    RUNS,
    WARMUPS,
    _caseload,
    _database,
    _environment,
    _postgres_admin,
    _time_pages,
)

CLIENTS = 200
READS_PER_CLIENT = 100  # 20,000 reads, and the clients' own creation events
OFFICER = "privacy"
# The search page reads 50 events and names them; it may cost at most this many times
# a bare view (which pays the middleware's share of every page).
TARGET_RATIO = 4.0
# Streaming: an export of every read (20,000) may take at most this many times the peak
# memory of an export of one clinician's (a third of them); built in memory it would
# take three times as much.
TARGET_MEMORY_RATIO = 1.5


def build_and_measure() -> dict:
    var_dir = Path(tempfile.mkdtemp(prefix="caseload-bench-audit-"))
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
            sys.exit(f"Measuring the audit trail failed:\n{child.stdout}{child.stderr}")
        result = json.loads(child.stdout)
        result.update(backend=backend, seconds=time.perf_counter() - started)
        return result
    finally:
        if backend == "postgresql":
            name = urlsplit(database_url).path.lstrip("/")
            _postgres_admin(database_url, ["DROP DATABASE IF EXISTS {} WITH (FORCE)"], name)
        shutil.rmtree(var_dir, ignore_errors=True)


def _trail(count: int, *, start: int = 0) -> None:
    """`count` clients, each opened READS_PER_CLIENT times by the clinicians in turn."""
    from datetime import date

    from django.db import transaction

    from caseload.accounts.models import Role, User
    from caseload.audit.services import audit_record
    from caseload.clients import services as client_services

    staff = list(User.objects.filter(role=Role.CLINICIAN))
    with transaction.atomic():
        for number in range(start, start + count):
            treating = staff[number % len(staff)]
            client = client_services.client_create(
                acting_user=treating,
                primary_clinician=treating,
                fields={
                    "legal_name": f"Bench Client{number:04d}",
                    "date_of_birth": date(1970 + number % 40, 1 + number % 12, 1),
                    "status": "active",
                },
            )
            for read in range(READS_PER_CLIENT):
                audit_record(
                    action="client.read",
                    actor=staff[read % len(staff)],
                    client_id=client.pk,
                    obj=client,
                    purpose="view client record",
                )


def _export(http, query: str) -> dict:
    """Time of one CSV export consumed line by line, then the peak Python memory of the
    same export (measured apart: tracing every allocation slows the export down)."""
    started = time.perf_counter()
    response = http.get(f"/audit/export.csv?{query}")
    lines = sum(chunk.count(b"\n") for chunk in response.streaming_content)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    response = http.get(f"/audit/export.csv?{query}")
    for _chunk in response.streaming_content:
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"lines": lines, "seconds": seconds, "peak_mb": peak / 2**20}


def measure() -> dict:
    """In the child process, with bench.settings: build, then time and count queries."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client as HttpClient

    from caseload.accounts.models import User
    from caseload.audit.models import AuditEvent

    http = HttpClient()
    http.force_login(User.objects.get(username=OFFICER))
    pages = {
        "bare": "/bench/bare/",
        "trail": "/audit/",
        "by_name": "/audit/?client_name=client0007&action=client.read",
        "reads": "/audit/?action=group:reads",
    }
    _trail(2)
    small = _time_pages(http, {"trail": "/audit/"}, connection)["trail"]["queries"]
    _trail(CLIENTS - 2, start=2)
    result = {"events": AuditEvent.objects.count(), "small_trail_queries": small}
    result["pages"] = _time_pages(http, pages, connection)
    result["export_one"] = _export(http, "user=clinician&action=client.read")
    result["export_all"] = _export(http, "action=client.read")
    return result


def report(result: dict) -> str:
    import platform

    bare = result["pages"]["bare"]["ms"]
    lines = [
        f"caseload audit trail bench: {result['backend']}, Python {platform.python_version()}, "
        f"median of {RUNS} requests after {WARMUPS} warm-ups; {result['events']} events",
        "",
        f"{'page':<10} {'median ms':>10} {'queries':>8} {'x bare':>7}",
    ]
    for name, page in result["pages"].items():
        lines.append(
            f"{name:<10} {page['ms']:>10.2f} {page['queries']:>8} {page['ms'] / bare:>7.1f}"
        )
    one, every = result["export_one"], result["export_all"]
    for name, export in (("one clinician's reads", one), ("every read", every)):
        lines.append(
            f"CSV export of {name}: {export['lines'] - 1} events in {export['seconds']:.2f} s "
            f"({(export['lines'] - 1) / export['seconds']:.0f} events/s), "
            f"peak Python memory {export['peak_mb']:.1f} MB"
        )
    worst = max(result["pages"][name]["ms"] for name in ("trail", "by_name", "reads"))
    memory_ratio = every["peak_mb"] / one["peak_mb"]
    verdicts = [
        (
            worst / bare < TARGET_RATIO,
            f"slowest search page is {worst / bare:.1f}x a bare view "
            f"(target: under {TARGET_RATIO:.0f}x)",
        ),
        (
            result["pages"]["trail"]["queries"] == result["small_trail_queries"],
            f"queries of the trail's first page with a handful of events / with "
            f"{result['events']}: {result['small_trail_queries']}/"
            f"{result['pages']['trail']['queries']} (target: the same)",
        ),
        (
            memory_ratio < TARGET_MEMORY_RATIO,
            f"export peak memory, every read / one clinician's (a third): {memory_ratio:.1f}x "
            f"(target: under {TARGET_MEMORY_RATIO:.1f}x: streamed, not built in memory)",
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
    print(f"building an audit trail of {CLIENTS * READS_PER_CLIENT} reads and measuring...")
    result = build_and_measure()
    print()
    print(report(result))
    if args.json:
        print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
