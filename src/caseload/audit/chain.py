"""The hash chain: canonical content, keyed hashing and verification. Pure functions
over plain values, so the rules can be tested without a database."""

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime

GENESIS = "0" * 64


def canonical(fields: dict) -> bytes:
    """A stable byte form of an event's content: sorted keys, UTC times, no spaces."""

    def normal(value):
        if isinstance(value, datetime):
            return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        return value

    return json.dumps(
        {key: normal(value) for key, value in fields.items()},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode()


def link_hash(key: bytes, prev_hash: str, content: bytes) -> str:
    return hmac.new(key, prev_hash.encode() + b"\n" + content, hashlib.sha256).hexdigest()


def head_signature(key: bytes, seq: int, last_hash: str) -> str:
    return hmac.new(key, f"head:{seq}:{last_hash}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Problem:
    seq: int | None
    reason: str

    def __str__(self) -> str:
        where = f"event #{self.seq}" if self.seq is not None else "the chain"
        return f"{where}: {self.reason}"


def first_problem(
    key: bytes, events, head_seq: int, head_hash: str, head_signature_value: str
) -> Problem | None:
    """Walk events in seq order; return the first that breaks the chain, or None.

    `events` yields (seq, prev_hash, hash, content_bytes).
    """
    if not hmac.compare_digest(head_signature(key, head_seq, head_hash), head_signature_value):
        return Problem(None, "the chain head's signature does not match (the head was altered)")
    expected_seq, expected_prev = 1, GENESIS
    for seq, prev_hash, stored_hash, content in events:
        if seq != expected_seq:
            return Problem(seq, f"expected event #{expected_seq} here: events missing or inserted")
        if not hmac.compare_digest(prev_hash, expected_prev):
            return Problem(seq, "does not follow the event before it (reordered or inserted)")
        if not hmac.compare_digest(link_hash(key, prev_hash, content), stored_hash):
            return Problem(seq, "content does not match its hash (changed)")
        expected_seq, expected_prev = seq + 1, stored_hash
    last_seq = expected_seq - 1
    if head_seq != last_seq or not hmac.compare_digest(head_hash, expected_prev):
        return Problem(
            last_seq + 1 if head_seq > last_seq else None,
            f"the chain head records event #{head_seq} but the trail ends at "
            f"#{last_seq} (events removed from the end)",
        )
    return None
