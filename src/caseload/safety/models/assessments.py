"""A clinician's structured risk assessment. Each one is a new, signed record: never
edited after saving; a changed view is recorded as a new assessment (ARCHITECTURE.md
rule 5), so the history shows how the risk was seen over time."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from caseload.clients.models import Client
from caseload.core.fields import EncryptedModel, EncryptedTextField


class Thoughts(models.TextChoices):
    NONE = "none", _("None reported")
    PASSIVE = "passive", _("Passive: wishes to be dead or not wake up")
    ACTIVE = "active", _("Active: thoughts of ending their life")


class Plan(models.TextChoices):
    NONE = "none", _("No plan")
    VAGUE = "vague", _("Vague or partial plan")
    SPECIFIC = "specific", _("Specific plan (method, time or place)")


class Intent(models.TextChoices):
    NONE = "none", _("No intent")
    AMBIVALENT = "ambivalent", _("Ambivalent")
    CLEAR = "clear", _("Clear intent to act")


class Means(models.TextChoices):
    NONE = "none", _("No access reported")
    SOME = "some", _("Some access")
    READY = "ready", _("Ready access to the planned means")


class PastBehaviour(models.TextChoices):
    NONE = "none", _("None known")
    SELF_HARM = "self_harm", _("Self-harm")
    ATTEMPT = "attempt", _("Past attempt (over a year ago)")
    RECENT_ATTEMPT = "recent_attempt", _("Attempt within the past year")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MODERATE = "moderate", _("Moderate")
    HIGH = "high", _("High")
    IMMINENT = "imminent", _("Imminent")


# Levels that raise a high alert for the care team and schedule follow-up contacts.
ALERTING_LEVELS = frozenset({RiskLevel.HIGH, RiskLevel.IMMINENT})

RISK_FACTORS = [
    ("previous_attempt", _("Previous suicide attempt")),
    ("self_harm", _("Self-harm")),
    ("substance_use", _("Alcohol or drug misuse")),
    ("hopelessness", _("Hopelessness")),
    ("recent_loss", _("Recent loss, separation or crisis")),
    ("isolation", _("Social isolation")),
    ("chronic_illness", _("Chronic pain or illness")),
    ("family_history", _("Suicide in the family or close circle")),
    ("impulsivity", _("Impulsivity or agitation")),
    ("recent_discharge", _("Recent discharge from hospital")),
]
PROTECTIVE_FACTORS = [
    ("reasons_for_living", _("Reasons for living")),
    ("support", _("Support from family or friends")),
    ("responsibility", _("Responsibility for children or pets")),
    ("engaged_in_care", _("Engaged in treatment")),
    ("coping_skills", _("Coping and problem-solving skills")),
    ("beliefs", _("Faith, cultural or moral beliefs")),
    ("restricted_means", _("Means made safer")),
    ("future_plans", _("Plans for the future")),
]


class RiskAssessment(EncryptedModel):
    encryption_owner_field = "client_id"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="risk_assessments")
    # Signed by its author at `recorded_at`; the pair is the signature.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    thoughts = models.CharField(_("current thoughts"), max_length=20, choices=Thoughts.choices)
    thoughts_notes = EncryptedTextField(_("about their thoughts"), blank=True)
    plan = models.CharField(_("plan"), max_length=20, choices=Plan.choices)
    plan_notes = EncryptedTextField(_("about a plan"), blank=True)
    intent = models.CharField(_("intent"), max_length=20, choices=Intent.choices)
    intent_notes = EncryptedTextField(_("about intent"), blank=True)
    means = models.CharField(_("access to means"), max_length=20, choices=Means.choices)
    means_notes = EncryptedTextField(_("about means"), blank=True)
    past_behaviour = models.CharField(
        _("past behaviour"), max_length=20, choices=PastBehaviour.choices
    )
    past_behaviour_notes = EncryptedTextField(_("about past behaviour"), blank=True)
    risk_factors = models.JSONField(_("risk factors"), default=list, blank=True)
    risk_factors_notes = EncryptedTextField(_("other risk factors"), blank=True)
    protective_factors = models.JSONField(_("protective factors"), default=list, blank=True)
    protective_factors_notes = EncryptedTextField(_("other protective factors"), blank=True)
    formulation = EncryptedTextField(_("formulation"))
    risk_level = models.CharField(_("overall risk"), max_length=20, choices=RiskLevel.choices)
    risk_level_reason = EncryptedTextField(_("why this level"))
    management_plan = EncryptedTextField(_("plan"))
    next_review_on = models.DateField(_("next review"))

    class Meta:
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["client", "-recorded_at"])]

    def __str__(self) -> str:
        return f"{self.get_risk_level_display()} risk, client {self.client_id}"

    @property
    def is_high_risk(self) -> bool:
        """High or imminent: the levels that raise a high alert for the care team and
        schedule follow-up contacts (H-026)."""
        return self.risk_level in ALERTING_LEVELS

    @property
    def tone(self) -> str:
        """How pages mark this level: danger for high risk, warning for moderate."""
        if self.is_high_risk:
            return "danger"
        return "warning" if self.risk_level == RiskLevel.MODERATE else "info"

    def risk_factor_labels(self) -> list[str]:
        labels = dict(RISK_FACTORS)
        return [str(labels.get(code, code)) for code in self.risk_factors]

    def protective_factor_labels(self) -> list[str]:
        labels = dict(PROTECTIVE_FACTORS)
        return [str(labels.get(code, code)) for code in self.protective_factors]
