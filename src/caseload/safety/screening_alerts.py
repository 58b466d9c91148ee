"""Every piece of free text a client writes to the practice is screened the same way
(safety/screening.py) and a match raises the same alert (`safety.services.alert_raise`):
check-ins, session-feedback comments, the name typed when signing a plan or the agreement.

`client_text_screen` is the one step each channel calls, inside its own transaction,
so the client's words and the alert they raise are saved together or not at all (H-085).
"""

import json
from dataclasses import asdict

from caseload.accounts.models import User
from caseload.clients.models import Client
from caseload.core import clock
from caseload.safety import screening
from caseload.safety.models import AlertSource, ScreenedText
from caseload.safety.services import alert_raise

CATEGORY_WORDS = {
    "intent": "intent to act",
    "plan": "a plan or the means",
    "preparation": "preparations or a goodbye",
    "attempt": "an attempt",
    "thoughts": "thoughts of suicide or death",
    "self_harm": "self-harm",
    "harm_to_others": "harm to someone else",
    "danger_now": "danger now",
    "second_reader": "words like other risk messages (no rule named them)",
}


def alert_evidence(text: str, result: screening.Screening) -> str:
    quoted = ", ".join(
        f'"{match.text}" ({CATEGORY_WORDS.get(match.category, match.category)})'
        for match in result.matches
    )
    return f"Matched: {quoted}\n\n{text}"


def alert_reason(what: str, result: screening.Screening) -> str:
    """Plain words without the client's own text: the reason is not encrypted."""
    categories = sorted({CATEGORY_WORDS.get(m.category, m.category) for m in result.matches})
    return f"{what} mentions " + "; ".join(categories)


def client_text_screen(
    *,
    client: Client,
    text: str,
    source_obj,
    field: str,
    what: str,
    source: str = AlertSource.CLIENT_TEXT,
    acting_user: User | None = None,
    request=None,
    keep: bool = True,
    result: screening.Screening | None = None,
) -> screening.Screening:
    """Screen `text` that `client` wrote (saved as `source_obj.<field>`); on a match,
    raise an alert for the care team, saying `what` the text was. Call it inside the
    transaction that saves the text. With `keep` (the default) what matched is stored
    (ScreenedText) for the clinician's view; a channel whose row keeps its own matches
    (check-ins) passes keep=False, and the `result` it already has for that row."""
    if result is None:
        result = screening.screen(text or "")
    if keep and (text or "").strip():
        ScreenedText.objects.update_or_create(
            source_type=source_obj._meta.label_lower,
            source_id=str(source_obj.pk),
            field=field,
            defaults={
                "client": client,
                "flagged": result.flagged,
                "severity": result.severity or "",
                "matches": json.dumps([asdict(match) for match in result.matches]),
                "rules_version": result.rules_version,
                "screened_at": clock.now(),
            },
        )
    if result.flagged:
        alert_raise(
            client=client,
            severity=result.severity,
            source=source,
            reason=alert_reason(what, result),
            evidence=alert_evidence(text, result),
            source_obj=source_obj,
            raised_by=acting_user,
            request=request,
        )
    return result


def screened_parts(text: str, matches: list[dict]) -> list[screening.Part]:
    """`text` cut into plain and matched parts from stored matches, for a template."""
    return screening.highlight_parts(text, [screening.Match(**match) for match in matches])


def attach_screened_parts(rows, field: str) -> list:
    """Give each row `<field>_parts` (its text cut at the stored matches) and
    `<field>_flagged`, with one query for all the rows."""
    rows = list(rows)
    if not rows:
        return rows
    label = rows[0]._meta.label_lower
    stored = {
        item.source_id: item
        for item in ScreenedText.objects.filter(
            client_id__in={row.client_id for row in rows},
            source_type=label,
            field=field,
            source_id__in=[str(row.pk) for row in rows],
        )
    }
    for row in rows:
        item = stored.get(str(row.pk))
        text = getattr(row, field) or ""
        setattr(row, f"{field}_parts", screened_parts(text, item.match_list() if item else []))
        setattr(row, f"{field}_flagged", bool(item and item.flagged))
    return rows
