"""ARCHITECTURE.md rule 1, enforced mechanically: a module that handles a request never
queries a client-scoped model on its own; it starts from the door (clients/access.py)
or a selector that does (H-001, H-102).

A view that wrote `Perspective.objects.get(pk=...)` would skip the relationship check
and the audit event. This test finds the request-handling modules from what the URL
configuration and the API route to, from the template settings (context processors and
tag libraries) and from their names (views, pages, portal pages, handlers, the API package, FHIR's
views), reads each one's syntax tree, and fails on any query of a model with a
foreign-key path to Client, however it is written: `Model.objects`, `module.Model.objects`,
an aliased import, `Model._default_manager`, `get_object_or_404(Model, ...)` or
`get_list_or_404(Model, ...)`.
"""

import ast
import importlib
import pkgutil
import textwrap
from types import ModuleType

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.shortcuts import get_list_or_404, get_object_or_404
from django.template import engines
from django.urls import URLPattern, URLResolver, get_resolver

import caseload

MANAGERS = frozenset({"objects", "_default_manager", "_base_manager"})
SHORTCUTS = (get_object_or_404, get_list_or_404)
# Module names that handle requests wherever they sit (portal pages are routed by the
# portal's own dispatcher, so the URL walk does not name them). Every module of the API
# package is a handler; FHIR's endpoints are found through urls.py (fhir.views), while
# fhir.services and fhir.importing are services that match identifiers before opening
# the door for the client found (fhir.services._batch_open calls access_client).
REQUEST_NAMES = ("views", "pages", "handlers", "portal", "context_processors")
REQUEST_PACKAGES = ("caseload.api",)


def client_scoped_models() -> set[type[models.Model]]:
    """Client, and every model with a chain of foreign keys (or one-to-ones) to it,
    read from the app registry so a new model is covered the day it is added."""
    scoped: set[type[models.Model]] = {apps.get_model("clients", "Client")}
    grew = True
    while grew:
        grew = False
        for model in apps.get_models():
            if model in scoped:
                continue
            for field in model._meta.get_fields():
                target = getattr(field, "related_model", None)
                if field.concrete and (field.many_to_one or field.one_to_one) and target in scoped:
                    scoped.add(model)
                    grew = True
                    break
    return scoped


def _routed_modules() -> set[str]:
    found: set[str] = set()

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                callback = pattern.callback
                found.add(getattr(callback, "view_class", callback).__module__)

    walk(get_resolver().url_patterns)
    from caseload.api.api import api

    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                found.add(operation.view_func.__module__)
    for handler in ("handler404", "handler403", "handler500", "handler400"):
        name = getattr(importlib.import_module(settings.ROOT_URLCONF), handler, None)
        if name:
            found.add(name.rsplit(".", 1)[0])
    return found


def _template_modules() -> set[str]:
    found: set[str] = set()
    for template in settings.TEMPLATES:
        for processor in template.get("OPTIONS", {}).get("context_processors", []):
            found.add(processor.rsplit(".", 1)[0])
    for engine in engines.all():
        found.update(engine.engine.template_libraries)
    return found


def _named_modules() -> set[str]:
    found: set[str] = set()
    for info in pkgutil.walk_packages(caseload.__path__, "caseload."):
        last = info.name.rsplit(".", 1)[-1]
        named = any(last == word or last.endswith("_" + word) for word in REQUEST_NAMES)
        in_package = info.name.startswith(REQUEST_PACKAGES)
        if named or in_package or ".templatetags." in info.name:
            found.add(info.name)
    return found


def request_modules() -> list[str]:
    names = _routed_modules() | _template_modules() | _named_modules()
    return sorted(
        name for name in names if name.startswith("caseload.") and ".migrations" not in name
    )


def _load(dotted: str):
    try:
        return importlib.import_module(dotted)
    except ImportError:
        return None


def _bindings(tree: ast.AST, package: str) -> dict[str, object]:
    """What each imported name stands for, imports in functions included."""
    names: dict[str, object] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names[alias.asname] = _load(alias.name)
                else:
                    top = alias.name.split(".", 1)[0]
                    names[top] = _load(top)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            module = _load(base)
            for alias in node.names:
                value = getattr(module, alias.name, None) if module else None
                if value is None:
                    value = _load(f"{base}.{alias.name}")
                names[alias.asname or alias.name] = value
    return names


def _resolve(node: ast.AST, names: dict[str, object]) -> object:
    if isinstance(node, ast.Name):
        return names.get(node.id)
    if isinstance(node, ast.Attribute):
        owner = _resolve(node.value, names)
        if isinstance(owner, (ModuleType, type)):
            return getattr(owner, node.attr, None)
    return None


