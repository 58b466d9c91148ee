from django.urls import path

from caseload.safetyplans import views

app_name = "safetyplans"
urlpatterns = [
    path("clients/<int:client_id>/safety-plan/", views.plan, name="plan"),
    path("clients/<int:client_id>/safety-plan/edit/", views.edit, name="edit"),
    path(
        "clients/<int:client_id>/safety-plan/versions/<int:number>/",
        views.version,
        name="version",
    ),
    path("clients/<int:client_id>/safety-plan/print/", views.print_plan, name="print"),
    path("clients/<int:client_id>/safety-plan/link/", views.link_create, name="plan_link"),
]
