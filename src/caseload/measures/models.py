"""Recorded measure results and measure plans.

A result keeps the answers as given, and beside them what the engine made of them (total,
band, subscales, flags) with the version of the rules that produced it (ARCHITECTURE.md
rule 6), so a later change of the rules never silently rewrites an old result.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from caseload.clients.models import Client, Episode
from caseload.measures.result import Score

# How every page shows a total reported without its item answers (items_known False).
ITEMS_NOT_KNOWN = "reported total, items not known"


class ResponseSource(models.TextChoices):
    SESSION = "session", _("Entered in session")
    LINK = "link", _("Completed by the client (link)")
    API = "api", _("Recorded through the API")
    FHIR = "fhir", _("Imported (FHIR)")


class MeasureResponse(models.Model):
    """One completed measure. `baseline_total` is the total of the first result of the
    same instrument in the same episode (None for the baseline itself), and the change
    category compares the two; `is_latest` marks the newest result of the instrument in
    the episode, so the caseload signal and the outcomes report need no "latest per
    group" query."""

    # Not a column: the engine's whole Score, set by services.response_record on the row it
    # returns, for the page that shows the client its explanation.
    score: Score

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="measure_responses")
    episode = models.ForeignKey(
        Episode,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measure_responses",
    )
    instrument = models.CharField(_("instrument"), max_length=20)
    answers = models.JSONField(_("answers"))
    total = models.FloatField(_("total"), null=True, blank=True)
    band = models.CharField(max_length=40, blank=True)
    band_label = models.CharField(_("band"), max_length=80, blank=True)
    subscales = models.JSONField(default=dict, blank=True)
    levels = models.JSONField(default=dict, blank=True)  # named levels, e.g. ProQOL's
    flags = models.JSONField(default=list, blank=True)
    prorated = models.BooleanField(default=False)
    # False: the result was reported as a total alone (from another record); `answers` is
    # empty and every page says "items not known" (docs/guide-measures.md).
    items_known = models.BooleanField(_("item answers known"), default=True)
    missing_note = models.CharField(max_length=300, blank=True)
    rules_version = models.CharField(max_length=20)
    is_baseline = models.BooleanField(default=False)
    is_latest = models.BooleanField(default=False)
    baseline_total = models.FloatField(null=True, blank=True)
    change_category = models.CharField(max_length=40, blank=True)
    change_label = models.CharField(_("change"), max_length=120, blank=True)
    rci = models.FloatField(null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source = models.CharField(max_length=20, choices=ResponseSource.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["completed_at", "id"]
        indexes = [
            models.Index(fields=["client", "instrument", "completed_at"]),
            models.Index(fields=["episode", "instrument", "is_latest"]),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} for client {self.client_id} at {self.completed_at:%Y-%m-%d}"

    @property
    def risk_flags(self) -> list[dict]:
        return [flag for flag in self.flags if flag.get("is_risk")]


class PlanFrequency(models.TextChoices):
    EVERY_SESSION = "session", _("Every session")
    EVERY_N_WEEKS = "weeks", _("Every few weeks")


class MeasurePlan(models.Model):
    """Which instrument a client completes, and how often. `counted_from` is when the
    last result came in (or the plan started); `next_due_on` is the date a weekly plan
    falls due. Both are kept up to date by the services, so the caseload page can tell
    what is due with a plain comparison."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="measure_plans")
    instrument = models.CharField(_("instrument"), max_length=20)
    frequency = models.CharField(_("how often"), max_length=10, choices=PlanFrequency.choices)
    interval_weeks = models.PositiveSmallIntegerField(_("every how many weeks"), null=True)
    active = models.BooleanField(default=True)
    counted_from = models.DateTimeField()
    next_due_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    stopped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["instrument", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "instrument"],
                condition=models.Q(active=True),
                name="one_active_plan_per_instrument",
                violation_error_message=_(
                    "This measure is already planned for this client: change or stop that plan "
                    "instead."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(frequency="session")
                | models.Q(interval_weeks__gte=1, interval_weeks__lte=52),
                name="plan_interval_sane",
                violation_error_message=_("Give how often in weeks, from 1 to 52."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} plan for client {self.client_id}"

    @property
    def frequency_label(self) -> str:
        if self.frequency == PlanFrequency.EVERY_SESSION:
            return str(_("Every session"))
        if self.interval_weeks == 1:
            return str(_("Every week"))
        return str(_("Every %(weeks)s weeks") % {"weeks": self.interval_weeks})
