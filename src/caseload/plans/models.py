"""Treatment plans the client co-owns, goal attainment ratings, the expectations
agreement and session feedback (difficulties 3 and 4 in ARCHITECTURE.md).

Every row carries its client, so it is reached through the client the door returned and
its encrypted text is bound to that client. Clinical free text is encrypted; dates,
numbers, instrument codes and choices stay plain so that the caseload page can compare
them in its one query.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from caseload.clients.models import Appointment, Client, Episode
from caseload.core import clock
from caseload.core.fields import EncryptedModel, EncryptedTextField
from caseload.plans.gas import LEVEL_LABELS, level_label


class TreatmentPlan(EncryptedModel):
    """One plan per episode of care. `version` goes up when the plan changes after its
    current version was signed, so a signature always names the text it was given for."""

    encryption_owner_field = "client_id"
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="treatment_plans")
    episode = models.OneToOneField(
        Episode, on_delete=models.CASCADE, related_name="treatment_plan"
    )
    version = models.PositiveIntegerField(default=1)
    problems = EncryptedTextField(_("problems or needs"), blank=True)
    interventions = EncryptedTextField(_("interventions"), blank=True)
    responsibilities = EncryptedTextField(_("who does what"), blank=True)
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["client", "next_review_on"])]

    def __str__(self) -> str:
        return f"Treatment plan v{self.version} for client {self.client_id}"

    def latest_signature(self) -> "PlanSignature | None":
        """The client's most recent signature, of whichever version (signatures are
        ordered newest version first)."""
        return self.signatures.first()

    @property
    def current_version_signed(self) -> bool:
        """The client signed the version that is current now. Asked of the database each
        time, so a change that started a new version is never shown as signed."""
        return self.signatures.filter(version=self.version).exists()

    @property
    def review_overdue(self) -> bool:
        """A review date is set and has passed."""
        return bool(self.next_review_on and self.next_review_on < clock.today())


class TargetDirection(models.TextChoices):
    BELOW = "below", _("below")
    ABOVE = "above", _("above")


class PlanGoal(EncryptedModel):
    """A goal in the client's own words beside the clinical wording, with a measurable
    objective and the five attainment levels written when it is set."""

    encryption_owner_field = "client_id"
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="plan_goals")
    plan = models.ForeignKey(TreatmentPlan, on_delete=models.CASCADE, related_name="goals")
    position = models.PositiveSmallIntegerField(default=0)
    client_words = EncryptedTextField(_("the goal in the client's own words"))
    clinical_wording = EncryptedTextField(_("clinical wording"), blank=True)
    objective = EncryptedTextField(_("measurable objective"), blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    instrument = models.CharField(_("tracked by measure"), max_length=20, blank=True)
    target_direction = models.CharField(
        _("target"), max_length=10, choices=TargetDirection.choices, blank=True
    )
    target_value = models.FloatField(_("target score"), null=True, blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    level_minus2 = EncryptedTextField(LEVEL_LABELS[-2] + " (-2)")
    level_minus1 = EncryptedTextField(LEVEL_LABELS[-1] + " (-1)")
    level_0 = EncryptedTextField(LEVEL_LABELS[0] + " (0)")
    level_plus1 = EncryptedTextField(LEVEL_LABELS[1] + " (+1)")
    level_plus2 = EncryptedTextField(LEVEL_LABELS[2] + " (+2)")
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    LEVEL_FIELDS = {
        -2: "level_minus2",
        -1: "level_minus1",
        0: "level_0",
        1: "level_plus1",
        2: "level_plus2",
    }

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gte=1, weight__lte=10),
                name="goal_weight_sane",
                violation_error_message=_("A goal's weight is a whole number from 1 to 10."),
            )
        ]

    def __str__(self) -> str:
        return f"Goal {self.position} of plan {self.plan_id}"

    def levels(self) -> list[tuple[int, str, str]]:
        """[(level, '+1', description)] from +2 down to -2, as a scale is read."""
        return [
            (level, level_label(level), getattr(self, self.LEVEL_FIELDS[level]))
            for level in (2, 1, 0, -1, -2)
        ]

    def level_text(self, level: int) -> str:
        return getattr(self, self.LEVEL_FIELDS[level])

    @property
    def instrument_name(self) -> str:
        """'PHQ-9' for 'phq9'; the code itself if the instrument is no longer shipped."""
        from caseload.measures import instruments

        try:
            return instruments.get(self.instrument).name
        except KeyError:
            return self.instrument

    @property
    def target_label(self) -> str:
        if not self.instrument or self.target_value is None or not self.target_direction:
            return ""
        return f"{self.get_target_direction_display()} {self.target_value:g}"


class PlanSignature(EncryptedModel):
    """The client's signature of one version: the exact text they were shown, its
    SHA-256, the name they typed and when."""

    encryption_owner_field = "client_id"
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="plan_signatures")
    plan = models.ForeignKey(TreatmentPlan, on_delete=models.CASCADE, related_name="signatures")
    version = models.PositiveIntegerField()
    typed_name = models.CharField(_("typed name"), max_length=200)
    signed_at = models.DateTimeField()
    text_sha256 = models.CharField(max_length=64)
    signed_text = EncryptedTextField()
    link = models.ForeignKey(
        "portal.PortalLink", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "version"],
                name="one_signature_per_version",
                violation_error_message=_("This version of the plan has already been signed."),
            )
        ]

    def __str__(self) -> str:
        return f"Signature of plan {self.plan_id} version {self.version}"


class PlanReview(EncryptedModel):
    """A review of the plan: each goal rated on its scale, the T-score of those ratings
    (stored as computed, with the version of the plan it reviewed)."""

    encryption_owner_field = "client_id"
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="plan_reviews")
    plan = models.ForeignKey(TreatmentPlan, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("reviewed on"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    plan_version = models.PositiveIntegerField()
    summary = EncryptedTextField(_("summary of the review"), blank=True)
    t_score = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"Review of plan {self.plan_id} on {self.reviewed_on}"


class GoalRating(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="goal_ratings")
    review = models.ForeignKey(PlanReview, on_delete=models.CASCADE, related_name="ratings")
    goal = models.ForeignKey(PlanGoal, on_delete=models.CASCADE, related_name="ratings")
    rating = models.SmallIntegerField()

    class Meta:
        ordering = ["goal__position", "goal_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "goal"],
                name="one_rating_per_goal",
                violation_error_message=_("This goal already has a rating in this review."),
            ),
            models.CheckConstraint(
                condition=models.Q(rating__gte=-2, rating__lte=2),
                name="gas_rating_in_range",
                violation_error_message=_(
                    "A goal rating is from -2 (much less than expected) to +2 (much more than "
                    "expected)."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating:+d} for goal {self.goal_id}"


class ContactChannelChoice(models.TextChoices):
    # The channel names of caseload.core.contact_policy.ContactPolicy.
    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message")
    EMAIL = "email", _("Email")
    VIDEO = "video", _("Video call")
    IN_PERSON = "in_person", _("In person")


WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class ExpectationsAgreement(EncryptedModel):
    """What the client and clinician agreed to expect of each other. Each change is a
    new row with the next version; an acknowledged version is never edited."""

    encryption_owner_field = "client_id"
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="agreements")
    version = models.PositiveIntegerField()
    session_frequency = models.CharField(_("how often we meet"), max_length=100)
    session_minutes = models.PositiveSmallIntegerField(_("how long a session lasts (minutes)"))
    cancellations = EncryptedTextField(_("cancellations and missed sessions"))
    contact_channels = models.JSONField(_("how to reach me between sessions"), default=list)
    contact_days = models.JSONField(_("on which days"), default=list)
    contact_start = models.TimeField(_("from"))
    contact_end = models.TimeField(_("until"))
    response_hours = models.PositiveSmallIntegerField(_("I will answer within (hours)"))
    cannot_offer = EncryptedTextField(_("what I cannot offer"))
    crisis_steps = EncryptedTextField(_("what to do in a crisis"))
    progress_review = EncryptedTextField(_("how we will review progress"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_name = models.CharField(max_length=200, blank=True)
    acknowledged_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "version"],
                name="one_agreement_version",
                violation_error_message=_(
                    "This version of the agreement already exists: reload the page and try again."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(contact_end__gt=models.F("contact_start")),
                name="agreement_hours_in_order",
                violation_error_message=_("Contact hours end after they start."),
            ),
        ]

    def __str__(self) -> str:
        return f"Expectations agreement v{self.version} for client {self.client_id}"

    @property
    def channel_labels(self) -> list[str]:
        labels = dict(ContactChannelChoice.choices)
        return [str(labels.get(code, code)) for code in self.contact_channels]

    @property
    def day_labels(self) -> list[str]:
        labels = dict(WEEKDAYS)
        return [str(labels[day]) for day in sorted(self.contact_days) if day in labels]


class SessionFeedback(EncryptedModel):
    """The client's feedback on one session (our own form, not a validated instrument;
    see plans/feedback.py for the scale and what counts as a concern)."""

    encryption_owner_field = "client_id"
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="session_feedback")
    appointment = models.OneToOneField(
        Appointment, on_delete=models.CASCADE, related_name="feedback"
    )
    heard = models.PositiveSmallIntegerField()
    focus = models.PositiveSmallIntegerField()
    approach = models.PositiveSmallIntegerField()
    comment = EncryptedTextField(blank=True)
    submitted_at = models.DateTimeField()
    concern = models.CharField(max_length=10, blank=True)
    concern_detail = models.CharField(max_length=300, blank=True)
    seen_at = models.DateTimeField(null=True, blank=True)
    seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["client", "concern", "seen_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(heard__gte=1, heard__lte=5)
                & models.Q(focus__gte=1, focus__lte=5)
                & models.Q(approach__gte=1, approach__lte=5),
                name="feedback_ratings_in_range",
                violation_error_message=_("Each rating is from 1 to 5."),
            )
        ]

    def __str__(self) -> str:
        return f"Session feedback for appointment {self.appointment_id}"

    @property
    def total(self) -> int:
        return self.heard + self.focus + self.approach

    @property
    def needs_attention(self) -> bool:
        return bool(self.concern) and self.seen_at is None
