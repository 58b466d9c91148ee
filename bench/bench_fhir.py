"""`make bench`, FHIR part: how long POST /fhir/ takes to import 1,000 Synthea-style
patients, each with a PHQ-9 and a GAD-7, and whether memory stays bounded.

A fresh practice is built as bench/run.py builds one (migrate, `caseload demo --clients
0` for the staff; SQLite in a temporary folder, or a fresh `<name>_bench` PostgreSQL
database when DATABASE_URL points at PostgreSQL). A child process then posts the
patients in Bundles of 100 through the real view (bearer token, JSON parsing, the
validation of every entry, the door, the recording service with its audit events and
alerts) and reports the time and the peak memory. See README.md.
"""

import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # run as a script: make `bench.run` importable

from bench.run import _caseload, _database, _environment, _postgres_admin  # noqa: E402

PATIENTS = 1_000
PER_BUNDLE = 100
CLINICIAN = "clinician"
LOINC = "http://loinc.org"
SYNTHEA = "https://github.com/synthetichealth/synthea"
PHQ9_ITEMS = (
    "44250-9",
    "44255-8",
    "44259-0",
    "44254-1",
    "44251-7",
    "44258-2",
    "44252-5",
    "44253-3",
    "44260-8",
)
GAD7_ITEMS = ("69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7")
ANSWERS = (
    ("LA6568-5", "Not at all"),
    ("LA6569-3", "Several days"),
    ("LA6570-1", "More than half the days"),
    ("LA6571-9", "Nearly every day"),
)


def _panel(uuid: str, panel: str, total: str, items, answers, when: str) -> list[dict]:
    """Synthea's shape: the panel Observation with one component per item (LOINC answer
    codes), and the total score as an Observation of its own."""
    subject = {"reference": f"urn:uuid:{uuid}"}
    components = [
        {
            "code": {"coding": [{"system": LOINC, "code": code}]},
            "valueCodeableConcept": {
                "coding": [
                    {"system": LOINC, "code": ANSWERS[value][0], "display": ANSWERS[value][1]}
                ]
            },
        }
        for code, value in zip(items, answers, strict=True)
    ]

    def observation(code: str, **rest) -> dict:
        return {
            "resource": {
                "resourceType": "Observation",
                "status": "final",
                "category": [
                    {
                        "coding": [
                            {
                                "system": "http://terminology.hl7.org/CodeSystem/"
                                "observation-category",
                                "code": "survey",
                            }
                        ]
                    }
                ],
                "code": {"coding": [{"system": LOINC, "code": code}]},
                "subject": subject,
                "effectiveDateTime": when,
                **rest,
            }
        }

    quantity = {"value": sum(answers), "unit": "{score}", "system": "http://unitsofmeasure.org"}
    return [observation(panel, component=components), observation(total, valueQuantity=quantity)]


def synthea_bundle(first: int, count: int, seed: int = 7) -> dict:
    """Patients `first` .. `first + count - 1`, each with a PHQ-9 and a GAD-7."""
    randomness = random.Random(seed + first)
    entries = []
    for number in range(first, first + count):
        uuid = f"bench-{number:06d}"
        born = f"{randomness.randint(1940, 2005)}-0{randomness.randint(1, 9)}-15"
        entries.append(
            {
                "fullUrl": f"urn:uuid:{uuid}",
                "resource": {
                    "resourceType": "Patient",
                    "identifier": [{"system": SYNTHEA, "value": uuid}],
                    "name": [{"given": ["Bench"], "family": f"Patient{number}"}],
                    "gender": randomness.choice(("female", "male")),
                    "birthDate": born,
                },
                "request": {"method": "POST", "url": "Patient"},
            }
        )
        when = f"2025-0{randomness.randint(1, 9)}-1{randomness.randint(0, 9)}T10:00:00+00:00"
        phq9 = [randomness.randint(0, 3) for _ in range(8)]
        # About one patient in twenty answers item 9 above 0, which raises an alert.
        phq9.append(1 if randomness.random() < 0.05 else 0)
        gad7 = [randomness.randint(0, 3) for _ in range(7)]
        entries += _panel(uuid, "44249-1", "44261-6", PHQ9_ITEMS, phq9, when)
        entries += _panel(uuid, "69737-5", "70274-6", GAD7_ITEMS, gad7, when)
    return {"resourceType": "Bundle", "type": "transaction", "entry": entries}


