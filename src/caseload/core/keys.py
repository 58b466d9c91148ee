"""Key rotation: re-encrypt every stored value under the key ring's primary key."""

from django.apps import apps
from django.db import transaction

from caseload.core import crypto
from caseload.core.fields import EncryptedModel


def encrypted_models() -> list[type[EncryptedModel]]:
    return [m for m in apps.get_models() if issubclass(m, EncryptedModel) and m.encrypted_fields()]


def reencrypt_all(ring: crypto.KeyRing, *, batch: int = 500) -> int:
    """Rewrite every value not already under the primary key; returns how many. Each
    batch is one transaction, so an interrupted run can simply be run again."""
    rewritten = 0
    for model in encrypted_models():
        fields = model.encrypted_fields()
        names = [f.attname for f in fields]
        last_pk = 0
        while True:
            with transaction.atomic():
                rows = list(
                    model.objects.select_for_update()
                    .filter(pk__gt=last_pk)
                    .order_by("pk")
                    .only("pk", "row_key", *names)[:batch]
                )
                if not rows:
                    break
                for row in rows:
                    stale = [f for f in fields if _is_stale(f.stored_value(row), ring)]
                    if stale:
                        updates = {
                            f.attname: crypto.encrypt(
                                crypto.decrypt(f.stored_value(row), f.context_for(row), ring),
                                f.context_for(row),
                                ring,
                            )
                            for f in stale
                        }
                        model.objects.filter(pk=row.pk).update(**updates)
                        rewritten += len(stale)
                last_pk = rows[-1].pk
    return rewritten


def _is_stale(stored: str, ring: crypto.KeyRing) -> bool:
    return bool(stored) and crypto.key_id_of(stored) != ring.primary_id
