from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# The practice's crisis protocol unless it writes its own: the steps a clinician is guided
# through when a crisis event starts (issue 4), one per line.
DEFAULT_CRISIS_PROTOCOL = "\n".join(
    [
        "Make sure of immediate safety",
        "Assess risk",
        "Contact emergency services if the risk is imminent",
        "Involve supports, with the client's consent",
        "Review means safety",
        "Update the safety plan",
        "Notify the supervisor",
        "Document what happened and what was done",
        "Schedule follow-up",
    ]
)
# Follow-up contacts after a crisis event or a high alert: within 24 hours, at 72 hours
# and at 7 days, counted in hours from the event.
DEFAULT_FOLLOW_UP_HOURS = "24, 72, 168"
MAX_FOLLOW_UP_HOURS = 24 * 90


class PracticeSettings(models.Model):
    """The practice's own settings, edited by an administrator in the app (one row).

    Deployment choices live in the environment (settings.py); these are the practice's
    clinical and contact choices, which change without a restart.
    """

    practice_name = models.CharField(_("practice name"), max_length=200, default="caseload")
    crisis_lines = models.TextField(
        _("crisis lines"),
        default="988 Suicide & Crisis Lifeline (call or text): 988\nEmergency services: 911",
        help_text=_(
            "One per line, as 'What it is: number'. Shown to clients on every page "
            "they reach by link, and on safety plans."
        ),
    )
    on_call_name = models.CharField(_("on-call contact"), max_length=200, blank=True)
    on_call_email = models.EmailField(_("on-call email"), blank=True)
    on_call_phone = models.CharField(_("on-call phone"), max_length=40, blank=True)
    high_alert_supervisor_minutes = models.PositiveIntegerField(
        _("minutes before an unacknowledged high alert goes to the supervisor"), default=60
    )
    high_alert_on_call_minutes = models.PositiveIntegerField(
        _("minutes before an unacknowledged high alert goes to the on-call contact"),
        default=120,
    )
    moderate_alert_working_hours = models.PositiveIntegerField(
        _("working hours before an unacknowledged moderate alert goes to the supervisor"),
        default=8,
    )
    crisis_protocol = models.TextField(
        _("crisis protocol steps"),
        default=DEFAULT_CRISIS_PROTOCOL,
        help_text=_("One step per line, in order. A crisis event copies them when it starts."),
    )
    follow_up_hours = models.CharField(
        _("follow-up schedule (hours)"),
        max_length=200,
        default=DEFAULT_FOLLOW_UP_HOURS,
        help_text=_(
            "Hours after a crisis event or a high alert at which follow-up contacts are due, "
            "separated by commas: '24, 72, 168' is within a day, at three days and at a week."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("practice settings")

    def __str__(self) -> str:
        return self.practice_name

    def clean(self) -> None:
        if (
            self.high_alert_supervisor_minutes is not None
            and self.high_alert_supervisor_minutes < 1
        ):
            raise ValidationError(
                {"high_alert_supervisor_minutes": _("Give at least one minute.")}
            )
        if self.moderate_alert_working_hours is not None and self.moderate_alert_working_hours < 1:
            raise ValidationError(
                {"moderate_alert_working_hours": _("Give at least one working hour.")}
            )
        if self.high_alert_on_call_minutes <= self.high_alert_supervisor_minutes:
            raise ValidationError(_("The on-call step must come after the supervisor step."))
        self.crisis_line_list(strict=True)
        if not self.crisis_protocol_steps():
            raise ValidationError({"crisis_protocol": _("Give at least one step.")})
        self.follow_up_schedule(strict=True)

    def crisis_protocol_steps(self) -> list[str]:
        return [line.strip() for line in self.crisis_protocol.splitlines() if line.strip()]

    def follow_up_schedule(self, *, strict: bool = False) -> list[int]:
        """The follow-up times in hours, ascending. Bad text is refused when strict; it
        falls back to the default otherwise, so a follow-up is never silently dropped."""
        try:
            hours = [int(part) for part in self.follow_up_hours.split(",") if part.strip()]
            if not hours or any(not 0 < value <= MAX_FOLLOW_UP_HOURS for value in hours):
                raise ValueError
        except ValueError:
            if strict:
                raise ValidationError(
                    {
                        "follow_up_hours": _(
                            "Write whole numbers of hours between 1 and %(max)s, separated "
                            "by commas, for example '24, 72, 168'."
                        )
                        % {"max": MAX_FOLLOW_UP_HOURS}
                    }
                ) from None
            hours = [int(part) for part in DEFAULT_FOLLOW_UP_HOURS.split(",")]
        if strict and len(hours) > 10:
            raise ValidationError({"follow_up_hours": _("Ten follow-ups at most.")})
        return sorted(set(hours))

    def crisis_line_list(self, *, strict: bool = False) -> list[tuple[str, str]]:
        """[(what it is, number)] from the text; a line without ':' is refused when
        strict, skipped otherwise (so a bad edit can never hide the other lines)."""
        lines = []
        for raw in self.crisis_lines.splitlines():
            if not raw.strip():
                continue
            label, sep, number = raw.rpartition(":")
            if not sep or not label.strip() or not number.strip():
                if strict:
                    raise ValidationError(
                        {
                            "crisis_lines": _(
                                "Write each line as 'What it is: number' (%(line)s)."
                            )
                            % {"line": raw.strip()}
                        }
                    )
                continue
            lines.append((label.strip(), number.strip()))
        return lines

    @classmethod
    def current(cls) -> "PracticeSettings":
        """The practice's settings. Until an administrator first saves them these are the
        defaults, unsaved: reading never writes (the first save is an audited change in
        `safety.services.practice_settings_update`). The name an unsaved row gives is the
        deployment's CASELOAD_PRACTICE_NAME, so there is one practice name everywhere."""
        return cls.objects.filter(pk=1).first() or cls(
            pk=1, practice_name=settings.CASELOAD_PRACTICE_NAME or "caseload"
        )
