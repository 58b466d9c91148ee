"""The exact text a client signs or acknowledges, built in one place.

The portal page shows these sections and nothing else, and the signature stores the same
text with its SHA-256: what the client read, what they signed and what is kept are one
text (hazard: the client signing a different text than the one stored). Scheduling (the
next review date) is not part of it: moving a review is not a change of the plan.
"""

import hashlib
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from caseload.plans.gas import LEVEL_LABELS


@dataclass(frozen=True)
class Section:
    heading: str
    body: str


def _date(value) -> str:
    return date_format(value, "DATE_FORMAT") if value else ""


def plan_sections(plan, goals) -> list[Section]:
    sections = [
        Section(_("Treatment plan, version %(version)s") % {"version": plan.version}, ""),
        Section(_("What we are working on"), plan.problems),
    ]
    for number, goal in enumerate(goals, start=1):
        lines = [_("In my words: %(words)s") % {"words": goal.client_words}]
        if goal.clinical_wording:
            lines.append(_("Clinical wording: %(text)s") % {"text": goal.clinical_wording})
        if goal.objective:
            lines.append(_("How we will know: %(text)s") % {"text": goal.objective})
        if goal.target_date:
            lines.append(_("Target date: %(date)s") % {"date": _date(goal.target_date)})
        if goal.target_label:
            lines.append(
                _("Measure: %(code)s, target %(target)s")
                % {"code": goal.instrument_name, "target": goal.target_label}
            )
        for level, label, text in goal.levels():
            lines.append(f"{label} {LEVEL_LABELS[level]}: {text}")
        sections.append(Section(_("Goal %(number)s") % {"number": number}, "\n".join(lines)))
    sections.append(Section(_("What we will do"), plan.interventions))
    sections.append(Section(_("Who does what"), plan.responsibilities))
    return sections


def agreement_sections(agreement, crisis_lines: list[tuple[str, str]]) -> list[Section]:
    hours = _("%(days)s, %(start)s to %(end)s") % {
        "days": ", ".join(agreement.day_labels) or _("no days"),
        "start": agreement.contact_start.strftime("%H:%M"),
        "end": agreement.contact_end.strftime("%H:%M"),
    }
    contact = "\n".join(
        [
            _("How: %(channels)s") % {"channels": ", ".join(agreement.channel_labels)},
            _("When: %(hours)s") % {"hours": hours},
            _("I will answer within %(hours)s hours.") % {"hours": agreement.response_hours},
        ]
    )
    lines = "\n".join(f"{label}: {number}" for label, number in crisis_lines)
    return [
        Section(_("Our agreement, version %(version)s") % {"version": agreement.version}, ""),
        Section(
            _("Our sessions"),
            _("%(frequency)s, %(minutes)s minutes each.")
            % {"frequency": agreement.session_frequency, "minutes": agreement.session_minutes},
        ),
        Section(_("Cancellations and missed sessions"), agreement.cancellations),
        Section(_("Reaching me between sessions"), contact),
        Section(_("What I cannot offer"), agreement.cannot_offer),
        Section(_("In a crisis"), "\n".join(filter(None, [agreement.crisis_steps, lines]))),
        Section(_("How we will review progress"), agreement.progress_review),
    ]


def as_text(sections: list[Section]) -> str:
    return "\n\n".join(
        f"{section.heading}\n{section.body}".rstrip() for section in sections
    ).strip()


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
