"""Session notes, their amendments and each clinician's note settings.

A note's body is a dict of sections (SOAP, DAP, BIRP or the sections of its kind) kept
as JSON inside one encrypted column, bound to the note's row and client. A signed note is
never changed (ARCHITECTURE.md rule 5): corrections are amendments, each signed when
added. Psychotherapy notes (process notes) live in the same table but apart from the
record: `Note.objects.record_notes()` leaves them out, and every list, export, release
and timeline must start from it.
"""

import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from caseload.clients.models import Appointment, Client
from caseload.core.fields import EncryptedModel, EncryptedTextField


class NoteKind(models.TextChoices):
    INTAKE = "intake", _("Intake assessment")
    PROGRESS = "progress", _("Progress note")
    CONTACT = "contact", _("Contact note")
    DISCHARGE = "discharge", _("Discharge summary")


class NoteFormat(models.TextChoices):
    SOAP = "SOAP", _("SOAP (subjective, objective, assessment, plan)")
    DAP = "DAP", _("DAP (data, assessment, plan)")
    BIRP = "BIRP", _("BIRP (behaviour, intervention, response, plan)")


class ContactMode(models.TextChoices):
    PHONE = "phone", _("Phone call")
    MESSAGE = "message", _("Message")
    OUT_OF_SESSION = "out_of_session", _("Other out-of-session contact")


DEFAULT_FORMAT = NoteFormat.DAP

# (key, label) in the order they are written. The keys are the API's section names.
FORMAT_SECTIONS: dict[str, list[tuple[str, str]]] = {
    NoteFormat.SOAP: [
        ("subjective", _("Subjective")),
        ("objective", _("Objective")),
        ("assessment", _("Assessment")),
        ("plan", _("Plan")),
    ],
    NoteFormat.DAP: [
        ("data", _("Data")),
        ("assessment", _("Assessment")),
        ("plan", _("Plan")),
    ],
    NoteFormat.BIRP: [
        ("behavior", _("Behaviour")),
        ("intervention", _("Intervention")),
        ("response", _("Response")),
        ("plan", _("Plan")),
    ],
}
KIND_SECTIONS: dict[str, list[tuple[str, str]]] = {
    NoteKind.INTAKE: [
        ("presenting", _("Presenting concerns")),
        ("history", _("History")),
        ("mental_state", _("Mental state and risk")),
        ("formulation", _("Formulation and plan")),
    ],
    NoteKind.CONTACT: [("summary", _("What was said or done"))],
    NoteKind.DISCHARGE: [
        ("reason", _("Reason for discharge")),
        ("outcome", _("Progress and outcome")),
        ("aftercare", _("Recommendations and aftercare")),
    ],
}
PSYCHOTHERAPY_SECTIONS = [("process", _("Process notes"))]


def sections_for(*, kind: str, note_format: str, psychotherapy: bool) -> list[tuple[str, str]]:
    if psychotherapy:
        return PSYCHOTHERAPY_SECTIONS
    if kind == NoteKind.PROGRESS:
        return FORMAT_SECTIONS[note_format or DEFAULT_FORMAT]
    return KIND_SECTIONS[kind]


class NoteQuerySet(models.QuerySet["Note"]):
    def record_notes(self) -> "NoteQuerySet":
        """Notes that are part of the client's record: never psychotherapy notes. Every
        list, export, release of information and timeline starts here."""
        return self.filter(psychotherapy=False)

    def readable_by(self, user) -> "NoteQuerySet":
        """Record notes, and the psychotherapy notes `user` wrote (author only). The
        caller has already been through the door for the client."""
        return self.filter(models.Q(psychotherapy=False) | models.Q(author=user))

    def unsigned(self) -> "NoteQuerySet":
        return self.filter(signed_at__isnull=True)


