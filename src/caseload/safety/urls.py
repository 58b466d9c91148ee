from django.urls import path

from caseload.safety import checkin_views, link_views, views

app_name = "safety"
urlpatterns = [
    path("alerts/", views.inbox, name="inbox"),
    path("alerts/<int:alert_id>/", views.alert, name="alert"),
    path("tasks/", views.tasks, name="tasks"),
    path("settings/", views.practice_settings, name="practice_settings"),
    path("clients/<int:client_id>/", views.client_safety, name="client"),
    path(
        "clients/<int:client_id>/assessments/new/",
        views.assessment_new,
        name="assessment_new",
    ),
    path(
        "clients/<int:client_id>/assessments/<int:assessment_id>/",
        views.assessment,
        name="assessment",
    ),
    path("clients/<int:client_id>/crisis/new/", views.crisis_start, name="crisis_start"),
    path("clients/<int:client_id>/crisis/<int:crisis_id>/", views.crisis, name="crisis"),
    path(
        "clients/<int:client_id>/crisis/<int:crisis_id>/steps/<int:crisis_step_id>/",
        views.crisis_step,
        name="crisis_step",
    ),
    path(
        "clients/<int:client_id>/crisis/<int:crisis_id>/close/",
        views.crisis_close,
        name="crisis_close",
    ),
    path(
        "clients/<int:client_id>/follow-ups/<int:follow_up_id>/done/",
        views.follow_up_done,
        name="follow_up_done",
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
    # Withdraws either kind of the client's link (safety plan or check-ins).
    path(
        "clients/<int:client_id>/links/<int:portal_link_id>/withdraw/",
        link_views.link_revoke,
        name="link_revoke",
    ),
]
