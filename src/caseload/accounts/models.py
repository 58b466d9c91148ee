import hashlib
import secrets
from typing import TypeAlias

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    INTAKE = "intake", _("Intake worker")
    CLINICIAN = "clinician", _("Clinician")
    SUPERVISOR = "supervisor", _("Supervisor")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")


CLINICAL_ROLES = frozenset({Role.CLINICIAN, Role.SUPERVISOR})


class User(AbstractUser):
    """A member of staff. Exactly one role; is_staff/is_superuser are not used."""

    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CLINICIAN)
    supervisors = models.ManyToManyField(
        "self",
        through="Supervision",
        symmetrical=False,
        related_name="supervisees",
        through_fields=("supervisee", "supervisor"),
    )

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_clinical(self) -> bool:
        return self.role in CLINICAL_ROLES

    @property
    def is_privacy_officer(self) -> bool:
        """The privacy officer oversees the practice's legal duties and reads no clinical
        content: report lines show them a client's number, not a name."""
        return self.role == Role.PRIVACY_OFFICER

    @property
    def keeps_a_caseload(self) -> bool:
        """Clinicians and supervisors have their own caseload; the directory roles
        (administrator, intake) list the practice's clients."""
        return self.role not in (Role.ADMIN, Role.INTAKE)


# Whoever is making a request: a signed-in member of staff, or nobody (request.user).
AnyUser: TypeAlias = User | AnonymousUser


class Supervision(models.Model):
    supervisor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="supervision_of")
    supervisee = models.ForeignKey(User, on_delete=models.PROTECT, related_name="supervision_by")
    started_on = models.DateField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["supervisor", "supervisee"],
                name="one_supervision",
                violation_error_message=_("This supervision is already recorded."),
            ),
            models.CheckConstraint(
                condition=~models.Q(supervisor=models.F("supervisee")),
                name="no_self_supervision",
                violation_error_message=_("Nobody can be their own supervisor."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.supervisor} supervises {self.supervisee}"


class ApiToken(models.Model):
    """A bearer token for the REST API. Only a SHA-256 digest is stored; the token itself
    is shown once, when made. High-entropy random tokens need no slow hash."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="api_tokens")
    label = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def new_secret() -> str:
        return "cl_" + secrets.token_urlsafe(32)
