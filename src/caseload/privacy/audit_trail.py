"""The audit trail as a privacy officer reads it: events told in sentences with names,
searched by a client's name, a staff member, an action or a group of actions and a
period, and exported as CSV.

The trail itself (caseload.audit) keeps numbers and codes; names are looked up here, in
bulk, for the events shown: one query for the people and one for the clients, however
many events (a page or a chunk of an export).
"""

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice

from django.db.models import Q, QuerySet
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from caseload.accounts.models import AnyUser, User
from caseload.audit.models import AuditEvent
from caseload.audit.search import audit_search, spreadsheet_safe
from caseload.clients.access import clients_named_in_audit
from caseload.clients.models import Client
from caseload.measures import instruments
from caseload.privacy.audit_vocabulary import (
    GROUP_BADGES,
    ActionGroup,
    Phrase,
    actions_in,
    phrase_for,
)

# Detail keys a sentence may use, and those among them that hold a staff username.
DETAIL_WORDS = ("username", "kind", "instrument", "format", "to", "seq")
DETAIL_PEOPLE = ("supervisor", "supervisee", "user", "for", "assigned_to")
STAFF_OBJECT = "accounts.user"
CSV_CHUNK = 2000
FOUND_SHOWN = 50


@dataclass(frozen=True)
class ReadableEvent:
    event: AuditEvent
    sentence: str
    actor_name: str
    client_name: str
    group: ActionGroup

    @property
    def badge(self) -> str:
        return str(GROUP_BADGES[self.group])

    def full_sentence(self) -> str:
        """The sentence with its time (the practice's date-time format and time zone) and
        address: "Chloe Martin opened David Shaw's record (session notes), Dec. 3, 2026,
        2:02 p.m., from 10.0.0.5"."""
        when = formats.date_format(timezone.localtime(self.event.at), "DATETIME_FORMAT")
        text = f"{self.sentence}, {when}"
        return f"{text}, {_('from')} {self.event.ip}" if self.event.ip else text


@dataclass(frozen=True)
class Names:
    people: dict[int, str]
    usernames: dict[str, str]
    clients: dict[int, str]


def _staff_name(user: User) -> str:
    return user.get_full_name() or user.username


def names_for(events: list[AuditEvent], *, viewer: AnyUser) -> Names:
    """The names the events mention, in two queries: staff (actors, staff the event is
    about, usernames in the detail) and clients (only those `viewer` may see named)."""
    people_ids = {event.actor_id for event in events if event.actor_id}
    people_ids |= {
        int(event.object_id)
        for event in events
        if event.object_type == STAFF_OBJECT and event.object_id.isdigit()
    }
    usernames = {
        str(event.detail[key])
        for event in events
        for key in DETAIL_PEOPLE
        if isinstance(event.detail, dict) and event.detail.get(key)
    }
    staff = list(User.objects.filter(Q(pk__in=people_ids) | Q(username__in=usernames)))
    client_ids = {event.client_id for event in events if event.client_id is not None}
    clients = clients_named_in_audit(viewer).filter(pk__in=client_ids)
    return Names(
        people={user.pk: _staff_name(user) for user in staff},
        usernames={user.username: _staff_name(user) for user in staff},
        clients={
            client.pk: client.display_name
            for client in clients.only("pk", "legal_name", "preferred_name")
        },
    )


class _Parts(dict):
    """A sentence's parts; one the event lacks reads as empty rather than failing."""

    def __missing__(self, key: str) -> str:
        return ""


def _actor_name(event: AuditEvent, names: Names) -> str:
    if event.actor_id:
        # An account since removed keeps its username in the event.
        return names.people.get(event.actor_id) or event.actor_username or f"#{event.actor_id}"
    # No actor: the client through a link, a failed sign-in, or caseload's own clock.
    return _("someone not signed in") if event.ip else _("caseload (automatic)")


def _client_name(event: AuditEvent, names: Names) -> str:
    if event.client_id is None:
        return ""
    return names.clients.get(event.client_id) or _("client %(number)s") % {
        "number": event.client_id
    }


def _instrument_name(code: str) -> str:
    """ "PHQ-9" for "phq9"; a code no longer known is shown as stored."""
    try:
        return instruments.module_for(code).INSTRUMENT.name
    except KeyError:
        return code


_TRANSLATED: dict[tuple[str, str | None], str] = {}


def _template(action: str, phrase: Phrase) -> str:
    # Translated once per action and language: an export of many thousand events
    # otherwise spends much of its time translating the same few sentences. Bounded:
    # the actions are the vocabulary's (and the few old ones a trail may hold).
    key = (action, translation.get_language())
    if key not in _TRANSLATED:
        _TRANSLATED[key] = str(phrase.sentence)
    return _TRANSLATED[key]


def readable(event: AuditEvent, names: Names) -> ReadableEvent:
    """One event told in a sentence."""
    phrase = phrase_for(event.action)
    detail = event.detail if isinstance(event.detail, dict) else {}
    parts = _Parts({key: str(detail[key]) for key in DETAIL_WORDS if key in detail})
    if "instrument" in parts:
        parts["instrument"] = _instrument_name(parts["instrument"])
    for key in DETAIL_PEOPLE:
        if key in detail:
            parts[key] = names.usernames.get(str(detail[key]), str(detail[key]))
    actor, client = _actor_name(event, names), _client_name(event, names)
    parts.update(actor=actor, client=client)
    if event.object_type == STAFF_OBJECT and event.object_id.isdigit():
        parts["person"] = names.people.get(int(event.object_id), f"#{event.object_id}")
    sentence = _template(event.action, phrase).format_map(parts)
    sentence = sentence[:1].upper() + sentence[1:]
    if event.purpose:
        sentence = f"{sentence} ({event.purpose})"
    return ReadableEvent(event, sentence, actor, client, phrase.group)


