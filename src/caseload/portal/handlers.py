"""What each kind of link opens. An app registers a view for its kind:

    @portal_handler("measure")
    def complete_measure(request, link): ...

The portal checks the link and the date of birth first; the handler gets a link that
this browser session may use, and calls `portal_link_use` when it is done.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from caseload.portal.models import PortalLink

Handler = Callable[[HttpRequest, PortalLink], HttpResponse]
_HANDLERS: dict[str, Handler] = {}


def portal_handler(kind: str) -> Callable[[Handler], Handler]:
    def register(view: Handler) -> Handler:
        if kind in _HANDLERS and _HANDLERS[kind] is not view:
            raise ValueError(f"a portal handler for {kind!r} is registered twice")
        _HANDLERS[kind] = view
        return view

    return register


def handler_for(kind: str) -> Handler | None:
    return _HANDLERS.get(kind)
