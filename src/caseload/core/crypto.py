"""Encryption at rest for free-text clinical content (ARCHITECTURE.md rule 4).

AES-256-GCM from `cryptography`, under a key ring read from CASELOAD_KEYS
("id:base64key,id:base64key"; the first key encrypts, every key decrypts). Each value is
bound to its row and field through the associated data, so ciphertext copied to another
row or field fails to decrypt instead of showing someone else's words.

Written here rather than taken from a field library: the maintained ones either use
Fernet without associated data (no row binding) or have no key ring for rotation.
"""

import base64
import binascii
import os
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "gcm1"


class DecryptionError(Exception):
    """Ciphertext that is damaged, moved from another row, or under an unknown key."""


@dataclass(frozen=True)
class KeyRing:
    primary_id: str
    keys: dict[str, bytes]

    @classmethod
    def parse(cls, spec: str) -> "KeyRing":
        keys: dict[str, bytes] = {}
        order: list[str] = []
        for entry in (part.strip() for part in spec.split(",")):
            if not entry:
                continue
            key_id, sep, encoded = entry.partition(":")
            if not sep or not key_id.isalnum():
                raise ImproperlyConfigured("CASELOAD_KEYS entries must look like id:base64key.")
            try:
                key = base64.b64decode(encoded, validate=True)
            except binascii.Error:
                raise ImproperlyConfigured(
                    f"CASELOAD_KEYS key {key_id!r} is not base64."
                ) from None
            if len(key) != 32:
                raise ImproperlyConfigured(f"CASELOAD_KEYS key {key_id!r} must be 32 bytes.")
            if key_id in keys:
                raise ImproperlyConfigured(f"CASELOAD_KEYS names key {key_id!r} twice.")
            keys[key_id] = key
            order.append(key_id)
        if not order:
            raise ImproperlyConfigured("CASELOAD_KEYS holds no key.")
        return cls(primary_id=order[0], keys=keys)


@lru_cache(maxsize=4)
def _ring_for(spec: str) -> KeyRing:
    return KeyRing.parse(spec)


def key_ring() -> KeyRing:
    return _ring_for(settings.CASELOAD_KEYS)


def encrypt(plaintext: str, context: str, ring: KeyRing | None = None) -> str:
    ring = ring or key_ring()
    nonce = os.urandom(12)
    sealed = AESGCM(ring.keys[ring.primary_id]).encrypt(
        nonce, plaintext.encode(), context.encode()
    )
    body = base64.b64encode(nonce + sealed).decode()
    return f"{PREFIX}:{ring.primary_id}:{body}"


def key_id_of(stored: str) -> str:
    return stored.split(":", 2)[1]


def decrypt(stored: str, context: str, ring: KeyRing | None = None) -> str:
    ring = ring or key_ring()
    try:
        prefix, key_id, body = stored.split(":", 2)
        if prefix != PREFIX:
            raise ValueError
        raw = base64.b64decode(body, validate=True)
    except (ValueError, binascii.Error):
        raise DecryptionError("stored value is not caseload ciphertext") from None
    key = ring.keys.get(key_id)
    if key is None:
        raise DecryptionError(f"key {key_id!r} is not in CASELOAD_KEYS")
    try:
        return AESGCM(key).decrypt(raw[:12], raw[12:], context.encode()).decode()
    except InvalidTag:
        raise DecryptionError("ciphertext does not belong to this row and field") from None
