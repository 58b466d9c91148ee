"""Types as a contract: the strict modules (access rules, services, selectors, scoring)
carry no recorded mypy errors. mypy-baseline.txt may hold the errors of the rest of the
code while they are fixed, but an error in a strict module must be fixed, never
recorded, or `make types-baseline` would quietly turn strict mode off for it."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def strict_patterns() -> list[str]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    overrides = pyproject["tool"]["mypy"]["overrides"]
    strict = [entry for entry in overrides if entry.get("disallow_untyped_defs")]
    assert len(strict) == 1, "one override lists the strict modules"
    return strict[0]["module"]


def matches(pattern: str, module: str) -> bool:
    """mypy's module patterns: a `*` component matches any number of components, and a
    trailing `.*` also matches the package itself."""
    parts = [re.escape(part) if part != "*" else None for part in pattern.split(".")]
    regex = parts[0] or ""
    for part in parts[1:]:
        regex += r"(\.[A-Za-z_]\w*)*" if part is None else rf"\.{part}"
    return re.fullmatch(regex, module) is not None


def module_of(path: str) -> str:
    module = path.removeprefix("src/").removesuffix(".py").replace("/", ".")
    return module.removesuffix(".__init__")


def test_no_strict_module_has_a_recorded_mypy_error():
    patterns = strict_patterns()
    baseline = (ROOT / "mypy-baseline.txt").read_text(encoding="utf-8").splitlines()
    recorded = {module_of(line.split(":", 1)[0]) for line in baseline if line.strip()}
    strict_with_errors = sorted(
        module for module in recorded if any(matches(p, module) for p in patterns)
    )
    assert not strict_with_errors, f"fix these instead of recording them: {strict_with_errors}"


def test_the_strict_patterns_cover_access_services_selectors_and_scoring():
    patterns = strict_patterns()
    for module in (
        "caseload.clients.access",
        "caseload.access",
        "caseload.access.rules",
        "caseload.safety.services",
        "caseload.privacy.services.releases",
        "caseload.notes.selectors",
        "caseload.measures.scoring",
        "caseload.measures.change",
        "caseload.measures.instruments",
        "caseload.measures.instruments.phq9",
    ):
        assert any(matches(p, module) for p in patterns), module
    for module in ("caseload.safety.views", "caseload.api.clients", "caseload.core.clock"):
        assert not any(matches(p, module) for p in patterns), module


def test_pattern_matching_follows_mypy():
    assert matches("caseload.*.services", "caseload.notes.services")
    assert matches("caseload.*.services", "caseload.services")
    assert matches("caseload.access.*", "caseload.access")
    assert matches("caseload.access.*", "caseload.access.grants")
    assert not matches("caseload.*.services", "caseload.notes.services_old")
    assert not matches("caseload.access.*", "caseload.accesses")
