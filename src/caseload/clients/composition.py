"""What the client record and the main navigation are made of: the entry types, and
the lists the top layer composes them into (caseload/composition.py, read through
core.composition). Each entry names the record part it needs (clients.access.Part), so
a tab, panel or banner never reaches, or even computes for, a role that does not cover
it; each navigation link names the roles it is for.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise

from caseload.accounts.models import Role
from caseload.clients.access import Part
from caseload.core.composition import composed


@dataclass(frozen=True)
class ClientTab:
    label: str | Promise  # marked for translation
    url_name: str  # takes client_id
    part: Part


@dataclass(frozen=True)
class NavLink:
    """A link in the main navigation. `alerts` marks the alerts inbox, drawn with the
    count of open alerts beside it."""

    label: str | Promise
    url_name: str
    roles: frozenset[Role]
    alerts: bool = False


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


def nav_links_for(role: str) -> list[NavLink]:
    """The main navigation for `role`, in order."""
    return [link for link in composed("NAV_LINKS") if role in link.roles]


def overview_panels() -> tuple[OverviewPanel, ...]:
    return composed("OVERVIEW_PANELS")


def client_banners() -> tuple[ClientBanner, ...]:
    return composed("CLIENT_BANNERS")