def readable_events(events: Iterable[AuditEvent], *, viewer: AnyUser) -> list[ReadableEvent]:
    """The events told in sentences, their names looked up in bulk."""
    events = list(events)
    names = names_for(events, viewer=viewer)
    return [readable(event, names) for event in events]


def clients_matching(
    *, viewer: AnyUser, name: str, date_of_birth: date | None
) -> QuerySet[Client]:
    """The clients `viewer` may search the trail by whose legal or preferred name holds
    every word of `name`, born on `date_of_birth` when given (to tell namesakes apart)."""
    clients = clients_named_in_audit(viewer)
    for word in name.split():
        clients = clients.filter(Q(legal_name__icontains=word) | Q(preferred_name__icontains=word))
    if date_of_birth is not None:
        clients = clients.filter(date_of_birth=date_of_birth)
    return clients.only("pk", "legal_name", "preferred_name", "date_of_birth")


def actions_chosen(choice: str) -> list[str] | None:
    """The actions one choice of the search form stands for: a group's ("group:reads"),
    one action, or None for any."""
    if not choice:
        return None
    if choice.startswith("group:"):
        return actions_in(ActionGroup(choice.removeprefix("group:")))
    return [choice]


def trail_search(
    *,
    client_ids: QuerySet[Client] | list[int] | None = None,
    username: str = "",
    since: date | None = None,
    until: date | None = None,
    actions: list[str] | None = None,
) -> QuerySet[AuditEvent]:
    """Events matching every filter given, newest first. `client_ids` is the clients
    found by name, as numbers or a query of clients (empty: none found, so no events)."""
    events = audit_search(username=username, since=since, until=until)
    if isinstance(client_ids, QuerySet):
        events = events.filter(client_id__in=client_ids.values("pk"))
    elif client_ids is not None:
        events = events.filter(client_id__in=client_ids)
    if actions is not None:
        events = events.filter(action__in=actions)
    return events


@dataclass(frozen=True)
class TrailSearch:
    events: QuerySet[AuditEvent]
    # The clients found by name (the first FOUND_SHOWN of them), shown so the searcher
    # can tell namesakes apart; None when no name or date of birth was given. The
    # events are those of every client found, however many.
    clients_found: list[Client] | None
    more_clients: bool = False


def trail_search_for(*, viewer: AnyUser, terms: dict) -> TrailSearch:
    """The events matching the search form's cleaned `terms`, as `viewer` may search
    them: a client's name finds only clients they may see named."""
    named, found = None, None
    if terms.get("client_name") or terms.get("date_of_birth"):
        named = clients_matching(
            viewer=viewer,
            name=terms.get("client_name") or "",
            date_of_birth=terms.get("date_of_birth"),
        )
        found = list(named[: FOUND_SHOWN + 1])
    number = terms.get("client")
    client_ids: QuerySet[Client] | list[int] | None = [number] if number else None
    if named is not None:
        client_ids = named.filter(pk=number) if number else named
    events = trail_search(
        client_ids=client_ids,
        username=terms.get("user") or "",
        since=terms.get("since"),
        until=terms.get("until"),
        actions=actions_chosen(terms.get("action") or ""),
    )
    if found is not None and len(found) > FOUND_SHOWN:
        return TrailSearch(events, found[:FOUND_SHOWN], more_clients=True)
    return TrailSearch(events, found)


CSV_COLUMNS = [
    "seq",
    "at",
    "local_time",
    "actor_username",
    "actor_name",
    "action",
    "sentence",
    "client_id",
    "client_name",
    "object_type",
    "object_id",
    "ip",
    "purpose",
    "detail",
    "prev_hash",
    "hash",
]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _chunks(events: QuerySet[AuditEvent]) -> Iterator[list[AuditEvent]]:
    iterator = events.iterator(chunk_size=CSV_CHUNK)
    while chunk := list(islice(iterator, CSV_CHUNK)):
        yield chunk


def csv_lines(events: QuerySet[AuditEvent], *, viewer: AnyUser) -> Iterator[str]:
    """The events as CSV, one line at a time (streamed: an export of years stays small
    in memory), names looked up per chunk of 2,000. Every text cell is made safe for a
    spreadsheet (a cell starting with = + - @ is prefixed with ')."""
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_COLUMNS)
    for chunk in _chunks(events):
        for row in readable_events(chunk, viewer=viewer):
            yield writer.writerow(_csv_row(row))


def _csv_row(row: ReadableEvent) -> list[object]:
    event = row.event
    cells: dict[str, object] = {
        "seq": event.seq,
        "at": event.at.isoformat(),
        "local_time": timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S"),
        "actor_username": event.actor_username,
        "actor_name": row.actor_name,
        "action": event.action,
        "sentence": row.sentence,
        "client_id": event.client_id if event.client_id is not None else "",
        "client_name": row.client_name,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "ip": event.ip or "",
        "purpose": event.purpose,
        "detail": json.dumps(event.detail, sort_keys=True),
        "prev_hash": event.prev_hash,
        "hash": event.hash,
    }
    return [
        spreadsheet_safe(value) if isinstance(value, str) else value
        for value in (cells[column] for column in CSV_COLUMNS)
    ]
