"""What caseload's pages are made of, in one place: the tabs of a client's record, the
main navigation for each role, the caseload page's signal badges, the overview panels
and the banners of a client's pages, the timeline's sources and its engagement summary,
the workload figures, the chart events, the contact-policy providers, the pages a
client's link opens, and the demo steps.

Lower apps declare the type of each entry and read the list through
core.composition.composed (settings.CASELOAD_COMPOSITION names this module); they never
import the apps that fill it. The order of each list is the order on the page.
"""

from django.utils.translation import gettext_lazy as _

from caseload.accounts.models import Role
from caseload.clients import caseload, timeline
from caseload.clients.access import Part
from caseload.clients.composition import (
    ClientAction,
    ClientBanner,
    ClientFact,
    ClientTab,
    NavLink,
    OverviewPanel,
)
from caseload.clients.timeline import TimelineSource
from caseload.demo.synthetic import DemoStep
from caseload.measures import caseload_signals as measures_signals
from caseload.measures import chart
from caseload.measures import demo as measures_demo
from caseload.measures import portal as measures_portal
from caseload.measures.header import latest_measure
from caseload.measures.services import LINK_KIND as MEASURE_LINK
from caseload.notes import caseload_signals as notes_signals
from caseload.notes import demo as notes_demo
from caseload.notes import timeline_sources as notes_timeline
from caseload.notes.engagement import client_engagement
from caseload.notes.overdue import overdue_notes_count
from caseload.plans import caseload_signals as plans_signals
from caseload.plans import demo as plans_demo
from caseload.plans import portal_pages as plans_portal
from caseload.plans import timeline_sources as plans_timeline
from caseload.plans.contact import agreement_policy
from caseload.plans.overview import overview_context
from caseload.privacy import demo as privacy_demo
from caseload.privacy import portal as privacy_portal
from caseload.privacy.booking_checks import telehealth_consent_missing
from caseload.safety import caseload_signals as safety_signals
from caseload.safety import demo as safety_demo
from caseload.safety import portal_pages as safety_portal
from caseload.safety import timeline_sources as safety_timeline
from caseload.safety.banner import risk_banner_context
from caseload.safety.client_links import CHECKIN_LINK, SAFETY_PLAN_LINK
from caseload.safetyplans import demo as safetyplans_demo
from caseload.safetyplans import portal_pages as safetyplans_portal
from caseload.safetyplans import provider as safetyplans_provider
from caseload.wellbeing import demo as wellbeing_demo
from caseload.wellbeing.figures import WorkloadFigure

CLINICAL = frozenset({Role.CLINICIAN, Role.SUPERVISOR})
EVERY_CLIENT = frozenset({Role.ADMIN, Role.INTAKE})
SETTINGS_OF_CONSENT = frozenset({Role.PRIVACY_OFFICER, Role.ADMIN})

# After the record's own tabs (overview, perspective, communication, ...: clients/), each
# in the group of the client's menu it belongs to (clients.composition.TAB_GROUPS).
CLIENT_TABS = (
    ClientTab(_("Timeline"), "clients:timeline", Part.CLINICAL, "timeline"),
    ClientTab(_("Notes"), "notes:list", Part.CLINICAL, "clinical"),
    ClientTab(_("Measures"), "measures:client", Part.CLINICAL, "clinical"),
    ClientTab(_("Plan"), "plans:plan", Part.CLINICAL, "plan"),
    ClientTab(_("Agreement"), "plans:agreement", Part.CLINICAL, "plan"),
    ClientTab(_("Feedback"), "plans:feedback", Part.CLINICAL, "plan"),
    ClientTab(_("Safety"), "safety:client", Part.CLINICAL, "safety"),
    ClientTab(_("Safety plan"), "safetyplans:plan", Part.CLINICAL, "safety"),
    ClientTab(_("Check-ins"), "safety:checkins", Part.CLINICAL, "safety"),
    ClientTab(_("Privacy"), "privacy:client", Part.CLINICAL, "legal"),
    ClientTab(_("Contacts between sessions"), "wellbeing:contacts", Part.CLINICAL, "safety"),
)

