"""Queries compiled once and run many times with fresh values.

Django compiles a queryset to SQL every time it is evaluated. For the caseload page's one
query, a dozen correlated subqueries (one or two per caseload signal), compiling costs
several times what the database spends running it: about 15 ms against 2 ms for a page of
clients on SQLite. Django has no prepared statements, so this is the small piece it lacks
(written by hand for that reason): the SQL is compiled once per process and thread, with a
`Param` in the place of each value that changes between runs (the time, a page's ids), and
the values are bound when it runs. The rows still pass through Django's own converters, so
they come back exactly as `.values()` would return them.

The one rule for a query built here: every value that changes between runs must be a
`Param`. A value read from the clock while building would be compiled into the SQL and
reused for the life of the process: a signal judged against a stale time. The test
suite compiles every caseload query at two different times and fails if the SQL or its
fixed parameters differ (tests/core/test_prepared.py).
"""

import threading
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass

from django.db import connections
from django.db.models import BigIntegerField, Expression, Field, QuerySet
from django.db.models.sql.compiler import SQLCompiler

MIN_SLOTS = 8


class Param(Expression):
    """A named value bound each time a prepared query runs."""

    def __init__(self, name: str, output_field: Field):
        super().__init__(output_field=output_field)
        self.name = name

    def __repr__(self) -> str:
        return f"Param({self.name!r})"

    def as_sql(self, compiler, connection):
        # The Param itself stands in the parameter list until `run_prepared` binds it.
        return "%s", [self]


def id_params(prefix: str, slots: int) -> list[Param]:
    """`slots` id Params (`<prefix>0`, `<prefix>1`...) for an `__in` filter."""
    return [Param(f"{prefix}{index}", BigIntegerField()) for index in range(slots)]


def id_slots(count: int) -> int:
    """How many id Params a query for `count` ids gets: a power of two, at least 8, so a
    handful of compiled variants serve every page size."""
    slots = MIN_SLOTS
    while slots < count:
        slots *= 2
    return slots


def id_values(prefix: str, ids: Sequence[int]) -> dict[str, int]:
    """Values for the `id_params` of `id_slots(len(ids))` slots. Spare slots repeat the
    last id, which an IN list ignores."""
    padded = list(ids) + [ids[-1]] * (id_slots(len(ids)) - len(ids))
    return {f"{prefix}{index}": value for index, value in enumerate(padded)}


@dataclass(frozen=True)
class _Compiled:
    compiler: SQLCompiler  # after as_sql(): knows the columns and their converters
    sql: str
    params: tuple
    names: list[str]


_compiled = threading.local()  # a compiler belongs to its thread's connection


def compile_prepared(queryset: QuerySet, using: str = "default") -> _Compiled:
    """Compile a `.values()` queryset whose changing values are Params."""
    query = queryset.query
    if not query.values_select and not query.annotation_select:
        raise TypeError("prepare a .values() queryset: its rows are returned as dicts")
    compiler = query.get_compiler(using=using)
    sql, params = compiler.as_sql()
    names = [*query.extra_select, *query.values_select, *query.annotation_select]
    return _Compiled(compiler=compiler, sql=sql, params=tuple(params), names=names)


def run_prepared(
    key: Hashable,
    build: Callable[[], QuerySet],
    values: Mapping[str, object],
    *,
    limit: int | None = None,
    offset: int = 0,
    using: str = "default",
) -> list[dict]:
    """The rows of the query `build()` returns, compiled on the first run for `key` and
    reused after, with `values` bound to its Params. `key` must name everything `build`
    depends on (which rules, how many id slots). `limit` and `offset` page the rows."""
    compiled = _compiled_for(key, build, using)
    sql, params = compiled.sql, _bind_all(compiled, values, using)
    if limit is not None:
        # Standard SQL on SQLite and PostgreSQL; Django would compile them in as literals.
        sql, params = f"{sql} LIMIT %s OFFSET %s", [*params, int(limit), int(offset)]
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    rows = compiled.compiler.results_iter(results=[fetched])
    return [dict(zip(compiled.names, row, strict=True)) for row in rows]


def count_prepared(
    key: Hashable,
    build: Callable[[], QuerySet],
    values: Mapping[str, object],
    using: str = "default",
) -> int:
    """How many rows the query `build()` returns, prepared like `run_prepared` (give
    `build` no ordering: counting needs none)."""
    compiled = _compiled_for(key, build, using)
    with connections[using].cursor() as cursor:
        # compiled.sql is Django's own SQL: every value in it is a bound %s parameter.
        counting = f"SELECT COUNT(*) FROM ({compiled.sql}) counted"  # noqa: S608
        cursor.execute(counting, _bind_all(compiled, values, using))
        return cursor.fetchone()[0]


def _compiled_for(key: Hashable, build: Callable[[], QuerySet], using: str) -> _Compiled:
    cache = getattr(_compiled, using, None)
    if cache is None:
        cache = {}
        setattr(_compiled, using, cache)
    compiled = cache.get(key)
    if compiled is None:
        compiled = cache[key] = compile_prepared(build(), using)
    return compiled


def _bind_all(compiled: _Compiled, values: Mapping[str, object], using: str) -> list:
    connection = connections[using]
    return [_bind(param, values, connection) for param in compiled.params]


def _bind(param, values: Mapping[str, object], connection):
    if not isinstance(param, Param):
        return param
    try:
        value = values[param.name]
    except KeyError:
        raise KeyError(f"no value for the prepared query's Param {param.name!r}") from None
    return param.output_field.get_db_prep_value(value, connection, prepared=False)
