from django.urls import path

from caseload.scheduling import views

app_name = "scheduling"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("book/", views.book, name="book"),
    path("appointments/<int:appointment_id>/attendance/", views.attendance, name="attendance"),
    path("feed/", views.feed, name="feed"),
    path("feed/<str:feed_token>.ics", views.feed_ics, name="feed_ics"),
]
