from django.urls import path

from caseload.today import views

app_name = "today"
urlpatterns = [
    path(
        "appointments/<int:client_id>/<int:appointment_id>/attendance/",
        views.attendance,
        name="attendance",
    ),
]
