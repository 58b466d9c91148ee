"""The documents that describe the code are checked against it, so that they cannot drift:
the hazard log against the hazard ids cited in the code and the tests it names, and the
README's layout, API table and dependency table against INSTALLED_APPS, the OpenAPI
schema and the lock file."""

import re
import tomllib
from pathlib import Path

import pytest
from django.conf import settings

from caseload.api.docs import api_operations, api_table

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
PACKAGE = ROOT / "src" / "caseload"
HAZARD_LOG = ROOT / "docs" / "clinical-safety.md"
README = ROOT / "README.md"

HAZARD_ID = re.compile(r"\bH-\d{3}\b")
# A test named for the hazard it guards: test_h062_the_header_counts_what_the_inbox_shows.
HAZARD_TEST_NAME = re.compile(r"\btest_h(\d{3})_")
HAZARD_ROW = re.compile(r"^\| (H-\d{3}) \|.*\|([^|]*)\|\s*$")
CODE_SPAN = re.compile(r"`([^`]+)`")


def hazard_rows() -> dict[str, str]:
    """Hazard id -> the row's last cell (its guarding tests)."""
    rows = {}
    for line in HAZARD_LOG.read_text(encoding="utf-8").splitlines():
        match = HAZARD_ROW.match(line)
        if match:
            assert match.group(1) not in rows, f"{match.group(1)} has two rows"
            rows[match.group(1)] = match.group(2)
    return rows


def cited_hazard_ids() -> dict[str, set[str]]:
    """Hazard id -> the files under src/ and tests/ that cite it."""
    cited: dict[str, set[str]] = {}
    for folder in (PACKAGE, TESTS):
        for path in folder.rglob("*"):
            if path.suffix not in {".py", ".html", ".md", ".txt", ".json"}:
                continue
            text = path.read_text(encoding="utf-8")
            ids = set(HAZARD_ID.findall(text))
            ids |= {f"H-{number}" for number in HAZARD_TEST_NAME.findall(text)}
            for hazard in ids:
                cited.setdefault(hazard, set()).add(str(path.relative_to(ROOT)))
    return cited


def _defined_names(path: Path) -> set[str]:
    return set(re.findall(r"^\s*(?:async\s+)?(?:def|class)\s+(\w+)", path.read_text(), re.M))


def _test_file(reference: str) -> Path:
    relative = reference.removeprefix("tests/")
    return TESTS / relative


def guarding_test_problems(cell: str) -> tuple[int, list[str]]:
    """How many test references the cell holds, and the ones that do not exist. A
    reference is `path.py`, `path.py::name`, `::name` (in the file named before it) or a
    bare `test_name` (in the file named before it, else anywhere under tests/)."""
    found, problems = 0, []
    current: Path | None = None
    for span in CODE_SPAN.findall(cell):
        reference = span.strip()
        if ".py" in reference:
            file_part, _, name = reference.partition("::")
            current = _test_file(file_part)
            if not current.is_file():
                problems.append(f"{reference}: no such test file")
                current = None
                continue
        elif reference.startswith("::") or re.fullmatch(r"test_\w+(\[.*\])?", reference):
            name = reference.removeprefix("::")
        else:
            continue  # a command, a setting or a function under test, not a test
        found += 1
        name = name.split("[")[0].split("::")[0]
        if not name:
            continue
        places = [current] if current is not None else []
        if reference.startswith("test_") or not places:
            places += list(TESTS.rglob("test_*.py"))
        if not any(name in _defined_names(place) for place in places):
            problems.append(f"{reference}: no test of that name")
    return found, problems


def test_every_hazard_id_cited_in_code_and_tests_is_in_the_hazard_log():
    rows = hazard_rows()
    missing = {
        hazard: sorted(files)[:3]
        for hazard, files in cited_hazard_ids().items()
        if hazard not in rows
    }
    assert not missing, f"hazard ids cited but not in docs/clinical-safety.md: {missing}"


def test_every_hazard_row_names_guarding_tests_that_exist():
    rows = hazard_rows()
    assert len(rows) > 50
    problems = {}
    for hazard, cell in rows.items():
        found, wrong = guarding_test_problems(cell)
        if not found:
            wrong.append("names no guarding test")
        if wrong:
            problems[hazard] = wrong
    assert not problems, f"hazard-log rows with missing guarding tests: {problems}"