def direct_queries(source: str, label: str, package: str, scoped: set[type]) -> list[str]:
    """Every place in `source` that queries a client-scoped model without the door."""
    tree = ast.parse(source)
    names = _bindings(tree, package)
    by_name = {model.__name__ for model in scoped}

    def scoped_model(node: ast.AST) -> str | None:
        value = _resolve(node, names)
        if value in scoped:
            return value.__name__
        # A bare model name bound by no import (e.g. a star import) counts too.
        if isinstance(node, ast.Name) and node.id not in names and node.id in by_name:
            return node.id
        return None

    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
            model = scoped_model(node.value)
            if model:
                found.append(f"{label}:{node.lineno} {model}.{node.attr}")
        elif isinstance(node, ast.Call) and node.args:
            function = _resolve(node.func, names)
            bare = isinstance(node.func, ast.Name) and node.func.id in {
                shortcut.__name__ for shortcut in SHORTCUTS
            }
            if function in SHORTCUTS or (bare and node.func.id not in names):
                model = scoped_model(node.args[0])
                if model:
                    shortcut = getattr(node.func, "id", getattr(node.func, "attr", ""))
                    found.append(f"{label}:{node.lineno} {shortcut}({model})")
    return found


def offenders_in(module_name: str, scoped: set[type]) -> list[str]:
    module = importlib.import_module(module_name)
    with open(module.__file__, encoding="utf-8") as handle:
        source = handle.read()
    package = (
        module_name if module.__file__.endswith("__init__.py") else module_name.rpartition(".")[0]
    )
    return direct_queries(source, module_name, package, scoped)


def test_the_scoped_models_come_from_the_registry():
    # Guards the guard: the set must reach models two foreign keys away from Client.
    names = {model.__name__ for model in client_scoped_models()}
    assert {"Client", "Perspective", "CareTeamMember", "Note", "Alert", "BreakGlassGrant"} <= names
    assert "User" not in names


def test_the_request_modules_are_found_by_route_and_by_name():
    modules = set(request_modules())
    assert {
        "caseload.clients.views",  # routed by urls.py
        "caseload.api.clients",  # routed by the API
        "caseload.fhir.views",
        "caseload.safety.context_processors",  # from TEMPLATES
        "caseload.audit.errors",  # handler404 / handler403
        "caseload.plans.portal_pages",  # by name
    } <= modules
    assert any(".templatetags." in name for name in modules)


def test_h102_request_modules_reach_client_data_only_through_the_door():
    scoped = client_scoped_models()
    offenders = [hit for name in request_modules() for hit in offenders_in(name, scoped)]
    assert offenders == []


SYNTHETIC = {
    "plain": "from caseload.clients.models import Perspective\n"
    "def view(request, pk):\n    return Perspective.objects.get(pk=pk)\n",
    "module attribute": "from caseload.notes import models\n"
    "def view(request):\n    return models.Note.objects.all()\n",
    "dotted import": "import caseload.safety.models\n"
    "def view(request):\n    return caseload.safety.models.Alert.objects.all()\n",
    "aliased model": "from caseload.clients.models import Episode as E\n"
    "def view(request):\n    return E.objects.first()\n",
    "aliased module": "import caseload.clients.models as cm\n"
    "def view(request):\n    return cm.Appointment._default_manager.all()\n",
    "base manager": "from caseload.clients.models import Client\n"
    "def view(request):\n    return Client._base_manager.all()\n",
    "get_object_or_404": "from django.shortcuts import get_object_or_404\n"
    "from caseload.notes.models import Note\n"
    "def view(request, pk):\n    return get_object_or_404(Note, pk=pk)\n",
    "get_list_or_404 via module": "from django import shortcuts\n"
    "from caseload.clients.models import CareTeamMember\n"
    "def view(request):\n    return shortcuts.get_list_or_404(CareTeamMember)\n",
    "import inside a function": "def view(request):\n"
    "    from caseload.clients.models import Client as Person\n"
    "    return Person.objects.all()\n",
    "relative import": "from .models import Client\n"
    "def view(request):\n    return Client.objects.all()\n",
    "unbound name": "def view(request, pk):\n    return Perspective.objects.get(pk=pk)\n",
}


@pytest.mark.parametrize("style", sorted(SYNTHETIC))
def test_h102_the_guard_catches_every_query_style(style):
    source = textwrap.dedent(SYNTHETIC[style])
    hits = direct_queries(source, "synthetic", "caseload.clients", client_scoped_models())
    assert len(hits) == 1, hits


def test_h102_the_guard_passes_the_door_and_models_outside_the_client_record():
    source = (
        "from django.shortcuts import get_object_or_404\n"
        "from caseload.accounts.models import User\n"
        "from caseload.clients.access import Part, access_client\n"
        "def view(request, pk):\n"
        "    client = access_client(request.user, pk, part=Part.CLINICAL, purpose='x')\n"
        "    staff = get_object_or_404(User, pk=1)\n"
        "    return client.notes.all(), User.objects.all(), staff\n"
    )
    assert direct_queries(source, "synthetic", "caseload.notes", client_scoped_models()) == []