# The quick actions in every client's header, in order.
CLIENT_ACTIONS = (
    ClientAction(_("Book"), "clients:appointments", Part.DEMOGRAPHICS),
    ClientAction(_("Note"), "notes:new", Part.CLINICAL),
    ClientAction(_("Measure"), "measures:client", Part.CLINICAL),
    ClientAction(_("Check-in link"), "safety:checkins", Part.CLINICAL),
    ClientAction(_("Safety plan"), "safetyplans:plan", Part.CLINICAL),
)

# The facts in every client's header after the next appointment.
CLIENT_FACTS = (
    ClientFact("last_measure", "measures/_header_fact.html", Part.CLINICAL, latest_measure),
)

# The sidebar, by task (clients.composition.NAV_GROUPS); each role sees its own links.
NAV_LINKS = (
    NavLink(_("Today"), "home", CLINICAL, group="day"),
    NavLink(_("Home"), "home", EVERY_CLIENT | {Role.PRIVACY_OFFICER}, group="day"),
    NavLink(_("Clients"), "clients:caseload", EVERY_CLIENT, group="day"),
    NavLink(_("My caseload"), "clients:caseload", CLINICAL, group="day"),
    NavLink(_("Calendar"), "scheduling:calendar", CLINICAL | EVERY_CLIENT, group="day"),
    NavLink(_("Alerts"), "safety:inbox", CLINICAL, alerts=True, group="day"),
    NavLink(_("My tasks"), "safety:tasks", CLINICAL, group="day", count="open_task_count"),
    NavLink(_("Co-sign"), "notes:cosign_queue", frozenset({Role.SUPERVISOR}), group="day"),
    NavLink(_("Audit trail"), "audit:search", frozenset({Role.PRIVACY_OFFICER}), group="records"),
    NavLink(_("Privacy"), "privacy:home", frozenset({Role.PRIVACY_OFFICER}), group="records"),
    NavLink(_("My psychotherapy notes"), "notes:private", CLINICAL, group="records"),
    NavLink(_("Consistency"), "notes:consistency", CLINICAL, group="records"),
    NavLink(
        _("Mandatory reports"),
        "privacy:reports",
        CLINICAL | {Role.PRIVACY_OFFICER},
        group="records",
    ),
    NavLink(_("Emergency access"), "privacy:break_glass", CLINICAL, group="records"),
    NavLink(_("Workload"), "wellbeing:workload", CLINICAL, group="team"),
    NavLink(_("Supervision"), "wellbeing:supervision", CLINICAL, group="team"),
    NavLink(_("Outcomes"), "measures:outcomes", frozenset({Role.SUPERVISOR}), group="team"),
    NavLink(_("My wellbeing"), "wellbeing:home", CLINICAL, group="team"),
    NavLink(
        _("Team wellbeing"),
        "wellbeing:team",
        frozenset({Role.SUPERVISOR, Role.ADMIN}),
        group="team",
    ),
    NavLink(_("Staff"), "staff:list", frozenset({Role.ADMIN})),
    NavLink(_("Assignment"), "wellbeing:assignment", EVERY_CLIENT),
    NavLink(_("Note settings"), "notes:settings", frozenset({Role.ADMIN})),
    NavLink(_("Workload thresholds"), "wellbeing:settings", frozenset({Role.ADMIN})),
    NavLink(
        _("Consent texts"), "privacy:templates", frozenset({Role.PRIVACY_OFFICER, Role.ADMIN})
    ),
    NavLink(_("Practice settings"), "safety:practice_settings", frozenset({Role.ADMIN})),
)