def test_the_guarding_test_check_catches_a_missing_test():
    """The checker itself: a renamed test or a moved file is reported, not passed over."""
    assert guarding_test_problems("`test_one_door.py::test_no_such_thing`")[1]
    assert guarding_test_problems("`no_such_dir/test_x.py`")[1]
    assert guarding_test_problems("only words, no tests") == (0, [])
    found, problems = guarding_test_problems(
        "`test_docs_match_code.py::test_every_hazard_row_names_guarding_tests_that_exist`, "
        "`::test_the_guarding_test_check_catches_a_missing_test`"
    )
    assert (found, problems) == (2, [])


def readme_section(heading: str) -> str:
    """The text under a `## heading` of the README, up to the next `## `."""
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def caseload_apps() -> set[str]:
    return {
        entry.split(".")[1] for entry in settings.INSTALLED_APPS if entry.startswith("caseload.")
    }


def readme_layout_folders() -> set[str]:
    """The folders listed under src/caseload/ in the README's layout block: the names in
    its first column (which ends where the descriptions begin, at column 25), several on
    one line allowed (`notes/  plans/`)."""
    block = readme_section("Repository layout").split("```")[1]
    lines = block.split("src/caseload/", 1)[1].splitlines()[1:]
    folders: set[str] = set()
    for line in lines:
        if not line.startswith("  "):
            break
        folders |= set(re.findall(r"(\w+)/", line[:DESCRIPTION_COLUMN]))
    return folders


DESCRIPTION_COLUMN = 25


def test_the_readme_layout_lists_exactly_the_caseload_apps():
    listed = readme_layout_folders()
    apps = caseload_apps()
    listed_apps = {name for name in listed if (PACKAGE / name / "apps.py").is_file()}
    assert listed_apps == apps, (
        f"README layout: apps not listed {sorted(apps - listed_apps)}, "
        f"listed but not installed {sorted(listed_apps - apps)}"
    )
    others = listed - listed_apps
    assert all((PACKAGE / name).is_dir() for name in others), others


def test_the_readme_api_table_is_the_one_made_from_the_openapi_schema():
    section = readme_section("The REST API")
    begin, end = "<!-- api-table: `caseload docs api-table` -->\n", "<!-- /api-table -->"
    assert begin in section and end in section, "the API table's markers are missing"
    table = section.split(begin, 1)[1].split(end, 1)[0]
    operations = {f"{method} {path}" for method, path, _ in api_operations()}
    listed = set(re.findall(r"^\| `([A-Z]+ /\S+)` \|", table, re.M))
    assert listed == operations, (
        f"README API table: missing {sorted(operations - listed)}, "
        f"not in the API {sorted(listed - operations)}"
    )
    assert table == api_table(), "regenerate it: caseload docs api-table"


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(requirement: str) -> str:
    return _normalised(re.split(r"[\[<>=!~ ;]", requirement, maxsplit=1)[0])


def test_the_readme_dependency_table_matches_pyproject_and_the_lock_file():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = {_requirement_name(entry) for entry in pyproject["project"]["dependencies"]}
    pinned = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            pinned[_normalised(name)] = version.strip()
    rows = re.findall(
        r"^\| `?([\w.\-\[\]]+)`? \| `?([\w.]+)`? \|", readme_section("Dependencies"), re.M
    )
    table = {_requirement_name(name): version for name, version in rows if name != "package"}
    assert set(table) == declared, (
        f"README dependencies: missing {sorted(declared - set(table))}, "
        f"not in pyproject.toml {sorted(set(table) - declared)}"
    )
    wrong = {name: (version, pinned.get(name)) for name, version in table.items()}
    wrong = {name: pair for name, pair in wrong.items() if pair[0] != pair[1]}
    assert not wrong, f"README version differs from requirements.lock (README, lock): {wrong}"


@pytest.mark.parametrize("name", ["psycopg[binary]>=3", "fhir.resources", "Django>=5.2,<5.3"])
def test_requirement_names_are_normalised(name):
    assert _requirement_name(name) in {"psycopg", "fhir-resources", "django"}
