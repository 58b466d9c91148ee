"""Writing and checking the audit trail."""

import hmac
from collections.abc import Mapping

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction
from django.http import HttpRequest

from caseload.audit import chain
from caseload.audit.models import AuditChainHead, AuditEvent
from caseload.core import clock
from caseload.core.fields import record_label
from caseload.core.http import client_ip


def _key() -> bytes:
    return settings.CASELOAD_AUDIT_KEY.encode()


def _content(event: AuditEvent) -> bytes:
    return chain.canonical(
        {
            "seq": event.seq,
            "at": event.at,
            "actor_id": event.actor_id,
            "actor_username": event.actor_username,
            "action": event.action,
            "object_type": event.object_type,
            "object_id": event.object_id,
            "client_id": event.client_id,
            "ip": event.ip,
            "purpose": event.purpose,
            "detail": event.detail,
        }
    )


def audit_record(
    *,
    action: str,
    actor: AbstractBaseUser | AnonymousUser | None = None,
    request: HttpRequest | None = None,
    client_id: int | None = None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    purpose: str = "",
    detail: Mapping[str, object] | None = None,
) -> AuditEvent:
    """Append one event to the chain, inside the caller's transaction if there is one,
    so that the event and the change it records commit or roll back together."""
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    if obj is not None:
        object_type, object_id = record_label(obj), obj.pk
    with transaction.atomic():
        # The head row lock serialises appenders; on SQLite the IMMEDIATE transaction
        # mode already holds the database write lock.
        head = AuditChainHead.objects.select_for_update().get(pk=1)
        event = AuditEvent(
            seq=head.seq + 1,
            at=clock.now(),
            # By id: audit sits below accounts and knows the staff model only as
            # AUTH_USER_MODEL; an anonymous caller has no pk and is recorded as nobody.
            actor_id=actor.pk if actor is not None else None,
            actor_username=getattr(actor, "username", "") or "",
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            client_id=client_id,
            ip=client_ip(request),
            purpose=purpose[:200],
            detail=dict(detail or {}),
            prev_hash=head.hash,
        )
        event.hash = chain.link_hash(_key(), head.hash, _content(event))
        event.save()
        head.seq, head.hash = event.seq, event.hash
        head.signature = chain.head_signature(_key(), head.seq, head.hash)
        head.save(update_fields=["seq", "hash", "signature"])
    return event


def audit_verify() -> chain.Problem | None:
    """Check the whole chain; the first problem found, or None when intact."""
    head = AuditChainHead.objects.get(pk=1)
    events = (
        (event.seq, event.prev_hash, event.hash, _content(event))
        for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000)
    )
    return chain.first_problem(_key(), events, head.seq, head.hash, head.signature)


def audit_event_matches_its_hash(event: AuditEvent) -> bool:
    """Whether the event's stored hash is the one its content and the previous hash give:
    a check of this one link, shown beside the raw event; `audit_verify` checks them all
    and the links between them."""
    expected = chain.link_hash(_key(), event.prev_hash, _content(event))
    return hmac.compare_digest(expected, event.hash)
