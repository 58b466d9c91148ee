"""Finishing a group into a result: its instrument, the answers in item order, and the
scoring engine's check; a total without item answers is a reported total."""

from caseload.core import clock
from caseload.fhir import answers as reading
from caseload.fhir.importing.plan import Group, Plan, ResultIn
from caseload.measures import instruments, scoring
from caseload.measures.instruments.base import Instrument
from caseload.measures.result import ScoringError
from caseload.measures.services import FUTURE_TOLERANCE


def finish(group: Group, plan: Plan) -> None:
    """The group's instrument, answers in item order, and the engine's check."""
    first = group.indexes[0]
    where = f" (entries {', '.join(map(str, group.indexes))})" if len(group.indexes) > 1 else ""
    try:
        definition = _group_instrument(group)
        given = _given(group, definition)
    except ValueError as error:
        plan.refuse(first, f"{error}{where}")
        return
    if group.completed_at > clock.now() + FUTURE_TOLERANCE:
        plan.refuse(first, f"the {definition.name} result is dated in the future")
        return
    if not any(answer is not None for _, answer in given.values()):
        _finish_reported(group, definition, plan, where)
        return
    answers = _answers(definition, given, plan)
    if answers is None:
        return
    context = {"sex": _sex(group, plan)} if definition.code == "auditc" else None
    try:
        score = scoring.score(definition.code, answers, context=context)
    except ScoringError as error:
        plan.refuse(first, f"{error}{where}")
        return
    if _totals_disagree(group, definition, score.total, plan):
        return
    plan.results.append(
        ResultIn(
            indexes=group.indexes,
            subject=group.subject,
            instrument=definition.code,
            answers=answers,
            completed_at=group.completed_at,
            context=context or {},
        )
    )


def _totals_disagree(group: Group, definition: Instrument, total, plan: Plan) -> bool:
    for index, stated in group.totals:
        if total is None or float(stated) != float(total):
            plan.refuse(
                index,
                f"the {definition.name} total given ({_plain(stated)}) does not match the "
                f"total of its item answers ({_plain(total) if total is not None else 'none'})",
            )
            return True
    return False


def _finish_reported(group: Group, definition: Instrument, plan: Plan, where: str) -> None:
    """No item answered: the stated total is recorded as a reported total, or refused."""
    if not group.totals:
        plan.refuse(group.indexes[0], f"the {definition.name} has no answers and no total{where}")
        return
    index, total = group.totals[0]
    for other, stated in group.totals[1:]:
        if float(stated) != float(total):
            plan.refuse(other, f"the {definition.name} totals given disagree{where}")
            return
    try:
        scoring.score_reported_total(definition.code, total)
    except ScoringError as error:
        plan.refuse(index, f"{error}{where}")
        return
    plan.results.append(
        ResultIn(
            indexes=group.indexes,
            subject=group.subject,
            instrument=definition.code,
            answers=[],
            completed_at=group.completed_at,
            context={},
            reported_total=total,
        )
    )


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _group_instrument(group: Group) -> Instrument:
    if len(group.named) > 1:
        names = " and ".join(sorted(instruments.get(code).name for code in group.named))
        raise ValueError(f"the codes name both {names} for one patient at one time")
    if group.named:
        return instruments.get(next(iter(group.named)))
    if group.family != "phq":
        return instruments.get(group.family)
    phq2 = {item.loinc for item in instruments.get("phq2").items}
    # Only PHQ-2's two item codes and no panel or total: a PHQ-2 (a PHQ-9 would have more).
    return instruments.get("phq2" if set(group.answers) <= phq2 else "phq9")


def _given(group: Group, definition: Instrument) -> dict[int, tuple[int, reading.Given | None]]:
    """The answers as sent, by item number, each with its entry index."""
    if group.by_number is not None:
        return group.by_number
    numbers = {item.loinc: item.number for item in definition.items if item.loinc}
    stray = [code for code in group.answers if code not in numbers]
    if stray:
        raise ValueError(f"item code {stray[0]} is not an item of {definition.name}")
    return {numbers[code]: found for code, found in group.answers.items()}


def _answers(definition: Instrument, given, plan: Plan) -> list | None:
    """Each item's option value (None when unanswered); None, with every unreadable
    answer refused at its own entry, when any cannot be read."""
    answers, readable = [], True
    for item in definition.items:
        index, answer = given.get(item.number, (None, None))
        try:
            answers.append(reading.option_value(item, answer))
        except ValueError as error:
            plan.refuse(index, f"{definition.name} item {item.number}: {error}")
            readable = False
    return answers if readable else None


def _sex(group: Group, plan: Plan) -> str | None:
    kind, number = group.subject
    patient = plan.patients.get(number) if kind == "entry" else None
    return patient.sex if patient else None
