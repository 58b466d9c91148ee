from django.urls import path

from caseload.clients import timeline_views, views

app_name = "clients"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("new/", views.client_new, name="new"),
    path("<int:client_id>/", views.detail, name="detail"),
    path("<int:client_id>/edit/", views.edit, name="edit"),
    path("<int:client_id>/perspective/", views.perspective, name="perspective"),
    path("<int:client_id>/communication/", views.communication, name="communication"),
    path("<int:client_id>/care-team/", views.care_team, name="care_team"),
    path(
        "<int:client_id>/care-team/<int:member_id>/remove/",
        views.care_team_remove,
        name="care_team_remove",
    ),
    path("<int:client_id>/appointments/", views.appointments, name="appointments"),
    path(
        "<int:client_id>/appointments/<int:appointment_id>/attendance/",
        views.attendance,
        name="attendance",
    ),
    path(
        "<int:client_id>/appointments/<int:appointment_id>/move/",
        views.appointment_move,
        name="appointment_move",
    ),
    path("<int:client_id>/episodes/", views.episodes, name="episodes"),
    path("<int:client_id>/timeline/", timeline_views.client_timeline, name="timeline"),
    path(
        "<int:client_id>/episodes/<int:episode_id>/close/",
        views.episode_close,
        name="episode_close",
    ),
]
