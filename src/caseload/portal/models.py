import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from caseload.clients.models import Client
from caseload.core import clock


class PortalLink(models.Model):
    """A link that lets a client do one thing (complete a measure, read their safety
    plan, sign a plan or consent) on their own phone, without an account.

    Only a SHA-256 digest of the token is stored. The link works until it expires, is
    revoked, or (when single use) is used; opening it asks for the client's date of birth,
    and too many wrong answers lock it.
    """

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="portal_links")
    kind = models.CharField(max_length=40)
    target_id = models.CharField(max_length=64, blank=True)
    digest = models.CharField(max_length=64, unique=True)
    single_use = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    failed_checks = models.PositiveSmallIntegerField(default=0)
    locked_at = models.DateTimeField(null=True, blank=True)

    MAX_FAILED_CHECKS = 5

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["client", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} link for client {self.client_id}"

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(24)

    @property
    def state(self) -> str:
        now = clock.now()
        if self.revoked_at:
            return "revoked"
        if self.locked_at:
            return "locked"
        if self.single_use and self.used_at:
            return "used"
        if self.expires_at and self.expires_at <= now:
            return "expired"
        return "open"

    @property
    def state_label(self) -> str:
        return {
            "revoked": _("withdrawn"),
            "locked": _("locked after wrong dates of birth"),
            "used": _("used"),
            "expired": _("expired"),
            "open": _("open"),
        }[self.state]

    @property
    def is_usable(self) -> bool:
        return self.state == "open"
