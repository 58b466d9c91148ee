"""The README's API table, made from the OpenAPI schema so that it cannot drift from the
API: `caseload docs api-table` prints it, and tests/test_docs_match_code.py fails when
the README's copy differs."""

from caseload.api.api import api

HTTP_METHODS = ("get", "post", "put", "patch", "delete")


def api_operations() -> list[tuple[str, str, str]]:
    """(method, path, description) for every operation under /api/v1/, in schema order."""
    schema = api.get_openapi_schema()
    operations = []
    for path, item in schema["paths"].items():
        for method in HTTP_METHODS:
            operation = item.get(method)
            if operation is not None:
                description = str(operation.get("description") or operation.get("summary", ""))
                operations.append((method.upper(), str(path), _first_paragraph(description)))
    return operations


def api_table() -> str:
    """A Markdown table: one row per operation, its method and path, and what it does."""
    rows = ["| method and path | what it does |", "|---|---|"]
    for method, path, description in api_operations():
        cell = description.replace("|", r"\|")
        rows.append(f"| `{method} {path}` | {cell} |")
    return "\n".join(rows) + "\n"


def _first_paragraph(text: str) -> str:
    return " ".join(text.strip().split("\n\n")[0].split())
