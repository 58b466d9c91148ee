"""What each audit action means, in words a privacy officer reads.

Every action string the code writes (`audit_record(action=...)`) has one entry here: the
group it belongs to, a short label for choosing it in the search form, and the sentence
that tells the event. tests/privacy/test_audit_vocabulary.py reads every action from the
code and fails on one without an entry (H-117), so the trail never falls back to codes.

A sentence is a `str.format` template over the event's parts: `{actor}` (the staff
member's name), `{client}` (the client's name), `{person}` (the staff member the event is
about, when the event's object is a staff account), and a few keys of the event's detail
(`{username}`, `{kind}`, `{instrument}`, `{format}`, `{to}`, `{seq}`, and the staff
usernames `{user}`, `{for}`, `{supervisor}`, `{supervisee}`, told by name). A missing
part reads as an empty string; the purpose, when there is one, is added after the
sentence.
"""

from dataclasses import dataclass

from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class ActionGroup(models.TextChoices):
    READS = "reads", _("Reads")
    CHANGES = "changes", _("Changes")
    EXPORTS = "exports", _("Exports and disclosures")
    ACCESS = "access", _("Access decisions")


# The one word beside each event on the trail's page.
GROUP_BADGES = {
    ActionGroup.READS: _("Read"),
    ActionGroup.CHANGES: _("Change"),
    ActionGroup.EXPORTS: _("Export"),
    ActionGroup.ACCESS: _("Access"),
}


@dataclass(frozen=True)
class Phrase:
    group: ActionGroup
    label: str | Promise
    sentence: str | Promise


READS, CHANGES, EXPORTS, ACCESS = (
    ActionGroup.READS,
    ActionGroup.CHANGES,
    ActionGroup.EXPORTS,
    ActionGroup.ACCESS,
)

