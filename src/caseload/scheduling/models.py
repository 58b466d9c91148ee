"""A clinician's iCalendar feed: a secret address their own calendar program polls.

Only the SHA-256 digest of the token is stored (like API tokens), so the address is
shown once, when it is made; regenerating makes a new one and revokes the old."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from caseload.core import clock


class CalendarFeed(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_sha256 = models.CharField(max_length=64, unique=True)
    # Off by default: a phone's calendar is not a clinical record (H-106).
    include_initials = models.BooleanField(
        _("show the client's initials"),
        default=False,
        help_text=_("Off: events say only the type of appointment."),
    )
    created_at = models.DateTimeField(default=clock.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_live_calendar_feed",
            )
        ]

    def __str__(self) -> str:
        return f"Calendar feed of {self.user} from {self.created_at:%Y-%m-%d}"
