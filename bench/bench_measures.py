"""`make bench`, measures part: the trajectory chart page with 300 results, and the
outcomes report over a service of 100,000 clients with 1,000,000 results (target: under
3 s, memory bounded). Builds each practice like bench/run.py does (migrate, the demo's
staff), adds the measure data with bulk inserts, then measures in a child process with
bench.settings. See bench/README.md.
"""

import argparse
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.run import _caseload, _database, _environment, _postgres_admin  # noqa: E402

CHART_RESULTS = (10, 300)
CLIENTS, PER_CLIENT = 100_000, 10  # PHQ-9 and GAD-7 five times each per client
WARMUPS, RUNS, REPORT_RUNS = 5, 30, 3
TARGET_SECONDS = 3.0
BATCH = 5000


def build_and_measure(clients: int) -> dict:
    var_dir = Path(tempfile.mkdtemp(prefix="caseload-bench-measures-"))
    database_url, backend = _database(var_dir)
    environment = _environment(var_dir, database_url)
    try:
        _caseload(["migrate", "--verbosity", "0"], environment)
        _caseload(["demo", "--clients", "0"], environment)
        child = subprocess.run(
            [sys.executable, __file__, "--measure", "--clients", str(clients)],
            env={**environment, "DJANGO_SETTINGS_MODULE": "bench.settings"},
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode != 0:
            sys.exit(f"Measuring failed:\n{child.stdout}{child.stderr}")
        result = json.loads(child.stdout.strip().splitlines()[-1])
        result["backend"] = backend
        return result
    finally:
        if backend == "postgresql":
            name = urlsplit(database_url).path.lstrip("/")
            _postgres_admin(database_url, ["DROP DATABASE IF EXISTS {} WITH (FORCE)"], name)
        shutil.rmtree(var_dir, ignore_errors=True)


# --- in the child process -------------------------------------------------------------


def _responses_for(client, episode, clinician, count: int, start, *, days: int = 14):
    """`count` results alternating PHQ-9 and GAD-7, the first of each the baseline."""
    from datetime import timedelta

    from caseload.measures.models import MeasureResponse

    rows, first = [], {}
    for index in range(count):
        code = "phq9" if index % 2 == 0 else "gad7"
        total = float((index * 7 + client.pk) % (24 if code == "phq9" else 21))
        first.setdefault(code, total)
        rows.append(
            MeasureResponse(
                client=client,
                episode=episode,
                instrument=code,
                answers=[],
                total=total,
                band="moderate",
                band_label="Moderate",
                rules_version="1",
                completed_at=start + timedelta(days=days * (index // 2), minutes=index % 2),
                source="session",
                entered_by=clinician,
                is_baseline=index < 2,
                is_latest=index >= count - 2,
                baseline_total=None if index < 2 else first[code],
                change_category="" if index < 2 else "no_reliable_change",
            )
        )
    return rows


def _chart_practice():
    """Two clients of `clinician`: one with 10 results, one with 300."""
    from datetime import timedelta

    from caseload.accounts.models import User
    from caseload.clients import services
    from caseload.core import clock
    from caseload.measures.models import MeasureResponse

    clinician = User.objects.get(username="clinician")
    made = {}
    for count in CHART_RESULTS:
        client = services.client_create(
            acting_user=clinician,
            primary_clinician=clinician,
            fields={"legal_name": f"Chart {count}", "date_of_birth": "1980-01-01"},
        )
        episode = client.episodes.get()
        start = clock.now() - timedelta(days=count + 1)
        MeasureResponse.objects.bulk_create(
            _responses_for(client, episode, clinician, count, start, days=1)
        )
        made[count] = client
    return clinician, made


def _service_practice(clients: int) -> None:
    """`clients` clients spread over the demo's clinicians, each with one episode (two in
    three ended within the last year) and PER_CLIENT results, in bulk."""
    import random
    from datetime import date, timedelta

    from caseload.accounts.models import User
    from caseload.clients.models import CareTeamMember, Client, Episode
    from caseload.core import clock
    from caseload.measures.models import MeasureResponse

    rng = random.Random(2026)  # noqa: S311 - synthetic data
    staff = list(User.objects.filter(username__in=["clinician", "clinician2", "clinician3"]))
    today = clock.today()
    for offset in range(0, clients, BATCH):
        size = min(BATCH, clients - offset)
        batch = Client.objects.bulk_create(
            Client(
                legal_name=f"Synthetic {offset + i}",
                date_of_birth=date(1980, 1, 1),
                status="active",
            )
            for i in range(size)
        )
        if batch[0].pk is None:  # SQLite before 3.35 returns no ids
            batch = list(Client.objects.order_by("-pk")[:size])[::-1]
        CareTeamMember.objects.bulk_create(
            CareTeamMember(client=client, user=staff[client.pk % len(staff)], role="primary")
            for client in batch
        )
        episodes = Episode.objects.bulk_create(
            Episode(
                client=client,
                started_on=today - timedelta(days=400),
                ended_on=today - timedelta(days=rng.randint(1, 360))
                if rng.random() < 0.67
                else None,
            )
            for client in batch
        )
        if episodes[0].pk is None:
            episodes = list(Episode.objects.order_by("-pk")[:size])[::-1]
        start = clock.now() - timedelta(days=390)
        rows = []
        for client, episode in zip(batch, episodes, strict=True):
            rows += _responses_for(client, episode, staff[0], PER_CLIENT, start)
        MeasureResponse.objects.bulk_create(rows, batch_size=BATCH)


def _time_page(http, url: str) -> tuple[int, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARMUPS):
        http.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = http.get(url)
    # Counted now: the next request's request_started signal clears the query log.
    count = len(queries)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        http.get(url)
        samples.append(time.perf_counter() - started)
    return count, statistics.median(samples) * 1000


def _measure_chart() -> dict:
    from django.test import Client as HttpClient

    clinician, made = _chart_practice()
    http = HttpClient()
    http.force_login(clinician)
    pages = {"bare": "/bench/bare/"}
    pages.update({f"chart-{n}": f"/measures/clients/{c.pk}/chart/phq9/" for n, c in made.items()})
    return {
        name: dict(zip(("queries", "ms"), _time_page(http, url), strict=True))
        for name, url in pages.items()
    }


def _measure_report(clients: int) -> dict:
    from datetime import timedelta

    from caseload.accounts.models import User
    from caseload.core import clock
    from caseload.measures import outcomes
    from caseload.measures.models import MeasureResponse

    started = time.perf_counter()
    _service_practice(clients)
    built = time.perf_counter() - started
    supervisor = User.objects.get(username="supervisor")
    start, end = clock.today() - timedelta(days=365), clock.today()
    timings = {}
    for scope, service in (("service", True), ("team", False)):
        samples = []
        for _ in range(REPORT_RUNS):
            began = time.perf_counter()
            report = outcomes.report_for(supervisor, start, end, service=service)
            samples.append(time.perf_counter() - began)
        timings[scope] = {"seconds": statistics.median(samples), "paired": report.total.paired}
    episodes = outcomes.completed_episodes(
        outcomes.report_clients(supervisor, service=True), start, end
    )
    tracemalloc.start()
    began = time.perf_counter()
    rows = sum(1 for _ in outcomes.csv_rows(episodes, with_clinician=False)) - 1
    csv_seconds = time.perf_counter() - began
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "clients": clients,
        "results": MeasureResponse.objects.count(),
        "build_seconds": built,
        "report": timings,
        "csv": {"rows": rows, "seconds": csv_seconds, "peak_mb": peak / 2**20},
    }


def measure(clients: int) -> dict:
    import django

    django.setup()
    return {"chart": _measure_chart(), "report": _measure_report(clients)}


def report(result: dict) -> str:
    chart, service = result["chart"], result["report"]
    bare = chart["bare"]["ms"]
    lines = [
        f"measures bench: {result['backend']}, Python {platform.python_version()}",
        "",
        f"{'page':<12} {'median ms':>10} {'queries':>8} {'x bare':>7}",
    ]
    for name, page in chart.items():
        lines.append(
            f"{name:<12} {page['ms']:>10.2f} {page['queries']:>8} {page['ms'] / bare:>7.1f}"
        )
    lines += [
        "",
        f"outcomes over {service['clients']:,} clients, {service['results']:,} results "
        f"(built in {service['build_seconds']:.0f} s):",
    ]
    for scope, timing in service["report"].items():
        lines.append(
            f"  {scope:<8} report {timing['seconds']:.2f} s, {timing['paired']:,} paired episodes"
        )
    csv = service["csv"]
    lines.append(
        f"  CSV      {csv['rows']:,} rows streamed in {csv['seconds']:.2f} s, "
        f"peak Python memory {csv['peak_mb']:.1f} MB"
    )
    slowest = max(timing["seconds"] for timing in service["report"].values())
    counts = [chart[f"chart-{n}"]["queries"] for n in CHART_RESULTS]
    verdicts = [
        (
            slowest < TARGET_SECONDS,
            f"outcomes report in {slowest:.2f} s (target: under {TARGET_SECONDS:.0f} s)",
        ),
        (
            len(set(counts)) == 1,
            f"chart page queries at {'/'.join(map(str, CHART_RESULTS))} results: "
            f"{'/'.join(map(str, counts))} (target: independent of the number of results)",
        ),
        (
            csv["peak_mb"] < 64,
            f"CSV peak memory {csv['peak_mb']:.1f} MB (target: bounded, under 64 MB)",
        ),
    ]
    lines += ["", *[f"{'PASS' if ok else 'FAIL'}  {text}" for ok, text in verdicts]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--clients", type=int, default=CLIENTS, help="service size")
    parser.add_argument("--json", action="store_true", help="print the raw results too")
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.clients)))
        return
    print(f"building a practice of {args.clients:,} clients for the measures bench...", flush=True)
    result = build_and_measure(args.clients)
    print()
    print(report(result))
    if args.json:
        print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
