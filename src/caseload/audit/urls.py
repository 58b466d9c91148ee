from django.urls import path

from caseload.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.search, name="search"),
    path("export.csv", views.export_csv, name="export"),
]
