from django import template
from django.urls import reverse

from caseload.clients.access import Part, can_see_part
from caseload.core.registry import client_banners, client_tabs, nav_links_for, overview_panels

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
        if can_see_part(request.user, Part(tab.part))
    ]


@register.simple_tag(takes_context=True)
def extra_nav_links(context):
    """[(label, url)] of the main navigation links other capabilities add for this role."""
    user = context["request"].user
    if not user.is_authenticated:
        return []
    return [(link.label, reverse(link.url_name)) for link in nav_links_for(user.role)]


@register.simple_tag(takes_context=True)
def client_overview_panels(context, client):
    """[(template, context)] of the overview panels other capabilities add, for those the
    user's role covers and that have something to show."""
    request = context["request"]
    panels = []
    for panel in overview_panels():
        if not can_see_part(request.user, Part(panel.part)):
            continue
        panel_context = panel.context(request, client)
        if panel_context is not None:
            panels.append((panel.template, panel_context))
    return panels


@register.simple_tag(takes_context=True)
def client_page_banners(context, client):
    """[(template, context)] of the warnings other capabilities put at the top of every
    page of a client (core.registry.ClientBanner), for those the user's role covers and
    that have something to say."""
    request = context["request"]
    banners = []
    for banner in client_banners():
        if not can_see_part(request.user, Part(banner.part)):
            continue
        banner_context = banner.context(request, client)
        if banner_context is not None:
            banners.append((banner.template, banner_context))
    return banners
