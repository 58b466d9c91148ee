"""safety stands below safetyplans: it learns about plans only through its declared
extension point (safety/plan_provider.py), never by importing safetyplans."""

import ast
from pathlib import Path

import caseload.safety

SAFETY = Path(caseload.safety.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_safety_does_not_import_safetyplans():
    modules = sorted(SAFETY.rglob("*.py"))
    assert len(modules) > 20  # guards the guard: the walk found the app
    offenders = [
        f"{path.relative_to(SAFETY)}: {name}"
        for path in modules
        for name in sorted(_imported_modules(path))
        if name == "caseload.safetyplans" or name.startswith("caseload.safetyplans.")
    ]
    assert offenders == []
