from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from caseload.core import crypto, keys
from caseload.core.local_secrets import new_data_key


class Command(BaseCommand):
    help = (
        "Data-encryption keys. `caseload keys rotate` re-encrypts everything under a "
        "new key; `caseload keys generate` prints a new key for CASELOAD_KEYS."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("rotate", help="re-encrypt every value under a new primary key")
        sub.add_parser("generate", help="print a new key entry (id:base64)")

    def handle(self, *args, action, **options):
        ring = crypto.key_ring()
        if action == "generate":
            self.stdout.write(new_data_key(self._next_id(ring)))
            return
        ring = self._ring_with_new_primary(ring)
        count = keys.reencrypt_all(ring)
        self.stdout.write(
            self.style.SUCCESS(f"Re-encrypted {count} values under key {ring.primary_id!r}.")
        )

    @staticmethod
    def _next_id(ring) -> str:
        number = 1
        while f"k{number}" in ring.keys:
            number += 1
        return f"k{number}"

    def _ring_with_new_primary(self, ring):
        """With a key file (the demo), make and save a new primary key. With
        CASELOAD_KEYS from the environment, the operator puts the new key first."""
        path = settings.CASELOAD_KEYS_FILE
        if path is None:
            if not self._has_stale_values(ring):
                raise CommandError(
                    "Every value is already under the first key in CASELOAD_KEYS. To rotate, "
                    "run `caseload keys generate`, put the new entry first in CASELOAD_KEYS "
                    "(keep the old ones after it), restart, then run `caseload keys rotate`."
                )
            return ring
        spec = f"{new_data_key(self._next_id(ring))},{path.read_text().strip()}"
        new_ring = crypto.KeyRing.parse(spec)
        tmp = path.with_suffix(".new")
        tmp.write_text(spec)
        tmp.chmod(0o600)
        tmp.replace(path)
        settings.CASELOAD_KEYS = spec
        return new_ring

    @staticmethod
    def _has_stale_values(ring) -> bool:
        for model in keys.encrypted_models():
            for field in model.encrypted_fields():
                stale = model.objects.exclude(**{field.attname: ""}).exclude(
                    **{f"{field.attname}__startswith": f"{crypto.PREFIX}:{ring.primary_id}:"}
                )
                if stale.exists():
                    return True
        return False
