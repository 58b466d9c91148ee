from django.urls import path

from caseload.safety import checkin_views, plan_views

# Safety plans and between-session check-ins (their own module beside alerts and crises).
app_name = "safetyplans"
urlpatterns = [
    path("clients/<int:client_id>/safety-plan/", plan_views.plan, name="plan"),
    path("clients/<int:client_id>/safety-plan/edit/", plan_views.edit, name="edit"),
    path(
        "clients/<int:client_id>/safety-plan/versions/<int:number>/",
        plan_views.version,
        name="version",
    ),
    path("clients/<int:client_id>/safety-plan/print/", plan_views.print_plan, name="print"),
    path("clients/<int:client_id>/safety-plan/link/", plan_views.link_create, name="plan_link"),
    path(
        "clients/<int:client_id>/links/<int:portal_link_id>/withdraw/",
        plan_views.link_revoke,
        name="link_revoke",
    ),
    path("clients/<int:client_id>/checkins/", checkin_views.checkins, name="checkins"),
    path("clients/<int:client_id>/checkins/new/", checkin_views.record, name="checkin_new"),
    path(
        "clients/<int:client_id>/checkins/<int:checkin_id>/",
        checkin_views.checkin,
        name="checkin",
    ),
    path(
        "clients/<int:client_id>/checkins/link/",
        checkin_views.link_create,
        name="checkin_link",
    ),
]
