from django import template
from django.urls import reverse

from caseload.clients.access import can_see_part, parts_for
from caseload.clients.composition import (
    NAV_GROUPS,
    TAB_GROUPS,
    client_banners,
    nav_links_for,
    overview_panels,
    record_tabs,
)
from caseload.clients.selectors import ClientHeader, client_header

register = template.Library()


def _current(path: str, urls: list[str]) -> str | None:
    """The one of `urls` that `path` is under, the longest if several are: every page
    of a client lives under its tab's address (/notes/clients/7/12/ under the Notes tab
    /notes/clients/7/), so a sub-page highlights its tab with no list to keep."""
    # The home page's "/" is under nothing but itself: every address starts with it.
    under = [url for url in urls if path.startswith(url) and (url != "/" or path == "/")]
    return max(under, key=len) if under else None


@register.simple_tag(takes_context=True)
def client_menu(context, client):
    """The client's record as groups of tabs, those the user may open:
    [{key, label, url, current, tabs: [{label, url, current}]}], in TAB_GROUPS order; a
    group's own link opens its first tab. The tab the page is under is current, and so
    is its group."""
    request = context["request"]
    tabs = [
        (tab, reverse(tab.url_name, args=[client.pk]))
        for tab in record_tabs()
        if can_see_part(request.user, tab.part)
    ]
    here = _current(request.path, [url for _tab, url in tabs])
    groups = []
    for key, label in TAB_GROUPS:
        members = [
            {"label": tab.label, "url": url, "current": url == here}
            for tab, url in tabs
            if tab.group == key
        ]
        if members:
            current = any(member["current"] for member in members)
            groups.append(
                {"key": key, "label": label, "url": members[0]["url"], "current": current}
                | {"tabs": members}
            )
    return groups


@register.simple_tag(takes_context=True)
def nav_groups(context):
    """The main navigation for the user's role (caseload/composition.py lists it), by
    task: [(group label, [(link, url, current, count)])], `count` the number the link
    names (NavLink.count) or None; nothing before sign-in."""
    request = context["request"]
    user = request.user
    if not user.is_authenticated:
        return []
    links = [(link, reverse(link.url_name)) for link in nav_links_for(user.role)]
    # Every page of a client belongs to the caseload, wherever its app puts its address.
    # (clients/pages.py marks them.)
    path = reverse("clients:caseload") if context.get("client_page") else request.path
    here = _current(path, [url for _link, url in links])
    known = [key for key, _label in NAV_GROUPS]
    groups = []
    for key, label in NAV_GROUPS:
        # A link naming a group this list does not know is drawn in the last group.
        members = [
            (link, url, url == here, context.get(link.count) if link.count else None)
            for link, url in links
            if link.group == key or (key == known[-1] and link.group not in known)
        ]
        if members:
            groups.append((label, members))
    return groups


@register.simple_tag(takes_context=True)
def nav_links(context):
    """[(link, url)] of the main navigation for the user's role, in order; nothing
    before sign-in."""
    user = context["request"].user
    if not user.is_authenticated:
        return []
    return [(link, reverse(link.url_name)) for link in nav_links_for(user.role)]


@register.simple_tag(takes_context=True)
def can_search_clients(context) -> bool:
    """Whether the top bar offers the client search: to roles that see any client."""
    return bool(parts_for(context["request"].user))


@register.simple_tag(takes_context=True)
def client_header_of(context, client) -> ClientHeader:
    """The facts and quick actions of a client's header (clients/selectors.py)."""
    return client_header(context["request"].user, client)


@register.simple_tag(takes_context=True)
def client_overview_panels(context, client):
    """[(template, context)] of the overview panels other capabilities add, for those the
    user's role covers and that have something to show."""
    request = context["request"]
    panels = []
    for panel in overview_panels():
        if not can_see_part(request.user, panel.part):
            continue
        panel_context = panel.context(request, client)
        if panel_context is not None:
            panels.append((panel.template, panel_context))
    return panels


@register.simple_tag(takes_context=True)
def client_page_banners(context, client):
    """[(template, context)] of the warnings other capabilities put at the top of every
    page of a client (clients.composition.ClientBanner), for those the user's role covers
    and that have something to say."""
    request = context["request"]
    banners = []
    for banner in client_banners():
        if not can_see_part(request.user, banner.part):
            continue
        banner_context = banner.context(request, client)
        if banner_context is not None:
            banners.append((banner.template, banner_context))
    return banners
