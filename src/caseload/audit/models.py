from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One append-only entry of the audit trail (ARCHITECTURE.md rule 3).

    Database triggers refuse UPDATE and DELETE; `hash` chains each event to the one
    before it with an HMAC, so `caseload audit verify` detects any change. `client_id`
    is a plain column, not a foreign key, so the trail outlives any record it names.
    Never put clinical content in `detail`.
    """

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    client_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    purpose = models.CharField(max_length=200, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        indexes = [
            models.Index(fields=["actor", "at"]),
            models.Index(fields=["client_id", "at"]),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} by {self.actor_username or 'system'}"


class AuditChainHead(models.Model):
    """The single row that holds the last event's number and hash. Appending locks it,
    which orders concurrent writers; it also lets verify notice events cut off the end."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)
    # HMAC over (seq, hash): without the audit key nobody can wind the head back to hide
    # events deleted from the end of the trail.
    signature = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"audit head at #{self.seq}"
