"""The one extension point through which the top layer says what pages are made of.

A lower app that shows things contributed by apps above it (a client's tabs, the main
navigation, the timeline's sources, the portal's link pages, the workload figures, the
demo steps) declares the type of an entry beside the code that uses it, and reads the
list from the composition module named by `settings.CASELOAD_COMPOSITION`
(caseload/composition.py) the way Django reads ROOT_URLCONF: the lower app never
imports the apps above it, and no list is filled by the side effects of an import.
"""

from importlib import import_module
from typing import Any

from django.conf import settings


def composed(name: str) -> Any:
    """The entry `name` of the composition module (an upper-case tuple or mapping)."""
    return getattr(import_module(settings.CASELOAD_COMPOSITION), name)
