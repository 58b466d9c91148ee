"""Database constraints in words: the sentence a person sees when a form's save meets
one (each constraint's `violation_error_message`), whichever database reported it."""

import re

from django.apps import apps
from django.db import IntegrityError, models

# SQLite names a check constraint or a partial unique index, but gives only the columns
# of a plain unique constraint.
_SQLITE_NAMED = re.compile(r"(?:CHECK constraint failed: |UNIQUE constraint failed: index ')(\w+)")
_SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: ([\w.]+(?:, [\w.]+)*)$")


def _constraints():
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            yield model, constraint


def _named(error: IntegrityError) -> str | None:
    # PostgreSQL (psycopg) carries the name in the error's diagnostics.
    diagnostics = getattr(error.__cause__, "diag", None)
    if name := getattr(diagnostics, "constraint_name", None):
        return name
    found = _SQLITE_NAMED.search(str(error))
    return found.group(1) if found else None


def _by_columns(error: IntegrityError) -> models.BaseConstraint | None:
    found = _SQLITE_UNIQUE.search(str(error))
    if not found:
        return None
    qualified = [column.split(".") for column in found.group(1).split(", ")]
    tables = {table for table, _column in qualified}
    columns = {column for _table, column in qualified}
    for model, constraint in _constraints():
        if model._meta.db_table not in tables or not isinstance(
            constraint, models.UniqueConstraint
        ):
            continue
        fields = {model._meta.get_field(name).column for name in constraint.fields}
        if fields == columns:
            return constraint
    return None


def constraint_message(error: IntegrityError) -> str | None:
    """The sentence of the constraint `error` reports, or None when it names none of
    ours (the error is then not one a person can fix by changing the form)."""
    name = _named(error)
    if name is not None:
        constraint = next((c for _model, c in _constraints() if c.name == name), None)
    else:
        constraint = _by_columns(error)
    if constraint is None:
        return None
    return str(constraint.violation_error_message)
