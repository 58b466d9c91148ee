"""Places where each capability adds itself, so apps do not edit one another's files:
tabs on a client's record, links in the main navigation, and demo data.

Each app registers in its AppConfig.ready() (tabs, nav) or in `<app>/demo.py` (demo).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ClientTab:
    label: str  # already marked for translation by the caller
    url_name: str  # takes client_id
    part: str  # clients.access.Part value the tab needs
    order: int = 100


@dataclass(frozen=True)
class NavLink:
    label: str
    url_name: str
    roles: frozenset[str]
    order: int = 100


_CLIENT_TABS: list[ClientTab] = []
_NAV_LINKS: list[NavLink] = []


def register_client_tab(tab: ClientTab) -> None:
    if tab not in _CLIENT_TABS:
        _CLIENT_TABS.append(tab)


def register_nav_link(link: NavLink) -> None:
    if link not in _NAV_LINKS:
        _NAV_LINKS.append(link)


def client_tabs() -> list[ClientTab]:
    return sorted(_CLIENT_TABS, key=lambda tab: tab.order)


def nav_links_for(role: str) -> list[NavLink]:
    return sorted((link for link in _NAV_LINKS if role in link.roles), key=lambda link: link.order)


@dataclass(frozen=True)
class OverviewPanel:
    """A panel on a client's overview page (clients/detail.html), for what the clinician
    should see on opening the record, e.g. feedback to read before the next session.
    `context(request, client)` returns the template's context, or None to show nothing;
    it is called only for users whose role covers `part`."""

    key: str
    template: str
    part: str  # clients.access.Part value the panel needs
    context: Callable[..., dict | None]
    order: int = 100


_OVERVIEW_PANELS: dict[str, OverviewPanel] = {}


def register_overview_panel(panel: OverviewPanel) -> None:
    _OVERVIEW_PANELS[panel.key] = panel


def overview_panels() -> list[OverviewPanel]:
    return sorted(_OVERVIEW_PANELS.values(), key=lambda panel: (panel.order, panel.key))


@dataclass(frozen=True)
class ClientBanner:
    """A warning at the top of every page of a client, above the page's own content and
    in print, e.g. the risk banner (safety/banner.py). `context(request, client)` returns
    the template's context, or None to show nothing; it is called only for users whose
    role covers `part`, so a banner never reaches, or even computes for, anyone else."""

    key: str
    template: str
    part: str  # clients.access.Part value the banner needs
    context: Callable[..., dict | None]
    order: int = 100


_CLIENT_BANNERS: dict[str, ClientBanner] = {}


def register_client_banner(banner: ClientBanner) -> None:
    _CLIENT_BANNERS[banner.key] = banner


def client_banners() -> list[ClientBanner]:
    return sorted(_CLIENT_BANNERS.values(), key=lambda banner: (banner.order, banner.key))


DemoSeeder = Callable[..., None]
