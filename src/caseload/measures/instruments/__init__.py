"""The instruments caseload ships. `get(code)` and `all_instruments()` are the only ways
in; each instrument's module defines one `INSTRUMENT` (see base.py)."""

from caseload.measures.instruments.base import Band, Instrument, Item, Option  # noqa: F401