VOCABULARY: dict[str, Phrase] = {
    # Reads: someone looked at something.
    "client.read": Phrase(
        READS, _("Opened a client's record"), _("{actor} opened {client}'s record")
    ),
    "note.read": Phrase(READS, _("Read a note"), _("{actor} read a note of {client}")),
    "psychotherapy_note.read": Phrase(
        READS,
        _("Read psychotherapy notes"),
        _("{actor} read psychotherapy notes about {client}"),
    ),
    "mandatory_report.read": Phrase(
        READS,
        _("Read a mandatory report"),
        _("{actor} read the mandatory report about {client}"),
    ),
    "mandatory_report.list": Phrase(
        READS, _("Listed mandatory reports"), _("{actor} listed mandatory reports")
    ),
    "caseload.view": Phrase(READS, _("Listed the caseload"), _("{actor} listed their clients")),
    "home.view": Phrase(
        READS, _("Opened their home page"), _("{actor} opened their home page (Today)")
    ),
    "tasks.view": Phrase(READS, _("Listed tasks"), _("{actor} looked at their tasks")),
    "api.clients.list": Phrase(
        READS, _("Listed clients (API)"), _("{actor} listed clients through the API")
    ),
    "api.alerts.list": Phrase(
        READS, _("Listed alerts (API)"), _("{actor} listed safety alerts through the API")
    ),
    "measures.outcomes_view": Phrase(
        READS, _("Looked at outcome figures"), _("{actor} looked at the practice's outcomes")
    ),
    "feedback.seen": Phrase(
        READS, _("Read session feedback"), _("{actor} read {client}'s session feedback")
    ),
    "portal.open": Phrase(
        READS, _("Client opened a link"), _("{client} opened a link sent to them ({kind})")
    ),
    "audit.search": Phrase(
        READS, _("Searched the audit trail"), _("{actor} searched the audit trail")
    ),
    "audit.event_view": Phrase(
        READS, _("Opened an audit event"), _("{actor} opened audit event {seq}")
    ),
    # Exports and disclosures: information left the practice or the screen.
    "audit.export": Phrase(
        EXPORTS, _("Exported the audit trail"), _("{actor} exported the audit trail as CSV")
    ),
    "privacy.export": Phrase(
        EXPORTS,
        _("Exported a client's own copy"),
        _("{actor} exported {client}'s own copy of their record ({format})"),
    ),
    "measures.outcomes_csv": Phrase(
        EXPORTS,
        _("Exported outcome figures"),
        _("{actor} exported the practice's outcomes as CSV"),
    ),
    "disclosure.make": Phrase(
        EXPORTS,
        _("Disclosed information"),
        _("{actor} disclosed information about {client}"),
    ),
    # Access decisions: who got in, who was refused, who may get in.
    "client.denied": Phrase(
        ACCESS,
        _("Refused a client's record"),
        _("{actor} was refused {client}'s record"),
    ),
    "access.forbidden": Phrase(ACCESS, _("Refused a page"), _("{actor} was refused a page")),
    "login.success": Phrase(ACCESS, _("Signed in"), _("{actor} signed in")),
    "login.failure": Phrase(ACCESS, _("Failed sign-in"), _("A sign-in as “{username}” failed")),
    "logout": Phrase(ACCESS, _("Signed out"), _("{actor} signed out")),
    "session.idle": Phrase(
        ACCESS, _("Signed out when idle"), _("{actor} was signed out after inactivity")
    ),
    "session.limit": Phrase(
        ACCESS,
        _("Signed out at the session limit"),
        _("{actor} was signed out at the session's time limit"),
    ),
    "two_factor.start": Phrase(
        ACCESS, _("Began two-step set-up"), _("{actor} began setting up two-step verification")
    ),
    "two_factor.enrol": Phrase(
        ACCESS, _("Set up two-step"), _("{actor} set up two-step verification")
    ),
    "two_factor.success": Phrase(
        ACCESS, _("Passed two-step"), _("{actor} passed two-step verification")
    ),
    "two_factor.failure": Phrase(
        ACCESS, _("Failed two-step"), _("{actor} failed two-step verification")
    ),
    "break_glass.open": Phrase(
        ACCESS,
        _("Emergency access opened"),
        _("{actor} opened emergency access to {client}'s record"),
    ),
    "break_glass.review": Phrase(
        ACCESS,
        _("Emergency access reviewed"),
        _("{actor} reviewed an emergency access to {client}'s record"),
    ),
    "break_glass.expired": Phrase(
        ACCESS,
        _("Emergency access ended"),
        _("Emergency access to {client}'s record ended"),
    ),
    "portal.check_failed": Phrase(
        ACCESS,
        _("Client link check failed"),
        _("Someone failed the date-of-birth check on a link for {client}"),
    ),
    "staff.role_change": Phrase(
        ACCESS, _("Changed a role"), _("{actor} changed {person}'s role to {to}")
    ),
    "staff.activate": Phrase(
        ACCESS, _("Reactivated an account"), _("{actor} reactivated {person}'s account")
    ),
    "staff.deactivate": Phrase(
        ACCESS, _("Deactivated an account"), _("{actor} deactivated {person}'s account")
    ),
    "staff.password_set": Phrase(
        ACCESS, _("Set a password"), _("{actor} set {person}'s password")
    ),
    "staff.password_change": Phrase(
        ACCESS, _("Changed own password"), _("{actor} changed their own password")
    ),
    "staff.two_factor_reset": Phrase(
        ACCESS,
        _("Reset two-step"),
        _("{actor} reset {person}'s two-step verification"),
    ),
    "api_token.create": Phrase(
        ACCESS, _("Made an API token"), _("{actor} made an API token for {for}")
    ),
    "api_token.revoke": Phrase(
        ACCESS, _("Revoked an API token"), _("{actor} revoked an API token")
    ),
    # Changes: something was written.
    "client.write": Phrase(
        CHANGES, _("Changed a client's record"), _("{actor} changed {client}'s record")
    ),
    "client.create": Phrase(CHANGES, _("Added a client"), _("{actor} added {client} as a client")),
    "client.update": Phrase(
        CHANGES, _("Changed demographics"), _("{actor} changed {client}'s details")
    ),
    "perspective.update": Phrase(
        CHANGES,
        _("Changed the client's perspective"),
        _("{actor} changed {client}'s own perspective"),
    ),
    "communication.update": Phrase(
        CHANGES,
        _("Changed the communication profile"),
        _("{actor} changed {client}'s communication profile"),
    ),
    "care_team.add": Phrase(
        CHANGES,
        _("Added to a care team"),
        _("{actor} added {user} to {client}'s care team"),
    ),
    "care_team.remove": Phrase(
        CHANGES,
        _("Removed from a care team"),
        _("{actor} removed {user} from {client}'s care team"),
    ),
    "appointment.create": Phrase(
        CHANGES, _("Booked an appointment"), _("{actor} booked an appointment for {client}")
    ),
    "appointment.move": Phrase(
        CHANGES, _("Moved an appointment"), _("{actor} moved an appointment of {client}")
    ),
    "calendar.read": Phrase(READS, _("Opened a calendar"), _("{actor} opened a calendar")),
    "calendar_feed.read": Phrase(
        READS,
        _("Calendar feed fetched"),
        _("{actor}'s calendar feed was fetched by their calendar program"),
    ),
    "calendar_feed.create": Phrase(
        ACCESS, _("Made a calendar feed address"), _("{actor} made a new calendar feed address")
    ),
    "calendar_feed.revoke": Phrase(
        ACCESS, _("Revoked a calendar feed"), _("{actor} revoked their calendar feed address")
    ),
    "appointment.attendance": Phrase(
        CHANGES,
        _("Recorded attendance"),
        _("{actor} recorded {client}'s attendance"),
    ),
    "appointment.started": Phrase(
        CHANGES,
        _("Recorded a session start"),
        _("{actor} recorded when {client}'s session started"),
    ),
    "episode.open": Phrase(
        CHANGES, _("Opened an episode"), _("{actor} opened an episode of care for {client}")
    ),
    "episode.close": Phrase(
        CHANGES, _("Closed an episode"), _("{actor} closed {client}'s episode of care")
    ),
    "note.create": Phrase(CHANGES, _("Wrote a note"), _("{actor} wrote a note for {client}")),
    "note.update": Phrase(
        CHANGES, _("Changed a draft note"), _("{actor} changed a draft note for {client}")
    ),
    "note.sign": Phrase(CHANGES, _("Signed a note"), _("{actor} signed a note for {client}")),
    "note.cosign": Phrase(
        CHANGES, _("Co-signed a note"), _("{actor} co-signed a note for {client}")
    ),
    "note.amend": Phrase(
        CHANGES, _("Amended a note"), _("{actor} amended a signed note for {client}")
    ),
    "note_settings.update": Phrase(
        CHANGES, _("Changed note settings"), _("{actor} changed the note settings of {user}")
    ),
    "plan.create": Phrase(
        CHANGES, _("Started a treatment plan"), _("{actor} started a treatment plan for {client}")
    ),
    "plan.update": Phrase(
        CHANGES, _("Changed a treatment plan"), _("{actor} changed {client}'s treatment plan")
    ),
    "plan.sign": Phrase(
        CHANGES, _("Signed a treatment plan"), _("{client}'s treatment plan was signed")
    ),
    "plan.review": Phrase(
        CHANGES, _("Reviewed a treatment plan"), _("{actor} reviewed {client}'s treatment plan")
    ),
    "plan.goal_add": Phrase(
        CHANGES, _("Added a goal"), _("{actor} added a goal to {client}'s plan")
    ),
    "plan.goal_update": Phrase(
        CHANGES, _("Changed a goal"), _("{actor} changed a goal in {client}'s plan")
    ),
    "plan.goal_retire": Phrase(
        CHANGES, _("Retired a goal"), _("{actor} retired a goal in {client}'s plan")
    ),
    "agreement.create": Phrase(
        CHANGES,
        _("Wrote an expectations agreement"),
        _("{actor} wrote an expectations agreement with {client}"),
    ),
    "agreement.acknowledge": Phrase(
        CHANGES,
        _("Agreement acknowledged"),
        _("{client}'s expectations agreement was acknowledged"),
    ),
    "feedback.submit": Phrase(
        CHANGES, _("Client gave feedback"), _("{client} gave feedback on a session")
    ),
    "measure.record": Phrase(
        CHANGES, _("Recorded a measure"), _("{client}'s {instrument} was recorded")
    ),
    "measure.plan_save": Phrase(
        CHANGES,
        _("Planned a measure"),
        _("{actor} planned {instrument} for {client}"),
    ),
    "measure.plan_stop": Phrase(
        CHANGES, _("Stopped a measure"), _("{actor} stopped a measure for {client}")
    ),
    "checkin.record": Phrase(
        CHANGES, _("Check-in received"), _("{client}'s check-in was recorded")
    ),
    "risk_assessment.record": Phrase(
        CHANGES,
        _("Recorded a risk assessment"),
        _("{actor} recorded a risk assessment for {client}"),
    ),
    "safety_plan.revise": Phrase(
        CHANGES, _("Revised a safety plan"), _("{actor} revised {client}'s safety plan")
    ),
    "alert.raise": Phrase(
        CHANGES, _("Safety alert raised"), _("A safety alert was raised for {client}")
    ),
    "alert.escalate": Phrase(
        CHANGES, _("Safety alert escalated"), _("A safety alert for {client} was escalated")
    ),
    "alert.acknowledge": Phrase(
        CHANGES,
        _("Safety alert acknowledged"),
        _("{actor} acknowledged a safety alert for {client}"),
    ),
    "crisis.start": Phrase(
        CHANGES, _("Crisis event started"), _("{actor} started a crisis event for {client}")
    ),
    "crisis.step": Phrase(
        CHANGES, _("Crisis step recorded"), _("{actor} recorded a crisis step for {client}")
    ),
    "crisis.close": Phrase(
        CHANGES, _("Crisis event closed"), _("{actor} closed {client}'s crisis event")
    ),
    "follow_up.schedule": Phrase(
        CHANGES, _("Follow-ups scheduled"), _("Follow-up contacts were scheduled for {client}")
    ),
    "follow_up.done": Phrase(
        CHANGES, _("Follow-up done"), _("{actor} recorded a follow-up contact with {client}")
    ),
    "portal.link_create": Phrase(
        CHANGES, _("Sent a client link"), _("{actor} made a link for {client} ({kind})")
    ),
    "portal.link_revoke": Phrase(
        CHANGES, _("Withdrew a client link"), _("{actor} withdrew a link of {client}")
    ),
    "portal.used": Phrase(
        CHANGES, _("Client used a link"), _("{client} used a link sent to them ({kind})")
    ),
    "consent.request": Phrase(
        CHANGES, _("Asked for consent"), _("{actor} asked {client} for consent ({kind})")
    ),
    "consent.sign": Phrase(CHANGES, _("Consent signed"), _("{client} signed a consent")),
    "consent.decline": Phrase(CHANGES, _("Consent declined"), _("{client} declined a consent")),
    "consent.withdraw": Phrase(
        CHANGES, _("Consent withdrawn"), _("{actor} recorded {client}'s consent withdrawn")
    ),
    "consent.reminder": Phrase(
        CHANGES, _("Consent renewal reminder"), _("{client}'s consent renewal was reminded")
    ),
    "consent_template.save": Phrase(
        CHANGES, _("Changed a consent text"), _("{actor} changed the consent text ({kind})")
    ),
    "release.create": Phrase(
        CHANGES, _("Wrote a release"), _("{actor} wrote a release of information for {client}")
    ),
    "release.sign": Phrase(
        CHANGES, _("Release signed"), _("{client} signed a release of information")
    ),
    "release.revoke": Phrase(
        CHANGES, _("Release revoked"), _("{actor} revoked {client}'s release of information")
    ),
    "mandatory_report.open": Phrase(
        CHANGES,
        _("Opened a mandatory report"),
        _("{actor} opened a mandatory report about {client}"),
    ),
    "mandatory_report.consulted": Phrase(
        CHANGES,
        _("Mandatory report: supervisor consulted"),
        _("{actor} recorded a supervisor consulted on the report about {client}"),
    ),
    "mandatory_report.made": Phrase(
        CHANGES,
        _("Mandatory report: made"),
        _("{actor} recorded the report about {client} as made"),
    ),
    "mandatory_report.client_told": Phrase(
        CHANGES,
        _("Mandatory report: client told"),
        _("{actor} recorded that {client} was told of the report"),
    ),
    "mandatory_report.overdue": Phrase(
        CHANGES,
        _("Mandatory report overdue"),
        _("The mandatory report about {client} became overdue"),
    ),
    "mandatory_report.deadline_set": Phrase(
        CHANGES, _("Set a reporting deadline"), _("{actor} set a reporting deadline")
    ),
    "retention.purge": Phrase(
        CHANGES, _("Records removed (retention)"), _("{actor} removed records of {client}")
    ),
    "retention.rule_set": Phrase(
        CHANGES, _("Set a retention rule"), _("{actor} set a retention rule")
    ),
    "fhir.import": Phrase(
        CHANGES, _("Imported FHIR data"), _("{actor} imported records from a FHIR bundle")
    ),
    "staff.create": Phrase(
        CHANGES, _("Added a staff member"), _("{actor} added {person} to the staff")
    ),
    "staff.update": Phrase(
        CHANGES, _("Changed a staff member"), _("{actor} changed {person}'s details")
    ),
    "supervision.add": Phrase(
        CHANGES,
        _("Started supervision"),
        _("{actor} made {supervisor} the supervisor of {supervisee}"),
    ),
    "supervision.remove": Phrase(
        CHANGES,
        _("Ended supervision"),
        _("{actor} ended {supervisor}'s supervision of {supervisee}"),
    ),
    "supervision.record": Phrase(
        CHANGES,
        _("Recorded supervision"),
        _("{actor} recorded a supervision session with {supervisee}"),
    ),
    "supervision.action_add": Phrase(
        CHANGES, _("Added a supervision action"), _("{actor} added a supervision action")
    ),
    "supervision.action_done": Phrase(
        CHANGES, _("Finished a supervision action"), _("{actor} finished a supervision action")
    ),
    "boundary.record": Phrase(
        CHANGES, _("Recorded a boundary event"), _("{actor} recorded a boundary event")
    ),
    "boundary.flag": Phrase(
        CHANGES,
        _("Flagged a boundary event"),
        _("{actor} flagged a boundary event for supervision"),
    ),
    "contact.log": Phrase(
        CHANGES,
        _("Logged a contact"),
        _("{actor} logged a contact between sessions with {client}"),
    ),
    "selfcheck.take": Phrase(
        CHANGES, _("Took the wellbeing self-check"), _("{actor} took the wellbeing self-check")
    ),
    "workload.settings": Phrase(
        CHANGES, _("Changed workload settings"), _("{actor} changed the workload settings")
    ),
    "practice_settings.update": Phrase(
        CHANGES, _("Changed practice settings"), _("{actor} changed the practice settings")
    ),
}


