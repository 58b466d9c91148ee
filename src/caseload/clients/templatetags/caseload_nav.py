from django import template
from django.urls import reverse

from caseload.clients.access import can_see_part
from caseload.clients.composition import (
    client_banners,
    client_tabs,
    nav_links_for,
    overview_panels,
)

register = template.Library()


@register.simple_tag(takes_context=True)
def extra_client_tabs(context, client):
    """The tabs other capabilities add to a client's record, those the user may open:
    [(label, url, is_current)]."""
    request = context["request"]
    here = request.resolver_match.view_name if request.resolver_match else ""
    return [
        (tab.label, reverse(tab.url_name, args=[client.pk]), here == tab.url_name)
        for tab in client_tabs()
        if can_see_part(request.user, tab.part)
    ]


@register.simple_tag(takes_context=True)
def nav_links(context):
    """[(link, url)] of the main navigation for the user's role (caseload/composition.py
    lists it); nothing before sign-in."""
    user = context["request"].user
    if not user.is_authenticated:
        return []
    return [(link, reverse(link.url_name)) for link in nav_links_for(user.role)]


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
