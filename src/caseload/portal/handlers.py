"""What each kind of link opens: a page per kind, listed in caseload/composition.py
(PORTAL_PAGES, kind -> view):

    def complete_measure(request: HttpRequest, link: PortalLink) -> HttpResponse: ...

The portal checks the link and the date of birth first; the page gets a link that this
browser session may use, and calls `portal_link_use` when it is done.
"""

from collections.abc import Callable, Mapping

from django.http import HttpRequest, HttpResponse

from caseload.core.composition import composed
from caseload.portal.models import PortalLink

Handler = Callable[[HttpRequest, PortalLink], HttpResponse]


def handler_for(kind: str) -> Handler | None:
    pages: Mapping[str, Handler] = composed("PORTAL_PAGES")
    return pages.get(kind)
