"""ARCHITECTURE.md rule 1, enforced mechanically: views and API modules never query a
client-owned model directly; they go through accounts.access (H-001).

A view that wrote `Perspective.objects.get(pk=...)` would skip the relationship check
and the audit event. This test reads the source of every view, form and API module and
fails on any `<ClientOwnedModel>.objects` or `<ClientOwnedModel>._default_manager`.
"""

import ast
from pathlib import Path

from django.apps import apps

import caseload

PACKAGE = Path(caseload.__file__).parent
DOOR_MODULES = (
    "views.py",
    "staff_views.py",
    "pages.py",
    "timeline_views.py",
    "checkin_views.py",
)


def client_owned_models() -> set[str]:
    """Client itself, and every model with a foreign key (or one-to-one) to Client."""
    client = apps.get_model("clients", "Client")
    owned = {client.__name__}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            points_at_client = getattr(field, "related_model", None) is client
            if points_at_client and field.concrete and (field.many_to_one or field.one_to_one):
                owned.add(model.__name__)
    return owned


def guarded_files() -> list[Path]:
    files = [path for name in DOOR_MODULES for path in PACKAGE.rglob(name)]
    files += [path for path in (PACKAGE / "api").rglob("*.py")]
    return sorted(set(files))


def direct_queries(path: Path, models: set[str]) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in ("objects", "_default_manager", "_base_manager")
            and isinstance(node.value, ast.Name)
            and node.value.id in models
        ):
            found.append(f"{path.name}:{node.lineno} {node.value.id}.{node.attr}")
    return found


def test_client_owned_models_are_known():
    # Guards the guard: if this set were empty the check below could never fail.
    owned = client_owned_models()
    assert {
        "Client",
        "Perspective",
        "CommunicationProfile",
        "Appointment",
        "Episode",
        "CareTeamMember",
    } <= owned


def test_views_and_api_reach_client_data_only_through_the_door():
    models = client_owned_models()
    offenders = [hit for path in guarded_files() for hit in direct_queries(path, models)]
    assert offenders == []


def test_the_check_catches_a_direct_query(tmp_path):
    bad = tmp_path / "views.py"
    bad.write_text("def view(request, pk):\n    return Perspective.objects.get(pk=pk)\n")
    assert direct_queries(bad, client_owned_models())[0].endswith("Perspective.objects")
