from django.urls import path

from caseload.measures import views

app_name = "measures"
urlpatterns = [
    path("clients/<int:client_id>/", views.client_measures, name="client"),
    path("clients/<int:client_id>/record/<str:code>/", views.entry, name="entry"),
    path("clients/<int:client_id>/chart/<str:code>/", views.chart_page, name="chart"),
    path("clients/<int:client_id>/plans/", views.plan_save, name="plan_save"),
    path("clients/<int:client_id>/plans/<int:plan_id>/stop/", views.plan_stop, name="plan_stop"),
    path("clients/<int:client_id>/links/", views.link_send, name="link_send"),
    path(
        "clients/<int:client_id>/links/<int:measure_link_id>/revoke/",
        views.link_revoke,
        name="link_revoke",
    ),
    path("outcomes/", views.outcomes_page, name="outcomes"),
    path("outcomes.csv", views.outcomes_csv, name="outcomes_csv"),
]