def phrase_for(action: str) -> Phrase:
    """The action's phrase; an action no longer written by the code (an old event) is
    told by its code, so the trail never hides an event it cannot name."""
    known = VOCABULARY.get(action)
    if known is not None:
        return known
    # Braces doubled: the code is shown as written, never read as a template's field.
    code = action.replace("{", "{{").replace("}", "}}")
    return Phrase(ActionGroup.CHANGES, action, "{actor}: " + code)


def actions_in(group: str) -> list[str]:
    """The actions of one group, in the vocabulary's order."""
    return [action for action, phrase in VOCABULARY.items() if phrase.group == group]


_OPTION_GROUPS: dict[str | None, list[tuple[str, list[tuple[str, str]]]]] = {}


def action_option_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """The actions to choose from, as the select's option groups: every group as a
    whole ("group:reads"), then each group's actions by label. Built once per language
    (sorting by label translates 120-odd labels, 26 ms a page in bench/bench_audit.py)."""
    language = translation.get_language()
    if language not in _OPTION_GROUPS:
        whole = [(f"group:{group.value}", str(group.label)) for group in ActionGroup]
        grouped = [(str(_("Whole groups")), whole)]
        for group in ActionGroup:
            options = [(action, str(VOCABULARY[action].label)) for action in actions_in(group)]
            grouped.append((str(group.label), sorted(options, key=lambda option: option[1])))
        _OPTION_GROUPS[language] = grouped
    return _OPTION_GROUPS[language]


def action_choices() -> list[tuple[object, object]]:
    """The search form's choices: any action, then the option groups."""
    return [("", _("Any action")), *action_option_groups()]
