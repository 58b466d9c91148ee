"""Every audit action string the code can write, read from its syntax trees.

An action is the `action=` keyword of a call (`audit_record(action=...)`, or a helper
that passes it on). The value must be a literal, a conditional between literals, a local
variable assigned such values, or a parameter of the function it sits in (whose own
callers are then read the same way). Anything else (an f-string, an attribute, a call)
is reported as unreadable, so a new action can never slip past the vocabulary.
"""

import ast
from dataclasses import dataclass, field
from pathlib import Path

import caseload

SOURCE = Path(caseload.__file__).parent
# `action=` keywords that are not audit actions: argparse's store_true and the like.
NOT_AUDIT_CALLS = frozenset({"add_argument"})


@dataclass
class Found:
    actions: dict[str, str] = field(default_factory=dict)  # action -> "file:line"
    unreadable: list[str] = field(default_factory=list)


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _parameters(function: ast.AST) -> set[str]:
    arguments = function.args  # type: ignore[attr-defined]
    every = arguments.posonlyargs + arguments.args + arguments.kwonlyargs
    return {argument.arg for argument in every}


def _assigned(function: ast.AST, name: str) -> list[ast.expr]:
    values = []
    for node in ast.walk(function):
        if isinstance(node, ast.Assign):
            if any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
                values.append(node.value)
        elif (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.target.id == name
            and node.value is not None
        ):
            values.append(node.value)
    return values


def _resolve(value: ast.expr, function: ast.AST | None) -> list[str] | None:
    """The literal actions `value` can take, [] for a parameter passed on, None when
    the value cannot be read from the code."""
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return [value.value]
    if isinstance(value, ast.IfExp):
        body, orelse = _resolve(value.body, function), _resolve(value.orelse, function)
        return None if body is None or orelse is None else body + orelse
    if isinstance(value, ast.Name) and function is not None:
        assigned = _assigned(function, value.id)
        if assigned:
            parts = [_resolve(each, function) for each in assigned]
            return None if any(p is None for p in parts) else sum(parts, [])  # type: ignore[arg-type]
        if value.id in _parameters(function):
            return []
    return None


def _functions_around(tree: ast.Module) -> dict[ast.AST, ast.AST]:
    """Each node mapped to the innermost function that contains it."""
    owner: dict[ast.AST, ast.AST] = {}

    def visit(node: ast.AST, function: ast.AST | None) -> None:
        for child in ast.iter_child_nodes(node):
            inner = (
                child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function
            )
            if inner is not None:
                owner[child] = inner
            visit(child, inner)

    visit(tree, None)
    return owner


def actions_in_code(root: Path = SOURCE) -> Found:
    found = Found()
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        owner = _functions_around(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _callee(node) in NOT_AUDIT_CALLS:
                continue
            for keyword in node.keywords:
                if keyword.arg != "action":
                    continue
                where = f"{path.relative_to(root)}:{node.lineno}"
                values = _resolve(keyword.value, owner.get(node))
                if values is None:
                    found.unreadable.append(where)
                for action in values or []:
                    found.actions.setdefault(action, where)
    return found
