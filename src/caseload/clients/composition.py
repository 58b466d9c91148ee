"""What the client record and the main navigation are made of: the entry types, and
the lists the top layer composes them into (caseload/composition.py, read through
core.composition). Each entry names the record part it needs (clients.access.Part), so
a tab, panel or banner never reaches, or even computes for, a role that does not cover
it; each navigation link names the roles it is for.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from caseload.accounts.models import Role
from caseload.clients.access import Part
from caseload.core.composition import composed

# The groups a clinician thinks of a record in, in the order of the client's menu. A tab
# names its group by key; a group no tab the user may open falls in is not drawn.
TAB_GROUPS: tuple[tuple[str, str | Promise], ...] = (
    ("overview", _("Overview")),
    ("clinical", _("Clinical")),
    ("safety", _("Safety")),
    ("plan", _("Plan and agreement")),
    ("legal", _("Legal")),
    ("timeline", _("Timeline")),
)

# The sidebar's groups, by task, in order; a link with no group of its own goes to the
# last.
NAV_GROUPS: tuple[tuple[str, str | Promise], ...] = (
    ("day", _("My day")),
    ("records", _("Records and duties")),
    ("team", _("Me and my team")),
    ("practice", _("Practice")),
)


@dataclass(frozen=True)
class ClientTab:
    label: str | Promise  # marked for translation
    url_name: str  # takes client_id
    part: Part
    group: str = "clinical"  # a key of TAB_GROUPS


@dataclass(frozen=True)
class NavLink:
    """A link in the main navigation. `alerts` marks the alerts inbox, drawn with the
    count of open alerts beside it; `count` names another number in the page's context
    (a lazy one, from a context processor) drawn beside the link when it is not 0."""

    label: str | Promise
    url_name: str
    roles: frozenset[Role]
    alerts: bool = False
    group: str = "practice"  # a key of NAV_GROUPS
    count: str = ""


@dataclass(frozen=True)
class ClientAction:
    """A quick action in a client's header (book, note, measure, ...): a link to the
    page that does it, for roles that cover `part`."""

    label: str | Promise
    url_name: str  # takes client_id
    part: Part


@dataclass(frozen=True)
class ClientFact:
    """A fact in a client's header beside the next appointment, e.g. the last measure
    and its trend. `value(client)` returns the template's context, or None to show
    nothing; it runs a constant number of queries, whatever the client's history."""

    key: str
    template: str
    part: Part
    value: Callable[..., dict | None] = field(compare=False)


# The record's own tabs, before those other capabilities add (CLIENT_TABS).
RECORD_TABS = (
    ClientTab(_("Overview"), "clients:detail", Part.DEMOGRAPHICS, "overview"),
    ClientTab(_("Their perspective"), "clients:perspective", Part.CLINICAL, "overview"),
    ClientTab(_("Communication"), "clients:communication", Part.COMMUNICATION, "overview"),
    ClientTab(_("Appointments"), "clients:appointments", Part.DEMOGRAPHICS, "overview"),
    ClientTab(_("Episodes of care"), "clients:episodes", Part.DEMOGRAPHICS, "overview"),
    ClientTab(_("Care team"), "clients:care_team", Part.DIRECTORY, "overview"),
)


@dataclass(frozen=True)
class OverviewPanel:
    """A panel on a client's overview page (clients/detail.html), for what the clinician
    should see on opening the record, e.g. feedback to read before the next session.
    `context(request, client)` returns the template's context, or None to show nothing."""

    key: str
    template: str
    part: Part
    context: Callable[..., dict | None] = field(compare=False)


@dataclass(frozen=True)
class ClientBanner:
    """A warning at the top of every page of a client, above the page's own content and
    in print, e.g. the risk banner (safety/banner.py). `context(request, client)`
    returns the template's context, or None to show nothing."""

    key: str
    template: str
    part: Part
    context: Callable[..., dict | None] = field(compare=False)


def timeline_engagement(client) -> object:
    """The attendance and engagement summary drawn above a client's timeline, from the
    composition's TIMELINE_ENGAGEMENT (notes/engagement.py computes it)."""
    return composed("TIMELINE_ENGAGEMENT")(client)


def client_tabs() -> tuple[ClientTab, ...]:
    """The tabs of a client's record after its overview, in order."""
    return composed("CLIENT_TABS")


def record_tabs() -> tuple[ClientTab, ...]:
    """Every tab of a client's record, the record's own first, in order."""
    return RECORD_TABS + client_tabs()


def client_actions() -> tuple[ClientAction, ...]:
    return composed("CLIENT_ACTIONS")


def client_facts() -> tuple[ClientFact, ...]:
    return composed("CLIENT_FACTS")


def nav_links_for(role: str) -> list[NavLink]:
    """The main navigation for `role`, in order."""
    return [link for link in composed("NAV_LINKS") if role in link.roles]


def overview_panels() -> tuple[OverviewPanel, ...]:
    return composed("OVERVIEW_PANELS")


def client_banners() -> tuple[ClientBanner, ...]:
    return composed("CLIENT_BANNERS")
