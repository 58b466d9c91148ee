"""The audit trail's search and export pages, the privacy officer's (URL names
`audit:...`). They live with the privacy officer's other pages, above `accounts`, whose
roles they check; the audit app below keeps the log, its search and its verifier."""

from django.urls import path

from caseload.privacy import audit_views as views

app_name = "audit"
urlpatterns = [
    path("", views.search, name="search"),
    path("export.csv", views.export_csv, name="export"),
    path("events/<int:seq>/", views.event, name="event"),
]
