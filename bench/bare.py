"""The yardstick: the smallest page Django can serve through the same middleware, one
query and a small template, mounted beside caseload's own URLs."""

from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from caseload.urls import handler403, handler404
from caseload.urls import urlpatterns as caseload_urlpatterns

TEMPLATE = engines["django"].from_string(
    "<!doctype html><title>bare</title><p>{{ users }} staff account{{ users|pluralize }}.</p>"
)


def bare_view(request):
    return HttpResponse(TEMPLATE.render({"users": get_user_model().objects.count()}))


urlpatterns = [*caseload_urlpatterns, path("bench/bare/", bare_view, name="bench-bare")]
__all__ = ["handler403", "handler404", "urlpatterns"]
