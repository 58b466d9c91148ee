from django.urls import path

from caseload.wellbeing import views

app_name = "wellbeing"
urlpatterns = [
    path("", views.home, name="home"),
    path("self-check/", views.self_check_new, name="self_check_new"),
    path("self-check/<int:check_id>/", views.self_check, name="self_check"),
    path("team/", views.team, name="team"),
    path("workload/", views.workload_page, name="workload"),
    path("workload/<int:user_id>/", views.supervisee_workload, name="supervisee_workload"),
    path("assignment/", views.assignment_page, name="assignment"),
    path("settings/", views.settings_page, name="settings"),
    path("clients/<int:client_id>/contacts/", views.contacts, name="contacts"),
    path("boundaries/", views.boundaries, name="boundaries"),
    path("boundaries/<int:event_id>/flag/", views.boundary_flag, name="boundary_flag"),
    path("supervision/", views.supervision, name="supervision"),
    path("supervision/new/<int:user_id>/", views.supervision_new, name="supervision_new"),
    path("supervision/<int:session_id>/", views.supervision_session, name="supervision_session"),
    path("supervision/actions/<int:action_id>/done/", views.action_done, name="action_done"),
]
