"""When a client and their clinician have agreed that contact between sessions may happen:
the expectations agreement sets it (plans app); without one, the practice default holds.
The boundaries log (wellbeing app) checks every out-of-session contact against it."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import time

from caseload.core.composition import composed


@dataclass(frozen=True)
class ContactPolicy:
    days: frozenset[int]  # weekday numbers, Monday = 0
    start: time  # local time, in the practice's time zone
    end: time
    channels: frozenset[str]  # "phone", "text", "email", "in_person", "video"
    response_hours: int  # how soon the client can expect an answer
    source: str  # "agreement" or "practice default"


DEFAULT_POLICY = ContactPolicy(
    days=frozenset(range(5)),
    start=time(9),
    end=time(17),
    channels=frozenset({"phone", "email"}),
    response_hours=24,
    source="practice default",
)

PolicyProvider = Callable[[object], ContactPolicy | None]


def contact_policy_for(client) -> ContactPolicy:
    """The agreed policy for `client` from the first provider that has one (the
    composition's CONTACT_POLICY_PROVIDERS), or the practice default."""
    providers: tuple[PolicyProvider, ...] = composed("CONTACT_POLICY_PROVIDERS")
    for provider in providers:
        policy = provider(client)
        if policy is not None:
            return policy
    return DEFAULT_POLICY
