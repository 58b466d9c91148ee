from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("practice settings")

    def __str__(self) -> str:
        return self.practice_name

    def clean(self) -> None:
        if self.high_alert_on_call_minutes <= self.high_alert_supervisor_minutes:
            raise ValidationError(_("The on-call step must come after the supervisor step."))
        self.crisis_line_list(strict=True)

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
        settings, _created = cls.objects.get_or_create(pk=1)
        return settings