def _max_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(out_path: str) -> None:
    """In the child process: import PATIENTS patients in Bundles of PER_BUNDLE."""
    import django

    django.setup()
    from django.test import Client as HttpClient

    from caseload.accounts.models import User
    from caseload.accounts.services import api_token_create
    from caseload.clients.models import Client
    from caseload.measures.models import MeasureResponse

    user = User.objects.get(username=CLINICIAN)
    _, secret = api_token_create(acting_user=None, user=user)
    http = HttpClient()
    headers = {"Authorization": f"Bearer {secret}"}
    clients_before = Client.objects.count()
    seconds, rss_after_first = 0.0, 0.0
    for first in range(0, PATIENTS, PER_BUNDLE):
        # Built per batch: only one Bundle is ever in memory.
        body = json.dumps(synthea_bundle(first, PER_BUNDLE))
        started = time.perf_counter()
        response = http.post(
            "/fhir/", data=body, content_type="application/fhir+json", headers=headers
        )
        seconds += time.perf_counter() - started
        if response.status_code != 200:
            raise RuntimeError(f"import answered {response.status_code}: {response.content[:500]}")
        rss_after_first = rss_after_first or _max_rss_mb()
    result = {
        "seconds": seconds,
        "patients": Client.objects.count() - clients_before,
        "results": MeasureResponse.objects.count(),
        "rss_after_first_bundle_mb": rss_after_first,
        "rss_peak_mb": _max_rss_mb(),
    }
    Path(out_path).write_text(json.dumps(result))


def build_and_measure() -> dict:
    var_dir = Path(tempfile.mkdtemp(prefix="caseload-bench-fhir-"))
    database_url, backend = _database(var_dir)
    environment = _environment(var_dir, database_url)
    out_path = var_dir / "fhir-result.json"
    try:
        _caseload(["migrate", "--verbosity", "0"], environment)
        _caseload(["demo", "--clients", "0"], environment)
        child = subprocess.run(
            [sys.executable, __file__, "--measure", str(out_path)],
            env={**environment, "DJANGO_SETTINGS_MODULE": "bench.settings"},
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode != 0:
            sys.exit(f"The FHIR import benchmark failed:\n{child.stdout}{child.stderr}")
        result = json.loads(out_path.read_text())
        result["backend"] = backend
        return result
    finally:
        if backend == "postgresql":
            name = urlsplit(database_url).path.lstrip("/")
            _postgres_admin(database_url, ["DROP DATABASE IF EXISTS {} WITH (FORCE)"], name)
        shutil.rmtree(var_dir, ignore_errors=True)


def report(result: dict) -> str:
    per_patient = result["seconds"] / max(result["patients"], 1) * 1000
    complete = result["patients"] == PATIENTS and result["results"] == 2 * PATIENTS
    growth = result["rss_peak_mb"] - result["rss_after_first_bundle_mb"]
    return "\n".join(
        [
            f"caseload FHIR import bench: {result['backend']}, Python "
            f"{platform.python_version()}, {PATIENTS} Synthea-style patients "
            f"(PHQ-9 + GAD-7 each) in Bundles of {PER_BUNDLE}",
            "",
            f"imported: {result['patients']} patients, {result['results']} results "
            f"({'all' if complete else 'INCOMPLETE'})",
            f"total: {result['seconds']:.1f} s, {per_patient:.1f} ms per patient",
            f"memory: peak {result['rss_peak_mb']:.0f} MB, "
            f"{result['rss_after_first_bundle_mb']:.0f} MB after the first Bundle "
            f"(+{growth:.0f} MB over the other {PATIENTS // PER_BUNDLE - 1})",
        ]
    )


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--measure":
        measure(sys.argv[2])
        return
    os.environ.pop("DJANGO_SETTINGS_MODULE", None)
    print(report(build_and_measure()))


if __name__ == "__main__":
    main()