class Note(EncryptedModel):
    encryption_owner_field = "client_id"

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notes_written"
    )
    kind = models.CharField(_("type of note"), max_length=20, choices=NoteKind.choices)
    note_format = models.CharField(
        _("format"), max_length=4, choices=NoteFormat.choices, blank=True
    )
    contact_mode = models.CharField(
        _("kind of contact"), max_length=20, choices=ContactMode.choices, blank=True
    )
    psychotherapy = models.BooleanField(_("psychotherapy note"), default=False)
    appointment = models.ForeignKey(
        Appointment,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notes",
        verbose_name=_("session"),
    )
    # When the session or contact took place: the overdue clock starts here.
    occurred_at = models.DateTimeField(_("when it took place"))
    body = EncryptedTextField(blank=True)  # JSON: {section key: text}
    # Optimistic locking: every save names the version it started from (H-038).
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField()
    saved_at = models.DateTimeField()
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    cosign_required = models.BooleanField(default=False)
    cosigned_at = models.DateTimeField(null=True, blank=True)
    cosigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notes_cosigned",
    )

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["client", "occurred_at"]),
            models.Index(fields=["author", "signed_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cosigned_at__isnull=True) | models.Q(signed_at__isnull=False),
                name="note_cosigned_only_when_signed",
                violation_error_message=_(
                    "A note is co-signed only after its author has signed it."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} for client {self.client_id}"

    @property
    def title(self) -> str:
        """A title made from the note's type only, never from its text: titles appear on
        the timeline and in lists, where clinical words do not belong."""
        if self.psychotherapy:
            return str(_("Psychotherapy note"))
        if self.kind == NoteKind.PROGRESS:
            return f"{_('Progress note')} ({self.note_format or DEFAULT_FORMAT})"
        if self.kind == NoteKind.CONTACT and self.contact_mode:
            return f"{_('Contact note')}: {self.get_contact_mode_display().lower()}"
        return str(self.get_kind_display())

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    @property
    def awaiting_cosign(self) -> bool:
        return self.is_signed and self.cosign_required and self.cosigned_at is None

    def section_keys(self) -> list[tuple[str, str]]:
        return sections_for(
            kind=self.kind, note_format=self.note_format, psychotherapy=self.psychotherapy
        )

    @property
    def sections(self) -> dict[str, str]:
        stored = json.loads(self.body) if self.body else {}
        return {key: stored.get(key, "") for key, _label in self.section_keys()}

    def set_sections(self, sections: dict[str, str]) -> None:
        self.body = json.dumps(sections, ensure_ascii=False, sort_keys=True)

    def labelled_sections(self) -> list[tuple[str, str, str]]:
        """[(key, label, text)] in writing order."""
        texts = self.sections
        return [(key, str(label), texts[key]) for key, label in self.section_keys()]

    def plain_text(self) -> str:
        return "\n\n".join(
            f"{label}:\n{text}" for _key, label, text in self.labelled_sections() if text
        )


class Amendment(EncryptedModel):
    """An addition to a signed note: dated and signed by its writer when added, shown
    with the original, never edited."""

    encryption_owner_field = "client_id"

    note = models.ForeignKey(Note, on_delete=models.PROTECT, related_name="amendments")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="note_amendments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    body = EncryptedTextField()
    signed_at = models.DateTimeField()

    class Meta:
        ordering = ["signed_at", "id"]

    def __str__(self) -> str:
        return f"Amendment to note {self.note_id}"


class NoteSettings(models.Model):
    """How one clinician writes notes, chosen by the practice (an administrator): the
    progress-note format and whether a supervisor co-signs their notes. A clinician with
    no row gets the defaults (DAP, no co-signature)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="note_settings"
    )
    progress_format = models.CharField(
        _("progress note format"),
        max_length=4,
        choices=NoteFormat.choices,
        default=DEFAULT_FORMAT,
    )
    needs_cosign = models.BooleanField(
        _("a supervisor co-signs their notes"),
        default=False,
        help_text=_("For example while they are in training or newly qualified."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = _("note settings")

    def __str__(self) -> str:
        return f"Note settings of {self.user}"

    @classmethod
    def for_user(cls, user) -> "NoteSettings":
        """The stored settings, or the defaults (unsaved) when there are none."""
        found = cls.objects.filter(user=user).first()
        return found if found is not None else cls(user=user)
