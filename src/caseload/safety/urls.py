from django.urls import path

from caseload.safety import views

app_name = "safety"
urlpatterns = [
    path("alerts/", views.inbox, name="inbox"),
    path("alerts/<int:alert_id>/", views.alert, name="alert"),
]