# The badges beside a client on the caseload page, in the order they are drawn; a page
# computes only those of the record parts the user's role covers (clients/caseload.py).
CASELOAD_SIGNALS = (
    caseload.INTERPRETER,
    caseload.MISSED_LAST_SESSION,
    safety_signals.RISK_ASSESSMENT,
    measures_signals.MEASURE_OFF_TRACK,
    measures_signals.MEASURE_DUE,
    plans_signals.PLAN_REVIEW_OVERDUE,
    plans_signals.SESSION_FEEDBACK_CONCERN,
    notes_signals.NOTE_OVERDUE,
    notes_signals.ENGAGEMENT_DROPPING,
)

OVERVIEW_PANELS = (
    OverviewPanel("plans", "plans/_overview.html", Part.CLINICAL, overview_context),
)

# First of the banners: nothing on a client's page comes before their risk.
CLIENT_BANNERS = (
    ClientBanner("risk", "safety/_risk_banner.html", Part.CLINICAL, risk_banner_context),
)

TIMELINE_SOURCES = (
    TimelineSource(
        key="appointments",
        label=_("Appointments and attendance"),
        part=Part.DEMOGRAPHICS,
        events=timeline.appointment_events,
    ),
    TimelineSource(
        key="notes", label=_("Notes"), part=Part.CLINICAL, events=notes_timeline.note_events
    ),
    TimelineSource(
        key="plans",
        label=_("Plan reviews and signatures"),
        part=Part.CLINICAL,
        events=plans_timeline.plan_events,
    ),
    TimelineSource(
        key="agreements",
        label=_("Expectations agreements"),
        part=Part.CLINICAL,
        events=plans_timeline.agreement_events,
    ),
    TimelineSource(
        key="feedback",
        label=_("Session feedback"),
        part=Part.CLINICAL,
        events=plans_timeline.feedback_events,
    ),
    TimelineSource(
        key="alerts",
        label=_("Safety alerts"),
        part=Part.CLINICAL,
        events=safety_timeline.alert_events,
    ),
)

# The attendance and engagement summary above a client's timeline.
TIMELINE_ENGAGEMENT = client_engagement

WORKLOAD_FIGURES = (
    WorkloadFigure(
        key="overdue_notes",
        label=_("Notes overdue"),
        count=overdue_notes_count,
        nudge_at=5,
        nudge=_("{count} notes are overdue. A protected half hour to catch up may help."),
    ),
)

# What the risk banner and the client-link pages in safety know of a safety plan.
SAFETY_PLAN_PROVIDER = safetyplans_provider.SAFETY_PLAN_PROVIDER

# Events drawn along the time axis of a client's measure charts.
CHART_EVENTS = (chart.attended_sessions,)

# What a booking must satisfy besides clients' own rules (clients/booking.py): each
# returns the sentence that refuses it, or None. The telehealth consent guards H-104.
BOOKING_CHECKS = (telehealth_consent_missing,)

# The first provider with a policy for the client wins; otherwise the practice default.
CONTACT_POLICY_PROVIDERS = (agreement_policy,)

# What each kind of client link opens (portal/handlers.py).
PORTAL_PAGES = {
    SAFETY_PLAN_LINK: safetyplans_portal.safety_plan,
    CHECKIN_LINK: safety_portal.checkin,
    MEASURE_LINK: measures_portal.complete_measure,
    "plan": plans_portal.sign_plan,
    "agreement": plans_portal.acknowledge_agreement,
    "feedback": plans_portal.session_feedback,
    "consent": privacy_portal.sign_consent,
    "release": privacy_portal.sign_release,
    "consent_withdraw": privacy_portal.withdraw_consent,
}

DEMO_STEPS = (
    DemoStep("safety", safety_demo.seed),
    DemoStep("safetyplans", safetyplans_demo.seed),
    DemoStep("measures", measures_demo.seed),
    DemoStep("plans", plans_demo.seed),
    DemoStep("notes", notes_demo.seed),
    DemoStep("privacy", privacy_demo.seed),
    DemoStep("wellbeing", wellbeing_demo.seed),
)
