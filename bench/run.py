"""`make bench`: how fast the caseload and a client page are, and how many queries they
make, at 20 and at 500 clients, against a bare Django view on the same setup.

For each size a fresh practice is built with the real commands (migrate, `caseload demo`
for the staff, `caseload synth` for the clients, all on `clinician`'s caseload), then a
child process measures the pages in-process with django.test.Client. See README.md.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # run as a script: make `bench.settings` importable

SIZES = (20, 500)
WARMUPS = 5
RUNS = 50
TARGET_RATIO = 3.0  # the caseload page at 500 clients, against the bare view
CLINICIAN = "clinician"
CLI = Path(sys.executable).with_name("caseload")


def _is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://", "pgsql://"))


def _postgres_connect(url: str, *, dbname: str | None = None):
    """An autocommit connection to the server of `url`: to its database, or `dbname`."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    return psycopg.connect(
        dbname=dbname or config["NAME"],
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"] or "localhost",
        port=config["PORT"] or 5432,
        autocommit=True,
    )


def _postgres_admin(url: str, statements: list[str], name: str) -> None:
    from psycopg import sql

    with _postgres_connect(url, dbname="postgres") as connection:
        for statement in statements:
            connection.execute(sql.SQL(statement).format(sql.Identifier(name)))


def _database(var_dir: Path) -> tuple[str, str]:
    """(DATABASE_URL, backend name): SQLite in the var dir, or a fresh `<name>_bench`
    PostgreSQL database when DATABASE_URL points at PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    if not _is_postgres(url):
        return f"sqlite:///{var_dir / 'caseload.sqlite3'}", "sqlite"
    import dj_database_url

    name = f"{dj_database_url.parse(url)['NAME']}_bench"
    _postgres_admin(url, ["DROP DATABASE IF EXISTS {}", "CREATE DATABASE {}"], name)
    return urlsplit(url)._replace(path=f"/{name}").geturl(), "postgresql"


def _analyze(url: str) -> None:
    """Gather PostgreSQL's planner statistics, as autovacuum does within a minute or so
    of a bulk load: measuring a freshly filled database before it does would time plans
    made for empty tables, which no running practice has."""
    with _postgres_connect(url) as connection:
        connection.execute("ANALYZE")


def _environment(var_dir: Path, database_url: str) -> dict[str, str]:
    # The demo's configuration, as `make run` has it, on a practice of its own. Static
    # URLs come from the plain storage: the manifest would need a collectstatic per size.
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("CASELOAD_")
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    environment.update(
        CASELOAD_DEMO="1",
        CASELOAD_VAR_DIR=str(var_dir),
        DATABASE_URL=database_url,
        CASELOAD_MANIFEST_STATIC="0",
        CASELOAD_LOG_LEVEL="ERROR",
    )
    return environment


def _caseload(args: list[str], environment: dict[str, str]) -> None:
    result = subprocess.run(
        [str(CLI), *args], env=environment, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"`caseload {' '.join(args)}` failed:\n{result.stdout}{result.stderr}")


def build_and_measure(size: int) -> dict:
    var_dir = Path(tempfile.mkdtemp(prefix=f"caseload-bench-{size}-"))
    database_url, backend = _database(var_dir)
    environment = _environment(var_dir, database_url)
    try:
        started = time.perf_counter()
        _caseload(["migrate", "--verbosity", "0"], environment)
        _caseload(["demo", "--clients", "0"], environment)
        _caseload(["synth", "--clients", str(size), "--clinician", CLINICIAN], environment)
        if backend == "postgresql":
            _analyze(database_url)
        built = time.perf_counter() - started
        child = subprocess.run(
            [sys.executable, __file__, "--measure"],
            env={**environment, "DJANGO_SETTINGS_MODULE": "bench.settings"},
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode != 0:
            sys.exit(f"Measuring {size} clients failed:\n{child.stdout}{child.stderr}")
        result = json.loads(child.stdout)
        result.update(size=size, backend=backend, build_seconds=built)
        return result
    finally:
        if backend == "postgresql":
            name = urlsplit(database_url).path.lstrip("/")
            _postgres_admin(database_url, ["DROP DATABASE IF EXISTS {} WITH (FORCE)"], name)
        shutil.rmtree(var_dir, ignore_errors=True)


def measure() -> dict:
    """In the child process, with bench.settings: time and count queries per page."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client as HttpClient

    from caseload.accounts.models import User
    from caseload.clients.selectors import caseload_clients

    user = User.objects.get(username=CLINICIAN)
    client = caseload_clients(user).order_by("pk").first()
    http = HttpClient()
    http.force_login(user)
    pages = {
        "bare": "/bench/bare/",
        "caseload": "/clients/",
        "client": f"/clients/{client.pk}/",
    }
    return {
        "clients": caseload_clients(user).count(),
        "pages": _time_pages(http, pages, connection),
    }


def _time_pages(http, pages: dict[str, str], connection) -> dict[str, dict]:
    """Median time and query count per page. The pages take turns, round by round, so a
    busy machine slows them all alike and the ratios stay fair."""
    from django.test.utils import CaptureQueriesContext

    results = {}
    for name, url in pages.items():
        for _ in range(WARMUPS):
            _get(http, url)
        with CaptureQueriesContext(connection) as queries:
            _get(http, url)
        # Counted now: the next request's request_started signal clears the query log.
        results[name] = {"queries": len(queries)}
    durations: dict[str, list[float]] = {name: [] for name in pages}
    for _ in range(RUNS):
        for name, url in pages.items():
            started = time.perf_counter()
            _get(http, url)
            durations[name].append(time.perf_counter() - started)
    for name, samples in durations.items():
        results[name]["ms"] = statistics.median(samples) * 1000
    return results


def _get(http, url: str) -> None:
    response = http.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")


def report(results: list[dict]) -> str:
    lines = [
        f"caseload bench: {results[0]['backend']}, Python {platform.python_version()}, "
        f"median of {RUNS} requests after {WARMUPS} warm-ups",
        "",
        f"{'page':<10} {'clients':>8} {'median ms':>10} {'queries':>8} {'x bare':>7}",
    ]
    for result in results:
        bare = result["pages"]["bare"]["ms"]
        for name, page in result["pages"].items():
            lines.append(
                f"{name:<10} {result['clients']:>8} {page['ms']:>10.2f} "
                f"{page['queries']:>8} {page['ms'] / bare:>7.1f}"
            )
    lines += ["", *_targets(results)]
    return "\n".join(lines)


def _targets(results: list[dict]) -> list[str]:
    largest = results[-1]
    ratio = largest["pages"]["caseload"]["ms"] / largest["pages"]["bare"]["ms"]
    verdicts = [
        (
            ratio < TARGET_RATIO,
            f"caseload page at {largest['clients']} clients is {ratio:.1f}x the bare view "
            f"(target: under {TARGET_RATIO:.0f}x)",
        )
    ]
    for page in ("caseload", "client"):
        counts = [result["pages"][page]["queries"] for result in results]
        sizes = "/".join(str(result["clients"]) for result in results)
        verdicts.append(
            (
                len(set(counts)) == 1,
                f"{page} page queries at {sizes} clients: "
                f"{'/'.join(map(str, counts))} (target: independent of caseload size)",
            )
        )
    return [f"{'PASS' if passed else 'FAIL'}  {text}" for passed, text in verdicts]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help="print the raw results too")
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure()))
        return
    results = []
    for size in SIZES:
        print(f"building and measuring a practice of {size} clients...", flush=True)
        results.append(build_and_measure(size))
    print()
    print(report(results))
    if args.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
